/**
 * The model projects' published results as the database holds them (migration 011): the years with their
 * totals, and a year's participants, imported from the published overview or published at selection.
 * Public data: nothing here depends on who asks.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ModelProjectGroup, ModelProjectParticipant, ModelProjectYearTotals } from "~/domain/model-projects";
import { DESIGNATED_CITIES } from "~/domain/prefectures";
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

/** A published summary holds at most this many characters; a longer proposal text is cut with 「…」. */
const SUMMARY_MAX = 2000;
const summaryOf = (text: string) => {
  const chars = [...text.trim()];
  return chars.length <= SUMMARY_MAX ? chars.join("") : `${chars.slice(0, SUMMARY_MAX - 1).join("")}…`;
};

/**
 * Publishes a body selected for a local-platform model project as that year's participant (docs/domain.md
 * §6): its group (a designated city is published with the prefectures), prefecture, 2年目 mark and the
 * ○/● of its proposal, and counts it in the year's totals. Called in the selection's transaction; a body
 * already published for the year, or one whose prefecture or summaries are not known, is left as it is.
 */
export async function publishSelectedParticipant(
  db: Kysely<Database>,
  body: { fiscalYear: number; name: string; prefectureCode: string | null; secondYear: boolean; currentSituation: string; plans: string },
): Promise<boolean> {
  const designated = DESIGNATED_CITIES[body.name];
  const prefectureCode = designated ?? body.prefectureCode ?? null;
  if (!prefectureCode || !body.currentSituation.trim() || !body.plans.trim()) return false;
  const group: ModelProjectGroup = designated ? "prefecture_or_designated_city" : "municipality";
  await db
    .insertInto("model_project_years")
    .values({ fiscal_year: body.fiscalYear, prefecture_or_designated_city_count: 0, municipality_count: 0 })
    .onConflict((oc) => oc.column("fiscal_year").doNothing())
    .execute();
  const last = await db
    .selectFrom("model_project_participants")
    .select((eb) => eb.fn.max("sort_order").as("n"))
    .where("fiscal_year", "=", body.fiscalYear)
    .executeTakeFirst();
  const inserted = await db
    .insertInto("model_project_participants")
    .values({
      fiscal_year: body.fiscalYear,
      group,
      prefecture_code: prefectureCode,
      name: body.name,
      reading: null,
      second_year: body.secondYear,
      current_summary: summaryOf(body.currentSituation),
      plan_summary: summaryOf(body.plans),
      partners_note: null,
      sort_order: Number(last?.n ?? 0) + 1,
    })
    .onConflict((oc) => oc.columns(["fiscal_year", "name"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return false;
  const column = group === "municipality" ? "municipality_count" : "prefecture_or_designated_city_count";
  await db
    .updateTable("model_project_years")
    .set((eb) => ({ [column]: eb(column, "+", 1) }))
    .where("fiscal_year", "=", body.fiscalYear)
    .execute();
  return true;
}
