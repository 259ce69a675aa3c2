import { sql, type Kysely } from "kysely";

/**
 * Requests for help with a forgotten password, made from the sign-in page without signing in
 * (docs/domain.md §1): the address typed, the account it belongs to if any (never told to the requester),
 * when and from where; and when an administrator dealt with it (by issuing a new link, or closing it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_help_requests")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) => c.notNull().check(sql`char_length(email) between 1 and 254`))
    .addColumn("user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("ip_address", "text")
    .addColumn("requested_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "bigint", (c) => c.references("users.id"))
    .addCheckConstraint("password_help_requests_resolved_together", sql`(resolved_at is null) = (resolved_by is null)`)
    .execute();
  // The administrator's list of open requests, and the requester's recent ones (for the rate limit).
  await db.schema
    .createIndex("password_help_requests_open_idx")
    .on("password_help_requests")
    .column("requested_at")
    .where(sql.ref("resolved_at"), "is", null)
    .execute();
  await db.schema.createIndex("password_help_requests_ip_idx").on("password_help_requests").columns(["ip_address", "requested_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_help_requests").execute();
}
