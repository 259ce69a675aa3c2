import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { getAttachmentForViewer } from "~/models/attachments.server";
import { fileResponse } from "~/utils/file-response.server";

/** GET /applications/:id/attachments/:attachmentId — the file as uploaded, for whoever may see the application. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const file = await getAttachmentForViewer(context.db, viewer, Number(params.id), Number(params.attachmentId));
  if (!file) notFound();
  return fileResponse(file.bytes, {
    contentType: file.contentType,
    fileName: file.fileName,
    headers: { Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}` },
  });
}
