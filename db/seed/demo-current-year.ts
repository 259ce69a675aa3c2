import type { Kysely } from "kysely";
import { dayStartInstant, parseJapanDateTime } from "../../app/domain/japan-time";
import type { Database } from "../schema";

/**
 * The demo opens on the current fiscal year. When the date has moved into a year nobody has started yet (the
 * demo data are 令和8年度's), that year starts as a copy of the latest earlier one, open for applications the
 * whole year, so that the home page and the application form still have a year to show.
 */
export async function seedDemoCurrentYear(db: Kysely<Database>, fiscalYear: number): Promise<void> {
  const has = await db.selectFrom("programme_parameters").select("fiscal_year").where("fiscal_year", "=", fiscalYear).executeTakeFirst();
  if (has) return;
  const latest = await db
    .selectFrom("programme_parameters")
    .select((eb) => eb.fn.max("fiscal_year").as("year"))
    .where("fiscal_year", "<", fiscalYear)
    .executeTakeFirst();
  if (!latest?.year) return;
  const rows = await db.selectFrom("programme_parameters").selectAll().where("fiscal_year", "=", latest.year).execute();
  await db
    .insertInto("fiscal_years")
    .values({ year: fiscalYear })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  await db
    .insertInto("programme_parameters")
    .values(
      rows.map(({ created_at: _c, updated_at: _u, ...row }) => ({
        ...row,
        fiscal_year: fiscalYear,
        application_opens_at: dayStartInstant(`${fiscalYear}-04-01`),
        application_closes_at: parseJapanDateTime(`${fiscalYear + 1}-03-31T23:59`),
      })),
    )
    .onConflict((oc) => oc.columns(["fiscal_year", "programme"]).doNothing())
    .execute();
}
