import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/viewer.server";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { outboxStatus, OUTBOX_STATUS_LABELS } from "~/domain/mail-retry";
import { formatWarekiDateTime } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listOutbox } from "~/models/outbox.server";

export const meta: MetaFunction = () => [{ title: `送信メール | ${PRODUCT_NAME}` }];

/** GET /admin/outbox — every message the app has written, newest first, 20 a page (decision 015). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:accounts:any");
  return listOutbox(context.db, pageParam(new URL(request.url).searchParams));
}

export default function Outbox() {
  const { messages, total, unsent, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">送信メール</h1>
      <p>
        システムが送るメールの一覧です（新しい順）。メールサーバー（SMTP_URL）が設定されていれば順に送信し、失敗したものは間隔を空けて再送します。
        設定されていない場合は送信せず、ここに残ります。
      </p>
      <p>
        全{total}件、うち未送信{unsent}件。
      </p>
      {messages.length === 0 ? <p>メールはまだありません。</p> : null}
      <ul aria-label="送信メールの一覧" className="space-y-3">
        {messages.map((m) => {
          const status = outboxStatus(m);
          return (
            <li key={m.id} className="space-y-2 rounded-12 border border-solid-gray-420 p-4">
              <p className="text-std-18B-160 break-words">{m.subject}</p>
              <dl className="grid gap-x-4 gap-y-1 text-dns-16N-130 sm:grid-cols-[auto_1fr]">
                <dt className="font-bold">状態</dt>
                <dd data-testid="outbox-status">
                  {OUTBOX_STATUS_LABELS[status]}
                  {status === "sent" && m.sent_at ? `（${formatWarekiDateTime(m.sent_at)}）` : null}
                  {status === "retrying" ? `（${m.attempts}回失敗・次回 ${formatWarekiDateTime(m.next_attempt_at)}）` : null}
                </dd>
                <dt className="font-bold">宛先</dt>
                <dd className="break-all">{m.recipient}</dd>
                <dt className="font-bold">作成</dt>
                <dd>{formatWarekiDateTime(m.created_at)}</dd>
                {m.last_error && status !== "sent" ? (
                  <>
                    <dt className="font-bold">最後のエラー</dt>
                    <dd className="break-words">{m.last_error}</dd>
                  </>
                ) : null}
              </dl>
              <details>
                <summary className="cursor-pointer text-key-800 underline">本文を表示</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-dns-16N-130">{m.body}</pre>
              </details>
            </li>
          );
        })}
      </ul>
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/admin/outbox?page=${p}`} />
    </div>
  );
}
