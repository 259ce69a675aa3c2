import { z } from "zod";
import { dateField, textField } from "../form-fields";
import { decisionReference, openStatusReportRequest } from "../proceedings";
import { defineStep, fieldError, record } from "./step";

/**
 * 状況報告の求め (Subsidy Act §12): during the work the reviewer asks the grantee how it is going, with what to
 * cover and a due date. One request waits for its answer at a time.
 */
export const requestStatusReport = defineStep({
  by: "reviewer",
  from: ["decided", "change_requested"],
  to: null,
  label: "遂行状況報告の依頼",
  submit: "遂行状況報告を依頼する",
  done: "遂行状況報告を依頼しました。依頼の文書を作成しました。",
  audit: "application.status_report_requested",
  schema: () => z.object({ matters: textField("報告を求める事項", { required: true, max: 2000 }), dueOn: dateField("提出期限") }),
  unavailable: (_ledger, records) => {
    const open = openStatusReportRequest(records);
    return open ? `${open.documentNumber}の依頼への報告がまだありません。報告を受けてから次の依頼をしてください。` : null;
  },
  take(ctx, input) {
    if (input.dueOn <= ctx.today) return fieldError("dueOn", "提出期限は明日以降の日付にしてください。");
    return record({ kind: "status_report_request", decision: decisionReference(ctx.records)!, matters: input.matters, dueOn: input.dueOn });
  },
});
