/**
 * Notifications (docs/domain.md §9): who is told of a change, in the change's own transaction, in the app
 * and by mail (the outbox, drained by the mail sender); and a person's own list, read and marked read.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { NOTIFICATIONS_PAGE_SIZE, type NoticeText } from "~/domain/notifications";
import { isRecordId } from "~/utils/route-params.server";

interface Recipient {
  id: number;
  email: string;
}

/** Tells each person in the app and by mail. Call it with the transaction that makes the change. */
export async function notify(db: Kysely<Database>, recipients: readonly Recipient[], notice: NoticeText, now = new Date()): Promise<void> {
  if (recipients.length === 0) return;
  await db
    .insertInto("notifications")
    .values(recipients.map((r) => ({ user_id: r.id, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link, created_at: now })))
    .execute();
  await db
    .insertInto("outbound_messages")
    .values(recipients.map((r) => ({ recipient: r.email, subject: notice.title, body: notice.body, created_at: now, next_attempt_at: now })))
    .execute();
}

/** The enabled accounts of an organisation. */
export function organisationMembers(db: Kysely<Database>, organisationId: number): Promise<Recipient[]> {
  return db.selectFrom("users").select(["id", "email"]).where("organisation_id", "=", organisationId).where("disabled_at", "is", null).orderBy("id").execute();
}

/** Who hears of an applicant's step: the reviewer in charge of the application, or every reviewer when nobody is. */
export async function applicationReviewers(db: Kysely<Database>, applicationId: number): Promise<Recipient[]> {
  const assigned = await db
    .selectFrom("application_assignments")
    .innerJoin("users", "users.id", "application_assignments.reviewer_id")
    .select(["users.id", "users.email"])
    .where("application_assignments.application_id", "=", applicationId)
    .where("users.disabled_at", "is", null)
    .execute();
  if (assigned.length > 0) return assigned;
  return db.selectFrom("users").select(["id", "email"]).where("role", "=", "reviewer").where("disabled_at", "is", null).orderBy("id").execute();
}

/** The enabled reviewers assigned to a model-project call. */
export function callReviewers(db: Kysely<Database>, callId: number): Promise<Recipient[]> {
  return db
    .selectFrom("call_reviewers")
    .innerJoin("users", "users.id", "call_reviewers.reviewer_id")
    .select(["users.id", "users.email"])
    .where("call_reviewers.call_id", "=", callId)
    .where("users.disabled_at", "is", null)
    .orderBy("users.id")
    .execute();
}

/** A page of the person's notifications, newest first, with how many there are. */
export async function listNotifications(db: Kysely<Database>, userId: number, page = 1) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("notifications")
      .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
      .where("user_id", "=", userId)
      .orderBy("id", "desc")
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    notifications: rows.map((r) => ({ ...r, id: Number(r.id) })),
    total: Number(count.n),
    page,
    pageSize: NOTIFICATIONS_PAGE_SIZE,
  };
}

/** Marks one of the person's notifications read and answers where it leads; null if it is not theirs. */
export async function openNotification(db: Kysely<Database>, userId: number, id: number, now = new Date()): Promise<string | null> {
  if (!isRecordId(id)) return null;
  const row = await db
    .updateTable("notifications")
    .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(now)) }))
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning("link")
    .executeTakeFirst();
  return row?.link ?? null;
}

/** Marks every unread notification of the person read; answers how many. */
export async function markAllRead(db: Kysely<Database>, userId: number, now = new Date()): Promise<number> {
  const result = await db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
