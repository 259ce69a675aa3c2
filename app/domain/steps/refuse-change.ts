import { z } from "zod";
import { textField } from "../form-fields";
import { decisionReference, latestOf } from "../proceedings";
import { defineStep, record } from "./step";

/** 変更不承認: the reviewer refuses the pending change request; the decided amount stays as it was. */
export const refuseChange = defineStep({
  by: "reviewer",
  from: ["change_requested"],
  to: "decided",
  label: "変更不承認",
  heading: "変更の不承認",
  submit: "変更を承認しない",
  done: "変更を承認しないことにしました。不承認通知書を作成しました。",
  audit: "application.change_refused",
  schema: () => z.object({ reason: textField("不承認の理由", { required: true }) }),
  take(ctx, input) {
    const request = latestOf(ctx.records, "change_request")!;
    const decided = ctx.ledger.decidedAmount;
    return record(
      {
        kind: "change_refusal",
        decision: decisionReference(ctx.records)!,
        changeRequestDate: request.documentDate,
        changeRequestNumber: request.documentNumber,
        requestedAmount: request.requestedAmount,
        previousAmount: decided,
        decidedAmount: decided,
        comment: input.reason,
      },
      decided,
    );
  },
});
