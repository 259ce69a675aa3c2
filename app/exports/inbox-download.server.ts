import type { AppLoadContext } from "@remix-run/node";
import { requirePermission } from "~/auth/viewer.server";
import { japanToday } from "~/domain/japan-time";
import { can } from "~/domain/permissions";
import { readInboxFilter } from "~/forms/inbox-filter";
import { reviewerInbox } from "~/models/inbox.server";
import { tableDownload, type DownloadFormat } from "./download.server";
import { inboxDownloadName, inboxTable } from "./inbox";

/**
 * `/applications.csv` and `/applications.xlsx`: every application under the inbox's filter (read from the
 * same address as the page), not only one page, for reviewers and (to read) administrators.
 */
export async function inboxDownload(request: Request, context: AppLoadContext, format: DownloadFormat): Promise<Response> {
  const viewer = await requirePermission(request, context, "view:application:any");
  const filter = readInboxFilter(new URL(request.url).searchParams, { takesApplications: can(viewer.role, "review:application:any") });
  const now = new Date();
  const { rows } = await reviewerInbox(context.db, filter, { viewerId: viewer.userId, today: japanToday(now), allRows: true });
  return tableDownload(inboxTable(rows, now), format, inboxDownloadName(now));
}
