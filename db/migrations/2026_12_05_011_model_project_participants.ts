import { sql, type Kysely } from "kysely";

/**
 * The published results of the local-platform model projects (地方版孤独・孤立対策官民連携プラットフォーム推進
 * 事業), shared as open data (docs/decisions/011-model-project-open-data.md): each fiscal year's published
 * totals by group, and, for the years whose participants were published one by one, the participants with
 * their summaries. Number 010 is left to another change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("model_project_years")
    // Gregorian: 2023 = 令和5年度.
    .addColumn("fiscal_year", "integer", (c) => c.primaryKey().check(sql`fiscal_year between 2019 and 2100`))
    .addColumn("prefecture_or_designated_city_count", "integer", (c) => c.notNull().check(sql`prefecture_or_designated_city_count >= 0`))
    .addColumn("municipality_count", "integer", (c) => c.notNull().check(sql`municipality_count >= 0`))
    .execute();

  await db.schema
    .createTable("model_project_participants")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("fiscal_year", "integer", (c) => c.notNull().references("model_project_years.fiscal_year"))
    .addColumn("group", "text", (c) => c.notNull().check(sql`"group" in ('prefecture_or_designated_city', 'municipality')`))
    // JIS X 0401: the prefecture the body is in (its own code for a prefecture).
    .addColumn("prefecture_code", "text", (c) => c.notNull().check(sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    // ふりがな as published; none is published for prefectures and designated cities.
    .addColumn("reading", "text", (c) => c.check(sql`char_length(reading) between 1 and 100`))
    // 2回目: taking part for the second year running.
    .addColumn("second_year", "boolean", (c) => c.notNull().defaultTo(false))
    // ○ これまでの取組 (現状) and ● 今後の取組.
    .addColumn("current_summary", "text", (c) => c.notNull().check(sql`char_length(current_summary) between 1 and 2000`))
    .addColumn("plan_summary", "text", (c) => c.notNull().check(sql`char_length(plan_summary) between 1 and 2000`))
    // The bodies it works with, where the summary names them (鳥取市's partner towns).
    .addColumn("partners_note", "text", (c) => c.check(sql`char_length(partners_note) between 1 and 2000`))
    // The published order within the year.
    .addColumn("sort_order", "integer", (c) => c.notNull().check(sql`sort_order > 0`))
    .addUniqueConstraint("model_project_participants_year_name_key", ["fiscal_year", "name"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("model_project_participants").execute();
  await db.schema.dropTable("model_project_years").execute();
}
