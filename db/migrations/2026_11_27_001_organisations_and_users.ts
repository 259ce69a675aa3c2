import { sql, type Kysely } from "kysely";

// Migrations are frozen in time: they use Kysely<any> and never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('prefecture', 'intermediary', 'municipality', 'npo', 'cabinet_office')`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(trim(name)) > 0`))
    .addColumn("corporate_number", "text", (c) => c.check(sql`corporate_number ~ '^[0-9]{13}$'`))
    .addColumn("prefecture_code", "text", (c) => c.unique().check(sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("organisations_prefecture_code_iff_prefecture", sql`(kind = 'prefecture') = (prefecture_code is not null)`)
    .addUniqueConstraint("organisations_kind_name_key", ["kind", "name"])
    .execute();

  await db.schema
    .createIndex("organisations_corporate_number_key")
    .on("organisations")
    .column("corporate_number")
    .unique()
    .where(sql.ref("corporate_number"), "is not", null)
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email) and email like '%_@_%'`))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('prefecture_officer', 'intermediary_officer', 'proposer_officer', 'reviewer', 'administrator')`),
    )
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("users_email_key", ["email"])
    .execute();

  await db.schema.createIndex("users_organisation_id_idx").on("users").column("organisation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("users").execute();
  await db.schema.dropTable("organisations").execute();
}
