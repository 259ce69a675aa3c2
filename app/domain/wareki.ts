/** Japanese era (和暦) labels for dates and fiscal years. Fiscal year 2026 runs April 2026 – March 2027. */

import { japanDateOf, parseDateOnly, type JapanDate } from "./japan-time";

const REIWA_FIRST_YEAR = 2019;

/** 2026 → "令和8年度"; 2019 → "令和元年度". */
export function fiscalYearLabel(fiscalYear: number): string {
  if (!Number.isInteger(fiscalYear) || fiscalYear < REIWA_FIRST_YEAR) {
    throw new RangeError(`fiscal year ${fiscalYear} is before 令和`);
  }
  const n = fiscalYear - REIWA_FIRST_YEAR + 1;
  return `令和${n === 1 ? "元" : n}年度`;
}

/** "令和5年度" → 2023; "令和元年度" → 2019; anything else → null. The inverse of fiscalYearLabel. */
export function fiscalYearOfLabel(label: string): number | null {
  const match = /^令和(元|[1-9][0-9]*)年度$/.exec(label.trim());
  if (!match) return null;
  return REIWA_FIRST_YEAR - 1 + (match[1] === "元" ? 1 : Number(match[1]));
}

/** The fiscal year (April–March, by its starting calendar year) of an instant, in Japan time. */
export function fiscalYearOf(instant: Date): number {
  const { year, month } = japanDateOf(instant);
  return month >= 4 ? year : year - 1;
}

/** Eras newest first, each with its first day. */
const ERAS = [
  { name: "令和", year: 2019, month: 5, day: 1 },
  { name: "平成", year: 1989, month: 1, day: 8 },
  { name: "昭和", year: 1926, month: 12, day: 25 },
] as const;

const dayKey = (d: JapanDate) => d.year * 10_000 + d.month * 100 + d.day;

/**
 * An instant (as its date in Japan) or a calendar date "YYYY-MM-DD" in 和暦:
 * 2026-04-01 → "令和8年4月1日"; 2019-04-30 → "平成31年4月30日"; 2019-05-01 → "令和元年5月1日".
 */
export function formatWarekiDate(date: Date | string): string {
  const d = typeof date === "string" ? parseDateOnly(date) : japanDateOf(date);
  const era = ERAS.find((e) => dayKey(d) >= dayKey(e));
  if (!era) throw new RangeError(`date ${d.year}-${d.month}-${d.day} is before 昭和`);
  const n = d.year - era.year + 1;
  return `${era.name}${n === 1 ? "元" : n}年${d.month}月${d.day}日`;
}

/** An instant as people in Japan read it: "令和8年11月27日 19:05" (Japan time, 24-hour clock). */
export function formatWarekiDateTime(instant: Date | string): string {
  const at = new Date(instant);
  const jst = new Date(at.getTime() + 9 * 3_600_000);
  const hh = String(jst.getUTCHours()).padStart(2, "0");
  const mm = String(jst.getUTCMinutes()).padStart(2, "0");
  return `${formatWarekiDate(at)} ${hh}:${mm}`;
}
