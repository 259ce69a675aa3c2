/**
 * Claims and the payments that pay them (docs/domain.md §5 "Claims and payments"): which claims a payment
 * may pay now, and how a claim is named on the payment form and in the records.
 */
import { DOCUMENT_TITLES, settledAt, type ClaimReference, type ProceedingRecord } from "./proceedings";
import { formatWarekiDate } from "./wareki";

/** A claim and what of it is still unpaid. */
export interface OpenClaim {
  claim: ClaimReference;
  claimAmount: number;
  unpaid: number;
}

/**
 * The claims a payment may pay now (docs/domain.md §5): before the amount is confirmed, the advance claims
 * (概算払請求); after it (or a cancellation), the settlement claims made since then (精算払請求). Each with what
 * is still unpaid of it, oldest first; a claim paid in full is left out.
 */
export function openClaims(records: readonly ProceedingRecord[]): OpenClaim[] {
  const confirmedAt = settledAt(records);
  const paid = new Map<number, number>();
  for (const r of records) if (r.kind === "payment" && r.claim) paid.set(r.claim.ordinal, (paid.get(r.claim.ordinal) ?? 0) + r.amount);
  const claims: OpenClaim[] = [];
  let ordinal = 0;
  for (const [at, r] of records.entries()) {
    if (r.kind !== "payment_claim" && r.kind !== "settlement_claim") continue;
    ordinal += 1;
    const payable = confirmedAt === -1 ? r.kind === "payment_claim" : r.kind === "settlement_claim" && at > confirmedAt;
    const unpaid = r.claimAmount - (paid.get(ordinal) ?? 0);
    if (payable && unpaid > 0) {
      claims.push({ claim: { ordinal, kind: r.kind, documentNumber: r.documentNumber, documentDate: r.documentDate }, claimAmount: r.claimAmount, unpaid });
    }
  }
  return claims;
}

/** 「2回目の請求（令和9年4月25日付け精算払請求書）」: a claim as the payment form and the records name it. */
export function claimLabel(claim: ClaimReference): string {
  return `${claim.ordinal}回目の請求（${formatWarekiDate(claim.documentDate)}付け${claim.documentNumber}${DOCUMENT_TITLES[claim.kind]}）`;
}
