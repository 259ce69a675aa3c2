import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { PRODUCT_NAME } from "~/components/site-header";
import { ProposalView } from "~/components/proposal-view";
import { formatYen } from "~/domain/money";
import { readProposalSnapshot } from "~/domain/proposals";
import { formatWarekiDateTime } from "~/domain/wareki";
import { findProposalForViewer, getProposalVersion } from "~/models/proposals.server";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `企画提案 第${data.snapshot.version}版（${data.snapshot.organisation.name}） | ${PRODUCT_NAME}` : PRODUCT_NAME },
];

/** GET /proposals/:id/versions/:version — a submitted version of a proposal, frozen, with its 企画提案書 (PDF). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "view:proposal:any"]);
  const proposal = await findProposalForViewer(context.db, viewer, idParam(params, "id"));
  if (!proposal) notFound();
  const version = await getProposalVersion(context.db, proposal.id, idParam(params, "version"));
  if (!version) notFound();
  return { proposalId: proposal.id, snapshot: readProposalSnapshot(version.snapshot) };
}

export default function ProposalVersionPage() {
  const { proposalId, snapshot } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/proposals/${proposalId}`} className="text-key-800 underline">
          企画提案に戻る
        </Link>
      </p>
      <div className="space-y-1">
        <p className="text-dns-16N-130 text-solid-gray-700 break-words">
          {snapshot.organisation.name}・{snapshot.call.title}
        </p>
        <h1 className="text-std-32B-150">企画提案 第{snapshot.version}版</h1>
        <p>
          {formatWarekiDateTime(snapshot.submittedAt)}に{snapshot.submittedBy.name}さんが提出・提案額 {formatYen(snapshot.total)}
        </p>
      </div>
      <p>
        <a href={`/proposals/${proposalId}/versions/${snapshot.version}/pdf`} className="text-key-800 underline" download>
          企画提案書（PDF）をダウンロード
        </a>
      </p>
      <ProposalView draft={snapshot.draft} rules={{ kind: snapshot.call.kind, ceiling: snapshot.call.ceiling }} />
    </div>
  );
}
