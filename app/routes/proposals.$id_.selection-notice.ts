import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { fiscalYearLabel } from "~/domain/wareki";
import { selectionNoticeFor } from "~/models/selection.server";
import { selectionNoticeDocument } from "~/pdf/contract-documents";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/** GET /proposals/:id/selection-notice — the 採択通知書 or 不採択通知書 of a proposal, from its stored selection. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "review:proposal:any"]);
  const notice = await selectionNoticeFor(context.db, viewer, idParam(params, "id"));
  if (!notice) notFound();
  const pdf = await renderPdf(selectionNoticeDocument(notice));
  const kind = notice.selected ? "採択通知書" : "不採択通知書";
  return fileResponse(pdf, { contentType: "application/pdf", fileName: `${kind}_${notice.contractor.name}_${fiscalYearLabel(notice.call.fiscalYear)}.pdf` });
}
