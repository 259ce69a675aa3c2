import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockFileOf } from "../../db/data-folder-lock";
import { DatabaseStartupError, openDatabase, type AppDatabase } from "../../db/database";

/** A process id that no longer runs: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("the embedded database's data folder", () => {
  let root: string;
  let folder: string;
  const open: AppDatabase[] = [];
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "grants-lock-"));
    folder = path.join(root, "pglite");
  });
  afterEach(async () => {
    for (const database of open.splice(0)) await database.close();
    rmSync(root, { recursive: true, force: true });
  });
  const openFolder = async () => {
    const database = await openDatabase({ engine: "pglite", dataDir: folder });
    open.push(database);
    return database;
  };

  it("is opened by one holder at a time: a second opening is refused in one line naming the folder and the holder", async () => {
    await openFolder();
    const lock = JSON.parse(readFileSync(lockFileOf(folder), "utf8")) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });

    const second = await openDatabase({ engine: "pglite", dataDir: folder }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DatabaseStartupError);
    const message = (second as Error).message;
    expect(message).toContain(path.resolve(folder));
    expect(message).toContain(`PID ${process.pid}`);
    expect(message).not.toContain("\n");
  });

  it("lets go of the lock when closed, so the folder opens again", async () => {
    const first = await openFolder();
    await first.close();
    open.splice(open.indexOf(first), 1);
    expect(existsSync(lockFileOf(folder))).toBe(false);
    await openFolder();
    expect(existsSync(lockFileOf(folder))).toBe(true);
  });

  it.each([
    ["a process that was killed", () => JSON.stringify({ pid: deadPid(), host: hostname(), since: "2026-12-01T00:00:00.000Z" })],
    ["a lock file cut off as its process died", () => '{"pid": 12'],
  ])("takes over a lock left by %s", async (_, content) => {
    writeFileSync(lockFileOf(folder), content());
    const database = await openFolder();
    expect(database.engine).toBe("pglite");
    expect(JSON.parse(readFileSync(lockFileOf(folder), "utf8"))).toMatchObject({ pid: process.pid });
  });
});
