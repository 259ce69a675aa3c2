import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createPostgresPool, kyselyOnPglite, openDatabase, pgliteParsers, type AppDatabase, type Engine } from "../../../db/database";
import { migrateToLatest } from "../../../db/migrator";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Real databases for integration tests: always the embedded PGlite, and the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set. Use with `describe.each(ENGINES)`.
 */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends AppDatabase {
  /**
   * `count` connections to this database, each in a pool of its own as if held by separate server processes,
   * for requests that must really run at once. PGlite has a single connection, so there they are all `db`.
   */
  separateConnections(count: number): Kysely<Database>[];
}

// One in-memory PGlite per test worker (its cold start costs seconds); each test database empties it.
// Files in a worker run one after another, so only one test database is live per worker at a time.
let workerPglite: Promise<PGlite> | undefined;

async function emptyPglite(): Promise<TestDatabase> {
  workerPglite ??= PGlite.create({ parsers: pgliteParsers });
  const client = await workerPglite;
  await client.exec("drop schema public cascade; create schema public;");
  // The shared instance outlives each test database: closing a test database must not close it.
  const borrowed = {
    query: (...args: Parameters<PGlite["query"]>) => client.query(...args),
    close: async () => {},
  } as unknown as PGlite;
  const db = kyselyOnPglite(borrowed);
  return { db, engine: "pglite", close: () => db.destroy(), separateConnections: (count) => Array.from({ length: count }, () => db) };
}

// Each PostgreSQL test database is a schema of its own inside TEST_DATABASE_URL, dropped on close.
async function emptyPostgresSchema(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();

  const connect = (max: number) =>
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(url, { options: `-c search_path=${schema}`, max }) }) });
  const db = connect(4);
  const separate: Kysely<Database>[] = [];
  return {
    db,
    engine: "postgres",
    separateConnections: (count) => {
      const made = Array.from({ length: count }, () => connect(1));
      separate.push(...made);
      return made;
    },
    close: async () => {
      await Promise.all([db, ...separate].map((d) => d.destroy()));
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

export interface TestDatabaseOptions {
  /** Apply every migration first (default true). */
  migrate?: boolean;
  /** A PGlite instance of its own, so closing it really closes it (default false). */
  dedicated?: boolean;
}

async function dedicatedPglite(): Promise<TestDatabase> {
  const database = await openDatabase({ engine: "pglite", dataDir: "memory://" });
  return { ...database, separateConnections: (count) => Array.from({ length: count }, () => database.db) };
}

export async function createTestDatabase(engine: Engine, { migrate = true, dedicated = false }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const database = engine === "postgres" ? await emptyPostgresSchema() : dedicated ? await dedicatedPglite() : await emptyPglite();
  // A database whose migration failed is closed (its PostgreSQL schema dropped), never left behind.
  if (migrate)
    await migrateToLatest(database.db).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
  return database;
}
