import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors } from "react-hook-form";
import { recentSignIns } from "~/auth/sign-in.server";
import { notFound, requireViewer } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PASSWORD_MIN_LENGTH } from "~/domain/passwords";
import { ROLE_LABELS } from "~/domain/roles";
import { formatWarekiDateTime } from "~/domain/wareki";
import { changePasswordSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { changePassword } from "~/models/accounts.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `アカウント | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const signIns = await recentSignIns(context.db, viewer.userId);
  return { viewer, signIns };
}

/** Passwords are never sent back to the page: a refused form keeps them only in the browser that typed them. */
type ActionResult = { errors: HookFormErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = await readForm(changePasswordSchema(viewer.email), formValues(await postedForm(request)));
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors) }, { status: 400 });
  const outcome = await changePassword(
    context.db,
    { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp },
    { current: parsed.value.currentPassword, next: parsed.value.newPassword, sessionId: viewer.sessionId },
  );
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors) }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }) }, { status: 409 });
  return redirect("/account?notice=password-changed");
}

export default function Account() {
  const { viewer, signIns } = useLoaderData<typeof loader>();
  const { formRef, onSubmit, errors, field } = useValidatedForm(changePasswordSchema(viewer.email), {});
  const [params] = useSearchParams();
  return (
    <div className="space-y-8">
      <h1 className="text-std-32B-150">アカウント</h1>
      {params.get("notice") === "password-changed" ? <Notice tone="success">パスワードを変更しました。ほかの端末のログインは終了しました。</Notice> : null}
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="text-solid-gray-700">氏名</dt>
        <dd>{viewer.displayName}</dd>
        <dt className="text-solid-gray-700">メールアドレス</dt>
        <dd>{viewer.email}</dd>
        <dt className="text-solid-gray-700">所属</dt>
        <dd>{viewer.organisationName}</dd>
        <dt className="text-solid-gray-700">役割</dt>
        <dd>{ROLE_LABELS[viewer.role]}</dd>
      </dl>

      <section aria-labelledby="password-heading" className="max-w-lg space-y-4">
        <h2 id="password-heading" className="text-std-24B-150">
          パスワードの変更
        </h2>
        <ErrorSummary errors={errors} />
        <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <TextField {...field("currentPassword")} label="現在のパスワード" type="password" autoComplete="current-password" required />
          <TextField
            {...field("newPassword")}
            label="新しいパスワード"
            hint={`${PASSWORD_MIN_LENGTH}文字以上`}
            type="password"
            autoComplete="new-password"
            required
          />
          <TextField {...field("newPasswordConfirmation")} label="新しいパスワード（確認）" type="password" autoComplete="new-password" required />
          <button type="submit" className={primaryButtonClass}>
            パスワードを変更する
          </button>
        </Form>
      </section>

      <section aria-labelledby="sign-ins-heading" className="space-y-4">
        <h2 id="sign-ins-heading" className="text-std-24B-150">
          最近のログイン
        </h2>
        {signIns.length === 0 ? (
          <p>記録はありません。</p>
        ) : (
          <table className="w-full max-w-2xl border-collapse text-left">
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2">
                  日時
                </th>
                <th scope="col" className="py-2">
                  接続元
                </th>
                <th scope="col" className="py-2">
                  結果
                </th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((s, i) => (
                <tr key={i} className="border-b border-solid-gray-200">
                  <td className="py-2">{formatWarekiDateTime(s.attempted_at)}</td>
                  <td className="py-2">{s.ip_address}</td>
                  <td className="py-2">{s.succeeded ? "成功" : <span className="text-error-2">失敗</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
