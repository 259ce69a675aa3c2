import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { ChoiceField, ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ORGANISATION_KIND_LABELS, ROLE_LABELS, ROLES_BY_ORGANISATION_KIND } from "~/domain/roles";
import { formatWarekiDateTime } from "~/domain/wareki";
import { PASSWORD_LINK_HOURS } from "~/domain/passwords";
import { AccountStateSchema, newAccountSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { createAccount, listAccounts, reissuePasswordLink, setAccountDisabled } from "~/models/accounts.server";
import { findOrganisationForViewer } from "~/models/organisations.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "組織"}（管理） | ${PRODUCT_NAME}` }];

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const viewer = await requirePermission(request, context, "manage:accounts:any");
  const organisation = await findOrganisationForViewer(context.db, viewer, idParam(params, "id"));
  if (!organisation) notFound();
  return { viewer, organisation };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organisation } = await load(request, context, params);
  return { organisation, accounts: await listAccounts(context.db, organisation.id) };
}

type ActionResult =
  | { errors: HookFormErrors; values: FieldValues }
  | { created: { email: string; link: string } }
  | { reissued: { email: string; link: string } }
  | { done: "disable" | "enable" }
  | { refused: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, organisation } = await load(request, context, params);
  const actor = { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp };
  const values = formValues(await postedForm(request));

  if (values.intent === "reissue" || values.intent === "disable" || values.intent === "enable") {
    const parsed = await readForm(AccountStateSchema, values);
    if (!parsed.ok) notFound();
    const { intent, userId } = parsed.value;
    if (intent === "reissue") {
      const outcome = await reissuePasswordLink(context.db, actor, { organisationId: organisation.id, userId }, new URL(request.url).origin);
      if (outcome.status === "not-found") notFound();
      if (outcome.status === "done") return data<ActionResult>({ reissued: { email: outcome.email, link: outcome.link } });
      return data<ActionResult>({ refused: outcome.status === "refused" ? outcome.reason : Object.values(outcome.errors).join(" ") }, { status: 409 });
    }
    const belongs = (await listAccounts(context.db, organisation.id)).some((a) => a.id === userId);
    if (!belongs) notFound();
    const outcome = await setAccountDisabled(context.db, actor, userId, intent === "disable");
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "done") return data<ActionResult>({ done: intent });
    // Refused (one's own account cannot be disabled): said above the list, as before with status 400.
    const reason = outcome.status === "refused" ? outcome.reason : Object.values(outcome.errors).join(" ");
    return data<ActionResult>({ refused: reason }, { status: 400 });
  }

  const parsed = await readForm(newAccountSchema(organisation.kind), values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const origin = new URL(request.url).origin;
  const outcome = await createAccount(context.db, actor, { organisationId: organisation.id, ...parsed.value }, origin);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  return data<ActionResult>({ created: { email: parsed.value.email, link: outcome.link } });
}

export default function AdminOrganisation() {
  const { organisation, accounts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const roles = ROLES_BY_ORGANISATION_KIND[organisation.kind];
  const { formRef, onSubmit, errors, field } = useValidatedForm(
    newAccountSchema(organisation.kind),
    actionData && "values" in actionData ? actionData.values : { role: roles[0] },
  );

  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link to="/admin/organisations" className="text-key-800 underline">
            組織の一覧へ戻る
          </Link>
        </p>
        <p className="mt-4 text-dns-16N-130 text-solid-gray-700">{ORGANISATION_KIND_LABELS[organisation.kind]}</p>
        <h1 className="text-std-32B-150">{organisation.name}</h1>
        <p className="mt-2">
          <Link to={`/organisations/${organisation.id}`} className="text-key-800 underline">
            組織の情報（所在地・代表者・担当者など）を見る・編集する
          </Link>
        </p>
      </div>
      {params.get("notice") === "created" && !actionData ? <Notice tone="success">組織を登録しました。</Notice> : null}
      {params.get("notice") === "account-updated" && !actionData ? <Notice tone="success">アカウントの変更を保存しました。</Notice> : null}
      {actionData && "created" in actionData && actionData.created ? (
        <Notice tone="success">
          <p>
            {actionData.created.email} のアカウントを発行しました。次のリンクを本人に伝えてください（{PASSWORD_LINK_HOURS}
            時間有効・1回限り）。同じ内容のメールを送信待ちに登録しました。
          </p>
          <p className="mt-2 break-all font-mono" data-testid="password-link">
            {actionData.created.link}
          </p>
        </Notice>
      ) : null}
      {actionData && "reissued" in actionData ? (
        <Notice tone="success">
          <p>
            {actionData.reissued.email} のパスワード設定用リンクを再発行しました（以前のリンクは使えなくなりました）。次のリンクを本人に伝えてください（
            {PASSWORD_LINK_HOURS}時間有効・1回限り）。同じ内容のメールを送信待ちに登録しました。
          </p>
          <p className="mt-2 break-all font-mono" data-testid="password-link">
            {actionData.reissued.link}
          </p>
        </Notice>
      ) : null}
      {actionData && "done" in actionData ? (
        <Notice tone="success">
          {actionData.done === "disable" ? "アカウントを無効にし、ログイン中のセッションを終了しました。" : "アカウントを有効にしました。"}
        </Notice>
      ) : null}
      {actionData && "refused" in actionData ? <Notice tone="warning">{actionData.refused}</Notice> : null}

      <section aria-labelledby="accounts" className="space-y-4">
        <h2 id="accounts" className="text-std-24B-150">
          アカウント
        </h2>
        {accounts.length === 0 ? (
          <p>アカウントはまだありません。</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2">
                  氏名
                </th>
                <th scope="col" className="py-2">
                  メールアドレス
                </th>
                <th scope="col" className="py-2">
                  役割
                </th>
                <th scope="col" className="py-2">
                  状態
                </th>
                <th scope="col" className="py-2">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} className="border-b border-solid-gray-200">
                  <td className="py-2">{a.display_name}</td>
                  <td className="py-2">{a.email}</td>
                  <td className="py-2">{ROLE_LABELS[a.role]}</td>
                  <td className="py-2">{a.disabled_at ? `無効（${formatWarekiDateTime(a.disabled_at)}）` : a.hasPassword ? "有効" : "パスワード未設定"}</td>
                  <td className="py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link
                        to={`/admin/organisations/${organisation.id}/accounts/${a.id}`}
                        className="rounded-8 border border-solid-gray-600 px-3 py-1 text-dns-14N-130 text-key-800"
                        aria-label={`${a.display_name}のアカウントを変更する`}
                      >
                        変更
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="userId" value={a.id} />
                        {a.disabled_at ? null : (
                          <button
                            type="submit"
                            name="intent"
                            value="reissue"
                            className="mr-2 rounded-8 border border-solid-gray-600 px-3 py-1 text-dns-14N-130"
                            aria-label={`${a.display_name}のパスワード設定用リンクを再発行する`}
                          >
                            リンクを再発行
                          </button>
                        )}
                        <button
                          type="submit"
                          name="intent"
                          value={a.disabled_at ? "enable" : "disable"}
                          className="rounded-8 border border-solid-gray-600 px-3 py-1 text-dns-14N-130"
                          aria-label={`${a.display_name}のアカウントを${a.disabled_at ? "有効にする" : "無効にする"}`}
                        >
                          {a.disabled_at ? "有効にする" : "無効にする"}
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="new-account" className="max-w-2xl space-y-4 rounded-12 border border-solid-gray-420 p-6">
        <h2 id="new-account" className="text-std-24B-150">
          アカウントを発行する
        </h2>
        <ErrorSummary errors={errors} />
        <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <input type="hidden" name="intent" value="create" />
          <TextField {...field("displayName")} label="氏名" required />
          <TextField {...field("email")} label="メールアドレス" type="email" required />
          <ChoiceField {...field("role")} label="役割" choices={roles.map((role) => [role, ROLE_LABELS[role]] as const)} />
          <button type="submit" className={primaryButtonClass}>
            発行する
          </button>
        </Form>
      </section>
    </div>
  );
}
