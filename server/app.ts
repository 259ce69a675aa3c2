import express, { type RequestHandler } from "express";
import type { Logger } from "pino";
import { databaseAnswers, type AppDatabase } from "../db/database";
import { latestAppliedMigration } from "../db/migrator";

export interface ServerAppOptions {
  database: AppDatabase;
  logger: Logger;
  /** Take the client's address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
  /** Static files and the Remix request handler; absent in tests of the bare HTTP layer. */
  frontend?: RequestHandler[];
}

/** One log line per request: method, path (never the query string, which may carry tokens), status, duration. */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, durationMs }, "request");
    });
    next();
  };
}

export function healthHandler(database: AppDatabase): RequestHandler {
  return async (_req, res) => {
    res.set("Cache-Control", "no-store");
    const answers = await databaseAnswers(database.db);
    const migration = answers ? await latestAppliedMigration(database.db).catch(() => null) : null;
    if (!answers || migration === null) {
      res.status(503).json({ status: "error", database: database.engine, message: "データベースが応答しません" });
      return;
    }
    res.json({ status: "ok", database: database.engine, migration });
  };
}

export function createServerApp({ database, logger, trustProxy = false, frontend = [] }: ServerAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(requestLog(logger));
  app.get("/healthz", healthHandler(database));
  for (const handler of frontend) app.use(handler);
  return app;
}
