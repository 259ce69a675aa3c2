import { z } from "zod";
import { textField, applicantNumberField } from "../form-fields";
import { decisionReference, latestOf, withdrawalDeadline, type ProceedingRecord } from "../proceedings";
import { formatWarekiDate } from "../wareki";
import { defineStep, record, numbered } from "./step";

const deadlineOf = (records: readonly ProceedingRecord[]) => {
  const decision = latestOf(records, "decision");
  return decision ? withdrawalDeadline(decision) : null;
};

/**
 * 申請の取下げ (Act §9): within the period the 交付決定通知書 sets, the applicant may give up the grant, and
 * the decision lapses (its commitment of the budget is released). After the period, stopping the work
 * needs the reviewer's approval (request_discontinuation).
 */
export const withdraw = defineStep({
  by: "applicant",
  from: ["decided", "change_requested"],
  to: "withdrawn",
  label: "申請の取下げ",
  heading: "交付申請の取下げ",
  submit: "交付申請を取り下げる",
  done: "交付申請を取り下げました。交付申請取下げ書を作成しました。",
  audit: "application.withdrawn",
  schema: () => z.object({ documentNumber: applicantNumberField(), reason: textField("取下げの理由", { required: true }) }),
  unavailable: (_ledger, records, today) => {
    const deadline = deadlineOf(records)!;
    return today > deadline
      ? `申請を取り下げられるのは、交付決定通知書に記載の期限（${formatWarekiDate(deadline)}）までです。事業をやめる場合は、中止（廃止）の承認申請をしてください。`
      : null;
  },
  take(ctx, input) {
    const deadline = deadlineOf(ctx.records)!;
    // The decision lapses: nothing of the budget stays committed to it.
    return record(
      {
        kind: "withdrawal",
        ...numbered(input),
        decision: decisionReference(ctx.records)!,
        decidedAmount: ctx.ledger.decidedAmount,
        reason: input.reason,
        deadline,
      },
      0,
    );
  },
});
