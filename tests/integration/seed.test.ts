import { sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { PREFECTURES } from "../../app/domain/prefectures";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import type { Database } from "../../db/schema";
import { createTestDatabase, ENGINES } from "./support/test-database";

const SEEDED_TABLES = [
  "organisations",
  "users",
  "fiscal_years",
  "programme_parameters",
  "audit_events",
  "model_project_years",
  "model_project_participants",
] as const;

async function snapshot(db: Kysely<Database>) {
  const tables: Record<string, unknown[]> = {};
  for (const table of SEEDED_TABLES) {
    const { rows } = await sql`select * from ${sql.table(table)} order by 1, 2`.execute(db);
    tables[table] = rows;
  }
  return tables;
}

describe.each(ENGINES)("%s: seed", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  it("changes nothing when run a second time", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: true });
    const first = await snapshot(database.db);

    await seed(database.db, { demo: true });

    expect(first.organisations!.length).toBeGreaterThan(47);
    expect(first.model_project_participants).toHaveLength(9);
    expect(await snapshot(database.db)).toEqual(first);
  });

  it("seeds a finished 令和7年度 grant of 富山県 whose payments add up to its confirmed amount", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: true });

    const application = await database.db
      .selectFrom("applications")
      .innerJoin("organisations", "organisations.id", "applications.organisation_id")
      .select(["applications.id", "applications.state"])
      .where("organisations.name", "=", "富山県")
      .where("applications.fiscal_year", "=", 2025)
      .executeTakeFirstOrThrow();
    const records = await database.db
      .selectFrom("application_proceedings")
      .select(["kind", "amount", "record"])
      .where("application_id", "=", application.id)
      .orderBy("id")
      .execute();

    expect(application.state).toBe("closed");
    expect(records.map((r) => r.kind)).toEqual(["decision", "payment_claim", "payment", "performance_report", "confirmation", "settlement_claim", "payment"]);
    const confirmed = records.find((r) => r.kind === "confirmation")!.amount;
    const paid = records.filter((r) => r.kind === "payment").reduce((sum, r) => sum + r.amount, 0);
    expect(paid).toBe(confirmed);
    // Actual spending 6,620,000 of a decided 6,800,000 budget: the confirmed grant is half, 3,310,000.
    expect(confirmed).toBe(3_310_000);
  });

  it("creates the 47 prefectures with their JIS X 0401 codes", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const prefectures = await database.db
      .selectFrom("organisations")
      .select(["prefecture_code", "name"])
      .where("kind", "=", "prefecture")
      .orderBy("prefecture_code")
      .execute();

    expect(prefectures).toHaveLength(47);
    expect(prefectures[0]).toEqual({ prefecture_code: "01", name: "北海道" });
    expect(prefectures.find((p) => p.prefecture_code === "16")?.name).toBe("富山県");
    expect(prefectures[46]).toEqual({ prefecture_code: "47", name: "沖縄県" });
    expect(prefectures.map((p) => [p.prefecture_code, p.name])).toEqual(PREFECTURES.map(([c, n]) => [c, n]));
  });

  it("stores the grant figures of docs/domain.md §2 for 令和6年度 to 令和8年度", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const rows = await database.db
      .selectFrom("programme_parameters")
      .select(["fiscal_year", "programme", "rate_numerator", "rate_denominator", "base_amount", "ceiling", "programme_budget"])
      .orderBy("fiscal_year")
      .orderBy("programme", "desc")
      .execute();

    const perYear = (year: number) => [
      {
        fiscal_year: year,
        programme: "prefectural",
        rate_numerator: 1,
        rate_denominator: 2,
        base_amount: 8_000_000,
        ceiling: 4_000_000,
        programme_budget: 70_000_000,
      },
      {
        fiscal_year: year,
        programme: "intermediary",
        rate_numerator: 2,
        rate_denominator: 3,
        base_amount: 9_000_000,
        ceiling: 6_000_000,
        programme_budget: 60_000_000,
      },
    ];
    expect(rows).toEqual([...perYear(2024), ...perYear(2025), ...perYear(2026)]);
  });

  it("does not overwrite parameters an administrator has changed", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    await database.db
      .updateTable("programme_parameters")
      .set({ programme_budget: 80_000_000 })
      .where("fiscal_year", "=", 2026)
      .where("programme", "=", "prefectural")
      .execute();

    await seed(database.db, { demo: false });

    const { programme_budget } = await database.db
      .selectFrom("programme_parameters")
      .select("programme_budget")
      .where("fiscal_year", "=", 2026)
      .where("programme", "=", "prefectural")
      .executeTakeFirstOrThrow();
    expect(programme_budget).toBe(80_000_000);
  });

  it("leaves demo organisations out unless asked for", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const kinds = await database.db.selectFrom("organisations").select("kind").distinct().orderBy("kind").execute();
    expect(kinds.map((k) => k.kind)).toEqual(["cabinet_office", "prefecture"]);
  });
});
