/** Japanese era (和暦) labels for fiscal years. Fiscal year 2026 runs April 2026 – March 2027. */

const REIWA_FIRST_YEAR = 2019;

/** 2026 → "令和8年度"; 2019 → "令和元年度". */
export function fiscalYearLabel(fiscalYear: number): string {
  if (!Number.isInteger(fiscalYear) || fiscalYear < REIWA_FIRST_YEAR) {
    throw new RangeError(`fiscal year ${fiscalYear} is before 令和`);
  }
  const n = fiscalYear - REIWA_FIRST_YEAR + 1;
  return `令和${n === 1 ? "元" : n}年度`;
}
