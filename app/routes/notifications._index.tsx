import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireViewer } from "~/auth/viewer.server";
import { Notice, secondaryButtonClass } from "~/components/forms";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { formatWarekiDateTime } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listNotifications, markAllRead } from "~/models/notifications.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `お知らせ | ${PRODUCT_NAME}` }];

/** GET /notifications — the viewer's notifications, newest first, 20 a page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const list = await listNotifications(context.db, viewer.userId, pageParam(new URL(request.url).searchParams));
  return { ...list, unread: viewer.unreadNotifications ?? 0 };
}

/** POST /notifications — 「すべて既読にする」. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  await postedForm(request);
  await markAllRead(context.db, viewer.userId);
  return redirect("/notifications?done=all-read");
}

export default function Notifications() {
  const { notifications, total, page, pageSize, unread } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">お知らせ</h1>
      {params.get("done") === "all-read" ? <Notice tone="success">すべてのお知らせを既読にしました。</Notice> : null}
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p>
          {total === 0 ? "お知らせはまだありません。" : unread > 0 ? `全${total}件のうち、未読が${unread}件あります。` : `全${total}件。未読はありません。`}
        </p>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className={secondaryButtonClass}>
              すべて既読にする
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length > 0 ? (
        <ul aria-label="お知らせの一覧" className="space-y-3">
          {notifications.map((n) => (
            <li key={n.id} className={`space-y-1 rounded-12 border p-4 ${n.read_at ? "border-solid-gray-420" : "border-l-8 border-key-800 bg-key-50"}`}>
              <p className="text-dns-14N-130 text-solid-gray-700">
                {n.read_at ? "既読" : <strong className="text-key-900">未読</strong>}・
                <time dateTime={new Date(n.created_at).toISOString()}>{formatWarekiDateTime(n.created_at)}</time>
              </p>
              <Link to={`/notifications/${n.id}`} className="block text-std-18B-160 text-key-800 underline break-words">
                {n.title}
              </Link>
              <p className="whitespace-pre-line break-words text-dns-16N-130">{n.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/notifications?page=${p}`} />
    </div>
  );
}
