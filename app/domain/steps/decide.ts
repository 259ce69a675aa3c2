import { z } from "zod";
import { confirmationField, countField, textField, yenField } from "../form-fields";
import { formatYen } from "../money";
import { daysAfter, DEFAULT_WITHDRAWAL_DAYS } from "../proceedings";
import { budgetProblem, defineStep, fieldError, record } from "./step";

/** What the reviewer ticks before deciding: a decision cannot be taken back (a change is a new record). */
export const DECISION_CONFIRMATION = "この交付決定は取り消せないことを確認しました";

/**
 * 交付決定: the reviewer decides an amount, at most the amount applied for and within what is left of the
 * programme-year's budget. The submitted lines are frozen into the decision, so that later changes and
 * reports start from exactly these. The decision sets the period within which the applicant may withdraw
 * (申請の取下げ, Act §9): a number of days from the notice, printed on it as a date.
 */
export const decide = defineStep({
  by: "reviewer",
  from: ["under_review"],
  to: "decided",
  label: "交付決定",
  submit: "交付を決定する",
  done: "交付を決定しました。交付決定通知書を作成しました。",
  audit: "application.decided",
  // The confirmation is read with the form and checked on the server too; the step itself needs only the figures.
  schema: () =>
    z
      .object({
        decidedAmount: yenField("交付決定額", { positive: true }),
        conditions: textField("交付の条件"),
        withdrawalDays: countField("申請の取下げ期間", { min: 1, max: 60, unit: "日", whenEmpty: DEFAULT_WITHDRAWAL_DAYS }).optional(),
        confirmIrreversible: confirmationField(
          `交付決定は取り消せません。交付決定額と予算の残額を確認し、「${DECISION_CONFIRMATION}」にチェックを入れてください。`,
        ),
      })
      .transform(({ confirmIrreversible: _confirmed, ...input }) => input),
  reservesBudget: true,
  take(ctx, input) {
    const { version } = ctx;
    if (input.decidedAmount > version.requestedAmount) {
      return fieldError("decidedAmount", `交付決定額は交付申請額${formatYen(version.requestedAmount)}以下にしてください。`);
    }
    const overBudget = budgetProblem(ctx, input.decidedAmount);
    if (overBudget) return fieldError("decidedAmount", overBudget);
    return record(
      {
        kind: "decision",
        version: version.version,
        applicationDate: version.submittedOn,
        applicationNumber: version.applicationNumber,
        requestedAmount: version.requestedAmount,
        decidedAmount: input.decidedAmount,
        conditions: input.conditions,
        withdrawalDeadline: daysAfter(ctx.today, input.withdrawalDays ?? DEFAULT_WITHDRAWAL_DAYS),
        calculation: version.calculation,
        lines: version.lines,
      },
      input.decidedAmount,
    );
  },
});
