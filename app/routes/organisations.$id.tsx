import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { takeStashedInput } from "~/auth/stash.server";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { ChoiceField, ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { ACCOUNT_TYPES } from "~/domain/proceedings";
import { PRODUCT_NAME } from "~/components/site-header";
import { ORGANISATION_KIND_LABELS } from "~/domain/roles";
import { OrganisationProfileSchema, PROFILE_FIELDS } from "~/forms/organisation-profile";
import { formOf, formValues, nestErrors, readForm, typedValues } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { findOrganisationForViewer, mayEditOrganisationProfile, updateOrganisationProfile } from "~/models/organisations.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "組織"} | ${PRODUCT_NAME}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:organisation:own", "view:organisation:any"]);
  const organisation = await findOrganisationForViewer(context.db, viewer, idParam(params, "id"));
  if (!organisation) notFound();
  const restored = await takeStashedInput(context.db, request, viewer.userId);
  return {
    organisation,
    canEdit: mayEditOrganisationProfile(viewer, organisation.id),
    // What was typed when the session ran out, kept while its author signed in again.
    restored: restored && typedValues(formOf(restored)),
  };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

/** Saves the profile, read with its schema; what cannot be used comes back beside its field, with everything typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["edit:organisation:own", "manage:organisations:any"]);
  const id = idParam(params, "id");
  const values = formValues(await postedForm(request));
  const parsed = await readForm(OrganisationProfileSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });

  const outcome = await updateOrganisationProfile(context.db, viewer, context.clientIp, id, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  return redirect(`/organisations/${id}?notice=saved`);
}

export default function OrganisationPage() {
  const { organisation, canEdit, restored } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { formRef, onSubmit, errors, field } = useValidatedForm(OrganisationProfileSchema, actionData?.values ?? restored ?? organisation.profile);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-dns-16N-130 text-solid-gray-700">{ORGANISATION_KIND_LABELS[organisation.kind]}</p>
        <h1 className="text-std-32B-150">{organisation.name}</h1>
      </div>
      {params.get("notice") === "saved" && !actionData ? <Notice tone="success">組織の情報を保存しました。</Notice> : null}
      {restored ? (
        <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ保存されていません。確認して「保存する」を押してください。</Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      {canEdit ? (
        <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4">
          <h2 className="text-std-24B-150">組織の情報</h2>
          <p className="text-dns-16N-130 text-solid-gray-700">ここで入力した内容は、申請書の申請者欄などに使われます。</p>
          {PROFILE_FIELDS.map(([name, label, hint]) =>
            name === "accountType" ? (
              <ChoiceField
                key={`${name}-${restored ? "restored" : "saved"}`}
                {...field(name)}
                label={label}
                choices={[["", "（未登録）"], ...ACCOUNT_TYPES.map((t): [string, string] => [t, t])]}
              />
            ) : (
              <TextField
                key={`${name}-${restored ? "restored" : "saved"}`}
                {...field(name)}
                label={label}
                hint={hint || undefined}
                inputMode={name === "corporateNumber" || name === "postalCode" || name === "accountNumber" ? "numeric" : undefined}
                type={name === "contactEmail" ? "email" : name === "contactPhone" ? "tel" : "text"}
              />
            ),
          )}
          <button type="submit" className={primaryButtonClass}>
            保存する
          </button>
        </Form>
      ) : (
        <section aria-labelledby="profile-heading" className="space-y-3">
          <h2 id="profile-heading" className="text-std-24B-150">
            組織の情報
          </h2>
          <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            {PROFILE_FIELDS.map(([name, label]) => (
              <div key={name} className="contents">
                <dt className="text-solid-gray-700">{label}</dt>
                <dd>{organisation.profile[name] || "（未登録）"}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
