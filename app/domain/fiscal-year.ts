/**
 * The current fiscal year (会計年度, April–March, by its starting calendar year): from the date in Japan, so
 * 2027-03-31 JST is still 2026 (令和8年度) and 2027-04-01 JST is 2027; or the year a setting fixes (tests,
 * demonstrations), whatever the date.
 */
import { fiscalYearOf } from "./wareki";

export function currentFiscalYear(now: Date, override?: number | null): number {
  return override ?? fiscalYearOf(now);
}

/** Whether a text names a fiscal year the product can hold (2019–2100, as the fiscal_years table allows). */
export function isFiscalYear(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 2019 && value <= 2100;
}
