import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/viewer.server";
import { CallPhaseBadge } from "~/components/call-summary";
import { primaryButtonClass } from "~/components/forms";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { CALL_KIND_NAMES, callPhase } from "~/domain/calls";
import { formatYen } from "~/domain/money";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listCalls } from "~/models/calls.server";

export const meta: MetaFunction = () => [{ title: `公募の管理 | ${PRODUCT_NAME}` }];

/** GET /admin/calls — every call, published or not, the latest window first, 20 a page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:calls:any");
  const list = await listCalls(context.db, { page: pageParam(new URL(request.url).searchParams) });
  const now = new Date();
  return { ...list, calls: list.calls.map((c) => ({ ...c, phase: callPhase(c, now) })) };
}

export default function AdminCalls() {
  const { calls, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">公募の管理</h1>
      <p>
        <Link to="/admin/calls/new" className={`inline-block ${primaryButtonClass}`}>
          公募を作成する
        </Link>
      </p>
      {total === 0 ? (
        <p>公募はまだありません。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] border-collapse text-left">
            <caption className="sr-only">公募の一覧（{total}件）</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2 pr-3">
                  公募名
                </th>
                <th scope="col" className="py-2 pr-3">
                  状況
                </th>
                <th scope="col" className="py-2 pr-3">
                  公募期間
                </th>
                <th scope="col" className="py-2 text-right">
                  予算総額
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} className="border-b border-solid-gray-200 align-top">
                  <td className="py-2 pr-3">
                    <Link to={`/admin/calls/${c.id}`} className="text-key-800 underline">
                      {c.title}
                    </Link>
                    <span className="block text-dns-14N-130 text-solid-gray-700">
                      {fiscalYearLabel(c.fiscalYear)}・{CALL_KIND_NAMES[c.kind]}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    <CallPhaseBadge phase={c.phase} />
                  </td>
                  <td className="py-2 pr-3 text-dns-14N-130">
                    {formatWarekiDateTime(c.opensAt)} 〜<br />
                    {formatWarekiDateTime(c.closesAt)}
                  </td>
                  <td className="py-2 text-right tabular-nums">{formatYen(c.totalBudget)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/admin/calls?page=${p}`} />
    </div>
  );
}
