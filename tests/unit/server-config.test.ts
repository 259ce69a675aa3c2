import { describe, expect, it } from "vitest";
import { redactConnectionString } from "../../db/database";
import { ConfigError, loadConfig } from "../../server/config";

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
    expect(config.database).toEqual({ engine: "postgres", connectionString: "postgres://app@db:5432/grants" });
  });

  it("treats a blank DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  " }).database.engine).toBe("pglite");
  });

  it("leaves demo data out in production unless SEED_DEMO_DATA asks for it", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemoData).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_DATA: "true" }).seedDemoData).toBe(true);
    expect(loadConfig({ SEED_DEMO_DATA: "false" }).seedDemoData).toBe(false);
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ PORT: "70000" }, /PORT は 1〜65535/],
    [{ SEED_DEMO_DATA: "yes" }, /SEED_DEMO_DATA は true または false/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
  ])("refuses %o with a Japanese message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("connection strings in messages", () => {
  it("hides the password and keeps user, host and database", () => {
    expect(redactConnectionString("postgres://grants:p%40ss@db.example:5432/grants")).toBe(
      "postgres://grants:***@db.example:5432/grants",
    );
  });

  it("does not echo text that is not a URL", () => {
    expect(redactConnectionString("host=db password=secret")).not.toContain("secret");
  });
});
