/**
 * `npm run db:reset`: deletes the embedded database folder and builds it again (migrate + seed).
 * On a PostgreSQL server (DATABASE_URL) it refuses unless given `--force`, then empties the public schema.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { DataFolderInUse, lockDataFolder } from "../db/data-folder-lock";
import { databaseConfigFromEnv } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import { seed } from "../db/seed";
import { demoDataWanted, exitWith, withDatabase } from "./cli";

const config = databaseConfigFromEnv(process.env);
const force = process.argv.includes("--force");

if (config.engine === "postgres") {
  if (!force) {
    exitWith("DATABASE_URL のデータベースは初期化しません。サーバー上の全データを消してよい場合に限り npm run db:reset -- --force を実行してください。");
  }
} else if (config.dataDir.startsWith("memory://")) {
  exitWith("メモリ上のデータベースは初期化の必要がありません。");
} else {
  const folder = path.resolve(config.dataDir);
  if (!folder.startsWith(path.resolve("data") + path.sep) && !force) {
    exitWith(`${folder} は ./data/ の外にあります。消してよい場合に限り --force を付けてください。`);
  }
  // Never from under a running server: the folder's lock is taken first.
  let lock: { release(): void };
  try {
    lock = lockDataFolder(folder);
  } catch (error) {
    if (error instanceof DataFolderInUse) exitWith(error.message);
    throw error;
  }
  rmSync(folder, { recursive: true, force: true });
  lock.release();
  console.log(`pglite: removed ${folder}`);
}

await withDatabase(async ({ db, engine }) => {
  if (engine === "postgres") {
    await sql`drop schema public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    console.log("postgres: public schema emptied");
  }
  await migrateToLatest(db);
  await seed(db, { demo: demoDataWanted() });
  console.log(`${engine}: database rebuilt and seeded`);
});
