import { z } from "zod";
import { confirmationField, textField, yenField } from "../form-fields";
import { netPaid } from "../ledger";
import { formatYen } from "../money";
import { decisionReference, wasWithdrawn } from "../proceedings";
import { defineStep, fieldError, record } from "./step";

/** What the reviewer ticks before cancelling: a cancellation, like a decision, cannot be taken back. */
export const CANCELLATION_CONFIRMATION = "この取消は取り消せないことを確認しました";

/**
 * 交付決定の取消 (Subsidy Act §17): when the grantee used the grant for other purposes, broke the conditions or
 * the law, the reviewer cancels the decision in whole or in part — even after 額の確定 — with the reasons. The
 * grant is from then on what remains (the confirmed amount, or the decided amount before confirmation, less what
 * is cancelled); what was paid beyond it is ordered back with 加算金.
 */
export const cancel = defineStep({
  by: "reviewer",
  from: ["decided", "change_requested", "discontinuation_requested", "withdrawn", "reported", "confirmed"],
  to: "cancelled",
  label: "交付決定の取消",
  submit: "交付決定を取り消す",
  done: "交付決定を取り消しました。交付決定取消通知書を作成しました。",
  audit: "application.cancelled",
  schema: () =>
    z
      .object({
        cancelledAmount: yenField("取り消す額", { positive: true }),
        reason: textField("取消の理由", { required: true }),
        confirmIrreversible: confirmationField(`取消は取り消せません。取り消す額と理由を確認し、「${CANCELLATION_CONFIRMATION}」にチェックを入れてください。`),
      })
      .transform(({ confirmIrreversible: _confirmed, ...input }) => input),
  unavailable: (_ledger, records) =>
    wasWithdrawn(records) ? "交付申請が取り下げられ、交付決定はなかったものとなっているため、取り消す決定はありません。" : null,
  take(ctx, input) {
    const { ledger } = ctx;
    const previousAmount = ledger.confirmedAmount ?? ledger.decidedAmount;
    if (input.cancelledAmount > previousAmount) {
      const what = ledger.confirmedAmount === null ? "交付決定額" : "確定額";
      return fieldError("cancelledAmount", `取り消す額は${what}${formatYen(previousAmount)}以下にしてください。`);
    }
    const remainingAmount = previousAmount - input.cancelledAmount;
    return record(
      {
        kind: "cancellation",
        decision: decisionReference(ctx.records)!,
        reason: input.reason,
        previousAmount,
        cancelledAmount: input.cancelledAmount,
        remainingAmount,
        netPaid: netPaid(ledger),
      },
      remainingAmount,
    );
  },
});
