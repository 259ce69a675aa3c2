import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { seedDemoData } from "./demo-data";
import { seedDemoHistory } from "./demo-history";
import { seedReferenceData } from "./reference-data";

export { seedReferenceData, seedDemoData };

/** Reference data always; demo data only when asked for. Idempotent: a second run changes nothing. */
export async function seed(db: Kysely<Database>, options: { demo: boolean }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedReferenceData(trx);
    if (options.demo) await seedDemoData(trx);
  });
  // Taken through the services, each step in its own transaction.
  if (options.demo) await seedDemoHistory(db);
}
