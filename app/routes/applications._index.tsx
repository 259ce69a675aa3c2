import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission, requirePermission } from "~/auth/viewer.server";
import { ApplicationList } from "~/components/application-list";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { applicationOverview } from "~/models/application-overview.server";
import { NewApplicationSchema } from "~/forms/application";
import { formValues, readForm } from "~/forms/read-form";
import { createApplication } from "~/models/applications.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `交付申請 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  return applicationOverview(context.db, viewer);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "edit:application:own");
  const parsed = await readForm(NewApplicationSchema, formValues(await postedForm(request)));
  if (!parsed.ok) return data({ message: Object.values(parsed.errors).join(" ") }, { status: 400 });
  const created = await createApplication(context.db, viewer, context.clientIp, parsed.value.fiscalYear);
  if (created.status !== "done")
    return data({ message: created.status === "refused" ? created.reason : "交付申請を作成できませんでした。" }, { status: httpStatusOf(created) });
  return redirect(`/applications/${created.id}`);
}

export default function Applications() {
  const overview = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">交付申請</h1>
      {refused ? <Notice tone="warning">{refused.message}</Notice> : null}
      <ApplicationList {...overview} />
    </div>
  );
}
