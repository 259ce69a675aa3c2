/**
 * A change to a decided application's budget and plan (docs/domain.md §5), as its form is typed and as the
 * step reads it: the grant the changed budget comes to (the application's own calculation), the expense
 * categories that move by more than the version's threshold (the 20% rule), what changes in the plan, and so
 * whether the change needs approval (変更交付申請) or is a minor change filed without it (軽微な変更).
 * Pure: the browser runs it as the change is typed, the server when it is filed.
 */
import { MENU2_PLAN_FIELDS } from "./application-draft";
import { calculateGrant, type Finding, type GrantInput, type GrantResult } from "./grant-calculation";
import { formatYen } from "./money";
import { categoriesMovedOverLimit, type BudgetLineSnapshot, type PlanItem } from "./proceedings";
import { activityLabel, expenseCategoryName, type Programme, type ProgrammeParameters } from "./programmes";
import { grantInputOf } from "./submitted-version";

/** What a change starts from: the version's calculation input and parameters, and the budget and plan in force. */
export interface ChangeBase {
  input: GrantInput;
  parameters: ProgrammeParameters;
  otherIncome: number;
  lines: readonly BudgetLineSnapshot[];
  plan: readonly PlanItem[];
  decidedAmount: number;
}

export interface PlanEdit {
  key: string;
  change: "added" | "removed" | "edited";
}

export interface ChangeAssessment {
  calculation: GrantResult;
  /** The calculation's errors, each at its line ("lines.N.field", N among the changed lines) or the plan. */
  errors: Finding[];
  /** Categories whose total moves by more than the threshold. */
  moved: ReturnType<typeof categoriesMovedOverLimit>;
  limitPercent: number;
  planEdits: PlanEdit[];
  budgetChanged: boolean;
  /** Why the change needs approval, in words; empty for a minor change. */
  needsApproval: string[];
}

/** Menu 1's activity or Menu 2's part of the work, as people read it. */
export function planItemLabel(programme: Programme, key: string): string {
  if (programme === "prefectural") return activityLabel(key);
  return MENU2_PLAN_FIELDS.find(([k]) => k === key)?.[1] ?? key;
}

const sameLine = (a: BudgetLineSnapshot, b: BudgetLineSnapshot) =>
  a.category === b.category && a.activity === b.activity && a.description === b.description && a.amount === b.amount;

/** What differs between two plans: parts added, removed, or with other content. */
export function planEdits(before: readonly PlanItem[], after: readonly PlanItem[]): PlanEdit[] {
  const was = new Map(before.map((p) => [p.key, p.content.trim()]));
  const is = new Map(after.map((p) => [p.key, p.content.trim()]));
  const keys = [...new Set([...was.keys(), ...is.keys()])];
  return keys.flatMap((key): PlanEdit[] => {
    if (!was.has(key)) return [{ key, change: "added" }];
    if (!is.has(key)) return [{ key, change: "removed" }];
    return was.get(key) === is.get(key) ? [] : [{ key, change: "edited" }];
  });
}

const EDIT_WORDS = { added: "追加", removed: "取りやめ", edited: "内容の変更" } as const;

export function assessChange(base: ChangeBase, after: { lines: readonly BudgetLineSnapshot[]; plan: readonly PlanItem[] }): ChangeAssessment {
  const calculation = calculateGrant(grantInputOf(base, after.lines, base.otherIncome, after.plan), [base.parameters]);
  const limitPercent = base.parameters.changeThresholdPercent;
  const moved = categoriesMovedOverLimit(base.lines, after.lines, limitPercent);
  const edits = planEdits(base.plan, after.plan);
  const budgetChanged = base.lines.length !== after.lines.length || base.lines.some((line, i) => !sameLine(line, after.lines[i]!));
  const programme = base.input.program;
  const needsApproval = [
    ...moved.map((c) => `経費区分「${expenseCategoryName(c.category)}」が${limitPercent}%を超えて増減します（${c.percent > 0 ? "+" : ""}${c.percent}%）。`),
    ...edits.map((e) => `事業の内容を変更します（${planItemLabel(programme, e.key)}：${EDIT_WORDS[e.change]}）。`),
  ];
  return {
    calculation,
    errors: calculation.findings.filter((f) => f.severity === "error"),
    moved,
    limitPercent,
    planEdits: edits,
    budgetChanged,
    needsApproval,
  };
}

/** What the changed grant means for the decided amount, in a sentence. */
export function grantAfterChange(assessment: ChangeAssessment, decidedAmount: number): string {
  const grant = assessment.calculation.grantAmount;
  if (grant > decidedAmount) return `変更後の算定額 ${formatYen(grant)} は交付決定額 ${formatYen(decidedAmount)} を上回ります。増額には承認が必要です。`;
  if (grant < decidedAmount) return `変更後の算定額 ${formatYen(grant)} は交付決定額 ${formatYen(decidedAmount)} を下回ります。`;
  return `変更後の算定額は交付決定額と同じ ${formatYen(grant)} です。`;
}
