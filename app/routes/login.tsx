import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { endSession, readCookie, SESSION_COOKIE, sessionCookie } from "~/auth/session.server";
import { signIn, SIGN_IN_REFUSED } from "~/auth/sign-in.server";
import { getViewer } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { SignInSchema } from "~/forms/accounts";
import { formValues, readForm } from "~/forms/read-form";
import { safeRedirect } from "~/utils/safe-redirect";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `ログイン | ${PRODUCT_NAME}` }];

const timeInTokyo = (date: Date) => new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(date);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/");
  if (await getViewer(request, context)) throw redirect(redirectTo);
  return {
    redirectTo,
    restore: url.searchParams.get("restore") ?? "",
    expired: url.searchParams.get("expired") === "1",
    passwordSet: url.searchParams.get("notice") === "password-set",
  };
}

/** The page to go back to, asked to restore the input kept while the session was expired. */
function withRestore(path: string, restore: string): string {
  const url = new URL(path, "http://app.invalid");
  url.searchParams.set("restore", restore);
  return `${url.pathname}${url.search}${url.hash}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await postedForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const restore = String(form.get("restore") ?? "");
  const values = formValues(form);
  const email = typeof values.email === "string" ? values.email.trim() : "";
  const parsed = await readForm(SignInSchema, values);
  if (!parsed.ok) return data({ email, errors: parsed.errors }, { status: 400 });

  const result = await signIn(context.db, context.sessions, {
    ...parsed.value,
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  if (result.status !== "done") {
    const message =
      result.status !== "throttled"
        ? SIGN_IN_REFUSED
        : result.by === "account"
          ? `ログインの失敗が続いたため、このアカウントは ${timeInTokyo(result.until)} までログインできません。時間をおいてから、もう一度お試しください。`
          : `この接続元からのログインの失敗が多いため、${timeInTokyo(result.until)} までログインできません。`;
    return data({ email, errors: { form: message } }, { status: result.status === "throttled" ? 429 : 400 });
  }

  // A new session id at every sign-in: any session this browser had before is ended.
  const previous = readCookie(request, SESSION_COOKIE);
  if (previous) await endSession(context.db, context.sessions, previous);
  const destination = restore ? withRestore(redirectTo, restore) : redirectTo;
  return redirect(destination, {
    headers: {
      "Set-Cookie": sessionCookie(result.token, {
        secure: context.secure,
        maxAgeSeconds: Math.ceil(context.sessions.absoluteMinutes * 60),
      }),
    },
  });
}

export default function Login() {
  const { redirectTo, restore, expired, passwordSet } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors = actionData?.errors ?? {};
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-std-32B-150">ログイン</h1>
      {expired || restore ? (
        <Notice tone="warning">
          {expired ? "一定時間操作がなかったため、ログアウトしました。" : "ログインしていないため、処理できませんでした。"}
          もう一度ログインしてください。
          {restore ? "入力中だった内容は保存してあり、ログイン後の画面に戻します。" : null}
        </Notice>
      ) : null}
      {passwordSet ? <Notice tone="success">パスワードを設定しました。新しいパスワードでログインしてください。</Notice> : null}
      <ErrorSummary errors={errors} title={errors.form ? "ログインできませんでした" : undefined} />
      <Form method="post" noValidate className="space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="restore" value={restore} />
        <TextField
          name="email"
          label="メールアドレス"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email ?? ""}
          error={"email" in errors ? errors.email : undefined}
        />
        <TextField
          name="password"
          label="パスワード"
          type="password"
          autoComplete="current-password"
          required
          error={"password" in errors ? errors.password : undefined}
        />
        <button type="submit" className={primaryButtonClass} disabled={submitting}>
          {submitting ? "確認しています…" : "ログイン"}
        </button>
      </Form>
      <p className="text-dns-16N-130 text-solid-gray-700">
        アカウントは内閣府の管理者が発行します。
        <Link to="/password/forgot" className="text-key-800 underline">
          パスワードを忘れた場合
        </Link>
      </p>
    </div>
  );
}
