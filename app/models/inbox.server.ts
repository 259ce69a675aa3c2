import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { APPLICATION_STATES, type ApplicationState } from "~/domain/application-states";
import { INBOX_PAGE_SIZE, type InboxFilter } from "~/forms/inbox-filter";

/** States in which the application waits for the reviewer: its days waiting count from its latest version. */
export const WAITING_ON_REVIEWER: readonly ApplicationState[] = ["submitted", "under_review", "change_requested", "withdrawn", "reported"];

export interface InboxRow {
  id: number;
  organisation_name: string;
  prefecture_code: string | null;
  programme: "prefectural" | "intermediary";
  fiscal_year: number;
  state: ApplicationState;
  latest_version: number;
  first_submitted_at: Date | null;
  latest_submitted_at: Date | null;
  requested_amount: number | null;
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

/**
 * The reviewer's inbox: every submitted application under the filter, one page of rows at a time, with the
 * count per state. Two queries, whatever the number of applications: the page, and the counts.
 */
export async function reviewerInbox(db: Kysely<Database>, filter: InboxFilter, options: { allRows?: boolean } = {}): Promise<Inbox> {
  let base = db
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .where("applications.state", "!=", "draft");
  if (filter.fiscalYear !== null) base = base.where("applications.fiscal_year", "=", filter.fiscalYear);
  if (filter.programme) base = base.where("applications.programme", "=", filter.programme);
  if (filter.prefecture) base = base.where("organisations.prefecture_code", "=", filter.prefecture);
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) => eb.or([eb("organisations.name", "ilike", containing(q)), eb("organisations.corporate_number", "=", q)]));
  }

  const countRows = await base
    .select(["applications.state", sql<number>`count(*)::int`.as("n")])
    .groupBy("applications.state")
    .execute();
  const counts = Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>;
  for (const row of countRows) counts[row.state] = row.n;
  const shownStates = filter.states.length > 0 ? filter.states : APPLICATION_STATES.filter((s) => s !== "draft");
  const total = shownStates.reduce((sum, state) => sum + counts[state], 0);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(filter.page, pages);

  let rows = base
    .leftJoin("application_versions as latest", (join) =>
      join.onRef("latest.application_id", "=", "applications.id").onRef("latest.version", "=", "applications.latest_version"),
    )
    .leftJoin("application_versions as first", (join) => join.onRef("first.application_id", "=", "applications.id").on("first.version", "=", 1))
    .select([
      "applications.id",
      "organisations.name as organisation_name",
      "organisations.prefecture_code",
      "applications.programme",
      "applications.fiscal_year",
      "applications.state",
      "applications.latest_version",
      "first.submitted_at as first_submitted_at",
      "latest.submitted_at as latest_submitted_at",
      "latest.requested_amount",
    ]);
  if (filter.states.length > 0) rows = rows.where("applications.state", "in", filter.states);
  rows =
    filter.sort === "submitted"
      ? rows.orderBy("first.submitted_at", "desc")
      : filter.sort === "applied"
        ? rows.orderBy(sql`latest.requested_amount desc nulls last`)
        : // Those waiting on the reviewer first, the longest waiting first.
          rows.orderBy(sql`case when applications.state in (${sql.join(WAITING_ON_REVIEWER)}) then 0 else 1 end`).orderBy("latest.submitted_at", "asc");
  // Downloads take every row under the filter, in the same order, in one query.
  if (options.allRows) return { rows: await rows.orderBy("applications.id").execute(), counts, total, page: 1, pages: 1 };
  const pageRows = await rows
    .orderBy("applications.id")
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .execute();
  return { rows: pageRows, counts, total, page, pages };
}
