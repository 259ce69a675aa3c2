import type { AppLoadContext } from "@remix-run/node";
import { getViewer, type Viewer } from "~/auth/viewer.server";
import type { FieldErrors } from "~/domain/outcome";
import { can, type Permission } from "~/domain/permissions";
import { readJsonBody } from "./json-body.server";
import { httpStatusOf } from "./outcome-response.server";

/**
 * The answer of a draft's autosave endpoint (the grant application's, a proposal's; decision 012), for
 * app/forms/use-autosave.ts: `{ revision, draft }` as JSON in, the save's outcome as JSON out. Nothing is
 * saved rather than part of it: a draft that would lose what was sent is refused with a message per field.
 */
export async function draftSaveResponse<Draft>(
  request: Request,
  context: AppLoadContext,
  {
    permission,
    readToSave,
    save,
  }: {
    permission: Permission;
    /** The draft's schema: what it keeps of what was sent, and what it would lose. */
    readToSave: (sent: unknown) => { draft: Draft; losses: FieldErrors };
    save: (viewer: Viewer, change: { revision: number; draft: Draft }) => Promise<{ status: string }>;
  },
): Promise<Response> {
  const viewer = await getViewer(request, context);
  if (!viewer) return Response.json({ status: "signed-out" }, { status: 401 });
  if (!can(viewer.role, permission)) return Response.json({ status: "forbidden" }, { status: 403 });
  const body = await readJsonBody(request, 2 * 1024 * 1024);
  if (!body.ok) return Response.json({ status: "invalid", message: body.message }, { status: body.status });
  const { revision, draft: sent } = (body.value ?? {}) as { revision?: unknown; draft?: unknown };
  const { draft, losses } = readToSave(sent);
  if (Object.keys(losses).length > 0) return Response.json({ status: "invalid", errors: losses }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const outcome = await save(viewer, { revision: Number(revision), draft });
  return Response.json(outcome, { status: httpStatusOf(outcome), headers: { "Cache-Control": "no-store" } });
}
