/**
 * Backups of either engine, and restoring one into an empty database (`npm run backup -- FILE`, `npm run
 * restore -- FILE`; README "Backups"):
 * - PostgreSQL: `pg_dump` in its custom format, one consistent snapshot taken while the app runs;
 *   `pg_restore` into a database with no tables yet, in one transaction.
 * - PGlite: its own dump of the data folder (a gzipped tar), taken while no server holds the folder (the
 *   folder's lock says so); restored into a folder that does not exist yet or is empty.
 * A backup is written beside its name and renamed into place, so a failed backup never leaves a partial file
 * under the name asked for. Messages are one line, fit to show an operator.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { DataFolderInUse, lockDataFolder } from "./data-folder-lock";
import { redactConnectionString, type DatabaseConfig } from "./database";

export class BackupError extends Error {
  override name = "BackupError";
}

/** What kind of backup a file holds, from its first bytes. */
function kindOf(file: string): "pg_dump" | "pglite" | "unknown" {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  return "unknown";
}

function writeAtomically(file: string, write: (partial: string) => void) {
  const partial = `${file}.partial`;
  try {
    write(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new BackupError(`${command} を実行できません（${result.error.message}）。PostgreSQL のクライアント（${command}）を入れてください。`);
  if (result.status !== 0) throw new BackupError(`${command} が失敗しました: ${(result.stderr || result.stdout).trim().split("\n")[0]}`);
}

/** Runs `task` on the PGlite folder while holding its lock, so that no server writes it meanwhile. */
async function withLockedFolder<T>(dataDir: string, task: () => Promise<T>): Promise<T> {
  let lock: { release(): void };
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    if (error instanceof DataFolderInUse) throw new BackupError(`${error.message} サーバーを停止してから実行してください。`);
    throw error;
  }
  try {
    return await task();
  } finally {
    lock.release();
  }
}

export async function backupDatabase(config: DatabaseConfig, file: string): Promise<{ bytes: number }> {
  if (existsSync(file)) throw new BackupError(`${file} は既にあります。別のファイル名を指定してください（上書きはしません）。`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (config.engine === "postgres") {
    // One snapshot of the whole database, as the server sees it at the start: consistent while the app writes.
    writeAtomically(file, (partial) =>
      run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${config.connectionString}`]),
    );
  } else {
    if (config.dataDir.startsWith("memory://")) throw new BackupError("メモリ上のデータベースはバックアップできません。");
    if (!existsSync(config.dataDir)) throw new BackupError(`データのフォルダ ${config.dataDir} がありません。`);
    await withLockedFolder(config.dataDir, async () => {
      const client = await PGlite.create(config.dataDir);
      try {
        const dump = await client.dumpDataDir("gzip");
        const bytes = Buffer.from(await dump.arrayBuffer());
        writeAtomically(file, (partial) => writeFileSync(partial, bytes));
      } finally {
        await client.close();
      }
    });
  }
  return { bytes: readFileSync(file).length };
}

export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`${file} がありません。`);
  const kind = kindOf(file);
  if (config.engine === "postgres") {
    if (kind !== "pg_dump")
      throw new BackupError(`${file} は PostgreSQL のバックアップ（npm run backup で DATABASE_URL を指定して作ったもの）ではありません。`);
    const client = new pg.Client({ connectionString: config.connectionString });
    try {
      await client.connect();
      const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname = 'public'");
      if ((rows[0]?.n ?? 0) > 0) {
        throw new BackupError(
          `復元先のデータベース（${redactConnectionString(config.connectionString)}）は空ではありません。新しく作ったデータベースに復元してください。`,
        );
      }
    } finally {
      await client.end().catch(() => {});
    }
    run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${config.connectionString}`, file]);
    return;
  }
  if (kind !== "pglite") throw new BackupError(`${file} は組み込みデータベース（PGlite）のバックアップではありません。`);
  if (config.dataDir.startsWith("memory://")) throw new BackupError("メモリ上のデータベースには復元できません。データのフォルダを指定してください。");
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
    throw new BackupError(`復元先のフォルダ ${config.dataDir} は空ではありません。空のフォルダか、まだない名前を指定してください。`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  await withLockedFolder(config.dataDir, async () => {
    const dump = new Blob([readFileSync(file)]);
    const client = await PGlite.create(config.dataDir, { loadDataDir: dump });
    try {
      await client.query("select 1");
    } finally {
      await client.close();
    }
  });
}
