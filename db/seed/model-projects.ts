import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { readModelProjectSource, type ModelProjectSource } from "./model-project-source";

/** The published overview of the model projects, kept in the repository as published. */
export const MODEL_PROJECT_SOURCE_FILE = new URL("./sources/model-projects-r5.txt", import.meta.url);

export function modelProjectSource(): ModelProjectSource {
  return readModelProjectSource(readFileSync(MODEL_PROJECT_SOURCE_FILE, "utf8"));
}

/**
 * The model projects' published totals and participants, read from the source text. Idempotent: a second run
 * writes the same values again; a corrected source updates the rows it names.
 */
export async function seedModelProjects(db: Kysely<Database>, source: ModelProjectSource = modelProjectSource()): Promise<void> {
  for (const y of source.years) {
    const totals = { prefecture_or_designated_city_count: y.prefectureOrDesignatedCity, municipality_count: y.municipality };
    await db
      .insertInto("model_project_years")
      .values({ fiscal_year: y.fiscalYear, ...totals })
      .onConflict((oc) => oc.column("fiscal_year").doUpdateSet(totals))
      .execute();
  }
  for (const [index, p] of source.participants.entries()) {
    const row = {
      group: p.group,
      prefecture_code: p.prefectureCode,
      reading: p.reading,
      second_year: p.secondYear,
      current_summary: p.currentSummary,
      plan_summary: p.planSummary,
      partners_note: p.partnersNote,
      sort_order: index + 1,
    };
    await db
      .insertInto("model_project_participants")
      .values({ fiscal_year: p.fiscalYear, name: p.name, ...row })
      .onConflict((oc) => oc.columns(["fiscal_year", "name"]).doUpdateSet(row))
      .execute();
  }
}
