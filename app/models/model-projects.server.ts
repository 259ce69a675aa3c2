/**
 * The model projects' published results as the database holds them (migration 011): the years with their
 * totals, and a year's participants. Public data: nothing here depends on who asks.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ModelProjectParticipant, ModelProjectYearTotals } from "~/domain/model-projects";
import { readModelProjectFilter, type ModelProjectFilter } from "~/forms/model-project-filter";

/** Every year with published data, newest first. */
export async function modelProjectYears(db: Kysely<Database>): Promise<ModelProjectYearTotals[]> {
  const rows = await db.selectFrom("model_project_years").selectAll().orderBy("fiscal_year", "desc").execute();
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    prefectureOrDesignatedCity: r.prefecture_or_designated_city_count,
    municipality: r.municipality_count,
  }));
}

/** A year's participants in the published order (a few dozen at most: the page shows them all). */
export async function modelProjectParticipants(db: Kysely<Database>, fiscalYear: number): Promise<ModelProjectParticipant[]> {
  const rows = await db
    .selectFrom("model_project_participants")
    .selectAll()
    .where("fiscal_year", "=", fiscalYear)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    group: r.group,
    prefectureCode: r.prefecture_code,
    name: r.name,
    reading: r.reading,
    secondYear: r.second_year,
    currentSummary: r.current_summary,
    planSummary: r.plan_summary,
    partnersNote: r.partners_note,
  }));
}

export interface ModelProjectView {
  filter: ModelProjectFilter;
  /** Every year with data, newest first. */
  years: ModelProjectYearTotals[];
  /** The chosen year's published totals; null only when no year has data. */
  totals: ModelProjectYearTotals | null;
  /** Whether the year's participants were published one by one (or only its totals). */
  listed: boolean;
  /** The whole year's participants (for the chart and the prefecture chooser). */
  allParticipants: ModelProjectParticipant[];
  /** Those of the chosen prefecture, or all. */
  participants: ModelProjectParticipant[];
}

/** What the page, the CSV and the API show for the address's parameters (readModelProjectFilter). */
export async function modelProjectView(db: Kysely<Database>, params: URLSearchParams): Promise<ModelProjectView> {
  const years = await modelProjectYears(db);
  const filter = readModelProjectFilter(
    params,
    years.map((y) => y.fiscalYear),
  );
  const totals = years.find((y) => y.fiscalYear === filter.fiscalYear) ?? null;
  const allParticipants = totals ? await modelProjectParticipants(db, totals.fiscalYear) : [];
  const participants = filter.prefectureCode === null ? allParticipants : allParticipants.filter((p) => p.prefectureCode === filter.prefectureCode);
  return { filter, years, totals, listed: allParticipants.length > 0, allParticipants, participants };
}
