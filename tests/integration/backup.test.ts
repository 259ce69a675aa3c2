import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError, backupDatabase, restoreDatabase } from "../../db/backup";
import { openDatabase, type DatabaseConfig } from "../../db/database";
import { migrateToLatest } from "../../db/migrator";
import { seed } from "../../db/seed";
import type { Database } from "../../db/schema";

/**
 * `npm run backup` and `npm run restore` on both engines: a database with the demo data (applications in every
 * state, their records, accounts, audit trail) is backed up and restored into an empty one, and every table's
 * rows are the same on both sides.
 */

/** Every row of every table, as JSON text, sorted: what a restore must give back exactly. */
async function everyRow(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const all: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(name)} t order by 1`.execute(db);
    all[name] = rows.map((r) => r.row);
  }
  return all;
}

async function seeded(config: DatabaseConfig): Promise<Record<string, string[]>> {
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    await seed(database.db, { demo: true, fiscalYear: 2026 });
    return await everyRow(database.db);
  } finally {
    await database.close();
  }
}

async function rowsOf(config: DatabaseConfig): Promise<Record<string, string[]>> {
  const database = await openDatabase(config);
  try {
    return await everyRow(database.db);
  } finally {
    await database.close();
  }
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "grants-backup-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("pglite: backup and restore", () => {
  it("restores a backup into an empty folder with every row of every table", async () => {
    const source: DatabaseConfig = { engine: "pglite", dataDir: path.join(folder, "source") };
    const before = await seeded(source);
    expect(before.application_proceedings!.length).toBeGreaterThan(0);
    expect(before.audit_events!.length).toBeGreaterThan(0);

    const file = path.join(folder, "pglite.backup");
    const { bytes } = await backupDatabase(source, file);
    expect(bytes).toBeGreaterThan(0);
    const target: DatabaseConfig = { engine: "pglite", dataDir: path.join(folder, "target") };
    await restoreDatabase(target, file);

    expect(await rowsOf(target)).toEqual(before);
    // The restored database is the app's: it is at the latest migration and takes writes.
    const restored = await openDatabase(target);
    try {
      expect(await migrateToLatest(restored.db)).toEqual([]);
    } finally {
      await restored.close();
    }

    // Refused, saying why, and nothing overwritten: a folder that is not empty, a file that is there already.
    await expect(restoreDatabase(target, file)).rejects.toThrow(/は空ではありません/);
    await expect(backupDatabase(source, file)).rejects.toThrow(/は既にあります/);
  }, 120_000);

  it("refuses to back up a folder a server holds, and to restore a file that is not a PGlite backup", async () => {
    const source: DatabaseConfig = { engine: "pglite", dataDir: path.join(folder, "held") };
    const held = await openDatabase(source);
    try {
      await expect(backupDatabase(source, path.join(folder, "held.backup"))).rejects.toThrow(/サーバーを停止してから実行してください/);
    } finally {
      await held.close();
    }
    const notABackup = path.join(folder, "not-a-backup.txt");
    writeFileSync(notABackup, "hello");
    await expect(restoreDatabase({ engine: "pglite", dataDir: path.join(folder, "never") }, notABackup)).rejects.toBeInstanceOf(BackupError);
  }, 60_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)("postgres: backup and restore", () => {
  const base = process.env.TEST_DATABASE_URL ?? "";
  const names = [`backup_source_${randomBytes(4).toString("hex")}`, `backup_target_${randomBytes(4).toString("hex")}`];
  const urlOf = (name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    for (const name of names) await admin(`create database ${name}`);
  });
  afterAll(async () => {
    for (const name of names) await admin(`drop database if exists ${name}`);
  });

  it("restores a pg_dump into an empty database with every row of every table, and refuses one that is not empty", async () => {
    const source: DatabaseConfig = { engine: "postgres", connectionString: urlOf(names[0]!) };
    const before = await seeded(source);
    const file = path.join(folder, "postgres.backup");
    await backupDatabase(source, file);
    const target: DatabaseConfig = { engine: "postgres", connectionString: urlOf(names[1]!) };
    await restoreDatabase(target, file);
    expect(await rowsOf(target)).toEqual(before);
    await expect(restoreDatabase(target, file)).rejects.toThrow(/は空ではありません。新しく作ったデータベースに復元してください。/);
    // A PGlite backup (a gzipped tar) is not restored into PostgreSQL.
    const gzipped = path.join(folder, "gzipped.backup");
    writeFileSync(gzipped, gzipSync("not a dump"));
    await expect(restoreDatabase(target, gzipped)).rejects.toThrow(/PostgreSQL のバックアップ/);
  }, 120_000);
});
