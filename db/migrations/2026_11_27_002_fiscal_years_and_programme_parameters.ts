import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("fiscal_years")
    .addColumn("year", "integer", (c) => c.primaryKey().check(sql`year between 2019 and 2100`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("programme_parameters")
    .addColumn("fiscal_year", "integer", (c) => c.notNull().references("fiscal_years.year"))
    .addColumn("programme", "text", (c) => c.notNull().check(sql`programme in ('prefectural', 'intermediary')`))
    .addColumn("rate_numerator", "integer", (c) => c.notNull().check(sql`rate_numerator > 0`))
    .addColumn("rate_denominator", "integer", (c) => c.notNull())
    .addColumn("base_amount", "bigint", (c) => c.notNull().check(sql`base_amount >= 0`))
    .addColumn("ceiling", "bigint", (c) => c.notNull())
    .addColumn("programme_budget", "bigint", (c) => c.notNull().check(sql`programme_budget >= 0`))
    .addColumn("eligible_categories", sql`text[]`, (c) => c.notNull())
    .addColumn("asset_restriction_threshold", "bigint", (c) => c.notNull().check(sql`asset_restriction_threshold > 0`))
    .addColumn("outsourcing_warning_percent", "integer", (c) => c.notNull().check(sql`outsourcing_warning_percent between 0 and 100`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("programme_parameters_pkey", ["fiscal_year", "programme"])
    .addCheckConstraint("programme_parameters_rate_is_a_fraction", sql`rate_denominator >= rate_numerator`)
    // 交付上限額 = 交付基準額 × 交付率, exactly: a parameter set where it does not hold is refused.
    .addCheckConstraint("programme_parameters_ceiling_is_base_times_rate", sql`ceiling * rate_denominator = base_amount * rate_numerator`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("programme_parameters").execute();
  await db.schema.dropTable("fiscal_years").execute();
}
