import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { freePort } from "./support/ports";

// These run server.ts as a user would (after `npm run build`) and stop it the way a terminal or a
// process manager does. No browser is needed.

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Servers this file started; any still running when a test ends (because it failed) is stopped then. */
const started: ChildProcess[] = [];

function startServer(env: Record<string, string>): Run {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", LOG_LEVEL: "info", SESSION_SECRET: "e2e-session-secret-".padEnd(40, "x"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  started.push(child);
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForHealth(port: number, timeoutMs = 90_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

async function stopLeftoverServers() {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

/** The port a started server listens on, once it says so. */
async function waitForListening(run: Run, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const listening = logLines(run).find((l) => l.msg === "listening");
    if (listening) return Number(new URL(String(listening.url)).port);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start listening");
}

function logLines(run: Run): Record<string, unknown>[] {
  return run
    .stdout()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test.afterEach(stopLeftoverServers);

test.describe("the server process", () => {
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "grants-e2e-"));
  });
  test.afterEach(async () => {
    await stopLeftoverServers(); // before its data folder goes
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    test(`closes cleanly on ${signal} and starts again on the same embedded data folder`, async () => {
      // Two cold starts with migrations and the demo seed: slow on a loaded machine.
      test.setTimeout(240_000);
      const port = await freePort();
      const env = { PORT: String(port), PGLITE_DATA_DIR: path.join(dataDir, "pglite"), SEED_DEMO_DATA: "true" };

      const first = startServer(env);
      expect(await waitForHealth(port)).toMatchObject({ status: "ok", database: "pglite" });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      first.child.kill(signal);
      expect(await first.exited).toBe(0);
      const firstLog = logLines(first);
      expect(firstLog.find((l) => l.msg === "stopped")).toBeTruthy();
      const requestLine = firstLog.find((l) => l.msg === "request" && l.path === "/");
      expect(requestLine).toMatchObject({ method: "GET", path: "/", status: 200 });
      expect(typeof requestLine?.durationMs).toBe("number");

      const second = startServer(env);
      expect(await waitForHealth(port)).toMatchObject({ status: "ok", database: "pglite" });
      const ready = logLines(second).find((l) => l.msg === "database ready");
      expect(ready?.migrationsApplied).toEqual([]);
      second.child.kill("SIGINT");
      expect(await second.exited).toBe(0);
    });
  }

  test("a second process on the same embedded data folder stops with one line naming the folder and the first; a killed one's lock does not block a restart", async () => {
    test.setTimeout(90_000);
    const folder = path.join(dataDir, "pglite");
    const first = startServer({ PORT: String(await freePort()), PGLITE_DATA_DIR: folder, SEED_DEMO_DATA: "false" });
    const port = await waitForListening(first);

    const second = startServer({ PORT: String(await freePort()), PGLITE_DATA_DIR: folder, SEED_DEMO_DATA: "false" });
    expect(await second.exited).toBe(1);
    const lines = second.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^起動できません: データフォルダ .*pglite は別のプロセス（PID \d+/);
    // The server runs in a process of its own under tsx: the lock names that one.
    const holder = JSON.parse(readFileSync(`${folder}.lock`, "utf8")) as { pid: number };
    expect(lines[0]).toContain(`PID ${holder.pid}`);

    // Killed outright, the server leaves its lock behind; the next start takes it over.
    process.kill(holder.pid, "SIGKILL");
    await first.exited;
    expect(existsSync(`${folder}.lock`)).toBe(true);
    const third = startServer({ PORT: String(port), PGLITE_DATA_DIR: folder, SEED_DEMO_DATA: "false" });
    expect(await waitForHealth(port)).toMatchObject({ status: "ok", database: "pglite" });
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });

  test("stops with one clear line, and no stack trace, when DATABASE_URL cannot be reached", async () => {
    const run = startServer({ PORT: String(await freePort()), DATABASE_URL: "postgres://grants:hunter2-secret@127.0.0.1:1/grants" });

    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^起動できません: DATABASE_URL のデータベースに接続できません/);
    expect(run.stderr()).not.toContain("hunter2-secret");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  test("stops with one clear line when DATABASE_URL is not a PostgreSQL URL", async () => {
    const run = startServer({ PORT: String(await freePort()), DATABASE_URL: "mysql://root@localhost/grants" });

    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([expect.stringMatching(/postgres:\/\/ または postgresql:\/\//)]);
  });
});

// With TEST_DATABASE_URL set (as CI does), the same start-up runs against the PostgreSQL server, in a
// schema of its own that is dropped afterwards.
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  test("serves from the PostgreSQL server named by DATABASE_URL, with the same migrations and seed", async () => {
    test.setTimeout(60_000);
    const schema = `e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const url = new URL(postgresUrl);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const port = await freePort();
      const run = startServer({ PORT: String(port), DATABASE_URL: url.toString(), SEED_DEMO_DATA: "true" });

      expect(await waitForHealth(port)).toMatchObject({ status: "ok", database: "postgres" });
      const { rows } = await admin.query(`select count(*)::int as n from ${schema}.organisations where kind = 'prefecture'`);
      expect(rows[0].n).toBe(47);
      const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(home).toContain("4,000,000円");

      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });
}
