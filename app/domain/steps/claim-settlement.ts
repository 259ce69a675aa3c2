import { z } from "zod";
import { applicantNumberField } from "../form-fields";
import { netPaid, settlementBalance } from "../ledger";
import { settledAt } from "../proceedings";
import { openClaims } from "../claims";
import { defineStep, numbered, record } from "./step";
import { payeeFields } from "./claim-payment";

/**
 * 精算払請求: once the amount is confirmed above what was paid, the grantee claims the rest (the confirmed
 * amount less what it has received), naming the account; the reviewer's 精算払 then pays this claim.
 */
export const claimSettlement = defineStep({
  by: "applicant",
  from: ["confirmed", "cancelled"],
  to: null,
  label: "精算払請求",
  submit: "精算払を請求する",
  done: "精算払を請求しました。",
  audit: "application.settlement_claimed",
  schema: () => z.object({ documentNumber: applicantNumberField(), ...payeeFields }),
  unavailable: (ledger, records) => {
    if (openClaims(records).length > 0) return "精算払請求は提出済みです。内閣府からの支払をお待ちください。";
    return settlementBalance(ledger) > 0 ? null : "確定額はすでに支払われているため、精算払として請求できる額はありません。";
  },
  take(ctx, { documentNumber, ...payee }) {
    // The notice that fixed the grant: the 額の確定, or the 取消 when it came after.
    const confirmation = ctx.records[settledAt(ctx.records)]!;
    const claimAmount = settlementBalance(ctx.ledger);
    return record(
      {
        kind: "settlement_claim",
        ...numbered({ documentNumber }),
        confirmation: { documentNumber: confirmation.documentNumber, documentDate: confirmation.documentDate },
        ...(confirmation.kind === "cancellation" ? { basis: "cancellation" as const } : {}),
        confirmedAmount: ctx.ledger.confirmedAmount!,
        alreadyReceived: netPaid(ctx.ledger),
        claimAmount,
        payee,
      },
      claimAmount,
    );
  },
});
