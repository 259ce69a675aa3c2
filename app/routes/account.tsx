import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { recentSignIns } from "~/auth/sign-in.server";
import { requireViewer } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PASSWORD_MIN_LENGTH } from "~/domain/passwords";
import { ROLE_LABELS } from "~/domain/roles";
import { formatWarekiDateTime } from "~/domain/wareki";
import { changePassword } from "~/models/accounts.server";

export const meta: MetaFunction = () => [{ title: `アカウント | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const signIns = await recentSignIns(context.db, viewer.userId);
  return { viewer, signIns };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await request.formData();
  const next = String(form.get("newPassword") ?? "");
  if (next !== String(form.get("newPasswordConfirmation") ?? "")) {
    return data({ errors: { newPasswordConfirmation: "確認のため、同じパスワードをもう一度入力してください。" } as Record<string, string> }, { status: 400 });
  }
  const result = await changePassword(
    context.db,
    { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp },
    { current: String(form.get("currentPassword") ?? ""), next, sessionId: viewer.sessionId },
  );
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return redirect("/account?notice=password-changed");
}

export default function Account() {
  const { viewer, signIns } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  const [params] = useSearchParams();
  return (
    <div className="space-y-8">
      <h1 className="text-std-32B-150">アカウント</h1>
      {params.get("notice") === "password-changed" ? (
        <Notice tone="success">パスワードを変更しました。ほかの端末のログインは終了しました。</Notice>
      ) : null}
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
        <Form method="post" noValidate className="space-y-4">
          <TextField name="currentPassword" label="現在のパスワード" type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <TextField
            name="newPassword"
            label="新しいパスワード"
            hint={`${PASSWORD_MIN_LENGTH}文字以上`}
            type="password"
            autoComplete="new-password"
            required
            error={errors.newPassword}
          />
          <TextField name="newPasswordConfirmation" label="新しいパスワード（確認）" type="password" autoComplete="new-password" required error={errors.newPasswordConfirmation} />
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
                <th scope="col" className="py-2">日時</th>
                <th scope="col" className="py-2">接続元</th>
                <th scope="col" className="py-2">結果</th>
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
