import type { LoaderFunctionArgs } from "@remix-run/node";
import { tableDownload } from "~/exports/download.server";
import { modelProjectTable } from "~/exports/model-projects";
import { modelProjectFileBaseName } from "~/forms/model-project-filter";
import { modelProjectView } from "~/models/model-projects.server";

/**
 * GET /model-projects.csv?fiscalYear=YYYY[&prefecture=NN] — the participants /model-projects lists, as CSV
 * (UTF-8 with BOM). Public: no sign-in. A year published only as totals has the header row alone.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { filter, participants } = await modelProjectView(context.db, new URL(request.url).searchParams);
  return tableDownload(modelProjectTable(participants), "csv", modelProjectFileBaseName(filter));
}
