import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { ChoiceField, ErrorSummary, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ROLE_LABELS, ROLES_BY_ORGANISATION_KIND } from "~/domain/roles";
import { newAccountSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { findAccount, updateAccount } from "~/models/accounts.server";
import { findOrganisationForViewer } from "~/models/organisations.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

/** /admin/organisations/:id/accounts/:userId — an administrator changes an account's name, address or role. */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.account.display_name ?? "アカウント"}の変更（管理） | ${PRODUCT_NAME}` }];

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const viewer = await requirePermission(request, context, "manage:accounts:any");
  const organisation = await findOrganisationForViewer(context.db, viewer, idParam(params, "id"));
  if (!organisation) notFound();
  const account = await findAccount(context.db, organisation.id, idParam(params, "userId"));
  if (!account) notFound();
  return { viewer, organisation, account };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organisation, account } = await load(request, context, params);
  return { organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind }, account };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, organisation, account } = await load(request, context, params);
  const values = formValues(await postedForm(request));
  // The same fields, and the same rules for them, as issuing an account.
  const parsed = await readForm(newAccountSchema(organisation.kind), values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const actor = { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp };
  const outcome = await updateAccount(context.db, actor, { organisationId: organisation.id, userId: account.id }, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  return redirect(`/admin/organisations/${organisation.id}?notice=account-updated`);
}

export default function AdminAccount() {
  const { organisation, account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const roles = ROLES_BY_ORGANISATION_KIND[organisation.kind];
  const { formRef, onSubmit, errors, field } = useValidatedForm(
    newAccountSchema(organisation.kind),
    actionData?.values ?? { displayName: account.display_name, email: account.email, role: account.role },
  );
  return (
    <div className="max-w-2xl space-y-6">
      <p>
        <Link to={`/admin/organisations/${organisation.id}`} className="text-key-800 underline">
          {organisation.name}のアカウント一覧へ戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">アカウントの変更：{account.display_name}</h1>
      <p>役割またはメールアドレスを変えると、このアカウントのログイン中のセッションは終了し、次のログインから新しい内容で使えます。</p>
      <ErrorSummary errors={errors} />
      <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField {...field("displayName")} label="氏名" required />
        <TextField {...field("email")} label="メールアドレス" type="email" required />
        <ChoiceField {...field("role")} label="役割" choices={roles.map((role) => [role, ROLE_LABELS[role]] as const)} />
        <button type="submit" className={primaryButtonClass}>
          変更を保存する
        </button>
      </Form>
    </div>
  );
}
