import type { ActionFunctionArgs } from "@remix-run/node";
import { readDraftToSave } from "~/domain/application-draft";
import { saveDraft } from "~/models/applications.server";
import { draftSaveResponse } from "~/utils/draft-save-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * POST /applications/:id/draft — the autosave of the application form: `{ revision, draft }` as JSON,
 * answered with the save's outcome as JSON (done, conflict, refused, not found). Without JavaScript the
 * form posts to the page itself instead.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return draftSaveResponse(request, context, {
    permission: "edit:application:own",
    readToSave: readDraftToSave,
    save: (viewer, change) => saveDraft(context.db, viewer, context.clientIp, idParam(params, "id"), change),
  });
}

export function loader() {
  return Response.json({ error: "method-not-allowed" }, { status: 405, headers: { Allow: "POST" } });
}
