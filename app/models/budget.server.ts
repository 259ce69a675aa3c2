/**
 * The budget as the database holds it: each application's ledger summed in SQL from its records, in one
 * query whatever the number of applications, and the payments of a year by month. The figures, charts and
 * lists are made from these by app/domain/budget.ts.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema";
import type { ApplicationState } from "~/domain/application-states";
import {
  AWAITING_DECISION,
  ORGANISATION_CHART_ROWS,
  needsAction,
  paymentsByMonth,
  programmeBudgets,
  statusFunnel,
  totalFigures,
  type ApplicationTotals,
  type BudgetApplication,
  type BudgetFigures,
  type OrganisationMoney,
  type OrganisationsMoney,
  type ProgrammeBudget,
  type WaitingApplication,
} from "~/domain/budget";
import { japanToday } from "~/domain/japan-time";
import { APPLICANT_REQUESTS, type ProceedingKind } from "~/domain/proceedings";
import type { Programme } from "~/domain/programmes";
import { readBudgetFilter, type BudgetFilter } from "~/forms/budget-filter";
import { WAITING_ON_REVIEWER } from "./inbox.server";
import { currentCommitments } from "./proceedings.server";
import { listProgrammeParameters } from "./programme-parameters.server";

export interface BudgetScope {
  /** null: every fiscal year. */
  fiscalYear: number | null;
  /** null: both programmes. */
  programme: Programme | null;
  /** Only applications in these states (default: every state but 作成中). */
  states?: readonly ApplicationState[];
}

/**
 * The condition on `applications a` (or `application_summaries a`, which has the same columns) for a scope.
 * A draft is the applicant's own until it is submitted.
 */
function scopeCondition({ fiscalYear, programme, states }: BudgetScope): RawBuilder<unknown> {
  const conditions = [sql`a.state <> 'draft'`];
  if (fiscalYear !== null) conditions.push(sql`a.fiscal_year = ${fiscalYear}`);
  if (programme !== null) conditions.push(sql`a.programme = ${programme}`);
  if (states) conditions.push(states.length > 0 ? sql`a.state in (${sql.join(states)})` : sql`false`);
  return sql.join(conditions, sql` and `);
}

interface Row {
  id: number;
  organisation_name: string;
  prefecture_code: string | null;
  programme: Programme;
  fiscal_year: number;
  state: ApplicationState;
  requested_amount: number;
  grant_amount: number;
  submitted_at: Date;
  decided: number;
  claimed: number;
  paid: number;
  returned: number;
  confirmed: number | null;
  committed: number;
  kinds: ProceedingKind[] | null;
  applicant_step_at: Date | null;
  report_due_on: string | null;
  reported_on: string | null;
  repayment_ordered: number | null;
  repayment_due_on: string | null;
}

/**
 * Every submitted application of the scope with its ledger (decided, claimed, paid, returned, confirmed, as
 * ledgerOf sums its records), its commitment (currentCommitments) and what the lists of things to do need:
 * what the downloads list, one row each. One query: the records are summed per application in SQL, never
 * read one application at a time.
 */
export async function budgetApplications(db: Kysely<Database>, scope: BudgetScope): Promise<BudgetApplication[]> {
  const where = scopeCondition(scope);
  // The latest of a kind is the first of its amounts in descending record order.
  const latest = (value: RawBuilder<unknown>, kinds: RawBuilder<unknown>) => sql`(array_agg(${value} order by p.id desc) filter (where ${kinds}))[1]`;
  const sumOf = (condition: RawBuilder<unknown>) => sql`coalesce(sum(p.amount) filter (where ${condition}), 0)::bigint`;
  const { rows } = await sql<Row>`
    with money as (
      select p.application_id,
        ${latest(sql`p.amount`, sql`p.kind in ('decision', 'change_approval', 'discontinuation_approval')`)} as decided,
        ${sumOf(sql`p.kind = 'payment_claim'`)} as claimed,
        ${sumOf(sql`p.kind = 'payment' and p.record->>'direction' = 'paid'`)} as paid,
        ${sumOf(sql`p.kind = 'payment' and p.record->>'direction' = 'returned'`)} as returned,
        ${latest(sql`p.amount`, sql`p.kind in ('confirmation', 'cancellation')`)} as confirmed,
        array_agg(distinct p.kind::text) as kinds,
        max(p.recorded_at) filter (where p.kind in (${sql.join(APPLICANT_REQUESTS.map((k) => sql.lit(k)))})) as applicant_step_at,
        ${latest(sql`p.record->>'dueOn'`, sql`p.kind = 'performance_report'`)} as report_due_on,
        ${latest(sql`p.record->>'documentDate'`, sql`p.kind = 'performance_report'`)} as reported_on,
        ${latest(sql`p.amount`, sql`p.kind = 'repayment_order'`)} as repayment_ordered,
        ${latest(sql`p.record->>'dueOn'`, sql`p.kind = 'repayment_order'`)} as repayment_due_on
      from application_proceedings p join applications a on a.id = p.application_id
      where ${where}
      group by p.application_id
    ),
    commitments as (${currentCommitments(where)})
    select a.id, o.name as organisation_name, o.prefecture_code, a.programme, a.fiscal_year, a.state,
      v.requested_amount, v.grant_amount, v.submitted_at,
      coalesce(m.decided, 0) as decided, coalesce(m.claimed, 0) as claimed, coalesce(m.paid, 0) as paid,
      coalesce(m.returned, 0) as returned, m.confirmed, coalesce(c.amount, 0) as committed, m.kinds,
      m.applicant_step_at, m.report_due_on, m.reported_on, m.repayment_ordered, m.repayment_due_on
    from applications a
      join organisations o on o.id = a.organisation_id
      join application_versions v on v.application_id = a.id and v.version = a.latest_version
      left join money m on m.application_id = a.id
      left join commitments c on c.application_id = a.id
    where ${where}
    order by a.fiscal_year desc, a.programme desc, o.name, a.id`.execute(db);

  return rows.map((r) => ({
    id: r.id,
    organisationName: r.organisation_name,
    prefectureCode: r.prefecture_code,
    programme: r.programme,
    fiscalYear: r.fiscal_year,
    state: r.state,
    requestedAmount: r.requested_amount,
    grantAmount: r.grant_amount,
    ledger: { decidedAmount: r.decided, claimed: r.claimed, paid: r.paid, returned: r.returned, confirmedAmount: r.confirmed },
    committed: r.committed,
    kinds: r.kinds ?? [],
    waitingSince: r.applicant_step_at && r.applicant_step_at > r.submitted_at ? r.applicant_step_at : r.submitted_at,
    report: r.report_due_on && r.reported_on ? { dueOn: r.report_due_on, madeOn: r.reported_on } : null,
    repaymentOrder: r.repayment_ordered !== null && r.repayment_due_on ? { amount: r.repayment_ordered, dueOn: r.repayment_due_on } : null,
  }));
}

interface TotalsRow {
  programme: Programme;
  count: number;
  applied_count: number;
  applied: number;
  under_review_computed: number;
  resubmission_count: number;
  awaiting_resubmission: number;
  decided: number;
  paid: number;
  returned: number;
  confirmed: number;
  committed: number;
  reached_decided: number;
  reached_reported: number;
  reached_confirmed: number;
  reached_closed: number;
  rejected_count: number;
  withdrawn_count: number;
}

/**
 * What the scope's applications add up to per programme (ApplicationTotals), summed in SQL in one pass over
 * their summaries: one row per programme whatever the number of applications. application_summaries keeps
 * each application's amounts from the same records a ledger sums, its commitment as currentCommitments reads
 * it, its computed grant and the kinds of its records (migrations 008, 023 and 027).
 */
export async function applicationTotals(db: Kysely<Database>, scope: BudgetScope): Promise<Partial<Record<Programme, ApplicationTotals>>> {
  const awaiting = sql`a.state in (${sql.join(AWAITING_DECISION)})`;
  const sumOf = (column: string, condition = sql`true`) => sql`coalesce(sum(${sql.ref(`a.${column}`)}) filter (where ${condition}), 0)::bigint`;
  const countOf = (condition: RawBuilder<unknown>) => sql`count(*) filter (where ${condition})`;
  const reached = (kind: ProceedingKind) => countOf(sql`${kind} = any(a.kinds)`);
  const { rows } = await sql<TotalsRow>`
    select a.programme, count(*) as count,
      ${countOf(awaiting)} as applied_count, ${sumOf("requested_amount", awaiting)} as applied,
      ${sumOf("grant_amount", awaiting)} as under_review_computed,
      ${countOf(sql`a.state = 'returned'`)} as resubmission_count,
      ${sumOf("requested_amount", sql`a.state = 'returned'`)} as awaiting_resubmission,
      ${sumOf("decided_amount")} as decided, ${sumOf("paid_amount")} as paid, ${sumOf("returned_amount")} as returned,
      ${sumOf("confirmed_amount")} as confirmed, ${sumOf("committed_amount")} as committed,
      ${reached("decision")} as reached_decided, ${reached("performance_report")} as reached_reported,
      ${reached("confirmation")} as reached_confirmed, ${countOf(sql`a.state = 'closed'`)} as reached_closed,
      ${countOf(sql`a.state = 'rejected'`)} as rejected_count, ${reached("withdrawal")} as withdrawn_count
    from application_summaries a
    where ${scopeCondition(scope)}
    group by a.programme`.execute(db);
  return Object.fromEntries(
    rows.map((r) => [
      r.programme,
      {
        count: r.count,
        appliedCount: r.applied_count,
        applied: r.applied,
        underReviewComputed: r.under_review_computed,
        awaitingResubmissionCount: r.resubmission_count,
        awaitingResubmission: r.awaiting_resubmission,
        decided: r.decided,
        paid: r.paid,
        returned: r.returned,
        confirmed: r.confirmed,
        committed: r.committed,
        reached: { decided: r.reached_decided, reported: r.reached_reported, confirmed: r.reached_confirmed, closed: r.reached_closed },
        rejectedCount: r.rejected_count,
        withdrawnCount: r.withdrawn_count,
      } satisfies ApplicationTotals,
    ]),
  );
}

/**
 * Decided, paid and returned per organisation (from application_summaries), those with any money only, the
 * largest decision first: the first ORGANISATION_CHART_ROWS of them, and how many there are.
 */
export async function organisationsMoney(db: Kysely<Database>, scope: BudgetScope): Promise<OrganisationsMoney> {
  // Summed per organisation first; only the organisations with money are joined for their names.
  const { rows } = await sql<OrganisationMoney & { count: number }>`
    with money as (
      select a.organisation_id, min(a.programme) as programme, coalesce(sum(a.decided_amount), 0)::bigint as decided,
        sum(a.paid_amount)::bigint as paid, sum(a.returned_amount)::bigint as returned
      from application_summaries a
      where ${scopeCondition(scope)} and (a.decided_amount > 0 or a.paid_amount > 0 or a.returned_amount > 0)
      group by a.organisation_id
      having sum(a.decided_amount) > 0 or sum(a.paid_amount) > 0 or sum(a.returned_amount) > 0
    )
    select o.name as "organisationName", m.programme, m.decided, m.paid, m.returned, count(*) over () as count
    from money m join organisations o on o.id = m.organisation_id
    order by m.decided desc, o.name, o.id
    limit ${ORGANISATION_CHART_ROWS}`.execute(db);
  return { rows: rows.map(({ count: _count, ...row }) => row), count: rows[0]?.count ?? 0 };
}

/** Payments and repayments of a fiscal year's grants, summed by the month of their date ("2026-04"). */
export async function paymentMonths(db: Kysely<Database>, scope: BudgetScope): Promise<{ month: string; paid: number; returned: number }[]> {
  const { rows } = await sql<{ month: string; paid: number; returned: number }>`
    select substr(p.record->>'paidOn', 1, 7) as month,
      coalesce(sum(p.amount) filter (where p.record->>'direction' = 'paid'), 0)::bigint as paid,
      coalesce(sum(p.amount) filter (where p.record->>'direction' = 'returned'), 0)::bigint as returned
    from application_proceedings p join applications a on a.id = p.application_id
    where ${scopeCondition(scope)} and p.kind = 'payment'
    group by 1
    order by 1`.execute(db);
  return rows;
}

export interface BudgetSummary {
  filter: BudgetFilter;
  /** The fiscal years with programme parameters, the latest first. */
  years: number[];
  /** Each programme's figures for the year (one when the filter names a programme). */
  budgets: ProgrammeBudget[];
  total: BudgetFigures;
  /** What each programme's applications add up to, for the funnel. */
  totals: ApplicationTotals[];
}

/** The year and programme the address asks for: the latest year with parameters when it asks for none, or for one that has none. */
async function filterOf(db: Kysely<Database>, params: URLSearchParams) {
  const parameters = await listProgrammeParameters(db);
  const years = [...new Set(parameters.map((p) => p.fiscalYear))].sort((a, b) => b - a);
  return { parameters, years, filter: readBudgetFilter(params, years) };
}

/** The figures of the year and programme the address asks for: what the page, the downloads and the API show. Two queries. */
export async function budgetSummary(db: Kysely<Database>, params: URLSearchParams): Promise<BudgetSummary> {
  const { parameters, years, filter } = await filterOf(db, params);
  if (filter.fiscalYear === null) return { filter, years, budgets: [], total: totalFigures([]), totals: [] };
  const totals = await applicationTotals(db, { fiscalYear: filter.fiscalYear, programme: filter.programme });
  const budgets = programmeBudgets(parameters, totals, filter.fiscalYear, filter.programme);
  return { filter, years, budgets, total: totalFigures(budgets), totals: Object.values(totals) };
}

/** Each application of the year and programme the address asks for, with its ledger: what the downloads list. */
export async function budgetLedger(db: Kysely<Database>, params: URLSearchParams): Promise<{ filter: BudgetFilter; applications: BudgetApplication[] }> {
  const { filter } = await filterOf(db, params);
  if (filter.fiscalYear === null) return { filter, applications: [] };
  return { filter, applications: await budgetApplications(db, { fiscalYear: filter.fiscalYear, programme: filter.programme }) };
}

/**
 * The applications waiting on the reviewer (the inbox's states, in any fiscal year), the longest waiting
 * first: the first `limit` and how many there are, read from the summaries the inbox reads, in its order.
 */
export async function waitingApplications(db: Kysely<Database>, programme: Programme | null, limit: number) {
  // waiting_rank is 0 exactly in the states of WAITING_ON_REVIEWER (migrations 018, 021, 023): the inbox's index.
  const condition = sql.join([sql`s.waiting_rank = 0`, ...(programme === null ? [] : [sql`s.programme = ${programme}`])], sql` and `);
  const { rows } = await sql<WaitingApplication & { count: number }>`
    select s.application_id as id, o.name as "organisationName", s.programme, s.fiscal_year as "fiscalYear", s.state,
      s.waiting_since as "waitingSince", (select count(*) from application_summaries s where ${condition}) as count
    from application_summaries s join organisations o on o.id = s.organisation_id
    where ${condition}
    order by s.waiting_rank, s.waiting_since, s.application_id
    limit ${limit}`.execute(db);
  return { first: rows.map(({ count: _count, ...row }) => row), count: rows[0]?.count ?? 0 };
}

/**
 * Where a report, a settlement or a repayment may be outstanding: decided and not closed (a 取下げ or a 取消
 * may still owe money back). Only these come back one by one; those awaiting a decision are only counted.
 */
const DECIDED_AND_OPEN: readonly ApplicationState[] = [...new Set([...WAITING_ON_REVIEWER, "decided", "change_requested", "confirmed"] as const)].filter(
  (state) => !AWAITING_DECISION.includes(state),
);

/** How many of each list of things to do the page shows. */
const ACTIONS_SHOWN = 10;

/**
 * Everything the budget overview shows: the summary, the data of its charts, and what needs the reviewer in
 * any fiscal year (of the programme asked for). Six queries whatever the number of applications, each
 * summing or counting in the database; only the decided applications not yet closed come back one by one.
 */
export async function budgetOverview(db: Kysely<Database>, params: URLSearchParams, now: Date) {
  const summary = await budgetSummary(db, params);
  const { fiscalYear, programme } = summary.filter;
  const months = fiscalYear === null ? [] : paymentsByMonth(fiscalYear, await paymentMonths(db, { fiscalYear, programme }));
  const organisations = fiscalYear === null ? { rows: [], count: 0 } : await organisationsMoney(db, { fiscalYear, programme });
  const waiting = await waitingApplications(db, programme, ACTIONS_SHOWN);
  const open = await budgetApplications(db, { fiscalYear: null, programme, states: DECIDED_AND_OPEN });
  return {
    ...summary,
    organisations,
    funnel: statusFunnel(summary.totals),
    months,
    actions: needsAction(open, { now, today: japanToday(now), waiting, limit: ACTIONS_SHOWN }),
  };
}
