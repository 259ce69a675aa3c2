import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import type { GrantResult } from "~/domain/grant-calculation";
import { fiscalYearLabel } from "~/domain/wareki";
import { readDraft } from "~/forms/application";
import { findApplicationForViewer, getVersion } from "~/models/applications.server";
import { applicationFormDocument, type ApplicationRecord } from "~/pdf/application-form";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";

/** GET /applications/:id/versions/:version/pdf — 交付申請書 of a submitted version, from its frozen snapshot. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, Number(params.id));
  if (!application) notFound();
  const version = await getVersion(context.db, application.id, Number(params.version));
  if (!version) notFound();

  const snapshot = version.snapshot as {
    organisation: ApplicationRecord["organisation"];
    draft: unknown;
    calculation: GrantResult;
    requestedAmount: number;
    submittedAt: string;
  };
  const record: ApplicationRecord = {
    version: version.version,
    programme: application.programme,
    fiscalYear: application.fiscal_year,
    organisation: snapshot.organisation,
    draft: readDraft(snapshot.draft),
    calculation: snapshot.calculation,
    requestedAmount: snapshot.requestedAmount,
    date: snapshot.submittedAt,
  };
  const pdf = await renderPdf(applicationFormDocument(record));
  const fileName = `交付申請書_${application.organisation_name}_${fiscalYearLabel(application.fiscal_year)}_v${version.version}.pdf`;
  return fileResponse(pdf, { contentType: "application/pdf", fileName });
}
