import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/viewer.server";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { CONTRACT_STATE_LABELS } from "~/domain/contracts";
import { formatYen } from "~/domain/money";
import { formatWarekiDate } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listContracts } from "~/models/contracts.server";

export const meta: MetaFunction = () => [{ title: `委託契約 | ${PRODUCT_NAME}` }];

/** GET /contracts — the organisation's contracts (a contractor), or every one (a reviewer), 50 a page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "review:proposal:any"]);
  return listContracts(context.db, viewer, pageParam(new URL(request.url).searchParams));
}

export default function Contracts() {
  const { contracts, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">委託契約</h1>
      {total === 0 ? (
        <p>委託契約はまだありません。採択された企画提案の契約は、ここに表示されます。</p>
      ) : (
        <ul className="space-y-3">
          {contracts.map((c) => (
            <li key={c.id} className="space-y-1 rounded-12 border border-solid-gray-420 p-4">
              <Link to={`/contracts/${c.id}`} className="text-std-18B-160 text-key-800 underline break-words">
                {c.organisation}：{c.callTitle}
              </Link>
              <p className="text-dns-16N-130 text-solid-gray-700">
                {CONTRACT_STATE_LABELS[c.state]}・契約額 {formatYen(c.amount)}・契約期間の終了 {formatWarekiDate(c.periodTo)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/contracts?page=${p}`} />
    </div>
  );
}
