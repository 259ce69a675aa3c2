import { sql, type Kysely } from "kysely";

/**
 * Scored selection of proposals (docs/domain.md §6): the reviewers assigned to a call; per proposal and
 * reviewer a declared conflict of interest, or one score from 1 to 5 per criterion with a comment, all
 * submitted together and then frozen; and the selection (採択) or non-selection with its reason and, when
 * selected, the contract amount agreed. A proposal gains the states `selected` and `not_selected`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("call_reviewers")
    .addColumn("call_id", "bigint", (c) => c.notNull().references("calls.id"))
    .addColumn("reviewer_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("call_reviewers_pkey", ["call_id", "reviewer_id"])
    .execute();
  await db.schema.createIndex("call_reviewers_reviewer_idx").on("call_reviewers").column("reviewer_id").execute();

  // One row per proposal and reviewer once they have either declared a conflict or submitted their scores.
  await db.schema
    .createTable("proposal_reviews")
    .addColumn("proposal_id", "bigint", (c) => c.notNull().references("proposals.id"))
    .addColumn("reviewer_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("conflict", "boolean", (c) => c.notNull())
    // The conflict's reason, or the reviewer's overall comment on the proposal.
    .addColumn("comment", "text", (c) => c.notNull().check(sql`char_length(comment) <= 2000`))
    // The submitted version the scores are about.
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("proposal_reviews_pkey", ["proposal_id", "reviewer_id"])
    .addCheckConstraint("proposal_reviews_conflict_has_reason", sql`not conflict or char_length(comment) > 0`)
    .execute();

  await db.schema
    .createTable("proposal_scores")
    .addColumn("proposal_id", "bigint", (c) => c.notNull())
    .addColumn("reviewer_id", "bigint", (c) => c.notNull())
    // The criterion's position in its call.
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position between 1 and 20`))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn("comment", "text", (c) => c.notNull().check(sql`char_length(comment) <= 1000`))
    .addPrimaryKeyConstraint("proposal_scores_pkey", ["proposal_id", "reviewer_id", "position"])
    .addForeignKeyConstraint("proposal_scores_review_fkey", ["proposal_id", "reviewer_id"], "proposal_reviews", ["proposal_id", "reviewer_id"])
    .execute();

  // Submitted reviews and their scores are frozen: what was scored is what the ranking was made from.
  await sql`
    create function proposal_reviews_are_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  for (const table of ["proposal_reviews", "proposal_scores"]) {
    await sql`create trigger ${sql.raw(`${table}_frozen`)} before update or delete on ${sql.table(table)} for each row execute function proposal_reviews_are_frozen()`.execute(
      db,
    );
  }

  await db.schema
    .createTable("proposal_selections")
    .addColumn("proposal_id", "bigint", (c) => c.primaryKey().references("proposals.id"))
    .addColumn("call_id", "bigint", (c) => c.notNull().references("calls.id"))
    .addColumn("selected", "boolean", (c) => c.notNull())
    .addColumn("contract_amount", "bigint")
    .addColumn("reason", "text", (c) => c.notNull().check(sql`char_length(reason) between 1 and 2000`))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("decided_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("decided_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("proposal_selections_amount_iff_selected", sql`selected = (contract_amount is not null and contract_amount > 0)`)
    .execute();
  await db.schema.createIndex("proposal_selections_call_idx").on("proposal_selections").column("call_id").execute();

  await sql`alter table proposals drop constraint proposals_state_check`.execute(db);
  await sql`alter table proposals add constraint proposals_state_check check (state in ('draft', 'submitted', 'returned', 'selected', 'not_selected'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table proposals drop constraint proposals_state_check`.execute(db);
  await sql`alter table proposals add constraint proposals_state_check check (state in ('draft', 'submitted', 'returned'))`.execute(db);
  await db.schema.dropTable("proposal_selections").execute();
  await db.schema.dropTable("proposal_scores").execute();
  await db.schema.dropTable("proposal_reviews").execute();
  await sql`drop function proposal_reviews_are_frozen()`.execute(db);
  await db.schema.dropTable("call_reviewers").execute();
}
