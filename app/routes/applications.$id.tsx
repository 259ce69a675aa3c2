import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { takeStashedInput } from "~/auth/stash.server";
import { forbidden, notFound, requireAnyPermission, requireViewer } from "~/auth/viewer.server";
import { describedBy, Notes, Section, SelectField, TextArea, TextInput, type FieldNotes } from "~/components/application-fields";
import { BudgetTable } from "~/components/budget-table";
import { ErrorSummary, fieldId, inputClass, Notice, primaryButtonClass, secondaryButtonClass } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { PrefectureChecklist } from "~/components/prefecture-checklist";
import { PRODUCT_NAME } from "~/components/site-header";
import { allowedActions, STATE_LABELS } from "~/domain/application-lifecycle";
import { ATTACHMENT_DOCUMENT_TYPES } from "~/domain/file-types";
import type { Finding } from "~/domain/grant-calculation";
import { timeLeft } from "~/domain/japan-time";
import { formatYen, tidyYenInput } from "~/domain/money";
import { can } from "~/domain/permissions";
import { findProgrammeParameters, MENU1_ACTIVITIES, PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import {
  checkApplication,
  draftFromFormData,
  EMPTY_BUDGET_LINE,
  fieldLabel,
  MENU2_PLAN_FIELDS,
  PLATFORM_MEMBER_KINDS,
  DELEGATION_METHODS,
  type ApplicationDraft,
} from "~/forms/application";
import {
  applicationWindow,
  findApplicationForViewer,
  isEditable,
  latestComments,
  listVersions,
  reviewApplication,
  saveDraft,
  submitApplication,
  type SaveOutcome,
} from "~/models/applications.server";
import { addAttachment, listAttachments, removeAttachment } from "~/models/attachments.server";
import { listProgrammeParameters } from "~/models/programme-parameters.server";
import { availableSteps, listProceedings } from "~/models/proceedings.server";
import { ProceedingsPanel } from "~/components/proceedings-panel";
import { ledgerOf } from "~/domain/proceedings";
import { PROCEEDING_ACTIONS, PROCEEDING_BUTTONS } from "~/forms/proceedings";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${fiscalYearLabel(data.application.fiscal_year)} 交付申請（${data.application.organisation_name}） | ${PRODUCT_NAME}`
      : PRODUCT_NAME,
  },
];

const MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
const ORDER: string[] = MENU1_ACTIVITIES.map((a) => a.code);

function applicationId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const application = await findApplicationForViewer(context.db, viewer, applicationId(params.id));
  if (!application) notFound();
  const url = new URL(request.url);
  const stashed = await takeStashedInput(context.db, { id: url.searchParams.get("restore"), userId: viewer.userId, path: url.pathname });
  let restored: ApplicationDraft | null = null;
  if (stashed) {
    const form = new FormData();
    for (const [key, value] of Object.entries(stashed)) for (const v of [value].flat()) form.append(key, v);
    restored = draftFromFormData(form);
  }
  const window = await applicationWindow(context.db, application.fiscal_year, application.programme);
  const proceedings = await listProceedings(context.db, application.id);
  return {
    application,
    restored,
    editable: isEditable(viewer, application),
    // Starting the review and returning are on this page; deciding and later steps have their own pages.
    reviewerActions: can(viewer.role, "review:application:any")
      ? allowedActions(application.state, viewer.role).filter((a) => a === "start_review" || a === "return")
      : [],
    parameters: await listProgrammeParameters(context.db, application.fiscal_year),
    comments: application.state === "returned" ? await latestComments(context.db, application) : [],
    versions: await listVersions(context.db, application.id),
    attachments: await listAttachments(context.db, application.id),
    proceedings,
    ledger: ledgerOf(proceedings.map((p) => p.record)),
    steps: availableSteps(viewer, application, proceedings.map((p) => p.record)),
    deadline: window ? { closesOn: window.closesOn, left: timeLeft(new Date(), window.closesOn) } : null,
  };
}

type ActionResult =
  | { kind: "saved"; outcome: SaveOutcome }
  | { kind: "submit-refused"; message: string; findings?: Finding[]; warnings?: Finding[]; draft: ApplicationDraft; revision: number }
  | { kind: "review-refused"; message: string }
  | { kind: "attachment"; ok: boolean; message: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = applicationId(params.id);
  // Signed in first: a form posted after the session ran out is kept for after signing in again.
  const viewer = await requireViewer(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");

  if (intent === "start_review" || intent === "return") {
    if (!can(viewer.role, "review:application:any")) forbidden();
    const reviewer = viewer;
    const comments = [{ path: String(form.get("commentPath") ?? "purpose"), body: String(form.get("comment") ?? "") }];
    const outcome = await reviewApplication(context.db, reviewer, context.clientIp, id, intent, comments);
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "refused") return data<ActionResult>({ kind: "review-refused", message: outcome.reason }, { status: 409 });
    return redirect(`/applications/${id}?notice=${intent}`);
  }

  if (!can(viewer.role, "edit:application:own")) forbidden();
  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>({ kind: "attachment", ok: false, message: "添付するファイルを選んでください。" }, { status: 400 });
    }
    const result = await addAttachment(context.db, viewer, context.clientIp, id, {
      documentType: String(form.get("documentType") ?? ""),
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) {
      if (result.status === 404) notFound();
      return data<ActionResult>({ kind: "attachment", ok: false, message: result.message }, { status: result.status });
    }
    return data<ActionResult>({ kind: "attachment", ok: true, message: `「${file.name}」を添付しました（SHA-256: ${result.sha256}）。` });
  }
  if (intent.startsWith("remove-attachment:")) {
    await removeAttachment(context.db, viewer, context.clientIp, id, Number(intent.split(":")[1]));
    return data<ActionResult>({ kind: "attachment", ok: true, message: "添付書類を削除しました。" });
  }
  const draft = draftFromFormData(form);
  applyRowIntent(draft, intent);
  const revision = Number(form.get("revision"));
  const saved = await saveDraft(context.db, viewer, context.clientIp, id, { revision, draft });
  if (saved.status === "not-found") notFound();

  if (intent === "submit" && saved.status === "saved") {
    const outcome = await submitApplication(context.db, viewer, context.clientIp, id, {
      revision: saved.revision,
      acknowledgeWarnings: form.get("acknowledgeWarnings") === "on",
    });
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "submitted") return redirect(`/applications/${id}?notice=submitted`);
    const refusal: ActionResult = {
      kind: "submit-refused",
      draft,
      revision: saved.revision,
      message:
        outcome.status === "has-errors"
          ? "修正が必要な項目があるため、提出できませんでした。下書きは保存してあります。"
          : outcome.status === "needs-acknowledgement"
            ? "確認事項があります。内容を確認し、「確認事項を確認しました」にチェックを入れてから提出してください。"
            : outcome.reason,
      ...(outcome.status === "has-errors" ? { findings: outcome.findings } : {}),
      ...(outcome.status === "needs-acknowledgement" ? { warnings: outcome.warnings } : {}),
    };
    return data(refusal, { status: 400 });
  }
  if (saved.status !== "saved") {
    return data<ActionResult>({ kind: "saved", outcome: saved }, { status: 409 });
  }
  return redirect(`/applications/${id}?notice=saved`);
}

/** Without JavaScript, rows are added and removed by the server, which saves the result. */
function applyRowIntent(draft: ApplicationDraft, intent: string) {
  const [verb, list, index] = intent.split(":");
  const lists = {
    lines: () => ({ ...EMPTY_BUDGET_LINE }),
    platformMembers: () => ({ name: "", kind: "npo" as const, role: "" }),
    delegations: () => ({ activity: "", method: "commission" as const, recipient: "", content: "" }),
    members: () => ({ name: "", corporateNumber: "", role: "", share: "" }),
  };
  if (!list || !(list in lists)) return;
  const key = list as keyof typeof lists;
  const rows = draft[key] as unknown[];
  if (verb === "add") rows.push(lists[key]());
  if (verb === "remove") rows.splice(Number(index), 1);
}

const STATUS_TEXT = {
  idle: "",
  dirty: "未保存の変更があります",
  saving: "保存しています…",
  failed: "保存できませんでした。通信状況を確認して「下書きを保存」を押してください。入力内容はこの画面に残っています。",
  signedOut: "ログインの有効期限が切れました。「下書きを保存」を押すと、ログインし直した後に入力内容が戻ります。",
} as const;

export default function ApplicationPage() {
  const loaded = useLoaderData<typeof loader>();
  const { application, editable, parameters, comments, versions, deadline, reviewerActions } = loaded;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const programme = application.programme;
  const menu1 = programme === "prefectural";

  const refused = actionData && "kind" in actionData && actionData.kind === "submit-refused" ? actionData : null;
  const noJsConflict =
    actionData && "kind" in actionData && actionData.kind === "saved" && actionData.outcome.status === "conflict" ? actionData.outcome : null;
  const [draft, setDraft] = useState<ApplicationDraft>(() => refused?.draft ?? loaded.restored ?? application.draft);
  const [revision, setRevisionState] = useState(() => refused?.revision ?? application.revision);
  // Saves read the revision from here, so a save queued behind another uses the revision that one returned.
  const revisionRef = useRef(revision);
  const setRevision = (value: number) => {
    revisionRef.current = value;
    setRevisionState(value);
  };
  const pendingSave = useRef(false);
  // Counts edits, so a save's answer only says "saved" when nothing was typed after it was sent.
  const edits = useRef(0);
  const [status, setStatus] = useState<keyof typeof STATUS_TEXT>(loaded.restored ? "dirty" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Extract<SaveOutcome, { status: "conflict" }> | null>(noJsConflict);
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const firstRender = useRef(true);

  const check = useMemo(
    () => checkApplication(programme, application.fiscal_year, draft, parameters, { forSubmission: true }),
    [programme, application.fiscal_year, draft, parameters],
  );
  const findings = refused?.findings ?? check.findings;
  const notes = useMemo(() => {
    const byPath: Record<string, FieldNotes> = {};
    for (const f of findings) byPath[f.path] ??= { message: { text: f.message, severity: f.severity } };
    for (const c of comments) byPath[c.path] = { ...byPath[c.path], comment: c.body };
    return byPath;
  }, [findings, comments]);

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const inFlight = useRef(false);

  async function save() {
    window.clearTimeout(timer.current);
    if (!editable || conflict) return;
    if (inFlight.current) {
      pendingSave.current = true;
      return;
    }
    inFlight.current = true;
    const sent = edits.current;
    setStatus("saving");
    try {
      const response = await fetch(`/applications/${application.id}/draft`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ revision: revisionRef.current, draft: draftRef.current }),
      });
      const outcome = (await response.json()) as SaveOutcome | { status: "signed-out" | "forbidden" | "invalid" };
      if (outcome.status === "saved") {
        setRevision(outcome.revision);
        setSavedAt(outcome.savedAt);
        setStatus(sent === edits.current ? "idle" : "dirty");
      } else if (outcome.status === "conflict") {
        setConflict(outcome);
        setStatus("dirty");
      } else {
        setStatus(outcome.status === "signed-out" ? "signedOut" : "failed");
      }
    } catch {
      setStatus("failed");
    } finally {
      inFlight.current = false;
      if (pendingSave.current) {
        pendingSave.current = false;
        void save();
      }
    }
  }

  // Save a few seconds after typing stops; leaving a field saves at once (see onBlur on the form).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (!editable) return;
    edits.current += 1;
    setStatus("dirty");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), 2500);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `save` reads the latest draft through a ref
  }, [draft]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  // Leaving the page with changes not yet saved asks first.
  useEffect(() => {
    if (status === "idle") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  const update = (change: (d: ApplicationDraft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });

  const activityIndex = (code: string) => draft.activities.findIndex((a) => a.code === code);
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = refused?.warnings ?? findings.filter((f) => f.severity === "warning");
  const selectedParameters = findProgrammeParameters(parameters, application.fiscal_year, programme);
  const savedTime = savedAt
    ? new Date(savedAt).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })
    : null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-dns-16N-130 text-solid-gray-700">
          {application.organisation_name}・{PROGRAMME_NAMES[programme]}
        </p>
        <h1 className="text-std-32B-150">{fiscalYearLabel(application.fiscal_year)} 交付申請</h1>
        <p>
          状態：<strong>{STATE_LABELS[application.state]}</strong>
          {application.latest_version > 0 ? `（提出済み 第${application.latest_version}版）` : null}
          {deadline && (application.state === "draft" || application.state === "returned") ? <span className="ml-4">受付締切 {deadline.closesOn.replaceAll("-", "/")}（{deadline.left}）</span> : null}
        </p>
      </div>

      {params.get("notice") === "submitted" && !actionData ? (
        <Notice tone="success">第{application.latest_version}版として提出しました。提出した内容は下の「提出した版」から確認できます。</Notice>
      ) : null}
      {params.get("notice") === "saved" && !actionData ? <Notice tone="success">下書きを保存しました。</Notice> : null}
      {params.get("notice") === "return" && !actionData ? <Notice tone="success">申請を差し戻しました。</Notice> : null}
      {params.get("notice") === "start_review" && !actionData ? <Notice tone="success">審査を開始しました。</Notice> : null}
      {PROCEEDING_ACTIONS.map((step) =>
        params.get("notice") === step && !actionData ? (
          <Notice key={step} tone="success">
            {PROCEEDING_BUTTONS[step].done}
          </Notice>
        ) : null,
      )}
      {loaded.restored ? (
        <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ保存されていません。</Notice>
      ) : null}
      {actionData && "kind" in actionData && actionData.kind === "review-refused" ? <Notice tone="warning">{actionData.message}</Notice> : null}
      {actionData && "kind" in actionData && actionData.kind === "saved" && actionData.outcome.status === "not-editable" ? (
        <Notice tone="warning">{actionData.outcome.reason}</Notice>
      ) : null}
      {comments.length > 0 && editable ? (
        <Notice tone="warning">
          <p className="font-bold">審査担当者から差し戻されました。コメントのある項目を修正して、再提出してください。</p>
          <ul className="mt-2 list-disc pl-6">
            {comments.map((c, i) => (
              <li key={i}>
                <a href={`#${fieldId(c.path)}`} className="underline">
                  {fieldLabel(c.path)}
                </a>
                ：{c.body}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {refused && !refused.findings ? <Notice tone="warning">{refused.message}</Notice> : null}
      {refused?.findings ? (
        <ErrorSummary
          title={refused.message}
          errors={Object.fromEntries(refused.findings.map((f) => [f.path, f.message]))}
        />
      ) : null}
      {conflict ? (
        <div role="alert" className="space-y-3 rounded-8 border-2 border-error-2 p-4">
          <h2 className="text-std-18B-160 text-error-2">
            {conflict.updatedBy}さんが{formatWarekiDateTime(conflict.updatedAt)}に保存した内容と食い違っています
          </h2>
          <p>あなたの入力はこの画面に残っています。どちらを残すか選んでください。相手の変更：</p>
          <ul className="list-disc pl-6">
            {conflict.changes.slice(0, 20).map((c) => (
              <li key={c.path}>
                {fieldLabel(c.path)}：「{c.before || "（空欄）"}」→「{c.after || "（空欄）"}」
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className={primaryButtonClass}
              onClick={() => {
                setRevision(conflict.revision);
                setConflict(null);
                window.setTimeout(() => void save(), 0);
              }}
            >
              自分の入力で上書きする
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setDraft(conflict.draft);
                setRevision(conflict.revision);
                setConflict(null);
                setStatus("idle");
              }}
            >
              相手の内容を読み込む（自分の入力は破棄）
            </button>
          </div>
        </div>
      ) : null}

      {!editable ? (
        <div className="space-y-6">
          <ReadOnlySummary application={application} versions={versions} reviewerActions={reviewerActions} />
          <ProceedingsPanel applicationId={application.id} items={loaded.proceedings} ledger={loaded.ledger} steps={loaded.steps} />
        </div>
      ) : (
        <Form
          method="post"
          ref={formRef}
          noValidate
          className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
          onBlur={() => {
            if (status === "dirty") void save();
          }}
        >
          <input type="hidden" name="revision" value={revision} />
          <div className="space-y-8">
            <p aria-live="polite" className="text-dns-16N-130 text-solid-gray-700" data-testid="save-status">
              {status === "idle" && savedTime ? `保存しました ${savedTime}` : STATUS_TEXT[status]}
            </p>

            <Section id="plan-heading" title="事業計画">
              <TextArea
                path="purpose"
                label="事業の目的"
                notes={notes.purpose}
                value={draft.purpose}
                onChange={(v) => update((d) => void (d.purpose = v))}
              />
              {menu1 ? (
                <Menu1Plan draft={draft} notes={notes} update={update} activityIndex={activityIndex} />
              ) : (
                <Menu2Plan draft={draft} notes={notes} update={update} />
              )}
            </Section>

            <Section id="budget-heading" title="所要額">
              <BudgetTable
                draft={draft}
                programme={programme}
                notes={notes}
                lineAmounts={check.lineAmounts}
                update={update}
              />
              <div className="grid gap-4 sm:grid-cols-2">
                <TextInput
                  path="otherIncome"
                  label="寄付金その他の収入額（円）"
                  numeric
                  notes={notes.otherIncome}
                  value={draft.otherIncome}
                  onChange={(v) => update((d) => void (d.otherIncome = v))}
                  onBlur={(v) => update((d) => void (d.otherIncome = tidyYenInput(v)))}
                />
                <TextInput
                  path="otherIncomeSource"
                  label="収入の内訳"
                  hint="例：寄付金、参加費"
                  notes={notes.otherIncomeSource}
                  value={draft.otherIncomeSource}
                  onChange={(v) => update((d) => void (d.otherIncomeSource = v))}
                />
                <TextInput
                  path="requestedAmount"
                  label="交付申請額（円）"
                  hint={`空欄なら算定した交付額 ${formatYen(check.result.grantAmount)} で申請します。`}
                  numeric
                  notes={notes.requestedAmount}
                  value={draft.requestedAmount}
                  onChange={(v) => update((d) => void (d.requestedAmount = v))}
                  onBlur={(v) => update((d) => void (d.requestedAmount = tidyYenInput(v)))}
                />
              </div>
            </Section>

            <Section id="submit-heading" title="提出">
              {errors.length > 0 ? (
                <p>修正が必要な項目が{errors.length}件あります。右の一覧から該当する項目へ移動できます。</p>
              ) : (
                <p>
                  {formatYen(check.requestedAmount)}で申請します。提出すると内容が版として固定され、審査が終わるまで編集できません。
                </p>
              )}
              {warnings.length > 0 ? (
                <div className="space-y-2">
                  <ul className="list-disc pl-6 text-orange-1000">
                    {warnings.map((w, i) => (
                      <li key={i}>{w.message}</li>
                    ))}
                  </ul>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="acknowledgeWarnings" className="size-5" />
                    確認事項を確認しました
                  </label>
                </div>
              ) : null}
              <div className="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="submit" className={primaryButtonClass}>
                  {application.state === "returned" ? "再提出する" : "提出する"}
                </button>
                <button type="submit" name="intent" value="save" className={secondaryButtonClass}>
                  下書きを保存
                </button>
              </div>
              <p>
                <a href={`/applications/${application.id}/pdf`} className="text-key-800 underline" target="_blank" rel="noreferrer">
                  保存した内容を交付申請書（PDF・下書き）で確認する
                </a>
              </p>
            </Section>
            <VersionList applicationId={application.id} versions={versions} />
          </div>
          <GrantSummary
            title="交付額の算定"
            result={check.result}
            findings={findings}
            menu1={menu1}
            missingParameters={!selectedParameters}
          >
            <p className="text-dns-16N-130">
              交付申請額 <strong className="tabular-nums">{formatYen(check.requestedAmount)}</strong>
            </p>
          </GrantSummary>
        </Form>
      )}
      <Attachments
        applicationId={application.id}
        attachments={loaded.attachments}
        editable={editable}
        result={actionData && "kind" in actionData && actionData.kind === "attachment" ? actionData : null}
      />
    </div>
  );
}

function Attachments({
  applicationId,
  attachments,
  editable,
  result,
}: {
  applicationId: number;
  attachments: { id: number; document_type: string; file_name: string; size_bytes: number; sha256: string }[];
  editable: boolean;
  result: { ok: boolean; message: string } | null;
}) {
  return (
    <Section id="attachments" title="添付書類">
      <p className="text-dns-16N-130 text-solid-gray-700">
        規約、予算書抄本、定款、事業報告書などを添付します。PDF、Excel、Word、PNG、JPEG のファイルで、1ファイル10MBまで、合計50MBまでです。ファイルの種類は中身で確認します。
      </p>
      {result ? (
        <div role={result.ok ? "status" : "alert"} className={result.ok ? "text-success-2" : "text-error-2"}>
          {result.message}
        </div>
      ) : null}
      {attachments.length === 0 ? (
        <p>添付書類はまだありません。</p>
      ) : (
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="sr-only">添付書類の一覧</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2 pr-3">書類</th>
              <th scope="col" className="py-2 pr-3">ファイル</th>
              <th scope="col" className="py-2 pr-3 text-right">大きさ</th>
              <th scope="col" className="py-2 pr-3">SHA-256</th>
              {editable ? (
                <th scope="col" className="py-2">
                  <span className="sr-only">操作</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {attachments.map((a) => (
              <tr key={a.id} className="border-b border-solid-gray-200 align-top">
                <td className="py-2 pr-3">{ATTACHMENT_DOCUMENT_TYPES[a.document_type as keyof typeof ATTACHMENT_DOCUMENT_TYPES] ?? a.document_type}</td>
                <td className="py-2 pr-3">
                  <a href={`/applications/${applicationId}/attachments/${a.id}`} className="text-key-800 underline">
                    {a.file_name}
                  </a>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{Math.ceil(a.size_bytes / 1024).toLocaleString("ja-JP")} KB</td>
                <td className="py-2 pr-3 break-all font-mono text-dns-14N-130" data-testid="sha256">
                  {a.sha256}
                </td>
                {editable ? (
                  <td className="py-2">
                    <Form method="post">
                      <button
                        type="submit"
                        name="intent"
                        value={`remove-attachment:${a.id}`}
                        className="text-key-800 underline"
                        aria-label={`${a.file_name}を削除`}
                      >
                        削除
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable ? (
        <Form method="post" encType="multipart/form-data" className="grid gap-3 sm:grid-cols-[auto_1fr_auto] sm:items-end">
          <div className="space-y-1">
            <label htmlFor="documentType" className="block text-std-16B-170">
              書類の種類
            </label>
            <select id="documentType" name="documentType" className={inputClass} defaultValue="rules">
              {Object.entries(ATTACHMENT_DOCUMENT_TYPES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="file" className="block text-std-16B-170">
              ファイル
            </label>
            <input id="file" name="file" type="file" className="block w-full" accept=".pdf,.xlsx,.xls,.docx,.doc,.png,.jpg,.jpeg" />
          </div>
          <button type="submit" name="intent" value="upload" className={secondaryButtonClass}>
            添付する
          </button>
        </Form>
      ) : null}
    </Section>
  );
}

type Update = (change: (d: ApplicationDraft) => void) => void;

function RowButton({ intent, label, onClick }: { intent: string; label: string; onClick: () => void }) {
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      formNoValidate
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
      className="text-dns-16N-130 text-key-800 underline"
    >
      {label}
    </button>
  );
}

function Menu1Plan({
  draft,
  notes,
  update,
  activityIndex,
}: {
  draft: ApplicationDraft;
  notes: Record<string, FieldNotes>;
  update: Update;
  activityIndex: (code: string) => number;
}) {
  return (
    <>
      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">実施する事業</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">
          1 プラットフォームの構築は必須です。①～⑩から2つ以上を選び、それぞれの内容・実施月・指標を記入します。
        </p>
        <Notes path="activities" notes={notes.activities} />
        {MENU1_ACTIVITIES.map((activity) => {
          const i = activityIndex(activity.code);
          const plan = i >= 0 ? draft.activities[i]! : null;
          const at = `activities.${i}`;
          return (
            <div key={activity.code} className="rounded-8 border border-solid-gray-420 p-4">
              <label className="flex items-start gap-2 text-std-16B-170">
                <input
                  type="checkbox"
                  name="activityCodes"
                  value={activity.code}
                  checked={plan !== null}
                  disabled={activity.code === "platform"}
                  onChange={(e) =>
                    update((d) => {
                      d.activities = d.activities.filter((a) => a.code !== activity.code);
                      if (e.target.checked) d.activities.push({ code: activity.code, content: "", months: [], indicators: "" });
                      d.activities.sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
                    })
                  }
                  className="mt-1 size-5 shrink-0"
                />
                <span>
                  {activity.label} {activity.name}
                  {activity.code === "platform" ? "（必須）" : ""}
                </span>
              </label>
              {plan ? (
                <div className="mt-3 space-y-3 pl-7">
                  <input type="hidden" name={`${at}.code`} value={activity.code} />
                  <TextArea
                    path={`${at}.content`}
                    label={`${activity.label} 実施内容`}
                    rows={3}
                    notes={notes[`${at}.content`]}
                    value={plan.content}
                    onChange={(v) => update((d) => void (d.activities[i]!.content = v))}
                  />
                  <fieldset id={fieldId(`${at}.months`)} tabIndex={-1} {...describedBy(`${at}.months`, notes[`${at}.months`])}>
                    <legend className="text-std-16B-170">{activity.label} 実施月</legend>
                    <div className="flex flex-wrap gap-3">
                      {MONTHS.map((m) => (
                        <label key={m} className="flex items-center gap-1">
                          <input
                            type="checkbox"
                            name={`${at}.months`}
                            value={m}
                            checked={plan.months.includes(m)}
                            onChange={(e) =>
                              update((d) => {
                                const months = d.activities[i]!.months.filter((x) => x !== m);
                                if (e.target.checked) months.push(m);
                                d.activities[i]!.months = MONTHS.filter((x) => months.includes(x));
                              })
                            }
                            className="size-4"
                          />
                          {m}月
                        </label>
                      ))}
                    </div>
                    <Notes path={`${at}.months`} notes={notes[`${at}.months`]} />
                  </fieldset>
                  <TextInput
                    path={`${at}.indicators`}
                    label={`${activity.label} 指標（成果の目安）`}
                    notes={notes[`${at}.indicators`]}
                    value={plan.indicators}
                    onChange={(v) => update((d) => void (d.activities[i]!.indicators = v))}
                  />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">プラットフォームの構成団体</legend>
        {draft.platformMembers.map((m, i) => (
          <div key={i} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-3">
            <TextInput
              path={`platformMembers.${i}.name`}
              label={`構成団体${i + 1} 名称`}
              notes={notes[`platformMembers.${i}.name`]}
              value={m.name}
              onChange={(v) => update((d) => void (d.platformMembers[i]!.name = v))}
            />
            <SelectField
              path={`platformMembers.${i}.kind`}
              label="種別"
              notes={notes[`platformMembers.${i}.kind`]}
              value={m.kind}
              options={Object.entries(PLATFORM_MEMBER_KINDS)}
              onChange={(v) => update((d) => void (d.platformMembers[i]!.kind = v as typeof m.kind))}
            />
            <TextInput
              path={`platformMembers.${i}.role`}
              label="役割"
              notes={notes[`platformMembers.${i}.role`]}
              value={m.role}
              onChange={(v) => update((d) => void (d.platformMembers[i]!.role = v))}
            />
            <RowButton intent={`remove:platformMembers:${i}`} label={`構成団体${i + 1}を削除`} onClick={() => update((d) => void d.platformMembers.splice(i, 1))} />
          </div>
        ))}
        <RowButton
          intent="add:platformMembers"
          label="構成団体を追加"
          onClick={() => update((d) => void d.platformMembers.push({ name: "", kind: "npo", role: "" }))}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">委託・補助により実施する事業</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">補助による実施は⑦と⑧に限られます。</p>
        {draft.delegations.map((x, i) => (
          <div key={i} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-2">
            <SelectField
              path={`delegations.${i}.activity`}
              label="事業"
              notes={notes[`delegations.${i}.activity`]}
              value={x.activity}
              placeholder="選択してください"
              options={MENU1_ACTIVITIES.map((a) => [a.code, `${a.label} ${a.name}`] as const)}
              onChange={(v) => update((d) => void (d.delegations[i]!.activity = v))}
            />
            <SelectField
              path={`delegations.${i}.method`}
              label="方法"
              notes={notes[`delegations.${i}.method`]}
              value={x.method}
              options={Object.entries(DELEGATION_METHODS)}
              onChange={(v) => update((d) => void (d.delegations[i]!.method = v as typeof x.method))}
            />
            <TextInput
              path={`delegations.${i}.recipient`}
              label="委託先・補助先"
              notes={notes[`delegations.${i}.recipient`]}
              value={x.recipient}
              onChange={(v) => update((d) => void (d.delegations[i]!.recipient = v))}
            />
            <TextInput
              path={`delegations.${i}.content`}
              label="内容"
              notes={notes[`delegations.${i}.content`]}
              value={x.content}
              onChange={(v) => update((d) => void (d.delegations[i]!.content = v))}
            />
            <RowButton intent={`remove:delegations:${i}`} label={`委託・補助${i + 1}を削除`} onClick={() => update((d) => void d.delegations.splice(i, 1))} />
          </div>
        ))}
        <RowButton
          intent="add:delegations"
          label="委託・補助を追加"
          onClick={() => update((d) => void d.delegations.push({ activity: "", method: "commission", recipient: "", content: "" }))}
        />
      </fieldset>
    </>
  );
}

function Menu2Plan({ draft, notes, update }: { draft: ApplicationDraft; notes: Record<string, FieldNotes>; update: Update }) {
  return (
    <>
      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">実施体制</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="consortium"
            checked={draft.consortium}
            onChange={(e) => update((d) => void (d.consortium = e.target.checked))}
            className="size-5"
          />
          コンソーシアム（複数の法人）で申請する
        </label>
        <Notes path="members" notes={notes.members} />
        {draft.members.map((m, i) => (
          <div key={i} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-2">
            <TextInput
              path={`members.${i}.name`}
              label={i === 0 ? "代表団体 名称" : `構成団体${i} 名称`}
              notes={notes[`members.${i}.name`]}
              value={m.name}
              onChange={(v) => update((d) => void (d.members[i]!.name = v))}
            />
            <TextInput
              path={`members.${i}.corporateNumber`}
              label="法人番号（13桁）"
              numeric
              notes={notes[`members.${i}.corporateNumber`]}
              value={m.corporateNumber}
              onChange={(v) => update((d) => void (d.members[i]!.corporateNumber = v))}
            />
            <TextInput
              path={`members.${i}.role`}
              label="役割"
              notes={notes[`members.${i}.role`]}
              value={m.role}
              onChange={(v) => update((d) => void (d.members[i]!.role = v))}
            />
            <TextInput
              path={`members.${i}.share`}
              label="分担する業務"
              notes={notes[`members.${i}.share`]}
              value={m.share}
              onChange={(v) => update((d) => void (d.members[i]!.share = v))}
            />
            {i > 0 ? (
              <RowButton intent={`remove:members:${i}`} label={`構成団体${i}を削除`} onClick={() => update((d) => void d.members.splice(i, 1))} />
            ) : null}
          </div>
        ))}
        {draft.consortium ? (
          <RowButton
            intent="add:members"
            label="構成団体を追加"
            onClick={() => update((d) => void d.members.push({ name: "", corporateNumber: "", role: "", share: "" }))}
          />
        ) : null}
      </fieldset>

      <fieldset className="space-y-3" id={fieldId("areaPrefectures")} tabIndex={-1}>
        <legend className="text-std-18B-160">活動区域</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">原則として複数の都道府県にまたがる区域で行います。</p>
        <PrefectureChecklist selected={draft.areaPrefectures} onChange={(next) => update((d) => void (d.areaPrefectures = next))} />
        <Notes path="areaPrefectures" notes={notes.areaPrefectures} />
        <TextArea
          path="areaJustification"
          label="1つの都道府県で行う理由（該当する場合）"
          rows={2}
          notes={notes.areaJustification}
          value={draft.areaJustification}
          onChange={(v) => update((d) => void (d.areaJustification = v))}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">事業の内容</legend>
        {MENU2_PLAN_FIELDS.map(([key, label]) => (
          <TextArea
            key={key}
            path={`plan.${key}`}
            label={label}
            rows={3}
            notes={notes[`plan.${key}`]}
            value={draft.plan[key]}
            onChange={(v) => update((d) => void (d.plan[key] = v))}
          />
        ))}
      </fieldset>
    </>
  );
}

function VersionList({
  applicationId,
  versions,
}: {
  applicationId: number;
  versions: { version: number; submitted_at: Date | string; requested_amount: number; submitted_by_name: string }[];
}) {
  if (versions.length === 0) return null;
  return (
    <Section id="versions-heading" title="提出した版">
      <ul className="space-y-1">
        {versions.map((v) => (
          <li key={v.version}>
            <Link to={`/applications/${applicationId}/versions/${v.version}`} className="text-key-800 underline">
              第{v.version}版
            </Link>
            ：{formatWarekiDateTime(v.submitted_at)} {v.submitted_by_name}（申請額 {formatYen(v.requested_amount)}）
            <a href={`/applications/${applicationId}/versions/${v.version}/pdf`} className="ml-3 text-key-800 underline">
              第{v.version}版の交付申請書（PDF）
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ReadOnlySummary({
  application,
  versions,
  reviewerActions,
}: {
  application: { id: number; state: string; latest_version: number };
  versions: Parameters<typeof VersionList>[0]["versions"];
  reviewerActions: string[];
}) {
  return (
    <div className="space-y-6">
      <p>
        {application.latest_version > 0
          ? "提出済みのため編集できません。提出した内容は各版のページで確認できます。"
          : "この申請はまだ提出されていません。"}
      </p>
      <VersionList applicationId={application.id} versions={versions} />
      {reviewerActions.length > 0 ? (
        <Section id="review-heading" title="審査">
          <Form method="post" className="space-y-3">
            {reviewerActions.includes("return") ? (
              <>
                <div className="space-y-1">
                  <label htmlFor="commentPath" className="block text-std-16B-170">
                    差戻しの対象となる項目
                  </label>
                  <select id="commentPath" name="commentPath" className={inputClass} defaultValue="purpose">
                    {["purpose", "activities", "lines", "otherIncome", "requestedAmount", "members", "areaPrefectures"].map((p) => (
                      <option key={p} value={p}>
                        {fieldLabel(p)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="space-y-1">
                  <label htmlFor="comment" className="block text-std-16B-170">
                    差戻しの理由
                  </label>
                  <textarea id="comment" name="comment" rows={3} className={inputClass} />
                </div>
              </>
            ) : null}
            <div className="flex gap-3">
              {reviewerActions.includes("start_review") ? (
                <button type="submit" name="intent" value="start_review" className={primaryButtonClass}>
                  審査を開始する
                </button>
              ) : null}
              {reviewerActions.includes("return") ? (
                <button type="submit" name="intent" value="return" className={secondaryButtonClass}>
                  差し戻す
                </button>
              ) : null}
            </div>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}
