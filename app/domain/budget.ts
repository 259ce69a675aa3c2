/**
 * The budget at a glance (docs/domain.md §5, "Budget at a glance"): each programme-year's figures summed
 * from the applications' ledgers, the data of its charts, and what waits for the reviewer. Pure: the
 * applications come summed per application from the database (app/models/budget.server.ts).
 */
import type { ApplicationState } from "./application-states";
import { japanDaysBetween, parseDateOnly } from "./japan-time";
import { netPaid, settlementBalance, type Ledger } from "./ledger";
import { assertYen } from "./money";
import { reportDueOn, type ProceedingKind } from "./proceedings";
import { PROGRAMMES, type Programme, type ProgrammeParameters } from "./programmes";
import { formatWarekiDate } from "./wareki";

/** One application as the budget reads it: its ledger and what the lists of things to do need. */
export interface BudgetApplication {
  id: number;
  organisationName: string;
  /** The organisation's prefecture (JIS code) when it is one; null for an intermediary. */
  prefectureCode: string | null;
  programme: Programme;
  fiscalYear: number;
  state: ApplicationState;
  /** The latest submitted version's 交付申請額. */
  requestedAmount: number;
  /** The latest submitted version's computed grant (交付額 by the rules). */
  grantAmount: number;
  ledger: Ledger;
  /**
   * What it holds of its programme-year's budget: its latest decided, changed or confirmed amount (the
   * commitment the budget check of a decision counts), 0 before a decision.
   */
  committed: number;
  /** The kinds of record it has so far. */
  kinds: readonly ProceedingKind[];
  /** When it last came to the reviewer: its latest version, change request, withdrawal or report. */
  waitingSince: Date;
  /** Its latest 実績報告: when it was due and the day it was made. */
  report: { dueOn: string; madeOn: string } | null;
  /** Its latest 返還命令: the amount ordered back and by when. */
  repaymentOrder: { amount: number; dueOn: string } | null;
}

/** Submitted and not decided yet: the reviewer has the application in hand. */
export const AWAITING_DECISION: readonly ApplicationState[] = ["submitted", "under_review"];

export interface BudgetFigures {
  /** 予算額: the programme-year's budget. */
  budget: number;
  /** 申請中: the amounts applied for (latest version) of the applications awaiting a decision. */
  applied: number;
  appliedCount: number;
  /** 差戻し中: the amounts applied for of the applications returned for correction, not in `applied`. */
  awaitingResubmission: number;
  awaitingResubmissionCount: number;
  /** 交付決定額: every decided amount in force (after approved changes). */
  decided: number;
  /** 支払額: every payment made (概算払 and 精算払). */
  paid: number;
  /** 返還額: every repayment received. */
  returned: number;
  /** 確定額: every confirmed amount. */
  confirmed: number;
  /** What the applications hold of the budget: each one's latest decided, changed or confirmed amount. */
  committed: number;
  /** 残額: budget − committed, the room the next decision is checked against. */
  remaining: number;
  /** The computed grants of the applications awaiting a decision. */
  underReviewComputed: number;
  /** What deciding every application awaiting a decision at its computed grant would leave. */
  remainingAfterUnderReview: number;
}

/** The figures in the order the page, the API's documentation and the downloads show them. */
export const FIGURE_KEYS = [
  "budget",
  "applied",
  "awaitingResubmission",
  "decided",
  "confirmed",
  "paid",
  "returned",
  "committed",
  "remaining",
  "underReviewComputed",
  "remainingAfterUnderReview",
] as const satisfies readonly (keyof BudgetFigures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** What each figure is called on the page. */
export const FIGURE_LABELS: Record<FigureKey, string> = {
  budget: "予算額",
  applied: "申請額（審査待ち）",
  awaitingResubmission: "申請額（差戻し中）",
  decided: "交付決定額",
  confirmed: "確定額",
  paid: "支払額",
  returned: "返還額",
  committed: "予算に計上している額",
  remaining: "残額",
  underReviewComputed: "審査待ちの計算上の交付額",
  remainingAfterUnderReview: "審査待ちをすべて計算額で交付決定した場合の残額",
};

/** Each figure in words, as docs/domain.md defines it. */
export const FIGURE_DEFINITIONS: Record<FigureKey, string> = {
  budget: "その年度の事業の予算額です。",
  applied:
    "提出済み・審査中（まだ交付決定・不交付決定をしていないもの）の申請の、最新の版の交付申請額の合計です。差戻し中の申請は含めず、別に件数と額を示します。",
  awaitingResubmission: "差戻し中の申請の、最新の版の交付申請額の合計です。再提出されると審査待ちに戻ります。",
  decided: "交付決定額（変更や中止（廃止）の承認後はその額）の合計です。取下げや額の確定の後も、決定した額として残ります。",
  confirmed: "額の確定をした確定額の合計です。",
  paid: "概算払・精算払として支払った額の合計です。",
  returned: "返還を受けた額の合計です。",
  committed: "申請ごとに、最新の交付決定額（変更承認後はその額、額の確定後は確定額）を合計した額です。交付決定のときに予算を超えないか確かめる額と同じです。",
  remaining: "予算額から予算に計上している額を差し引いた額です。次の交付決定や増額の変更承認は、この額の範囲でしかできません。",
  underReviewComputed: "審査待ちの申請の、最新の版で計算した交付額（交付要綱による計算額）の合計です。",
  remainingAfterUnderReview: "残額から、審査待ちの申請をすべて計算上の交付額で交付決定した場合の額を差し引いた額です。",
};

const total = (amounts: Iterable<number>): number => {
  let sum = 0;
  for (const amount of amounts) sum += amount;
  assertYen(sum);
  return sum;
};

/**
 * What a programme-year's applications add up to, summed in the database over the same ledgers as a
 * BudgetApplication's (app/models/budget.server.ts): the figures without the budget, and the funnel's counts.
 */
export interface ApplicationTotals {
  /** Submitted applications (every state but 作成中). */
  count: number;
  /** In AWAITING_DECISION: their amounts applied for and their computed grants. */
  appliedCount: number;
  applied: number;
  underReviewComputed: number;
  /** Returned for correction: their amounts applied for. */
  awaitingResubmissionCount: number;
  awaitingResubmission: number;
  decided: number;
  paid: number;
  returned: number;
  confirmed: number;
  committed: number;
  /** How many reached each stage of the funnel beyond 提出, and how many ended otherwise. */
  reached: Record<Exclude<FunnelStage, "submitted">, number>;
  rejectedCount: number;
  withdrawnCount: number;
}

/** A programme-year with no submitted application. */
export const NO_APPLICATIONS: ApplicationTotals = {
  count: 0,
  appliedCount: 0,
  applied: 0,
  underReviewComputed: 0,
  awaitingResubmissionCount: 0,
  awaitingResubmission: 0,
  decided: 0,
  paid: 0,
  returned: 0,
  confirmed: 0,
  committed: 0,
  reached: { decided: 0, reported: 0, confirmed: 0, closed: 0 },
  rejectedCount: 0,
  withdrawnCount: 0,
};

/** One programme-year's figures: its budget, and what its applications add up to. */
export function budgetFigures(budget: number, totals: ApplicationTotals): BudgetFigures {
  const remaining = total([budget, -totals.committed]);
  return {
    budget,
    applied: totals.applied,
    appliedCount: totals.appliedCount,
    awaitingResubmission: totals.awaitingResubmission,
    awaitingResubmissionCount: totals.awaitingResubmissionCount,
    decided: totals.decided,
    paid: totals.paid,
    returned: totals.returned,
    confirmed: totals.confirmed,
    committed: totals.committed,
    remaining,
    underReviewComputed: totals.underReviewComputed,
    remainingAfterUnderReview: total([remaining, -totals.underReviewComputed]),
  };
}

export interface ProgrammeBudget {
  programme: Programme;
  figures: BudgetFigures;
}

/**
 * The figures of each programme with parameters for the year (Menu 1 first), from that year's totals per
 * programme (a programme with no applications has none). `programme` narrows it to one.
 */
export function programmeBudgets(
  parameters: readonly ProgrammeParameters[],
  totals: Partial<Record<Programme, ApplicationTotals>>,
  fiscalYear: number,
  programme: Programme | null = null,
): ProgrammeBudget[] {
  return PROGRAMMES.filter((p) => programme === null || p === programme).flatMap((p) => {
    const params = parameters.find((x) => x.fiscalYear === fiscalYear && x.programme === p);
    if (!params) return [];
    return [{ programme: p, figures: budgetFigures(params.programmeBudget, totals[p] ?? NO_APPLICATIONS) }];
  });
}

/** Every programme's figures added up. */
export function totalFigures(budgets: readonly ProgrammeBudget[]): BudgetFigures {
  const keys = Object.keys(budgetFigures(0, NO_APPLICATIONS)) as (keyof BudgetFigures)[];
  return Object.fromEntries(keys.map((key) => [key, total(budgets.map((b) => b.figures[key]))])) as unknown as BudgetFigures;
}

// ---------------------------------------------------------------------------------------------------
// Charts

export interface OrganisationMoney {
  organisationName: string;
  programme: Programme;
  decided: number;
  paid: number;
  returned: number;
}

/**
 * How many organisations the chart draws and its table lists, the largest decisions first: a national call has
 * hundreds, which no chart shows legibly; the downloads have every application.
 */
export const ORGANISATION_CHART_ROWS = 20;

/** The organisations with any money, the largest decisions first (at most ORGANISATION_CHART_ROWS). */
export interface OrganisationsMoney {
  rows: OrganisationMoney[];
  /** How many organisations have any money in all. */
  count: number;
}

export const FUNNEL_STAGES = [
  { stage: "submitted", label: "提出" },
  { stage: "decided", label: "交付決定" },
  { stage: "reported", label: "実績報告" },
  { stage: "confirmed", label: "額の確定" },
  { stage: "closed", label: "完了" },
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number]["stage"];

export interface Funnel {
  /** How many submitted applications reached each stage. */
  stages: { stage: FunnelStage; label: string; count: number }[];
  rejected: number;
  withdrawn: number;
  returned: number;
}

/** How far the submitted applications have come, from the totals of each programme shown. */
export function statusFunnel(totals: readonly ApplicationTotals[]): Funnel {
  const sum = (count: (t: ApplicationTotals) => number) => totals.reduce((n, t) => n + count(t), 0);
  return {
    stages: FUNNEL_STAGES.map(({ stage, label }) => ({ stage, label, count: sum((t) => (stage === "submitted" ? t.count : t.reached[stage])) })),
    rejected: sum((t) => t.rejectedCount),
    withdrawn: sum((t) => t.withdrawnCount),
    returned: sum((t) => t.awaitingResubmissionCount),
  };
}

export interface MonthlyPayments {
  /** "2026-04"; "before" and "after" hold payments dated outside the fiscal year. */
  month: string;
  /** On the chart's axis: "4月", "翌年度". */
  label: string;
  /** In the table: "令和8年4月", "翌年度（令和9年4月以降）". */
  longLabel: string;
  paid: number;
  returned: number;
}

/**
 * Payments and repayments by the month of their date (a date in Japan), April to March of the fiscal year,
 * plus what was paid or received before April or after March (a 精算払 is often made in the spring after),
 * shown only when there is any.
 */
/** "2026-04-01" → "令和8年4月". */
const yearMonth = (firstDay: string) => formatWarekiDate(firstDay).replace(/1日$/, "");

export function paymentsByMonth(fiscalYear: number, rows: readonly { month: string; paid: number; returned: number }[]): MonthlyPayments[] {
  const months: MonthlyPayments[] = Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    const first = `${year}-${String(month).padStart(2, "0")}-01`;
    return { month: first.slice(0, 7), label: `${month}月`, longLabel: yearMonth(first), paid: 0, returned: 0 };
  });
  const before = { month: "before", label: "前年度", longLabel: `前年度（${yearMonth(`${fiscalYear}-03-01`)}以前）`, paid: 0, returned: 0 };
  const after = { month: "after", label: "翌年度", longLabel: `翌年度（${yearMonth(`${fiscalYear + 1}-04-01`)}以降）`, paid: 0, returned: 0 };
  for (const row of rows) {
    const bucket = months.find((m) => m.month === row.month) ?? (row.month < months[0]!.month ? before : after);
    bucket.paid += row.paid;
    bucket.returned += row.returned;
  }
  const outside = (m: MonthlyPayments) => (m.paid > 0 || m.returned > 0 ? [m] : []);
  return [...outside(before), ...months, ...outside(after)];
}

// ---------------------------------------------------------------------------------------------------
// What needs the reviewer

interface ActionBase {
  id: number;
  organisationName: string;
  programme: Programme;
  fiscalYear: number;
  state: ApplicationState;
}

/** An application waiting on the reviewer, as the database lists them: the longest waiting first. */
export interface WaitingApplication extends ActionBase {
  waitingSince: Date;
}

export interface WaitingItem extends WaitingApplication {
  daysWaiting: number;
}

export interface ReportItem extends ActionBase {
  dueOn: string;
  /** The day the report was made; null while it is still missing. */
  reportedOn: string | null;
  daysLate: number;
}

export interface SettlementItem extends ActionBase {
  confirmed: number;
  netPaid: number;
  /** Positive: still to pay (精算払); negative: to order back (返還命令). */
  balance: number;
}

export interface ReturnItem extends ActionBase {
  ordered: number;
  outstanding: number;
  dueOn: string;
  overdue: boolean;
}

export interface ActionList<T> {
  items: T[];
  /** How many there are in all (the list shows the first `limit`). */
  count: number;
}

export interface NeedsAction {
  waiting: ActionList<WaitingItem>;
  reportsOverdue: ActionList<ReportItem>;
  settlementsDue: ActionList<SettlementItem>;
  returnsOutstanding: ActionList<ReturnItem>;
}

/** Decided and not yet reported: the report is late once the last possible due date has passed. */
const REPORT_PENDING: readonly ApplicationState[] = ["decided", "change_requested", "discontinuation_requested"];

const daysFrom = (from: string, to: string) => japanDaysBetween(new Date(`${from}T00:00:00+09:00`), new Date(`${to}T00:00:00+09:00`));

const base = (a: BudgetApplication): ActionBase => ({
  id: a.id,
  organisationName: a.organisationName,
  programme: a.programme,
  fiscalYear: a.fiscalYear,
  state: a.state,
});

const listOf = <T>(items: T[], limit: number): ActionList<T> => ({ items: items.slice(0, limit), count: items.length });

/**
 * The four lists of what needs the reviewer, each the most pressing first (docs/domain.md §5):
 * - waiting: the applications waiting on the reviewer (the inbox's states), the longest first, as the database
 *   read the first of them and counted them all (a call has thousands), with their days in Japan;
 * - reports overdue: decided (or with a change pending) and no 実績報告 after the latest day it can be due
 *   (10 April after the fiscal year), then reports awaiting confirmation that were made after their due date;
 * - settlements due: confirmed, and paid − returned differs from the confirmed amount, except an
 *   overpayment already ordered back;
 * - returns outstanding: ordered back (返還命令) and not yet wholly received.
 * The last three are made from `applications`, which must hold every decided one not yet closed.
 */
export function needsAction(
  applications: readonly BudgetApplication[],
  { now, today, waiting, limit = 10 }: { now: Date; today: string; waiting: { first: readonly WaitingApplication[]; count: number }; limit?: number },
): NeedsAction {
  parseDateOnly(today);
  const missing: ReportItem[] = applications
    .filter((a) => REPORT_PENDING.includes(a.state) && !a.kinds.includes("performance_report"))
    .map((a) => ({ ...base(a), dueOn: reportDueOn(`${a.fiscalYear + 1}-03-31`, a.fiscalYear), reportedOn: null, daysLate: 0 }))
    .filter((r) => r.dueOn < today)
    .map((r) => ({ ...r, daysLate: daysFrom(r.dueOn, today) }));
  const late: ReportItem[] = applications
    .filter((a) => a.state === "reported" && a.report !== null && a.report.madeOn > a.report.dueOn)
    .map((a) => ({ ...base(a), dueOn: a.report!.dueOn, reportedOn: a.report!.madeOn, daysLate: daysFrom(a.report!.dueOn, a.report!.madeOn) }));
  const byLateness = (x: ReportItem, y: ReportItem) => y.daysLate - x.daysLate || x.id - y.id;

  const orderedBack = (a: BudgetApplication) => a.repaymentOrder !== null && settlementBalance(a.ledger) < 0;
  const settlements = applications
    .filter((a) => a.state === "confirmed" && settlementBalance(a.ledger) !== 0 && !orderedBack(a))
    .map((a) => ({ ...base(a), confirmed: a.ledger.confirmedAmount ?? 0, netPaid: netPaid(a.ledger), balance: settlementBalance(a.ledger) }))
    .sort((x, y) => Math.abs(y.balance) - Math.abs(x.balance) || x.id - y.id);

  const returns = applications
    .filter(orderedBack)
    .map((a) => ({
      ...base(a),
      ordered: a.repaymentOrder!.amount,
      outstanding: -settlementBalance(a.ledger),
      dueOn: a.repaymentOrder!.dueOn,
      overdue: a.repaymentOrder!.dueOn < today,
    }))
    .sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.id - y.id);

  return {
    waiting: {
      items: waiting.first.slice(0, limit).map((a) => ({ ...a, daysWaiting: japanDaysBetween(a.waitingSince, now) })),
      count: waiting.count,
    },
    reportsOverdue: listOf([...missing.sort(byLateness), ...late.sort(byLateness)], limit),
    settlementsDue: listOf(settlements, limit),
    returnsOutstanding: listOf(returns, limit),
  };
}
