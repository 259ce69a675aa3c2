import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, getViewer, notFound, requireViewer } from "~/auth/viewer.server";
import { CallPhaseBadge, CallSummary } from "~/components/call-summary";
import { Notice, primaryButtonClass } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { callPhase, ELIGIBLE_ORGANISATION_KINDS, mayPropose } from "~/domain/calls";
import { timeLeftUntil } from "~/domain/japan-time";
import { can } from "~/domain/permissions";
import { ORGANISATION_KIND_LABELS } from "~/domain/roles";
import { findCall } from "~/models/calls.server";
import { isCallReviewer } from "~/models/selection.server";
import { ownProposalTo, openProposal } from "~/models/proposals.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "公募"} | ${PRODUCT_NAME}` }];

/**
 * GET /calls/:id — a published call, for everyone; one that has not opened is not found. An officer of an
 * organisation the call is for applies here while it is open (POST: opens the organisation's proposal, or
 * finds the one it has, and goes to it).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = new Date();
  const call = await findCall(context.db, idParam(params, "id"), { publishedBy: now });
  if (!call) notFound();
  const viewer = await getViewer(request, context);
  const phase = callPhase(call, now);
  const proposer = viewer && can(viewer.role, "edit:proposal:own") && mayPropose(call.kind, viewer.organisationKind) ? viewer : null;
  return {
    mayApply: proposer !== null && phase === "open",
    ownProposalId: proposer ? ((await ownProposalTo(context.db, proposer, call.id))?.id ?? null) : null,
    call,
    phase,
    left: phase === "open" ? timeLeftUntil(now, call.closesAt) : null,
    signedIn: viewer !== null,
    reviewing: viewer !== null && can(viewer.role, "review:proposal:any") && (await isCallReviewer(context.db, call.id, viewer.userId)),
    eligible: ELIGIBLE_ORGANISATION_KINDS[call.kind].map((k) => ORGANISATION_KIND_LABELS[k]),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const callId = idParam(params, "id");
  const viewer = await requireViewer(request, context);
  await postedForm(request);
  if (!can(viewer.role, "edit:proposal:own")) forbidden();
  const outcome = await openProposal(context.db, viewer, context.clientIp, callId);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "done") return redirect(`/proposals/${outcome.id}`);
  return data({ message: outcome.status === "refused" ? outcome.reason : "応募できませんでした。" }, { status: httpStatusOf(outcome) });
}

export default function CallPage() {
  const { call, phase, left, signedIn, eligible, mayApply, ownProposalId, reviewing } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
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
      {refusal ? <Notice tone="warning">{refusal.message}</Notice> : null}
      {ownProposalId !== null ? (
        <p>
          <Link to={`/proposals/${ownProposalId}`} className="text-std-18B-160 text-key-800 underline">
            この公募への企画提案を開く
          </Link>
        </p>
      ) : mayApply ? (
        <Form method="post">
          <button type="submit" className={primaryButtonClass}>
            この公募に応募する
          </button>
        </Form>
      ) : null}
      <CallSummary call={call} />
    </div>
  );
}
