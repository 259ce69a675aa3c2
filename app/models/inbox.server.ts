import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { APPLICATION_STATES, type ApplicationState } from "~/domain/application-states";
import { lastYearPastReportDeadline, REPORT_OWED_STATES } from "~/domain/overdue-reports";
import { INBOX_PAGE_SIZE, type InboxFilter } from "~/forms/inbox-filter";

/** States in which the application waits for the reviewer: its days waiting count from `waiting_since`. */
export const WAITING_ON_REVIEWER: readonly ApplicationState[] = ["submitted", "under_review", "change_requested", "withdrawn", "reported"];

export interface InboxRow {
  id: number;
  organisation_name: string;
  /** The prefecture's own code, or the one its 所在地 begins with. */
  prefecture_code: string | null;
  programme: "prefectural" | "intermediary";
  fiscal_year: number;
  state: ApplicationState;
  latest_version: number;
  first_submitted_at: Date | null;
  latest_submitted_at: Date | null;
  /** Since when it waits on the reviewer: the latest version, or the applicant's latest request or report. */
  waiting_since: Date | null;
  requested_amount: number | null;
  /** The decided amount in force (after approved changes); null before a decision. */
  decided_amount: number | null;
  paid_amount: number;
  returned_amount: number;
  acknowledged_warnings: number;
  report_late: boolean;
  assignee_id: number | null;
  assignee_name: string | null;
}

export interface Inbox {
  rows: InboxRow[];
  /** How many applications each state holds under the filter (its states aside). */
  counts: Record<ApplicationState, number>;
  /** How many the whole filter holds, states included. */
  total: number;
  page: number;
  pages: number;
}

/** `%` and `_` in what was typed are matched as themselves. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Filtered = Database & { summary: Database["application_summaries"] };

/** A late performance report (app/domain/overdue-reports.ts), as SQL over an application's summary. */
function reportLate(eb: ExpressionBuilder<Filtered, "summary">, today: string) {
  return eb.or([
    eb.and([eb("summary.state", "in", REPORT_OWED_STATES), eb("summary.fiscal_year", "<=", lastYearPastReportDeadline(today))]),
    eb("summary.reported_on", ">", eb.ref("summary.report_due_on")),
  ]);
}

/** The page's order, over the summary's columns as `table` names them (the same inside the page and around it). */
function order(sort: InboxFilter["sort"], table: "summary" | "page") {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  if (sort === "submitted") return [sql`${column("first_submitted_at")} desc nulls last`];
  if (sort === "applied") return [sql`${column("requested_amount")} desc nulls last`];
  if (sort === "decided") return [sql`${column("decided_amount")} desc nulls last`];
  // Those waiting on the reviewer first, the longest waiting first.
  const waiting = sql.join(WAITING_ON_REVIEWER.map((state) => sql.lit(state)));
  return [sql`case when ${column("state")} in (${waiting}) then 0 else 1 end`, sql`${column("waiting_since")} asc nulls last`];
}

/**
 * The reviewer's inbox: every submitted application under the filter, one page of rows at a time, with the
 * count per state. Two queries, whatever the number of applications: the counts, and the page. Both filter
 * and sort the narrow summary kept beside each submitted application (migration 008, docs/performance.md);
 * the page joins the organisation and the assignee's name to its 50 rows only.
 * `viewerId` is whose applications "assigned to me" means; `today` ("YYYY-MM-DD" in Japan) decides which
 * reports are late.
 */
export async function reviewerInbox(
  db: Kysely<Database>,
  filter: InboxFilter,
  { viewerId, today, allRows = false }: { viewerId: number; today: string; allRows?: boolean },
): Promise<Inbox> {
  // The organisation is joined for the filters that need it; PostgreSQL leaves the left join out otherwise.
  let base = db
    .selectFrom("application_summaries as summary")
    .leftJoin("organisations", "organisations.id", "summary.organisation_id")
    .where("summary.state", "!=", "draft");
  if (filter.fiscalYear !== null) base = base.where("summary.fiscal_year", "=", filter.fiscalYear);
  if (filter.programme) base = base.where("summary.programme", "=", filter.programme);
  if (filter.prefecture) base = base.where("organisations.location_prefecture_code", "=", filter.prefecture);
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) => eb.or([eb("organisations.name", "ilike", containing(q)), eb("organisations.corporate_number", "=", q)]));
  }
  if (filter.findings) base = base.where("summary.acknowledged_warnings", ">", 0);
  if (filter.overdue) base = base.where((eb) => reportLate(eb, today));
  if (filter.assignee === "nobody") base = base.where("summary.reviewer_id", "is", null);
  else if (filter.assignee !== "all") base = base.where("summary.reviewer_id", "=", filter.assignee === "me" ? viewerId : filter.assignee);

  const countRows = await base
    .select(["summary.state", sql<number>`count(*)::int`.as("n")])
    .groupBy("summary.state")
    .execute();
  const counts = Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>;
  for (const row of countRows) counts[row.state] = row.n;
  const shownStates = filter.states.length > 0 ? filter.states : APPLICATION_STATES.filter((s) => s !== "draft");
  const total = shownStates.reduce((sum, state) => sum + counts[state], 0);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(filter.page, pages);

  let chosen = base.select((eb) => [
    "summary.application_id",
    "summary.organisation_id",
    "summary.programme",
    "summary.fiscal_year",
    "summary.state",
    "summary.latest_version",
    "summary.reviewer_id",
    "summary.first_submitted_at",
    "summary.latest_submitted_at",
    "summary.waiting_since",
    "summary.requested_amount",
    "summary.decided_amount",
    "summary.paid_amount",
    "summary.returned_amount",
    "summary.acknowledged_warnings",
    eb.fn.coalesce(reportLate(eb, today), sql.lit(false)).$castTo<boolean>().as("report_late"),
  ]);
  if (filter.states.length > 0) chosen = chosen.where("summary.state", "in", filter.states);
  for (const key of order(filter.sort, "summary")) chosen = chosen.orderBy(key);
  // The downloads take every row under the filter, in the page's order.
  const onePage = allRows
    ? chosen.orderBy("summary.application_id")
    : chosen
        .orderBy("summary.application_id")
        .limit(INBOX_PAGE_SIZE)
        .offset((page - 1) * INBOX_PAGE_SIZE);

  let rows = db
    .selectFrom(onePage.as("page"))
    .innerJoin("organisations", "organisations.id", "page.organisation_id")
    .leftJoin("users as assignee", "assignee.id", "page.reviewer_id")
    .select([
      "page.application_id as id",
      "organisations.name as organisation_name",
      "organisations.location_prefecture_code as prefecture_code",
      "page.programme",
      "page.fiscal_year",
      "page.state",
      "page.latest_version",
      "page.first_submitted_at",
      "page.latest_submitted_at",
      "page.waiting_since",
      "page.requested_amount",
      "page.decided_amount",
      "page.paid_amount",
      "page.returned_amount",
      "page.acknowledged_warnings",
      "page.report_late",
      "page.reviewer_id as assignee_id",
      "assignee.display_name as assignee_name",
    ]);
  for (const key of order(filter.sort, "page")) rows = rows.orderBy(key);
  const pageRows = await rows.orderBy("page.application_id").execute();
  return allRows ? { rows: pageRows, counts, total, page: 1, pages: 1 } : { rows: pageRows, counts, total, page, pages };
}
