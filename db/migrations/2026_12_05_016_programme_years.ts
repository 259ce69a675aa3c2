import { sql, type Kysely } from "kysely";

/**
 * Programme years (docs/decisions/016-programme-years.md):
 * - the application window becomes two instants (a call closes at 17:00 JST, not only at the end of a day);
 *   existing dates are carried over as 00:00 JST on the first day and the last millisecond of the last day;
 * - the 20% change rule and the 実績報告 due rule join the parameters of each programme-year;
 * - the documents' settings per fiscal year (signatory, 公印省略, 様式 numbers, 交付要綱 articles, 文書番号 prefix);
 * - deadline extensions for one organisation in one programme-year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("programme_parameters")
    .addColumn("application_opens_at", "timestamptz")
    .addColumn("application_closes_at", "timestamptz")
    .addColumn("change_threshold_percent", "integer", (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`change_threshold_percent between 1 and 100`),
    )
    .addColumn("report_due_days", "integer", (c) => c.check(sql`report_due_days between 1 and 365`))
    .addColumn("report_latest_month_day", "text", (c) =>
      c
        .notNull()
        .defaultTo("04-10")
        .check(sql`report_latest_month_day ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`),
    )
    .execute();
  // Dates were days in Japan: from 00:00 JST on the first to the last instant of the last (JST is UTC+9, no DST).
  await sql`update programme_parameters set
      application_opens_at = (application_opens_on::timestamp - interval '9 hours') at time zone 'UTC',
      application_closes_at = ((application_closes_on + 1)::timestamp - interval '9 hours' - interval '1 millisecond') at time zone 'UTC'
    where application_opens_on is not null and application_closes_on is not null`.execute(db);
  await db.schema.alterTable("programme_parameters").dropColumn("application_opens_on").dropColumn("application_closes_on").execute();
  await db.schema
    .alterTable("programme_parameters")
    .addCheckConstraint(
      "programme_parameters_window_order",
      sql`(application_opens_at is null) = (application_closes_at is null) and (application_opens_at is null or application_opens_at < application_closes_at)`,
    )
    .execute();

  await db.schema
    .createTable("fiscal_year_document_settings")
    .addColumn("fiscal_year", "integer", (c) => c.primaryKey().references("fiscal_years.year"))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("updated_by", "bigint", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("deadline_extensions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().check(sql`char_length(reason) between 1 and 1000`))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("deadline_extensions_programme_year", ["fiscal_year", "programme"], "programme_parameters", ["fiscal_year", "programme"])
    .addUniqueConstraint("deadline_extensions_one_per_organisation", ["organisation_id", "fiscal_year", "programme"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("deadline_extensions").execute();
  await db.schema.dropTable("fiscal_year_document_settings").execute();
  await db.schema.alterTable("programme_parameters").dropConstraint("programme_parameters_window_order").execute();
  await db.schema.alterTable("programme_parameters").addColumn("application_opens_on", "date").addColumn("application_closes_on", "date").execute();
  await sql`update programme_parameters set
      application_opens_on = (application_opens_at at time zone 'UTC' + interval '9 hours')::date,
      application_closes_on = (application_closes_at at time zone 'UTC' + interval '9 hours')::date
    where application_opens_at is not null`.execute(db);
  await db.schema
    .alterTable("programme_parameters")
    .dropColumn("application_opens_at")
    .dropColumn("application_closes_at")
    .dropColumn("change_threshold_percent")
    .dropColumn("report_due_days")
    .dropColumn("report_latest_month_day")
    .execute();
}
