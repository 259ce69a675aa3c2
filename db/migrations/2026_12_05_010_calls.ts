import { sql, type Kysely } from "kysely";

/**
 * Calls for proposals (公募) of the local-platform model projects (docs/domain.md §6): what is sought, from
 * whom, in which window (instants, entered and shown in Japan time), the ceiling per project and the total
 * budget in integer yen, and the criteria proposals are scored on, each with its weight.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calls")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('model-platform', 'model-npo')`))
    .addColumn("fiscal_year", "integer", (c) => c.notNull().check(sql`fiscal_year between 2000 and 2100`))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn("description", "text", (c) => c.notNull().check(sql`char_length(description) <= 4000`))
    .addColumn("eligibility", "text", (c) => c.notNull().check(sql`char_length(eligibility) <= 1000`))
    .addColumn("opens_at", "timestamptz", (c) => c.notNull())
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("ceiling_per_project", "bigint", (c) => c.notNull().check(sql`ceiling_per_project > 0`))
    .addColumn("total_budget", "bigint", (c) => c.notNull().check(sql`total_budget > 0`))
    .addColumn("projects_sought", "integer", (c) => c.notNull().check(sql`projects_sought between 1 and 1000`))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("calls_window_order", sql`opens_at < closes_at`)
    .addCheckConstraint("calls_ceiling_within_budget", sql`ceiling_per_project <= total_budget`)
    .execute();
  await db.schema.createIndex("calls_closes_at_idx").on("calls").columns(["closes_at", "opens_at"]).execute();

  await db.schema
    .createTable("call_criteria")
    .addColumn("call_id", "bigint", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position between 1 and 20`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn("weight", "integer", (c) => c.notNull().check(sql`weight between 1 and 100`))
    .addPrimaryKeyConstraint("call_criteria_pkey", ["call_id", "position"])
    .addUniqueConstraint("call_criteria_call_name_key", ["call_id", "name"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("call_criteria").execute();
  await db.schema.dropTable("calls").execute();
}
