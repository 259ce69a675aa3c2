import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CallPhaseBadge } from "~/components/call-summary";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { CALL_KIND_NAMES, callPhase } from "~/domain/calls";
import { formatYen } from "~/domain/money";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listCalls } from "~/models/calls.server";

export const meta: MetaFunction = () => [
  { title: `公募 | ${PRODUCT_NAME}` },
  { name: "description", content: "孤独・孤立対策の官民連携プラットフォーム・NPO等の取組モデル事業の公募です。" },
];

/** GET /calls — the published calls (open now or closed), the latest deadline first, for everyone. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const now = new Date();
  const list = await listCalls(context.db, { page: pageParam(new URL(request.url).searchParams), publishedBy: now });
  return { ...list, calls: list.calls.map((c) => ({ ...c, phase: callPhase(c, now) })) };
}

export default function Calls() {
  const { calls, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">公募</h1>
      <p className="max-w-3xl">
        地方公共団体の官民連携プラットフォームづくりや、NPO等の先駆的な取組を、内閣府が委託事業として公募します。
        応募には、対象となる団体のアカウントでのログインが必要です。これまでの取組団体は
        <Link to="/model-projects" className="text-key-800 underline">
          モデル事業の取組団体
        </Link>
        で公開しています。
      </p>
      {total === 0 ? (
        <p>公開中の公募はありません。</p>
      ) : (
        <ul className="space-y-4">
          {calls.map((c) => (
            <li key={c.id} className="space-y-2 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
              <p className="flex flex-wrap items-center gap-2 text-dns-14N-130 text-solid-gray-700">
                <CallPhaseBadge phase={c.phase} />
                {fiscalYearLabel(c.fiscalYear)}・{CALL_KIND_NAMES[c.kind]}
              </p>
              <h2 className="text-std-20B-150 break-words">
                <Link to={`/calls/${c.id}`} className="text-key-800 underline">
                  {c.title}
                </Link>
              </h2>
              <dl className="grid gap-x-4 gap-y-1 text-dns-16N-130 sm:grid-cols-[auto_1fr]">
                <dt className="text-solid-gray-700">締切</dt>
                <dd>{formatWarekiDateTime(c.closesAt)}（日本時間）</dd>
                <dt className="text-solid-gray-700">1件あたりの上限額</dt>
                <dd className="tabular-nums">{formatYen(c.ceilingPerProject)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/calls?page=${p}`} />
    </div>
  );
}
