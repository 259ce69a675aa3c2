import { currentPlan, decisionReference } from "../proceedings";
import { recomputeGrant } from "../submitted-version";
import { changeSchema, readChange } from "./change-form";
import { defineStep, record, numbered } from "./step";

/**
 * 変更交付申請: the applicant asks to change the budget in force — amounts, lines added or removed — and the
 * plan (Menu 1's activities and their content, Menu 2's parts of the work), with the reason. The grant is
 * recomputed from the changed budget as the submitted one was. Any change may be asked for this way; one
 * that moves no category beyond the threshold and leaves the plan alone may instead be filed as minor.
 */
export const requestChange = defineStep({
  by: "applicant",
  from: ["decided"],
  to: "change_requested",
  label: "変更交付申請",
  submit: "変更交付申請を提出する",
  done: "変更交付申請を提出しました。",
  audit: "application.change_requested",
  schema: changeSchema,
  take(ctx, input) {
    const read = readChange(ctx, input);
    if (read.status !== "read") return read;
    const { before, after, planBefore, planAfter, assessment } = read.change;
    const calculationAfter = assessment.calculation;
    const otherIncome = ctx.version.calculation.otherIncome;
    return record(
      {
        kind: "change_request",
        ...numbered(input),
        decision: decisionReference(ctx.records)!,
        decidedAmount: ctx.ledger.decidedAmount,
        requestedAmount: calculationAfter.grantAmount,
        before,
        after,
        calculationBefore: recomputeGrant(ctx.version, before, otherIncome, currentPlan(ctx.records, ctx.version.plan)),
        calculationAfter,
        ...(assessment.planEdits.length > 0 ? { planBefore, planAfter } : {}),
        reason: input.reason,
      },
      calculationAfter.grantAmount,
    );
  },
});
