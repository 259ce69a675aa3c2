import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { redactConnectionString } from "../../db/database";
import { ConfigError, loadConfig, workerCount } from "../../server/config";
import { HEAP_FLAGS } from "../../server/heap";

describe("server configuration from the environment", () => {
  it("defaults to the embedded database under ./data, port 3000, with demo data outside production", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      mode: "development",
      database: { engine: "pglite", dataDir: "./data/pglite" },
      seedDemoData: true,
      logLevel: "info",
    });
  });

  it("switches to the PostgreSQL server when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://app@db:5432/grants", PGLITE_DATA_DIR: "/ignored" });
    // Ten connections, and a statement cancelled after 30 seconds, unless configured.
    expect(config.database).toEqual({
      engine: "postgres",
      connectionString: "postgres://app@db:5432/grants",
      pool: { size: 10, statementTimeoutMs: 30_000 },
    });
  });

  it("takes the pool's size and the statement timeout from the environment", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://app@db:5432/grants", DATABASE_POOL_SIZE: "4", DATABASE_STATEMENT_TIMEOUT_SECONDS: "2.5" });
    expect(config.database).toMatchObject({ pool: { size: 4, statementTimeoutMs: 2_500 } });
  });

  it("takes the current fiscal year from the date unless CURRENT_FISCAL_YEAR fixes it", () => {
    expect(loadConfig({}).fiscalYearOverride).toBeNull();
    expect(loadConfig({ CURRENT_FISCAL_YEAR: "2027" }).fiscalYearOverride).toBe(2027);
  });

  it("treats a blank DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  " }).database.engine).toBe("pglite");
  });

  it("leaves demo data out in production unless SEED_DEMO_DATA asks for it", () => {
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) }).seedDemoData).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_DATA: "true" }).seedDemoData).toBe(true);
    expect(loadConfig({ SEED_DEMO_DATA: "false" }).seedDemoData).toBe(false);
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ PORT: "70000" }, /PORT は 1〜65535/],
    [{ SEED_DEMO_DATA: "yes" }, /SEED_DEMO_DATA は true または false/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
    [{ CURRENT_FISCAL_YEAR: "令和8" }, /CURRENT_FISCAL_YEAR は年度の始まる西暦年/],
    [{ CURRENT_FISCAL_YEAR: "2018" }, /CURRENT_FISCAL_YEAR/],
    [{ DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE は1〜100の整数/],
    [{ DATABASE_POOL_SIZE: "many" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_STATEMENT_TIMEOUT_SECONDS: "0" }, /DATABASE_STATEMENT_TIMEOUT_SECONDS は0より大きい秒数/],
  ])("refuses %o with a Japanese message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("connection strings in messages", () => {
  it("hides the password and keeps user, host and database", () => {
    expect(redactConnectionString("postgres://grants:p%40ss@db.example:5432/grants")).toBe("postgres://grants:***@db.example:5432/grants");
  });

  it("does not echo text that is not a URL", () => {
    expect(redactConnectionString("host=db password=secret")).not.toContain("secret");
  });
});

describe("the session secret", () => {
  it("is required in production, unless the install is an explicit demo", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET が必要です/);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_DATA: "true" }).sessionSecretGenerated).toBe(true);
  });

  it("must be at least 32 characters", () => {
    expect(() => loadConfig({ SESSION_SECRET: "short" })).toThrow(/32文字以上/);
    const secret = "x".repeat(32);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret }).sessions.secret).toBe(secret);
  });

  it("is generated afresh for each start when not given", () => {
    expect(loadConfig({}).sessions.secret).not.toBe(loadConfig({}).sessions.secret);
  });

  it("gives sessions 2 hours idle and 12 hours in all unless configured", () => {
    expect(loadConfig({}).sessions).toMatchObject({ idleMinutes: 120, absoluteMinutes: 720 });
    expect(loadConfig({ SESSION_IDLE_MINUTES: "30", SESSION_ABSOLUTE_MINUTES: "240" }).sessions).toMatchObject({
      idleMinutes: 30,
      absoluteMinutes: 240,
    });
  });
});

describe("the number of processes of npm run start:cluster", () => {
  it("is one per core unless WEB_CONCURRENCY says", () => {
    expect(workerCount({}, 2)).toBe(2);
    expect(workerCount({ WEB_CONCURRENCY: "3" }, 2)).toBe(3);
  });

  it.each(["0", "65", "two", "1.5"])("refuses WEB_CONCURRENCY=%s with a Japanese message", (value) => {
    expect(() => workerCount({ WEB_CONCURRENCY: value }, 2)).toThrow("環境変数 WEB_CONCURRENCY は1〜64の整数で指定してください");
  });
});

describe("the heap settings the server runs with", () => {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

  it.each(["start", "start:cluster"])("are passed by npm run %s before any NODE_OPTIONS of the operator's", (name) => {
    const options = /NODE_OPTIONS="([^"]*)"/.exec(scripts[name]!)?.[1];
    expect(options).toBe(`${HEAP_FLAGS.join(" ")} $NODE_OPTIONS`);
  });
});
