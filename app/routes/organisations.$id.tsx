import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { takeStashedInput } from "~/auth/stash.server";
import { notFound, requireAnyPermission, requirePermission } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { can } from "~/domain/permissions";
import { ORGANISATION_KIND_LABELS } from "~/domain/roles";
import { OrganisationProfileSchema, PROFILE_FIELDS, profileErrors, profileFromForm } from "~/forms/organisation-profile";
import { findOrganisationForViewer, updateOwnOrganisationProfile } from "~/models/organisations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "組織"} | ${PRODUCT_NAME}` },
];

function organisationId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:organisation:own", "view:organisation:any"]);
  const organisation = await findOrganisationForViewer(context.db, viewer, organisationId(params.id));
  if (!organisation) notFound();
  const url = new URL(request.url);
  const restored = await takeStashedInput(context.db, {
    id: url.searchParams.get("restore"),
    userId: viewer.userId,
    path: url.pathname,
  });
  return {
    organisation,
    canEdit: can(viewer.role, "edit:organisation:own") && organisation.id === viewer.organisationId,
    restored: restored ? profileFromForm(restored) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "edit:organisation:own");
  const id = organisationId(params.id);
  const values = profileFromForm(await request.formData());
  const errors = profileErrors(values);
  if (Object.keys(errors).length > 0) return data({ values, errors }, { status: 400 });

  const outcome = await updateOwnOrganisationProfile(context.db, viewer, context.clientIp, id, OrganisationProfileSchema.parse(values));
  if (outcome === "not-found") notFound();
  if (outcome === "duplicate-corporate-number") {
    return data({ values, errors: { corporateNumber: "この法人番号は別の組織に登録されています。番号を確認してください。" } }, { status: 400 });
  }
  return redirect(`/organisations/${id}?notice=saved`);
}

export default function OrganisationPage() {
  const { organisation, canEdit, restored } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = actionData?.values ?? restored ?? organisation.profile;
  const errors: Record<string, string> = actionData?.errors ?? {};

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
        <Form method="post" noValidate className="max-w-2xl space-y-4">
          <h2 className="text-std-24B-150">組織の情報</h2>
          <p className="text-dns-16N-130 text-solid-gray-700">ここで入力した内容は、申請書の申請者欄などに使われます。</p>
          {PROFILE_FIELDS.map(([name, label, hint]) => (
            <TextField
              key={`${name}-${restored ? "restored" : "saved"}`}
              name={name}
              label={label}
              hint={hint || undefined}
              defaultValue={values[name]}
              error={errors[name]}
              inputMode={name === "corporateNumber" || name === "postalCode" ? "numeric" : undefined}
              type={name === "contactEmail" ? "email" : name === "contactPhone" ? "tel" : "text"}
            />
          ))}
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
