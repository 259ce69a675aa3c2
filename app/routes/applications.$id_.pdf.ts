import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { hasDraft } from "~/domain/application-lifecycle";
import { fiscalYearLabel } from "~/domain/wareki";
import { checkApplication } from "~/domain/application-draft";
import { findApplicationForViewer } from "~/models/applications.server";
import { listAttachments } from "~/models/attachments.server";
import { findOrganisationForViewer } from "~/models/organisations.server";
import { documentSettingsFor, listProgrammeParameters } from "~/models/programme-parameters.server";
import { applicationFormDocument } from "~/pdf/application-form";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * GET /applications/:id/pdf — a preview of the current draft as 交付申請書, 「下書き」 on every page. There is a
 * draft only while the application is being edited (作成中 or 差戻し); once it is submitted, this address
 * leads to the latest submitted version's 交付申請書.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  if (!hasDraft(application.state)) {
    if (application.latest_version > 0) return redirect(`/applications/${application.id}/versions/${application.latest_version}/pdf`);
    notFound();
  }
  const organisation = await findOrganisationForViewer(context.db, viewer, application.organisation_id);
  if (!organisation) notFound();
  const parameters = await listProgrammeParameters(context.db, application.fiscal_year);
  const check = checkApplication(application.programme, application.fiscal_year, application.draft, parameters);
  const p = organisation.profile;
  const pdf = await renderPdf(
    applicationFormDocument(
      {
        version: null,
        programme: application.programme,
        fiscalYear: application.fiscal_year,
        organisation: {
          name: organisation.name,
          representative_title: p.representativeTitle,
          representative_name: p.representativeName,
          postal_code: p.postalCode,
          address: p.address,
          contact_person: p.contactPerson,
          contact_phone: p.contactPhone,
          contact_email: p.contactEmail,
        },
        draft: application.draft,
        calculation: check.result,
        documents: await documentSettingsFor(context.db, application.fiscal_year),
        requestedAmount: check.requestedAmount,
        date: new Date(application.updated_at).toISOString(),
        attachments: await listAttachments(context.db, application.id),
      },
      { draft: true },
    ),
  );
  const fileName = `交付申請書_${application.organisation_name}_${fiscalYearLabel(application.fiscal_year)}_下書き.pdf`;
  return fileResponse(pdf, { contentType: "application/pdf", fileName, inline: true });
}
