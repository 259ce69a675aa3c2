import type { AppLoadContext } from "@remix-run/node";
import { requirePermission } from "~/auth/viewer.server";
import { japanToday } from "~/domain/japan-time";
import { readInboxFilter } from "~/forms/inbox-filter";
import { inboxWithCorporateNumbers } from "~/models/inbox-export.server";
import { tableDownload, type DownloadFormat } from "./download.server";
import { inboxDownloadName, inboxTable } from "./inbox";

/**
 * `/applications.csv` and `/applications.xlsx`: every application under the inbox's filter (read from the
 * same address as the page), not only one page, for reviewers.
 */
export async function inboxDownload(request: Request, context: AppLoadContext, format: DownloadFormat): Promise<Response> {
  const viewer = await requirePermission(request, context, "review:application:any");
  const filter = readInboxFilter(new URL(request.url).searchParams);
  const now = new Date();
  const { rows } = await inboxWithCorporateNumbers(context.db, filter, { viewerId: viewer.userId, today: japanToday(now), allRows: true });
  return tableDownload(inboxTable(rows, now), format, inboxDownloadName(now));
}
