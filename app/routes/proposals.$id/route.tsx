import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { takeStashedInput } from "~/auth/stash.server";
import { forbidden, notFound, requireAnyPermission, requireViewer } from "~/auth/viewer.server";
import { Section } from "~/components/application-fields";
import { fieldId, Notice, primaryButtonClass } from "~/components/forms";
import { ProposalView } from "~/components/proposal-view";
import { PRODUCT_NAME } from "~/components/site-header";
import { callPhase } from "~/domain/calls";
import { timeLeftUntil } from "~/domain/japan-time";
import { formatYen } from "~/domain/money";
import type { FieldErrors } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import { readProposalDraft, type ProposalDraft } from "~/domain/proposal-draft";
import { mayReturn, PROPOSAL_STATE_LABELS, readProposalSnapshot, RETURN_COMMENT_MAX } from "~/domain/proposals";
import { formatWarekiDateTime } from "~/domain/wareki";
import { applyProposalRowIntent, readProposalIntent } from "~/forms/proposal";
import { formOf, formValues } from "~/forms/read-form";
import {
  findProposalForViewer,
  getProposalVersion,
  isProposalEditable,
  latestProposalComments,
  listProposalVersions,
  returnProposal,
  reviewsStarted,
  saveProposalDraft,
  submitProposal,
  type ProposalSaveOutcome,
} from "~/models/proposals.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";
import { ProposalEditor } from "./proposal-editor";

/**
 * /proposals/:id — one proposal (企画提案): its form while its organisation may edit it (a draft, or
 * returned), read-only once submitted, with its versions; a reviewer reads the latest version and may
 * return it with a comment. Without JavaScript the forms post here.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `企画提案：${data.proposal.call_title}（${data.proposal.organisation_name}） | ${PRODUCT_NAME}` : PRODUCT_NAME },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:proposal:own", "view:proposal:any"]);
  const proposal = await findProposalForViewer(context.db, viewer, idParam(params, "id"));
  if (!proposal) notFound();
  const editable = isProposalEditable(viewer, proposal);
  const stashed = editable ? await takeStashedInput(context.db, request, viewer.userId) : null;
  const latest = proposal.latest_version > 0 ? await getProposalVersion(context.db, proposal.id, proposal.latest_version) : undefined;
  const now = new Date();
  const phase = callPhase({ opensAt: proposal.opens_at, closesAt: proposal.closes_at }, now);
  const reviewer = can(viewer.role, "review:proposal:any");
  const scoringStarted = reviewer && proposal.state === "submitted" && (await reviewsStarted(context.db, proposal.id));
  return {
    proposal,
    editable,
    restored: stashed ? readProposalDraft(formValues(formOf(stashed))) : null,
    rules: { kind: proposal.call_kind, ceiling: proposal.ceiling_per_project },
    latestDraft: latest ? readProposalSnapshot(latest.snapshot).draft : null,
    comments: proposal.state === "returned" ? (await latestProposalComments(context.db, proposal)).map((c) => c.body) : [],
    versions: await listProposalVersions(context.db, proposal.id),
    mayReturn: reviewer && mayReturn(proposal.state, scoringStarted),
    scoringStarted,
    deadline: { closesAt: proposal.closes_at.toISOString(), left: phase === "open" ? timeLeftUntil(now, proposal.closes_at) : "締切済み" },
  };
}

type ActionResult =
  | { kind: "saved"; outcome: ProposalSaveOutcome }
  | { kind: "submit-refused"; message: string; errors?: FieldErrors; draft: ProposalDraft; revision: number }
  | { kind: "return-refused"; message: string; comment: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params, "id");
  // Signed in first: a form posted after the session ran out is kept for after signing in again.
  const viewer = await requireViewer(request, context);
  const form = await postedForm(request);
  const intent = String(form.get("intent") ?? "save");

  if (intent === "return") {
    if (!can(viewer.role, "review:proposal:any")) forbidden();
    const comment = String(form.get("comment") ?? "");
    const outcome = await returnProposal(context.db, viewer, context.clientIp, id, comment);
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "done") return redirect(`/proposals/${id}?notice=returned`);
    const message =
      outcome.status === "invalid" ? Object.values(outcome.errors).join(" ") : outcome.status === "refused" ? outcome.reason : "差し戻せませんでした。";
    return data<ActionResult>({ kind: "return-refused", message, comment }, { status: 400 });
  }

  if (!can(viewer.role, "edit:proposal:own")) forbidden();
  // Another organisation's proposal is not found, whatever was posted to it.
  if (!(await findProposalForViewer(context.db, viewer, id))) notFound();
  const proposalIntent = readProposalIntent(intent);
  if (!proposalIntent) throw new Response("この操作は受け付けられません。画面からもう一度操作してください。", { status: 400 });
  const draft = readProposalDraft(formValues(form));
  applyProposalRowIntent(draft, proposalIntent);
  const saved = await saveProposalDraft(context.db, viewer, context.clientIp, id, { revision: Number(form.get("revision")), draft });
  if (saved.status === "not-found") notFound();
  if (saved.status !== "done") return data<ActionResult>({ kind: "saved", outcome: saved }, { status: 409 });
  if (proposalIntent.kind !== "submit") return redirect(`/proposals/${id}?notice=saved`);

  const outcome = await submitProposal(context.db, viewer, context.clientIp, id, { revision: saved.revision });
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "done") return redirect(`/proposals/${id}?notice=submitted`);
  const refusal: ActionResult = {
    kind: "submit-refused",
    draft,
    revision: saved.revision,
    message:
      outcome.status === "has-errors"
        ? "修正が必要な項目があるため、提出できませんでした。下書きは保存してあります。"
        : outcome.status === "invalid"
          ? Object.values(outcome.errors).join(" ")
          : outcome.reason,
    ...(outcome.status === "has-errors" ? { errors: outcome.errors } : {}),
  };
  return data(refusal, { status: 400 });
}

const NOTICES: Record<string, string> = {
  saved: "下書きを保存しました。",
  returned: "企画提案を差し戻しました。",
};

export default function ProposalPage() {
  const loaded = useLoaderData<typeof loader>();
  const { proposal, editable, versions, rules, deadline } = loaded;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = actionData ? null : params.get("notice");
  const refused = actionData?.kind === "submit-refused" ? actionData : null;
  const saveRefused = actionData?.kind === "saved" ? actionData.outcome : null;
  const returnRefused = actionData?.kind === "return-refused" ? actionData : null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-dns-16N-130 text-solid-gray-700 break-words">
          {proposal.organisation_name}・
          <Link to={`/calls/${proposal.call_id}`} className="text-key-800 underline">
            {proposal.call_title}
          </Link>
        </p>
        <h1 className="text-std-32B-150">企画提案</h1>
        <p>
          状態：<strong>{PROPOSAL_STATE_LABELS[proposal.state]}</strong>
          {proposal.latest_version > 0 ? `（提出済み 第${proposal.latest_version}版）` : null}
          <span className="ml-4 inline-block">
            締切 {formatWarekiDateTime(deadline.closesAt)}（{deadline.left}）
          </span>
        </p>
      </div>
      {notice === "submitted" ? (
        <Notice tone="success">第{proposal.latest_version}版として提出しました。提出した内容は下の「提出した版」から確認できます。</Notice>
      ) : notice && NOTICES[notice] ? (
        <Notice tone="success">{NOTICES[notice]}</Notice>
      ) : null}
      {loaded.restored ? <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ保存されていません。</Notice> : null}
      {saveRefused?.status === "refused" ? <Notice tone="warning">{saveRefused.reason}</Notice> : null}
      {refused && !refused.errors ? <Notice tone="warning">{refused.message}</Notice> : null}

      {editable ? (
        <ProposalEditor
          proposal={proposal}
          rules={rules}
          comments={loaded.comments}
          refused={refused}
          restored={loaded.restored}
          conflict={saveRefused?.status === "conflict" ? saveRefused : null}
        />
      ) : loaded.latestDraft ? (
        <Section id="latest-heading" title={`提出した内容（第${proposal.latest_version}版）`}>
          <ProposalView draft={loaded.latestDraft} rules={rules} />
        </Section>
      ) : null}

      {loaded.scoringStarted ? (
        <Section id="return-heading" title="差戻し">
          <p>審査担当者の採点（または利益相反の申告）が始まっているため、差し戻せません。</p>
        </Section>
      ) : null}
      {loaded.mayReturn ? (
        <Section id="return-heading" title="差戻し">
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="return" />
            <label htmlFor={fieldId("comment")} className="block text-std-16B-170">
              差戻しの理由（提案者に表示されます）
            </label>
            <textarea
              id={fieldId("comment")}
              name="comment"
              rows={4}
              maxLength={RETURN_COMMENT_MAX}
              defaultValue={returnRefused?.comment ?? ""}
              aria-invalid={returnRefused ? true : undefined}
              aria-describedby={returnRefused ? `${fieldId("comment")}-message` : undefined}
              className="w-full rounded-8 border border-solid-gray-600 p-3"
            />
            {returnRefused ? (
              <p id={`${fieldId("comment")}-message`} className="text-error-2">
                {returnRefused.message}
              </p>
            ) : null}
            <button type="submit" className={primaryButtonClass}>
              差し戻す
            </button>
          </Form>
        </Section>
      ) : null}

      {versions.length > 0 ? (
        <Section id="versions-heading" title="提出した版">
          <ul className="space-y-2">
            {versions.map((v) => (
              <li key={v.version} className="flex flex-wrap gap-x-4">
                <Link to={`/proposals/${proposal.id}/versions/${v.version}`} className="text-key-800 underline">
                  第{v.version}版
                </Link>
                <span>{formatWarekiDateTime(v.submitted_at)}</span>
                <span className="tabular-nums">{formatYen(v.total_amount)}</span>
                <span>{v.submitted_by_name}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
