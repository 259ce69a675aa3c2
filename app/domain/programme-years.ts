/**
 * A programme-year's rules beyond the grant calculation (docs/domain.md §2): its application window, in
 * Japan time, and an organisation's own later closing time (締切の延長); and which parameters are the
 * calculation's, fixed once a version has been submitted under them (docs/decisions/016-programme-years.md).
 */
import { PROGRAMME_NAMES, type Programme, type ProgrammeParameters } from "./programmes";
import { fiscalYearLabel, formatWarekiDateTime } from "./wareki";

export interface ApplicationWindow {
  opensAt: Date;
  closesAt: Date;
}

/** A later closing date-time granted to one organisation, with its reason. */
export interface DeadlineExtension {
  closesAt: Date;
  reason: string;
}

/** When the organisation's submissions close: the window's end, or its own extension when that is later. */
export function closingFor(window: ApplicationWindow, extension: DeadlineExtension | null): Date {
  return extension && extension.closesAt.getTime() > window.closesAt.getTime() ? extension.closesAt : window.closesAt;
}

/**
 * Why the organisation cannot start or submit an application of the programme-year now, or null when it
 * can: the window is not set, has not opened, or has closed (and any extension has run out too).
 */
export function windowProblem(
  window: ApplicationWindow | null,
  extension: DeadlineExtension | null,
  fiscalYear: number,
  programme: Programme,
  now: Date,
): string | null {
  const what = `${fiscalYearLabel(fiscalYear)}の${PROGRAMME_NAMES[programme]}`;
  if (!window) return `${what}の受付期間はまだ決まっていません。`;
  const t = now.getTime();
  if (t < window.opensAt.getTime()) return `${what}の受付は${formatWarekiDateTime(window.opensAt)}からです。`;
  const closes = closingFor(window, extension);
  if (t > closes.getTime()) return `${what}の受付は${formatWarekiDateTime(closes)}で締め切りました。`;
  return null;
}

/** The parameters the grant is computed with, and their labels on the administrator's form (by field name). */
const CALCULATION_FIELDS: readonly [string, string, (p: ProgrammeParameters) => string][] = [
  ["rateNumerator", "交付率", (p) => `${p.rate.numerator}/${p.rate.denominator}`],
  ["baseAmount", "交付基準額", (p) => String(p.baseAmount)],
  ["ceiling", "交付上限額", (p) => String(p.ceiling)],
  ["eligibleCategories", "対象経費", (p) => [...p.eligibleCategories].sort().join(",")],
  ["assetRestrictionThreshold", "財産処分制限の基準額", (p) => String(p.assetRestrictionThreshold)],
];

/** The calculation parameters that differ between two parameter sets of one programme-year: [field, label]. */
export function changedCalculationFields(before: ProgrammeParameters, after: ProgrammeParameters): [string, string][] {
  return CALCULATION_FIELDS.filter(([, , value]) => value(before) !== value(after)).map(([field, label]) => [field, label]);
}
