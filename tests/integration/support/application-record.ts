import { corporateNumberCheckDigit } from "../../../app/domain/corporate-number";
import { calculateGrant } from "../../../app/domain/grant-calculation";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../../app/domain/application-draft";
import type { ApplicationRecord } from "../../../app/pdf/application-form";
import { TOYAMA } from "../../support/records";

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
    organisation: TOYAMA,
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}

const NPO_BASE = "230005012345";

/**
 * A submitted Menu 2 application of an NPO leading a two-member consortium across 富山県 and 石川県, with
 * `lines` budget lines and a donation counted as other income.
 */
export function menu2Record(lines: number): ApplicationRecord {
  const draft: ApplicationDraft = emptyDraft("intermediary");
  const corporateNumber = `${corporateNumberCheckDigit(NPO_BASE)}${NPO_BASE}`;
  draft.purpose = "北陸地域の小規模なNPO等を伴走支援し、担い手を育成する。".repeat(3);
  draft.consortium = true;
  draft.members = [
    { name: "特定非営利活動法人とやまつながりネット", corporateNumber, role: "代表団体", share: "全体の統括、伴走支援" },
    { name: "一般社団法人いしかわ居場所フォーラム", corporateNumber: "", role: "構成団体", share: "講習会の運営" },
  ];
  draft.areaPrefectures = ["16", "17"];
  draft.plan = {
    npoSupport: "県内外の小規模なNPO等20団体に専門家を派遣する。",
    networking: "年4回の交流会でNPO等の連携を促す。",
    tiesModels: "",
    digitalisation: "",
  };
  draft.lines = Array.from({ length: lines }, (_, i) => ({
    ...EMPTY_BUDGET_LINE,
    category: i % 2 ? "travel" : "honoraria",
    description: `明細${i + 1}`,
    amount: String(20_000 + i),
  }));
  draft.otherIncome = "5000";
  const calculation = calculateGrant({
    program: "intermediary",
    fiscalYear: 2026,
    areaPrefectures: draft.areaPrefectures,
    otherIncome: Number(draft.otherIncome),
    lines: draft.lines.map((l) => ({ category: l.category, amount: Number(l.amount) })),
  });
  return {
    version: 1,
    programme: "intermediary",
    fiscalYear: 2026,
    organisation: {
      name: "特定非営利活動法人とやまつながりネット",
      representative_title: "理事長",
      representative_name: "立山 花子",
      postal_code: "930-0083",
      address: "富山県富山市総曲輪2丁目1番3号",
      contact_person: "事務局 黒部",
      contact_phone: "076-400-0000",
      contact_email: "office@npo.example.jp",
    },
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}

/**
 * The Menu 1 application of `record(lines)` with other income: `otherIncome` yen from `source`. The grant is
 * computed with it, so a figure above the total cost gives the grant (0) and the finding a draft would have.
 */
export function recordWithOtherIncome(lines: number, otherIncome: number, source: string): ApplicationRecord {
  const r = record(lines);
  r.draft.otherIncome = String(otherIncome);
  r.draft.otherIncomeSource = source;
  r.calculation = calculateGrant({
    program: "prefectural",
    fiscalYear: 2026,
    activities: r.draft.activities.map((a) => a.code),
    otherIncome,
    lines: r.draft.lines.map((l) => ({ category: l.category, activity: l.activity, amount: Number(l.amount) })),
  });
  r.requestedAmount = r.calculation.grantAmount;
  return r;
}

/** Files attached to a Menu 1 version, in the order they were uploaded. */
export const MENU1_ATTACHMENTS: NonNullable<ApplicationRecord["attachments"]> = [
  { document_type: "budget_extract", file_name: "令和8年度富山県一般会計補正予算書（抄本）.pdf" },
  { document_type: "other", file_name: "platform-members_2026.xlsx" },
];

/** Files attached to a Menu 2 version: the consortium's rules and the lead's accounts. */
export const MENU2_ATTACHMENTS: NonNullable<ApplicationRecord["attachments"]> = [
  { document_type: "rules", file_name: "コンソーシアム規約.pdf" },
  { document_type: "articles", file_name: "定款_とやまつながりネット.pdf" },
  { document_type: "annual_report", file_name: "令和7年度事業報告書.pdf" },
  { document_type: "financial_statements", file_name: "令和7年度財務諸表.pdf" },
];
