import { describe, expect, it } from "vitest";
import { breakUnits } from "../../app/pdf/line-breaking";

describe("where a line of a document may break", () => {
  it("keeps numbers and Latin words whole", () => {
    expect(breakUnits("居場所10か所")).toEqual(["居", "場", "所", "10", "か", "所"]);
    expect(breakUnits("金4,000,000円")).toEqual(["金", "4,000,000", "円"]);
    expect(breakUnits("回答３，０００件")).toEqual(["回", "答", "３，０００", "件"]);
    expect(breakUnits("kodoku@pref.example.lg.jp宛")).toEqual(["kodoku@pref.example.lg.jp", "宛"]);
  });

  it("never starts a line with closing punctuation, small kana or ー (行頭禁則)", () => {
    expect(breakUnits("プラットフォーム。")).toEqual(["プ", "ラッ", "ト", "フォー", "ム。"]);
    expect(breakUnits("会議（年4回）、")).toEqual(["会", "議", "（年", "4", "回）、"]);
  });

  it("never ends a line with an opening bracket (行末禁則)", () => {
    expect(breakUnits("「居場所」")).toEqual(["「居", "場", "所」"]);
  });

  it("loses no character", () => {
    const text = "令和8年度孤独・孤立対策推進交付金（メニュー1）について、下記のとおり申請します。ABC-123 / 10.95%";
    expect(breakUnits(text).join("")).toBe(text);
  });
});
