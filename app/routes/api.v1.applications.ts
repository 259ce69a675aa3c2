import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { japanToday } from "~/domain/japan-time";
import { can } from "~/domain/permissions";
import { inboxApiRow } from "~/exports/inbox";
import { INBOX_PAGE_SIZE, readInboxFilter } from "~/forms/inbox-filter";
import { reviewerInbox } from "~/models/inbox.server";

/**
 * GET /api/v1/applications?… — the reviewer's inbox as JSON, for reviewers signed in (the session cookie of
 * the site): the same filters and pages as /applications, amounts as whole yen, instants in ISO 8601. Every
 * answer is JSON, refusals included; a filter value that cannot be one is ignored, as on the page.
 */

const problem = (status: number, error: string, message: string, headers: HeadersInit = {}) =>
  Response.json({ error, message }, { status, headers: { "Cache-Control": "private, no-store", ...headers } });

export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const viewer = await getViewer(request, context);
    if (!viewer) return problem(401, "unauthorized", "ログインしてください。");
    if (!can(viewer.role, "view:application:any")) return problem(403, "forbidden", "この操作を行う権限がありません。");

    const filter = readInboxFilter(new URL(request.url).searchParams, { takesApplications: can(viewer.role, "review:application:any") });
    const now = new Date();
    const inbox = await reviewerInbox(context.db, filter, { viewerId: viewer.userId, today: japanToday(now) });
    return Response.json(
      {
        filter: { ...filter, page: inbox.page },
        page: inbox.page,
        pages: inbox.pages,
        pageSize: INBOX_PAGE_SIZE,
        total: inbox.total,
        counts: inbox.counts,
        rows: inbox.rows.map((row) => inboxApiRow(row, now)),
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (thrown) {
    // A database that cannot be reached answers 503 (db/unavailable.ts): said here in JSON, like every answer.
    if (thrown instanceof Response) {
      return problem(thrown.status, thrown.status === 503 ? "unavailable" : "error", await thrown.text(), {
        ...(thrown.headers.get("Retry-After") ? { "Retry-After": thrown.headers.get("Retry-After")! } : {}),
      });
    }
    throw thrown;
  }
}

export function action() {
  return problem(405, "method-not-allowed", "このAPIは GET のみ受け付けます。", { Allow: "GET" });
}
