import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireAnyPermission, requireViewer } from "~/auth/viewer.server";
import { AttachmentsSection } from "~/components/attachments-section";
import { PRODUCT_NAME } from "~/components/site-header";
import { can } from "~/domain/permissions";
import { fiscalYearLabel } from "~/domain/wareki";
import { findApplicationForViewer, isEditable } from "~/models/applications.server";
import { addAttachment, listAttachments } from "~/models/attachments.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

/**
 * /applications/:id/attachments — adding a file to an application. The application page posts here; a file
 * that is added takes the viewer back to it with the file's hash. A refusal is answered here: to the page's
 * form (with JavaScript) in place, or — without JavaScript — as this page, with the list and the form again.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  return {
    application: { id: application.id, name: application.organisation_name, fiscalYear: application.fiscal_year },
    attachments: await listAttachments(context.db, application.id),
    editable: isEditable(viewer, application),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params, "id");
  // Signed in first: a form posted after the session ran out is kept for after signing in again.
  const viewer = await requireViewer(request, context);
  if (!can(viewer.role, "edit:application:own")) forbidden();
  if (!(await findApplicationForViewer(context.db, viewer, id))) notFound();
  const form = await postedForm(request);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ message: "添付するファイルを選んでください。" }, { status: 400 });
  const outcome = await addAttachment(context.db, viewer, context.clientIp, id, {
    documentType: String(form.get("documentType") ?? ""),
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "done") return redirect(`/applications/${id}?notice=attachment-added&attachment=${outcome.id}#attachments`);
  const message = outcome.status === "refused" ? outcome.reason : Object.values(outcome.errors).join(" ");
  return data({ message }, { status: httpStatusOf(outcome) });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `添付書類｜${data?.application.name ?? ""}｜${PRODUCT_NAME}` }];

export default function AttachmentsPage() {
  const { application, attachments, editable } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="max-w-5xl space-y-6">
      <p>
        <Link to={`/applications/${application.id}`} className="text-key-800 underline">
          ← 申請に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">添付書類の追加</h1>
      <p className="text-std-18N-160">
        {application.name}　{fiscalYearLabel(application.fiscalYear)}
      </p>
      <AttachmentsSection
        applicationId={application.id}
        attachments={attachments}
        editable={editable}
        message={refused ? { ok: false, message: refused.message } : null}
      />
    </div>
  );
}
