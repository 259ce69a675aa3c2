import { z } from "zod";
import { textField, yenField } from "../form-fields";
import { formatYen } from "../money";
import { decisionReference, latestOf } from "../proceedings";
import { defineStep, fieldError, record } from "./step";

/**
 * 中止（廃止）の承認: the reviewer approves the pending request and lowers the decided amount to what the work
 * done may need (at most the amount decided so far), releasing the rest of the programme-year's budget. The
 * grantee then reports what was done (実績報告), and the amount is confirmed from it as for any other work.
 */
export const approveDiscontinuation = defineStep({
  by: "reviewer",
  from: ["discontinuation_requested"],
  to: "withdrawn",
  label: "中止（廃止）の承認",
  submit: "中止（廃止）を承認する",
  done: "事業の中止（廃止）を承認しました。承認通知書を作成しました。",
  audit: "application.discontinuation_approved",
  schema: () => z.object({ decidedAmount: yenField("承認後の交付決定額"), comment: textField("承認の条件") }),
  take(ctx, input) {
    const request = latestOf(ctx.records, "discontinuation_request")!;
    const previous = ctx.ledger.decidedAmount;
    if (input.decidedAmount > previous) {
      return fieldError("decidedAmount", `承認後の交付決定額は、これまでの交付決定額${formatYen(previous)}以下にしてください。`);
    }
    return record(
      {
        kind: "discontinuation_approval",
        decision: decisionReference(ctx.records)!,
        requestDate: request.documentDate,
        requestNumber: request.documentNumber,
        stopOn: request.stopOn,
        expectedAmount: request.expectedAmount,
        previousAmount: previous,
        decidedAmount: input.decidedAmount,
        comment: input.comment,
      },
      input.decidedAmount,
    );
  },
});
