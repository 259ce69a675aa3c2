import { decisionReference } from "../proceedings";
import { changeSchema, readChange } from "./change-form";
import { defineStep, record, numbered } from "./step";

/**
 * 軽微な変更の届出: a change of the budget lines that moves no expense category by more than the version's
 * threshold and leaves the plan as it is needs no approval. It is recorded and in force at once; the decided
 * amount stays as it was. A change that needs approval is refused, saying why, with what was typed kept.
 */
export const notifyMinorChange = defineStep({
  by: "applicant",
  from: ["decided"],
  to: null,
  label: "軽微な変更の届出",
  submit: "軽微な変更として届け出る",
  done: "軽微な変更を届け出ました。変更後の経費の内訳が適用されます。",
  audit: "application.minor_change_notified",
  schema: changeSchema,
  take(ctx, input) {
    const read = readChange(ctx, input);
    if (read.status !== "read") return read;
    const { before, after, assessment } = read.change;
    if (assessment.needsApproval.length > 0) {
      return {
        status: "invalid",
        errors: {
          form: `この変更は承認が必要なため、軽微な変更として届け出ることはできません。変更交付申請を提出してください。${assessment.needsApproval.join("")}`,
        },
      };
    }
    return record({
      kind: "minor_change",
      ...numbered(input),
      decision: decisionReference(ctx.records)!,
      decidedAmount: ctx.ledger.decidedAmount,
      before,
      after,
      calculationAfter: assessment.calculation,
      limitPercent: assessment.limitPercent,
      reason: input.reason,
    });
  },
});
