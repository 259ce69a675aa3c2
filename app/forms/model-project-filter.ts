/**
 * Which year and prefecture the model projects' page, its CSV and its API show, read from the address. The
 * page ignores a value that cannot be one (the latest year with data, every prefecture); the API refuses it
 * with the message of modelProjectQueryProblem instead.
 */
import { prefectureName } from "~/domain/prefectures";
import { fiscalYearLabel } from "~/domain/wareki";

export interface ModelProjectFilter {
  /** null only when no year has data. */
  fiscalYear: number | null;
  /** JIS X 0401 code; null: every prefecture. */
  prefectureCode: string | null;
}

const YEAR = /^[0-9]{4}$/;
const isPrefectureCode = (code: string) => /^[0-9]{2}$/.test(code) && prefectureName(code) !== undefined;

/** `years`: the fiscal years with published data, in any order. */
export function readModelProjectFilter(params: URLSearchParams, years: readonly number[]): ModelProjectFilter {
  const year = params.get("fiscalYear") ?? "";
  const prefecture = params.get("prefecture") ?? "";
  return {
    fiscalYear: YEAR.test(year) && years.includes(Number(year)) ? Number(year) : years.length > 0 ? Math.max(...years) : null,
    prefectureCode: isPrefectureCode(prefecture) ? prefecture : null,
  };
}

/** Why the API cannot answer these parameters (400), in Japanese; null when they are well formed. */
export function modelProjectQueryProblem(params: URLSearchParams): { error: string; message: string } | null {
  const year = params.get("fiscalYear");
  if (year !== null && !YEAR.test(year)) return { error: "invalid-fiscal-year", message: "fiscalYear は西暦の4桁（例: 2023）で指定してください。" };
  const prefecture = params.get("prefecture");
  if (prefecture !== null && !isPrefectureCode(prefecture)) {
    return { error: "invalid-prefecture", message: "prefecture は都道府県コード（01〜47の2桁。例: 40）で指定してください。" };
  }
  return null;
}

/** The query string of a filter ("?fiscalYear=2023&prefecture=40"), for links to the same view. */
export function modelProjectQuery(filter: ModelProjectFilter): string {
  const params = new URLSearchParams();
  if (filter.fiscalYear !== null) params.set("fiscalYear", String(filter.fiscalYear));
  if (filter.prefectureCode) params.set("prefecture", filter.prefectureCode);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The CSV's name without extension: モデル事業取組団体_令和5年度 (and _福岡県 for one prefecture). */
export function modelProjectFileBaseName(filter: ModelProjectFilter): string {
  const parts = ["モデル事業取組団体"];
  if (filter.fiscalYear !== null) parts.push(fiscalYearLabel(filter.fiscalYear));
  if (filter.prefectureCode) parts.push(prefectureName(filter.prefectureCode)!);
  return parts.join("_");
}
