import { z } from "zod";
import { dateField } from "../form-fields";
import { netPaid, settlementBalance } from "../ledger";
import { settledAt, type ProceedingRecord } from "../proceedings";
import { defineStep, fieldError, record } from "./step";

/** Whether a return order was issued after the grant was last fixed (confirmed or cancelled). */
const orderedSinceSettled = (records: readonly ProceedingRecord[]) => records.slice(settledAt(records) + 1).some((r) => r.kind === "repayment_order");

/**
 * 返還命令: once the grant is fixed below what was paid — confirmed (Act §18(2)) or cancelled (§18(1), with
 * 加算金) — the reviewer orders the overpayment back by a due date.
 */
export const orderRepayment = defineStep({
  by: "reviewer",
  from: ["confirmed", "cancelled"],
  to: null,
  label: "返還命令",
  submit: "返還命令書を発行する",
  done: "返還命令書を発行しました。",
  audit: "application.repayment_ordered",
  schema: () => z.object({ dueOn: dateField("納期限") }),
  unavailable: (ledger, records) => {
    const basis = records[settledAt(records)]?.kind === "cancellation" ? "取消" : "確定";
    if (orderedSinceSettled(records)) return `この${basis}に対する返還命令は発行済みです。`;
    return settlementBalance(ledger) < 0
      ? null
      : `支払済みの額が${basis === "取消" ? "取消後の交付額" : "確定額"}を超えていないため、返還を求める額はありません。`;
  },
  take(ctx, input) {
    const basis = ctx.records[settledAt(ctx.records)]!;
    const repaymentAmount = -settlementBalance(ctx.ledger);
    if (input.dueOn <= ctx.today) return fieldError("dueOn", "納期限は明日以降の日付にしてください。");
    return record(
      {
        kind: "repayment_order",
        confirmation: { documentNumber: basis.documentNumber, documentDate: basis.documentDate },
        ...(basis.kind === "cancellation" ? { cause: "cancellation" as const } : {}),
        confirmedAmount: ctx.ledger.confirmedAmount!,
        netPaid: netPaid(ctx.ledger),
        repaymentAmount,
        dueOn: input.dueOn,
      },
      repaymentAmount,
    );
  },
});
