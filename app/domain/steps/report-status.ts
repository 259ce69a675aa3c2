import { z } from "zod";
import { textField, yenField, applicantNumberField } from "../form-fields";
import { decisionReference, openStatusReportRequest } from "../proceedings";
import { defineStep, record, numbered } from "./step";

/** 遂行状況報告: the grantee answers the reviewer's request, late or not (a late answer is still an answer). */
export const reportStatus = defineStep({
  by: "applicant",
  from: ["decided", "change_requested"],
  to: null,
  label: "遂行状況報告",
  submit: "遂行状況を報告する",
  done: "遂行状況を報告しました。遂行状況報告書を作成しました。",
  audit: "application.status_reported",
  schema: () =>
    z.object({
      documentNumber: applicantNumberField(),
      progress: textField("事業の遂行の状況", { required: true, max: 2000 }),
      spentToDate: yenField("これまでに支出した額"),
    }),
  unavailable: (_ledger, records) =>
    openStatusReportRequest(records) ? null : "報告を求められていません。遂行状況報告は、内閣府から依頼があったときに提出します。",
  take(ctx, input) {
    const request = openStatusReportRequest(ctx.records)!;
    return record(
      {
        kind: "status_report",
        ...numbered(input),
        decision: decisionReference(ctx.records)!,
        request: { documentNumber: request.documentNumber, documentDate: request.documentDate, dueOn: request.dueOn },
        decidedAmount: ctx.ledger.decidedAmount,
        progress: input.progress,
        spentToDate: input.spentToDate,
      },
      input.spentToDate,
    );
  },
});
