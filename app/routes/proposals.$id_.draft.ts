import type { ActionFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { can } from "~/domain/permissions";
import { readProposalDraftToSave } from "~/domain/proposal-draft";
import { saveProposalDraft } from "~/models/proposals.server";
import { readJsonBody } from "~/utils/json-body.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { idParam } from "~/utils/route-params.server";

/**
 * POST /proposals/:id/draft — the autosave of the proposal form (app/forms/use-autosave.ts, as the
 * application's): `{ revision, draft }` as JSON, answered with the save's outcome as JSON. Without
 * JavaScript the form posts to the page itself instead.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) return Response.json({ status: "signed-out" }, { status: 401 });
  if (!can(viewer.role, "edit:proposal:own")) return Response.json({ status: "forbidden" }, { status: 403 });
  const body = await readJsonBody(request, 2 * 1024 * 1024);
  if (!body.ok) return Response.json({ status: "invalid", message: body.message }, { status: body.status });
  const { revision, draft: sent } = (body.value ?? {}) as { revision?: unknown; draft?: unknown };
  const { draft, losses } = readProposalDraftToSave(sent);
  // Nothing is saved rather than part of it: the page keeps what was typed and shows why.
  if (Object.keys(losses).length > 0) return Response.json({ status: "invalid", errors: losses }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const outcome = await saveProposalDraft(context.db, viewer, context.clientIp, idParam(params, "id"), { revision: Number(revision), draft });
  return Response.json(outcome, { status: httpStatusOf(outcome), headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "method-not-allowed" }, { status: 405, headers: { Allow: "POST" } });
}
