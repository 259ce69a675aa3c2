import { z } from "zod";
import { lineAmountsField, textField, applicantNumberField } from "../form-fields";
import { currentBudget, decisionReference } from "../proceedings";
import { recomputeGrant } from "../submitted-version";
import { defineStep, record, numbered } from "./step";

/**
 * 変更交付申請: the applicant asks to change the budget in force, line by line, with the reason; the grant is
 * recomputed from the changed budget as the submitted one was.
 */
export const requestChange = defineStep({
  by: "applicant",
  from: ["decided"],
  to: "change_requested",
  label: "変更交付申請",
  submit: "変更交付申請を提出する",
  done: "変更交付申請を提出しました。",
  audit: "application.change_requested",
  schema: ({ lineCount }) =>
    z.object({
      documentNumber: applicantNumberField(),
      after: lineAmountsField(lineCount, "変更後の金額"),
      reason: textField("変更の理由", { required: true }),
    }),
  take(ctx, input) {
    const before = currentBudget(ctx.records);
    const after = before.map((line, i) => ({ ...line, amount: input.after[i] ?? line.amount }));
    if (after.every((line, i) => line.amount === before[i]?.amount)) {
      return { status: "invalid", errors: { form: "変更後の金額がすべて変更前と同じです。変更する行の金額を入力してください。" } };
    }
    const otherIncome = ctx.version.calculation.otherIncome;
    const calculationAfter = recomputeGrant(ctx.version, after, otherIncome);
    return record(
      {
        kind: "change_request",
        ...numbered(input),
        decision: decisionReference(ctx.records)!,
        decidedAmount: ctx.ledger.decidedAmount,
        requestedAmount: calculationAfter.grantAmount,
        before: [...before],
        after,
        calculationBefore: recomputeGrant(ctx.version, before, otherIncome),
        calculationAfter,
        reason: input.reason,
      },
      calculationAfter.grantAmount,
    );
  },
});
