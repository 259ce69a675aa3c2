import { describe, expect, it } from "vitest";
import { storableText, storableValue } from "../../app/domain/text";

describe("storable text", () => {
  it.each([
    ["孤独・孤立対策", "孤独・孤立対策"],
    ["a\u0000b\u0000", "ab"],
    ["絵文字😀はそのまま", "絵文字😀はそのまま"],
    ["前半だけ\ud83d", "前半だけ\ufffd"],
    ["\ude00後半だけ", "\ufffd後半だけ"],
  ])("keeps what can be stored and mends what cannot: %j", (typed, stored) => {
    expect(storableText(typed)).toBe(stored);
  });

  it("mends every string of a parsed JSON value, keys included, and leaves the rest", () => {
    expect(storableValue({ "a\u0000": ["x\u0000", 1, null, { b: "\ud800" }], n: 2, t: true })).toEqual({ a: ["x", 1, null, { b: "\ufffd" }], n: 2, t: true });
  });
});
