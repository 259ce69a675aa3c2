import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors } from "react-hook-form";
import { notFound } from "~/auth/viewer.server";
import { ErrorSummary, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PASSWORD_MIN_LENGTH } from "~/domain/passwords";
import { SetPasswordSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { passwordTokenUsable, setPasswordWithToken } from "~/models/accounts.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `パスワードの設定 | ${PRODUCT_NAME}` }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { usable: await passwordTokenUsable(context.db, params.token ?? "") };
}

/** Passwords are never sent back to the page: a refused form keeps them only in the browser that typed them. */
type ActionResult = { errors: HookFormErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = await readForm(SetPasswordSchema, formValues(await postedForm(request)));
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors) }, { status: 400 });
  const outcome = await setPasswordWithToken(context.db, params.token ?? "", parsed.value.password, context.clientIp);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors) }, { status: 400 });
  // The link cannot be used (expired, used or unknown): said at the top of the form and at the password.
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }) }, { status: 400 });
  return redirect("/login?notice=password-set");
}

export default function SetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const { formRef, onSubmit, errors, field } = useValidatedForm(SetPasswordSchema, {});
  const passwordField = field("password");
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-std-32B-150">パスワードの設定</h1>
      {!usable ? (
        <p>
          このリンクは使えません（期限切れ、使用済み、または正しくないリンクです）。
          <Link to="/password/forgot" className="text-key-800 underline">
            管理者に再発行を依頼してください
          </Link>
          。
          <br />
          <Link to="/login" className="text-key-800 underline">
            ログイン画面へ
          </Link>
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <TextField
              {...passwordField}
              label="新しいパスワード"
              hint={`${PASSWORD_MIN_LENGTH}文字以上。長めの文（例：ことばを3つ以上つなげたもの）が安全です。`}
              type="password"
              autoComplete="new-password"
              required
              error={passwordField.error ?? errors.form}
            />
            <TextField {...field("passwordConfirmation")} label="新しいパスワード（確認）" type="password" autoComplete="new-password" required />
            <button type="submit" className={primaryButtonClass}>
              パスワードを設定する
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
