import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The window in which a programme-year takes applications: the closing day ends at 23:59:59 JST.
  await db.schema.alterTable("programme_parameters").addColumn("application_opens_on", "date").addColumn("application_closes_on", "date").execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    .addColumn("programme", "text", (c) => c.notNull().check(sql`programme in ('prefectural', 'intermediary')`))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("draft"))
    // What the applicant typed, exactly as typed (text, incomplete allowed), so nothing is ever lost.
    .addColumn("draft", "jsonb", (c) => c.notNull())
    // Raised by every save: a save based on an older revision is a conflict, never a silent overwrite.
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("latest_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("updated_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("applications_programme_year_fkey", ["fiscal_year", "programme"], "programme_parameters", ["fiscal_year", "programme"])
    .addUniqueConstraint("applications_one_per_organisation_programme_year", ["organisation_id", "programme", "fiscal_year"])
    .execute();

  // A submitted version is frozen: form, budget, calculation, attachments' hashes and the parameters used.
  await db.schema
    .createTable("application_versions")
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("grant_amount", "bigint", (c) => c.notNull())
    .addColumn("requested_amount", "bigint", (c) => c.notNull())
    .addColumn("submitted_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("application_versions_pkey", ["application_id", "version"])
    .execute();
  await sql`
    create function application_versions_are_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'application_versions is frozen: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger application_versions_frozen
    before update or delete on application_versions
    for each row execute function application_versions_are_frozen()`.execute(db);

  await db.schema
    .createTable("application_attachments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    .addColumn("document_type", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn("sha256", "text", (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("application_attachments_application_idx").on("application_attachments").column("application_id").execute();

  // A reviewer's comment on a field of a submitted version, shown beside that field when it is returned.
  await db.schema
    .createTable("application_comments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("applications.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_comments").execute();
  await db.schema.dropTable("application_attachments").execute();
  await db.schema.dropTable("application_versions").execute();
  await sql`drop function application_versions_are_frozen()`.execute(db);
  await db.schema.dropTable("applications").execute();
  await db.schema.alterTable("programme_parameters").dropColumn("application_opens_on").dropColumn("application_closes_on").execute();
}
