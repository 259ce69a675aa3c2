/**
 * The reviewer's inbox filter, read from the page's address so that a view can be bookmarked and shared. As
 * with the audit filter, a value that cannot be one is left out rather than refused, and never reaches the
 * database.
 */
import { pageParam } from "./page-param";
import { APPLICATION_STATES, type ApplicationState } from "~/domain/application-states";
import { PREFECTURES } from "~/domain/prefectures";
import { PROGRAMMES, type Programme } from "~/domain/programmes";
import { storableText } from "~/domain/text";

export const INBOX_SORTS = {
  waiting: "待ち日数の長い順",
  submitted: "提出日の新しい順",
  applied: "申請額の大きい順",
  decided: "交付決定額の大きい順",
} as const;
export type InboxSort = keyof typeof INBOX_SORTS;

export const INBOX_PAGE_SIZE = 50;

/**
 * Whose applications: the viewer's own (the default, so absent from the address), every reviewer's,
 * nobody's yet, or one reviewer's by user id.
 */
export type InboxAssignee = "me" | "all" | "nobody" | number;

export interface InboxFilter {
  fiscalYear: number | null;
  programme: Programme | null;
  /** None: every state but 作成中 (a draft is the applicant's own until it is submitted). */
  states: ApplicationState[];
  prefecture: string | null;
  /** Part of the organisation's name, or its 法人番号. */
  q: string;
  /** Only those whose latest version carries warnings the applicant acknowledged. */
  findings: boolean;
  /** Only those whose performance report is late (docs/domain.md §5). */
  overdue: boolean;
  assignee: InboxAssignee;
  sort: InboxSort;
  page: number;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);
const PREFECTURE_CODES = PREFECTURES.map(([code]) => code as string);

export function readInboxFilter(params: URLSearchParams, { takesApplications = true }: { takesApplications?: boolean } = {}): InboxFilter {
  const fiscalYear = params.get("fiscalYear") ?? "";
  const programme = params.get("programme") ?? "";
  const prefecture = params.get("prefecture") ?? "";
  const sort = params.get("sort") ?? "";
  const assignee = params.get("assignee") ?? "";
  return {
    fiscalYear: /^20[0-9]{2}$/.test(fiscalYear) ? Number(fiscalYear) : null,
    programme: isOneOf(PROGRAMMES, programme) ? programme : null,
    states: APPLICATION_STATES.filter((state) => state !== "draft" && params.getAll("state").includes(state)),
    prefecture: PREFECTURE_CODES.includes(prefecture) ? prefecture : null,
    q: storableText(params.get("q") ?? "")
      .normalize("NFKC")
      .trim()
      .slice(0, 100),
    findings: params.get("findings") === "1",
    overdue: params.get("overdue") === "1",
    assignee:
      assignee === "all" || assignee === "nobody" ? assignee : /^[1-9][0-9]{0,14}$/.test(assignee) ? Number(assignee) : takesApplications ? "me" : "all",
    sort: isOneOf(Object.keys(INBOX_SORTS) as InboxSort[], sort) ? sort : "waiting",
    page: pageParam(params),
  };
}

/** The address of the inbox with this filter, changed by `change` (a new filter starts again at page 1). */
export function inboxHref(filter: InboxFilter, change: Partial<InboxFilter> = {}): string {
  const next = { ...filter, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.fiscalYear !== null) params.set("fiscalYear", String(next.fiscalYear));
  if (next.programme) params.set("programme", next.programme);
  for (const state of next.states) params.append("state", state);
  if (next.prefecture) params.set("prefecture", next.prefecture);
  if (next.q) params.set("q", next.q);
  if (next.findings) params.set("findings", "1");
  if (next.overdue) params.set("overdue", "1");
  if (next.assignee !== "me") params.set("assignee", String(next.assignee));
  if (next.sort !== "waiting") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/applications?${query}` : "/applications";
}
