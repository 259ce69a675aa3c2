import type { LoaderFunctionArgs } from "@remix-run/node";
import { inboxDownload } from "~/exports/inbox-download.server";

/** GET /applications.csv?… — the reviewer's inbox under the same filter as /applications, every row, as CSV. */
export const loader = ({ request, context }: LoaderFunctionArgs) => inboxDownload(request, context, "csv");
