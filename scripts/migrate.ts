/** `npm run migrate`: applies pending migrations. `npm run migrate -- --down` undoes the last one (not in production). */
import { LATEST_MIGRATION, migrateDown, migrateToLatest } from "../db/migrator";
import { exitWith, withDatabase } from "./cli";

const down = process.argv.includes("--down");
if (down && process.env.NODE_ENV === "production") {
  exitWith("本番環境（NODE_ENV=production）ではマイグレーションを戻せません。");
}

await withDatabase(async ({ db, engine }) => {
  const names = down ? await migrateDown(db) : await migrateToLatest(db);
  const verb = down ? "undone" : "applied";
  console.log(`${engine}: ${names.length} migration(s) ${verb}${names.length ? `: ${names.join(", ")}` : ""}`);
  if (!down) console.log(`${engine}: at ${LATEST_MIGRATION}`);
});
