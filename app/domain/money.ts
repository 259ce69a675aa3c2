/**
 * Money is whole yen held in safe integers (docs/decisions/002-integer-yen.md).
 * Formatting helpers used by every page and document.
 */

const groupedYen = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 0, useGrouping: true });

export function assertYen(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole yen amount: ${amount}`);
}

/** 4000000 → "4,000,000円". */
export function formatYen(amount: number): string {
  assertYen(amount);
  return `${groupedYen.format(amount)}円`;
}
