/**
 * `npm run start:cluster`: the built app as several processes on one port (node:cluster), one per core by
 * default (`WEB_CONCURRENCY` sets how many). Everything the processes share lives in PostgreSQL — sessions,
 * sign-in throttling, the budget lock, notice numbers, the mail outbox, the daily job's lock (docs/scaling.md) —
 * so it needs `DATABASE_URL`: the embedded database is one process's alone.
 *
 * The first worker migrates and seeds; the others start once it listens. A worker that stops unexpectedly is
 * replaced, at most one a second. SIGTERM or SIGINT stops every worker as `server.ts` stops (its requests
 * finished, the database closed), then the primary.
 */
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { ConfigError, loadConfig, workerCount } from "./server/config";
import { createLogger } from "./server/logger";

function fail(message: string): never {
  process.stderr.write(`起動できません: ${message}\n`);
  process.exit(1);
}

async function primary() {
  let count: number;
  try {
    const config = loadConfig();
    if (config.database.engine !== "postgres") {
      throw new ConfigError(
        "複数のプロセスで動かすには DATABASE_URL（PostgreSQL）が必要です。組み込みのデータベースは1つのプロセスだけが開けます（npm start を使ってください）。",
      );
    }
    count = workerCount(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(process.env.LOG_LEVEL === "silent" ? "silent" : "info");
  // Sessions are signed with one key: a key generated for the run (a demo) is generated once, for every worker.
  process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
  let stopping = false;
  let lastFork = 0;

  const fork = () => {
    lastFork = Date.now();
    return cluster.fork();
  };
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) return;
    logger.warn({ pid: worker.process.pid, code, signal }, "worker stopped; starting another");
    // A worker that cannot start (a wrong setting, the database away) would otherwise be restarted in a loop.
    setTimeout(fork, Math.max(0, lastFork + 1_000 - Date.now()));
  });

  // Stopping works from the start, while the first worker is still migrating too.
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping workers");
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    logger.info("cluster stopped");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  // The first worker migrates and seeds alone (or the one replacing it, if it stopped); the rest find nothing to do.
  const listening = new Promise<void>((resolve) => cluster.once("listening", () => resolve()));
  fork();
  await listening;
  if (stopping) return;
  for (let i = 1; i < count; i += 1) fork();
  logger.info({ workers: count }, "cluster started");
}

if (cluster.isPrimary) await primary();
else await import("./server");
