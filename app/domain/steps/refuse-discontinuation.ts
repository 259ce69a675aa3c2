import { z } from "zod";
import { textField } from "../form-fields";
import { decisionReference, latestOf } from "../proceedings";
import { defineStep, record } from "./step";

/** 中止（廃止）の不承認: the reviewer refuses the pending request; the work goes on under the decision as it was. */
export const refuseDiscontinuation = defineStep({
  by: "reviewer",
  from: ["discontinuation_requested"],
  to: "decided",
  label: "中止（廃止）の不承認",
  submit: "中止（廃止）を承認しない",
  done: "事業の中止（廃止）を承認しないことにしました。不承認通知書を作成しました。",
  audit: "application.discontinuation_refused",
  schema: () => z.object({ reason: textField("不承認の理由", { required: true }) }),
  take(ctx, input) {
    const request = latestOf(ctx.records, "discontinuation_request")!;
    const decided = ctx.ledger.decidedAmount;
    return record({
      kind: "discontinuation_refusal",
      decision: decisionReference(ctx.records)!,
      requestDate: request.documentDate,
      requestNumber: request.documentNumber,
      stopOn: request.stopOn,
      expectedAmount: request.expectedAmount,
      previousAmount: decided,
      decidedAmount: decided,
      comment: input.reason,
    });
  },
});
