import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { AssignmentSchema } from "~/forms/assignment";
import { formValues, readForm } from "~/forms/read-form";
import { changeAssignment } from "~/models/assignments.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";
import { safeRedirect } from "~/utils/safe-redirect";

/**
 * POST /applications/:id/assignment — a reviewer takes the application (担当する), gives it to another
 * reviewer, or releases it, from the application page or a row of the inbox; then goes back to that page
 * (`redirectTo`), which says what was done. A change refused, or made meanwhile by someone else, is explained
 * here with a link back. Works without JavaScript.
 */

export const meta: MetaFunction = () => [{ title: `担当者の変更 | ${PRODUCT_NAME}` }];

/**
 * Opened by address, the page only leads back. It must not redirect: after a refused change Remix runs this
 * loader to draw the refusal, and a redirect here would hide the 400 and its message.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "review:application:any");
  return { applicationId: idParam(params, "id") };
}

/** The page to go back to, with what was done: `?assignment=take&application=12`. */
function withNotice(path: string, intent: string, applicationId: number): string {
  const url = new URL(path, "http://app.invalid");
  url.searchParams.set("assignment", intent);
  url.searchParams.set("application", String(applicationId));
  return `${url.pathname}${url.search}${url.hash}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:application:any");
  const id = idParam(params, "id");
  const form = await postedForm(request);
  const back = safeRedirect(form.get("redirectTo"), `/applications/${id}`);
  const parsed = await readForm(AssignmentSchema, formValues(form));
  if (!parsed.ok) return data({ message: Object.values(parsed.errors).join(" "), back }, { status: 400 });
  const outcome = await changeAssignment(context.db, viewer, context.clientIp, id, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "done") return redirect(withNotice(back, parsed.value.intent, id));
  const message = outcome.status === "invalid" ? Object.values(outcome.errors).join(" ") : outcome.reason;
  return data({ message, back }, { status: outcome.status === "conflict" ? 409 : 400 });
}

export default function AssignmentRefused() {
  const refused = useActionData<typeof action>();
  const { applicationId } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">{refused ? "担当者を変更できませんでした" : "担当者の変更"}</h1>
      {refused ? <Notice tone="warning">{refused.message}</Notice> : null}
      <p>
        <Link to={refused?.back ?? `/applications/${applicationId}`} className="text-key-800 underline">
          元の画面に戻る
        </Link>
      </p>
    </div>
  );
}
