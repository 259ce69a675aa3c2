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
import { Kysely, PostgresDialect } from "kysely";
import { japanToday } from "../app/domain/japan-time";
import { readInboxFilter } from "../app/forms/inbox-filter";
import { reviewerInbox } from "../app/models/inbox.server";
import { createPostgresPool } from "../db/database";
import type { Database } from "../db/schema";
import { DEMO_PASSWORD } from "../db/seed/demo-data";
import { BenchError, cpuMsOf, ensureBuild, ms, quantile, runLoad, signIn, startServer, stopServer, type ServerUnderTest } from "./bench/harness";
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

const durations: { path: string; ms: number }[] = [];

async function serverTimes(server: ServerUnderTest, pagePath: string, cookie: string, count: number) {
  const loader: number[] = [];
  const client: number[] = [];
  durations.length = 0;
  server.onRequest = (entry) => durations.push(entry);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${server.base}${pagePath}`, { headers: { cookie, ...(gzip ? { "accept-encoding": "gzip, deflate, br" } : {}) } });
    await response.arrayBuffer();
    client.push(performance.now() - started);
    const timing = /inbox;dur=([0-9.]+)/.exec(response.headers.get("server-timing") ?? "");
    if (timing) loader.push(Number(timing[1]));
  }
  await new Promise((r) => setTimeout(r, 200));
  server.onRequest = null;
  const whole = durations.filter((d) => pagePath.startsWith(d.path)).map((d) => d.ms);
  return { loader, server: whole, client };
}

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
  ensureBuild();
  const server = await startServer();
  try {
    const cookie = await signIn(server.base, email, password);
    const encoding: Record<string, string> = gzip ? { "accept-encoding": "gzip, deflate, br" } : {};
    const headers = { cookie, ...encoding };
    for (const page of PAGES.slice(1)) {
      const response = await fetch(`${server.base}${page.path}`, { headers, redirect: "manual" });
      if (response.status !== 200) throw new BenchError(`${page.path} が ${response.status} を返しました。`);
    }
    console.log(`bench:inbox — Node ${process.version}, ${duration} s per run, ${gzip ? "Accept-Encoding: gzip" : "no compression asked"}`);
    for (const connections of CONNECTIONS) {
      console.log(`\n${connections} connections`);
      let login = NaN;
      for (const page of PAGES) {
        const url = `${server.base}${page.path}`;
        // /login is measured as a visitor who is not signed in sees it (signed in, it redirects).
        const sent = page.path === "/login" ? encoding : headers;
        await runLoad({ url, connections, seconds: 2, headers: sent });
        const cpuBefore = cpuMsOf(server.process.pid);
        const run = await runLoad({ url, connections, seconds: duration, headers: sent });
        const cpuAfter = cpuMsOf(server.process.pid);
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
      await serverTimes(server, page.path, cookie, 20);
      const { loader, server: whole, client } = await serverTimes(server, page.path, cookie, 200);
      console.log(`  ${page.name}`);
      console.log(`    loader (Server-Timing)     median ${ms(quantile(loader, 0.5))}  p95 ${ms(quantile(loader, 0.95))}`);
      console.log(`    whole request (server log) median ${ms(quantile(whole, 0.5))}  p95 ${ms(quantile(whole, 0.95))}`);
      console.log(`    as the client sees it      median ${ms(quantile(client, 0.5))}  p95 ${ms(quantile(client, 0.95))}`);
    }
  } finally {
    await stopServer(server);
  }
  await model();
}

await main().catch((error: unknown) => exitWith(error instanceof BenchError ? error.message : String(error)));
