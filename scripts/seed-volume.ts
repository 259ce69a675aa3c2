/**
 * `npm run seed:volume -- --applications N`: migrates, seeds the reference data (and demo data, as `npm run
 * seed` does), then adds N realistic applications (default 10,000) for measuring the reviewer's inbox
 * (db/seed/volume.ts). Additive: each run adds N more. Works on DATABASE_URL or the PGlite data folder.
 */
import { performance } from "node:perf_hooks";
import { migrateToLatest } from "../db/migrator";
import { seed } from "../db/seed";
import { seedVolume } from "../db/seed/volume";
import { demoDataWanted, exitWith, withDatabase } from "./cli";

const flag = process.argv.indexOf("--applications");
const value = flag > 0 ? process.argv[flag + 1] : "10000";
if (!value || !/^[1-9][0-9]{0,6}$/.test(value)) exitWith("--applications には 1 以上の整数を指定してください（例: --applications 10000）。");
const applications = Number(value);

await withDatabase(async ({ db, engine }) => {
  const started = performance.now();
  await migrateToLatest(db);
  await seed(db, { demo: demoDataWanted() });
  const result = await seedVolume(db, { applications });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${engine}: ${result.applications.toLocaleString("en-US")} applications added in ${seconds} s`);
  console.log(
    `  ${result.organisations.toLocaleString("en-US")} new organisations, ${result.proceedings.toLocaleString("en-US")} records, ${result.auditEvents.toLocaleString("en-US")} audit events, ${result.assigned.toLocaleString("en-US")} assigned`,
  );
  console.log(
    `  by state: ${Object.entries(result.byState)
      .map(([state, n]) => `${state} ${n}`)
      .join(", ")}`,
  );
});
