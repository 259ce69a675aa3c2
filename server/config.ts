import { z } from "zod";
import { databaseConfigFromEnv, type DatabaseConfig } from "../db/database";

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
  SEED_DEMO_DATA: z.enum(["true", "false"], { message: "SEED_DEMO_DATA は true または false で指定してください" }).optional(),
  TRUST_PROXY: z.enum(["true", "false"], { message: "TRUST_PROXY は true または false で指定してください" }).default("false"),
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
  return {
    mode: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: databaseConfigFromEnv({ DATABASE_URL: e.DATABASE_URL, PGLITE_DATA_DIR: e.PGLITE_DATA_DIR }),
    // Demo organisations and accounts are for trying the product, never for a production install by default.
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === "true" : e.NODE_ENV !== "production",
    trustProxy: e.TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
  };
}
