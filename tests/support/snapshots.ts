import { checkApplication, EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../app/domain/application-draft";
import { DEFAULT_PROGRAMME_PARAMETERS, findProgrammeParameters, type Menu1Activity, type Programme } from "../../app/domain/programmes";
import type { SubmittedSnapshot } from "../../app/domain/submitted-version";
import { TOYAMA } from "./records";

export interface LineSpec {
  category: string;
  activity?: string;
  description: string;
  /** Typed as the form takes it: "1,500,000", or quantity × unit price. */
  amount?: string;
  quantity?: string;
  unitPrice?: string;
}

/** A Menu 1 budget: platform, ①, ③ and ⑦; a line given as quantity × unit price, and a 対象外経費 line. */
export const MENU1_BUDGET: LineSpec[] = [
  { category: "honoraria", activity: "platform", description: "委員謝金", quantity: "10", unitPrice: "20,000" },
  { category: "outsourcing", activity: "a1", description: "調査委託", amount: "2,000,000" },
  { category: "subsidies", activity: "a7", description: "居場所補助", amount: "１，５００，０００円" },
  { category: "ineligible", activity: "a3", description: "懇親会", amount: "100,000" },
  { category: "travel", activity: "platform", description: "旅費", amount: "123,457" },
];

/** The worked example of docs/domain.md §3 (Menu 2): grant 4,466,000円, share 2,534,000円. */
export const MENU2_BUDGET: LineSpec[] = [
  { category: "salaries", description: "コーディネーター", amount: "4,000,000" },
  { category: "outsourcing", description: "講習会運営", amount: "3,000,000" },
  { category: "ineligible", description: "懇親会", amount: "200,000" },
];

/**
 * A submitted version's snapshot as the service freezes it: the draft, its calculation with the default
 * parameters of 令和8年度, and the applicant as it stood.
 */
export function submittedSnapshot(
  programme: Programme,
  budget: readonly LineSpec[],
  { otherIncome = "", corporateNumber = null as string | null, version = 1 } = {},
): SubmittedSnapshot {
  const draft: ApplicationDraft = emptyDraft(programme);
  draft.purpose = "孤独・孤立対策の推進";
  if (programme === "prefectural") {
    draft.activities = (["platform", "a1", "a3", "a7"] as Menu1Activity[]).map((code) => ({ code, content: "内容", months: [4], indicators: "" }));
  } else {
    draft.areaPrefectures = ["13", "14"];
  }
  draft.lines = budget.map((l) => ({ ...EMPTY_BUDGET_LINE, activity: "", amount: "", quantity: "", unitPrice: "", ...l }));
  draft.otherIncome = otherIncome;
  const parameters = findProgrammeParameters(DEFAULT_PROGRAMME_PARAMETERS, 2026, programme)!;
  const check = checkApplication(programme, 2026, draft, [parameters]);
  return {
    version,
    programme,
    fiscalYear: 2026,
    organisation: { ...TOYAMA, corporate_number: corporateNumber, prefecture_code: programme === "prefectural" ? "16" : null },
    draft,
    calculation: check.result,
    requestedAmount: check.requestedAmount,
    acknowledgedWarnings: [],
    attachments: [],
    parameters,
    submittedAt: "2026-11-27T15:30:00.000Z",
    submittedBy: { userId: 1, name: "申請 太郎" },
  };
}
