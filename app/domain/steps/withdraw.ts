import { z } from "zod";
import { textField } from "../form-fields";
import { decisionReference } from "../proceedings";
import { defineStep, record } from "./step";

/**
 * 取下げ・中止（廃止）: the applicant gives up the grant, or stops the work part-way (Act §9); what was done
 * before stopping is then reported and confirmed like any other work.
 */
export const withdraw = defineStep({
  by: "applicant",
  from: ["decided", "change_requested"],
  to: "withdrawn",
  label: "取下げ・中止",
  heading: "取下げ・中止（廃止）",
  submit: "取下げ・中止（廃止）を届け出る",
  done: "取下げ・中止（廃止）を届け出ました。",
  audit: "application.withdrawn",
  schema: () => z.object({ reason: textField("取下げ・中止の理由", { required: true }) }),
  take: (ctx, input) =>
    record({
      kind: "withdrawal",
      decision: decisionReference(ctx.records)!,
      decidedAmount: ctx.ledger.decidedAmount,
      reason: input.reason,
    }),
});
