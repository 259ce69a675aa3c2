import { Migrator, sql, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export const LATEST_MIGRATION: string = Object.keys(migrations).at(-1)!;

/**
 * The migrator of the schema the connection works in. Its bookkeeping tables are looked for in that schema
 * alone: left to itself, Kysely would take a `kysely_migration_lock` in any other schema of the database
 * (another installation's, another test's) for its own, and then fail to find it.
 */
async function createMigrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: rows[0]!.schema });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(unknown)";
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Applies every pending migration in one go; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await (await createMigrator(db)).migrateToLatest());
}

/** Undoes the most recent migration (development and tests only; production is forward-only). */
export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await (await createMigrator(db)).migrateDown());
}

/** The name of the newest applied migration, or null on an empty database. */
export async function latestAppliedMigration(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? null;
}
