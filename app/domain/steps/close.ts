import { z } from "zod";
import { canClose } from "../ledger";
import { latestOf } from "../proceedings";
import { outstandingCharges, repaymentStanding } from "../subsidy-charges";
import { defineStep } from "./step";

/**
 * 完了: the reviewer closes the application once what was paid, less what was returned, is the confirmed
 * amount, and any 延滞金・加算金 on a return order has been received. Work stopped with approval for an amount is first reported and confirmed (an approval at 0 closes).
 */
export const close = defineStep({
  by: "reviewer",
  from: ["confirmed", "withdrawn", "cancelled"],
  to: "closed",
  label: "完了",
  heading: "完了にする",
  submit: "完了にする",
  done: "この申請を完了にしました。",
  audit: "application.closed",
  schema: () => z.object({}),
  unavailable: (ledger, records) =>
    latestOf(records, "discontinuation_approval") && ledger.confirmedAmount === null && ledger.decidedAmount > 0
      ? "中止（廃止）までに実施した事業の実績報告を受け、額を確定してから完了にしてください。"
      : null,
  take(ctx) {
    const closable = canClose(ctx.ledger);
    if (!closable.ok) return { status: "refused", reason: closable.reason };
    const charges = outstandingCharges(repaymentStanding(ctx.records, ctx.today));
    if (charges) return { status: "refused", reason: `未納の${charges}の受領を記録してから完了にしてください。` };
    return { status: "done", record: null, amount: null };
  },
});
