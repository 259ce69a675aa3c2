import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { DOCUMENT_TITLES } from "~/domain/proceedings";
import { fiscalYearLabel } from "~/domain/wareki";
import { findApplicationForViewer } from "~/models/applications.server";
import { findProceeding } from "~/models/proceedings.server";
import { proceedingDocument } from "~/pdf/proceeding-documents";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * GET /applications/:id/documents/:proceedingId — the official document of one record after submission
 * (交付決定通知書, 変更交付申請書, 実績報告書, …), built from that frozen record alone.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  const proceeding = await findProceeding(context.db, application.id, idParam(params, "proceedingId"));
  const title = proceeding && DOCUMENT_TITLES[proceeding.kind];
  if (!proceeding || !title) notFound();

  const { record } = proceeding;
  const pdf = await renderPdf(proceedingDocument(record));
  const fileName = `${title}_${application.organisation_name}_${fiscalYearLabel(application.fiscal_year)}_${record.documentNumber || record.documentDate}.pdf`;
  return fileResponse(pdf, { contentType: "application/pdf", fileName });
}
