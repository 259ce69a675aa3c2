import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { fiscalYearLabel } from "~/domain/wareki";
import { findContractForViewer, contractorOf } from "~/models/contracts.server";
import { acceptanceDocument, contractSummaryDocument } from "~/pdf/contract-documents";
import { renderPdf } from "~/pdf/render.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * GET /contracts/:id/documents/:recordId — the 委託契約書（概要） of the agreement or the 検収調書 of the
 * acceptance, from the stored records, for the contractor and the reviewers of the call.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "review:proposal:any"]);
  const found = await findContractForViewer(context.db, viewer, idParam(params, "id"));
  const record = found?.records.find((r) => r.id === idParam(params, "recordId"));
  if (!found || !record || (record.body.kind !== "agreed" && record.body.kind !== "acceptance")) notFound();
  const { contract } = found;
  const call = { title: contract.callTitle, fiscalYear: contract.fiscalYear };
  const contractor = await contractorOf(context.db, contract.proposalId);
  const terms = {
    call,
    contractor,
    amount: contract.amount,
    periodFrom: contract.periodFrom,
    periodTo: contract.periodTo,
    deliverables: contract.deliverables,
  };
  if (record.body.kind === "agreed") {
    const pdf = await renderPdf(contractSummaryDocument({ ...terms, agreedAt: new Date(record.recordedAt) }));
    return fileResponse(pdf, { contentType: "application/pdf", fileName: `委託契約書_${contract.organisation}_${fiscalYearLabel(contract.fiscalYear)}.pdf` });
  }
  const final = found.records.find((r) => r.body.kind === "final_report");
  if (!final || final.body.kind !== "final_report") notFound();
  const pdf = await renderPdf(
    acceptanceDocument({
      ...terms,
      finalReport: { done: final.body.done, membersGained: final.body.membersGained, reportedAt: new Date(final.recordedAt) },
      inspectedOn: record.body.inspectedOn,
      note: record.body.note,
    }),
  );
  return fileResponse(pdf, { contentType: "application/pdf", fileName: `検収調書_${contract.organisation}_${fiscalYearLabel(contract.fiscalYear)}.pdf` });
}
