/**
 * `npm run bench:http`: the whole app under load, beside the framework's own ceiling, on the configured
 * PostgreSQL (DATABASE_URL, with `npm run seed:volume` data). Starts the production server, opens sessions
 * for a reviewer and for 50 applicants whose applications were returned for correction (so they may save),
 * and drives each scenario with autocannon from a process of its own on loopback: every run measures
 * `GET /login` (the simplest server-rendered page: the ceiling on this machine) first, then each page, so that
 * each page's throughput is read as a ratio to a ceiling measured minutes apart at most.
 *
 * Prints per scenario the median of the runs: requests/s, p50, p99, errors, the ratio to the ceiling, and
 * whether it meets the aims (≥ 0.5× the ceiling, p99 < 250 ms, no errors), and the server's peak resident
 * memory during the scenario (the highest of its runs); then the peak of the whole run. `--json FILE` writes
 * the figures for comparing with a later run. `--soak MINUTES` then keeps a mixed load on and reports the
 * server's memory in the first and the last minute. Figures, not pass/fail: see docs/performance.md.
 *
 * Options: --connections N (50), --duration SECONDS per run (10), --runs N (3), --only NAME (a scenario whose
 * name contains NAME, and the ceiling), --reviewer EMAIL (reviewer@demo.example), --json FILE, --soak MINUTES,
 * --workers N (run `cluster.ts` with N processes instead of `server.ts`; memory is then their sum), --gzip (ask
 * for compressed answers, as a browser does: the bytes are then those sent).
 */
import { writeFileSync } from "node:fs";
import { Kysely, PostgresDialect, sql } from "kysely";
import { SESSION_COOKIE, startSession } from "../app/auth/session.server";
import { createPostgresPool } from "../db/database";
import type { Database } from "../db/schema";
import { BenchError, ensureBuild, memoryOf, resetPeakMemory, runLoad, startServer, stopServer, type ServerUnderTest } from "./bench/harness";
import type { LoadJob, LoadResult } from "./bench/load";
import { exitWith } from "./cli";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const connections = Number(option("connections", "50"));
const seconds = Number(option("duration", "10"));
const runs = Number(option("runs", "3"));
const only = option("only", "");
const reviewerEmail = option("reviewer", "reviewer@demo.example");
const jsonFile = option("json", "");
const soakMinutes = Number(option("soak", "0"));
const workers = Number(option("workers", "0"));
const gzip = args.includes("--gzip");

const AIM = { ratio: 0.5, p99: 250 };
const APPLICANTS = 50;
const SIMULATION = JSON.stringify({
  program: "intermediary",
  fiscalYear: 2026,
  areaPrefectures: ["13", "14"],
  otherIncome: 500_000,
  lines: [
    { category: "travel", amount: 7_000_000 },
    { category: "ineligible", amount: 200_000 },
  ],
});

interface Scenario {
  name: string;
  job: Omit<LoadJob, "url" | "connections" | "seconds"> & { path: string };
}

/** How many applications' 交付申請書 the second PDF scenario asks for in turn: far more than a process remembers. */
const DOCUMENTS = 2_000;

interface Prepared {
  reviewerCookie: string;
  applicationId: number;
  /** Submitted applications, for PDFs each rendered for the first time. */
  otherApplicationIds: number[];
  applicants: NonNullable<LoadJob["autosave"]>;
}

/** Sessions and ids the scenarios need, read from (and, for the sessions, written to) the benchmark database. */
async function prepare(db: Kysely<Database>, server: ServerUnderTest): Promise<Prepared> {
  const settings = { secret: server.sessionSecret, idleMinutes: 600, absoluteMinutes: 600 };
  const cookieOf = async (userId: number) => `${SESSION_COOKIE}=${(await startSession(db, settings, userId, { ip: null, userAgent: "bench:http" })).token}`;
  const reviewer = await db.selectFrom("users").select("id").where("email", "=", reviewerEmail).where("role", "=", "reviewer").executeTakeFirst();
  if (!reviewer)
    throw new BenchError(`審査担当者 ${reviewerEmail} がいません。SEED_DEMO_DATA=true npm run seed を先に実行するか、--reviewer で指定してください。`);
  const decided = await db
    .selectFrom("application_summaries")
    .select("application_id")
    .where("state", "=", "decided")
    .orderBy("application_id")
    .limit(1)
    .executeTakeFirst();
  if (!decided) throw new BenchError("交付決定済みの申請がありません。先に npm run seed:volume を実行してください。");
  // Applicants who may save: their applications were returned for correction.
  const returned = await db
    .selectFrom("applications")
    .innerJoin("users", (join) => join.onRef("users.organisation_id", "=", "applications.organisation_id"))
    .select(["applications.id", "applications.revision", "applications.draft", "users.id as userId"])
    .where("applications.state", "=", "returned")
    .where("users.disabled_at", "is", null)
    .where("users.role", "in", ["prefecture_officer", "intermediary_officer"])
    .orderBy("applications.id")
    .limit(APPLICANTS * 3)
    .execute();
  const byApplication = [...new Map(returned.map((r) => [r.id, r])).values()].slice(0, APPLICANTS);
  if (byApplication.length < APPLICANTS) throw new BenchError(`差戻し中の申請が${APPLICANTS}件に足りません。npm run seed:volume でデータを増やしてください。`);
  const applicants = [];
  for (const a of byApplication)
    applicants.push({ cookie: await cookieOf(a.userId), path: `/applications/${a.id}/draft`, revision: a.revision, draft: a.draft });
  const others = await db.selectFrom("application_summaries").select("application_id").orderBy("application_id", "desc").limit(DOCUMENTS).execute();
  return {
    reviewerCookie: await cookieOf(reviewer.id),
    applicationId: decided.application_id,
    otherApplicationIds: others.map((o) => o.application_id),
    applicants,
  };
}

function scenarios(p: Prepared): Scenario[] {
  const reviewer = { headers: { cookie: p.reviewerCookie } };
  const app = `/applications/${p.applicationId}`;
  return [
    { name: "GET /healthz", job: { path: "/healthz" } },
    { name: "inbox, filtered first page (提出済み, 東京都)", job: { path: "/applications?assignee=all&state=submitted&prefecture=13", ...reviewer } },
    { name: "inbox, deep page (all, page 150)", job: { path: "/applications?assignee=all&page=150", ...reviewer } },
    { name: "application page", job: { path: app, ...reviewer } },
    { name: "version page", job: { path: `${app}/versions/1`, ...reviewer } },
    { name: "budget page", job: { path: "/budget", ...reviewer } },
    {
      name: "simulator API (POST, many clients)",
      job: { path: "/api/v1/simulations", method: "POST", body: SIMULATION, headers: { "content-type": "application/json" }, manyClients: true },
    },
    { name: "交付申請書 PDF, the same one", job: { path: `${app}/versions/1/pdf`, ...reviewer } },
    {
      name: `交付申請書 PDF, ${p.otherApplicationIds.length.toLocaleString("en")} in turn`,
      job: { path: "/", paths: p.otherApplicationIds.map((id) => `/applications/${id}/versions/1/pdf`), ...reviewer },
    },
    { name: `autosave (${APPLICANTS} applicants)`, job: { path: "/", autosave: p.applicants } },
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Figures {
  name: string;
  /** peakMb: the server's peak resident memory during the run's warm-up and measure of this scenario. */
  runs: (LoadResult & { ratio: number | null; peakMb: number | null })[];
}

async function measure(server: ServerUnderTest, list: Scenario[]): Promise<{ figures: Figures[]; ceiling: LoadResult[]; peakMb: number | null }> {
  const ceiling: LoadResult[] = [];
  // The peak since the last reset, kept before each reset: the whole run's peak is the highest of them.
  let peakMb: number | null = null;
  const peakSinceReset = () => {
    const peak = memoryOf(server.process.pid)?.peakMb ?? null;
    if (peak !== null) peakMb = Math.max(peakMb ?? 0, peak);
    return peak;
  };
  const figures: Figures[] = list.map((s) => ({ name: s.name, runs: [] }));
  const load = ({ path, ...job }: Scenario["job"], secondsOf = seconds) =>
    runLoad({
      ...job,
      ...(gzip ? { headers: { ...job.headers, "accept-encoding": "gzip" } } : {}),
      url: `${server.base}${path}`,
      connections,
      seconds: secondsOf,
    });
  for (let run = 1; run <= runs; run += 1) {
    // The ceiling first in each run: the pages' ratios are to a ceiling measured in the same minutes.
    await load({ path: "/login" }, 2);
    const login = await load({ path: "/login" });
    ceiling.push(login);
    console.log(`run ${run}/${runs}: GET /login ${login.requestsPerSecond.toFixed(0)} req/s, p99 ${login.p99} ms`);
    for (const [i, scenario] of list.entries()) {
      peakSinceReset();
      const peakKnown = resetPeakMemory(server.process.pid);
      await load(scenario.job, 2);
      const result = await load(scenario.job);
      const scenarioPeak = peakSinceReset();
      figures[i]!.runs.push({
        ...result,
        ratio: login.requestsPerSecond > 0 ? result.requestsPerSecond / login.requestsPerSecond : null,
        peakMb: peakKnown ? scenarioPeak : null,
      });
    }
  }
  peakSinceReset();
  return { figures, ceiling, peakMb };
}

function report(figures: Figures[], ceiling: LoadResult[], peakMb: number | null) {
  const row = (name: string, rps: number, p50: number, p99: number, errors: number, ratio: string, peak: string, verdict: string) =>
    `  ${name.padEnd(44)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${String(p50).padStart(5)} ms  p99 ${String(p99).padStart(5)} ms  errors ${String(errors).padStart(5)}  ${ratio.padStart(6)}  ${peak.padStart(7)}  ${verdict}`;
  console.log(`\nmedian of ${runs} runs, ${connections} connections, ${seconds} s each (aims: ≥ ${AIM.ratio}× the ceiling, p99 < ${AIM.p99} ms, no errors)`);
  const login = (pick: (r: LoadResult) => number) => median(ceiling.map(pick));
  console.log(
    row(
      "GET /login (the ceiling)",
      login((r) => r.requestsPerSecond),
      login((r) => r.p50),
      login((r) => r.p99),
      login((r) => r.errors),
      "1.00×",
      "",
      "",
    ),
  );
  for (const f of figures) {
    const m = (pick: (r: LoadResult) => number) => median(f.runs.map(pick));
    const ratio = median(f.runs.map((r) => r.ratio ?? NaN));
    const errors = f.runs.reduce((sum, r) => sum + r.errors, 0);
    const misses = [ratio < AIM.ratio ? "ratio" : "", m((r) => r.p99) >= AIM.p99 ? "p99" : "", errors > 0 ? "errors" : ""].filter(Boolean);
    const peaks = f.runs.flatMap((r) => (r.peakMb === null ? [] : [r.peakMb]));
    console.log(
      row(
        f.name,
        m((r) => r.requestsPerSecond),
        m((r) => r.p50),
        m((r) => r.p99),
        errors,
        `${ratio.toFixed(2)}×`,
        peaks.length > 0 ? `${Math.max(...peaks).toFixed(0)} MB` : "—",
        misses.length ? `✗ ${misses.join(", ")}` : "✓",
      ),
    );
  }
  console.log(`\nserver peak resident memory: ${peakMb === null ? "— (no /proc)" : `${peakMb.toFixed(0)} MB`} (aim: under 300 MB)`);
}

/** A mixed load for `minutes`, sampling the server's memory every 5 s: the first minute against the last. */
async function soak(server: ServerUnderTest, list: Scenario[], minutes: number) {
  const samples: { at: number; mb: number }[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    const memory = memoryOf(server.process.pid);
    if (memory) samples.push({ at: Date.now() - started, mb: memory.rssMb });
  }, 5_000);
  const mixed = list.filter((s) => !s.name.startsWith("GET /healthz"));
  const end = started + minutes * 60_000;
  for (let i = 0; Date.now() < end; i += 1) {
    const { path, ...job } = mixed[i % mixed.length]!.job;
    await runLoad({ ...job, url: `${server.base}${path}`, connections, seconds: Math.max(1, Math.min(15, Math.round((end - Date.now()) / 1000))) });
  }
  clearInterval(timer);
  const average = (from: number, to: number) => {
    const window = samples.filter((s) => s.at >= from && s.at < to).map((s) => s.mb);
    return window.reduce((a, b) => a + b, 0) / window.length;
  };
  const first = average(0, 60_000);
  const last = average((minutes - 1) * 60_000, minutes * 60_000 + 1);
  const growth = ((last - first) / first) * 100;
  console.log(
    `\nsoak, ${minutes} min of mixed load: resident memory ${first.toFixed(0)} MB in the first minute, ${last.toFixed(0)} MB in the last (${growth >= 0 ? "+" : ""}${growth.toFixed(1)}%; aim: at most +10%)`,
  );
  return { firstMinuteMb: first, lastMinuteMb: last, growthPercent: growth };
}

async function main() {
  if (!process.env.DATABASE_URL) {
    exitWith(
      "DATABASE_URL を指定してください（例: DATABASE_URL=postgres://postgres@127.0.0.1:5432/grants_bench）。先に npm run seed:volume でデータを入れてください。",
    );
  }
  ensureBuild();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(process.env.DATABASE_URL, { max: 2 }) }) });
  // Many clients of the public API come from many addresses: the server takes them from X-Forwarded-For.
  process.env.TRUST_PROXY = "true";
  const server = await startServer(workers > 0 ? { workers } : {});
  try {
    const prepared = await prepare(db, server);
    const { count } = await db
      .selectFrom("applications")
      .select(sql<number>`count(*)::int`.as("count"))
      .executeTakeFirstOrThrow();
    console.log(
      `bench:http — Node ${process.version}, ${count.toLocaleString("en-US")} applications, ${workers > 0 ? `${workers} workers (cluster.ts)` : "one process (server.ts)"}, load from a separate process on loopback`,
    );
    const list = scenarios(prepared).filter((s) => !only || s.name.includes(only));
    const { figures, ceiling, peakMb } = await measure(server, list);
    report(figures, ceiling, peakMb);
    const soaked = soakMinutes > 0 ? await soak(server, list, soakMinutes) : null;
    if (jsonFile) {
      writeFileSync(
        jsonFile,
        `${JSON.stringify({ at: new Date().toISOString(), node: process.version, applications: count, connections, seconds, runs, ceiling, scenarios: figures, peakMb, soak: soaked }, null, 2)}\n`,
      );
      console.log(`figures written to ${jsonFile}`);
    }
  } finally {
    await stopServer(server);
    await db.destroy();
  }
}

await main().catch((error: unknown) => exitWith(error instanceof BenchError ? error.message : String(error)));
