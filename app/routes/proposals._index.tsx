import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/viewer.server";
import { PageLinks } from "~/components/page-links";
import { PRODUCT_NAME } from "~/components/site-header";
import { formatYen } from "~/domain/money";
import { can } from "~/domain/permissions";
import { PROPOSAL_STATE_LABELS } from "~/domain/proposals";
import { formatWarekiDateTime } from "~/domain/wareki";
import { pageParam } from "~/forms/page-param";
import { listProposalsForViewer } from "~/models/proposals.server";

export const meta: MetaFunction = () => [{ title: `企画提案 | ${PRODUCT_NAME}` }];

/** GET /proposals — the organisation's proposals (a proposer), or every submitted one (a reviewer), 20 a page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "view:proposal:any"]);
  const list = await listProposalsForViewer(context.db, viewer, pageParam(new URL(request.url).searchParams));
  return { ...list, reviewer: can(viewer.role, "view:proposal:any") };
}

export default function Proposals() {
  const { proposals, total, page, pageSize, reviewer } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">企画提案</h1>
      {total === 0 ? (
        reviewer ? (
          <p>提出された企画提案はまだありません。</p>
        ) : (
          <p>
            まだ企画提案はありません。
            <Link to="/calls" className="text-key-800 underline">
              公募の一覧
            </Link>
            から、応募する公募を開いてください。
          </p>
        )
      ) : (
        <ul className="space-y-4">
          {proposals.map((p) => (
            <li key={p.id} className="space-y-2 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
              <h2 className="text-std-20B-150 break-words">
                <Link to={`/proposals/${p.id}`} className="text-key-800 underline">
                  {reviewer ? `${p.organisation_name}：` : null}
                  {p.call_title}
                </Link>
              </h2>
              <dl className="grid gap-x-4 gap-y-1 text-dns-16N-130 sm:grid-cols-[auto_1fr]">
                <dt className="text-solid-gray-700">状態</dt>
                <dd>
                  {PROPOSAL_STATE_LABELS[p.state]}
                  {p.latest_version > 0 ? `（第${p.latest_version}版まで提出）` : null}
                </dd>
                {p.total_amount !== null && p.submitted_at ? (
                  <>
                    <dt className="text-solid-gray-700">提案額</dt>
                    <dd className="tabular-nums">{formatYen(p.total_amount)}</dd>
                    <dt className="text-solid-gray-700">提出日時</dt>
                    <dd>{formatWarekiDateTime(p.submitted_at)}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <PageLinks current={page} pages={Math.ceil(total / pageSize)} hrefFor={(p) => `/proposals?page=${p}`} />
    </div>
  );
}
