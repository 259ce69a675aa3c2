import { Form } from "@remix-run/react";
import { ROLE_LABELS, type Role } from "~/domain/roles";

/**
 * The page shown when a page cannot be shown: not found, not allowed, refused, the database away for a
 * moment, or an error of the server. Each says what happened and where to go next, in its own words, so
 * that a refusal never reads like a crash (and a crash never reads like a refusal).
 */
export function ErrorPage({ status, message, viewer }: { status: number; message: string | null; viewer: { displayName: string; role: Role } | null }) {
  const { title, body } = wordsFor(status, message, viewer);
  return (
    <section aria-labelledby="error-heading" className="max-w-3xl space-y-4" data-status={status}>
      <h1 id="error-heading" className="text-std-28B-150">
        {title}
      </h1>
      {body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <nav aria-label="移動先" className="space-y-2">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href="/" className="text-key-800 underline">
              トップページへ戻る
            </a>
          </li>
          {status === 404 && viewer ? (
            <li>
              <a href="/applications" className="text-key-800 underline">
                交付申請の一覧へ
              </a>
            </li>
          ) : null}
          {!viewer && (status === 403 || status === 404) ? (
            <li>
              <a href="/login" className="text-key-800 underline">
                ログインする
              </a>
            </li>
          ) : null}
        </ul>
        {status === 403 && viewer ? (
          <Form method="post" action="/logout">
            <button type="submit" className="text-key-800 underline">
              ログアウトして別のアカウントでログインする
            </button>
          </Form>
        ) : null}
      </nav>
    </section>
  );
}

/** The title and paragraphs of the page for a status; the title also names the browser tab. */
export function wordsFor(status: number, message: string | null, viewer: { displayName: string; role: Role } | null): { title: string; body: string[] } {
  if (status === 404) {
    return {
      title: "ページが見つかりません",
      body: [
        "お探しのページは、移動または削除されたか、アドレスが正しくない可能性があります。",
        "ほかの組織の申請など、ご覧いただけない記録も「見つかりません」と表示します。アドレスを確かめるか、一覧から開き直してください。",
      ],
    };
  }
  if (status === 403) {
    return {
      title: "このページを開く権限がありません",
      body: [
        viewer
          ? `${viewer.displayName}さん（${ROLE_LABELS[viewer.role]}）のアカウントでは、このページは使えません。何も変更されていません。`
          : "このアカウントでは、このページは使えません。何も変更されていません。",
        "別の役割のアカウントが必要な場合や、権限が違うと思われる場合は、内閣府 孤独・孤立対策推進室（システム管理者）にご相談ください。",
      ],
    };
  }
  if (status === 503) {
    return {
      title: "ただいま処理できません",
      body: [message || "ただいまデータベースに接続できません。入力した内容は保存されていません。しばらくしてからもう一度お試しください。"],
    };
  }
  if (status < 500) {
    return { title: "この操作は受け付けられません", body: [message || "この操作は受け付けられません。画面からもう一度操作してください。"] };
  }
  return {
    title: "エラーが発生しました",
    body: ["申し訳ありません。処理を完了できませんでした。入力した内容は保存されていない可能性があります。時間をおいてもう一度お試しください。"],
  };
}
