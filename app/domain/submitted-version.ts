/**
 * A submitted version (第N版) of an application: the draft as it was submitted, frozen with the calculation,
 * the warnings the applicant acknowledged, the attachments' hashes and the programme parameters used. The
 * service writes it once at submission; the version pages, the 交付申請書 and the steps after submission
 * read it back through `readSnapshot`.
 */
import { applicationNumberOf, checkApplication, MENU2_PLAN_FIELDS, readDraft, type ApplicationDraft } from "./application-draft";
import { calculateGrant, type Finding, type GrantInput, type GrantResult } from "./grant-calculation";
import { japanToday } from "./japan-time";
import type { BudgetLineSnapshot, PartySnapshot, PlanItem } from "./proceedings";
import { isMenu1Activity, PARAMETER_DEFAULTS, type Programme, type ProgrammeParameters } from "./programmes";
import type { DocumentSettings } from "./document-settings";

export interface AttachmentSnapshot {
  id: number;
  document_type: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: string;
}

export interface SubmittedSnapshot {
  version: number;
  programme: Programme;
  fiscalYear: number;
  /** The applicant as it stood at submission. */
  organisation: PartySnapshot & { corporate_number: string | null; prefecture_code: string | null };
  draft: ApplicationDraft;
  calculation: GrantResult;
  requestedAmount: number;
  acknowledgedWarnings: Finding[];
  attachments: AttachmentSnapshot[];
  parameters: ProgrammeParameters;
  /** What the 交付申請書 prints, as the fiscal year's settings stood at submission; absent in older versions: the defaults. */
  documents?: DocumentSettings;
  /** ISO instant. */
  submittedAt: string;
  submittedBy: { userId: number; name: string };
}

/** A snapshot as stored: the draft read again through its schema, so an older shape still reads. */
export function readSnapshot(stored: SubmittedSnapshot): SubmittedSnapshot {
  return { ...stored, draft: readDraft(stored.draft), parameters: { ...PARAMETER_DEFAULTS, ...stored.parameters } };
}

/** What the steps after submission need of the version they act on: its figures and budget lines in yen. */
export interface SubmittedVersion {
  version: number;
  /** The day it was submitted, in Japan ("YYYY-MM-DD"). */
  submittedOn: string;
  requestedAmount: number;
  calculation: GrantResult;
  parameters: ProgrammeParameters;
  /** The grant input of the submitted budget, so a changed or actual budget is computed the same way. */
  input: GrantInput;
  /** The submitted lines, frozen into the decision; later steps read them from there (currentBudget). */
  lines: BudgetLineSnapshot[];
  /** The submitted plan; a change may replace it (currentPlan). */
  plan: PlanItem[];
  /** The applicant's 文書番号 of its 交付申請書 ("" when it gave none), cited by the decision. */
  applicationNumber: string;
  /** Where other income comes from, as the application names it (printed on the 収支決算書). */
  otherIncomeSource: string;
}

/** The plan of a draft as the steps after submission see it: Menu 1's activities, or Menu 2's four parts of the work. */
export function planOf(programme: Programme, draft: ApplicationDraft): PlanItem[] {
  return programme === "prefectural"
    ? draft.activities.map((a) => ({ key: a.code, content: a.content }))
    : MENU2_PLAN_FIELDS.map(([key]) => ({ key, content: draft.plan[key] }));
}

export function submittedVersionOf(stored: SubmittedSnapshot, submittedAt: Date): SubmittedVersion {
  const snapshot = readSnapshot(stored);
  const { input } = checkApplication(snapshot.programme, snapshot.fiscalYear, snapshot.draft, [snapshot.parameters]);
  return {
    version: snapshot.version,
    submittedOn: japanToday(submittedAt),
    requestedAmount: snapshot.requestedAmount,
    calculation: snapshot.calculation,
    parameters: snapshot.parameters,
    input,
    lines: input.lines.map((l) => ({ category: l.category, activity: l.activity ?? "", description: l.description ?? "", amount: l.amount })),
    plan: planOf(snapshot.programme, snapshot.draft),
    applicationNumber: applicationNumberOf(snapshot.draft),
    otherIncomeSource: snapshot.draft.otherIncomeSource.trim(),
  };
}

/**
 * The grant of another budget (changed, or actually spent) computed exactly as the submitted one was, under
 * the plan in force (a change may add or remove Menu 1 activities).
 */
export function recomputeGrant(version: SubmittedVersion, lines: readonly BudgetLineSnapshot[], otherIncome: number, plan: readonly PlanItem[]): GrantResult {
  return calculateGrant(grantInputOf(version, lines, otherIncome, plan), [version.parameters]);
}

/** The calculation's input for these lines under this plan, the rest as submitted. */
export function grantInputOf(
  version: Pick<SubmittedVersion, "input">,
  lines: readonly BudgetLineSnapshot[],
  otherIncome: number,
  plan: readonly PlanItem[],
): GrantInput {
  const menu1 = version.input.program === "prefectural";
  return {
    ...version.input,
    ...(menu1 ? { activities: plan.map((p) => p.key).filter(isMenu1Activity) } : {}),
    otherIncome,
    requestedAmount: undefined,
    lines: lines.map((l) => ({ category: l.category, amount: l.amount, ...(menu1 ? { activity: l.activity } : {}) })),
  };
}
