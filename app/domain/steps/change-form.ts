/**
 * The form both ways of changing a decided application share — 変更交付申請 (with approval) and 軽微な変更の
 * 届出 (without) —: the budget lines in force as rows to edit, add or remove, the plan's parts (Menu 1's
 * activities, which may be added or removed; Menu 2's four parts), and the reason. `readChange` turns what was
 * typed into the change, checked by the application's own calculation (app/domain/plan-change.ts).
 */
import { z } from "zod";
import { MENU2_PLAN_FIELDS, SHORT_TEXT_LIMIT } from "../application-draft";
import { applicantNumberField, LONG_TEXT_MAX, textField, yenField } from "../form-fields";
import type { Invalid } from "../outcome";
import { assessChange, planItemLabel, type ChangeAssessment } from "../plan-change";
import { currentBudget, currentPlan, type BudgetLineSnapshot, type PlanItem } from "../proceedings";
import { MENU1_ACTIVITY_CODES, type Programme } from "../programmes";
import type { StepContext, StepFormContext } from "./step";

/** The most lines a changed budget may have (the application form's own limit). */
export const MAX_CHANGED_LINES = 500;

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const fieldsOf = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});

/** What was typed, read as far as it can be, with a message per field that cannot be used. */
export interface Typed<T> {
  value: T;
  issues: { path: (string | number)[]; message: string }[];
}

/**
 * The budget's rows as typed: each a line, or null for a row left blank (ignored, so that a row added by
 * mistake needs no removing). An amount that cannot be read counts as 0, with its message at the row.
 */
export function readLineRows(value: unknown): Typed<(BudgetLineSnapshot | null)[]> {
  const rows = Array.isArray(value) ? value : [];
  const issues: Typed<unknown>["issues"] = [];
  if (rows.length > MAX_CHANGED_LINES) return { value: [], issues: [{ path: [], message: `明細は${MAX_CHANGED_LINES}行以内にしてください。` }] };
  const lines = rows.map((row: unknown, i) => {
    const cells = fieldsOf(row);
    const [category, activity, description, amount] = ["category", "activity", "description", "amount"].map((name) => text(cells[name])) as [
      string,
      string,
      string,
      string,
    ];
    if (!category && !description && !amount) return null;
    const issue = (field: string, message: string) => issues.push({ path: [i, field], message });
    if ([...description].length > SHORT_TEXT_LIMIT) issue("description", `${i + 1}行目の内容は${SHORT_TEXT_LIMIT}文字以内で入力してください。`);
    if (!category) issue("category", `${i + 1}行目の経費区分を選択してください。`);
    const yen = yenField(`${i + 1}行目の金額`).safeParse(amount);
    if (!yen.success) for (const e of yen.error.issues) issue("amount", e.message);
    return { category, activity, description, amount: yen.success ? yen.data : 0 };
  });
  return { value: lines, issues };
}

/**
 * The plan's parts as typed (`plan.<key>.selected`, `plan.<key>.content`): Menu 1's activities ticked (the
 * platform always), each with its content, which it needs; Menu 2's four parts. Undefined when not posted.
 */
export function readPlanParts(programme: Programme, value: unknown): Typed<PlanItem[] | undefined> {
  if (value === undefined || value === "") return { value: undefined, issues: [] };
  const keys: readonly string[] = programme === "prefectural" ? MENU1_ACTIVITY_CODES : MENU2_PLAN_FIELDS.map(([key]) => key);
  const posted = fieldsOf(value);
  const issues: Typed<unknown>["issues"] = [];
  const plan = keys.flatMap((key): PlanItem[] => {
    const fields = fieldsOf(posted[key]);
    const selected = programme !== "prefectural" || key === "platform" || fields.selected === "on" || fields.selected === true;
    if (!selected) return [];
    const content = text(fields.content);
    const label = planItemLabel(programme, key);
    if (programme === "prefectural" && !content) issues.push({ path: [key, "content"], message: `「${label}」の内容を入力してください。` });
    else if ([...content].length > LONG_TEXT_MAX) {
      issues.push({ path: [key, "content"], message: `「${label}」の内容は${LONG_TEXT_MAX.toLocaleString("ja-JP")}文字以内で入力してください。` });
    }
    return [{ key, content }];
  });
  return { value: plan, issues };
}

/** A zod field that reads with `read`, reporting its issues at their paths. */
function typedField<T>(read: (value: unknown) => Typed<T>) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const typed = read(value);
      for (const issue of typed.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return typed.value;
    });
}

export const changeSchema = ({ programme }: StepFormContext) =>
  z.object({
    documentNumber: applicantNumberField(),
    lines: typedField(readLineRows),
    /** Absent: the plan stays as it is (a form that does not post it). */
    plan: typedField((value) => readPlanParts(programme, value)).optional(),
    reason: textField("変更の理由", { required: true }),
  });

export type ChangeInput = z.infer<ReturnType<typeof changeSchema>>;

export interface ReadChange {
  before: BudgetLineSnapshot[];
  after: BudgetLineSnapshot[];
  planBefore: PlanItem[];
  planAfter: PlanItem[];
  assessment: ChangeAssessment;
}

/** The change typed, against the budget and plan in force; refused at the field where the calculation finds an error. */
export function readChange(ctx: StepContext, input: ChangeInput): { status: "read"; change: ReadChange } | Invalid {
  const before = [...currentBudget(ctx.records)];
  const planBefore = [...currentPlan(ctx.records, ctx.version.plan)];
  const formRowOf: number[] = [];
  const after: BudgetLineSnapshot[] = [];
  input.lines.forEach((line, row) => {
    if (!line) return;
    formRowOf.push(row);
    after.push(line);
  });
  const planAfter = input.plan ?? planBefore;
  const assessment = assessChange(
    {
      input: ctx.version.input,
      parameters: ctx.version.parameters,
      otherIncome: ctx.version.calculation.otherIncome,
      lines: before,
      plan: planBefore,
      decidedAmount: ctx.ledger.decidedAmount,
    },
    { lines: after, plan: planAfter },
  );
  if (after.length === 0) return { status: "invalid", errors: { form: "変更後の経費の明細がありません。1行以上入力してください。" } };
  if (!assessment.budgetChanged && assessment.planEdits.length === 0) {
    return { status: "invalid", errors: { form: "変更前と同じ内容です。変更する明細の金額や事業の内容を入力してください。" } };
  }
  if (assessment.errors.length > 0) return { status: "invalid", errors: fieldErrorsOf(assessment.errors, formRowOf) };
  return { status: "read", change: { before, after, planBefore, planAfter, assessment } };
}

/** The calculation's errors at the form's fields: a line's at its row, the plan's at the plan. */
function fieldErrorsOf(errors: ChangeAssessment["errors"], formRowOf: readonly number[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const at = /^lines\.(\d+)\.(\w+)$/.exec(e.path ?? "");
    const path = at ? `lines.${formRowOf[Number(at[1])]}.${at[2]}` : e.path === "activities" ? "plan" : "form";
    fields[path] ??= e.message;
  }
  return fields;
}
