import { sql, type Transaction } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApplicationState } from "../../app/domain/application-states";
import type { ProceedingRecord } from "../../app/domain/proceedings";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { repaymentStanding } from "../../app/domain/subsidy-charges";
import { availableSteps } from "../../app/domain/application-lifecycle";
import { stepSchema, type StepAction as ProceedingAction, type StepInputs as ProceedingInputs } from "../../app/domain/steps";
import { formValues, readForm } from "../../app/forms/read-form";
import { budgetStanding, proceedingsSummary, listProceedings, takeProceedingStep } from "../../app/models/proceedings.server";
import { programmeParametersRow } from "../../app/models/programme-parameters.server";
import type { AppDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { completeMenu1, MENU1_LINES, submittedApplication, type SubmittedApplication, type TestUser, withAmounts } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

const IP = "192.0.2.10";

/** The submitted budget, line by line, in yen. */
const LINES = MENU1_LINES.map((l) => l.amount);

const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

/**
 * Menu 1 of 2026 worked by hand (every line of the fixture is an eligible category, so C = A):
 * E = min(C, A − B, D = 8,000,000); grant = E × 1/2, rounded down to the thousand yen.
 */
function menu1Grant(amounts: readonly number[], otherIncome = 0): number {
  const total = sum(amounts);
  const selected = Math.max(0, Math.min(total, total - otherIncome, 8_000_000));
  return Math.floor(selected / 2 / 1000) * 1000;
}

/** 200,000 + 2,000,000 + 1,500,000 = 3,700,000 → 1,850,000. */
const REQUESTED = menu1Grant(LINES);

/** Spending below the budget: 183,500 + 1,700,000 + 1,500,000 = 3,383,500, less 100,000 of other income. */
const ACTUAL = [183_500, 1_700_000, 1_500_000];
const OTHER_INCOME_ACTUAL = 100_000;
/** 3,283,500 / 2 = 1,641,750 → 1,641,000. */
const ACTUAL_GRANT = menu1Grant(ACTUAL, OTHER_INCOME_ACTUAL);

const yen = (amount: number) => `${amount.toLocaleString("ja-JP")}円`;

/** The moments of a year's proceedings, each with its date in Japan. */
const AT = {
  /** 00:30 on 2026-12-11 in Japan, still 2026-12-10 in UTC. */
  decide: new Date("2026-12-10T15:30:00Z"),
  change: new Date("2027-01-14T01:00:00Z"),
  changeDecision: new Date("2027-01-21T01:00:00Z"),
  claim: new Date("2027-01-25T01:00:00Z"),
  pay: new Date("2027-02-01T01:00:00Z"),
  report: new Date("2027-04-05T01:00:00Z"),
  confirm: new Date("2027-04-20T01:00:00Z"),
  settle: new Date("2027-05-10T01:00:00Z"),
};
const DECIDED_ON = "2026-12-11";

const PAYEE = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通", accountNumber: "1234567", accountHolder: "トヤマケン" } as const;

type DecideInput = ProceedingInputs["decide"];
type PaymentClaimInput = ProceedingInputs["claim_payment"];
type ReportInput = ProceedingInputs["report"];
type PaymentInput = ProceedingInputs["record_payment"];

const decideInput = (decidedAmount: number, conditions = "交付要綱に従い事業を行うこと。"): DecideInput => ({ decidedAmount, conditions });
const claimInput = (claimAmount: number): PaymentClaimInput => ({ claimAmount, ...PAYEE });
const reportInput = (actual: number[], otherIncomeActual = 0, completedOn = "2027-03-31"): ReportInput => ({
  actual,
  otherIncomeActual,
  completedOn,
  summary: "計画どおり実施した。",
});
const paymentInput = (amount: number, paidOn: string, direction: PaymentInput["direction"] = "paid"): PaymentInput => ({ direction, amount, paidOn, note: "" });

describe.each(ENGINES)("%s: proceedings after submission", (engine) => {
  let database: AppDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterEach(() => database.close());

  const step = <A extends ProceedingAction>(user: TestUser, id: number, action: A, input: ProceedingInputs[A], now: Date) =>
    takeProceedingStep(database.db, user.viewer, IP, id, action, input, now);

  const rows = (id: number) => database.db.selectFrom("application_proceedings").selectAll().where("application_id", "=", id).orderBy("id").execute();
  const records = async (id: number): Promise<ProceedingRecord[]> => (await rows(id)).map((r) => r.record);
  const stateOf = async (id: number): Promise<ApplicationState> =>
    (await database.db.selectFrom("applications").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;
  const audit = (id: number) =>
    database.db.selectFrom("audit_events").selectAll().where("record_type", "=", "application").where("record_id", "=", String(id)).orderBy("id").execute();
  /** The audit actions after the review started, in order. */
  const proceedingActions = async (id: number) => {
    const before = ["application.created", "application.draft_saved", "application.attachment_added", "application.submitted", "application.review_started"];
    return (await audit(id)).map((a) => a.action).filter((a) => !before.includes(a));
  };
  const setBudget = (programmeBudget: number) =>
    database.db
      .updateTable("programme_parameters")
      .set({ programme_budget: programmeBudget })
      .where("fiscal_year", "=", 2026)
      .where("programme", "=", "prefectural")
      .execute();

  /**
   * Starts `start`'s steps while another transaction holds `lock`, and lets go once two sessions queue
   * behind it (or after five seconds), so the steps really run at the same time.
   */
  const raceBehindLock = async <T>(lock: (trx: Transaction<Database>) => Promise<unknown>, start: () => Promise<T>[]) => {
    let racing!: Promise<PromiseSettledResult<T>[]>;
    await database.db.transaction().execute(async (trx) => {
      await lock(trx);
      racing = Promise.allSettled(start());
      for (let i = 0; i < 50; i += 1) {
        // Statistics views keep one snapshot per transaction unless it is cleared.
        await sql`select pg_stat_clear_snapshot()`.execute(trx);
        const { rows: waiting } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(trx);
        if ((waiting[0]?.n ?? 0) >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    return racing;
  };

  /** An application under review, decided at `amount`. */
  const decided = async (amount = REQUESTED, reviewer?: TestUser): Promise<SubmittedApplication> => {
    const app = await submittedApplication(database.db, { reviewer });
    expect(await step(app.reviewer, app.id, "decide", decideInput(amount), AT.decide)).toMatchObject({ status: "done", to: "decided" });
    return app;
  };

  /** An advance payment as it happens: the grantee claims it, the reviewer pays that claim (dated 2027-02-01). */
  const payAdvance = async (app: SubmittedApplication, amount: number, at = AT.pay, paidOn = "2027-02-01") => {
    expect(await step(app.officer, app.id, "claim_payment", claimInput(amount), at)).toMatchObject({ status: "done" });
    expect(await step(app.reviewer, app.id, "record_payment", paymentInput(amount, paidOn), at)).toMatchObject({ status: "done" });
  };

  /** Decided, its spending reported lower than the budget, and confirmed. */
  const confirmedAfterPaying = async (advance: number) => {
    const app = await decided();
    if (advance > 0) await payAdvance(app, advance);
    expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done", to: "reported" });
    expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done", to: "confirmed" });
    return app;
  };

  describe("the decision", () => {
    it("records 府孤第1号 dated the day in Japan with the decided amount and conditions, moves to decided and audits it", async () => {
      const app = await submittedApplication(database.db);
      const amount = REQUESTED - 50_000;

      const outcome = await step(app.reviewer, app.id, "decide", decideInput(amount, "四半期ごとに進捗を報告すること。"), AT.decide);

      expect(outcome).toEqual({ status: "done", proceedingId: expect.any(Number), to: "decided" });
      const organisation = await database.db.selectFrom("organisations").select("name").where("id", "=", app.officer.organisationId).executeTakeFirstOrThrow();
      const stored = await rows(app.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        id: outcome.status === "done" ? outcome.proceedingId : -1,
        kind: "decision",
        notice_fiscal_year: 2026,
        notice_serial: 1,
        amount,
        recorded_by: app.reviewer.id,
        recorded_at: AT.decide,
      });
      expect(stored[0]!.record).toMatchObject({
        kind: "decision",
        applicationId: app.id,
        programme: "prefectural",
        fiscalYear: 2026,
        documentNumber: "府孤第1号",
        documentDate: DECIDED_ON,
        version: 1,
        applicationDate: "2026-11-27",
        requestedAmount: REQUESTED,
        decidedAmount: amount,
        conditions: "四半期ごとに進捗を報告すること。",
        calculation: { totalProjectCost: sum(LINES), grantAmount: REQUESTED },
        applicant: { name: organisation.name },
        recordedBy: { userId: app.reviewer.id, name: app.reviewer.viewer.displayName },
      });
      expect(await stateOf(app.id)).toBe("decided");

      const event = (await audit(app.id)).at(-1);
      expect(event).toMatchObject({
        action: "application.decided",
        actor_user_id: app.reviewer.id,
        actor_organisation_id: app.reviewer.organisationId,
        subject_organisation_id: app.officer.organisationId,
        ip_address: IP,
        details: { from: "under_review", to: "decided", proceedingId: stored[0]!.id, kind: "decision", amount },
      });

      const listed = await listProceedings(database.db, app.id);
      expect(listed.map((p) => [p.kind, p.amount, p.recorded_by_name])).toEqual([["decision", amount, app.reviewer.viewer.displayName]]);
    });

    it("refuses a decided amount above the amount applied for, at decidedAmount, and writes nothing", async () => {
      const app = await submittedApplication(database.db);

      const outcome = await step(app.reviewer, app.id, "decide", decideInput(REQUESTED + 1), AT.decide);

      expect(outcome).toEqual({ status: "invalid", errors: { decidedAmount: `交付決定額は交付申請額${yen(REQUESTED)}以下にしてください。` } });
      expect(await rows(app.id)).toEqual([]);
      expect(await stateOf(app.id)).toBe("under_review");
      expect(await proceedingActions(app.id)).toEqual([]);
      // The full amount applied for is allowed.
      expect(await step(app.reviewer, app.id, "decide", decideInput(REQUESTED), AT.decide)).toMatchObject({ status: "done" });
    });

    it("numbers the year's notices one after another, across applications; an applicant's claim takes no number", async () => {
      const first = await decided();
      expect(await step(first.officer, first.id, "claim_payment", claimInput(100_000), AT.claim)).toMatchObject({ status: "done" });
      const second = await decided(REQUESTED, first.reviewer);
      const third = await submittedApplication(database.db, { reviewer: first.reviewer });
      expect(await step(third.reviewer, third.id, "reject", { reason: "事業計画が要件を満たさないため。" }, AT.decide)).toMatchObject({ status: "done" });

      expect((await records(first.id)).map((r) => [r.kind, r.documentNumber])).toEqual([
        ["decision", "府孤第1号"],
        ["payment_claim", ""],
      ]);
      expect((await rows(first.id)).map((r) => r.notice_serial)).toEqual([1, null]);
      expect((await records(second.id)).map((r) => r.documentNumber)).toEqual(["府孤第2号"]);
      expect((await records(third.id)).map((r) => r.documentNumber)).toEqual(["府孤第3号"]);
    });

    it("rejects with a reason, after which a decision is refused with a clear reason; an empty reason never reaches the service", async () => {
      const app = await submittedApplication(database.db);
      expect(await readForm(stepSchema("reject", { lineCount: 0, programme: "prefectural" }), formValues(new FormData()))).toEqual({
        ok: false,
        errors: { reason: "不交付の理由を入力してください。" },
      });

      const outcome = await step(app.reviewer, app.id, "reject", { reason: "対象経費の積算根拠が示されていないため。" }, AT.decide);

      expect(outcome).toEqual({ status: "done", proceedingId: expect.any(Number), to: "rejected" });
      expect(await stateOf(app.id)).toBe("rejected");
      expect(await records(app.id)).toEqual([
        expect.objectContaining({
          kind: "rejection",
          documentNumber: "府孤第1号",
          documentDate: DECIDED_ON,
          requestedAmount: REQUESTED,
          reason: "対象経費の積算根拠が示されていないため。",
        }),
      ]);
      expect((await audit(app.id)).at(-1)).toMatchObject({
        action: "application.rejected",
        subject_organisation_id: app.officer.organisationId,
        details: { from: "under_review", to: "rejected" },
      });

      const later = await step(app.reviewer, app.id, "decide", decideInput(REQUESTED), AT.change);
      expect(later).toEqual({ status: "refused", reason: "この申請は「不交付」で終了しています。これ以上の操作はできません。" });
      expect(await rows(app.id)).toHaveLength(1);
      expect(await stateOf(app.id)).toBe("rejected");
    });
  });

  describe("notice numbers", () => {
    const open2027Call = async () => {
      await database.db
        .insertInto("fiscal_years")
        .values({ year: 2027 })
        .onConflict((oc) => oc.column("year").doNothing())
        .execute();
      const parameters = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.fiscalYear === 2026 && p.programme === "prefectural")!;
      await database.db
        .insertInto("programme_parameters")
        .values({
          ...programmeParametersRow({ ...parameters, fiscalYear: 2027 }),
          application_opens_at: new Date("2027-04-01T00:00:00+09:00"),
          application_closes_at: new Date("2027-05-31T23:59:59.999+09:00"),
        })
        .execute();
    };

    it("never gives two notices issued in one fiscal year the same number, whichever year's grant they concern", async () => {
      // A 2026 grant confirmed on 2027-04-20, two 2027 grants decided on 2027-04-21: three notices of 令和9年度.
      const earlier = await confirmedAfterPaying(0);
      await open2027Call();
      const submittedAt = new Date("2027-04-10T01:00:00Z");
      for (let i = 0; i < 2; i += 1) {
        const app = await submittedApplication(database.db, { fiscalYear: 2027, at: submittedAt, reviewer: earlier.reviewer });
        expect(await step(app.reviewer, app.id, "decide", decideInput(REQUESTED), new Date("2027-04-21T01:00:00Z"))).toMatchObject({ status: "done" });
      }

      const all = (await database.db.selectFrom("application_proceedings").select("record").orderBy("id").execute()).map((r) => r.record);
      const issuedIn2027 = all.filter((r) => r.documentNumber !== "" && r.documentDate >= "2027-04-01" && r.documentDate <= "2028-03-31");
      expect(issuedIn2027.map((r) => r.kind)).toEqual(["confirmation", "decision", "decision"]);
      const numbers = issuedIn2027.map((r) => r.documentNumber);
      expect(new Set(numbers).size, numbers.join(", ")).toBe(numbers.length);
    });
  });

  describe("the programme budget", () => {
    it("refuses a decision that would take the year over the budget, naming what remains", async () => {
      const budget = 3_000_000;
      expect(REQUESTED * 2).toBeGreaterThan(budget);
      await setBudget(budget);
      const first = await decided();
      const second = await submittedApplication(database.db, { reviewer: first.reviewer });
      expect(second.officer.organisationId).not.toBe(first.officer.organisationId);
      const remaining = budget - REQUESTED;

      const over = await step(second.reviewer, second.id, "decide", decideInput(REQUESTED), AT.decide);

      expect(over.status).toBe("invalid");
      const message = over.status === "invalid" ? over.errors.decidedAmount : "";
      expect(message).toContain(`予算額${yen(budget)}を超えます`);
      expect(message).toContain(`残りは${yen(remaining)}です`);
      expect(await rows(second.id)).toEqual([]);
      expect(await stateOf(second.id)).toBe("under_review");

      // Exactly what remains fits.
      expect(await step(second.reviewer, second.id, "decide", decideInput(remaining), AT.decide)).toMatchObject({ status: "done" });
      const decidedTotal = sum(
        (await database.db.selectFrom("application_proceedings").select("amount").where("kind", "=", "decision").execute()).map((r) => r.amount),
      );
      expect(decidedTotal).toBe(budget);
    });

    it("approves a reduction (減額変更) even when the budget has since been cut below what is decided", async () => {
      const first = await decided();
      const after = [LINES[0]!, LINES[1]!, LINES[2]! - 400_000];
      // Cut below even the reduced amount: only an increase is held to the budget.
      await setBudget(Math.floor(menu1Grant(after) / 2));
      expect(
        await step(first.officer, first.id, "request_change", { lines: withAmounts(after), reason: "居場所の箇所数を減らすため。" }, AT.change),
      ).toMatchObject({
        status: "done",
      });
      const lower = menu1Grant(after);
      expect(lower).toBeLessThan(REQUESTED);
      expect(await step(first.reviewer, first.id, "approve_change", { decidedAmount: lower, comment: "" }, AT.changeDecision)).toMatchObject({
        status: "done",
        to: "decided",
      });
    });

    it("holds an approved change to the budget too, counting the other applications' current decisions", async () => {
      const budget = REQUESTED * 2;
      await setBudget(budget);
      const first = await decided();
      await decided(REQUESTED, first.reviewer);
      const after = [LINES[0]!, LINES[1]!, LINES[2]! + 600_000];
      expect(
        await step(first.officer, first.id, "request_change", { lines: withAmounts(after), reason: "居場所の箇所数を増やすため。" }, AT.change),
      ).toMatchObject({
        status: "done",
      });
      expect(menu1Grant(after)).toBeGreaterThan(REQUESTED);

      const over = await step(first.reviewer, first.id, "approve_change", { decidedAmount: REQUESTED + 1, comment: "" }, AT.changeDecision);

      expect(over.status).toBe("invalid");
      expect(over.status === "invalid" && over.errors.decidedAmount).toContain(`残りは${yen(budget - REQUESTED)}です`);
      expect(await stateOf(first.id)).toBe("change_requested");
      expect(await step(first.reviewer, first.id, "approve_change", { decidedAmount: REQUESTED, comment: "" }, AT.changeDecision)).toMatchObject({
        status: "done",
        to: "decided",
      });
    });

    // Two transactions at once need two connections: PostgreSQL only (PGlite has a single connection).
    if (engine === "postgres") {
      it("lets exactly one of two decisions taken at once through when together they exceed the budget", async () => {
        const budget = REQUESTED * 2 - 1;
        await setBudget(budget);
        const a = await submittedApplication(database.db);
        const b = await submittedApplication(database.db, { reviewer: a.reviewer });
        const otherReviewer = await createUser(database.db, "reviewer");

        // Both decisions read their application before either may check the budget.
        const settled = await raceBehindLock(
          (trx) =>
            trx
              .selectFrom("programme_parameters")
              .select("programme_budget")
              .where("fiscal_year", "=", 2026)
              .where("programme", "=", "prefectural")
              .forUpdate()
              .execute(),
          () => [step(a.reviewer, a.id, "decide", decideInput(REQUESTED), AT.decide), step(otherReviewer, b.id, "decide", decideInput(REQUESTED), AT.decide)],
        );

        const outcomes = settled.map((r) => (r.status === "fulfilled" ? r.value : { status: `threw: ${String(r.reason)}` }));
        expect(outcomes.map((o) => o.status).sort()).toEqual(["done", "invalid"]);
        const decisions = await database.db.selectFrom("application_proceedings").select(["amount", "notice_serial"]).where("kind", "=", "decision").execute();
        expect(decisions).toEqual([{ amount: REQUESTED, notice_serial: 1 }]);
        expect([await stateOf(a.id), await stateOf(b.id)].sort()).toEqual(["decided", "under_review"]);
      });

      it("takes one of two decisions of the same application at once and refuses the other", async () => {
        const app = await submittedApplication(database.db);
        const otherReviewer = await createUser(database.db, "reviewer");

        const settled = await raceBehindLock(
          (trx) => trx.selectFrom("applications").select("id").where("id", "=", app.id).forUpdate().execute(),
          () => [
            step(app.reviewer, app.id, "decide", decideInput(REQUESTED), AT.decide),
            step(otherReviewer, app.id, "decide", decideInput(REQUESTED - 1000), AT.decide),
          ],
        );

        const outcomes = settled.map((r) => (r.status === "fulfilled" ? r.value : { status: `threw: ${String(r.reason)}` }));
        expect(outcomes.map((o) => o.status).sort()).toEqual(["done", "refused"]);
        expect(await rows(app.id)).toHaveLength(1);
      });
    }
  });

  describe("who may take a step", () => {
    it("refuses the wrong role and answers other organisations and administrators as not found, writing nothing", async () => {
      const app = await submittedApplication(database.db);
      const stranger = await createUser(database.db, "prefecture_officer");
      const administrator = await createUser(database.db, "administrator");
      expect(stranger.organisationId).not.toBe(app.officer.organisationId);

      expect(await step(app.officer, app.id, "decide", decideInput(REQUESTED), AT.decide)).toEqual({
        status: "refused",
        reason: "この操作は審査担当者のみ行えます。",
      });
      expect(await step(stranger, app.id, "decide", decideInput(REQUESTED), AT.decide)).toEqual({ status: "not-found" });
      expect(await step(administrator, app.id, "decide", decideInput(REQUESTED), AT.decide)).toEqual({ status: "not-found" });
      expect(await step(administrator, app.id, "reject", { reason: "理由" }, AT.decide)).toEqual({ status: "not-found" });
      expect(await rows(app.id)).toEqual([]);
      expect(await stateOf(app.id)).toBe("under_review");
      expect(await proceedingActions(app.id)).toEqual([]);

      expect(await step(app.reviewer, app.id, "decide", decideInput(REQUESTED), AT.decide)).toMatchObject({ status: "done" });
      const change = { lines: withAmounts([LINES[0]!, LINES[1]! - 600_000, LINES[2]!]), reason: "委託先の見直し" };
      expect(await step(app.reviewer, app.id, "request_change", change, AT.change)).toEqual({
        status: "refused",
        reason: "この操作は申請者（都道府県または中間支援組織の担当者）のみ行えます。",
      });
      expect(await step(app.reviewer, app.id, "claim_payment", claimInput(1000), AT.claim)).toEqual({
        status: "refused",
        reason: "この操作は申請者のみ行えます。",
      });
      expect(await step(app.officer, app.id, "record_payment", paymentInput(1000, "2027-02-01"), AT.pay)).toEqual({
        status: "refused",
        reason: "この操作は審査担当者のみ行えます。",
      });
      expect(await step(stranger, app.id, "request_change", change, AT.change)).toEqual({ status: "not-found" });
      expect(await step(stranger, app.id, "claim_payment", claimInput(1000), AT.claim)).toEqual({ status: "not-found" });
      expect(await step(administrator, app.id, "record_payment", paymentInput(1000, "2027-02-01"), AT.pay)).toEqual({ status: "not-found" });
      expect((await rows(app.id)).map((r) => r.kind)).toEqual(["decision"]);
      expect(await stateOf(app.id)).toBe("decided");
      expect(await proceedingActions(app.id)).toEqual(["application.decided"]);
    });
  });

  it("keeps the 交付申請書's own 文書番号 on the decision, which its notice cites", async () => {
    const app = await submittedApplication(database.db, { draft: { ...completeMenu1(), documentNumber: " 富山県厚第12号 " } });
    expect(await step(app.reviewer, app.id, "decide", decideInput(REQUESTED), AT.decide)).toMatchObject({ status: "done" });
    expect((await records(app.id))[0]).toMatchObject({ kind: "decision", applicationNumber: "富山県厚第12号" });
  });

  describe("a change request", () => {
    it("edits the plan with the lines (⑦ given up with its line, ② added with one of its own); approved, both are in force and the report is computed under them", async () => {
      const app = await decided();
      const lines = [MENU1_LINES[0], MENU1_LINES[1], { category: "travel", activity: "a2", description: "実態調査の旅費", amount: 400_000 }];
      const plan = [
        { key: "platform", content: "プラットフォームの設置と運営" },
        { key: "a1", content: "取組方針の作成" },
        { key: "a2", content: "県内の居場所の実態調査" },
        { key: "a3", content: "情報共有会" },
      ];
      const requested = await step(app.officer, app.id, "request_change", { lines, plan, reason: "居場所の補助をやめ、実態調査を先に行うため。" }, AT.change);
      expect(requested).toMatchObject({ status: "done", to: "change_requested" });
      const request = (await records(app.id)).at(-1);
      // 200,000 + 2,000,000 + 400,000 = 2,600,000, half of it.
      expect(request).toMatchObject({ kind: "change_request", requestedAmount: 1_300_000, after: lines, planAfter: plan });
      expect(request?.kind === "change_request" && request.planBefore?.map((p) => p.key)).toEqual(["platform", "a1", "a3", "a7"]);

      expect(await step(app.reviewer, app.id, "approve_change", { decidedAmount: 1_300_000, comment: "" }, AT.changeDecision)).toMatchObject({
        status: "done",
      });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "change_approval",
        allocation: [
          { category: "honoraria", amount: 200_000 },
          { category: "outsourcing", amount: 2_000_000 },
          { category: "travel", amount: 400_000 },
        ],
      });
      const inForce = await proceedingsSummary(database.db, app.id, 1);
      expect(inForce?.lines).toEqual(lines);
      expect(inForce?.plan).toEqual(plan);

      expect(await step(app.officer, app.id, "report", reportInput([200_000, 2_000_000, 400_000]), AT.report)).toMatchObject({ status: "done" });
      const report = (await records(app.id)).at(-1);
      expect(report?.kind === "performance_report" && report.calculationActual).toMatchObject({ grantAmount: 1_300_000 });
      expect(report?.kind === "performance_report" && report.calculationActual.findings.filter((f) => f.severity === "error")).toEqual([]);
    });

    it("files a minor change (each category within 20%, the plan unchanged) without approval: in force at once, the decided amount and state as they were", async () => {
      const app = await decided();
      const lines = withAmounts([LINES[0]!, 2_300_000, LINES[2]!]);
      const summaryRow = () =>
        database.db.selectFrom("application_summaries").select(["decided_amount", "state"]).where("application_id", "=", app.id).executeTakeFirstOrThrow();
      const before = await summaryRow();

      // 委託費 +25%: not minor, refused with why, and nothing written.
      const tooMuch = await step(
        app.officer,
        app.id,
        "notify_minor_change",
        { lines: withAmounts([LINES[0]!, 2_500_000, LINES[2]!]), reason: "見直し" },
        AT.change,
      );
      expect(tooMuch).toEqual({
        status: "invalid",
        errors: {
          form: "この変更は承認が必要なため、軽微な変更として届け出ることはできません。変更交付申請を提出してください。経費区分「委託費」が20%を超えて増減します（+25%）。",
        },
      });
      expect(await rows(app.id)).toHaveLength(1);

      expect(
        await step(app.officer, app.id, "notify_minor_change", { lines, reason: "委託内容の見直し", documentNumber: "富山県厚第140号" }, AT.change),
      ).toEqual({
        status: "done",
        proceedingId: expect.any(Number),
        to: "decided",
      });
      const [, minor] = await rows(app.id);
      expect(minor).toMatchObject({ kind: "minor_change", notice_serial: null, amount: 0 });
      expect(minor!.record).toMatchObject({ documentNumber: "富山県厚第140号", decidedAmount: REQUESTED, after: lines, limitPercent: 20 });
      expect(await stateOf(app.id)).toBe("decided");
      expect(await proceedingActions(app.id)).toEqual(["application.decided", "application.minor_change_notified"]);
      expect((await proceedingsSummary(database.db, app.id, 1))?.lines).toEqual(lines);
      expect(await summaryRow()).toEqual(before);
    });

    it("asks for one amount per line of the budget in force, and refuses amounts that change nothing", async () => {
      const app = await decided();
      const inForce = await proceedingsSummary(database.db, app.id, 1);
      expect(inForce?.lines.map((l) => [l.category, l.activity, l.amount])).toEqual(MENU1_LINES.map((l) => [l.category, l.activity, l.amount]));
      expect(inForce?.ledger.decidedAmount).toBe(REQUESTED);

      const unchanged = await step(app.officer, app.id, "request_change", { lines: withAmounts([...LINES]), reason: "見直し" }, AT.change);

      expect(unchanged).toEqual({ status: "invalid", errors: { form: "変更前と同じ内容です。変更する明細の金額や事業の内容を入力してください。" } });
      expect(await rows(app.id)).toHaveLength(1);
      expect(await stateOf(app.id)).toBe("decided");
    });

    it("records the budget before and after with both calculations; approved at most at the amount asked, it becomes the budget in force", async () => {
      const app = await decided();
      const after = [LINES[0]!, LINES[1]!, LINES[2]! + 600_000];
      const asked = menu1Grant(after);

      const requested = await step(app.officer, app.id, "request_change", { lines: withAmounts(after), reason: "居場所の箇所数を増やすため。" }, AT.change);

      expect(requested).toMatchObject({ status: "done", to: "change_requested" });
      const [, request] = await rows(app.id);
      expect(request).toMatchObject({ kind: "change_request", amount: asked, notice_serial: null, recorded_by: app.officer.id });
      expect(request!.record).toMatchObject({
        kind: "change_request",
        documentNumber: "",
        documentDate: "2027-01-14",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        decidedAmount: REQUESTED,
        requestedAmount: asked,
        before: MENU1_LINES.map((l) => ({ ...l })),
        after: MENU1_LINES.map((l, i) => ({ ...l, amount: after[i] })),
        calculationBefore: { totalProjectCost: sum(LINES), grantAmount: REQUESTED },
        calculationAfter: { totalProjectCost: sum(after), grantAmount: asked },
        reason: "居場所の箇所数を増やすため。",
      });
      expect(await stateOf(app.id)).toBe("change_requested");

      expect(await step(app.reviewer, app.id, "approve_change", { decidedAmount: asked + 1, comment: "" }, AT.changeDecision)).toEqual({
        status: "invalid",
        errors: { decidedAmount: `変更後の交付決定額は変更交付申請額${yen(asked)}以下にしてください。` },
      });
      expect(await stateOf(app.id)).toBe("change_requested");

      const newAmount = asked - 150_000;
      const approved = await step(
        app.reviewer,
        app.id,
        "approve_change",
        { decidedAmount: newAmount, comment: "増額分は居場所の運営費に充てること。" },
        AT.changeDecision,
      );

      expect(approved).toMatchObject({ status: "done", to: "decided" });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "change_approval",
        documentNumber: "府孤第2号",
        documentDate: "2027-01-21",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        changeRequestDate: "2027-01-14",
        requestedAmount: asked,
        previousAmount: REQUESTED,
        decidedAmount: newAmount,
        comment: "増額分は居場所の運営費に充てること。",
      });
      expect(await stateOf(app.id)).toBe("decided");
      const inForce = await proceedingsSummary(database.db, app.id, 1);
      expect(inForce?.lines.map((l) => l.amount)).toEqual(after);
      expect(inForce?.ledger.decidedAmount).toBe(newAmount);
      expect(await proceedingActions(app.id)).toEqual(["application.decided", "application.change_requested", "application.change_approved"]);
    });

    it("refused, leaves the decided amount and the budget in force as they were", async () => {
      const app = await decided();
      const after = [LINES[0]!, LINES[1]! - 600_000, LINES[2]!];
      expect(await step(app.officer, app.id, "request_change", { lines: withAmounts(after), reason: "委託先の見直し" }, AT.change)).toMatchObject({
        status: "done",
      });

      const refused = await step(app.reviewer, app.id, "refuse_change", { reason: "変更の必要性が認められないため。" }, AT.changeDecision);

      expect(refused).toMatchObject({ status: "done", to: "decided" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "change_refusal", amount: REQUESTED, notice_serial: 2 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "change_refusal",
        requestedAmount: menu1Grant(after),
        previousAmount: REQUESTED,
        decidedAmount: REQUESTED,
        comment: "変更の必要性が認められないため。",
      });
      expect(await stateOf(app.id)).toBe("decided");
      const inForce = await proceedingsSummary(database.db, app.id, 1);
      expect(inForce?.lines.map((l) => l.amount)).toEqual(LINES);
      expect(inForce?.ledger.decidedAmount).toBe(REQUESTED);
    });
  });

  describe("after an approved change", () => {
    it("reports against the changed budget and confirms at most the changed decided amount", async () => {
      const app = await decided();
      const changed = [LINES[0]!, LINES[1]! - 600_000, LINES[2]!];
      const asked = menu1Grant(changed);
      expect(await step(app.officer, app.id, "request_change", { lines: withAmounts(changed), reason: "委託先の見直し" }, AT.change)).toMatchObject({
        status: "done",
      });
      expect(await step(app.reviewer, app.id, "approve_change", { decidedAmount: asked, comment: "" }, AT.changeDecision)).toMatchObject({ status: "done" });

      // Spent as first budgeted, more than the changed budget: the recomputed grant is above the changed decided amount.
      expect(await step(app.officer, app.id, "report", reportInput([...LINES]), AT.report)).toMatchObject({ status: "done" });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "performance_report",
        decidedAmount: asked,
        lines: MENU1_LINES.map((l, i) => ({ ...l, amount: changed[i], actual: LINES[i] })),
        calculationActual: { grantAmount: REQUESTED },
      });
      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done" });
      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "confirmation", decidedAmount: asked, recomputedAmount: REQUESTED, confirmedAmount: asked });
    });
  });

  describe("an advance-payment claim", () => {
    it("is held to the decided amount less what was claimed, records the payee and what was already received, and leaves the state", async () => {
      const app = await decided();

      expect(await step(app.officer, app.id, "claim_payment", claimInput(REQUESTED + 1), AT.claim)).toEqual({
        status: "invalid",
        errors: { claimAmount: `請求額は、交付決定額から請求済みの額を差し引いた${yen(REQUESTED)}以下にしてください。` },
      });
      const first = 1_000_000;
      const outcome = await step(app.officer, app.id, "claim_payment", claimInput(first), AT.claim);

      expect(outcome).toEqual({ status: "done", proceedingId: expect.any(Number), to: "decided" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "payment_claim", amount: first, notice_serial: null, recorded_by: app.officer.id });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "payment_claim",
        documentNumber: "",
        documentDate: "2027-01-25",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        decidedAmount: REQUESTED,
        alreadyReceived: 0,
        claimAmount: first,
        payee: PAYEE,
      });
      expect(await stateOf(app.id)).toBe("decided");
      expect((await audit(app.id)).at(-1)).toMatchObject({ action: "application.payment_claimed", details: { from: "decided", to: "decided", amount: first } });

      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(first, "2027-02-01"), AT.pay)).toMatchObject({ status: "done", to: "decided" });
      const left = REQUESTED - first;
      expect(await step(app.officer, app.id, "claim_payment", claimInput(left + 1), AT.pay)).toEqual({
        status: "invalid",
        errors: { claimAmount: `請求額は、交付決定額から請求済みの額を差し引いた${yen(left)}以下にしてください。` },
      });
      expect(await step(app.officer, app.id, "claim_payment", claimInput(left), AT.pay)).toMatchObject({ status: "done" });
      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "payment_claim", alreadyReceived: first, claimAmount: left });
    });
  });

  describe("the performance report and the confirmation", () => {
    it("refuses a completion date in the future or before the fiscal year, at completedOn", async () => {
      const app = await decided();
      const message = "事業の完了日は、交付を受けた年度の令和8年4月1日から令和9年3月31日までの日付にしてください。";
      // AT.report is 2027-04-05 in Japan.
      for (const completedOn of ["2027-04-06", "2026-03-31"]) {
        expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, 0, completedOn), AT.report)).toEqual({
          status: "invalid",
          errors: { completedOn: message },
        });
      }
      expect(await stateOf(app.id)).toBe("decided");
      expect(await rows(app.id)).toHaveLength(1);
      // The fiscal year's last day is a completion date.
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, 0, "2027-03-31"), AT.report)).toMatchObject({ status: "done" });
    });

    it("refuses a completion date after the fiscal year's end: a year's grant pays for work done within that year", async () => {
      const app = await decided();
      // AT.report is 2027-04-05 in Japan: 2027-04-01 has passed, but 令和8年度 (2026) ended on 2027-03-31.
      const outcome = await step(app.officer, app.id, "report", reportInput(ACTUAL, 0, "2027-04-01"), AT.report);

      expect(outcome).toEqual({
        status: "invalid",
        errors: { completedOn: "事業の完了日は、交付を受けた年度の令和8年4月1日から令和9年3月31日までの日付にしてください。" },
      });
      expect(await stateOf(app.id)).toBe("decided");
    });

    it("records budget and actual per line and recomputes the grant from the actual spending", async () => {
      const app = await decided();
      expect(await step(app.reviewer, app.id, "report", reportInput(ACTUAL), AT.report)).toMatchObject({ status: "refused" });

      const outcome = await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report);

      expect(outcome).toMatchObject({ status: "done", to: "reported" });
      expect(ACTUAL_GRANT).toBeLessThan(REQUESTED);
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "performance_report", amount: ACTUAL_GRANT, notice_serial: null });
      const total = sum(ACTUAL);
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "performance_report",
        documentNumber: "",
        documentDate: "2027-04-05",
        // Completed 2027-03-31: due a month later, but no later than 10 April.
        dueOn: "2027-04-10",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        decidedAmount: REQUESTED,
        completedOn: "2027-03-31",
        summary: "計画どおり実施した。",
        lines: MENU1_LINES.map((l, i) => ({ ...l, actual: ACTUAL[i] })),
        otherIncomeBudget: 0,
        otherIncomeActual: OTHER_INCOME_ACTUAL,
        calculationActual: {
          totalProjectCost: total,
          otherIncome: OTHER_INCOME_ACTUAL,
          eligibleExpenses: total,
          selectedAmount: total - OTHER_INCOME_ACTUAL,
          grantAmount: ACTUAL_GRANT,
        },
      });
      expect(await stateOf(app.id)).toBe("reported");
      expect((await audit(app.id)).at(-1)).toMatchObject({
        action: "application.reported",
        details: { from: "decided", to: "reported", amount: ACTUAL_GRANT },
      });
    });

    it("confirms the recomputed grant when spending came in lower, with what had been paid", async () => {
      const advance = 1_000_000;
      const app = await decided();
      await payAdvance(app, advance);
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done" });
      expect(await step(app.officer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "refused" });

      const outcome = await step(app.reviewer, app.id, "confirm", {}, AT.confirm);

      expect(outcome).toMatchObject({ status: "done", to: "confirmed" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "confirmation", amount: ACTUAL_GRANT, notice_serial: 1 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "confirmation",
        documentNumber: "府孤第1号",
        documentDate: "2027-04-20",
        reportDate: "2027-04-05",
        decidedAmount: REQUESTED,
        recomputedAmount: ACTUAL_GRANT,
        confirmedAmount: Math.min(REQUESTED, ACTUAL_GRANT),
        netPaid: advance,
      });
      expect(await stateOf(app.id)).toBe("confirmed");
    });

    it("disallows part of a line with its reason: the confirmed amount is recomputed from what remains, and the notice lists it", async () => {
      const app = await decided();
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done" });
      const form = { disallowed: ["", "1,700,001", ""], reasons: ["", "契約外の作業", ""] };
      const read = await readForm(stepSchema("confirm", { lineCount: 3, programme: "prefectural" }), form);
      expect(read.ok).toBe(true);
      expect(await step(app.reviewer, app.id, "confirm", read.ok ? read.value : {}, AT.confirm)).toEqual({
        status: "invalid",
        errors: { "disallowed.1": `2行目の認めない額は、実績額${yen(1_700_000)}以下にしてください。` },
      });
      expect(await stateOf(app.id)).toBe("reported");

      // (183,500 + 1,500,000 + 1,500,000 − 100,000) × 1/2 = 1,541,750 → 1,541,000.
      const outcome = await step(app.reviewer, app.id, "confirm", { disallowed: [0, 200_000, 0], reasons: ["", "契約外の作業", ""] }, AT.confirm);
      expect(outcome).toMatchObject({ status: "done", to: "confirmed" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "confirmation", amount: 1_541_000 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        recomputedAmount: 1_541_000,
        confirmedAmount: 1_541_000,
        findings: [{ line: 1, category: "outsourcing", actual: 1_700_000, disallowed: 200_000, reason: "契約外の作業" }],
      });
      expect(menu1Grant([183_500, 1_500_000, 1_500_000], OTHER_INCOME_ACTUAL)).toBe(1_541_000);
      expect((await budgetStanding(database.db, "prefectural", 2026, app.id))?.committedHere).toBe(1_541_000);
    });

    it("caps the confirmed amount at the decided amount when the recomputed grant is higher", async () => {
      const decidedAmount = REQUESTED - 350_000;
      const app = await decided(decidedAmount);
      // Spent the whole budget: the recomputed grant is the amount applied for, above the decided amount.
      expect(await step(app.officer, app.id, "report", reportInput([...LINES]), AT.report)).toMatchObject({ status: "done" });

      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done" });

      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "confirmation", recomputedAmount: REQUESTED, confirmedAmount: decidedAmount, netPaid: 0 });
    });
  });

  describe("the steps offered", () => {
    it("offers each side its own steps, and not a claim once everything is claimed or a return order without an overpayment", async () => {
      const app = await decided();
      const offered = async (user: TestUser) => {
        const application = await database.db
          .selectFrom("applications")
          .select(["state", "organisation_id"])
          .where("id", "=", app.id)
          .executeTakeFirstOrThrow();
        // Within the decision's withdrawal period, which ends on 2026-12-26.
        return availableSteps(user.viewer, application, await records(app.id), "2026-12-20");
      };
      expect(await offered(app.officer)).toEqual(["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "claim_payment", "report"]);
      expect(await offered(app.reviewer)).toEqual(["request_status_report", "cancel", "record_payment"]);

      expect(await step(app.officer, app.id, "claim_payment", claimInput(REQUESTED), AT.pay)).toMatchObject({ status: "done" });
      expect(await offered(app.officer)).toEqual(["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "report"]);

      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(REQUESTED, "2027-02-01"), AT.pay)).toMatchObject({ status: "done" });
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done" });
      // Paid in full, confirmed lower: an overpayment to order back, once.
      expect(await offered(app.reviewer)).toEqual(["cancel", "order_repayment", "record_payment", "close"]);
      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-05-31" }, AT.confirm)).toMatchObject({ status: "done" });
      expect(await offered(app.reviewer)).toEqual(["cancel", "record_payment", "close"]);
      expect(await offered(app.officer)).toEqual([]);
    });
  });

  describe("status reports (状況報告)", () => {
    const MATTERS = "各取組の進捗と参加者数、これまでの支出の状況";
    const offered = async (app: SubmittedApplication, user: TestUser) => {
      const application = await database.db.selectFrom("applications").select(["state", "organisation_id"]).where("id", "=", app.id).executeTakeFirstOrThrow();
      return availableSteps(user.viewer, application, await records(app.id), "2027-01-25");
    };

    it("the reviewer asks once at a time with a due date, the grantee answers citing the request, and the reviewer may ask again", async () => {
      const app = await decided();
      expect(await offered(app, app.officer)).not.toContain("report_status");
      expect(await step(app.officer, app.id, "report_status", { progress: "順調", spentToDate: 0 }, AT.claim)).toEqual({
        status: "refused",
        reason: "報告を求められていません。遂行状況報告は、内閣府から依頼があったときに提出します。",
      });
      expect(await step(app.reviewer, app.id, "request_status_report", { matters: MATTERS, dueOn: "2027-01-25" }, AT.claim)).toEqual({
        status: "invalid",
        errors: { dueOn: "提出期限は明日以降の日付にしてください。" },
      });
      expect(await step(app.officer, app.id, "request_status_report", { matters: MATTERS, dueOn: "2027-02-28" }, AT.claim)).toMatchObject({
        status: "refused",
      });

      const asked = await step(app.reviewer, app.id, "request_status_report", { matters: MATTERS, dueOn: "2027-02-28" }, AT.claim);

      expect(asked).toEqual({ status: "done", proceedingId: expect.any(Number), to: "decided" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "status_report_request", notice_serial: 2 });
      const request = (await records(app.id)).at(-1);
      expect(request).toMatchObject({
        kind: "status_report_request",
        documentNumber: "府孤第2号",
        documentDate: "2027-01-25",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        matters: MATTERS,
        dueOn: "2027-02-28",
      });
      expect(await offered(app, app.reviewer)).not.toContain("request_status_report");
      expect(await offered(app, app.officer)).toContain("report_status");
      expect(await step(app.reviewer, app.id, "request_status_report", { matters: MATTERS, dueOn: "2027-03-31" }, AT.pay)).toEqual({
        status: "refused",
        reason: "府孤第2号の依頼への報告がまだありません。報告を受けてから次の依頼をしてください。",
      });

      // Answered after the due date: still the answer.
      const answered = await step(
        app.officer,
        app.id,
        "report_status",
        { progress: "相談窓口を毎週開設した。", spentToDate: 420_000 },
        new Date("2027-03-02T01:00:00Z"),
      );

      expect(answered).toEqual({ status: "done", proceedingId: expect.any(Number), to: "decided" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "status_report", notice_serial: null, amount: 420_000 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "status_report",
        documentNumber: "",
        request: { documentNumber: "府孤第2号", documentDate: "2027-01-25", dueOn: "2027-02-28" },
        decidedAmount: REQUESTED,
        progress: "相談窓口を毎週開設した。",
        spentToDate: 420_000,
      });
      expect(await offered(app, app.officer)).not.toContain("report_status");
      expect(await offered(app, app.reviewer)).toContain("request_status_report");
      expect(
        await step(app.reviewer, app.id, "request_status_report", { matters: "年度末の見込み", dueOn: "2027-03-20" }, new Date("2027-03-03T01:00:00Z")),
      ).toMatchObject({
        status: "done",
      });
      expect(await proceedingActions(app.id)).toEqual([
        "application.decided",
        "application.status_report_requested",
        "application.status_reported",
        "application.status_report_requested",
      ]);
    });

    it("is asked and answered only while the work goes on: not before the decision, nor once reported", async () => {
      const app = await submittedApplication(database.db);
      expect(await step(app.reviewer, app.id, "request_status_report", { matters: MATTERS, dueOn: "2027-02-28" }, AT.claim)).toMatchObject({
        status: "refused",
      });
      const reported = await decided();
      expect(await step(reported.reviewer, reported.id, "request_status_report", { matters: MATTERS, dueOn: "2027-02-28" }, AT.claim)).toMatchObject({
        status: "done",
      });
      expect(await step(reported.officer, reported.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({
        status: "done",
        to: "reported",
      });
      expect(await step(reported.officer, reported.id, "report_status", { progress: "完了した", spentToDate: 1 }, AT.report)).toMatchObject({
        status: "refused",
      });
      expect(await offered(reported, reported.officer)).toEqual([]);
    });
  });

  describe("withdrawal (取下げ) within the decision's period", () => {
    /** The last moment of the period: 23:59 on 2026-12-26 in Japan (decided on 2026-12-11, 15 days). */
    const LAST_MINUTE = new Date("2026-12-26T14:59:00Z");
    /** 00:00 on 2026-12-27 in Japan. */
    const DAY_AFTER = new Date("2026-12-26T15:00:00Z");
    const committedHere = async (id: number) => (await budgetStanding(database.db, "prefectural", 2026, id))?.committedHere;

    it("prints the period's last day on the decision, withdraws on it, releases the budget, and closes once what was paid is returned", async () => {
      const app = await decided();
      expect((await records(app.id))[0]).toMatchObject({ kind: "decision", withdrawalDeadline: "2026-12-26" });
      expect(await step(app.reviewer, app.id, "withdraw", { reason: "理由" }, LAST_MINUTE)).toMatchObject({ status: "refused" });
      await payAdvance(app, 300_000, LAST_MINUTE, "2026-12-15");
      expect(await committedHere(app.id)).toBe(REQUESTED);

      const outcome = await step(app.officer, app.id, "withdraw", { reason: "交付の条件を満たす体制を整えられないため。" }, LAST_MINUTE);

      expect(outcome).toMatchObject({ status: "done", to: "withdrawn" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "withdrawal", notice_serial: null, amount: 0 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "withdrawal",
        decidedAmount: REQUESTED,
        reason: "交付の条件を満たす体制を整えられないため。",
        deadline: "2026-12-26",
      });
      expect(await committedHere(app.id)).toBe(0);
      // The decision lapsed: nothing to report; what was paid comes back before closing.
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL), AT.report)).toEqual({
        status: "refused",
        reason: "交付申請を取り下げたため、実績報告はありません。",
      });
      const early = await step(app.reviewer, app.id, "close", {}, AT.pay);
      expect(early.status === "refused" && early.reason).toContain(`${yen(300_000)}の返還を記録してから完了にしてください。`);
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(1_000, "2027-02-01"), AT.pay)).toEqual({
        status: "refused",
        reason: "取下げ・中止の後や実績報告の審査中は、支払を記録できません。額の確定後に精算払として記録してください。",
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(300_000, "2027-02-01", "returned"), AT.pay)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "close", {}, AT.pay)).toMatchObject({ status: "done", to: "closed" });
    });

    it("is refused the day after the period with the date, and writes nothing", async () => {
      const app = await decided();
      const before = (await rows(app.id)).length;
      expect(await step(app.officer, app.id, "withdraw", { reason: "辞退" }, DAY_AFTER)).toEqual({
        status: "refused",
        reason: "申請を取り下げられるのは、交付決定通知書に記載の期限（令和8年12月26日）までです。事業をやめる場合は、中止（廃止）の承認申請をしてください。",
      });
      expect(await rows(app.id)).toHaveLength(before);
      expect(await stateOf(app.id)).toBe("decided");
    });

    it("keeps to the period the reviewer set on the decision", async () => {
      const app = await submittedApplication(database.db);
      expect(await step(app.reviewer, app.id, "decide", { ...decideInput(REQUESTED), withdrawalDays: 30 }, AT.decide)).toMatchObject({ status: "done" });
      expect((await records(app.id))[0]).toMatchObject({ withdrawalDeadline: "2027-01-10" });
      expect(await step(app.officer, app.id, "withdraw", { reason: "辞退" }, new Date("2027-01-10T14:59:00Z"))).toMatchObject({ status: "done" });
    });
  });

  describe("discontinuation (中止・廃止) with approval", () => {
    const REQUEST_AT = new Date("2027-01-20T01:00:00Z");
    const ANSWER_AT = new Date("2027-01-27T01:00:00Z");
    const request = (expectedAmount = 600_000) => ({
      stopOn: "2027-01-31",
      reason: "委託先が撤退し、事業の継続が困難となったため。",
      doneSoFar: "相談窓口の開設準備と関係機関との協議",
      expectedAmount,
    });
    const summary = (id: number) =>
      database.db
        .selectFrom("application_summaries")
        .select(["decided_amount", "waiting_rank", "waiting_since"])
        .where("application_id", "=", id)
        .executeTakeFirstOrThrow();
    const committedHere = async (id: number) => (await budgetStanding(database.db, "prefectural", 2026, id))?.committedHere;

    it("is requested by the grantee, approved by the reviewer at a lower amount, reported and confirmed within it", async () => {
      const app = await decided();
      expect(await step(app.reviewer, app.id, "request_discontinuation", request(), REQUEST_AT)).toMatchObject({ status: "refused" });
      expect(await step(app.officer, app.id, "request_discontinuation", request(REQUESTED + 1), REQUEST_AT)).toEqual({
        status: "invalid",
        errors: { expectedAmount: `交付金の見込額は交付決定額${yen(REQUESTED)}以下にしてください。` },
      });

      const asked = await step(app.officer, app.id, "request_discontinuation", { ...request(), documentNumber: "富山県厚第123号" }, REQUEST_AT);
      expect(asked).toMatchObject({ status: "done", to: "discontinuation_requested" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "discontinuation_request", notice_serial: null, amount: 600_000 });
      // The applicant's own number is kept, and the notice answering it cites it.
      expect((await records(app.id)).at(-1)).toMatchObject({ documentNumber: "富山県厚第123号" });
      expect(await summary(app.id)).toMatchObject({ waiting_rank: 0, waiting_since: REQUEST_AT });
      // While it waits, the work goes on under the decision, but nothing else moves it.
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL), ANSWER_AT)).toMatchObject({ status: "refused" });
      expect(await step(app.officer, app.id, "request_change", { lines: withAmounts(LINES), reason: "x" }, ANSWER_AT)).toMatchObject({ status: "refused" });
      expect(await step(app.officer, app.id, "approve_discontinuation", { decidedAmount: 600_000, comment: "" }, ANSWER_AT)).toMatchObject({
        status: "refused",
      });
      expect(await step(app.reviewer, app.id, "approve_discontinuation", { decidedAmount: REQUESTED + 1, comment: "" }, ANSWER_AT)).toEqual({
        status: "invalid",
        errors: { decidedAmount: `承認後の交付決定額は、これまでの交付決定額${yen(REQUESTED)}以下にしてください。` },
      });

      const approved = await step(app.reviewer, app.id, "approve_discontinuation", { decidedAmount: 600_000, comment: "" }, ANSWER_AT);

      expect(approved).toMatchObject({ status: "done", to: "withdrawn" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "discontinuation_approval", notice_serial: 2, amount: 600_000 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "discontinuation_approval",
        decision: { documentNumber: "府孤第1号", documentDate: DECIDED_ON },
        requestDate: "2027-01-20",
        requestNumber: "富山県厚第123号",
        stopOn: "2027-01-31",
        previousAmount: REQUESTED,
        decidedAmount: 600_000,
      });
      // The rest of the decided amount goes back to the programme-year's budget.
      expect(await committedHere(app.id)).toBe(600_000);
      expect(await summary(app.id)).toMatchObject({ decided_amount: 600_000 });

      // What was done is reported (as discontinued) and confirmed at most at the lowered amount.
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, 0, "2027-01-31"), AT.report)).toMatchObject({ status: "done", to: "reported" });
      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "performance_report", discontinued: true, decidedAmount: 600_000 });
      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done", to: "confirmed" });
      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "confirmation", decidedAmount: 600_000, confirmedAmount: 600_000 });
      expect(await proceedingActions(app.id)).toEqual([
        "application.decided",
        "application.discontinuation_requested",
        "application.discontinuation_approved",
        "application.reported",
        "application.confirmed",
      ]);
    });

    it("refused, leaves the decision as it was and the work going on; the grantee may ask again", async () => {
      const app = await decided();
      expect(await step(app.officer, app.id, "request_discontinuation", request(), REQUEST_AT)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "refuse_discontinuation", { reason: "事業の継続が可能であるため。" }, ANSWER_AT)).toMatchObject({
        status: "done",
        to: "decided",
      });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "discontinuation_refusal", notice_serial: 2, amount: 0 });
      expect(await committedHere(app.id)).toBe(REQUESTED);
      expect(await step(app.reviewer, app.id, "approve_discontinuation", { decidedAmount: 0, comment: "" }, ANSWER_AT)).toMatchObject({ status: "refused" });
      expect(await step(app.officer, app.id, "claim_payment", claimInput(500_000), ANSWER_AT)).toMatchObject({ status: "done" });
      expect(await step(app.officer, app.id, "request_discontinuation", request(), ANSWER_AT)).toMatchObject({ status: "done" });
    });

    it("is asked only while decided: not before the decision, nor with a change pending, nor once reported", async () => {
      const app = await submittedApplication(database.db);
      expect(await step(app.officer, app.id, "request_discontinuation", request(), REQUEST_AT)).toMatchObject({ status: "refused" });
      const changing = await decided();
      const after = [...LINES.slice(0, -1), LINES.at(-1)! - 500_000];
      expect(await step(changing.officer, changing.id, "request_change", { lines: withAmounts(after), reason: "見直し" }, AT.change)).toMatchObject({
        status: "done",
      });
      expect(await step(changing.officer, changing.id, "request_discontinuation", request(), REQUEST_AT)).toMatchObject({ status: "refused" });
      const reported = await decided();
      expect(await step(reported.officer, reported.id, "report", reportInput(ACTUAL), AT.report)).toMatchObject({ status: "done" });
      expect(await step(reported.officer, reported.id, "request_discontinuation", request(), AT.confirm)).toMatchObject({ status: "refused" });
    });
  });

  describe("cancellation (交付決定の取消, §17)", () => {
    const CANCEL_AT = new Date("2027-03-01T01:00:00Z");
    const cancelInput = (cancelledAmount: number) => ({ cancelledAmount, reason: "交付金を目的外の備品購入に充てたため。" });

    it("cancels a paid grant, orders the money back with 加算金 from the day it was received, and closes once it is returned", async () => {
      const app = await decided();
      await payAdvance(app, 1_000_000);
      expect(await step(app.officer, app.id, "cancel", cancelInput(REQUESTED), CANCEL_AT)).toMatchObject({ status: "refused" });
      expect(await step(app.reviewer, app.id, "cancel", cancelInput(REQUESTED + 1), CANCEL_AT)).toEqual({
        status: "invalid",
        errors: { cancelledAmount: `取り消す額は交付決定額${yen(REQUESTED)}以下にしてください。` },
      });

      expect(await step(app.reviewer, app.id, "cancel", cancelInput(REQUESTED), CANCEL_AT)).toMatchObject({ status: "done", to: "cancelled" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "cancellation", notice_serial: 2, amount: 0 });
      expect((await records(app.id)).at(-1)).toMatchObject({ previousAmount: REQUESTED, cancelledAmount: REQUESTED, remainingAmount: 0, netPaid: 1_000_000 });
      expect((await budgetStanding(database.db, "prefectural", 2026, app.id))?.committedHere).toBe(0);
      const summary = await database.db
        .selectFrom("application_summaries")
        .select(["confirmed_amount", "waiting_rank"])
        .where("application_id", "=", app.id)
        .executeTakeFirstOrThrow();
      expect(summary).toEqual({ confirmed_amount: 0, waiting_rank: 0 });

      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-03-31" }, CANCEL_AT)).toMatchObject({ status: "done" });
      expect((await records(app.id)).at(-1)).toMatchObject({ kind: "repayment_order", cause: "cancellation", repaymentAmount: 1_000_000 });
      const early = await step(app.reviewer, app.id, "close", {}, CANCEL_AT);
      expect(early.status === "refused" && early.reason).toContain(`${yen(1_000_000)}の返還を記録してから完了にしてください。`);
      expect(
        await step(app.reviewer, app.id, "record_payment", paymentInput(1_000_000, "2027-03-20", "returned"), new Date("2027-03-20T01:00:00Z")),
      ).toMatchObject({
        status: "done",
      });
      // Received 2027-02-01, returned 2027-03-20: 48 days; 1,000,000 × 48 × 10.95% ÷ 365 = 14,400.
      expect(repaymentStanding(await records(app.id), "2027-04-01")).toMatchObject({ unpaid: 0, lateCharge: 0, additionalCharge: 14_400 });
      // Closed only once the 加算金 is received too.
      const returnedAt = new Date("2027-03-20T01:00:00Z");
      expect(await step(app.reviewer, app.id, "close", {}, returnedAt)).toEqual({
        status: "refused",
        reason: "未納の加算金14,400円の受領を記録してから完了にしてください。",
      });
      const charge = { charge: "additional", amount: 14_400, receivedOn: "2027-03-20", note: "" } as const;
      expect(await step(app.reviewer, app.id, "record_charge", charge, returnedAt)).toMatchObject({ status: "done" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "charge_receipt", amount: 14_400, notice_serial: null });
      expect(await step(app.reviewer, app.id, "close", {}, returnedAt)).toMatchObject({ status: "done", to: "closed" });
    });

    it("cancels part of a confirmed grant, and is refused before a decision and after a withdrawal", async () => {
      const app = await confirmedAfterPaying(0);
      expect(await step(app.reviewer, app.id, "cancel", cancelInput(641_000), AT.settle)).toMatchObject({ status: "done", to: "cancelled" });
      expect((await records(app.id)).at(-1)).toMatchObject({ previousAmount: ACTUAL_GRANT, remainingAmount: 1_000_000 });
      expect((await budgetStanding(database.db, "prefectural", 2026, app.id))?.committedHere).toBe(1_000_000);
      // Nothing was paid: the 1,000,000 that remains is claimed and paid as a 精算払.
      expect(await step(app.officer, app.id, "claim_settlement", { ...PAYEE }, AT.settle)).toMatchObject({ status: "done" });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "settlement_claim",
        basis: "cancellation",
        confirmedAmount: 1_000_000,
        claimAmount: 1_000_000,
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(1_000_000, "2027-05-10"), AT.settle)).toMatchObject({ status: "done" });

      const review = await submittedApplication(database.db);
      expect(await step(review.reviewer, review.id, "cancel", cancelInput(1), AT.decide)).toMatchObject({ status: "refused" });
      const withdrawn = await decided();
      expect(await step(withdrawn.officer, withdrawn.id, "withdraw", { reason: "辞退" }, new Date("2026-12-20T01:00:00Z"))).toMatchObject({ status: "done" });
      expect(await step(withdrawn.reviewer, withdrawn.id, "cancel", cancelInput(1), AT.pay)).toEqual({
        status: "refused",
        reason: "交付申請が取り下げられ、交付決定はなかったものとなっているため、取り消す決定はありません。",
      });
    });
  });

  describe("payments and settlement", () => {
    it("counts the 延滞金 on a return order paid partly late, from the day after the due date, and stops once all is returned", async () => {
      const app = await decided();
      await payAdvance(app, REQUESTED);
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-05-20" }, AT.confirm)).toMatchObject({ status: "done" });
      const overpaid = REQUESTED - ACTUAL_GRANT;
      expect(repaymentStanding(await records(app.id), "2027-05-20")).toMatchObject({
        ordered: overpaid,
        dueOn: "2027-05-20",
        returned: 0,
        unpaid: overpaid,
        lateCharge: 0,
        asOf: "2027-05-20",
        overdue: false,
      });
      // Unpaid ten days after the due date: 10.95% a year for 10 days, down to the yen.
      const tenDays = Math.floor((overpaid * 1095 * 10) / 3_650_000);
      expect(repaymentStanding(await records(app.id), "2027-05-30")).toMatchObject({ lateCharge: tenDays, overdue: true, asOf: "2027-05-30" });

      const onTime = Math.floor(overpaid / 2);
      const at = (day: string) => new Date(`${day}T10:00:00+09:00`);
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(onTime, "2027-05-20", "returned"), at("2027-05-20"))).toMatchObject({
        status: "done",
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(overpaid - onTime, "2027-05-30", "returned"), at("2027-05-30"))).toMatchObject({
        status: "done",
      });
      // Only the part returned late bears it, and it stays what it was on the day of the last return.
      const standing = repaymentStanding(await records(app.id), "2027-12-31");
      expect(standing).toEqual({
        ordered: overpaid,
        dueOn: "2027-05-20",
        returned: overpaid,
        unpaid: 0,
        lateCharge: Math.floor(((overpaid - onTime) * 1095 * 10) / 3_650_000),
        // An order after 額の確定, not after a cancellation: no 加算金.
        additionalCharge: null,
        received: { late: 0, additional: 0 },
        outstanding: { late: Math.floor(((overpaid - onTime) * 1095 * 10) / 3_650_000), additional: 0 },
        asOf: "2027-05-30",
        overdue: false,
      });
      expect(standing!.lateCharge).toBeGreaterThan(0);
      // The 延滞金 is received, in full, before the application closes; the ledger of the grant is untouched by it.
      const late = standing!.lateCharge;
      expect(await step(app.reviewer, app.id, "close", {}, at("2027-05-30"))).toEqual({
        status: "refused",
        reason: `未納の延滞金${yen(late)}の受領を記録してから完了にしてください。`,
      });
      const ledgerBefore = (await proceedingsSummary(database.db, app.id, 1))?.ledger;
      expect(
        await step(app.reviewer, app.id, "record_charge", { charge: "late", amount: late + 1, receivedOn: "2027-05-30", note: "" }, at("2027-05-30")),
      ).toEqual({ status: "invalid", errors: { amount: `未納の延滞金${yen(late)}以下にしてください。` } });
      expect(
        await step(app.reviewer, app.id, "record_charge", { charge: "late", amount: late, receivedOn: "2027-05-30", note: "延滞金" }, at("2027-05-30")),
      ).toMatchObject({ status: "done" });
      expect(repaymentStanding(await records(app.id), "2027-12-31")).toMatchObject({ received: { late }, outstanding: { late: 0 } });
      expect((await proceedingsSummary(database.db, app.id, 1))?.ledger).toEqual(ledgerBefore);
      expect(await proceedingActions(app.id)).toContain("application.charge_received");
      expect(await step(app.reviewer, app.id, "close", {}, at("2027-05-30"))).toMatchObject({ status: "done", to: "closed" });
    });

    it("orders an overpayment back, closes only once it is returned, and then refuses every step", async () => {
      const app = await decided();
      expect(await step(app.officer, app.id, "claim_payment", claimInput(REQUESTED), AT.pay)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(REQUESTED + 1, "2027-02-01"), AT.pay)).toEqual({
        status: "invalid",
        errors: { amount: `支払額の合計が交付決定額${yen(REQUESTED)}を超えます。今回支払えるのは${yen(REQUESTED)}までです。` },
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(REQUESTED, "2027-02-02"), AT.pay)).toEqual({
        status: "invalid",
        errors: { paidOn: "日付は今日以前にしてください。" },
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(REQUESTED, "2027-02-01"), AT.pay)).toMatchObject({
        status: "done",
        to: "decided",
      });
      expect(await step(app.officer, app.id, "report", reportInput(ACTUAL, OTHER_INCOME_ACTUAL), AT.report)).toMatchObject({ status: "done" });
      expect(await step(app.reviewer, app.id, "confirm", {}, AT.confirm)).toMatchObject({ status: "done" });
      const overpaid = REQUESTED - ACTUAL_GRANT;
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(1, "2027-04-20"), AT.confirm)).toMatchObject({
        status: "invalid",
        errors: { amount: expect.stringContaining(`確定額${yen(ACTUAL_GRANT)}`) },
      });

      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-04-20" }, AT.confirm)).toEqual({
        status: "invalid",
        errors: { dueOn: "納期限は明日以降の日付にしてください。" },
      });
      expect(await step(app.officer, app.id, "order_repayment", { dueOn: "2027-05-20" }, AT.confirm)).toMatchObject({ status: "refused" });
      const ordered = await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-05-20" }, AT.confirm);

      expect(ordered).toEqual({ status: "done", proceedingId: expect.any(Number), to: "confirmed" });
      expect((await rows(app.id)).at(-1)).toMatchObject({ kind: "repayment_order", amount: overpaid, notice_serial: 2 });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "repayment_order",
        documentNumber: "府孤第2号",
        confirmation: { documentNumber: "府孤第1号", documentDate: "2027-04-20" },
        confirmedAmount: ACTUAL_GRANT,
        netPaid: REQUESTED,
        repaymentAmount: overpaid,
        dueOn: "2027-05-20",
      });
      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-05-31" }, AT.confirm)).toEqual({
        status: "refused",
        reason: "この確定に対する返還命令は発行済みです。",
      });

      const early = await step(app.reviewer, app.id, "close", {}, AT.confirm);
      expect(early.status).toBe("refused");
      expect(early.status === "refused" && early.reason).toContain(`${yen(overpaid)}の返還を記録してから完了にしてください。`);
      expect(await stateOf(app.id)).toBe("confirmed");

      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(overpaid, "2027-05-10", "returned"), AT.settle)).toMatchObject({
        status: "done",
        to: "confirmed",
      });
      const closed = await step(app.reviewer, app.id, "close", {}, AT.settle);

      expect(closed).toEqual({ status: "done", proceedingId: null, to: "closed" });
      expect(await stateOf(app.id)).toBe("closed");
      const payments = (await records(app.id)).filter((r) => r.kind === "payment");
      const net = sum(payments.map((p) => (p.direction === "paid" ? p.amount : -p.amount)));
      expect(net).toBe(ACTUAL_GRANT);
      expect(await proceedingActions(app.id)).toEqual([
        "application.decided",
        "application.payment_claimed",
        "application.payment_recorded",
        "application.reported",
        "application.confirmed",
        "application.repayment_ordered",
        "application.payment_recorded",
        "application.closed",
      ]);
      expect((await audit(app.id)).at(-1)).toMatchObject({ details: { from: "confirmed", to: "closed", proceedingId: null, kind: null } });

      const count = (await rows(app.id)).length;
      const finished = "この申請は「完了」で終了しています。これ以上の操作はできません。";
      const noStep = "この申請の現在の状態では、この操作は行えません。";
      const attempts: [TestUser, ProceedingAction, ProceedingInputs[ProceedingAction], string][] = [
        [app.reviewer, "decide", decideInput(1000), finished],
        [app.reviewer, "reject", { reason: "理由" }, finished],
        [app.officer, "request_change", { lines: withAmounts([1, 1, 1]), reason: "理由" }, finished],
        [app.reviewer, "approve_change", { decidedAmount: 1000, comment: "" }, finished],
        [app.reviewer, "refuse_change", { reason: "理由" }, finished],
        [app.officer, "claim_payment", claimInput(1000), noStep],
        [app.officer, "report", reportInput(ACTUAL), finished],
        [app.reviewer, "confirm", {}, finished],
        [app.reviewer, "order_repayment", { dueOn: "2027-06-30" }, noStep],
        [app.reviewer, "record_payment", paymentInput(1000, "2027-05-10"), noStep],
        [app.reviewer, "close", {}, finished],
      ];
      for (const [user, action, input, reason] of attempts) {
        expect(await takeProceedingStep(database.db, user.viewer, IP, app.id, action, input, AT.settle), action).toEqual({
          status: "refused",
          reason,
        });
      }
      expect(await rows(app.id)).toHaveLength(count);
      expect(await stateOf(app.id)).toBe("closed");
    });

    it("pays the remainder when less than the confirmed amount was paid, with no repayment to order", async () => {
      const advance = 1_000_000;
      const app = await confirmedAfterPaying(advance);
      const remainder = ACTUAL_GRANT - advance;

      expect(await step(app.reviewer, app.id, "order_repayment", { dueOn: "2027-05-20" }, AT.confirm)).toEqual({
        status: "refused",
        reason: "支払済みの額が確定額を超えていないため、返還を求める額はありません。",
      });
      const early = await step(app.reviewer, app.id, "close", {}, AT.confirm);
      expect(early.status === "refused" && early.reason).toContain(`残り${yen(remainder)}の精算払を記録してから完了にしてください。`);
      // The 精算払 pays the grantee's claim for the rest, which names its account.
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(remainder, "2027-05-10"), AT.settle)).toMatchObject({ status: "refused" });
      expect(await step(app.officer, app.id, "claim_settlement", { ...PAYEE, documentNumber: "富山県厚第200号" }, AT.settle)).toMatchObject({
        status: "done",
      });
      expect((await records(app.id)).at(-1)).toMatchObject({
        kind: "settlement_claim",
        documentNumber: "富山県厚第200号",
        confirmation: { documentDate: "2027-04-20" },
        confirmedAmount: ACTUAL_GRANT,
        alreadyReceived: advance,
        claimAmount: remainder,
      });
      expect(await step(app.officer, app.id, "claim_settlement", { ...PAYEE }, AT.settle)).toEqual({
        status: "refused",
        reason: "精算払請求は提出済みです。内閣府からの支払をお待ちください。",
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(remainder + 1, "2027-05-10"), AT.settle)).toEqual({
        status: "invalid",
        errors: { amount: `支払額の合計が確定額${yen(ACTUAL_GRANT)}を超えます。今回支払えるのは${yen(remainder)}までです。` },
      });
      expect(await step(app.reviewer, app.id, "record_payment", paymentInput(remainder, "2027-05-10"), AT.settle)).toMatchObject({ status: "done" });
      // Each payment names the claim it paid: the advance claim first, the settlement claim second.
      const payments = (await records(app.id)).filter((r) => r.kind === "payment");
      expect(payments.map((p) => p.kind === "payment" && p.claim)).toEqual([
        { ordinal: 1, kind: "payment_claim", documentNumber: "", documentDate: "2027-02-01" },
        { ordinal: 2, kind: "settlement_claim", documentNumber: "富山県厚第200号", documentDate: "2027-05-10" },
      ]);

      expect(await step(app.reviewer, app.id, "close", {}, AT.settle)).toMatchObject({ status: "done", to: "closed" });
    });

    it("refuses a return larger than what was paid, and once confirmed, one that would leave less than the confirmed amount paid", async () => {
      const before = await decided();
      await payAdvance(before, 500_000);
      expect(await step(before.reviewer, before.id, "record_payment", paymentInput(500_001, "2027-02-01", "returned"), AT.pay)).toEqual({
        status: "invalid",
        errors: { amount: `返還額は支払済みの${yen(500_000)}以下にしてください。` },
      });

      const overpaid = ACTUAL_GRANT + 10_000;
      const after = await confirmedAfterPaying(overpaid);
      expect(await step(after.reviewer, after.id, "record_payment", paymentInput(10_001, "2027-05-10", "returned"), AT.settle)).toEqual({
        status: "invalid",
        errors: { amount: `返還額は、支払済みの額から確定額を差し引いた${yen(10_000)}以下にしてください。` },
      });
      expect(await step(after.reviewer, after.id, "record_payment", paymentInput(10_000, "2027-05-10", "returned"), AT.settle)).toMatchObject({
        status: "done",
      });
    });
  });

  it("keeps the proceedings append-only: UPDATE and DELETE are refused by the database", async () => {
    const app = await decided();
    const [before] = await rows(app.id);

    await expect(database.db.updateTable("application_proceedings").set({ amount: 1 }).where("application_id", "=", app.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      database.db
        .updateTable("application_proceedings")
        .set({ record: JSON.stringify({ ...before!.record, decidedAmount: 1 }) })
        .where("id", "=", before!.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom("application_proceedings").where("application_id", "=", app.id).execute()).rejects.toThrow(/append-only/);

    expect(await rows(app.id)).toEqual([before]);
  });
});
