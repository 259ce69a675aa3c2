import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound, requireViewer } from "~/auth/viewer.server";
import { openNotification } from "~/models/notifications.server";
import { idParam } from "~/utils/route-params.server";

/**
 * GET /notifications/:id — opens a notification: it is marked read and the record it is about is shown.
 * Marking one's own notification read changes nothing else and may happen any number of times, so a plain
 * link does it (and works without JavaScript).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const link = await openNotification(context.db, viewer.userId, idParam(params, "id"));
  if (!link) notFound();
  return redirect(link);
}
