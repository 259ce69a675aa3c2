import type { AppLoadContext } from "@remix-run/node";
import { requirePermission } from "~/auth/viewer.server";
import { readInboxFilter } from "~/forms/inbox-filter";
import { inboxWithCorporateNumbers } from "~/models/inbox-export.server";
import { tableDownload, type DownloadFormat } from "./download.server";
import { inboxDownloadName, inboxTable } from "./inbox";

/**
 * `/applications.csv` and `/applications.xlsx`: every application under the inbox's filter (read from the
 * same address as the page), not only one page, for reviewers.
 */
export async function inboxDownload(request: Request, context: AppLoadContext, format: DownloadFormat): Promise<Response> {
  await requirePermission(request, context, "review:application:any");
  const filter = readInboxFilter(new URL(request.url).searchParams);
  const { rows } = await inboxWithCorporateNumbers(context.db, filter, { allRows: true });
  const now = new Date();
  return tableDownload(inboxTable(rows, now), format, inboxDownloadName(now));
}
