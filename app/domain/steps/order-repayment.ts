import { z } from "zod";
import { dateField } from "../form-fields";
import { netPaid, settlementBalance } from "../ledger";
import { latestOf, type ProceedingRecord } from "../proceedings";
import { defineStep, fieldError, record } from "./step";

/** Whether a return order was issued after the latest confirmation. */
const orderedSinceConfirmation = (records: readonly ProceedingRecord[]) =>
  records.slice(records.findLastIndex((r) => r.kind === "confirmation") + 1).some((r) => r.kind === "repayment_order");

/** 返還命令: once confirmed below what was paid, the reviewer orders the overpayment back by a due date. */
export const orderRepayment = defineStep({
  by: "reviewer",
  from: ["confirmed"],
  to: null,
  label: "返還命令",
  submit: "返還命令書を発行する",
  done: "返還命令書を発行しました。",
  audit: "application.repayment_ordered",
  schema: () => z.object({ dueOn: dateField("納期限") }),
  unavailable: (ledger, records) => {
    if (orderedSinceConfirmation(records)) return "この確定に対する返還命令は発行済みです。";
    return settlementBalance(ledger) < 0 ? null : "支払済みの額が確定額を超えていないため、返還を求める額はありません。";
  },
  take(ctx, input) {
    const confirmation = latestOf(ctx.records, "confirmation")!;
    const repaymentAmount = -settlementBalance(ctx.ledger);
    if (input.dueOn <= ctx.today) return fieldError("dueOn", "納期限は明日以降の日付にしてください。");
    return record(
      {
        kind: "repayment_order",
        confirmation: { documentNumber: confirmation.documentNumber, documentDate: confirmation.documentDate },
        confirmedAmount: confirmation.confirmedAmount,
        netPaid: netPaid(ctx.ledger),
        repaymentAmount,
        dueOn: input.dueOn,
      },
      repaymentAmount,
    );
  },
});
