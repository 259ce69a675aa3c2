import { mkdirSync } from "node:fs";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { DataFolderInUse, lockDataFolder } from "./data-folder-lock";
import type { Database } from "./schema";
import { answeringUnavailable } from "./unavailable";

/**
 * The one place that knows which PostgreSQL the app talks to: the embedded PGlite (default) or a
 * PostgreSQL server through `pg` when DATABASE_URL is set. Both read `bigint` as a safe-integer number
 * and `date` as "YYYY-MM-DD", so the rest of the code never sees a difference.
 */

export type Engine = "pglite" | "postgres";

export type DatabaseConfig =
  | { engine: "pglite"; /** a folder, or "memory://" for a throw-away database */ dataDir: string }
  | { engine: "postgres"; connectionString: string; pool?: PoolSettings };

/** How many connections one process keeps to PostgreSQL, and how long a statement may run. */
export interface PoolSettings {
  size: number;
  /** A statement running longer is cancelled by the server (and a transaction left idle twice as long ends). */
  statementTimeoutMs: number;
}

/** Ten connections a process: two processes per core of a small database server stay within its 100. */
export const DEFAULT_POOL_SETTINGS: PoolSettings = { size: 10, statementTimeoutMs: 30_000 };

export interface AppDatabase {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

/** A configuration or connection problem, described in one line fit to show an operator. */
export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
}

export const DEFAULT_PGLITE_DATA_DIR = "./data/pglite";

const INT8_OID = 20;
const DATE_OID = 1082;

/** int8 → number, refusing (never rounding) a value JavaScript cannot hold exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`bigint value ${text} is outside the safe integer range`);
  }
  return value;
}

const keepAsText = (text: string) => text;

export const pgliteParsers: NonNullable<PGliteOptions["parsers"]> = {
  [INT8_OID]: parseInt8,
  [DATE_OID]: keepAsText,
};

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID) return parseInt8;
    if (oid === DATE_OID) return keepAsText;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export function databaseConfigFromEnv(env: Record<string, string | undefined>, pool?: PoolSettings): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { engine: "postgres", connectionString: url, ...(pool ? { pool } : {}) };
  return { engine: "pglite", dataDir: env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR };
}

/** The connection string without its password, for messages and logs. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(URLとして読めない値)";
  }
}

function checkPostgresUrl(connectionString: string): void {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new DatabaseStartupError("DATABASE_URL が接続URLとして読めません。postgres://ユーザー名@ホスト:5432/データベース名 の形で指定してください。");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new DatabaseStartupError(`DATABASE_URL は postgres:// または postgresql:// で始めてください（指定された値: ${url.protocol}//…）。`);
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new DatabaseStartupError("DATABASE_URL にホスト名とデータベース名を含めてください（例: postgres://postgres@127.0.0.1:5432/grants）。");
  }
}

function describeConnectionFailure(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === "ECONNREFUSED") return "接続を拒否されました（サーバーが起動していないか、ポートが違います）";
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return "ホスト名が見つかりません";
  if (e.code === "3D000") return "データベースが存在しません";
  if (e.code === "28P01" || e.code === "28000") return "認証に失敗しました（ユーザー名またはパスワード）";
  if (e.message?.includes("timeout")) return "接続がタイムアウトしました";
  return `${e.code ?? "error"}: ${(e.message ?? String(error)).split("\n")[0]}`;
}

export function kyselyOnPglite(client: PGlite): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PGliteDialect(client) });
}

export function createPostgresPool(connectionString: string, options: pg.PoolConfig = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    types: pgTypes,
    connectionTimeoutMillis: 5_000,
    max: 10,
    ...options,
  });
}

export async function openDatabase(config: DatabaseConfig): Promise<AppDatabase> {
  if (config.engine === "pglite") {
    // Loaded only when used: the embedded engine costs a process on PostgreSQL some 80 MB of memory otherwise.
    const { PGlite } = await import("@electric-sql/pglite");
    const inMemory = config.dataDir.startsWith("memory://");
    if (inMemory) {
      const db = kyselyOnPglite(await PGlite.create(undefined, { parsers: pgliteParsers }));
      return { db, engine: "pglite", close: () => db.destroy() };
    }
    mkdirSync(config.dataDir, { recursive: true });
    let lock: { release(): void };
    try {
      lock = lockDataFolder(config.dataDir);
    } catch (error) {
      if (error instanceof DataFolderInUse) throw new DatabaseStartupError(error.message);
      throw error;
    }
    try {
      const db = kyselyOnPglite(await PGlite.create(config.dataDir, { parsers: pgliteParsers }));
      return { db, engine: "pglite", close: () => db.destroy().finally(() => lock.release()) };
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  checkPostgresUrl(config.connectionString);
  const settings = config.pool ?? DEFAULT_POOL_SETTINGS;
  const pool = createPostgresPool(config.connectionString, {
    max: settings.size,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
  });
  // pg reports a lost connection as an 'error' event, on the pool for an idle one and on the client for one
  // in use: without a listener either would crash the process. The query in use fails as well, and is
  // answered 503 (./unavailable.ts); the pool opens new connections once the server is back.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseStartupError(
      `DATABASE_URL のデータベースに接続できません（${redactConnectionString(config.connectionString)}）: ${describeConnectionFailure(error)}`,
    );
  }
  const db = new Kysely<Database>({ dialect: answeringUnavailable(new PostgresDialect({ pool })) });
  return { db, engine: "postgres", close: () => db.destroy() };
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function databaseAnswers(db: Kysely<Database>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
