import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../e2e/support/ports";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";

/**
 * The server under a PostgreSQL restart, as an operator would do it: the app (the production build) runs on
 * a PostgreSQL server of this test's own, three officers keep autosaving, and that server is restarted twice.
 * Every save the app acknowledged must be stored, no answer may be a 500, and the app must recover by
 * itself. (`npm run build` first; `npm test` builds before this suite.)
 */

// The demo officers whose 令和8年度 application is still a draft to save (富山県's is a decided grant).
const APPLICANTS = ["fukuoka@demo.example", "tsunagari@demo.example", "mirai@demo.example"];
const PASSWORD = "demo-password-2026";
const STREAM_MS = 20_000;

interface Ack {
  applicationId: number;
  revision: number;
  purpose: string;
}

describe("the server while its PostgreSQL restarts", () => {
  let postgres: PrivatePostgres;
  let app: ChildProcess;
  let base: string;
  let appLog = "";

  beforeAll(async () => {
    postgres = startPrivatePostgres(await freePort());
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: postgres.url,
        SEED_DEMO_DATA: "true",
        LOG_LEVEL: "warn",
        SESSION_SECRET: "faults-session-secret-".padEnd(40, "x"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    app.stdout!.on("data", (d) => (appLog += d));
    app.stderr!.on("data", (d) => (appLog += d));
    for (let i = 0; i < 300; i += 1) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the app did not start:\n${appLog}`);
  }, 120_000);

  afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    postgres?.stop();
  });

  /** Signs in and opens the officer's application for this year; answers its id and the session cookie. */
  async function officer(email: string): Promise<{ cookie: string; applicationId: number }> {
    const headers = { origin: base, "content-type": "application/x-www-form-urlencoded" };
    const login = await fetch(`${base}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
      redirect: "manual",
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/=/);
    const created = await fetch(`${base}/applications`, { method: "POST", headers: { ...headers, cookie }, body: "fiscalYear=2026", redirect: "manual" });
    const applicationId = Number(/\/applications\/(\d+)$/.exec(created.headers.get("location") ?? "")?.[1]);
    expect(applicationId).toBeGreaterThan(0);
    return { cookie, applicationId };
  }

  it("stores every acknowledged save, answers nothing with a 500, and recovers by itself", async () => {
    const officers = await Promise.all(APPLICANTS.map(officer));
    const acks: Ack[] = [];
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const until = Date.now() + STREAM_MS;

    // Each officer saves as the page does: one save at a time, on the revision the last one returned, and
    // again after a failure.
    const stream = officers.map(async ({ cookie, applicationId }) => {
      let revision = 1;
      for (let n = 1; Date.now() < until; n += 1) {
        const purpose = `保存${n}回目（申請${applicationId}）`;
        const response = await fetch(`${base}/applications/${applicationId}/draft`, {
          method: "POST",
          headers: { cookie, origin: base, "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ revision, draft: { purpose } }),
        }).catch(() => null);
        count(response ? String(response.status) : "no answer");
        if (response?.status === 200) {
          const outcome = (await response.json()) as { status: string; revision: number };
          revision = outcome.revision;
          acks.push({ applicationId, revision, purpose });
        } else {
          await response?.body?.cancel();
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const restarts = (async () => {
      await pause(5_000);
      await postgres.restart();
      await pause(5_000);
      await postgres.restart();
    })();
    await Promise.all([...stream, restarts]);

    expect([...statuses.keys()].filter((status) => status.startsWith("5") && status !== "503")).toEqual([]);
    expect(statuses.get("200") ?? 0).toBeGreaterThan(20);
    expect(statuses.get("503") ?? 0).toBeGreaterThan(0);

    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      for (const { applicationId } of officers) {
        const mine = acks.filter((a) => a.applicationId === applicationId);
        const { rows: saved } = await client.query<{ revision: number }>(
          "select (details->>'revision')::int as revision from audit_events where action = 'application.draft_saved' and record_id = $1",
          [String(applicationId)],
        );
        const savedRevisions = new Set(saved.map((r) => r.revision));
        expect(mine.filter((a) => !savedRevisions.has(a.revision))).toEqual([]);
        const { rows } = await client.query<{ revision: number; purpose: string }>(
          "select revision, draft->>'purpose' as purpose from applications where id = $1",
          [applicationId],
        );
        expect(rows[0]).toEqual({ revision: mine.at(-1)!.revision, purpose: mine.at(-1)!.purpose });
      }
    } finally {
      await client.end();
    }

    expect(app.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 120_000);
});
