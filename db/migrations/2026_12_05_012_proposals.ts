import { sql, type Kysely } from "kysely";

/**
 * Proposals (企画提案) to a call of the model projects (docs/domain.md §6): one per organisation and call,
 * its draft kept as typed and saved by revision like an application's (decision 012), each submission
 * frozen as a numbered version with its total in integer yen, and a reviewer's comment when it is returned.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proposals")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("call_id", "bigint", (c) => c.notNull().references("calls.id"))
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    // Later states (selected, not selected) come with selection.
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`state in ('draft', 'submitted', 'returned')`),
    )
    // What the proposer typed, exactly as typed (text, incomplete allowed), so nothing is ever lost.
    .addColumn("draft", "jsonb", (c) => c.notNull())
    // Raised by every save: a save based on an older revision is a conflict, never a silent overwrite.
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("latest_version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`latest_version >= 0`),
    )
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("updated_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("proposals_one_per_call_and_organisation", ["call_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("proposals_organisation_idx").on("proposals").column("organisation_id").execute();

  // A submitted version is frozen: the form as submitted, the call's ceiling then, and the total asked for.
  await db.schema
    .createTable("proposal_versions")
    .addColumn("proposal_id", "bigint", (c) => c.notNull().references("proposals.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("total_amount", "bigint", (c) => c.notNull().check(sql`total_amount >= 0`))
    .addColumn("submitted_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("proposal_versions_pkey", ["proposal_id", "version"])
    .execute();
  await sql`
    create function proposal_versions_are_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'proposal_versions is frozen: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger proposal_versions_frozen
    before update or delete on proposal_versions
    for each row execute function proposal_versions_are_frozen()`.execute(db);

  // A reviewer's comment on the version returned, shown to the proposer until it is resubmitted.
  await db.schema
    .createTable("proposal_comments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("proposal_id", "bigint", (c) => c.notNull().references("proposals.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) between 1 and 4000`))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("proposal_comments_version_fkey", ["proposal_id", "version"], "proposal_versions", ["proposal_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("proposal_comments").execute();
  await db.schema.dropTable("proposal_versions").execute();
  await sql`drop function proposal_versions_are_frozen()`.execute(db);
  await db.schema.dropTable("proposals").execute();
}
