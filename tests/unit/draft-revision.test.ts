import { describe, expect, it } from "vitest";
import { decideSave } from "../../app/domain/draft-revision";

describe("deciding a save of a draft by its revision", () => {
  const stored = { plans: "保存済み", rows: [{ amount: "100" }] };

  it("writes a change based on the latest revision, with what changed", () => {
    expect(decideSave({ stored, currentRevision: 3, sent: { ...stored, plans: "新しい" }, sentRevision: 3 })).toEqual({
      kind: "write",
      changes: [{ path: "plans", before: "保存済み", after: "新しい" }],
    });
  });

  it("writes nothing when nothing changed, whichever revision it was based on", () => {
    expect(decideSave({ stored, currentRevision: 3, sent: stored, sentRevision: 3 })).toEqual({ kind: "unchanged" });
    expect(decideSave({ stored, currentRevision: 3, sent: structuredClone(stored), sentRevision: 1 })).toEqual({ kind: "unchanged" });
  });

  it("refuses a different content based on an older revision, as a conflict naming what is stored", () => {
    expect(decideSave({ stored, currentRevision: 3, sent: { ...stored, rows: [{ amount: "200" }] }, sentRevision: 2 })).toEqual({
      kind: "conflict",
      changes: [{ path: "rows.0.amount", before: "200", after: "100" }],
    });
  });
});
