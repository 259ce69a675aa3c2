import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { getAttachmentForViewer } from "~/models/attachments.server";

/** GET /applications/:id/attachments/:attachmentId — the file as uploaded, for whoever may see the application. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const file = await getAttachmentForViewer(context.db, viewer, Number(params.id), Number(params.attachmentId));
  if (!file) notFound();
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(file.bytes.slice(), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      // RFC 6266 / 5987: an ASCII fallback and the real (Japanese) name.
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
}
