import type { LoaderFunctionArgs } from "@remix-run/node";
import { inboxDownload } from "~/exports/inbox-download.server";

/** GET /applications.xlsx?… — the reviewer's inbox under the same filter as /applications, every row, as Excel. */
export const loader = ({ request, context }: LoaderFunctionArgs) => inboxDownload(request, context, "xlsx");
