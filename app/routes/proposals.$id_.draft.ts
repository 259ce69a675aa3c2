import type { ActionFunctionArgs } from "@remix-run/node";
import { readProposalDraftToSave } from "~/domain/proposal-draft";
import { saveProposalDraft } from "~/models/proposals.server";
import { draftSaveResponse } from "~/utils/draft-save-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * POST /proposals/:id/draft — the autosave of the proposal form, as the application's: `{ revision, draft }`
 * as JSON, answered with the save's outcome as JSON. Without JavaScript the form posts to the page itself.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return draftSaveResponse(request, context, {
    permission: "edit:proposal:own",
    readToSave: readProposalDraftToSave,
    save: (viewer, change) => saveProposalDraft(context.db, viewer, context.clientIp, idParam(params, "id"), change),
  });
}

export function loader() {
  return Response.json({ error: "method-not-allowed" }, { status: 405, headers: { Allow: "POST" } });
}
