/**
 * Which year and programme the budget overview, its downloads and the budget API show, read from the address.
 * A value that cannot be one is ignored: the year falls back to the latest year with programme parameters.
 */
import { PROGRAMMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";

export interface BudgetFilter {
  /** null only when no year has programme parameters. */
  fiscalYear: number | null;
  /** null: both programmes. */
  programme: Programme | null;
}

const SHORT_NAMES: Record<Programme, string> = { prefectural: "メニュー1", intermediary: "メニュー2" };

/** "メニュー1" / "メニュー2": the programme as a column heading or a file name says it. */
export function programmeShortName(programme: Programme): string {
  return SHORT_NAMES[programme];
}

/** `years`: the fiscal years that have programme parameters, in any order. */
export function readBudgetFilter(params: URLSearchParams, years: readonly number[]): BudgetFilter {
  const year = params.get("fiscalYear") ?? "";
  const programme = params.get("programme") ?? "";
  const latest = years.length > 0 ? Math.max(...years) : null;
  return {
    fiscalYear: /^[0-9]{4}$/.test(year) && years.includes(Number(year)) ? Number(year) : latest,
    programme: (PROGRAMMES as readonly string[]).includes(programme) ? (programme as Programme) : null,
  };
}

/** The query string of a filter ("?fiscalYear=2026&programme=prefectural"), for links to the same view. */
export function budgetQuery(filter: BudgetFilter): string {
  const params = new URLSearchParams();
  if (filter.fiscalYear !== null) params.set("fiscalYear", String(filter.fiscalYear));
  if (filter.programme) params.set("programme", filter.programme);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The downloads' name without extension: 予算執行状況_令和8年度 (and _メニュー1 for one programme). */
export function budgetFileBaseName(filter: BudgetFilter): string {
  const parts = ["予算執行状況"];
  if (filter.fiscalYear !== null) parts.push(fiscalYearLabel(filter.fiscalYear));
  if (filter.programme) parts.push(programmeShortName(filter.programme));
  return parts.join("_");
}
