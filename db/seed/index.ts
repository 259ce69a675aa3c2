import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { currentFiscalYear } from "../../app/domain/fiscal-year";
import { seedDemoCurrentYear } from "./demo-current-year";
import { seedDemoData } from "./demo-data";
import { seedDemoHistory } from "./demo-history";
import { seedReferenceData } from "./reference-data";

export { seedReferenceData, seedDemoData };

/**
 * Reference data always; demo data only when asked for. Idempotent: a second run changes nothing. The demo
 * makes sure the current fiscal year (`fiscalYear`, by default from the date in Japan) has a year to show.
 */
export async function seed(db: Kysely<Database>, options: { demo: boolean; fiscalYear?: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedReferenceData(trx);
    if (options.demo) await seedDemoData(trx);
    if (options.demo) await seedDemoCurrentYear(trx, options.fiscalYear ?? currentFiscalYear(new Date()));
  });
  // Taken through the services, each step in its own transaction.
  if (options.demo) await seedDemoHistory(db);
}
