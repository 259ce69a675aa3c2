import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { ledgerOf } from "../../app/domain/ledger";
import { commitmentAfter, type ProceedingRecord } from "../../app/domain/proceedings";
import type { StepAction, StepInputs } from "../../app/domain/steps";
import { budgetApplications, budgetOverview, budgetSummary, paymentMonths } from "../../app/models/budget.server";
import { reviewApplication } from "../../app/models/applications.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import { loader as apiLoader, action as apiAction } from "../../app/routes/api.v1.budget";
import { loader as pageLoader } from "../../app/routes/budget";
import { loader as csvLoader } from "../../app/routes/budget[.]csv";
import { loader as xlsxLoader } from "../../app/routes/budget[.]xlsx";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { completeMenu1, submittedApplication, type SubmittedApplication, type TestUser, withAmounts } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

const IP = "192.0.2.20";
const BUDGET = 70_000_000;

/** completeMenu1() computes a grant of 1,850,000円; the fixture applies for less, so the two figures differ. */
const GRANT = 1_850_000;
const REQUESTED = 1_800_000;
/** Spending below budget: 3,383,500 less 100,000 of other income → 1,641,000. */
const ACTUAL = [183_500, 1_700_000, 1_500_000];
const ACTUAL_GRANT = 1_641_000;
/** The changed budget spent in full: 3,700,000 less 100,000 of other income → 1,800,000. */
const CHANGED_GRANT = 1_800_000;

const AT = {
  decide: new Date("2026-12-10T15:30:00Z"),
  /** Within the decision's 15 days for withdrawal. */
  withdraw: new Date("2026-12-20T01:00:00Z"),
  change: new Date("2027-01-14T01:00:00Z"),
  pay: new Date("2027-02-01T01:00:00Z"),
  report: new Date("2027-04-05T01:00:00Z"),
  confirm: new Date("2027-04-20T01:00:00Z"),
  settle: new Date("2027-05-10T01:00:00Z"),
};

const payee = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通" as const, accountNumber: "1234567", accountHolder: "トヤマケン" };
const paid = (amount: number, paidOn: string, direction: "paid" | "returned" = "paid") => ({ direction, amount, paidOn, note: "" });
const report = (actual: number[], completedOn = "2027-03-31") => ({ actual, otherIncomeActual: 100_000, completedOn, summary: "計画どおり実施した。" });

describe.each(ENGINES)("%s: the budget at a glance", (engine) => {
  let database: AppDatabase;
  let reviewer: TestUser;
  const apps: Record<string, SubmittedApplication> = {};

  const step = async <A extends StepAction>(user: TestUser, id: number, action: A, input: StepInputs[A], now: Date) => {
    const outcome = await takeProceedingStep(database.db, user.viewer, IP, id, action, input, now);
    if (outcome.status !== "done") throw new Error(`${action}: ${JSON.stringify(outcome)}`);
  };
  const submitted = async () => {
    const draft = completeMenu1();
    draft.requestedAmount = "1,800,000";
    return submittedApplication(database.db, { reviewer, draft });
  };
  const decided = async (amount = REQUESTED) => {
    const app = await submitted();
    await step(reviewer, app.id, "decide", { decidedAmount: amount, conditions: "" }, AT.decide);
    return app;
  };
  const recordsOf = async (id: number): Promise<ProceedingRecord[]> =>
    (await database.db.selectFrom("application_proceedings").select("record").where("application_id", "=", id).orderBy("id").execute()).map((r) => r.record);

  /**
   * One year of Menu 1 through the real steps: every kind of record, and each list of things to do.
   */
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    reviewer = await createUser(database.db, "reviewer");

    // Paid in full, confirmed lower, ordered back and partly returned: a return outstanding.
    apps.orderedBack = await decided();
    await step(apps.orderedBack.officer, apps.orderedBack.id, "claim_payment", { claimAmount: REQUESTED, ...payee }, AT.pay);
    await step(reviewer, apps.orderedBack.id, "record_payment", paid(REQUESTED, "2027-02-01"), AT.pay);
    await step(apps.orderedBack.officer, apps.orderedBack.id, "report", report(ACTUAL), AT.report);
    await step(reviewer, apps.orderedBack.id, "confirm", {}, AT.confirm);
    await step(reviewer, apps.orderedBack.id, "order_repayment", { dueOn: "2027-05-20" }, AT.confirm);
    await step(reviewer, apps.orderedBack.id, "record_payment", paid(100_000, "2027-05-10", "returned"), AT.settle);

    // A change approved above the first decision, part paid, confirmed: a settlement payment due.
    apps.changed = await decided(1_700_000);
    await step(
      apps.changed.officer,
      apps.changed.id,
      "request_change",
      { lines: withAmounts([200_000, 2_400_000, 1_500_000]), reason: "調査の拡大" },
      AT.change,
    );
    await step(reviewer, apps.changed.id, "approve_change", { decidedAmount: 2_000_000, comment: "" }, AT.change);
    await step(apps.changed.officer, apps.changed.id, "claim_payment", { claimAmount: 500_000, ...payee }, AT.pay);
    await step(reviewer, apps.changed.id, "record_payment", paid(500_000, "2027-02-01"), AT.pay);
    await step(apps.changed.officer, apps.changed.id, "report", report([200_000, 2_000_000, 1_500_000]), AT.report);
    await step(reviewer, apps.changed.id, "confirm", {}, AT.confirm);

    // Paid, withdrawn within the decision's period, repaid and closed: decided still, committed no more, nothing to do.
    apps.withdrawn = await decided();
    await step(apps.withdrawn.officer, apps.withdrawn.id, "claim_payment", { claimAmount: 300_000, ...payee }, AT.withdraw);
    await step(reviewer, apps.withdrawn.id, "record_payment", paid(300_000, "2026-12-18"), AT.withdraw);
    await step(apps.withdrawn.officer, apps.withdrawn.id, "withdraw", { reason: "辞退" }, AT.withdraw);
    await step(reviewer, apps.withdrawn.id, "record_payment", paid(300_000, "2027-02-01", "returned"), AT.pay);
    await step(reviewer, apps.withdrawn.id, "close", {}, AT.pay);

    // Reported a week after its due date (a month after completion), awaiting confirmation.
    apps.lateReport = await decided();
    await step(apps.lateReport.officer, apps.lateReport.id, "report", report(ACTUAL, "2027-02-28"), AT.report);

    // Decided and not reported: overdue once 10 April 2027 has passed.
    apps.unreported = await decided();

    // Awaiting a decision, returned for correction, rejected.
    apps.underReview = await submitted();
    apps.returned = await submitted();
    const returned = await reviewApplication(database.db, reviewer.viewer, IP, apps.returned.id, "return", [{ path: "purpose", body: "具体的に" }]);
    expect(returned.status).toBe("done");
    apps.rejected = await submitted();
    await step(reviewer, apps.rejected.id, "reject", { reason: "要件を満たさない" }, AT.decide);
  }, 120_000);
  afterAll(() => database.close());

  it("sums every application's ledger, as ledgerOf sums its records, into the programme-year's figures", async () => {
    const { budgets } = await budgetSummary(database.db, new URLSearchParams("fiscalYear=2026"));
    const menu1 = budgets.find((b) => b.programme === "prefectural")!.figures;

    const ledgers = await Promise.all(Object.values(apps).map(async (a) => ledgerOf(await recordsOf(a.id))));
    const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);
    // Each application's commitment read from its records, as the domain says each record sets it.
    const commitments = await Promise.all(
      Object.values(apps).map(async (a) => {
        const amounts = (await recordsOf(a.id)).flatMap((r) => commitmentAfter(r) ?? []);
        return amounts.at(-1) ?? 0;
      }),
    );
    expect(menu1).toEqual({
      budget: BUDGET,
      applied: REQUESTED,
      appliedCount: 1,
      awaitingResubmission: REQUESTED,
      awaitingResubmissionCount: 1,
      decided: sum(ledgers.map((l) => l.decidedAmount)),
      paid: sum(ledgers.map((l) => l.paid)),
      returned: sum(ledgers.map((l) => l.returned)),
      confirmed: sum(ledgers.map((l) => l.confirmedAmount ?? 0)),
      committed: sum(commitments),
      remaining: BUDGET - sum(commitments),
      underReviewComputed: GRANT,
      remainingAfterUnderReview: BUDGET - sum(commitments) - GRANT,
    });
    // The same figures by hand: decided 1,800,000 × 4 + 2,000,000; paid 1,800,000 + 500,000 + 300,000;
    // returned 100,000 + 300,000; confirmed 1,641,000 + 1,800,000 (the changed budget, spent in full, less
    // 100,000 of income, halved); committed: the confirmed amounts of the two confirmed, and the decided
    // amounts of the late report and the unreported (the withdrawn holds nothing).
    expect(menu1).toMatchObject({
      decided: 9_200_000,
      paid: 2_600_000,
      returned: 400_000,
      confirmed: ACTUAL_GRANT + CHANGED_GRANT,
      committed: ACTUAL_GRANT + CHANGED_GRANT + 2 * REQUESTED,
    });
    expect(budgets.find((b) => b.programme === "intermediary")!.figures).toMatchObject({ budget: 60_000_000, decided: 0, remaining: 60_000_000 });
  });

  it("means by the remaining exactly what a decision may still take", async () => {
    const { budgets } = await budgetSummary(database.db, new URLSearchParams("fiscalYear=2026&programme=prefectural"));
    const { remaining } = budgets[0]!.figures;
    // Lower the budget so that only 1,000,000円 remains, then decide one yen more, and exactly that.
    const lowered = BUDGET - remaining + 1_000_000;
    await database.db
      .updateTable("programme_parameters")
      .set({ programme_budget: lowered })
      .where("fiscal_year", "=", 2026)
      .where("programme", "=", "prefectural")
      .execute();
    try {
      const app = apps.underReview!;
      const over = await takeProceedingStep(database.db, reviewer.viewer, IP, app.id, "decide", { decidedAmount: 1_000_001, conditions: "" }, AT.decide);
      expect(over).toMatchObject({ status: "invalid", errors: { decidedAmount: expect.stringContaining("残りは1,000,000円です") } });
      const after = await budgetSummary(database.db, new URLSearchParams("fiscalYear=2026&programme=prefectural"));
      expect(after.budgets[0]!.figures.remaining).toBe(1_000_000);
    } finally {
      await database.db
        .updateTable("programme_parameters")
        .set({ programme_budget: BUDGET })
        .where("fiscal_year", "=", 2026)
        .where("programme", "=", "prefectural")
        .execute();
    }
  });

  it("reads one row per application with the ledger of its records, in one query for the year", async () => {
    const rows = await budgetApplications(database.db, { fiscalYear: 2026, programme: null });
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      Object.values(apps)
        .map((a) => a.id)
        .sort((a, b) => a - b),
    );
    for (const row of rows) expect(row.ledger, `application ${row.id}`).toEqual(ledgerOf(await recordsOf(row.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(apps.orderedBack!.id)).toMatchObject({ state: "confirmed", repaymentOrder: { amount: REQUESTED - ACTUAL_GRANT, dueOn: "2027-05-20" } });
    expect(byId.get(apps.lateReport!.id)).toMatchObject({ state: "reported", report: { dueOn: "2027-03-28", madeOn: "2027-04-05" } });
    expect(byId.get(apps.underReview!.id)).toMatchObject({ requestedAmount: REQUESTED, grantAmount: GRANT, committed: 0, kinds: [] });
    expect(await budgetApplications(database.db, { fiscalYear: 2025, programme: null })).toEqual([]);
    expect(await budgetApplications(database.db, { fiscalYear: 2026, programme: "intermediary" })).toEqual([]);
  });

  it("sums payments and repayments by the month of their date", async () => {
    expect(await paymentMonths(database.db, { fiscalYear: 2026, programme: null })).toEqual([
      { month: "2026-12", paid: 300_000, returned: 0 },
      { month: "2027-02", paid: REQUESTED + 500_000, returned: 300_000 },
      { month: "2027-05", paid: 0, returned: 100_000 },
    ]);
  });

  it("lists what needs the reviewer: waiting longest, reports overdue, settlements due and returns outstanding", async () => {
    const overview = await budgetOverview(database.db, new URLSearchParams("fiscalYear=2026"), new Date("2027-05-01T03:00:00Z"));
    const ids = (items: { id: number }[]) => items.map((i) => i.id);
    // Waiting on the reviewer (the inbox's states): the report awaiting confirmation came last.
    expect(ids(overview.actions.waiting.items)).toEqual([apps.underReview!.id, apps.lateReport!.id]);
    expect(overview.actions.waiting.items[1]).toMatchObject({ state: "reported", waitingSince: AT.report, daysWaiting: 26 });
    expect(overview.actions.reportsOverdue.items).toEqual([
      expect.objectContaining({ id: apps.unreported!.id, dueOn: "2027-04-10", reportedOn: null, daysLate: 21 }),
      expect.objectContaining({ id: apps.lateReport!.id, dueOn: "2027-03-28", reportedOn: "2027-04-05", daysLate: 8 }),
    ]);
    expect(overview.actions.settlementsDue.items).toEqual([
      expect.objectContaining({ id: apps.changed!.id, confirmed: CHANGED_GRANT, netPaid: 500_000, balance: CHANGED_GRANT - 500_000 }),
    ]);
    expect(overview.actions.returnsOutstanding.items).toEqual([
      expect.objectContaining({ id: apps.orderedBack!.id, ordered: REQUESTED - ACTUAL_GRANT, outstanding: REQUESTED - ACTUAL_GRANT - 100_000, overdue: false }),
    ]);
    // Before 10 April no report is overdue yet.
    const earlier = await budgetOverview(database.db, new URLSearchParams(), new Date("2027-04-10T03:00:00Z"));
    expect(ids(earlier.actions.reportsOverdue.items)).toEqual([apps.lateReport!.id]);
  });

  it("counts how far the year's applications came, and each organisation's money", async () => {
    const overview = await budgetOverview(database.db, new URLSearchParams("fiscalYear=2026"), new Date("2027-05-01T03:00:00Z"));
    expect(overview.funnel).toEqual({
      stages: [
        { stage: "submitted", label: "提出", count: 8 },
        { stage: "decided", label: "交付決定", count: 5 },
        { stage: "reported", label: "実績報告", count: 3 },
        { stage: "confirmed", label: "額の確定", count: 2 },
        { stage: "closed", label: "完了", count: 1 },
      ],
      rejected: 1,
      withdrawn: 1,
      returned: 1,
    });
    expect(overview.organisations.rows[0]).toMatchObject({ decided: 2_000_000, paid: 500_000, returned: 0 });
    expect(overview.organisations.count).toBe(5);
    expect(overview.organisations.rows).toHaveLength(5);
  });

  describe("through the routes", () => {
    let context: AppLoadContext;
    const cookieOf = async (user: TestUser) => `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null })).token}`;
    const call = async (handler: (args: LoaderFunctionArgs) => Promise<unknown>, path: string, cookie?: string) => {
      const request = new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
      try {
        return (await handler({ request, params: {}, context } as LoaderFunctionArgs)) as Response | Record<string, unknown>;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    let reviewerCookie: string;

    beforeAll(async () => {
      context = { db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
      reviewerCookie = await cookieOf(reviewer);
    });

    it("gives the API the page's figures, in integer yen, for the year asked for or the latest", async () => {
      const page = (await call(pageLoader, "/budget?fiscalYear=2026", reviewerCookie)) as Awaited<ReturnType<typeof pageLoader>>;
      const api = (await call(apiLoader, "/api/v1/budget?fiscalYear=2026", reviewerCookie)) as Response;
      expect(api.status).toBe(200);
      const body = (await api.json()) as { fiscalYear: number; programmes: Record<string, number | string>[]; total: Record<string, number> };
      expect(body.fiscalYear).toBe(2026);
      expect(body.programmes.map((p) => p.programme)).toEqual(["prefectural", "intermediary"]);
      for (const [i, b] of page.budgets.entries()) {
        expect(body.programmes[i]).toMatchObject({ programme: b.programme, ...b.figures });
        for (const key of ["budget", "applied", "decided", "paid", "confirmed", "returned", "remaining"])
          expect(Number.isSafeInteger(body.programmes[i]![key])).toBe(true);
      }
      expect(body.total).toEqual(page.total);
      // Without a year: the latest year with parameters, the page's default too.
      const latest = ((await await call(apiLoader, "/api/v1/budget", reviewerCookie)) as Response).json() as Promise<{ fiscalYear: number }>;
      expect((await latest).fiscalYear).toBe(2026);
      expect(((await call(pageLoader, "/budget", reviewerCookie)) as Awaited<ReturnType<typeof pageLoader>>).filter.fiscalYear).toBe(2026);
    });

    it("draws each chart as SVG in the page's data, and ignores a year or programme that cannot be one", async () => {
      const page = (await call(pageLoader, "/budget?fiscalYear=2026", reviewerCookie)) as Awaited<ReturnType<typeof pageLoader>>;
      for (const svg of Object.values(page.charts)) {
        expect(svg).toMatch(/^<svg /);
        expect(svg).not.toContain("style=");
      }
      expect(page.charts.organisations).toContain("recharts-bar-rectangle");
      for (const query of [
        "fiscalYear=abc",
        "fiscalYear=1999",
        "fiscalYear=2026.5",
        "programme=__proto__",
        "fiscalYear=%FF",
        "fiscalYear=2026&fiscalYear=2025",
      ]) {
        const shown = (await call(pageLoader, `/budget?${query}`, reviewerCookie)) as Awaited<ReturnType<typeof pageLoader>>;
        expect(shown.filter, query).toEqual({ fiscalYear: 2026, programme: null });
      }
    });

    it("answers the API's bad requests in JSON: no year, no such year, no such programme, another method", async () => {
      const status = async (path: string) => ((await call(apiLoader, path, reviewerCookie)) as Response).status;
      expect(await status("/api/v1/budget?fiscalYear=abc")).toBe(400);
      expect(await status("/api/v1/budget?programme=toString")).toBe(400);
      expect(await status("/api/v1/budget?fiscalYear=2030")).toBe(404);
      const narrowed = await ((await call(apiLoader, "/api/v1/budget?fiscalYear=2026&programme=intermediary", reviewerCookie)) as Response).json();
      expect(narrowed.programmes.map((p: { programme: string }) => p.programme)).toEqual(["intermediary"]);
      const post = apiAction();
      expect(post.status).toBe(405);
      expect(post.headers.get("allow")).toBe("GET");
    });

    it("downloads the ledger as CSV with a byte order mark, one row per application and the page's totals", async () => {
      const response = (await call(csvLoader, "/budget.csv?fiscalYear=2026&programme=prefectural", reviewerCookie)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("予算執行状況_令和8年度_メニュー1.csv")}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder()
        .decode(bytes)
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toBe("申請者,都道府県,年度,事業,状態,申請額（円）,交付決定額（円）,支払額（円）,返還額（円）,確定額（円）");
      expect(lines).toHaveLength(1 + Object.keys(apps).length + 1);
      const { figures } = (await budgetSummary(database.db, new URLSearchParams("fiscalYear=2026&programme=prefectural"))).budgets[0]!;
      expect(lines.at(-1)).toBe(`合計,,,,,${REQUESTED * 8},${figures.decided},${figures.paid},${figures.returned},${figures.confirmed}`);
    });

    it("downloads the ledger as Excel that opens with a frozen header, yen cells and the page's totals", async () => {
      const response = (await call(xlsxLoader, "/budget.xlsx?fiscalYear=2026", reviewerCookie)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("予算執行状況_令和8年度.xlsx")}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet("予算執行状況")!;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getCell("G2").numFmt).toBe('#,##0"円"');
      const totals = sheet.getRow(Object.keys(apps).length + 2);
      const { total } = await budgetSummary(database.db, new URLSearchParams("fiscalYear=2026"));
      expect(totals.getCell(1).value).toBe("合計");
      const result = (column: number) => (totals.getCell(column).value as { result: number }).result;
      expect([result(7), result(8), result(9), result(10)]).toEqual([total.decided, total.paid, total.returned, total.confirmed]);
    });

    it("is for reviewers and administrators: an applicant is refused, and signing in is asked for", async () => {
      const officerCookie = await cookieOf(apps.orderedBack!.officer);
      const administrator = await createUser(database.db, "administrator");
      const adminCookie = await cookieOf(administrator);
      for (const [handler, path] of [
        [pageLoader, "/budget"],
        [csvLoader, "/budget.csv"],
        [xlsxLoader, "/budget.xlsx"],
      ] as const) {
        expect(((await call(handler, path, officerCookie)) as Response).status, path).toBe(403);
        const anonymous = (await call(handler, path)) as Response;
        expect(anonymous.status, path).toBe(302);
        expect(anonymous.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
      }
      expect(await call(pageLoader, "/budget", adminCookie)).toMatchObject({ filter: { fiscalYear: 2026 } });
      expect(((await call(csvLoader, "/budget.csv", adminCookie)) as Response).status).toBe(200);
      expect(((await call(xlsxLoader, "/budget.xlsx", adminCookie)) as Response).status).toBe(200);
      const refused = (await call(apiLoader, "/api/v1/budget", officerCookie)) as Response;
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: "forbidden" });
      const anonymous = (await call(apiLoader, "/api/v1/budget")) as Response;
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: "unauthorized" });
      expect(((await call(apiLoader, "/api/v1/budget", adminCookie)) as Response).status).toBe(200);
    });
  });

  // Last: it adds an application to the year the tests above count.
  it("lists a cancelled grant's repayment still owed among the returns outstanding", async () => {
    const cancelled = await decided();
    await step(cancelled.officer, cancelled.id, "claim_payment", { claimAmount: 1_000_000, ...payee }, AT.pay);
    await step(reviewer, cancelled.id, "record_payment", paid(1_000_000, "2027-02-01"), AT.pay);
    await step(reviewer, cancelled.id, "cancel", { cancelledAmount: REQUESTED, reason: "目的外使用" }, AT.report);
    await step(reviewer, cancelled.id, "order_repayment", { dueOn: "2027-05-20" }, AT.report);

    const overview = await budgetOverview(database.db, new URLSearchParams("fiscalYear=2026"), new Date("2027-05-01T03:00:00Z"));
    expect(overview.actions.returnsOutstanding.items).toContainEqual(
      expect.objectContaining({ id: cancelled.id, state: "cancelled", ordered: 1_000_000, outstanding: 1_000_000, overdue: false }),
    );
  });
});
