/**
 * The app's entry point: read the configuration, open the database, migrate and seed it, serve the
 * Remix app, and close everything cleanly on SIGTERM/SIGINT so an embedded data folder is never left
 * half-written. `npm start` runs it after a production build; `npm run dev` runs it with Vite.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { DatabaseStartupError, openDatabase, type AppDatabase } from "./db/database";
import { migrateToLatest } from "./db/migrator";
import { seed } from "./db/seed";
import { currentFiscalYear } from "./app/domain/fiscal-year";
import { createServerApp } from "./server/app";
import { cspNonceOf } from "./server/security";
import { ConfigError, loadConfig, type ServerConfig } from "./server/config";
import { createLogger } from "./server/logger";
import { createMailSender } from "./server/mail-sender";

function fail(message: string): never {
  process.stderr.write(`起動できません: ${message}\n`);
  process.exit(1);
}

async function frontendFor(config: ServerConfig, database: AppDatabase) {
  const getLoadContext = (req: express.Request, res: express.Response) => ({
    db: database.db,
    engine: database.engine,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    secure: req.secure,
    cspNonce: cspNonceOf(res),
    sessions: config.sessions,
    fiscalYearOverride: config.fiscalYearOverride,
  });
  const router = express.Router();

  if (config.mode === "development") {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    router.use(vite.middlewares);
    router.all(
      "*",
      createRequestHandler({
        build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
        getLoadContext,
      }),
    );
    return { router, close: () => vite.close() };
  }

  const buildFile = path.resolve("build/server/index.js");
  const build = (await import(pathToFileURL(buildFile).href).catch(() =>
    fail(`ビルドが見つかりません（${buildFile}）。先に npm run build を実行してください。`),
  )) as ServerBuild;
  // Static files say how long they may be kept, over the pages' no-store (server/security.ts): the hashed
  // assets for a year and unchanged (a new build names new files), the files of public/ (favicon.svg) an hour.
  router.use("/assets", express.static("build/client/assets", { cacheControl: false, setHeaders: (res) => res.set("Cache-Control", ASSETS_CACHE_CONTROL) }));
  // Each file of public/ at its own path, read when asked for: a page's request is not first looked for on
  // disk, which cost every page a stat() and an error object.
  for (const file of readdirSync("build/client", { withFileTypes: true }).filter((entry) => entry.isFile())) {
    const filePath = path.resolve("build/client", file.name);
    router.get(`/${file.name}`, (_req, res, next) => {
      res.set("Cache-Control", PUBLIC_FILES_CACHE_CONTROL);
      res.sendFile(filePath, { cacheControl: false }, (error) => error && next(error));
    });
  }
  router.all("*", createRequestHandler({ build, mode: config.mode, getLoadContext }));
  return { router, close: async () => {} };
}

const ASSETS_CACHE_CONTROL = "public, max-age=31536000, immutable";
const PUBLIC_FILES_CACHE_CONTROL = "public, max-age=3600";

async function main() {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.sessionSecretGenerated) {
    logger.warn("SESSION_SECRET is not set: using a key generated for this run; restarting signs everyone out");
  }

  let database: AppDatabase;
  try {
    database = await openDatabase(config.database);
  } catch (error) {
    if (error instanceof DatabaseStartupError) fail(error.message);
    fail(`データベースを開けません: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }

  try {
    const applied = await migrateToLatest(database.db);
    await seed(database.db, { demo: config.seedDemoData, fiscalYear: currentFiscalYear(new Date(), config.fiscalYearOverride) });
    logger.info({ engine: database.engine, migrationsApplied: applied, demoData: config.seedDemoData }, "database ready");
  } catch (error) {
    await database.close().catch(() => {});
    fail(`データベースの準備に失敗しました: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }

  const frontend = await frontendFor(config, database);
  const app = createServerApp({
    database,
    logger,
    trustProxy: config.trustProxy,
    mode: config.mode,
    maxRequestBodyBytes: config.maxRequestBodyBytes,
    frontend: [frontend.router],
  });
  // Without SMTP_URL the messages wait in the outbox (/admin/outbox).
  const mailSender = config.mail ? createMailSender(database.db, config.mail, logger) : null;
  mailSender?.start();
  if (!mailSender) logger.info("SMTP_URL is not set: mail stays in the outbox");

  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: `http://localhost:${config.port}`, engine: database.engine, mode: config.mode }, "listening");
  });
  server.on("error", async (error: NodeJS.ErrnoException) => {
    await mailSender?.stop().catch(() => {});
    await database.close().catch(() => {});
    fail(error.code === "EADDRINUSE" ? `ポート ${config.port} は既に使われています。PORT で別のポートを指定してください。` : error.message);
  });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Requests still running after 5 s are cut off so the database can always be closed.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    await closed;
    await mailSender?.stop();
    await frontend.close();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message.split("\n")[0]! : String(error));
});
