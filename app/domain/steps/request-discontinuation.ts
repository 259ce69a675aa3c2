import { z } from "zod";
import { dateField, textField, yenField, applicantNumberField } from "../form-fields";
import { formatYen } from "../money";
import { decisionReference } from "../proceedings";
import { formatWarekiDate } from "../wareki";
import { defineStep, fieldError, record, numbered } from "./step";

/**
 * 事業中止（廃止）承認申請: a grantee that means to stop the work part-way asks the reviewer first (the
 * decision's condition under Act §7), saying why, from when, what was done and what grant that work is
 * expected to need. Until the reviewer answers, the work and its decision stand as they were.
 */
export const requestDiscontinuation = defineStep({
  by: "applicant",
  from: ["decided"],
  to: "discontinuation_requested",
  label: "中止（廃止）の承認申請",
  heading: "事業の中止（廃止）の承認申請",
  submit: "中止（廃止）の承認を申請する",
  done: "事業の中止（廃止）の承認を申請しました。事業中止（廃止）承認申請書を作成しました。",
  audit: "application.discontinuation_requested",
  schema: () =>
    z.object({
      documentNumber: applicantNumberField(),
      stopOn: dateField("中止（廃止）の予定日"),
      reason: textField("中止（廃止）の理由", { required: true }),
      doneSoFar: textField("中止（廃止）までに実施した事業の内容", { required: true }),
      expectedAmount: yenField("中止（廃止）までの事業に係る交付金の見込額"),
    }),
  take(ctx, input) {
    const decided = ctx.ledger.decidedAmount;
    const yearEnd = `${ctx.application.fiscalYear + 1}-03-31`;
    const decision = decisionReference(ctx.records)!;
    if (input.stopOn < decision.documentDate || input.stopOn > yearEnd) {
      return fieldError(
        "stopOn",
        `中止（廃止）の予定日は、交付決定日（${formatWarekiDate(decision.documentDate)}）から年度末（${formatWarekiDate(yearEnd)}）までの日付にしてください。`,
      );
    }
    if (input.expectedAmount > decided) {
      return fieldError("expectedAmount", `交付金の見込額は交付決定額${formatYen(decided)}以下にしてください。`);
    }
    return record(
      {
        kind: "discontinuation_request",
        ...numbered(input),
        decision,
        decidedAmount: decided,
        stopOn: input.stopOn,
        reason: input.reason,
        doneSoFar: input.doneSoFar,
        expectedAmount: input.expectedAmount,
      },
      input.expectedAmount,
    );
  },
});
