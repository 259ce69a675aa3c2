import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { ChoiceField, ErrorSummary, inputClass, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from "~/domain/roles";
import { formatWarekiDateTime } from "~/domain/wareki";
import { CREATABLE_KINDS, NewOrganisationSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { closePasswordHelpRequest, listOpenPasswordHelpRequests } from "~/models/accounts.server";
import { createOrganisation, listOrganisations } from "~/models/organisations.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `組織とアカウントの管理 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:organisations:any");
  const kind = new URL(request.url).searchParams.get("kind");
  const filter = kind && kind in ORGANISATION_KIND_LABELS ? (kind as OrganisationKind) : undefined;
  return {
    organisations: await listOrganisations(context.db, filter),
    kind: filter ?? "",
    helpRequests: await listOpenPasswordHelpRequests(context.db),
  };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues } | { closed: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:organisations:any");
  const values = formValues(await postedForm(request));
  const actor = { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp };
  if (values.intent === "close-help-request") {
    const outcome = await closePasswordHelpRequest(context.db, actor, Number(values.requestId));
    if (outcome.status !== "done") notFound();
    return data<ActionResult>({ closed: true });
  }
  const parsed = await readForm(NewOrganisationSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await createOrganisation(context.db, actor, parsed.value);
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  if (outcome.status === "not-found") notFound();
  return redirect(`/admin/organisations/${outcome.id}?notice=created`);
}

export default function AdminOrganisations() {
  const { organisations, kind, helpRequests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { formRef, onSubmit, errors, field } = useValidatedForm(
    NewOrganisationSchema,
    actionData && "values" in actionData ? actionData.values : { kind: "intermediary" },
  );
  return (
    <div className="space-y-8">
      <h1 className="text-std-32B-150">組織とアカウントの管理</h1>
      {actionData && "closed" in actionData ? <Notice tone="success">依頼を対応済みにしました。</Notice> : null}

      <section aria-labelledby="help-requests" className="space-y-4">
        <h2 id="help-requests" className="text-std-24B-150">
          パスワード再設定の依頼（{helpRequests.length}件）
        </h2>
        {helpRequests.length === 0 ? (
          <p>対応を待っている依頼はありません。</p>
        ) : (
          <>
            <p>
              ログイン画面の「パスワードを忘れた場合」から届いた依頼です。本人であることを確かめてから、組織のページで「リンクを再発行」してください（再発行すると対応済みになります）。
            </p>
            <ul className="space-y-3">
              {helpRequests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-8 border border-solid-gray-420 p-4">
                  <span className="break-all font-bold">{r.email}</span>
                  <span className="text-dns-16N-130 text-solid-gray-700">{formatWarekiDateTime(r.requestedAt)}</span>
                  {r.account ? (
                    <Link to={`/admin/organisations/${r.account.organisationId}`} className="text-key-800 underline">
                      {r.account.organisationName}・{r.account.displayName}
                      {r.account.disabled ? "（無効のアカウント）" : ""}
                    </Link>
                  ) : (
                    <span>登録のないメールアドレス</span>
                  )}
                  <Form method="post">
                    <input type="hidden" name="intent" value="close-help-request" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button
                      type="submit"
                      className="rounded-8 border border-solid-gray-600 px-3 py-1 text-dns-14N-130"
                      aria-label={`${r.email}からの依頼を対応済みにする`}
                    >
                      対応済みにする
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="new-organisation" className="max-w-2xl space-y-4 rounded-12 border border-solid-gray-420 p-6">
        <h2 id="new-organisation" className="text-std-24B-150">
          組織を登録する
        </h2>
        <ErrorSummary errors={errors} />
        <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <ChoiceField {...field("kind")} label="組織の種類" choices={CREATABLE_KINDS.map((k) => [k, ORGANISATION_KIND_LABELS[k]] as const)} />
          <TextField {...field("name")} label="名称" required />
          <TextField {...field("corporateNumber")} label="法人番号（13桁・法人の場合）" inputMode="numeric" />
          <button type="submit" className={primaryButtonClass}>
            登録する
          </button>
        </Form>
      </section>

      <section aria-labelledby="organisation-list" className="space-y-4">
        <h2 id="organisation-list" className="text-std-24B-150">
          登録されている組織
        </h2>
        <Form method="get" className="flex items-end gap-3">
          <div>
            <label htmlFor="kind-filter" className="block text-dns-16B-130">
              種類で絞り込む
            </label>
            <select id="kind-filter" name="kind" defaultValue={kind} className={inputClass}>
              <option value="">すべて</option>
              {Object.entries(ORGANISATION_KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-8 border border-key-800 px-4 py-2 text-key-800">
            表示
          </button>
        </Form>
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2">
                種類
              </th>
              <th scope="col" className="py-2">
                名称
              </th>
              <th scope="col" className="py-2">
                法人番号
              </th>
              <th scope="col" className="py-2 text-right">
                アカウント数
              </th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id} className="border-b border-solid-gray-200">
                <td className="py-2">{ORGANISATION_KIND_LABELS[o.kind]}</td>
                <td className="py-2">
                  <Link to={`/admin/organisations/${o.id}`} className="text-key-800 underline">
                    {o.name}
                  </Link>
                </td>
                <td className="py-2 tabular-nums">{o.corporate_number ?? "—"}</td>
                <td className="py-2 text-right tabular-nums">{o.accounts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
