import { databaseConfigFromEnv, DatabaseStartupError, openDatabase, type AppDatabase } from "../db/database";

/** Runs a command-line task against the configured database and closes it; failures print one line. */
export async function withDatabase(task: (database: AppDatabase) => Promise<void>): Promise<void> {
  let database: AppDatabase;
  try {
    database = await openDatabase(databaseConfigFromEnv(process.env));
  } catch (error) {
    exitWith(error instanceof DatabaseStartupError ? error.message : `データベースを開けません: ${String(error)}`);
  }
  try {
    await task(database);
  } catch (error) {
    await database.close().catch(() => {});
    exitWith(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
  await database.close();
}

export function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export function demoDataWanted(): boolean {
  const flag = process.env.SEED_DEMO_DATA;
  return flag ? flag === "true" : process.env.NODE_ENV !== "production";
}
