import { sql, type Kysely } from "kysely";

/**
 * The reviewer's own records on an application (docs/decisions/009-review-workspace.md): internal notes
 * (審査メモ), which only reviewers ever read, and the review checklist's ticks, each with who ticked or
 * unticked it, when, and on which submitted version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("application_review_notes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    // The submitted version the reviewer was looking at.
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) between 1 and 4000`))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("application_review_notes_application_idx").on("application_review_notes").columns(["application_id", "id"]).execute();

  await db.schema
    .createTable("application_review_checks")
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    // An item of the programme's checklist (app/domain/review.ts).
    .addColumn("item", "text", (c) => c.notNull().check(sql`char_length(item) between 1 and 100`))
    .addColumn("checked", "boolean", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("updated_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("application_review_checks_pkey", ["application_id", "item"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_review_checks").execute();
  await db.schema.dropTable("application_review_notes").execute();
}
