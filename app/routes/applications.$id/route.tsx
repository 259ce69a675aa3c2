import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { takeStashedInput } from "~/auth/stash.server";
import { forbidden, notFound, requireAnyPermission, requireViewer } from "~/auth/viewer.server";
import { AssignmentPanel } from "~/components/assignment-panel";
import { AttachmentsSection } from "~/components/attachments-section";
import { fieldId, Notice } from "~/components/forms";
import { ProceedingsPanel } from "~/components/proceedings-panel";
import { PRODUCT_NAME } from "~/components/site-header";
import { readDraft, type ApplicationDraft } from "~/domain/application-draft";
import { requiredAttachments } from "~/domain/required-attachments";
import { allowedActions, availableSteps } from "~/domain/application-lifecycle";
import { STATE_LABELS } from "~/domain/application-states";
import type { Finding } from "~/domain/grant-calculation";
import { japanToday } from "~/domain/japan-time";
import { ledgerOf } from "~/domain/ledger";
import { repaymentStanding } from "~/domain/subsidy-charges";
import { missingPartyDetailsMessage } from "~/domain/party-details";
import { can } from "~/domain/permissions";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { STEP_ACTIONS, STEPS } from "~/domain/steps";
import { fiscalYearLabel } from "~/domain/wareki";
import { readSnapshot } from "~/domain/submitted-version";
import { applyRowIntent, readDraftIntent } from "~/forms/application";
import { formOf, formValues } from "~/forms/read-form";
import { commentTargetLabel, type ReviewActionResult } from "~/forms/review";
import {
  applicationDeadline,
  findApplicationForViewer,
  getVersion,
  isEditable,
  latestComments,
  listVersions,
  saveDraft,
  submitApplication,
  type SaveOutcome,
} from "~/models/applications.server";
import { assignmentPanelOf } from "~/models/assignments.server";
import { listAttachments } from "~/models/attachments.server";
import { missingDetailsOf } from "~/models/organisations.server";
import { listProceedings } from "~/models/proceedings.server";
import { listProgrammeParameters } from "~/models/programme-parameters.server";
import { idParam } from "~/utils/route-params.server";
import { DraftEditor } from "./draft-editor";
import { isReviewIntent, reviewAction } from "./review-actions.server";
import { ReviewPanel } from "./review-panel";
import { ReviewWorkspace } from "./workspace";
import { workspaceFor } from "./workspace-data.server";
import { postedForm } from "~/utils/posted-form.server";

/**
 * /applications/:id — one application: its form while the applicant may edit it (draft-editor.tsx); for a
 * reviewer, the workspace (workspace.tsx: the submitted version beside the return form, the budget, the
 * checklist and the 審査メモ); for an applicant after submission, the versions (review-panel.tsx); the steps
 * after submission, and the attachments (posted to their own route). Without JavaScript the forms post here.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${fiscalYearLabel(data.application.fiscal_year)} 交付申請（${data.application.organisation_name}） | ${PRODUCT_NAME}` : PRODUCT_NAME,
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  const stashed = await takeStashedInput(context.db, request, viewer.userId);
  const proceedings = await listProceedings(context.db, application.id);
  const records = proceedings.map((p) => p.record);
  const attachments = await listAttachments(context.db, application.id);
  const returned = application.state === "returned" ? await getVersion(context.db, application.id, application.latest_version) : undefined;
  const returnedDraft = returned && readSnapshot(returned.snapshot).draft;
  const editable = isEditable(viewer, application);
  const { draft, ...summary } = application;
  return {
    // The draft and the rules it is checked by only while the form is shown: the other views show versions.
    application: summary,
    editor: editable ? { draft, parameters: await listProgrammeParameters(context.db, application.fiscal_year) } : null,
    restored: stashed && readDraft(formValues(formOf(stashed))),
    editable,
    // The documents a submission must carry (the consortium's agreement only for a consortium, as saved).
    requiredAttachments: editable ? requiredAttachments(application.programme, readDraft(draft)) : [],
    // What the 交付申請書 would print as 「未登録」: submitting is refused until the profile has it.
    missingDetails: editable ? await missingDetailsOf(context.db, application.organisation_id) : [],
    // Starting the review and returning are on this page; deciding and later steps have their own pages.
    reviewerActions: can(viewer.role, "review:application:any")
      ? allowedActions(application.state, viewer.role).filter((a) => a === "start_review" || a === "return")
      : [],
    // Each named as it was in the version returned: a line by its row and what it was.
    comments: returned
      ? (await latestComments(context.db, application)).map((c) => ({ path: c.path, body: c.body, label: commentTargetLabel(c.path, returnedDraft) }))
      : [],
    versions: await listVersions(context.db, application.id),
    attachments,
    // Only for a reviewer: the applicant's page never loads the 審査メモ or the checklist.
    workspace: await workspaceFor(context.db, viewer, application, attachments),
    proceedings,
    ledger: ledgerOf(records),
    repayment: repaymentStanding(records, japanToday(new Date())),
    steps: availableSteps(viewer, application, records, japanToday(new Date())),
    assignment:
      can(viewer.role, "review:application:any") && application.state !== "draft" ? await assignmentPanelOf(context.db, application.id, viewer.userId) : null,
    deadline: await applicationDeadline(context.db, application),
  };
}

type ActionResult =
  | ReviewActionResult
  | { kind: "saved"; outcome: SaveOutcome }
  | {
      kind: "submit-refused";
      message: string;
      findings?: Finding[];
      /** The profile page, where what is missing is filled in. */
      fixAt?: string;
      draft: ApplicationDraft;
      revision: number;
    };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params, "id");
  // Signed in first: a form posted after the session ran out is kept for after signing in again.
  const viewer = await requireViewer(request, context);
  const form = await postedForm(request);
  const intent = String(form.get("intent") ?? "save");

  if (isReviewIntent(intent)) return reviewAction(context, viewer, id, intent, form);

  if (!can(viewer.role, "edit:application:own")) forbidden();
  // Another organisation's application is not found, whatever was posted to it.
  if (!(await findApplicationForViewer(context.db, viewer, id))) notFound();
  const draftIntent = readDraftIntent(intent);
  if (!draftIntent) throw new Response("この操作は受け付けられません。画面からもう一度操作してください。", { status: 400 });
  const draft = readDraft(formValues(form));
  applyRowIntent(draft, draftIntent);
  const saved = await saveDraft(context.db, viewer, context.clientIp, id, { revision: Number(form.get("revision")), draft });
  if (saved.status === "not-found") notFound();
  if (saved.status !== "done") return data<ActionResult>({ kind: "saved", outcome: saved }, { status: 409 });
  if (draftIntent.kind !== "submit") return redirect(`/applications/${id}?notice=saved`);

  const outcome = await submitApplication(context.db, viewer, context.clientIp, id, {
    revision: saved.revision,
    acknowledgeWarnings: form.get("acknowledgeWarnings") === "on",
  });
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "done") return redirect(`/applications/${id}?notice=submitted`);
  const refusal: ActionResult = {
    kind: "submit-refused",
    draft,
    revision: saved.revision,
    message:
      outcome.status === "has-errors"
        ? "修正が必要な項目があるため、提出できませんでした。下書きは保存してあります。"
        : outcome.status === "needs-acknowledgement"
          ? "確認事項があります。内容を確認し、「確認事項を確認しました」にチェックを入れてから提出してください。"
          : outcome.status === "invalid"
            ? Object.values(outcome.errors).join(" ")
            : outcome.status === "profile-incomplete"
              ? missingPartyDetailsMessage(outcome.missing)
              : outcome.reason,
    ...(outcome.status === "has-errors" ? { findings: outcome.findings } : {}),
    ...(outcome.status === "profile-incomplete" ? { fixAt: `/organisations/${viewer.organisationId}` } : {}),
  };
  return data(refusal, { status: 400 });
}

/** What the page says after a change, by the `notice` the change redirected with. */
const NOTICES: Record<string, string> = {
  saved: "下書きを保存しました。",
  return: "申請を差し戻しました。",
  start_review: "審査を開始しました。",
  note: "審査メモを残しました。",
  checklist: "審査チェックリストを保存しました。",
  "attachment-removed": "添付書類を削除しました。",
  "attachment-not-removed": "この申請の現在の状態では、添付書類を削除できません。",
  ...Object.fromEntries(STEP_ACTIONS.map((step) => [step, STEPS[step].done])),
};

export default function ApplicationPage() {
  const loaded = useLoaderData<typeof loader>();
  const { application, editable, comments, versions, deadline, reviewerActions, attachments } = loaded;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = actionData ? null : params.get("notice");
  const refused = actionData?.kind === "submit-refused" ? actionData : null;
  const saveRefused = actionData?.kind === "saved" ? actionData.outcome : null;
  const added = notice === "attachment-added" ? attachments.find((a) => String(a.id) === params.get("attachment")) : undefined;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-dns-16N-130 text-solid-gray-700">
          {application.organisation_name}・{PROGRAMME_NAMES[application.programme]}
        </p>
        <h1 className="text-std-32B-150">{fiscalYearLabel(application.fiscal_year)} 交付申請</h1>
        <p>
          状態：<strong>{STATE_LABELS[application.state]}</strong>
          {application.latest_version > 0 ? `（提出済み 第${application.latest_version}版）` : null}
          {deadline && editable ? (
            <span className="ml-4">
              受付締切 {deadline.closesAt}（{deadline.left}）{deadline.extensionReason ? "（この組織について延長）" : null}
            </span>
          ) : null}
        </p>
        {deadline?.extensionReason && editable ? <p className="text-dns-16N-130">締切延長の理由：{deadline.extensionReason}</p> : null}
      </div>

      {notice === "submitted" ? (
        <Notice tone="success">第{application.latest_version}版として提出しました。提出した内容は下の「提出した版」から確認できます。</Notice>
      ) : notice && NOTICES[notice] ? (
        <Notice tone="success">{NOTICES[notice]}</Notice>
      ) : null}
      {loaded.restored ? <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ保存されていません。</Notice> : null}
      {actionData?.kind === "review-refused" ? <Notice tone="warning">{actionData.message}</Notice> : null}
      {saveRefused?.status === "refused" ? <Notice tone="warning">{saveRefused.reason}</Notice> : null}
      {comments.length > 0 && editable ? (
        <Notice tone="warning">
          <p className="font-bold">
            審査担当者から{comments.length}
            件のコメントとともに差し戻されました。各コメントは対象の項目・明細の行の横にも表示しています。修正して、再提出してください。
          </p>
          <ul className="mt-2 list-disc pl-6">
            {comments.map((c, i) => (
              <li key={i} className="break-words">
                <a href={`#${fieldId(c.path)}-comment`} className="underline">
                  {c.label}
                </a>
                ：{c.body}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {refused && !refused.findings ? (
        <Notice tone="warning">
          {refused.message}
          {refused.fixAt ? <ProfileLink href={refused.fixAt} /> : null}
        </Notice>
      ) : editable && loaded.missingDetails.length > 0 ? (
        <Notice tone="warning">
          提出の前に、組織の情報に未登録の項目（{loaded.missingDetails.join("、")}）を登録してください。交付申請書に記載されます。
          <ProfileLink href={`/organisations/${application.organisation_id}`} />
        </Notice>
      ) : null}

      {loaded.editor ? (
        <DraftEditor
          application={{ ...application, draft: loaded.editor.draft }}
          parameters={loaded.editor.parameters}
          comments={comments}
          versions={versions}
          refused={refused}
          restored={loaded.restored}
          conflict={saveRefused?.status === "conflict" ? saveRefused : null}
        />
      ) : loaded.workspace ? (
        <>
          {loaded.assignment ? <AssignmentPanel applicationId={application.id} back={`/applications/${application.id}`} {...loaded.assignment} /> : null}
          <ReviewWorkspace
            application={application}
            versions={versions}
            workspace={loaded.workspace}
            reviewerActions={reviewerActions}
            steps={loaded.steps}
            result={actionData && actionData.kind !== "saved" && actionData.kind !== "submit-refused" ? actionData : null}
          />
          <ProceedingsPanel applicationId={application.id} items={loaded.proceedings} ledger={loaded.ledger} repayment={loaded.repayment} steps={[]} />
        </>
      ) : (
        <div className="space-y-6">
          {loaded.assignment ? <AssignmentPanel applicationId={application.id} back={`/applications/${application.id}`} {...loaded.assignment} /> : null}
          <ReviewPanel application={application} versions={versions} />
          <ProceedingsPanel
            applicationId={application.id}
            items={loaded.proceedings}
            ledger={loaded.ledger}
            repayment={loaded.repayment}
            steps={loaded.steps}
          />
        </div>
      )}
      {/* The workspace lists the version's attachments with their links beside the content. */}
      {loaded.workspace ? null : (
        <AttachmentsSection
          applicationId={application.id}
          attachments={attachments}
          editable={editable}
          required={loaded.requiredAttachments}
          comments={editable ? comments.filter((c) => c.path === "attachments").map((c) => c.body) : []}
          message={added ? { ok: true, message: `「${added.file_name}」を添付しました（SHA-256: ${added.sha256}）。` } : null}
        />
      )}
    </div>
  );
}

function ProfileLink({ href }: { href: string }) {
  return (
    <>
      {" "}
      <Link to={href} className="underline">
        組織の情報を登録する
      </Link>
    </>
  );
}
