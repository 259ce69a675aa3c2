import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { readSnapshot } from "~/domain/submitted-version";
import { budgetStatementName, budgetStatementSheets } from "~/exports/budget-statement";
import { toXlsxWorkbook } from "~/exports/xlsx.server";
import { findApplicationForViewer, getVersion } from "~/models/applications.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * GET /applications/:id/versions/:version/budget-statement.xlsx — 所要額調書 of a submitted version as Excel,
 * from its frozen snapshot, for whoever may see the version (its applicant's organisation and reviewers).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  const version = await getVersion(context.db, application.id, idParam(params, "version"));
  if (!version) notFound();

  const snapshot = readSnapshot(version.snapshot);
  return fileResponse(await toXlsxWorkbook(budgetStatementSheets(snapshot)), {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `${budgetStatementName(snapshot)}.xlsx`,
  });
}
