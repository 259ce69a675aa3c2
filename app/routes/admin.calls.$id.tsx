import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { CallForm } from "~/components/call-form";
import { CallPhaseBadge, CallSummary } from "~/components/call-summary";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { callPhase, isCallEditable } from "~/domain/calls";
import { CallSchema, callFormValues } from "~/forms/call";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { findCall, updateCall } from "~/models/calls.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "公募"} | ${PRODUCT_NAME}` }];

/** GET /admin/calls/:id — a call as published, and its form while it has not opened. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:calls:any");
  const call = await findCall(context.db, idParam(params, "id"));
  if (!call) notFound();
  const now = new Date();
  return { call, phase: callPhase(call, now), editable: isCallEditable(call, now), values: callFormValues(call) };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:calls:any");
  const id = idParam(params, "id");
  const values = formValues(await postedForm(request));
  const parsed = await readForm(CallSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await updateCall(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, id, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  return redirect(`/admin/calls/${id}?notice=updated`);
}

const NOTICES: Record<string, string> = { created: "公募を作成しました。", updated: "公募を変更しました。" };

export default function AdminCall() {
  const { call, phase, editable, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = NOTICES[useSearchParams()[0].get("notice") ?? ""];
  return (
    <div className="space-y-6">
      <p>
        <Link to="/admin/calls" className="text-key-800 underline">
          公募の管理に戻る
        </Link>
      </p>
      {notice && !actionData ? <Notice tone="success">{notice}</Notice> : null}
      <h1 className="text-std-32B-150 break-words">{call.title}</h1>
      <p className="flex flex-wrap items-center gap-3">
        <CallPhaseBadge phase={phase} />
        {phase === "scheduled" ? null : (
          <Link to={`/calls/${call.id}`} className="text-key-800 underline">
            公開されているページを見る
          </Link>
        )}
      </p>
      {editable ? (
        <section aria-labelledby="edit-call" className="space-y-4">
          <h2 id="edit-call" className="text-std-24B-150">
            公募の内容（公募開始日時まで変更できます）
          </h2>
          <CallForm values={actionData?.values ?? values} submitLabel="変更を保存する" />
        </section>
      ) : (
        <>
          <Notice>この公募は公募開始日時を過ぎたため、内容を変更できません。</Notice>
          <CallSummary call={call} />
        </>
      )}
    </div>
  );
}
