import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, loader, MAX_SIMULATION_BODY_BYTES, SIMULATIONS_PER_MINUTE } from "../../app/routes/api.v1.simulations";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createTestDatabase, ENGINES } from "./support/test-database";

const WORKED_EXAMPLE = {
  program: "intermediary",
  fiscalYear: 2026,
  areaPrefectures: ["13", "14"],
  otherIncome: 500_000,
  lines: [
    { category: "travel", amount: 7_000_000 },
    { category: "ineligible", amount: 200_000, description: "懇親会" },
  ],
};

let ipCounter = 0;
/** A fresh client address per call, so tests do not share a rate-limit window unless they mean to. */
const freshIp = () => `198.51.100.${++ipCounter}`;

describe.each(ENGINES)("%s: POST /api/v1/simulations", (engine) => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterAll(() => database.close());

  const post = (body: BodyInit, { ip = freshIp(), type = "application/json" } = {}) =>
    action({
      request: new Request("http://localhost/api/v1/simulations", {
        method: "POST",
        headers: { "content-type": type },
        body,
      }),
      context: { db: database.db, engine, clientIp: ip },
      params: {},
    } as ActionFunctionArgs);

  it("answers the calculation for the worked example of docs/domain.md §3", async () => {
    const response = await post(JSON.stringify(WORKED_EXAMPLE));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      totalProjectCost: 7_200_000,
      otherIncome: 500_000,
      eligibleExpenses: 7_000_000,
      baseAmount: 9_000_000,
      selectedAmount: 6_700_000,
      rate: { numerator: 2, denominator: 3 },
      ceiling: 6_000_000,
      grantAmount: 4_466_000,
      applicantShare: 2_534_000,
      findings: [],
    });
  });

  it("uses the parameters stored for the year, so an administrator's change takes effect", async () => {
    await database.db.insertInto("fiscal_years").values({ year: 2027 }).execute();
    await database.db
      .insertInto("programme_parameters")
      .values({
        fiscal_year: 2027,
        programme: "intermediary",
        rate_numerator: 1,
        rate_denominator: 2,
        base_amount: 10_000_000,
        ceiling: 5_000_000,
        programme_budget: 60_000_000,
        eligible_categories: ["travel"],
        asset_restriction_threshold: 500_000,
        outsourcing_warning_percent: 50,
      })
      .execute();

    const body = await (await post(JSON.stringify({ ...WORKED_EXAMPLE, fiscalYear: 2027 }))).json();

    expect(body).toMatchObject({ baseAmount: 10_000_000, rate: { numerator: 1, denominator: 2 }, grantAmount: 3_350_000 });
  });

  it("reports input that does not fit as findings at their fields, with status 200", async () => {
    const response = await post(JSON.stringify({ ...WORKED_EXAMPLE, program: "menu9", otherIncome: "500,000" }));

    expect(response.status).toBe(200);
    const body = (await response.json()) as { findings: { code: string; path: string; severity: string }[] };
    expect(body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "program", severity: "error" }),
        expect.objectContaining({ path: "otherIncome", severity: "error" }),
      ]),
    );
  });

  it("answers 400 with a JSON error for a body that is not JSON", async () => {
    const response = await post("{program:");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid-json", message: expect.stringMatching(/JSON/) });
  });

  it("answers 415 when the body is not declared as JSON", async () => {
    const response = await post(JSON.stringify(WORKED_EXAMPLE), { type: "text/plain" });
    expect(response.status).toBe(415);
  });

  it("answers 413 for a body over 1 MB, even without a Content-Length", async () => {
    const padding = "x".repeat(MAX_SIMULATION_BODY_BYTES);
    const response = await post(JSON.stringify({ ...WORKED_EXAMPLE, padding }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "payload-too-large" });
  });

  it("answers 429 with Retry-After once one address goes over the limit, and still serves others", async () => {
    const ip = freshIp();
    const body = JSON.stringify(WORKED_EXAMPLE);
    for (let i = 0; i < SIMULATIONS_PER_MINUTE; i++) expect((await post(body, { ip })).status).toBe(200);

    const refused = await post(body, { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "too-many-requests" });
    expect((await post(body)).status).toBe(200);
  });

  it("refuses GET with 405", async () => {
    const response = loader();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
