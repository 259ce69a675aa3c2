import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../db/database";
import { createTestDatabase, ENGINES } from "./support/test-database";

describe.each(ENGINES)("%s: money columns", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  it("round-trips 10,000,000,000 yen exactly as a number", async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await db.insertInto("fiscal_years").values({ year: 2030 }).execute();
    await db
      .insertInto("programme_parameters")
      .values({
        fiscal_year: 2030,
        programme: "prefectural",
        rate_numerator: 1,
        rate_denominator: 2,
        base_amount: 20_000_000_000,
        ceiling: 10_000_000_000,
        programme_budget: 10_000_000_001,
        eligible_categories: ["travel", "rent"],
        asset_restriction_threshold: 500_000,
        outsourcing_warning_percent: 50,
      })
      .execute();

    const row = await db
      .selectFrom("programme_parameters")
      .select(["base_amount", "ceiling", "programme_budget", "eligible_categories"])
      .where("fiscal_year", "=", 2030)
      .executeTakeFirstOrThrow();

    expect(row).toEqual({
      base_amount: 20_000_000_000,
      ceiling: 10_000_000_000,
      programme_budget: 10_000_000_001,
      eligible_categories: ["travel", "rent"],
    });
    expect(typeof row.ceiling).toBe("number");
  });

  it("reads a date column as the same YYYY-MM-DD text on both engines", async () => {
    database = await createTestDatabase(engine);
    const { rows } = await sql<{ d: string }>`select date '2027-03-31' as d`.execute(database.db);
    expect(rows[0]!.d).toBe("2027-03-31");
  });

  it("refuses to read a bigint JavaScript cannot hold exactly, rather than rounding it", async () => {
    database = await createTestDatabase(engine);
    await expect(sql`select 9007199254740993::bigint as too_big`.execute(database.db)).rejects.toThrow(/outside the safe integer range/);
  });
});
