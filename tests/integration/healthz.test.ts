import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../db/database";
import { LATEST_MIGRATION } from "../../db/migrator";
import { createServerApp } from "../../server/app";
import { createTestDatabase, ENGINES } from "./support/test-database";

async function serve(database: AppDatabase): Promise<{ server: Server; url: string }> {
  const app = createServerApp({ database, logger: pino({ level: "silent" }) });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(ENGINES)("%s: GET /healthz", (engine) => {
  let server: Server | undefined;
  let database: AppDatabase | undefined;
  afterEach(async () => {
    server?.close();
    await database?.close().catch(() => {});
  });

  it("answers ok with the engine and the latest migration", async () => {
    database = await createTestDatabase(engine);
    const served = await serve(database);
    server = served.server;

    const response = await fetch(`${served.url}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: "ok", database: engine, migration: LATEST_MIGRATION });
  });

  it("answers 503 with status error once the database no longer answers", async () => {
    database = await createTestDatabase(engine, { dedicated: true });
    const served = await serve(database);
    server = served.server;
    await database.close();

    const response = await fetch(`${served.url}/healthz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", database: engine });
  });

  it("answers 503 on a database that has not been migrated", async () => {
    database = await createTestDatabase(engine, { migrate: false });
    const served = await serve(database);
    server = served.server;

    const response = await fetch(`${served.url}/healthz`);

    expect(response.status).toBe(503);
  });
});
