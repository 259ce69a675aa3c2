import { requireVisibleVersion } from "~/auth/visible-version.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fiscalYearLabel } from "~/domain/wareki";
import { readSnapshot } from "~/domain/submitted-version";
import { applicationFormDocument, type ApplicationRecord } from "~/pdf/application-form";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";

/** GET /applications/:id/versions/:version/pdf — 交付申請書 of a submitted version, from its frozen snapshot. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { application, version } = await requireVisibleVersion(request, context, params);

  const snapshot = readSnapshot(version.snapshot);
  const record: ApplicationRecord = {
    version: version.version,
    programme: application.programme,
    fiscalYear: application.fiscal_year,
    organisation: snapshot.organisation,
    draft: snapshot.draft,
    calculation: snapshot.calculation,
    requestedAmount: snapshot.requestedAmount,
    date: snapshot.submittedAt,
    documents: snapshot.documents,
    attachments: snapshot.attachments,
  };
  const pdf = await renderPdf(applicationFormDocument(record));
  const fileName = `交付申請書_${application.organisation_name}_${fiscalYearLabel(application.fiscal_year)}_v${version.version}.pdf`;
  return fileResponse(pdf, { contentType: "application/pdf", fileName });
}
