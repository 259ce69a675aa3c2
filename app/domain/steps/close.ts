import { z } from "zod";
import { canClose } from "../ledger";
import { latestOf } from "../proceedings";
import { defineStep } from "./step";

/**
 * 完了: the reviewer closes the application once what was paid, less what was returned, is the confirmed
 * amount. Work stopped with approval for an amount is first reported and confirmed (an approval at 0 closes).
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
    return closable.ok ? { status: "done", record: null, amount: null } : { status: "refused", reason: closable.reason };
  },
});
