import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PASSWORD_LINK_HOURS } from "~/domain/passwords";
import { PasswordHelpSchema } from "~/forms/accounts";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { requestPasswordHelp } from "~/models/accounts.server";
import { postedForm } from "~/utils/posted-form.server";

/**
 * /password/forgot — 「パスワードを忘れた場合」: how to get a new link, and a request to the administrator.
 * The answer is the same whether or not the address has an account.
 */

export const meta: MetaFunction = () => [{ title: `パスワードを忘れた場合 | ${PRODUCT_NAME}` }];

type ActionResult = { errors: HookFormErrors; values: FieldValues } | { requested: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formValues(await postedForm(request));
  const parsed = await readForm(PasswordHelpSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  await requestPasswordHelp(context.db, parsed.value.email, context.clientIp);
  return data<ActionResult>({ requested: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { formRef, onSubmit, errors, field } = useValidatedForm(PasswordHelpSchema, actionData && "values" in actionData ? actionData.values : {});
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-std-32B-150">パスワードを忘れた場合</h1>
      <p>
        パスワードは、内閣府の管理者が発行する「パスワード設定用リンク」から設定し直します。アカウントのメールアドレスを入力して依頼すると、管理者に届きます。
        管理者が確認し、登録されているメールアドレスにリンクをお送りします（{PASSWORD_LINK_HOURS}時間有効・1回限り）。
      </p>
      <p>お急ぎの場合は、依頼したうえで、内閣府 孤独・孤立対策推進室の担当者に電話またはメールでご連絡ください。</p>
      {actionData && "requested" in actionData ? (
        <Notice tone="success">
          依頼を受け付けました。登録されているメールアドレスであれば、管理者の確認後にパスワード設定用のリンクをお送りします。今のパスワードは、新しいリンクで設定し直すまで変わりません。
        </Notice>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <TextField {...field("email")} label="アカウントのメールアドレス" type="email" autoComplete="username" required />
            <button type="submit" className={primaryButtonClass}>
              管理者に再発行を依頼する
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login" className="text-key-800 underline">
          ログイン画面へ戻る
        </Link>
      </p>
    </div>
  );
}
