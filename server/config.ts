import { z } from "zod";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import type { SessionSettings } from "../app/auth/session.server";
import { databaseConfigFromEnv, DEFAULT_POOL_SETTINGS, type DatabaseConfig } from "../db/database";
import type { MailSettings } from "./mail-sender";

/** An address as a From header takes it: "a@b.example" or "名前 <a@b.example>". */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/** Every environment variable the server reads, parsed once at start-up (see README "Configuration"). */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ message: "PORT は 1〜65535 の整数で指定してください" })
    .int("PORT は 1〜65535 の整数で指定してください")
    .min(1, "PORT は 1〜65535 の整数で指定してください")
    .max(65535, "PORT は 1〜65535 の整数で指定してください")
    .default(3000),
  DATABASE_URL: z.string().optional(),
  PGLITE_DATA_DIR: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: "DATABASE_POOL_SIZE は1〜100の整数で指定してください" })
    .int("DATABASE_POOL_SIZE は1〜100の整数で指定してください")
    .min(1, "DATABASE_POOL_SIZE は1〜100の整数で指定してください")
    .max(100, "DATABASE_POOL_SIZE は1〜100の整数で指定してください")
    .default(DEFAULT_POOL_SETTINGS.size),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce
    .number({ message: "DATABASE_STATEMENT_TIMEOUT_SECONDS は秒数で指定してください" })
    .positive("DATABASE_STATEMENT_TIMEOUT_SECONDS は0より大きい秒数で指定してください")
    .max(3600, "DATABASE_STATEMENT_TIMEOUT_SECONDS は3600秒以下にしてください")
    .default(DEFAULT_POOL_SETTINGS.statementTimeoutMs / 1000),
  SEED_DEMO_DATA: z.enum(["true", "false"], { message: "SEED_DEMO_DATA は true または false で指定してください" }).optional(),
  TRUST_PROXY: z.enum(["true", "false"], { message: "TRUST_PROXY は true または false で指定してください" }).default("false"),
  SESSION_SECRET: z.string().optional(),
  // Minutes; fractions are accepted so tests can let a session run out in seconds.
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: "SESSION_IDLE_MINUTES は分単位の数値で指定してください" })
    .positive("SESSION_IDLE_MINUTES は0より大きい分数で指定してください")
    .default(120),
  SESSION_ABSOLUTE_MINUTES: z.coerce
    .number({ message: "SESSION_ABSOLUTE_MINUTES は分単位の数値で指定してください" })
    .positive("SESSION_ABSOLUTE_MINUTES は0より大きい分数で指定してください")
    .default(720),
  MAX_REQUEST_BODY_BYTES: z.coerce
    .number({ message: "MAX_REQUEST_BODY_BYTES はバイト数（整数）で指定してください" })
    .int("MAX_REQUEST_BODY_BYTES はバイト数（整数）で指定してください")
    .min(1024, "MAX_REQUEST_BODY_BYTES は1024以上にしてください")
    .default(12 * 1024 * 1024),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s/]+/, "SMTP_URL は smtp://ホスト:ポート または smtps://ユーザー:パスワード@ホスト:ポート の形で指定してください")
    .optional(),
  MAIL_FROM: z.string().optional(),
  MAIL_INTERVAL_SECONDS: z.coerce
    .number({ message: "MAIL_INTERVAL_SECONDS は秒数で指定してください" })
    .positive("MAIL_INTERVAL_SECONDS は0より大きい秒数で指定してください")
    .default(15),
  // Fixes the current fiscal year (tests, demonstrations); unset, it follows the date in Japan (April–March).
  CURRENT_FISCAL_YEAR: z
    .string()
    .regex(/^(20[2-9][0-9]|2019|2100)$/, "CURRENT_FISCAL_YEAR は年度の始まる西暦年（2019〜2100、例：2026）で指定してください")
    .transform(Number)
    .optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "LOG_LEVEL は fatal / error / warn / info / debug / trace / silent のいずれかです",
    })
    .default("info"),
});

export interface ServerConfig {
  mode: "development" | "production" | "test";
  host: string;
  port: number;
  database: DatabaseConfig;
  seedDemoData: boolean;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy: boolean;
  sessions: SessionSettings;
  sessionSecretGenerated: boolean;
  maxRequestBodyBytes: number;
  /** The mail sender's settings; null without SMTP_URL (messages then wait in the outbox). */
  mail: MailSettings | null;
  /** The current fiscal year when fixed by CURRENT_FISCAL_YEAR; null: from the date in Japan. */
  fiscalYearOverride: number | null;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`環境変数 ${issue.path.join(".")} が不正です: ${issue.message}`);
  }
  const e = parsed.data;
  const seedDemoData = e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === "true" : e.NODE_ENV !== "production";
  if (e.SESSION_SECRET !== undefined && e.SESSION_SECRET.length < 32) {
    throw new ConfigError("環境変数 SESSION_SECRET が短すぎます: 32文字以上のランダムな文字列にしてください");
  }
  if (e.SESSION_SECRET === undefined && e.NODE_ENV === "production" && !seedDemoData) {
    throw new ConfigError("環境変数 SESSION_SECRET が必要です: 本番環境では32文字以上のランダムな文字列を指定してください");
  }
  if (e.SMTP_URL !== undefined) {
    try {
      new URL(e.SMTP_URL);
    } catch {
      throw new ConfigError("環境変数 SMTP_URL が不正です: smtp://ホスト:ポート の形で指定してください");
    }
    if (e.MAIL_FROM === undefined) throw new ConfigError("環境変数 MAIL_FROM が必要です: SMTP_URL を設定するときは送信元のアドレスも指定してください");
  }
  if (e.MAIL_FROM !== undefined && !MAIL_ADDRESS.test(e.MAIL_FROM.trim())) {
    throw new ConfigError("環境変数 MAIL_FROM が不正です: noreply@example.jp または 名前 <noreply@example.jp> の形で指定してください");
  }
  return {
    mode: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: databaseConfigFromEnv(
      { DATABASE_URL: e.DATABASE_URL, PGLITE_DATA_DIR: e.PGLITE_DATA_DIR },
      { size: e.DATABASE_POOL_SIZE, statementTimeoutMs: Math.round(e.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000) },
    ),
    // Demo organisations and accounts are for trying the product, never for a production install by default.
    seedDemoData,
    trustProxy: e.TRUST_PROXY === "true",
    // Without a secret of its own (development, demo), a fresh one per start: restarting signs everyone out.
    sessionSecretGenerated: e.SESSION_SECRET === undefined,
    sessions: {
      secret: e.SESSION_SECRET ?? randomBytes(32).toString("base64url"),
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteMinutes: e.SESSION_ABSOLUTE_MINUTES,
    },
    maxRequestBodyBytes: e.MAX_REQUEST_BODY_BYTES,
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM.trim(), intervalMs: e.MAIL_INTERVAL_SECONDS * 1000 } : null,
    fiscalYearOverride: e.CURRENT_FISCAL_YEAR ?? null,
    logLevel: e.LOG_LEVEL,
  };
}

/** How many processes `npm run start:cluster` runs: WEB_CONCURRENCY, or one per core. */
export function workerCount(env: Record<string, string | undefined>, cores = availableParallelism()): number {
  const given = env.WEB_CONCURRENCY?.trim();
  if (!given) return cores;
  const n = /^[0-9]+$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 64) throw new ConfigError("環境変数 WEB_CONCURRENCY は1〜64の整数で指定してください");
  return n;
}
