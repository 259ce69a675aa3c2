import type { Kysely } from "kysely";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { PREFECTURES } from "../../app/domain/prefectures";
import { programmeParametersRow } from "../../app/models/programme-parameters.server";
import type { Database } from "../schema";

export const CABINET_OFFICE_NAME = "内閣府 孤独・孤立対策推進室";
/** 内閣府's own 法人番号. */
const CABINET_OFFICE_CORPORATE_NUMBER = "2000012010019";

/**
 * Data every installation needs: the 47 prefectures, the Cabinet Office, fiscal years and their
 * programme parameters. Inserts only what is missing, so it never overwrites an administrator's edits.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("organisations")
    .values([
      ...PREFECTURES.map(([code, name]) => ({ kind: "prefecture" as const, name, prefecture_code: code })),
      { kind: "cabinet_office" as const, name: CABINET_OFFICE_NAME, corporate_number: CABINET_OFFICE_CORPORATE_NUMBER },
    ])
    .onConflict((oc) => oc.columns(["kind", "name"]).doNothing())
    .execute();

  const years = [...new Set(DEFAULT_PROGRAMME_PARAMETERS.map((p) => p.fiscalYear))];
  await db
    .insertInto("fiscal_years")
    .values(years.map((year) => ({ year })))
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();

  await db
    .insertInto("programme_parameters")
    .values(DEFAULT_PROGRAMME_PARAMETERS.map(programmeParametersRow))
    .onConflict((oc) => oc.columns(["fiscal_year", "programme"]).doNothing())
    .execute();
}
