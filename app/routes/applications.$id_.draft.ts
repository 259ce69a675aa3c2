import type { ActionFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { can } from "~/domain/permissions";
import { readDraft } from "~/forms/application";
import { saveDraft } from "~/models/applications.server";
import { readJsonBody } from "~/utils/json-body.server";

/**
 * POST /applications/:id/draft — the autosave of the application form: `{ revision, draft }` as JSON,
 * answered with the outcome as JSON (saved, conflict, not editable). Without JavaScript the form posts to
 * the page itself instead.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) return Response.json({ status: "signed-out" }, { status: 401 });
  if (!can(viewer.role, "edit:application:own")) return Response.json({ status: "forbidden" }, { status: 403 });
  const body = await readJsonBody(request, 2 * 1024 * 1024);
  if (!body.ok) return Response.json({ status: "invalid", message: body.message }, { status: body.status });
  const { revision, draft } = (body.value ?? {}) as { revision?: unknown; draft?: unknown };
  const outcome = await saveDraft(context.db, viewer, context.clientIp, Number(params.id), {
    revision: Number(revision),
    draft: readDraft(draft),
  });
  const status = { saved: 200, conflict: 409, "not-found": 404, "not-editable": 409 }[outcome.status];
  return Response.json(outcome, { status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "method-not-allowed" }, { status: 405, headers: { Allow: "POST" } });
}
