/**
 * How fast the reviewer's inbox answers: `npm run bench:inbox`. Builds the app if there is no build, starts
 * the production server on a free loopback port against the configured database (DATABASE_URL; seed it
 * with `npm run seed:volume` first), signs in as a reviewer, then runs autocannon in a separate process
 * against `GET /login` and the inbox's first page, at 10 and 50 connections. Prints requests per second,
 * p50 and p99 latency, errors and the ratio to `/login` measured in the same run (this machine is shared:
 * compare ratios, not absolute figures), then the server's own time for each inbox page, one request at a
 * time: the loader's time from its Server-Timing header, and the whole request from the server's log. Each
 * run also prints the server's CPU time per request (Linux), steadier than throughput on a shared machine.
 * Figures, not pass/fail: see docs/performance.md.
 *
 * Then the model alone (reviewerInbox, the page's one statement), called in this process: median and p95, and
 * with --explain the plan of each query (EXPLAIN ANALYZE, BUFFERS).
 *
 * Options: --email, --password (default the demo reviewer), --duration SECONDS (10), --gzip (send
 * Accept-Encoding as a browser does), --url PATH (an inbox address to add; repeatable), --explain,
 * --model-only (skip the HTTP runs). With BENCH_PROFILE=DIR in the environment the server writes its CPU
 * profile (.cpuprofile, for Chrome's DevTools) into DIR when it stops.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { Kysely, PostgresDialect } from "kysely";
import { SESSION_COOKIE } from "../app/auth/session.server";
import { japanToday } from "../app/domain/japan-time";
import { readInboxFilter } from "../app/forms/inbox-filter";
import { reviewerInbox } from "../app/models/inbox.server";
import { createPostgresPool } from "../db/database";
import type { Database } from "../db/schema";
import { DEMO_PASSWORD } from "../db/seed/demo-data";
import { exitWith } from "./cli";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const email = option("email", "reviewer@demo.example");
const password = option("password", DEMO_PASSWORD);
const duration = Number(option("duration", "10"));
const gzip = args.includes("--gzip");
const extraUrls = args.flatMap((a, i) => (args[i - 1] === "--url" ? [a] : []));
const explain = args.includes("--explain");
const modelOnly = args.includes("--model-only");

const PAGES: { name: string; path: string }[] = [
  { name: "GET /login", path: "/login" },
  { name: "inbox, filtered (all reviewers, 提出済み, 東京都)", path: "/applications?assignee=all&state=submitted&prefecture=13" },
  { name: "inbox, default view (assigned to me)", path: "/applications" },
  ...extraUrls.map((url) => ({ name: url, path: url })),
];
const CONNECTIONS = [10, 50];

if (!process.env.DATABASE_URL) {
  exitWith(
    "DATABASE_URL を指定してください（例: DATABASE_URL=postgres://postgres@127.0.0.1:5432/grants_bench）。先に npm run seed:volume でデータを入れてください。",
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const durations: { path: string; ms: number }[] = [];

let started: ChildProcess | undefined;
process.on("exit", () => started?.kill("SIGKILL"));

async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : []), "--import", "tsx", "server.ts"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_DEMO_DATA: "false",
        SESSION_SECRET: randomBytes(32).toString("hex"),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  started = server;
  // The server logs each request with its duration: kept only while `recording` is on.
  createInterface({ input: server.stdout! }).on("line", (text) => {
    if (!recording) return;
    try {
      const entry = JSON.parse(text) as { msg?: string; path?: string; durationMs?: number };
      if (entry.msg === "request" && entry.path && typeof entry.durationMs === "number") durations.push({ path: entry.path, ms: entry.durationMs });
    } catch {
      // not a log line
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new BenchError("サーバーが起動しませんでした。");
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new BenchError("サーバーが60秒以内に応答しませんでした。");
}
let recording = false;

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password, redirectTo: "/applications" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (response.status !== 302 || !cookie)
    throw new BenchError(`${email} でログインできませんでした（${response.status}）。--email と --password を確かめてください。`);
  return cookie.split(";")[0]!;
}

interface Run {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  bytesPerRequest: number;
}

function autocannon(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<Run> {
  const bin = path.resolve("node_modules/.bin/autocannon");
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["-c", String(connections), "-d", String(seconds), "-j", ...headerArgs, url], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          throughput: { total: number };
          errors: number;
          timeouts: number;
          non2xx: number;
        };
        resolve({
          requests: r.requests.total,
          requestsPerSecond: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts + r.non2xx,
          bytesPerRequest: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * The CPU time (user and system, ms) a process has used so far, from Linux's /proc; null elsewhere. The CPU a
 * page costs the server is steadier on a shared machine than its throughput, which the neighbours move.
 */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function serverTimes(base: string, pagePath: string, cookie: string, count: number) {
  const loader: number[] = [];
  const client: number[] = [];
  durations.length = 0;
  recording = true;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${pagePath}`, { headers: { cookie, ...(gzip ? { "accept-encoding": "gzip, deflate, br" } : {}) } });
    await response.arrayBuffer();
    client.push(performance.now() - started);
    const timing = /inbox;dur=([0-9.]+)/.exec(response.headers.get("server-timing") ?? "");
    if (timing) loader.push(Number(timing[1]));
  }
  await new Promise((r) => setTimeout(r, 200));
  recording = false;
  const server = durations.filter((d) => pagePath.startsWith(d.path)).map((d) => d.ms);
  return { loader, server, client };
}

class BenchError extends Error {}

/** Stops the server and waits for it; one that has not stopped after 10 s is killed. */
async function stop(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "—");

/** The model alone, in this process: the time of reviewerInbox per page, and each query's plan. */
async function model() {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  let capturing = false;
  const pool = createPostgresPool(process.env.DATABASE_URL!, { max: 1 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (capturing && event.level === "query") captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  try {
    const viewer = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (!viewer) throw new BenchError(`${email} のアカウントがありません。`);
    const today = japanToday(new Date());
    console.log("\nmodel (reviewerInbox: counts, page and reviewers in one statement), in this process, 200 calls after 20");
    for (const page of PAGES.slice(1)) {
      const filter = readInboxFilter(new URL(page.path, "http://x").searchParams);
      const call = () => reviewerInbox(db, filter, { viewerId: viewer.id, today });
      for (let i = 0; i < 20; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
      }
      console.log(`  ${page.name.padEnd(52)} median ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}`);
      if (!explain) continue;
      captured.length = 0;
      capturing = true;
      await call();
      capturing = false;
      for (const [i, query] of captured.entries()) {
        const plan = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${query.sql}`, query.parameters as unknown[]);
        console.log(`\n    query ${i + 1} of ${captured.length}: ${query.sql}\n    parameters: ${JSON.stringify(query.parameters)}`);
        console.log(plan.rows.map((r) => `      ${r["QUERY PLAN"]}`).join("\n"));
      }
    }
  } finally {
    await db.destroy();
  }
}

async function main() {
  if (modelOnly) return model();
  if (!existsSync("build/server/index.js")) {
    console.log("No build found: npm run build");
    const built = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (built.status !== 0) throw new BenchError("ビルドに失敗しました。");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  try {
    server = await startServer(port);
    const cookie = await signIn(base);
    const encoding: Record<string, string> = gzip ? { "accept-encoding": "gzip, deflate, br" } : {};
    const headers = { cookie, ...encoding };
    for (const page of PAGES.slice(1)) {
      const response = await fetch(`${base}${page.path}`, { headers, redirect: "manual" });
      if (response.status !== 200) throw new BenchError(`${page.path} が ${response.status} を返しました。`);
    }
    console.log(`bench:inbox — Node ${process.version}, ${duration} s per run, ${gzip ? "Accept-Encoding: gzip" : "no compression asked"}`);
    for (const connections of CONNECTIONS) {
      console.log(`\n${connections} connections`);
      let login = NaN;
      for (const page of PAGES) {
        const url = `${base}${page.path}`;
        // /login is measured as a visitor who is not signed in sees it (signed in, it redirects).
        const sent = page.path === "/login" ? encoding : headers;
        await autocannon(url, connections, 2, sent);
        const cpuBefore = cpuMsOf(server.pid);
        const run = await autocannon(url, connections, duration, sent);
        const cpuAfter = cpuMsOf(server.pid);
        const cpu = cpuBefore !== null && cpuAfter !== null && run.requests > 0 ? `  cpu ${((cpuAfter - cpuBefore) / run.requests).toFixed(1)} ms/req` : "";
        if (page.path === "/login") login = run.requestsPerSecond;
        const ratio = page.path === "/login" ? "" : `  ${(run.requestsPerSecond / login).toFixed(2)}× /login`;
        console.log(
          `  ${page.name.padEnd(52)} ${run.requestsPerSecond.toFixed(0).padStart(5)} req/s  p50 ${String(run.p50).padStart(4)} ms  p99 ${String(run.p99).padStart(4)} ms  errors ${run.errors}  ${(run.bytesPerRequest / 1024).toFixed(1)} KB${cpu}${ratio}`,
        );
      }
    }
    console.log("\nserver time, one request at a time (200 requests after 20 warm-up)");
    for (const page of PAGES.slice(1)) {
      await serverTimes(base, page.path, cookie, 20);
      const { loader, server: whole, client } = await serverTimes(base, page.path, cookie, 200);
      console.log(`  ${page.name}`);
      console.log(`    loader (Server-Timing)     median ${ms(quantile(loader, 0.5))}  p95 ${ms(quantile(loader, 0.95))}`);
      console.log(`    whole request (server log) median ${ms(quantile(whole, 0.5))}  p95 ${ms(quantile(whole, 0.95))}`);
      console.log(`    as the client sees it      median ${ms(quantile(client, 0.5))}  p95 ${ms(quantile(client, 0.95))}`);
    }
  } finally {
    if (server) await stop(server);
  }
  await model();
}

await main().catch((error: unknown) => exitWith(error instanceof BenchError ? error.message : String(error)));
