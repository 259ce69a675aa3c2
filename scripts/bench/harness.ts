/**
 * What the HTTP benchmarks share (`bench:http`, `bench:inbox`): the production server started on a free
 * loopback port against the configured database, signing in, the load generator run as a process of its own
 * (./load.ts), and the server's CPU time and peak memory read from Linux's /proc.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { SESSION_COOKIE } from "../../app/auth/session.server";
import { HEAP_FLAGS } from "../../server/heap";
import type { LoadJob, LoadResult } from "./load";

export class BenchError extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Builds the app when there is no build yet. */
export function ensureBuild() {
  if (existsSync("build/server/index.js")) return;
  console.log("No build found: npm run build");
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new BenchError("ビルドに失敗しました。");
}

export interface ServerUnderTest {
  process: ChildProcess;
  base: string;
  /** The session key the server signs with, for sessions a benchmark opens itself. */
  sessionSecret: string;
  /** Called with each request the server logs (path and duration), while set. */
  onRequest: ((entry: { path: string; ms: number }) => void) | null;
}

let started: ChildProcess | undefined;
process.on("exit", () => started?.kill("SIGKILL"));

/**
 * The production server (`server.ts`, or `cluster.ts` with `workers` processes) on a free port; with
 * BENCH_PROFILE=DIR it writes a CPU profile there.
 */
export async function startServer({ workers }: { workers?: number } = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const sessionSecret = randomBytes(32).toString("hex");
  const child = spawn(
    process.execPath,
    [
      ...HEAP_FLAGS,
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : []),
      "--import",
      "tsx",
      workers ? "cluster.ts" : "server.ts",
    ],
    {
      env: {
        ...process.env,
        ...(workers ? { WEB_CONCURRENCY: String(workers) } : {}),
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_DEMO_DATA: "false",
        SESSION_SECRET: sessionSecret,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  started = child;
  const server: ServerUnderTest = { process: child, base: `http://127.0.0.1:${port}`, sessionSecret, onRequest: null };
  createInterface({ input: child.stdout! }).on("line", (text) => {
    if (!server.onRequest) return;
    try {
      const entry = JSON.parse(text) as { msg?: string; path?: string; durationMs?: number };
      if (entry.msg === "request" && entry.path && typeof entry.durationMs === "number") server.onRequest({ path: entry.path, ms: entry.durationMs });
    } catch {
      // not a log line
    }
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new BenchError("サーバーが起動しませんでした。");
    const ok = await fetch(`${server.base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new BenchError("サーバーが60秒以内に応答しませんでした。");
}

/** Stops the server and waits for it; one that has not stopped after 10 s is killed. */
export async function stopServer(server: ServerUnderTest) {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Signs in through the form, as a browser does; answers the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (response.status !== 302 || !cookie) {
    throw new BenchError(`${email} でログインできませんでした（${response.status}）。--email と --password を確かめてください。`);
  }
  return cookie.split(";")[0]!;
}

/** Runs one load job in a process of its own (./load.ts) and answers its figures. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/bench/load.ts"), JSON.stringify(job)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(out) as LoadResult);
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
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * A process's resident memory now and at its peak (VmRSS, VmHWM), in MB, with its child processes' (a
 * cluster's workers) added, from Linux's /proc; null elsewhere.
 */
export function memoryOf(pid: number | undefined): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    const own = { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children
      .map(memoryOf)
      .reduce<{ rssMb: number; peakMb: number }>((sum, child) => (child ? { rssMb: sum.rssMb + child.rssMb, peakMb: sum.peakMb + child.peakMb } : sum), own);
  } catch {
    return null;
  }
}

/**
 * Starts the peak (VmHWM) of the process and its children again from what they hold now (Linux: writing 5 to
 * clear_refs), so that the next peak read is that of what ran since. False where it cannot.
 */
export function resetPeakMemory(pid: number | undefined): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children.every(resetPeakMemory);
  } catch {
    return false;
  }
}

export const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "—");
