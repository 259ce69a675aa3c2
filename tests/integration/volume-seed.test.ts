import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkApplication } from "../../app/domain/application-draft";
import { ledgerOf } from "../../app/domain/ledger";
import type { ProceedingRecord } from "../../app/domain/proceedings";
import { readSnapshot, submittedVersionOf } from "../../app/domain/submitted-version";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { seedVolume } from "../../db/seed/volume";
import { createTestDatabase, ENGINES } from "./support/test-database";

const NOW = new Date("2026-12-05T03:00:00Z");

describe.each(ENGINES)("%s: volume data for the inbox (npm run seed:volume)", (engine) => {
  let database: AppDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterEach(() => database.close());

  it("adds applications taken through their lifecycle by the app's own rules, consistent with the ledger and the budget", async () => {
    const result = await seedVolume(database.db, { applications: 120, now: NOW });
    expect(result.applications).toBe(120);
    expect(Object.keys(result.byState).length).toBeGreaterThanOrEqual(5);
    const db = database.db;

    const applications = await db.selectFrom("applications").select(["id", "state", "programme", "fiscal_year", "latest_version"]).execute();
    expect(applications).toHaveLength(120);
    expect(applications.every((a) => a.state !== "draft" && a.latest_version >= 1)).toBe(true);
    expect(new Set(applications.map((a) => a.fiscal_year))).toEqual(new Set([2024, 2025, 2026]));

    // Every version is a snapshot the pages can read, whose draft passes the rules with the amount it records.
    const versions = await db.selectFrom("application_versions").select(["snapshot", "submitted_at", "requested_amount"]).execute();
    for (const v of versions) {
      const snapshot = readSnapshot(v.snapshot);
      const check = checkApplication(snapshot.programme, snapshot.fiscalYear, snapshot.draft, [snapshot.parameters], { forSubmission: true });
      expect(check.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(check.requestedAmount).toBe(v.requested_amount);
      expect(snapshot.acknowledgedWarnings).toEqual(check.findings.filter((f) => f.severity === "warning"));
      expect(submittedVersionOf(v.snapshot, v.submitted_at).input.lines.length).toBeGreaterThanOrEqual(8);
    }

    // The summaries the inbox reads agree with each application's records, and no programme-year is over budget.
    const summaries = await db.selectFrom("application_summaries").selectAll().execute();
    expect(summaries).toHaveLength(120);
    const committed = new Map<string, number>();
    for (const s of summaries) {
      const records: ProceedingRecord[] = (
        await db.selectFrom("application_proceedings").select("record").where("application_id", "=", s.application_id).orderBy("id").execute()
      ).map((r) => r.record);
      const ledger = ledgerOf(records);
      expect([s.decided_amount ?? 0, s.claimed_amount, s.paid_amount, s.returned_amount, s.confirmed_amount]).toEqual([
        ledger.decidedAmount,
        ledger.claimed,
        ledger.paid,
        ledger.returned,
        ledger.confirmedAmount,
      ]);
      expect(ledger.paid - ledger.returned).toBeLessThanOrEqual(ledger.confirmedAmount ?? ledger.decidedAmount);
      if (s.state === "closed") expect(ledger.paid - ledger.returned).toBe(ledger.confirmedAmount ?? 0);
      const key = `${s.fiscal_year}:${s.programme}`;
      committed.set(key, (committed.get(key) ?? 0) + (ledger.confirmedAmount ?? ledger.decidedAmount));
    }
    const budgets = await db.selectFrom("programme_parameters").select(["fiscal_year", "programme", "programme_budget"]).execute();
    for (const b of budgets) expect(committed.get(`${b.fiscal_year}:${b.programme}`) ?? 0).toBeLessThanOrEqual(b.programme_budget);

    // Organisations across the prefectures, most applications assigned, and each step in the audit trail.
    const located = await db.selectFrom("organisations").select("location_prefecture_code").where("contact_email", "like", "%@volume.example").execute();
    expect(new Set(located.map((o) => o.location_prefecture_code)).size).toBeGreaterThan(10);
    expect(result.assigned).toBeGreaterThan(40);
    const actions = new Set((await db.selectFrom("audit_events").select("action").where("record_type", "=", "application").execute()).map((a) => a.action));
    for (const action of ["application.created", "application.submitted", "application.review_started", "application.assigned", "application.decided"]) {
      expect(actions).toContain(action);
    }
  });

  it("adds more each time it runs, with new organisations", async () => {
    await seedVolume(database.db, { applications: 30, now: NOW });
    const second = await seedVolume(database.db, { applications: 30, now: NOW });
    expect(second.applications).toBe(30);
    const { n } = await database.db
      .selectFrom("applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(60);
  });
});
