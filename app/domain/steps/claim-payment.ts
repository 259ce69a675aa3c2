import { z } from "zod";
import { choiceField, textField, yenField, applicantNumberField } from "../form-fields";
import { claimable, netPaid } from "../ledger";
import { formatYen } from "../money";
import { ACCOUNT_TYPES, decisionReference } from "../proceedings";
import { defineStep, fieldError, record, numbered } from "./step";

const payeeText = (label: string) => textField(label, { required: true, max: 100 });

/** The account to pay into (振込先), as both claims ask for it. */
export const payeeFields = {
  bankName: payeeText("金融機関名"),
  branchName: payeeText("支店名"),
  accountType: choiceField(ACCOUNT_TYPES),
  accountNumber: payeeText("口座番号")
    .transform((number) => number.normalize("NFKC"))
    .refine((number) => /^\d{7}$/.test(number), { error: "口座番号は7桁の数字で入力してください。" }),
  accountHolder: payeeText("口座名義"),
};

/** 概算払請求: the applicant claims an advance payment, at most the decided amount less what was claimed before. */
export const claimPayment = defineStep({
  by: "applicant",
  from: ["decided", "change_requested"],
  to: null,
  label: "概算払請求",
  submit: "概算払を請求する",
  done: "概算払を請求しました。",
  audit: "application.payment_claimed",
  schema: () => z.object({ documentNumber: applicantNumberField(), claimAmount: yenField("請求額", { positive: true }), ...payeeFields }),
  unavailable: (ledger) => (claimable(ledger) > 0 ? null : "交付決定額のすべてを請求済みです。これ以上の概算払請求はできません。"),
  take(ctx, { claimAmount, documentNumber, ...payee }) {
    const { ledger } = ctx;
    if (claimAmount > claimable(ledger)) {
      return fieldError("claimAmount", `請求額は、交付決定額から請求済みの額を差し引いた${formatYen(claimable(ledger))}以下にしてください。`);
    }
    return record(
      {
        kind: "payment_claim",
        ...numbered({ documentNumber }),
        decision: decisionReference(ctx.records)!,
        decidedAmount: ledger.decidedAmount,
        alreadyClaimed: ledger.claimed,
        alreadyReceived: netPaid(ledger),
        claimAmount,
        payee,
      },
      claimAmount,
    );
  },
});
