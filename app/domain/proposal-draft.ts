/**
 * The proposal draft (企画提案) to a call of the model projects (docs/domain.md §6): what the proposer
 * typed, kept as typed (decision 004) through the same building blocks as the grant application's draft
 * (draft-text.ts), and every check on it. The browser runs the checks as the form's resolver and the
 * server on every save and submission, so both show the same total and the same messages.
 *
 * A model project is a contract (委託), not a grant: no rate, the price is paid in full, and the budget's
 * total must be at most the call's ceiling per project.
 */
import { z } from "zod";
import type { CallKind } from "./calls";
import { longText, lossesOf, rows, shortText, tickBox, ticked } from "./draft-text";
import { formatYen, parseYen } from "./money";
import type { FieldErrors } from "./outcome";

/** Who takes part in the planned platform (構成団体), by kind. */
export const MEMBER_KINDS = {
  government: "行政",
  council: "社会福祉協議会",
  npo: "NPO",
  company: "企業",
  university: "大学",
  other: "その他",
} as const;
export type MemberKind = keyof typeof MEMBER_KINDS;
const MEMBER_KIND_CODES = Object.keys(MEMBER_KINDS) as [MemberKind, ...MemberKind[]];

/**
 * The activities of the local-platform model project (地方版官民連携プラットフォーム推進事業); the first three
 * (◎) are what every platform project does, so a `model-platform` proposal must tick them.
 */
export const PROPOSAL_ACTIVITIES = [
  { code: "platform", label: "官民連携プラットフォームの構築", required: true },
  { code: "awareness", label: "孤独・孤立に関する普及活動", required: true },
  { code: "pilot", label: "支援団体間の連携による試行的事業", required: true },
  { code: "survey", label: "当該地域における孤独・孤立の状況把握", required: false },
  { code: "workforce", label: "地域における担い手の把握・見える化", required: false },
  { code: "training", label: "人材確保・育成を目指す研修実施", required: false },
] as const;
export type ProposalActivityCode = (typeof PROPOSAL_ACTIVITIES)[number]["code"];
const ACTIVITY_CODES = PROPOSAL_ACTIVITIES.map((a) => a.code) as [ProposalActivityCode, ...ProposalActivityCode[]];

/** The expense categories (費目) of a contract's budget. */
export const EXPENSE_CATEGORIES = ["謝金", "旅費", "会議費", "印刷製本費", "委託費", "使用料及び賃借料", "消耗品費", "通信運搬費", "その他"] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** The most rows a draft keeps of each list. */
export const MAX_MEMBER_ROWS = 30;
export const MAX_SCHEDULE_ROWS = 24;
export const MAX_BUDGET_ROWS = 100;

const MemberRowSchema = z.object({
  kind: z.enum(MEMBER_KIND_CODES).catch("other"),
  /** How many bodies of this kind, as typed. */
  count: shortText,
  names: longText,
});

const ScheduleRowSchema = z.object({
  /** When, in words ("令和9年4月〜6月"). */
  months: shortText,
  what: shortText,
});

const BudgetRowSchema = z.object({
  category: z.enum([...EXPENSE_CATEGORIES, ""]).catch(""),
  description: shortText,
  amount: shortText,
});

/**
 * The proposal draft: what is stored, what the autosave sends and what the form posts (read by
 * app/forms/read-form.ts formValues) all read through this one schema.
 */
export const ProposalDraftSchema = z.object({
  /** ○ 現状・これまでの取組. */
  currentSituation: longText,
  /** ● 今後の取組. */
  plans: longText,
  members: rows(MemberRowSchema, MAX_MEMBER_ROWS),
  activities: ticked(z.enum(ACTIVITY_CODES), ACTIVITY_CODES.length),
  schedule: rows(ScheduleRowSchema, MAX_SCHEDULE_ROWS),
  budget: rows(BudgetRowSchema, MAX_BUDGET_ROWS),
  /** 2回目: the organisation ran a model project the year before. */
  secondYear: tickBox,
  firstYearResults: longText,
});

export type ProposalDraft = z.infer<typeof ProposalDraftSchema>;
export type MemberRow = z.infer<typeof MemberRowSchema>;
export type ScheduleRow = z.infer<typeof ScheduleRowSchema>;
export type BudgetRow = z.infer<typeof BudgetRowSchema>;

/** The lists of a proposal a person adds rows to, each with what a new row holds. */
export const NEW_PROPOSAL_ROWS = {
  members: (): MemberRow => ({ kind: "government", count: "", names: "" }),
  schedule: (): ScheduleRow => ({ months: "", what: "" }),
  budget: (): BudgetRow => ({ category: "", description: "", amount: "" }),
};
export type ProposalRowList = keyof typeof NEW_PROPOSAL_ROWS;

/** Whatever is stored or sent, read as a proposal draft: unknown keys dropped, broken parts emptied, never thrown. */
export function readProposalDraft(value: unknown): ProposalDraft {
  const parsed = ProposalDraftSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : ProposalDraftSchema.parse({});
}

/** A new proposal: the three required activities ticked for a platform call, a few empty rows to type in. */
export function emptyProposalDraft(kind: CallKind): ProposalDraft {
  const draft = readProposalDraft({});
  draft.members = [NEW_PROPOSAL_ROWS.members()];
  draft.schedule = [NEW_PROPOSAL_ROWS.schedule()];
  draft.budget = Array.from({ length: 3 }, NEW_PROPOSAL_ROWS.budget);
  if (kind === "model-platform") draft.activities = PROPOSAL_ACTIVITIES.filter((a) => a.required).map((a) => a.code);
  return draft;
}

const LONG_FIELDS = /^(currentSituation|plans|firstYearResults|members\.\d+\.names)$/;

/** A draft sent to be saved, and what of it the draft would not keep as sent (then nothing is saved). */
export function readProposalDraftToSave(sent: unknown): { draft: ProposalDraft; losses: FieldErrors } {
  const draft = readProposalDraft(sent);
  return { draft, losses: lossesOf(sent, draft, (path) => LONG_FIELDS.test(path)) };
}

// ---------------------------------------------------------------------------------------------------
// Checks.

/** What a proposal is checked against: the call's kind and its ceiling per project in yen. */
export interface ProposalRules {
  kind: CallKind;
  ceiling: number;
}

export interface ProposalCheck {
  /** The total of the budget's readable rows, in yen: the contract price asked for. */
  total: number;
  /** Each budget row's amount (null where blank or unreadable). */
  rowAmounts: (number | null)[];
  /** A Japanese message per field ("budget.2.amount", "budget" for the total). */
  errors: FieldErrors;
}

const isBlankBudgetRow = (row: BudgetRow) => !row.category && !row.description.trim() && !row.amount.trim();
const isBlankScheduleRow = (row: ScheduleRow) => !row.months.trim() && !row.what.trim();

/**
 * Checks a proposal. The budget (each row readable, the total within the call's ceiling) is checked
 * always, so the total and the ceiling show as it is typed; `forSubmission` adds that everything the
 * 企画提案書 prints is filled in.
 */
export function checkProposal(draft: ProposalDraft, rules: ProposalRules, { forSubmission = false } = {}): ProposalCheck {
  const errors: FieldErrors = {};
  const rowAmounts: (number | null)[] = [];
  let total = 0;
  draft.budget.forEach((row, i) => {
    if (isBlankBudgetRow(row)) return rowAmounts.push(null);
    const amount = parseYen(row.amount);
    if (!amount.ok) {
      errors[`budget.${i}.amount`] = amount.message;
      rowAmounts.push(null);
    } else {
      rowAmounts.push(amount.value);
      total += amount.value;
    }
    if (!row.category) errors[`budget.${i}.category`] = "費目を選んでください。";
  });
  if (total > rules.ceiling) {
    errors.budget = `所要額の合計${formatYen(total)}が、この公募の上限額${formatYen(rules.ceiling)}を超えています。上限額以内にしてください。`;
  }
  if (forSubmission) {
    for (const [path, message] of Object.entries(completenessErrors(draft, rules))) errors[path] ??= message;
    if (draft.budget.every(isBlankBudgetRow)) errors.budget ??= "所要額の内訳を1行以上入力してください。";
  }
  return { total, rowAmounts, errors };
}

/** What a submission must have: both texts, the platform's members, the activities, a schedule. */
function completenessErrors(draft: ProposalDraft, rules: ProposalRules): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.currentSituation.trim()) errors.currentSituation = "現状・これまでの取組を入力してください。";
  if (!draft.plans.trim()) errors.plans = "今後の取組を入力してください。";
  if (draft.members.length === 0) errors.members = "プラットフォームの構成団体を1行以上入力してください。";
  draft.members.forEach((member, i) => {
    const count = member.count.normalize("NFKC").trim();
    if (!/^[0-9]{1,4}$/.test(count) || Number(count) === 0) errors[`members.${i}.count`] = "団体数は1以上の整数で入力してください。";
    if (!member.names.trim()) errors[`members.${i}.names`] = "団体名を入力するか、この行を削除してください。";
  });
  if (rules.kind === "model-platform") {
    const missing = PROPOSAL_ACTIVITIES.filter((a) => a.required && !draft.activities.includes(a.code));
    if (missing.length > 0) errors.activities = `◎の取組（${missing.map((a) => a.label).join("、")}）は必ず実施してください。`;
  } else if (draft.activities.length === 0) {
    errors.activities = "実施する取組を1つ以上選んでください。";
  }
  const schedule = draft.schedule.filter((row) => !isBlankScheduleRow(row));
  if (schedule.length === 0) errors.schedule = "実施スケジュールを1行以上入力してください。";
  draft.schedule.forEach((row, i) => {
    if (isBlankScheduleRow(row)) return;
    if (!row.months.trim()) errors[`schedule.${i}.months`] = "時期を入力してください。";
    if (!row.what.trim()) errors[`schedule.${i}.what`] = "実施内容を入力してください。";
  });
  if (draft.secondYear && !draft.firstYearResults.trim()) {
    errors.firstYearResults = "2回目の提案では、1回目（前年度）の成果を入力してください。";
  }
  return errors;
}

/** The budget's totals by expense category, in the order of the list of categories (only those used). */
export function totalsByCategory(draft: ProposalDraft, rowAmounts: readonly (number | null)[]): { category: ExpenseCategory; amount: number }[] {
  const sums = new Map<string, number>();
  draft.budget.forEach((row, i) => {
    const amount = rowAmounts[i];
    if (amount === null || amount === undefined || !row.category) return;
    sums.set(row.category, (sums.get(row.category) ?? 0) + amount);
  });
  return EXPENSE_CATEGORIES.filter((c) => sums.has(c)).map((category) => ({ category, amount: sums.get(category) ?? 0 }));
}
