import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { forbidden, notFound, requireAnyPermission, requireViewer } from "~/auth/viewer.server";
import { can } from "~/domain/permissions";
import { getAttachmentForViewer, removeAttachment } from "~/models/attachments.server";
import { fileResponse } from "~/utils/file-response.server";
import { idParam } from "~/utils/route-params.server";

/** GET /applications/:id/attachments/:attachmentId — the file as uploaded, for whoever may see the application. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const file = await getAttachmentForViewer(context.db, viewer, idParam(params, "id"), idParam(params, "attachmentId"));
  if (!file) notFound();
  return fileResponse(file.bytes, {
    contentType: file.contentType,
    fileName: file.fileName,
    headers: { Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}` },
  });
}

/** POST /applications/:id/attachments/:attachmentId — removes the file while the application can be edited. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params, "id");
  const viewer = await requireViewer(request, context);
  if (!can(viewer.role, "edit:application:own")) forbidden();
  const outcome = await removeAttachment(context.db, viewer, context.clientIp, id, idParam(params, "attachmentId"));
  if (outcome.status === "not-found") notFound();
  return redirect(`/applications/${id}?notice=${outcome.status === "done" ? "attachment-removed" : "attachment-not-removed"}#attachments`);
}
