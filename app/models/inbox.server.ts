import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { parseInt8 } from "../../db/database";
import type { Database } from "../../db/schema";
import { APPLICATION_STATES, type ApplicationState } from "~/domain/application-states";
import { lastYearPastReportDeadline, REPORT_OWED_STATES } from "~/domain/overdue-reports";
import { INBOX_PAGE_SIZE, type InboxFilter } from "~/forms/inbox-filter";
import { reviewerAccounts, reviewerOf, type Reviewer } from "./assignments.server";

/**
 * States in which the application waits for the reviewer: its days waiting count from `waiting_since`, and
 * the inbox's default order puts them first (`waiting_rank`, migration 018, which freezes the same list).
 */
export const WAITING_ON_REVIEWER: readonly ApplicationState[] = [
  "submitted",
  "under_review",
  "change_requested",
  "discontinuation_requested",
  "withdrawn",
  "reported",
  "cancelled",
];

export interface InboxRow {
  id: number;
  organisation_name: string;
  corporate_number: string | null;
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
  /** Every reviewer account, for the 担当 filter. */
  reviewers: Reviewer[];
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

/**
 * The page's order, over the summary's columns as `table` names them (the same inside the page and around it).
 * "Waiting longest first" puts those waiting on the reviewer first (`waiting_rank`, generated from the state
 * as WAITING_ON_REVIEWER says: migration 018), in the order of an index.
 */
function order(sort: InboxFilter["sort"], table: "summary" | "page") {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  if (sort === "submitted") return [sql`${column("first_submitted_at")} desc nulls last`];
  if (sort === "applied") return [sql`${column("requested_amount")} desc nulls last`];
  if (sort === "decided") return [sql`${column("decided_amount")} desc nulls last`];
  return [sql`${column("waiting_rank")}`, sql`${column("waiting_since")} asc nulls last`];
}

/** An amount read as text from the JSON (a JSON number could round), then as exactly as the tables read it. */
const yen = (text: string | null) => (text === null ? null : parseInt8(text));
const instant = (text: string | null) => (text === null ? null : new Date(text));

/**
 * The reviewer's inbox: every submitted application under the filter, one page of rows at a time, with the
 * count per state and the reviewers to filter by. One statement, whatever the number of applications: it
 * counts, pages and lists the reviewers in subqueries, each read from the narrow summary kept beside each
 * submitted application (migrations 008 and 018, docs/performance.md) through its indexes, and returns them
 * as JSON. The page joins the organisation and the assignee's name to its 50 rows only; a page past the last
 * one shows the last.
 * `viewerId` is whose applications "assigned to me" means; `today` ("YYYY-MM-DD" in Japan) decides which
 * reports are late.
 */
export async function reviewerInbox(
  db: Kysely<Database>,
  filter: InboxFilter,
  { viewerId, today, allRows = false }: { viewerId: number; today: string; allRows?: boolean },
): Promise<Inbox> {
  let base = db.selectFrom("application_summaries as summary").where("summary.state", "!=", "draft");
  if (filter.fiscalYear !== null) base = base.where("summary.fiscal_year", "=", filter.fiscalYear);
  if (filter.programme) base = base.where("summary.programme", "=", filter.programme);
  if (filter.prefecture) base = base.where("summary.prefecture_code", "=", filter.prefecture);
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("organisations")
          .select(sql.lit(1).as("found"))
          .whereRef("organisations.id", "=", "summary.organisation_id")
          .where((o) => o.or([o("organisations.name", "ilike", containing(q)), o("organisations.corporate_number", "=", q)])),
      ),
    );
  }
  if (filter.findings) base = base.where("summary.acknowledged_warnings", ">", 0);
  if (filter.overdue) base = base.where((eb) => reportLate(eb, today));
  if (filter.assignee === "nobody") base = base.where("summary.reviewer_id", "is", null);
  else if (filter.assignee !== "all") base = base.where("summary.reviewer_id", "=", filter.assignee === "me" ? viewerId : filter.assignee);

  const shownStates = filter.states.length > 0 ? filter.states : APPLICATION_STATES.filter((s) => s !== "draft");
  let chosen = base.select((eb) => [
    "summary.application_id",
    "summary.organisation_id",
    "summary.prefecture_code",
    "summary.programme",
    "summary.fiscal_year",
    "summary.state",
    "summary.waiting_rank",
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
  chosen = chosen.orderBy("summary.application_id");
  // The downloads take every row under the filter, in the page's order. A page past the last is the last:
  // the offset is worked out from the counts, in the same statement.
  const pageOffset = sql<number>`(select (page - 1) * ${INBOX_PAGE_SIZE} from paging)`;
  const onePage = allRows ? chosen : chosen.limit(INBOX_PAGE_SIZE).offset(pageOffset);

  let rows = db
    .selectFrom(onePage.as("page"))
    .innerJoin("organisations", "organisations.id", "page.organisation_id")
    .leftJoin("users as assignee", "assignee.id", "page.reviewer_id")
    .select([
      "page.application_id as id",
      "organisations.name as organisation_name",
      "organisations.corporate_number",
      "page.prefecture_code",
      "page.programme",
      "page.fiscal_year",
      "page.state",
      "page.latest_version",
      "page.first_submitted_at",
      "page.latest_submitted_at",
      "page.waiting_since",
      sql<string | null>`page.requested_amount::text`.as("requested_amount"),
      sql<string | null>`page.decided_amount::text`.as("decided_amount"),
      sql<string>`page.paid_amount::text`.as("paid_amount"),
      sql<string>`page.returned_amount::text`.as("returned_amount"),
      "page.acknowledged_warnings",
      "page.report_late",
      "page.reviewer_id as assignee_id",
      "assignee.display_name as assignee_name",
    ]);
  for (const key of order(filter.sort, "page")) rows = rows.orderBy(key);
  rows = rows.orderBy("page.application_id");

  const found = await db
    .with("counts", () => base.select(["summary.state", sql<number>`count(*)::int`.as("n")]).groupBy("summary.state"))
    .with("paging", (w) =>
      w
        .selectFrom("counts")
        .where("state", "in", shownStates)
        .select(sql<number>`least(${allRows ? 1 : filter.page}, greatest(1, ceil(coalesce(sum(n), 0) / ${INBOX_PAGE_SIZE}::numeric)::int))`.as("page")),
    )
    .selectNoFrom((eb) => [
      jsonArrayFrom(eb.selectFrom("counts").select(["state", "n"])).as("counts"),
      eb.selectFrom("paging").select("page").as("page"),
      jsonArrayFrom(rows).as("rows"),
      jsonArrayFrom(reviewerAccounts(db)).as("reviewers"),
    ])
    .executeTakeFirstOrThrow();

  const counts = Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>;
  for (const row of found.counts) counts[row.state] = row.n;
  const total = shownStates.reduce((sum, state) => sum + counts[state], 0);
  const pages = allRows ? 1 : Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  return {
    rows: found.rows.map((row) => ({
      ...row,
      first_submitted_at: instant(row.first_submitted_at),
      latest_submitted_at: instant(row.latest_submitted_at),
      waiting_since: instant(row.waiting_since),
      requested_amount: yen(row.requested_amount),
      decided_amount: yen(row.decided_amount),
      paid_amount: parseInt8(row.paid_amount),
      returned_amount: parseInt8(row.returned_amount),
    })),
    counts,
    total,
    page: found.page ?? 1,
    pages,
    reviewers: found.reviewers.map(reviewerOf),
  };
}
