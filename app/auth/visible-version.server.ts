import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { findApplicationForViewer, getVersion } from "~/models/applications.server";
import { idParam } from "~/utils/route-params.server";
import { notFound, requireAnyPermission } from "./viewer.server";

/**
 * The submitted version named by `:id` and `:version`, for whoever may see it (its applicant's organisation
 * and reviewers); 404 for anyone else, the same as for a version that does not exist.
 */
export async function requireVisibleVersion(request: Request, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  const version = await getVersion(context.db, application.id, idParam(params, "version"));
  if (!version) notFound();
  return { viewer, application, version };
}
