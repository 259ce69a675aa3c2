import { z } from "zod";
import { countField, dateField, textField, yenField } from "../form-fields";
import { netPaid, paymentLimit, returnable } from "../ledger";
import { formatYen } from "../money";
import { claimLabel, openClaims } from "../claims";
import { defineStep, fieldError, record } from "./step";

const common = (dateLabel: string) => ({
  amount: yenField("金額", { positive: true }),
  paidOn: dateField(dateLabel),
  note: textField("摘要", { max: 200 }),
});
const paid = z.object({
  direction: z.literal("paid"),
  // The claim paid, by its place among the application's claims; none given: the oldest still unpaid.
  claim: z.preprocess((v) => (v === "" ? undefined : v), countField("支払う請求", { min: 1, max: 10_000 }).optional()),
  ...common("支払日"),
});
const returned = z.object({ direction: z.literal("returned"), ...common("返還を受けた日") });

/** Anything but "returned" is a payment. */
const withDirection = (values: unknown) => {
  const fields = typeof values === "object" && values !== null ? values : {};
  return { ...fields, direction: "direction" in fields && fields.direction === "returned" ? "returned" : "paid" };
};

/**
 * 支払・返還の記録: the reviewer records a payment to the applicant (概算払 before confirmation, 精算払 after)
 * or money received back. What is paid never exceeds the decided amount, or the confirmed amount once
 * confirmed; what is received back never exceeds what was paid beyond the confirmed amount.
 */
export const recordPayment = defineStep({
  by: "reviewer",
  from: ["decided", "change_requested", "withdrawn", "reported", "confirmed", "cancelled"],
  to: null,
  label: "支払・返還の記録",
  submit: "記録する",
  done: "支払・返還を記録しました。",
  audit: "application.payment_recorded",
  schema: () => z.preprocess(withDirection, z.discriminatedUnion("direction", [paid, returned])),
  take(ctx, input) {
    const { ledger, application } = ctx;
    if (input.direction === "paid" && (application.state === "withdrawn" || application.state === "reported")) {
      return { status: "refused", reason: "取下げ・中止の後や実績報告の審査中は、支払を記録できません。額の確定後に精算払として記録してください。" };
    }
    if (input.paidOn > ctx.today) return fieldError("paidOn", "日付は今日以前にしてください。");
    const limit = paymentLimit(ledger);
    if (input.direction === "paid" && netPaid(ledger) + input.amount > limit) {
      const what = ledger.confirmedAmount === null ? "交付決定額" : "確定額";
      return fieldError(
        "amount",
        `支払額の合計が${what}${formatYen(limit)}を超えます。今回支払えるのは${formatYen(Math.max(0, limit - netPaid(ledger)))}までです。`,
      );
    }
    if (input.direction === "returned" && input.amount > returnable(ledger)) {
      return fieldError(
        "amount",
        ledger.confirmedAmount === null
          ? `返還額は支払済みの${formatYen(netPaid(ledger))}以下にしてください。`
          : `返還額は、支払済みの額から確定額を差し引いた${formatYen(Math.max(0, returnable(ledger)))}以下にしてください。`,
      );
    }
    if (input.direction === "returned") return record({ kind: "payment", ...input }, input.amount);
    // Every payment pays a claim: an advance claim before the amount is confirmed, a settlement claim after.
    const { claim: ordinal, ...payment } = input;
    const open = openClaims(ctx.records);
    if (open.length === 0) {
      return {
        status: "refused",
        reason: "支払の対象となる請求がありません。概算払は概算払請求を、精算払は精算払請求を受けてから記録してください。",
      };
    }
    const target = ordinal === undefined ? open[0]! : open.find((c) => c.claim.ordinal === ordinal);
    if (!target) return fieldError("claim", "選んだ請求は支払済みか、今は支払の対象ではありません。");
    if (input.amount > target.unpaid) {
      return fieldError("amount", `${claimLabel(target.claim)}の未払額${formatYen(target.unpaid)}以下にしてください。`);
    }
    return record({ kind: "payment", ...payment, claim: target.claim }, input.amount);
  },
});
