import { sql, type Kysely } from "kysely";

/**
 * Contracts (委託契約) of selected proposals (docs/domain.md §6): one per proposal, at the amount agreed at
 * selection (integer yen, paid in full), with its period and deliverables; and its records — agreement,
 * mid-term report, final report, acceptance (検収), payment — appended in order and then frozen, as the
 * grant's proceedings are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("contracts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("proposal_id", "bigint", (c) => c.notNull().unique().references("proposal_selections.proposal_id"))
    .addColumn("call_id", "bigint", (c) => c.notNull().references("calls.id"))
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("period_from", "date", (c) => c.notNull())
    .addColumn("period_to", "date", (c) => c.notNull())
    .addColumn("deliverables", "text", (c) => c.notNull().check(sql`char_length(deliverables) between 1 and 2000`))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`state in ('active', 'final_reported', 'accepted', 'closed')`),
    )
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("contracts_period_order", sql`period_from <= period_to`)
    .execute();
  await db.schema.createIndex("contracts_organisation_idx").on("contracts").column("organisation_id").execute();

  await db.schema
    .createTable("contract_records")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("contract_id", "bigint", (c) => c.notNull().references("contracts.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('agreed', 'progress_report', 'final_report', 'acceptance', 'payment')`))
    .addColumn("body", "jsonb", (c) => c.notNull())
    .addColumn("amount", "bigint")
    .addColumn("recorded_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("contract_records_contract_idx").on("contract_records").columns(["contract_id", "id"]).execute();
  await sql`
    create function contract_records_are_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'contract_records is frozen: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger contract_records_frozen before update or delete on contract_records for each row execute function contract_records_are_frozen()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("contract_records").execute();
  await sql`drop function contract_records_are_frozen()`.execute(db);
  await db.schema.dropTable("contracts").execute();
}
