import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { ErrorSummary, fieldId, inputClass, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from "~/domain/roles";
import { CREATABLE_KINDS, NewOrganisationSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { createOrganisation, listOrganisations } from "~/models/organisations.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `組織とアカウントの管理 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:organisations:any");
  const kind = new URL(request.url).searchParams.get("kind");
  const filter = kind && kind in ORGANISATION_KIND_LABELS ? (kind as OrganisationKind) : undefined;
  return { organisations: await listOrganisations(context.db, filter), kind: filter ?? "" };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:organisations:any");
  const values = formValues(await postedForm(request));
  const parsed = await readForm(NewOrganisationSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await createOrganisation(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, parsed.value);
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  if (outcome.status === "not-found") notFound();
  return redirect(`/admin/organisations/${outcome.id}?notice=created`);
}

export default function AdminOrganisations() {
  const { organisations, kind } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { formRef, onSubmit, errors, field, register } = useValidatedForm(NewOrganisationSchema, actionData?.values ?? { kind: "intermediary" });
  return (
    <div className="space-y-8">
      <h1 className="text-std-32B-150">組織とアカウントの管理</h1>

      <section aria-labelledby="new-organisation" className="max-w-2xl space-y-4 rounded-12 border border-solid-gray-420 p-6">
        <h2 id="new-organisation" className="text-std-24B-150">
          組織を登録する
        </h2>
        <ErrorSummary errors={errors} />
        <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <div className="space-y-1">
            <label htmlFor={fieldId("kind")} className="block text-std-16B-170">
              組織の種類
            </label>
            <select
              id={fieldId("kind")}
              {...register("kind")}
              defaultValue={field("kind").defaultValue}
              className={inputClass}
              aria-invalid={errors.kind ? true : undefined}
              aria-describedby={errors.kind ? `${fieldId("kind")}-error` : undefined}
            >
              {CREATABLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ORGANISATION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            {errors.kind ? (
              <p id={`${fieldId("kind")}-error`} className="text-error-2">
                {errors.kind}
              </p>
            ) : null}
          </div>
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
