import { sql, type Kysely } from "kysely";

/**
 * Everything after submission — decisions, change requests, advance-payment claims, performance reports,
 * confirmations, return orders and payments — as one append-only list per application. Each row holds the
 * whole record its official document is printed from (app/domain/proceedings.ts), frozen like a submitted
 * version. See docs/decisions/005-proceedings-as-frozen-records.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("application_proceedings")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('decision', 'rejection', 'change_request', 'change_approval', 'change_refusal', 'withdrawal', 'payment_claim', 'performance_report', 'confirmation', 'repayment_order', 'payment')`,
        ),
    )
    // The Cabinet Office's notices are numbered 府孤第N号 per fiscal year of issue (not of the grant: a 2026
    // grant is confirmed in 2027); two notices of one year never share a number.
    .addColumn("notice_fiscal_year", "integer")
    .addColumn("notice_serial", "integer", (c) => c.check(sql`notice_serial > 0`))
    // The record's own amount (decided, claimed, confirmed, ordered back or paid), for sums in queries.
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("record", "jsonb", (c) => c.notNull())
    .addColumn("recorded_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("application_proceedings_notice_number", ["notice_fiscal_year", "notice_serial"])
    .addCheckConstraint("application_proceedings_notice_complete", sql`(notice_fiscal_year is null) = (notice_serial is null)`)
    .execute();
  await db.schema.createIndex("application_proceedings_application_idx").on("application_proceedings").columns(["application_id", "id"]).execute();
  await sql`
    create function application_proceedings_are_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'application_proceedings is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger application_proceedings_frozen
    before update or delete on application_proceedings
    for each row execute function application_proceedings_are_frozen()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_proceedings").execute();
  await sql`drop function application_proceedings_are_frozen()`.execute(db);
}
