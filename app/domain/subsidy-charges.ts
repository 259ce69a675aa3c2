/**
 * 加算金 and 延滞金 on grant money that must be returned (Subsidy Act §19, docs/domain.md §5 "Charges on
 * returned money"). Pure and exact: amounts are integer yen, the arithmetic is done in BigInt on the sum of
 * (yen × days) and rounded once, down to the yen.
 *
 * - 加算金 (§19(1)): on money returned because the decision was cancelled (§17), 10.95% a year for the days
 *   from the day the money was received to the day it is returned, both counted. Money received in several
 *   payments: the amount ordered back is taken as received on the latest payment's day first, then on
 *   earlier ones in turn; what is returned is taken off the latest-received money first.
 * - 延滞金 (§19(2)): on what is still unpaid after the due date of a return order, 10.95% a year for the days
 *   from the day after the due date to the day it is paid, both counted. A part paid late stops the charge on
 *   that part from the next day.
 *
 * A year is 365 days for the rate, leap years included.
 */
import { parseDateOnly } from "./japan-time";
import { formatYen } from "./money";
import { CHARGE_NAMES, type ChargeKind, type ProceedingRecord } from "./proceedings";

/** 10.95% a year: 1,095 per 10,000, over 365 days. */
const RATE_NUMERATOR = 1_095n;
const RATE_DENOMINATOR = 10_000n * 365n;

/** A sum of money on a day ("YYYY-MM-DD"). */
export interface DatedAmount {
  amount: number;
  on: string;
}

export class ChargeInputError extends Error {}

const dayNumber = (date: string) => {
  const { year, month, day } = parseDateOnly(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

/** Days from `from` to `to`, both counted: the same day is 1. */
export function daysCounted(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** yen × days summed, at 10.95% a year, down to the yen. */
const chargeOn = (yenDays: bigint) => Number((yenDays * RATE_NUMERATOR) / RATE_DENOMINATOR);

const byDate = (a: DatedAmount, b: DatedAmount) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

function checkDate(date: string, what: string) {
  try {
    parseDateOnly(date);
  } catch {
    throw new ChargeInputError(`${what}の日付（${date}）は暦にある日付（YYYY-MM-DD）にしてください。`);
  }
}

function checkAmounts(list: readonly DatedAmount[], what: string) {
  for (const { amount, on } of list) {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new ChargeInputError(`${what}の金額は1円以上の整数にしてください。`);
    checkDate(on, what);
  }
}

const total = (list: readonly DatedAmount[]) => list.reduce((sum, x) => sum + x.amount, 0);

/**
 * 加算金 on `ordered` yen ordered back after a cancellation, given the payments received (`received`) and the
 * returns made so far (`returned`); money not yet returned is counted to `until` (the day it is worked out for).
 */
export function additionalCharge(ordered: number, received: readonly DatedAmount[], returned: readonly DatedAmount[], until: string): number {
  checkAmounts(received, "受領額");
  checkAmounts(returned, "返還額");
  checkDate(until, "計算の基準日");
  if (!Number.isSafeInteger(ordered) || ordered < 0) throw new ChargeInputError("返還を命じる額は0円以上の整数にしてください。");
  if (ordered > total(received)) throw new ChargeInputError("返還を命じる額が受領した額を超えています。");
  if (total(returned) > ordered) throw new ChargeInputError("返還を受けた額が返還を命じた額を超えています。");
  // The amount ordered back, as slices of the payments received, the latest first.
  const slices: DatedAmount[] = [];
  let left = ordered;
  for (const payment of [...received].sort(byDate).reverse()) {
    if (left === 0) break;
    const take = Math.min(left, payment.amount);
    slices.push({ amount: take, on: payment.on });
    left -= take;
  }
  // Each return pays off the latest-received slices first; each part accrues from its receipt to its return.
  let yenDays = 0n;
  const returns = [...returned].sort(byDate);
  for (const slice of slices) {
    let owed = slice.amount;
    while (owed > 0 && returns.length > 0) {
      const payment = returns[0]!;
      if (payment.on < slice.on) throw new ChargeInputError("受領の日より前の返還があります。");
      const part = Math.min(owed, payment.amount);
      yenDays += BigInt(part) * BigInt(daysCounted(slice.on, payment.on));
      owed -= part;
      if (part === payment.amount) returns.shift();
      else returns[0] = { amount: payment.amount - part, on: payment.on };
    }
    if (owed > 0) yenDays += BigInt(owed) * BigInt(Math.max(0, daysCounted(slice.on, until)));
  }
  return chargeOn(yenDays);
}

/**
 * 延滞金 on a return order of `ordered` yen due on `dueOn`, given the returns made (`returned`); what is still
 * unpaid is counted to `until`.
 */
export function lateCharge(ordered: number, dueOn: string, returned: readonly DatedAmount[], until: string): number {
  checkAmounts(returned, "返還額");
  checkDate(dueOn, "納期限");
  checkDate(until, "計算の基準日");
  if (!Number.isSafeInteger(ordered) || ordered < 0) throw new ChargeInputError("返還を命じた額は0円以上の整数にしてください。");
  let unpaid = ordered;
  let yenDays = 0n;
  for (const payment of [...returned].sort(byDate)) {
    if (unpaid === 0) break;
    const part = Math.min(unpaid, payment.amount);
    // Paid on or before the due date: no days. After it: from the day after the due date to the payment.
    yenDays += BigInt(part) * BigInt(Math.max(0, daysCounted(dueOn, payment.on) - 1));
    unpaid -= part;
  }
  if (unpaid > 0) yenDays += BigInt(unpaid) * BigInt(Math.max(0, daysCounted(dueOn, until) - 1));
  return chargeOn(yenDays);
}

/** The payments received before the order, as dated amounts. */
const receivedBefore = (records: readonly ProceedingRecord[]): DatedAmount[] =>
  records.flatMap((r) => (r.kind === "payment" && r.direction === "paid" ? [{ amount: r.amount, on: r.paidOn }] : []));

/** The returns, earliest first, up to the amount ordered (anything beyond it is no part of the order). */
function returnsWithin(returns: readonly DatedAmount[], ordered: number): DatedAmount[] {
  let left = ordered;
  return [...returns].sort(byDate).flatMap((r) => {
    const part = Math.min(left, r.amount);
    left -= part;
    return part > 0 ? [{ amount: part, on: r.on }] : [];
  });
}

/** Where the latest return order (返還命令) stands on a day: what it ordered, what came back, and the 延滞金. */
export interface RepaymentStanding {
  ordered: number;
  dueOn: string;
  returned: number;
  unpaid: number;
  /** 延滞金 so far: to the last return once all is returned, otherwise to `asOf`. */
  lateCharge: number;
  /** 加算金 so far, for an order after a cancellation (§19(1)), counted like the 延滞金; null for an order after 額の確定. */
  additionalCharge: number | null;
  /** What was received of each charge since the order. */
  received: Record<ChargeKind, number>;
  /** What is still to be received of each: the charge so far less what was received, never below 0. */
  outstanding: Record<ChargeKind, number>;
  /** The day the 延滞金 is counted to ("YYYY-MM-DD"). */
  asOf: string;
  /** Whether the due date has passed with something still unpaid. */
  overdue: boolean;
}

/**
 * The latest return order and the returns recorded after it, as of `today` ("YYYY-MM-DD" in Japan); null when
 * no return order was issued.
 */
export function repaymentStanding(records: readonly ProceedingRecord[], today: string): RepaymentStanding | null {
  const at = records.findLastIndex((r) => r.kind === "repayment_order");
  const order = records[at];
  if (!order || order.kind !== "repayment_order") return null;
  const returns = records.slice(at + 1).flatMap((r) => (r.kind === "payment" && r.direction === "returned" ? [{ amount: r.amount, on: r.paidOn }] : []));
  const returned = Math.min(order.repaymentAmount, total(returns));
  const unpaid = order.repaymentAmount - returned;
  const lastReturn = returns.reduce((latest, r) => (r.on > latest ? r.on : latest), order.dueOn);
  const asOf = unpaid === 0 ? lastReturn : today;
  const charges = {
    late: lateCharge(order.repaymentAmount, order.dueOn, returns, asOf),
    additional:
      order.cause === "cancellation"
        ? additionalCharge(order.repaymentAmount, receivedBefore(records.slice(0, at)), returnsWithin(returns, order.repaymentAmount), asOf)
        : null,
  };
  const received = { late: 0, additional: 0 };
  for (const r of records.slice(at + 1)) if (r.kind === "charge_receipt") received[r.charge] += r.amount;
  return {
    ordered: order.repaymentAmount,
    dueOn: order.dueOn,
    returned,
    unpaid,
    lateCharge: charges.late,
    additionalCharge: charges.additional,
    received,
    outstanding: { late: Math.max(0, charges.late - received.late), additional: Math.max(0, (charges.additional ?? 0) - received.additional) },
    asOf,
    overdue: unpaid > 0 && today > order.dueOn,
  };
}

/** The charges still to be received on the latest return order, in words (「延滞金1,200円」), or null when none. */
export function outstandingCharges(standing: RepaymentStanding | null): string | null {
  if (!standing) return null;
  const due = (Object.keys(CHARGE_NAMES) as ChargeKind[]).filter((k) => standing.outstanding[k] > 0);
  return due.length === 0 ? null : due.map((k) => `${CHARGE_NAMES[k]}${formatYen(standing.outstanding[k])}`).join("・");
}
