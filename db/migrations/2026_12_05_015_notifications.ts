import { sql, type Kysely } from "kysely";

/**
 * Notifications and mail (docs/domain.md §9, decision 015):
 *
 * - `notifications`: one row per person told of a change, written in the transaction of the change; the
 *   header counts a person's unread ones through a partial index, the list pages through the other.
 * - `outbound_messages` becomes a real outbox: the sender claims due rows (`next_attempt_at`, which is also
 *   the lease of a claimed row), counts its attempts, keeps the last error, and marks the row sent, or
 *   failed once it gives up.
 * - `reminders_sent`: one row per reminder sent (its key), so that the daily job tells each one once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text", (c) => c.notNull().check(sql`link like '/%'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "id desc"]).execute();
  await db.schema.createIndex("notifications_unread_idx").on("notifications").column("user_id").where(sql.ref("read_at"), "is", null).execute();

  await db.schema
    .alterTable("outbound_messages")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_attempt_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("failed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("outbound_messages_due_idx").on("outbound_messages").column("next_attempt_at").where(sql.ref("sent_at"), "is", null).execute();

  await db.schema
    .createTable("reminders_sent")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("sent_on", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminders_sent").execute();
  await db.schema.dropIndex("outbound_messages_due_idx").execute();
  await db.schema
    .alterTable("outbound_messages")
    .dropColumn("attempts")
    .dropColumn("next_attempt_at")
    .dropColumn("last_attempt_at")
    .dropColumn("last_error")
    .dropColumn("failed_at")
    .execute();
  await db.schema.dropTable("notifications").execute();
}
