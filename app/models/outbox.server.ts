/**
 * The outbox (decision 015): messages written in the transaction of the change they tell of, drained by the
 * mail sender. A sender claims due messages in one short statement (`for update skip locked`, so two
 * senders never claim one message) that leases them by moving their next attempt on; it then sends outside
 * any transaction, and records the outcome: sent, or failed with the error and the time of the next try.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { MAIL_LEASE_MS, MAX_MAIL_ATTEMPTS, retryDelayMs } from "~/domain/mail-retry";

export interface ClaimedMessage {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  /** This attempt's number, from 1. */
  attempts: number;
}

/** Claims up to `limit` due messages, oldest first, for MAIL_LEASE_MS. */
export async function claimDueMessages(db: Kysely<Database>, now: Date, limit: number): Promise<ClaimedMessage[]> {
  const leaseEnds = new Date(now.getTime() + MAIL_LEASE_MS);
  const { rows } = await sql<ClaimedMessage>`
    update outbound_messages m
    set attempts = m.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${leaseEnds}
    from (
      select id from outbound_messages
      where sent_at is null and failed_at is null and next_attempt_at <= ${now}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    ) due
    where m.id = due.id
    returning m.id, m.recipient, m.subject, m.body, m.attempts`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
}

export async function recordSent(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable("outbound_messages").set({ sent_at: now, last_error: null }).where("id", "=", id).execute();
}

/** Records a failed attempt: tried again after the backoff, or given up after MAX_MAIL_ATTEMPTS. */
export async function recordFailure(db: Kysely<Database>, message: { id: number; attempts: number }, error: string, now: Date): Promise<void> {
  const givenUp = message.attempts >= MAX_MAIL_ATTEMPTS;
  await db
    .updateTable("outbound_messages")
    .set({
      last_error: error.slice(0, 1000),
      next_attempt_at: new Date(now.getTime() + retryDelayMs(message.attempts)),
      failed_at: givenUp ? now : null,
    })
    .where("id", "=", message.id)
    .execute();
}

export const OUTBOX_PAGE_SIZE = 20;

/** A page of the outbox, newest first, for an administrator. */
export async function listOutbox(db: Kysely<Database>, page = 1) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("outbound_messages")
      .select(["id", "recipient", "subject", "body", "created_at", "sent_at", "failed_at", "attempts", "next_attempt_at", "last_error"])
      .orderBy("id", "desc")
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("outbound_messages")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.count<string>("sent_at").as("sent")])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    messages: rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) })),
    total: Number(count.n),
    unsent: Number(count.n) - Number(count.sent),
    page,
    pageSize: OUTBOX_PAGE_SIZE,
  };
}
