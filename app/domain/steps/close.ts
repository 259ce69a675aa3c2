import { z } from "zod";
import { canClose } from "../ledger";
import { defineStep } from "./step";

/** 完了: the reviewer closes the application once what was paid, less what was returned, is the confirmed amount. */
export const close = defineStep({
  by: "reviewer",
  from: ["confirmed", "withdrawn"],
  to: "closed",
  label: "完了",
  heading: "完了にする",
  submit: "完了にする",
  done: "この申請を完了にしました。",
  audit: "application.closed",
  schema: () => z.object({}),
  take(ctx) {
    const closable = canClose(ctx.ledger);
    return closable.ok ? { status: "done", record: null, amount: null } : { status: "refused", reason: closable.reason };
  },
});
