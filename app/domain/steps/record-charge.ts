import { z } from "zod";
import { choiceField, dateField, textField, yenField } from "../form-fields";
import { formatYen } from "../money";
import { CHARGE_NAMES } from "../proceedings";
import { outstandingCharges, repaymentStanding } from "../subsidy-charges";
import { defineStep, fieldError, record } from "./step";

/**
 * 延滞金・加算金の受領: the reviewer records a charge received on the latest return order (Subsidy Act §19) —
 * 延滞金 for returning late, 加算金 on money returned after a cancellation — up to what it has come to.
 * The application closes only once nothing of either is outstanding.
 */
export const recordCharge = defineStep({
  by: "reviewer",
  from: ["confirmed", "cancelled"],
  to: null,
  label: "延滞金・加算金の受領",
  submit: "受領を記録する",
  done: "延滞金・加算金の受領を記録しました。",
  audit: "application.charge_received",
  schema: () =>
    z.object({
      charge: choiceField(["late", "additional"]),
      amount: yenField("金額", { positive: true }),
      receivedOn: dateField("受領日"),
      note: textField("摘要", { max: 200 }),
    }),
  unavailable: (_ledger, records, today) => (outstandingCharges(repaymentStanding(records, today)) ? null : "受領を記録する延滞金・加算金はありません。"),
  take(ctx, input) {
    if (input.receivedOn > ctx.today) return fieldError("receivedOn", "日付は今日以前にしてください。");
    const standing = repaymentStanding(ctx.records, ctx.today)!;
    const outstanding = standing.outstanding[input.charge];
    if (input.amount > outstanding) {
      const name = CHARGE_NAMES[input.charge];
      return fieldError("amount", outstanding === 0 ? `未納の${name}はありません。` : `未納の${name}${formatYen(outstanding)}以下にしてください。`);
    }
    return record({ kind: "charge_receipt", ...input }, input.amount);
  },
});
