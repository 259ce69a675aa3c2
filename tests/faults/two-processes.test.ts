import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresPool } from "../../db/database";
import type { Database } from "../../db/schema";
import { freePort } from "../e2e/support/ports";
import { createUser, PASSWORD } from "../integration/support/accounts";
import { startSmtpServer } from "../integration/support/smtp-server";
import { submittedApplication, type TestUser } from "../integration/support/submitted-application";
import { startApp, type AppProcess } from "./support/app-process";

/**
 * The app as several processes on one PostgreSQL database, as behind a load balancer: process A runs
 * `server.ts`, B runs `cluster.ts` with two workers (`npm run start:cluster`), both on the same database and
 * sending mail through the same SMTP server. What they share lives in the database, so across them sign-in
 * throttling still counts every failure, the programme budget is never over-committed, the notices' numbers
 * never repeat, and every message of the outbox is sent exactly once. (The daily job's lock across processes
 * is shown in tests/integration/reminders.test.ts; `npm run build` first.)
 */

const REQUESTED = 1_850_000;
const MESSAGES = 60;

describe.runIf(process.env.TEST_DATABASE_URL)("two app processes on one PostgreSQL database", () => {
  const name = `two_processes_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  let url: string;
  let db: Kysely<Database>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    await admin(`create database ${name}`);
    const parsed = new URL(process.env.TEST_DATABASE_URL!);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    smtp = await startSmtpServer();
    const env = {
      DATABASE_URL: url,
      SEED_DEMO_DATA: "false",
      SESSION_SECRET: "two-processes-session-secret-".padEnd(40, "x"),
      SMTP_URL: smtp.url,
      MAIL_FROM: "noreply@test.example",
      MAIL_INTERVAL_SECONDS: "0.2",
    };
    // A migrates and seeds; B's workers find nothing to do.
    a = await startApp("server.ts", await freePort(), env);
    b = await startApp("cluster.ts", await freePort(), { ...env, WEB_CONCURRENCY: "2" });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(url, { max: 4 }) }) });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await smtp?.close();
    await admin(`drop database if exists ${name}`);
  });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  async function signIn(app: AppProcess, email: string, password: string) {
    return fetch(`${app.base}/login`, {
      method: "POST",
      headers: { origin: app.base, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email, password, redirectTo: "/" }),
      redirect: "manual",
    });
  }

  async function cookieOf(app: AppProcess, user: TestUser) {
    const response = await signIn(app, user.email, PASSWORD);
    expect(response.status).toBe(302);
    return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  }

  function decide(app: AppProcess, cookie: string, applicationId: number) {
    return fetch(`${app.base}/applications/${applicationId}/steps/decide`, {
      method: "POST",
      headers: { origin: app.base, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ decidedAmount: String(REQUESTED), conditions: "", withdrawalDays: "15", confirmIrreversible: "on" }),
      redirect: "manual",
    });
  }

  const setBudget = (amount: number) =>
    db.updateTable("programme_parameters").set({ programme_budget: amount }).where("fiscal_year", "=", 2026).where("programme", "=", "prefectural").execute();

  it("counts sign-in failures made on either process: the sixth attempt is refused on both", async () => {
    const user = await createUser(db, "reviewer");
    for (let i = 0; i < 5; i += 1) expect((await signIn(i % 2 ? b : a, user.email, "wrong password")).status).toBe(400);
    for (const app of [a, b]) {
      const refused = await signIn(app, user.email, PASSWORD);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("ログインの失敗が続いたため、このアカウントは");
    }
  });

  it("decides within the budget and numbers each notice once, whichever process takes the decision", async () => {
    const reviewer = await createUser(db, "reviewer");
    const applications = [];
    for (let i = 0; i < 6; i += 1) applications.push(await submittedApplication(db, { reviewer }));
    const [onA, onB] = [await cookieOf(a, reviewer), await cookieOf(b, reviewer)];

    // Room for one decision only: two at once on the two processes, and exactly one is taken.
    await setBudget(REQUESTED + REQUESTED / 2);
    const raced = await Promise.all([decide(a, onA, applications[0]!.id), decide(b, onB, applications[1]!.id)]);
    expect(raced.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await raced.find((r) => r.status === 400)!.text()).toContain("予算額");
    const committed = await db
      .selectFrom("application_proceedings")
      .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as("sum"))
      .where("kind", "=", "decision")
      .executeTakeFirstOrThrow();
    expect(committed.sum).toBe(REQUESTED);

    // Room for all: the five left, at once across both processes.
    await setBudget(REQUESTED * 10);
    const undecided = [raced[0]!.status === 302 ? applications[1]! : applications[0]!, ...applications.slice(2)];
    const answers = await Promise.all(undecided.map((app, i) => decide(i % 2 ? b : a, i % 2 ? onB : onA, app.id)));
    expect(answers.map((r) => r.status)).toEqual(undecided.map(() => 302));

    const numbers = (await db.selectFrom("application_proceedings").select("notice_serial").where("kind", "=", "decision").execute()).map(
      (r) => r.notice_serial,
    );
    expect(numbers.sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("sends every message of the outbox exactly once while both processes send from it", async () => {
    const subjects = Array.from({ length: MESSAGES }, (_, i) => `二つのプロセスの試験 ${i + 1}`);
    await db
      .insertInto("outbound_messages")
      .values(subjects.map((subject) => ({ recipient: "someone@test.example", subject, body: "本文", created_at: new Date(), next_attempt_at: new Date() })))
      .execute();
    for (let i = 0; i < 150; i += 1) {
      const waiting = await db
        .selectFrom("outbound_messages")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("sent_at", "is", null)
        .executeTakeFirstOrThrow();
      if (waiting.n === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const received = smtp.received.map((m) => m.subject).filter((s) => s.startsWith("二つのプロセスの試験"));
    expect(received.sort()).toEqual([...subjects].sort());
  });
});
