import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { CallForm } from "~/components/call-form";
import { PRODUCT_NAME } from "~/components/site-header";
import { CallSchema, callFormValues } from "~/forms/call";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { createCall } from "~/models/calls.server";
import { postedForm } from "~/utils/posted-form.server";
import { currentFiscalYearOf } from "~/utils/fiscal-year.server";

export const meta: MetaFunction = () => [{ title: `公募を作成する | ${PRODUCT_NAME}` }];

/** GET /admin/calls/new — a new call, with the default criteria, for the current fiscal year. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:calls:any");
  return { values: callFormValues({ fiscalYear: currentFiscalYearOf(context) }) };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:calls:any");
  const values = formValues(await postedForm(request));
  const parsed = await readForm(CallSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await createCall(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, parsed.value);
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status !== "done") notFound();
  return redirect(`/admin/calls/${outcome.id}?notice=created`);
}

export default function NewCall() {
  const { values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/admin/calls" className="text-key-800 underline">
          公募の管理に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">公募を作成する</h1>
      <p className="max-w-3xl">公募は開始日時に公開され、応募を受け付けます。開始日時までは内容を変更できます。</p>
      <CallForm values={actionData?.values ?? values} submitLabel="公募を作成する" />
    </div>
  );
}
