import { calculateGrant } from "../../../app/domain/grant-calculation";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../../app/forms/application";
import type { ApplicationRecord } from "../../../app/pdf/application-form";

/** A submitted Menu 1 application of 富山県 with `lines` budget lines, for the document tests. */
export function record(lines: number): ApplicationRecord {
  const draft: ApplicationDraft = emptyDraft("prefectural");
  draft.purpose = "県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握する。".repeat(3);
  draft.activities = [
    { code: "platform", content: "プラットフォームの運営", months: [4, 5], indicators: "会議4回" },
    { code: "a2", content: "実態調査", months: [6], indicators: "回答1,000件" },
    { code: "a7", content: "居場所の設置", months: [7, 8], indicators: "10か所" },
  ];
  draft.lines = Array.from({ length: lines }, (_, i) => ({
    ...EMPTY_BUDGET_LINE,
    category: i % 2 ? "travel" : "honoraria",
    activity: "platform",
    description: `明細${i + 1}`,
    amount: String(10_000 + i),
  }));
  const calculation = calculateGrant({
    program: "prefectural",
    fiscalYear: 2026,
    activities: ["platform", "a2", "a7"],
    otherIncome: 0,
    lines: draft.lines.map((l) => ({ category: l.category, activity: l.activity, amount: Number(l.amount) })),
  });
  return {
    version: 1,
    programme: "prefectural",
    fiscalYear: 2026,
    organisation: {
      name: "富山県",
      representative_title: "富山県知事",
      representative_name: "富山 一郎",
      postal_code: "930-8501",
      address: "富山県富山市新総曲輪1番7号",
      contact_person: "厚生企画課",
      contact_phone: "076-444-3200",
      contact_email: "kodoku@pref.example.lg.jp",
    },
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}
