/** `npm run seed`: migrates, then adds reference data (and demo data unless NODE_ENV=production). Idempotent. */
import { migrateToLatest } from "../db/migrator";
import { seed } from "../db/seed";
import { demoDataWanted, withDatabase } from "./cli";

await withDatabase(async ({ db, engine }) => {
  await migrateToLatest(db);
  const demo = demoDataWanted();
  await seed(db, { demo });
  console.log(`${engine}: reference data${demo ? " and demo data" : ""} seeded`);
});
