import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APPLICATION_STATES } from "../../app/domain/application-states";
import { ledgerOf } from "../../app/domain/ledger";
import { commitmentAfter, latestOf, type ProceedingRecord } from "../../app/domain/proceedings";
import type { StepAction, StepInputs } from "../../app/domain/steps";
import { reviewApplication, saveDraft, submitApplication } from "../../app/models/applications.server";
import { changeAssignment } from "../../app/models/assignments.server";
import { WAITING_ON_REVIEWER } from "../../app/models/inbox.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import type { AppDatabase } from "../../db/database";
import { migrateDown, migrateToLatest } from "../../db/migrator";
import { seed } from "../../db/seed";
import { completeMenu1, DURING_CALL, submittedApplication, type TestUser, withAmounts } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

const IP = "192.0.2.20";
const at = (iso: string) => new Date(`${iso}T10:00:00+09:00`);
const PAYEE = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通", accountNumber: "1234567", accountHolder: "トヤマケン" } as const;

/**
 * The inbox reads a summary of each application kept by the database itself (migration 008). After every
 * kind of step it must say what the application's own rows say: its state and latest version, and the
 * ledger as ledgerOf sums the records.
 */
describe.each(ENGINES)("%s: the summary the inbox reads", (engine) => {
  let database: AppDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterEach(() => database.close());

  const summaryOf = (id: number) => database.db.selectFrom("application_summaries").selectAll().where("application_id", "=", id).executeTakeFirstOrThrow();

  /** The summary agrees with the application, its assignment and ledgerOf(its records). */
  async function expectSummaryToMatch(id: number) {
    const summary = await summaryOf(id);
    const application = await database.db
      .selectFrom("applications")
      .select(["state", "latest_version", "organisation_id", "programme", "fiscal_year"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const assignment = await database.db.selectFrom("application_assignments").select("reviewer_id").where("application_id", "=", id).executeTakeFirst();
    const records: ProceedingRecord[] = (
      await database.db.selectFrom("application_proceedings").select("record").where("application_id", "=", id).orderBy("id").execute()
    ).map((r) => r.record);
    const latestVersion = await database.db
      .selectFrom("application_versions")
      .select("grant_amount")
      .where("application_id", "=", id)
      .where("version", "=", application.latest_version)
      .executeTakeFirstOrThrow();
    const ledger = ledgerOf(records);
    const report = latestOf(records, "performance_report");
    const organisation = await database.db
      .selectFrom("organisations")
      .select("location_prefecture_code")
      .where("id", "=", application.organisation_id)
      .executeTakeFirstOrThrow();
    expect(summary).toMatchObject({
      ...application,
      reviewer_id: assignment?.reviewer_id ?? null,
      prefecture_code: organisation.location_prefecture_code,
      waiting_rank: WAITING_ON_REVIEWER.includes(application.state) ? 0 : 1,
    });
    expect({
      decidedAmount: summary.decided_amount ?? 0,
      claimed: summary.claimed_amount,
      paid: summary.paid_amount,
      returned: summary.returned_amount,
      confirmedAmount: summary.confirmed_amount,
    }).toEqual(ledger);
    expect([summary.reported_on, summary.report_due_on]).toEqual([report?.documentDate ?? null, report?.dueOn ?? null]);
    // What the budget overview sums: the computed grant, the commitment each record leaves, the kinds so far.
    expect({ grant: summary.grant_amount, committed: summary.committed_amount, kinds: summary.kinds }).toEqual({
      grant: latestVersion.grant_amount,
      committed: records.flatMap((r) => commitmentAfter(r) ?? []).at(-1) ?? 0,
      kinds: [...new Set(records.map((r) => r.kind))],
    });
    return summary;
  }

  it("follows every kind of step of a grant, from submission and return to its closing", async () => {
    const app = await submittedApplication(database.db);
    const step = async <A extends StepAction>(who: TestUser, action: A, input: StepInputs[A], day: string) => {
      expect(await takeProceedingStep(database.db, who.viewer, IP, app.id, action, input, at(day))).toMatchObject({ status: "done" });
      return expectSummaryToMatch(app.id);
    };

    const first = await expectSummaryToMatch(app.id);
    expect(first).toMatchObject({ state: "under_review", latest_version: 1, decided_amount: null, requested_amount: 1_850_000 });
    expect(first.waiting_since).toEqual(DURING_CALL);

    // Returned, corrected and submitted again: version 2, waiting again from its submission.
    expect(
      await reviewApplication(database.db, app.reviewer.viewer, IP, app.id, "return", [{ path: "purpose", body: "具体的に" }], at("2026-11-28")),
    ).toMatchObject({
      status: "done",
    });
    expect(await expectSummaryToMatch(app.id)).toMatchObject({ state: "returned" });
    const draft = { ...completeMenu1(), purpose: "具体的に書き直した目的。" };
    const current = await database.db.selectFrom("applications").select("revision").where("id", "=", app.id).executeTakeFirstOrThrow();
    const saved = await saveDraft(database.db, app.officer.viewer, IP, app.id, { revision: current.revision, draft }, at("2026-11-30"));
    if (saved.status !== "done") throw new Error(saved.status);
    expect(
      await submitApplication(database.db, app.officer.viewer, IP, app.id, { revision: saved.revision, acknowledgeWarnings: true }, at("2026-12-01")),
    ).toMatchObject({ status: "done" });
    const resubmitted = await expectSummaryToMatch(app.id);
    expect(resubmitted).toMatchObject({ state: "submitted", latest_version: 2, first_submitted_at: DURING_CALL, latest_submitted_at: at("2026-12-01") });
    expect(resubmitted.waiting_since).toEqual(at("2026-12-01"));
    // The Menu 1 fixture's 委託費 is above half of C: one warning, acknowledged.
    expect(resubmitted.acknowledged_warnings).toBe(1);
    await reviewApplication(database.db, app.reviewer.viewer, IP, app.id, "start_review", [], at("2026-12-02"));

    expect(await step(app.reviewer, "decide", { decidedAmount: 1_850_000, conditions: "" }, "2026-12-10")).toMatchObject({ decided_amount: 1_850_000 });
    await step(app.officer, "claim_payment", { claimAmount: 1_800_000, ...PAYEE }, "2027-01-10");
    await step(app.reviewer, "record_payment", { direction: "paid", amount: 1_800_000, paidOn: "2027-01-15", note: "" }, "2027-01-15");
    const changing = await step(app.officer, "request_change", { lines: withAmounts([200_000, 2_000_000, 1_700_000]), reason: "居場所を増やす" }, "2027-01-20");
    expect(changing).toMatchObject({ state: "change_requested" });
    expect(changing.waiting_since).toEqual(at("2027-01-20"));
    expect(await step(app.reviewer, "approve_change", { decidedAmount: 1_950_000, comment: "" }, "2027-01-25")).toMatchObject({
      decided_amount: 1_950_000,
    });
    await step(app.officer, "request_change", { lines: withAmounts([200_000, 2_000_000, 1_900_000]), reason: "さらに増やす" }, "2027-02-01");
    expect(await step(app.reviewer, "refuse_change", { reason: "必要性が認められない" }, "2027-02-05")).toMatchObject({ decided_amount: 1_950_000 });
    const reported = await step(
      app.officer,
      "report",
      { actual: [183_500, 1_700_000, 1_500_000], otherIncomeActual: 100_000, completedOn: "2027-03-31", summary: "実施した" },
      "2027-04-05",
    );
    expect(reported).toMatchObject({ state: "reported", reported_on: "2027-04-05", report_due_on: "2027-04-10" });
    expect(await step(app.reviewer, "confirm", {}, "2027-04-20")).toMatchObject({ confirmed_amount: 1_641_000 });
    await step(app.reviewer, "order_repayment", { dueOn: "2027-05-31" }, "2027-04-25");
    expect(await step(app.reviewer, "record_payment", { direction: "returned", amount: 159_000, paidOn: "2027-05-10", note: "" }, "2027-05-10")).toMatchObject({
      paid_amount: 1_800_000,
      returned_amount: 159_000,
    });
    expect(await step(app.reviewer, "close", {}, "2027-05-15")).toMatchObject({ state: "closed" });
  });

  it("follows a rejection, a withdrawal and the assignment", async () => {
    const rejected = await submittedApplication(database.db);
    await takeProceedingStep(database.db, rejected.reviewer.viewer, IP, rejected.id, "reject", { reason: "対象外" }, at("2026-12-10"));
    expect(await expectSummaryToMatch(rejected.id)).toMatchObject({ state: "rejected", decided_amount: null });

    const withdrawn = await submittedApplication(database.db);
    const viewer = withdrawn.reviewer.viewer;
    expect(await changeAssignment(database.db, viewer, IP, withdrawn.id, { intent: "take", current: null })).toMatchObject({ status: "done" });
    expect(await expectSummaryToMatch(withdrawn.id)).toMatchObject({ reviewer_id: viewer.userId });
    await takeProceedingStep(database.db, viewer, IP, withdrawn.id, "decide", { decidedAmount: 1_000_000, conditions: "" }, at("2026-12-10"));
    await takeProceedingStep(database.db, withdrawn.officer.viewer, IP, withdrawn.id, "withdraw", { reason: "中止" }, at("2026-12-20"));
    expect((await expectSummaryToMatch(withdrawn.id)).waiting_since).toEqual(at("2026-12-20"));
    await takeProceedingStep(database.db, viewer, IP, withdrawn.id, "close", {}, at("2026-12-21"));
    expect(await changeAssignment(database.db, viewer, IP, withdrawn.id, { intent: "release", current: viewer.userId })).toMatchObject({ status: "done" });
    expect(await expectSummaryToMatch(withdrawn.id)).toMatchObject({ state: "closed", reviewer_id: null, decided_amount: 1_000_000 });
  });

  it("follows the organisation's prefecture when its address or prefecture changes", async () => {
    const app = await submittedApplication(database.db);
    const { organisation_id } = await summaryOf(app.id);
    const prefectureOf = async () => (await summaryOf(app.id)).prefecture_code;
    const before = await prefectureOf();
    expect(before).toMatch(/^[0-9]{2}$/);
    await database.db
      .updateTable("organisations")
      .set({ kind: "intermediary", prefecture_code: null, address: "東京都千代田区永田町1-6-1" })
      .where("id", "=", organisation_id)
      .execute();
    expect(await prefectureOf()).toBe("13");
    await database.db.updateTable("organisations").set({ address: "大阪府大阪市中央区大手前2-1-22" }).where("id", "=", organisation_id).execute();
    expect(await prefectureOf()).toBe("27");
    await database.db.updateTable("organisations").set({ address: "住所不明" }).where("id", "=", organisation_id).execute();
    expect(await prefectureOf()).toBeNull();
    await expectSummaryToMatch(app.id);
  });

  it("ranks as waiting on the reviewer exactly the states the inbox counts days for", async () => {
    const app = await submittedApplication(database.db);
    for (const state of APPLICATION_STATES.filter((s) => s !== "draft")) {
      await database.db.updateTable("applications").set({ state }).where("id", "=", app.id).execute();
      expect({ state, rank: (await summaryOf(app.id)).waiting_rank }).toEqual({ state, rank: WAITING_ON_REVIEWER.includes(state) ? 0 : 1 });
    }
  });

  it("is rebuilt the same from the versions and records when the migration runs on a database that has them", async () => {
    const app = await submittedApplication(database.db);
    await takeProceedingStep(database.db, app.reviewer.viewer, IP, app.id, "decide", { decidedAmount: 1_850_000, conditions: "" }, at("2026-12-10"));
    await takeProceedingStep(database.db, app.officer.viewer, IP, app.id, "claim_payment", { claimAmount: 900_000, ...PAYEE }, at("2027-01-10"));
    await takeProceedingStep(
      database.db,
      app.reviewer.viewer,
      IP,
      app.id,
      "record_payment",
      { direction: "paid", amount: 900_000, paidOn: "2027-01-15", note: "" },
      at("2027-01-15"),
    );
    await takeProceedingStep(
      database.db,
      app.officer.viewer,
      IP,
      app.id,
      "report",
      { actual: [200_000, 2_000_000, 1_500_000], otherIncomeActual: 0, completedOn: "2027-02-10", summary: "実施した" },
      at("2027-03-20"),
    );
    const kept = await summaryOf(app.id);
    expect(kept).toMatchObject({ reported_on: "2027-03-20", report_due_on: "2027-03-10" });

    // Undo this migration (and any later one), then run them again.
    let undone: string[] = [];
    while (!undone.includes("2026_12_05_008_application_assignments")) undone = await migrateDown(database.db);
    await migrateToLatest(database.db);
    expect(await summaryOf(app.id)).toEqual(kept);
    await expectSummaryToMatch(app.id);
  });
});
