import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("actor_organisation_id", "bigint", (c) => c.references("organisations.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("record_type", "text")
    .addColumn("record_id", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("ip_address", "text")
    .execute();

  await db.schema.createIndex("audit_events_record_idx").on("audit_events").columns(["record_type", "record_id"]).execute();
  await db.schema.createIndex("audit_events_occurred_at_idx").on("audit_events").column("occurred_at").execute();

  // Append-only, enforced by the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks.
  await sql`
    create function audit_events_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_no_update_or_delete
    before update or delete on audit_events
    for each row execute function audit_events_are_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_are_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  await sql`drop function audit_events_are_append_only()`.execute(db);
}
