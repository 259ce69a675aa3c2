import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { CallForm } from "~/components/call-form";
import { CallPhaseBadge, CallSummary } from "~/components/call-summary";
import { Notice, secondaryButtonClass } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { callPhase, isCallEditable } from "~/domain/calls";
import { CallSchema, callFormValues } from "~/forms/call";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { listReviewers } from "~/models/assignments.server";
import { findCall, updateCall } from "~/models/calls.server";
import { assignCallReviewers, listCallReviewers } from "~/models/selection.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "公募"} | ${PRODUCT_NAME}` }];

/** GET /admin/calls/:id — a call as published, and its form while it has not opened. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:calls:any");
  const call = await findCall(context.db, idParam(params, "id"));
  if (!call) notFound();
  const now = new Date();
  const [reviewers, assigned] = await Promise.all([listReviewers(context.db), listCallReviewers(context.db, call.id)]);
  return {
    call,
    phase: callPhase(call, now),
    editable: isCallEditable(call, now),
    values: callFormValues(call),
    reviewers: reviewers.filter((r) => r.active || assigned.some((a) => a.id === r.id)),
    assigned: assigned.map((a) => a.id),
  };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues; reviewerError?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:calls:any");
  const id = idParam(params, "id");
  const form = await postedForm(request);
  if (form.get("intent") === "reviewers") {
    const ids = form.getAll("reviewerIds").map((v) => (typeof v === "string" && /^[1-9][0-9]{0,14}$/.test(v) ? Number(v) : NaN));
    const assigned = ids.some(Number.isNaN)
      ? ({ status: "invalid", errors: { reviewerIds: "審査担当者（内閣府）のアカウントを選んでください。" } } as const)
      : await assignCallReviewers(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, id, ids);
    if (assigned.status === "not-found") notFound();
    if (assigned.status !== "done")
      return data<ActionResult>(
        { errors: {}, values: {}, reviewerError: assigned.status === "invalid" ? assigned.errors.reviewerIds : assigned.reason },
        { status: 400 },
      );
    return redirect(`/admin/calls/${id}?notice=reviewers`);
  }
  const values = formValues(form);
  const parsed = await readForm(CallSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await updateCall(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, id, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  return redirect(`/admin/calls/${id}?notice=updated`);
}

const NOTICES: Record<string, string> = { created: "公募を作成しました。", updated: "公募を変更しました。", reviewers: "審査担当者を指定しました。" };

export default function AdminCall() {
  const { call, phase, editable, values, reviewers, assigned } = useLoaderData<typeof loader>();
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
      <section aria-labelledby="call-reviewers" className="max-w-3xl space-y-3 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
        <h2 id="call-reviewers" className="text-std-24B-150">
          審査担当者
        </h2>
        <p>指定された審査担当者が、この公募への企画提案を採点し、採択・不採択を決めます。</p>
        {actionData?.reviewerError ? (
          <p id="reviewers-error" role="alert" className="text-error-2">
            {actionData.reviewerError}
          </p>
        ) : null}
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="reviewers" />
          <fieldset aria-describedby={actionData?.reviewerError ? "reviewers-error" : undefined}>
            <legend className="sr-only">審査担当者</legend>
            <ul className="space-y-2">
              {reviewers.map((r) => (
                <li key={r.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="reviewerIds" value={r.id} defaultChecked={assigned.includes(r.id)} className="size-5" />
                    {r.name}
                    {r.active ? "" : "（無効）"}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className={secondaryButtonClass}>
            審査担当者を保存する
          </button>
        </Form>
        {phase === "scheduled" ? null : (
          <p>
            <Link to={`/calls/${call.id}/review`} className="text-key-800 underline">
              審査の状況（採点と順位）
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
