/**
 * The money of one application (docs/domain.md §5): what is decided, claimed, paid, returned and confirmed,
 * summed from its records, and every limit the steps after submission check against it.
 */
import { assertYen, formatYen } from "./money";
import type { ProceedingRecord } from "./proceedings";

export interface Ledger {
  /** The amount currently decided (after an approved change or discontinuation); 0 before a decision. */
  decidedAmount: number;
  /** Advance payments claimed so far (概算払請求). */
  claimed: number;
  paid: number;
  returned: number;
  /** The confirmed amount, once confirmed (or what remains after a cancellation). */
  confirmedAmount: number | null;
}

/** Sums an application's records, in the order they were made. */
export function ledgerOf(records: readonly ProceedingRecord[]): Ledger {
  const ledger: Ledger = { decidedAmount: 0, claimed: 0, paid: 0, returned: 0, confirmedAmount: null };
  for (const r of records) {
    if (r.kind === "decision" || r.kind === "change_approval" || r.kind === "discontinuation_approval") ledger.decidedAmount = r.decidedAmount;
    if (r.kind === "payment_claim") ledger.claimed += r.claimAmount;
    if (r.kind === "payment") ledger[r.direction] += r.amount;
    if (r.kind === "confirmation") ledger.confirmedAmount = r.confirmedAmount;
    // A cancellation fixes the grant too: what remains of it is what the grantee may keep.
    if (r.kind === "cancellation") ledger.confirmedAmount = r.remainingAmount;
  }
  return ledger;
}

/** 既交付額: everything paid, less everything returned. */
export function netPaid(ledger: Pick<Ledger, "paid" | "returned">): number {
  return ledger.paid - ledger.returned;
}

/** What is still to be settled once confirmed: positive = to pay (精算払), negative = to be returned (返還). */
export function settlementBalance(ledger: Ledger): number {
  return (ledger.confirmedAmount ?? 0) - netPaid(ledger);
}

/** What an advance-payment claim may still ask for: the decided amount less everything claimed. */
export function claimable(ledger: Ledger): number {
  return ledger.decidedAmount - ledger.claimed;
}

/** What may be paid in all: the confirmed amount once confirmed, the decided amount before. */
export function paymentLimit(ledger: Ledger): number {
  return ledger.confirmedAmount ?? ledger.decidedAmount;
}

/** What may be received back: what was paid beyond the confirmed amount (everything paid, before confirmation). */
export function returnable(ledger: Ledger): number {
  return netPaid(ledger) - (ledger.confirmedAmount ?? 0);
}

/** The 額の確定: the grant recomputed from actual spending, never more than the decided amount. */
export function confirmedAmountOf(decidedAmount: number, recomputedAmount: number): number {
  assertYen(decidedAmount);
  assertYen(recomputedAmount);
  return Math.min(decidedAmount, recomputedAmount);
}

export type Settlement = Pick<Ledger, "confirmedAmount" | "paid" | "returned">;

/**
 * An application closes only when paid − returned equals the confirmed amount (0 when withdrawn with
 * nothing confirmed).
 */
export function canClose(settlement: Settlement): { ok: true } | { ok: false; reason: string } {
  const { paid, returned } = settlement;
  const confirmedAmount = settlement.confirmedAmount ?? 0;
  [confirmedAmount, paid, returned].forEach(assertYen);
  const net = netPaid(settlement);
  if (net === confirmedAmount) return { ok: true };
  const detail = `支払額${formatYen(paid)}から返還額${formatYen(returned)}を差し引いた${formatYen(net)}が、確定額${formatYen(confirmedAmount)}と一致しません`;
  return net < confirmedAmount
    ? { ok: false, reason: `${detail}。残り${formatYen(confirmedAmount - net)}の精算払を記録してから完了にしてください。` }
    : { ok: false, reason: `${detail}。${formatYen(net - confirmedAmount)}の返還を記録してから完了にしてください。` };
}

/** What is left of a programme-year's budget for one application: read under a lock by the service. */
export interface BudgetRoom {
  /** The programme-year's budget (予算額). */
  total: number;
  /** What the other applications of the programme-year are committed to (decided, changed or confirmed). */
  committedElsewhere: number;
}

/** The programme-year's budget as the reviewer sees it beside one application: its room, and what this one holds. */
export interface BudgetStanding extends BudgetRoom {
  /** This application's own current commitment (0 before its decision). */
  committedHere: number;
}

/** What is left of the programme-year's budget now, every application's commitment counted. */
export function remainingBudget(standing: BudgetStanding): number {
  return standing.total - standing.committedElsewhere - standing.committedHere;
}

/** What would be left once this application is committed to `amount` (a decision, or a change replacing the last one). */
export function remainingAfter(room: BudgetRoom, amount: number): number {
  return room.total - room.committedElsewhere - amount;
}

/** Why deciding `amount` would take the programme-year over its budget, or null when it fits. */
export function overBudget(room: BudgetRoom, amount: number): string | null {
  if (room.committedElsewhere + amount <= room.total) return null;
  return `予算額${formatYen(room.total)}を超えます。他の申請の交付決定額の合計は${formatYen(room.committedElsewhere)}で、残りは${formatYen(Math.max(0, room.total - room.committedElsewhere))}です。`;
}
