import { z } from "zod";
import { textField, yenField } from "../form-fields";
import { netPaid } from "../ledger";
import { formatYen } from "../money";
import { categoryAllocation, decisionReference, latestOf } from "../proceedings";
import { budgetProblem, defineStep, fieldError, record } from "./step";

/**
 * 変更交付決定: the reviewer approves the pending change request at an amount up to what it asks for, never
 * below what has been paid, and — when it raises the grant — within the programme-year's budget.
 */
export const approveChange = defineStep({
  by: "reviewer",
  from: ["change_requested"],
  to: "decided",
  label: "変更交付決定",
  heading: "変更の承認（変更交付決定）",
  submit: "変更を承認する",
  done: "変更を承認しました。変更交付決定通知書を作成しました。",
  audit: "application.change_approved",
  schema: () => z.object({ decidedAmount: yenField("変更後の交付決定額", { positive: true }), comment: textField("交付の条件") }),
  reservesBudget: true,
  take(ctx, input) {
    const request = latestOf(ctx.records, "change_request")!;
    const { ledger } = ctx;
    if (input.decidedAmount > request.requestedAmount) {
      return fieldError("decidedAmount", `変更後の交付決定額は変更交付申請額${formatYen(request.requestedAmount)}以下にしてください。`);
    }
    if (input.decidedAmount < netPaid(ledger)) {
      return fieldError("decidedAmount", `変更後の交付決定額は、支払済みの${formatYen(netPaid(ledger))}以上にしてください。`);
    }
    // A reduction (減額変更) always fits the budget, even one lowered since the decision.
    const overBudget = input.decidedAmount > ledger.decidedAmount ? budgetProblem(ctx, input.decidedAmount) : null;
    if (overBudget) return fieldError("decidedAmount", overBudget);
    return record(
      {
        kind: "change_approval",
        decision: decisionReference(ctx.records)!,
        changeRequestDate: request.documentDate,
        changeRequestNumber: request.documentNumber,
        requestedAmount: request.requestedAmount,
        previousAmount: ledger.decidedAmount,
        decidedAmount: input.decidedAmount,
        comment: input.comment,
        allocation: categoryAllocation(request.after),
      },
      input.decidedAmount,
    );
  },
});
