import { sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../db/database";
import { migrations } from "../../db/migrations";
import { LATEST_MIGRATION, latestAppliedMigration, migrateDown, migrateToLatest } from "../../db/migrator";
import type { Database } from "../../db/schema";
import { createTestDatabase, ENGINES } from "./support/test-database";

async function tablesIn(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_migration%'
    order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

describe.each(ENGINES)("%s: migrations", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  it("brings an empty database to the latest migration with every table", async () => {
    database = await createTestDatabase(engine, { migrate: false });
    expect(await tablesIn(database.db)).toEqual([]);

    const applied = await migrateToLatest(database.db);

    expect(applied).toEqual(Object.keys(migrations));
    expect(await latestAppliedMigration(database.db)).toBe(LATEST_MIGRATION);
    expect(await tablesIn(database.db)).toEqual([
      "application_assignments",
      "application_attachments",
      "application_comments",
      "application_proceedings",
      "application_review_checks",
      "application_review_notes",
      "application_summaries",
      "application_versions",
      "applications",
      "audit_events",
      "call_criteria",
      "call_reviewers",
      "calls",
      "contract_records",
      "contracts",
      "deadline_extensions",
      "fiscal_year_document_settings",
      "fiscal_years",
      "model_project_participants",
      "model_project_years",
      "notifications",
      "organisations",
      "outbound_messages",
      "password_help_requests",
      "password_tokens",
      "programme_parameters",
      "proposal_comments",
      "proposal_reviews",
      "proposal_scores",
      "proposal_selections",
      "proposal_versions",
      "proposals",
      "reminders_sent",
      "request_counters",
      "sessions",
      "sign_in_attempts",
      "sign_in_counters",
      "stashed_form_inputs",
      "users",
    ]);
  });

  it("lists the migrations in the order their names sort, which is the order Kysely runs them (numbers may skip)", () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names.map((n) => n.slice(11, 14))).size).toBe(names.length);
  });

  it("runs nothing the second time", async () => {
    database = await createTestDatabase(engine);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it("undoes every migration one by one back to an empty database, then applies them all again", async () => {
    database = await createTestDatabase(engine);
    const names = Object.keys(migrations);

    for (let i = names.length - 1; i >= 0; i--) {
      expect(await migrateDown(database.db)).toEqual([names[i]]);
      expect(await latestAppliedMigration(database.db)).toBe(names[i - 1] ?? null);
    }
    expect(await tablesIn(database.db)).toEqual([]);

    expect(await migrateToLatest(database.db)).toEqual(names);
  });

  it("refuses programme parameters whose ceiling is not the base amount times the rate", async () => {
    database = await createTestDatabase(engine);
    await database.db.insertInto("fiscal_years").values({ year: 2027 }).execute();
    const row = {
      fiscal_year: 2027,
      programme: "intermediary" as const,
      rate_numerator: 2,
      rate_denominator: 3,
      base_amount: 9_000_000,
      programme_budget: 60_000_000,
      eligible_categories: ["travel"],
      asset_restriction_threshold: 500_000,
      outsourcing_warning_percent: 50,
    };

    await expect(
      database.db
        .insertInto("programme_parameters")
        .values({ ...row, ceiling: 6_000_001 })
        .execute(),
    ).rejects.toThrow(/programme_parameters_ceiling_is_base_times_rate/);
    await database.db
      .insertInto("programme_parameters")
      .values({ ...row, ceiling: 6_000_000 })
      .execute();
  });

  it("keeps audit events append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    const { id } = await db
      .insertInto("audit_events")
      .values({ action: "test.recorded", details: JSON.stringify({ note: "first" }) })
      .returning("id")
      .executeTakeFirstOrThrow();

    await expect(db.updateTable("audit_events").set({ action: "test.rewritten" }).where("id", "=", id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").where("id", "=", id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);

    const kept = await db.selectFrom("audit_events").select(["action", "details"]).execute();
    expect(kept).toEqual([{ action: "test.recorded", details: { note: "first" } }]);
  });
});
