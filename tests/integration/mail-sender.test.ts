import type { Logger } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAIL_RETRY_BASE_MS } from "../../app/domain/mail-retry";
import type { Database } from "../../db/schema";
import type { Kysely } from "kysely";
import { createMailSender } from "../../server/mail-sender";
import { startSmtpServer } from "./support/smtp-server";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const FROM = "孤独・孤立対策推進交付金 <noreply@grants.test.example>";
const T0 = new Date("2026-12-05T01:00:00Z");

describe.each(ENGINES)("%s: the mail sender", (engine) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
    await database.close();
  });

  const sender = (db: Kysely<Database> = database.db, logger?: Logger) => createMailSender(db, { smtpUrl: smtp.url, from: FROM, intervalMs: 50 }, logger);
  const queue = (n: number, at = T0) =>
    database.db
      .insertInto("outbound_messages")
      .values(
        Array.from({ length: n }, (_, i) => ({
          recipient: `officer${i + 1}@pref.test.example`,
          subject: `【差戻し】富山県（令和8年度）${i + 1}`,
          body: `富山県の令和8年度 交付申請について、内閣府が「差戻し」を行いました。\n金額：1,850,000円\n番号${i + 1}`,
          created_at: at,
          next_attempt_at: at,
        })),
      )
      .execute();
  const rows = () => database.db.selectFrom("outbound_messages").selectAll().orderBy("id").execute();

  it("sends a message over SMTP with its Japanese subject and body encoded as UTF-8, and records it sent", async () => {
    await queue(1);
    const mail = sender();
    expect(await mail.drain(T0)).toEqual({ sent: 1, failed: 0 });
    await mail.stop();

    expect(smtp.received).toHaveLength(1);
    const [received] = smtp.received;
    expect(received!.to).toEqual(["officer1@pref.test.example"]);
    expect(received!.from).toBe("noreply@grants.test.example");
    expect(received!.subject).toBe("【差戻し】富山県（令和8年度）1");
    expect(received!.text.trim()).toBe("富山県の令和8年度 交付申請について、内閣府が「差戻し」を行いました。\n金額：1,850,000円\n番号1");
    // Headers are 7-bit: the subject travels as an RFC 2047 UTF-8 encoded word, the body declares UTF-8.
    expect(received!.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(received!.raw).toMatch(/charset=utf-8/i);
    const [row] = await rows();
    expect(row).toMatchObject({ sent_at: T0, attempts: 1, last_error: null, failed_at: null });
    // Sent once: the next round finds nothing due.
    expect(await sender().drain(new Date(T0.getTime() + 3_600_000))).toEqual({ sent: 0, failed: 0 });
  });

  it("sends each message once when two senders drain the outbox at the same moment", async () => {
    await queue(45);
    const [a, b] = database.separateConnections(2).map((db) => sender(db));
    const totals = { sent: 0, failed: 0 };
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.all([a!.drain(T0), b!.drain(T0)]);
      for (const r of results) {
        totals.sent += r.sent;
        totals.failed += r.failed;
      }
    }
    await Promise.all([a!.stop(), b!.stop()]);
    expect(totals).toEqual({ sent: 45, failed: 0 });
    const subjects = smtp.received.map((m) => m.subject);
    expect(subjects).toHaveLength(45);
    expect(new Set(subjects).size).toBe(45);
    expect((await rows()).every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
  });

  it("tries a refused message again after the backoff, recording the attempt, the error and the next try", async () => {
    await queue(1);
    smtp.rejectNext(1);
    const mail = sender();

    expect(await mail.drain(T0)).toEqual({ sent: 0, failed: 1 });
    const [failed] = await rows();
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, failed_at: null, last_attempt_at: T0 });
    expect(failed!.last_error).toMatch(/451/);
    expect(failed!.next_attempt_at).toEqual(new Date(T0.getTime() + MAIL_RETRY_BASE_MS));

    // Not before its time.
    expect(await mail.drain(new Date(T0.getTime() + MAIL_RETRY_BASE_MS - 1_000))).toEqual({ sent: 0, failed: 0 });
    const later = new Date(T0.getTime() + MAIL_RETRY_BASE_MS);
    expect(await mail.drain(later)).toEqual({ sent: 1, failed: 0 });
    await mail.stop();
    const [sent] = await rows();
    expect(sent).toMatchObject({ sent_at: later, attempts: 2, last_error: null });
    expect(smtp.received.map((m) => m.subject)).toEqual(["【差戻し】富山県（令和8年度）1"]);
  });

  it("keeps running when a round cannot reach the database, and stops cleanly", async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args), info: () => {} } as unknown as Logger;
    const unreachable = database.db.withPlugin({
      transformQuery: () => {
        throw new Response("データベースに接続できません", { status: 503 });
      },
      transformResult: async ({ result }) => result,
    });
    const mail = sender(unreachable, logger);
    mail.start();
    await expect.poll(() => warnings.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await mail.stop();
    expect(JSON.stringify(warnings[0])).toContain("database unavailable (503)");
  });
});
