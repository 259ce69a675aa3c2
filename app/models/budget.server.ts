/**
 * The budget as the database holds it: each application's ledger summed in SQL from its records, in one
 * query whatever the number of applications, and the payments of a year by month. The figures, charts and
 * lists are made from these by app/domain/budget.ts.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema";
import type { ApplicationState } from "~/domain/application-states";
import {
  moneyByOrganisation,
  needsAction,
  paymentsByMonth,
  programmeBudgets,
  statusFunnel,
  totalFigures,
  type BudgetApplication,
  type BudgetFigures,
  type ProgrammeBudget,
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

/** The condition on `applications a` for a scope. A draft is the applicant's own until it is submitted. */
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
 * ledgerOf sums its records), its commitment (currentCommitments) and what the lists of things to do need.
 * One query: the records are summed per application in SQL, never read one application at a time.
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
  applications: BudgetApplication[];
}

/**
 * The figures of the year and programme the address asks for (the latest year with parameters when it asks
 * for none, or for one that has none): what the page, the downloads and the API show. Two queries.
 */
export async function budgetSummary(db: Kysely<Database>, params: URLSearchParams): Promise<BudgetSummary> {
  const parameters = await listProgrammeParameters(db);
  const years = [...new Set(parameters.map((p) => p.fiscalYear))].sort((a, b) => b - a);
  const filter = readBudgetFilter(params, years);
  if (filter.fiscalYear === null) return { filter, years, budgets: [], total: totalFigures([]), applications: [] };
  const applications = await budgetApplications(db, { fiscalYear: filter.fiscalYear, programme: filter.programme });
  const budgets = programmeBudgets(parameters, applications, filter.fiscalYear, filter.programme);
  return { filter, years, budgets, total: totalFigures(budgets), applications };
}

/** States in which an application may need the reviewer: waiting on them, or money still to settle. */
const MAY_NEED_ACTION: readonly ApplicationState[] = [...new Set([...WAITING_ON_REVIEWER, "decided", "change_requested", "confirmed"] as const)];

/**
 * Everything the budget overview shows: the summary, the data of its charts, and what needs the reviewer in
 * any fiscal year (of the programme asked for). Four queries whatever the number of applications.
 */
export async function budgetOverview(db: Kysely<Database>, params: URLSearchParams, now: Date) {
  const summary = await budgetSummary(db, params);
  const { fiscalYear, programme } = summary.filter;
  const months = fiscalYear === null ? [] : paymentsByMonth(fiscalYear, await paymentMonths(db, { fiscalYear, programme }));
  const open = await budgetApplications(db, { fiscalYear: null, programme, states: MAY_NEED_ACTION });
  return {
    ...summary,
    organisations: moneyByOrganisation(summary.applications),
    funnel: statusFunnel(summary.applications),
    months,
    actions: needsAction(open, { now, today: japanToday(now), waitingStates: WAITING_ON_REVIEWER }),
  };
}
