import { describe, expect, it } from "vitest";
import {
  budgetFigures,
  needsAction,
  NO_APPLICATIONS,
  paymentsByMonth,
  programmeBudgets,
  statusFunnel,
  totalFigures,
  type ApplicationTotals,
  type BudgetApplication,
} from "../../app/domain/budget";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { budgetFileBaseName, budgetQuery, readBudgetFilter } from "../../app/forms/budget-filter";

let nextId = 1;

/** An application under review for 1,000,000円 (computed 1,200,000円) unless told otherwise. */
function application(change: Partial<Omit<BudgetApplication, "ledger">> & { ledger?: Partial<BudgetApplication["ledger"]> } = {}): BudgetApplication {
  const { ledger, ...rest } = change;
  return {
    id: nextId++,
    organisationName: `団体${nextId}`,
    prefectureCode: null,
    programme: "prefectural",
    fiscalYear: 2026,
    state: "under_review",
    requestedAmount: 1_000_000,
    grantAmount: 1_200_000,
    committed: 0,
    kinds: [],
    waitingSince: new Date("2026-06-01T01:00:00Z"),
    report: null,
    repaymentOrder: null,
    ...rest,
    ledger: { decidedAmount: 0, claimed: 0, paid: 0, returned: 0, confirmedAmount: null, ...ledger },
  };
}

/** What a programme-year's applications add up to: nothing unless told otherwise. */
const totals = (change: Partial<ApplicationTotals> = {}): ApplicationTotals => ({ ...NO_APPLICATIONS, ...change });

describe("a programme-year's figures", () => {
  // Two awaiting a decision (1,000,000 + 500,000, computed 1,200,000 + 500,000), one returned for correction
  // (700,000), one decided (3,000,000, 1,000,000 paid) and one confirmed at 3,500,000 (4,000,000 decided and paid, 300,000 returned).
  const year = totals({
    count: 6,
    appliedCount: 2,
    applied: 1_500_000,
    underReviewComputed: 1_700_000,
    awaitingResubmissionCount: 1,
    awaitingResubmission: 700_000,
    decided: 7_000_000,
    paid: 5_000_000,
    returned: 300_000,
    confirmed: 3_500_000,
    committed: 6_500_000,
  });

  it("takes what is committed from the budget, and then what deciding everything awaiting a decision would take", () => {
    expect(budgetFigures(10_000_000, year)).toEqual({
      budget: 10_000_000,
      applied: 1_500_000,
      appliedCount: 2,
      awaitingResubmission: 700_000,
      awaitingResubmissionCount: 1,
      decided: 7_000_000,
      paid: 5_000_000,
      returned: 300_000,
      confirmed: 3_500_000,
      committed: 6_500_000,
      remaining: 3_500_000,
      underReviewComputed: 1_700_000,
      remainingAfterUnderReview: 1_800_000,
    });
  });

  it("goes below zero rather than hide a budget cut below what is committed", () => {
    expect(budgetFigures(5_000_000, year)).toMatchObject({ remaining: -1_500_000, remainingAfterUnderReview: -3_200_000 });
  });

  it("gives each programme with parameters its own budget, and adds them up", () => {
    const menu2 = totals({ count: 1, decided: 2_000_000, committed: 2_000_000 });
    const budgets = programmeBudgets(DEFAULT_PROGRAMME_PARAMETERS, { prefectural: year, intermediary: menu2 }, 2026);
    expect(budgets.map((b) => [b.programme, b.figures.budget, b.figures.decided])).toEqual([
      ["prefectural", 70_000_000, 7_000_000],
      ["intermediary", 60_000_000, 2_000_000],
    ]);
    expect(totalFigures(budgets)).toMatchObject({ budget: 130_000_000, decided: 9_000_000, remaining: 130_000_000 - 8_500_000 });
    expect(programmeBudgets(DEFAULT_PROGRAMME_PARAMETERS, { prefectural: year }, 2026, "intermediary")).toEqual([
      { programme: "intermediary", figures: budgetFigures(60_000_000, NO_APPLICATIONS) },
    ]);
    expect(programmeBudgets(DEFAULT_PROGRAMME_PARAMETERS, { prefectural: year }, 2031)).toEqual([]);
  });

  it("refuses a total that is no longer a whole number of yen it can hold exactly", () => {
    const huge = totals({ decided: Number.MAX_SAFE_INTEGER });
    const budgets = programmeBudgets(DEFAULT_PROGRAMME_PARAMETERS, { prefectural: huge, intermediary: huge }, 2026);
    expect(() => totalFigures(budgets)).toThrow(RangeError);
    expect(() => budgetFigures(0, totals({ committed: Number.MAX_SAFE_INTEGER, underReviewComputed: 10 }))).toThrow(RangeError);
  });
});

describe("the charts' data", () => {
  it("counts each stage the applications of every programme shown reached, whatever they are now", () => {
    const funnel = statusFunnel([
      totals({ count: 4, reached: { decided: 2, reported: 1, confirmed: 1, closed: 2 }, rejectedCount: 1, withdrawnCount: 1 }),
      totals({ count: 2, reached: { decided: 1, reported: 0, confirmed: 0, closed: 0 }, awaitingResubmissionCount: 1 }),
    ]);
    expect(funnel.stages.map((s) => [s.label, s.count])).toEqual([
      ["提出", 6],
      ["交付決定", 3],
      ["実績報告", 1],
      ["額の確定", 1],
      ["完了", 2],
    ]);
    expect(funnel).toMatchObject({ rejected: 1, withdrawn: 1, returned: 1 });
  });

  it("puts payments into April to March of the fiscal year, and those outside it before or after", () => {
    const months = paymentsByMonth(2026, [
      { month: "2026-03", paid: 1, returned: 0 },
      { month: "2026-04", paid: 100, returned: 0 },
      { month: "2027-03", paid: 200, returned: 50 },
      { month: "2027-05", paid: 30, returned: 0 },
      { month: "2028-01", paid: 4, returned: 7 },
    ]);
    expect(months.map((m) => m.label)).toEqual(["前年度", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月", "翌年度"]);
    expect(months[1]).toEqual({ month: "2026-04", label: "4月", longLabel: "令和8年4月", paid: 100, returned: 0 });
    expect(months[12]).toMatchObject({ month: "2027-03", longLabel: "令和9年3月", paid: 200, returned: 50 });
    expect(months.at(-1)).toEqual({ month: "after", label: "翌年度", longLabel: "翌年度（令和9年4月以降）", paid: 34, returned: 7 });
    expect(months[0]).toMatchObject({ longLabel: "前年度（令和8年3月以前）", paid: 1 });
    expect(paymentsByMonth(2026, [])).toHaveLength(12);
  });
});

describe("what needs the reviewer", () => {
  const now = new Date("2027-05-01T03:00:00Z");
  const today = "2027-05-01";
  const options = { now, today, waiting: { first: [], count: 0 } };

  it("counts the days each waiting application has waited in Japan, as the database listed them", () => {
    const waitingFor = (id: number, waitingSince: Date) => ({
      id,
      organisationName: "富山県",
      programme: "prefectural" as const,
      fiscalYear: 2026,
      state: "submitted" as const,
      waitingSince,
    });
    const first = [waitingFor(7, new Date("2027-03-31T15:30:00Z")), waitingFor(3, new Date("2027-04-30T01:00:00Z"))]; // 1 April in Japan, then 30 April
    const { waiting } = needsAction([], { ...options, waiting: { first, count: 12 } });
    expect(waiting.items.map((w) => [w.id, w.daysWaiting])).toEqual([
      [7, 30],
      [3, 1],
    ]);
    expect(waiting.count).toBe(12);
  });

  it("shows at most `limit` of each list, and how many there are in all", () => {
    const many = Array.from({ length: 12 }, () =>
      application({ state: "confirmed", ledger: { decidedAmount: 1_000_000, paid: 0, confirmedAmount: 1_000_000 } }),
    );
    const { settlementsDue } = needsAction(many, { ...options, limit: 10 });
    expect(settlementsDue.items).toHaveLength(10);
    expect(settlementsDue.count).toBe(12);
  });

  it("flags a missing report only after 10 April after the fiscal year, and a late one while it awaits confirmation", () => {
    const due = application({ state: "decided", fiscalYear: 2026, kinds: ["decision"] });
    const pendingChange = application({ state: "change_requested", fiscalYear: 2025, kinds: ["decision", "change_request"] });
    const late = application({ state: "reported", kinds: ["decision", "performance_report"], report: { dueOn: "2027-03-28", madeOn: "2027-04-05" } });
    const onTime = application({ state: "reported", kinds: ["decision", "performance_report"], report: { dueOn: "2027-04-10", madeOn: "2027-04-10" } });
    const lateButConfirmed = application({ state: "confirmed", report: { dueOn: "2027-03-28", madeOn: "2027-04-05" } });

    const { reportsOverdue } = needsAction([due, pendingChange, late, onTime, lateButConfirmed], options);
    expect(reportsOverdue.items.map((r) => [r.id, r.dueOn, r.reportedOn, r.daysLate])).toEqual([
      [pendingChange.id, "2026-04-10", null, 386],
      [due.id, "2027-04-10", null, 21],
      [late.id, "2027-03-28", "2027-04-05", 8],
    ]);
    expect(needsAction([due], { ...options, today: "2027-04-10", now: new Date("2027-04-10T03:00:00Z") }).reportsOverdue.count).toBe(0);
  });

  it("tells a settlement to pay and an overpayment to order back from a repayment already ordered", () => {
    const toPay = application({ state: "confirmed", ledger: { decidedAmount: 2_000_000, paid: 500_000, confirmedAmount: 1_800_000 } });
    const toOrder = application({ state: "confirmed", ledger: { decidedAmount: 2_000_000, paid: 2_000_000, confirmedAmount: 1_900_000 } });
    const ordered = application({
      state: "confirmed",
      ledger: { decidedAmount: 2_000_000, paid: 2_000_000, returned: 100_000, confirmedAmount: 1_600_000 },
      repaymentOrder: { amount: 400_000, dueOn: "2027-04-30" },
    });
    const settled = application({
      state: "confirmed",
      ledger: { decidedAmount: 2_000_000, paid: 2_000_000, returned: 400_000, confirmedAmount: 1_600_000 },
      repaymentOrder: { amount: 400_000, dueOn: "2027-04-30" },
    });
    const actions = needsAction([toOrder, toPay, ordered, settled], options);
    expect(actions.settlementsDue.items.map((s) => [s.id, s.balance])).toEqual([
      [toPay.id, 1_300_000],
      [toOrder.id, -100_000],
    ]);
    expect(actions.returnsOutstanding.items).toEqual([expect.objectContaining({ id: ordered.id, ordered: 400_000, outstanding: 300_000, overdue: true })]);
  });
});

describe("the budget filter", () => {
  const years = [2024, 2026, 2025];

  it("reads a year that has parameters and a programme, and otherwise the latest year and both programmes", () => {
    expect(readBudgetFilter(new URLSearchParams("fiscalYear=2025&programme=intermediary"), years)).toEqual({ fiscalYear: 2025, programme: "intermediary" });
    for (const query of ["", "fiscalYear=2031", "fiscalYear=abc", "fiscalYear=2025.0", "fiscalYear=+2025", "programme=constructor", "programme=__proto__"]) {
      expect(readBudgetFilter(new URLSearchParams(query), years), query).toEqual({ fiscalYear: 2026, programme: null });
    }
    expect(readBudgetFilter(new URLSearchParams("fiscalYear=2026"), [])).toEqual({ fiscalYear: null, programme: null });
  });

  it("names the downloads in Japanese and keeps the view in their address", () => {
    expect(budgetFileBaseName({ fiscalYear: 2026, programme: null })).toBe("予算執行状況_令和8年度");
    expect(budgetFileBaseName({ fiscalYear: 2025, programme: "intermediary" })).toBe("予算執行状況_令和7年度_メニュー2");
    expect(budgetQuery({ fiscalYear: 2026, programme: "prefectural" })).toBe("?fiscalYear=2026&programme=prefectural");
    expect(budgetQuery({ fiscalYear: null, programme: null })).toBe("");
  });
});
