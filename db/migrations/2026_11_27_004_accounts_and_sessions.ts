import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("password_hash", "text").addColumn("password_changed_at", "timestamptz").execute();

  // The organisation profile every form is pre-filled from.
  await db.schema
    .alterTable("organisations")
    .addColumn("representative_title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("representative_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_code", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_person", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  // The cookie holds a random token; the database keeps only its keyed hash.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ip_address", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("ip_address", "text", (c) => c.notNull())
    .addColumn("succeeded", "boolean", (c) => c.notNull())
    .addColumn("attempted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sign_in_attempts_email_idx").on("sign_in_attempts").columns(["email", "attempted_at"]).execute();
  await db.schema.createIndex("sign_in_attempts_ip_idx").on("sign_in_attempts").columns(["ip_address", "attempted_at"]).execute();

  await db.schema
    .createTable("password_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  // What a mail sender would drain: there is no mail server, so messages wait here.
  await db.schema
    .createTable("outbound_messages")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();

  // Form input that arrived after its session had expired, kept until its author signs in again.
  await db.schema
    .createTable("stashed_form_inputs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("fields", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  // The organisation whose record an event concerns, so each organisation can read its own trail.
  await db.schema
    .alterTable("audit_events")
    .addColumn("subject_organisation_id", "bigint", (c) => c.references("organisations.id"))
    .execute();
  await db.schema.createIndex("audit_events_subject_organisation_idx").on("audit_events").column("subject_organisation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").dropColumn("subject_organisation_id").execute();
  for (const table of ["stashed_form_inputs", "outbound_messages", "password_tokens", "sign_in_attempts", "sessions"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable("organisations")
    .dropColumn("representative_title")
    .dropColumn("representative_name")
    .dropColumn("postal_code")
    .dropColumn("address")
    .dropColumn("contact_person")
    .dropColumn("contact_phone")
    .dropColumn("contact_email")
    .execute();
  await db.schema.alterTable("users").dropColumn("password_hash").dropColumn("password_changed_at").execute();
}
