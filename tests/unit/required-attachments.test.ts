import { describe, expect, it } from "vitest";
import { missingAttachments, missingAttachmentsMessage, requiredAttachments } from "../../app/domain/required-attachments";

describe("the documents a submission needs", () => {
  it("asks Menu 1 for the budget extract and the platform's rules", () => {
    expect(requiredAttachments("prefectural", { consortium: false }).map((r) => r.documents)).toEqual([["budget_extract"], ["rules"]]);
  });

  it("asks Menu 2 for articles or rules and an annual report, and a consortium for its agreement too", () => {
    expect(requiredAttachments("intermediary", { consortium: false }).map((r) => r.documents)).toEqual([["articles", "rules"], ["annual_report"]]);
    expect(requiredAttachments("intermediary", { consortium: true }).map((r) => r.label)).toEqual(["定款又は規約", "事業報告書", "コンソーシアム協定書"]);
  });

  it("is met by a file of any of a requirement's kinds, and names what is still missing", () => {
    expect(missingAttachments("intermediary", { consortium: true }, ["rules", "other"]).map((r) => r.label)).toEqual(["事業報告書", "コンソーシアム協定書"]);
    expect(missingAttachments("intermediary", { consortium: false }, ["articles", "annual_report"])).toEqual([]);
    expect(missingAttachmentsMessage(missingAttachments("prefectural", { consortium: false }, ["other"]))).toBe(
      "提出に必要な添付書類が足りません：予算書抄本（交付金を計上した予算の抄本）、官民連携プラットフォームの規約。添付してから提出してください。",
    );
  });
});
