import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer, notFound } from "~/auth/viewer.server";
import { CallPhaseBadge, CallSummary } from "~/components/call-summary";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { callPhase, ELIGIBLE_ORGANISATION_KINDS } from "~/domain/calls";
import { timeLeftUntil } from "~/domain/japan-time";
import { ORGANISATION_KIND_LABELS } from "~/domain/roles";
import { findCall } from "~/models/calls.server";
import { isCallReviewer } from "~/models/selection.server";
import { can } from "~/domain/permissions";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "公募"} | ${PRODUCT_NAME}` }];

/** GET /calls/:id — a published call, for everyone; one that has not opened is not found. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = new Date();
  const call = await findCall(context.db, idParam(params, "id"), { publishedBy: now });
  if (!call) notFound();
  const viewer = await getViewer(request, context);
  const phase = callPhase(call, now);
  return {
    call,
    phase,
    left: phase === "open" ? timeLeftUntil(now, call.closesAt) : null,
    signedIn: viewer !== null,
    reviewing: viewer !== null && can(viewer.role, "review:proposal:any") && (await isCallReviewer(context.db, call.id, viewer.userId)),
    eligible: ELIGIBLE_ORGANISATION_KINDS[call.kind].map((k) => ORGANISATION_KIND_LABELS[k]),
  };
}

export default function CallPage() {
  const { call, phase, left, signedIn, eligible, reviewing } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/calls" className="text-key-800 underline">
          公募の一覧に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150 break-words">{call.title}</h1>
      <p className="flex flex-wrap items-center gap-3">
        <CallPhaseBadge phase={phase} />
        {left ? <span className="font-bold">{left}</span> : null}
      </p>
      {phase === "open" ? (
        <Notice>
          この公募に応募できるのは{eligible.join("・")}です。
          {signedIn ? null : (
            <>
              {" "}
              応募するには
              <Link to={`/login?redirectTo=${encodeURIComponent(`/calls/${call.id}`)}`} className="text-key-800 underline">
                ログイン
              </Link>
              してください。
            </>
          )}
        </Notice>
      ) : null}
      {reviewing ? (
        <p>
          <Link to={`/calls/${call.id}/review`} className="text-key-800 underline">
            審査の状況（採点と順位）
          </Link>
        </p>
      ) : null}
      <CallSummary call={call} />
    </div>
  );
}
