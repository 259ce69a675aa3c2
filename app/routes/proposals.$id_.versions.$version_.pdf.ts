import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { readProposalSnapshot } from "~/domain/proposals";
import { findProposalForViewer, getProposalVersion } from "~/models/proposals.server";
import { proposalFormDocument } from "~/pdf/proposal-form";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/** GET /proposals/:id/versions/:version/pdf — 企画提案書 of a submitted version, from its frozen snapshot. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "view:proposal:any"]);
  const proposal = await findProposalForViewer(context.db, viewer, idParam(params, "id"));
  if (!proposal) notFound();
  const version = await getProposalVersion(context.db, proposal.id, idParam(params, "version"));
  if (!version) notFound();
  const pdf = await renderPdf(proposalFormDocument(readProposalSnapshot(version.snapshot)));
  return fileResponse(pdf, { contentType: "application/pdf", fileName: `企画提案書_${proposal.organisation_name}_v${version.version}.pdf` });
}
