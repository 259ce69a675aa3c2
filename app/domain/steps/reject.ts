import { z } from "zod";
import { textField } from "../form-fields";
import { defineStep, record } from "./step";

/** 不交付決定: the reviewer refuses the grant, with the reason the applicant is told. */
export const reject = defineStep({
  by: "reviewer",
  from: ["under_review"],
  to: "rejected",
  label: "不交付決定",
  submit: "不交付と決定する",
  done: "不交付と決定しました。不交付決定通知書を作成しました。",
  audit: "application.rejected",
  schema: () => z.object({ reason: textField("不交付の理由", { required: true }) }),
  take: (ctx, input) =>
    record({
      kind: "rejection",
      version: ctx.version.version,
      applicationDate: ctx.version.submittedOn,
      applicationNumber: ctx.version.applicationNumber,
      requestedAmount: ctx.version.requestedAmount,
      reason: input.reason,
    }),
});
