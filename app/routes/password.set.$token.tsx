import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PASSWORD_MIN_LENGTH } from "~/domain/passwords";
import { passwordTokenUsable, setPasswordWithToken } from "~/models/accounts.server";

export const meta: MetaFunction = () => [
  { title: `パスワードの設定 | ${PRODUCT_NAME}` },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { usable: await passwordTokenUsable(context.db, params.token ?? "") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const password = String(form.get("password") ?? "");
  const confirmation = String(form.get("passwordConfirmation") ?? "");
  if (password !== confirmation) {
    return data({ errors: { passwordConfirmation: "確認のため、同じパスワードをもう一度入力してください。" } as Record<string, string> }, { status: 400 });
  }
  const result = await setPasswordWithToken(context.db, params.token ?? "", password, context.clientIp);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return redirect("/login?notice=password-set");
}

export default function SetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-std-32B-150">パスワードの設定</h1>
      {!usable ? (
        <p>
          このリンクは使えません（期限切れ、使用済み、または正しくないリンクです）。管理者に再発行を依頼してください。
          <br />
          <Link to="/login" className="text-key-800 underline">
            ログイン画面へ
          </Link>
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate className="space-y-4">
            <TextField
              name="password"
              label="新しいパスワード"
              hint={`${PASSWORD_MIN_LENGTH}文字以上。長めの文（例：ことばを3つ以上つなげたもの）が安全です。`}
              type="password"
              autoComplete="new-password"
              required
              error={errors.password ?? errors.form}
            />
            <TextField
              name="passwordConfirmation"
              label="新しいパスワード（確認）"
              type="password"
              autoComplete="new-password"
              required
              error={errors.passwordConfirmation}
            />
            <button type="submit" className={primaryButtonClass}>
              パスワードを設定する
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
