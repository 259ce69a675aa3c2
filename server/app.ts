import compression from "compression";
import express, { type RequestHandler } from "express";
import type { Logger } from "pino";
import { databaseAnswers, type AppDatabase } from "../db/database";
import { latestAppliedMigration } from "../db/migrator";
import { bodySizeLimit, cspNonce, sameOriginWrites, securityHeaders, type SecurityMode } from "./security";

export interface ServerAppOptions {
  database: AppDatabase;
  logger: Logger;
  /** Take the client's address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
  /** Development relaxes the Content-Security-Policy for Vite's hot reload. */
  mode?: SecurityMode;
  maxRequestBodyBytes?: number;
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

/**
 * Pages, route data, JSON, scripts and styles are compressed; PDFs, spreadsheets, images and attachments are
 * already compressed (or are stored bytes whose hash is shown) and go out as they are.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
export function compressible(contentType: string | undefined): boolean {
  return COMPRESSIBLE.test(contentType ?? "");
}

/** The public JSON API changes nothing and reads no cookie: other sites may call it (docs/decisions/003). */
const CROSS_ORIGIN_WRITES_ALLOWED = ["/api/v1/simulations"];

export function createServerApp({
  database,
  logger,
  trustProxy = false,
  mode = "production",
  maxRequestBodyBytes = 12 * 1024 * 1024,
  frontend = [],
}: ServerAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(requestLog(logger));
  // Level 1: pages are small and rendered in many chunks; zlib's default level cost a tenth of the server's
  // CPU under load for a few per cent smaller pages (docs/performance.md).
  app.use(compression({ level: 1, filter: (_req, res) => compressible(String(res.getHeader("Content-Type") ?? "")) }));
  app.use(cspNonce());
  app.use(securityHeaders({ mode }));
  app.get("/healthz", healthHandler(database));
  app.use(sameOriginWrites({ exemptPaths: CROSS_ORIGIN_WRITES_ALLOWED }));
  app.use(bodySizeLimit(maxRequestBodyBytes));
  for (const handler of frontend) app.use(handler);
  return app;
}
