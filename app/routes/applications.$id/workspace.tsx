import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { BudgetStandingPanel } from "~/components/budget-standing";
import { ErrorSummary, fieldId, inputClass, Notice, primaryButtonClass, secondaryButtonClass, TextAreaField } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { StepLinks } from "~/components/proceedings-panel";
import { SubmittedVersionContent } from "~/components/submitted-version";
import type { BudgetStanding } from "~/domain/ledger";
import type { FieldErrors } from "~/domain/outcome";
import { PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import { RETURN_COMMENTS_MAX, REVIEW_TEXT_MAX, type CommentTargetKind } from "~/domain/review";
import type { StepAction } from "~/domain/steps";
import type { SubmittedSnapshot } from "~/domain/submitted-version";
import { formatWarekiDateTime } from "~/domain/wareki";
import { emptyCommentRows, TARGET_GROUPS, type CommentRow, type CommentTargetOption, type ReviewActionResult } from "~/forms/review";
import { VersionList } from "./review-panel";

/** What the loader gives the workspace: the latest version and the reviewer's own records on the application. */
export interface WorkspaceData {
  snapshot: SubmittedSnapshot;
  targets: CommentTargetOption[];
  checklist: {
    code: string;
    label: string;
    hint: string;
    tick: { checked: boolean; version: number; updated_at: Date | string; updated_by_name: string } | null;
  }[];
  checklistEditable: boolean;
  notes: { id: number; version: number; body: string; created_at: Date | string; created_by_name: string }[];
  history: { version: number; label: string; body: string; created_at: Date | string; display_name: string }[];
  budget: BudgetStanding | null;
  linkable: number[];
}

/**
 * The reviewer's workspace on /applications/:id: the latest submitted version on the left (above, on a
 * narrow screen) and what the reviewer does on the right — start the review, return it with comments,
 * the next steps with the programme-year's budget, the checklist and the 審査メモ.
 */
export function ReviewWorkspace({
  application,
  versions,
  workspace,
  reviewerActions,
  steps,
  result,
}: {
  application: { id: number; programme: Programme; fiscal_year: number; latest_version: number };
  versions: Parameters<typeof VersionList>[0]["versions"];
  workspace: WorkspaceData;
  reviewerActions: string[];
  steps: StepAction[];
  result: ReviewActionResult | null;
}) {
  const { snapshot } = workspace;
  return (
    <div className="space-y-4">
      <p className="lg:hidden">
        <a href="#review-actions" className="text-key-800 underline">
          審査の操作へ移動
        </a>
      </p>
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-8 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <section aria-labelledby="submitted-heading" className="min-w-0 space-y-6 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
          <div className="space-y-1">
            <h2 id="submitted-heading" className="text-std-24B-150">
              提出された内容（第{snapshot.version}版）
            </h2>
            <p className="text-dns-16N-130 text-solid-gray-700">
              {formatWarekiDateTime(snapshot.submittedAt)} 提出（{snapshot.submittedBy.name}）・{PROGRAMME_NAMES[snapshot.programme]}
            </p>
          </div>
          <SubmittedVersionContent applicationId={application.id} snapshot={snapshot} linkable={workspace.linkable} level={3} />
          <GrantSummary title="交付額の算定（提出時）" result={snapshot.calculation} findings={[]} menu1={snapshot.programme === "prefectural"} />
          <VersionList applicationId={application.id} versions={versions} />
        </section>

        <div id="review-actions" tabIndex={-1} className="min-w-0 space-y-6 focus:outline-none">
          {reviewerActions.includes("start_review") ? (
            <ActionBox id="start-review-heading" title="審査の開始">
              <p>審査を開始すると、差戻し・交付決定・不交付決定ができるようになります。</p>
              <Form method="post">
                <button type="submit" name="intent" value="start_review" className={primaryButtonClass}>
                  審査を開始する
                </button>
              </Form>
            </ActionBox>
          ) : null}
          {reviewerActions.includes("return") ? (
            <ReturnForm
              // A new answer from the server (a refusal, a row added without JavaScript) starts the form again from it.
              key={result?.kind === "return-form" ? JSON.stringify(result) : "empty"}
              targets={workspace.targets}
              result={result?.kind === "return-form" ? result : null}
            />
          ) : null}
          {workspace.budget ? <BudgetStandingPanel standing={workspace.budget} programme={application.programme} fiscalYear={application.fiscal_year} /> : null}
          {steps.length > 0 ? (
            <ActionBox id="steps-heading" title="次の手続">
              <p className="text-dns-16N-130">交付決定では、上の予算の残額を確かめてから決定額を確定します。</p>
              <StepLinks applicationId={application.id} steps={steps} />
            </ActionBox>
          ) : null}
          <Checklist
            // Saved ticks come back from the server: the boxes start again from them.
            key={workspace.checklist.map((c) => `${c.code}:${c.tick?.checked ?? ""}:${String(c.tick?.updated_at ?? "")}`).join()}
            items={workspace.checklist}
            editable={workspace.checklistEditable}
            refusal={result?.kind === "checklist-refused" ? result.message : null}
          />
          {/* A note kept empties the form for the next one; a refused one comes back with what was typed. */}
          <ReviewNotes key={workspace.notes[0]?.id ?? 0} notes={workspace.notes} result={result?.kind === "note-refused" ? result : null} />
          <ReturnHistory history={workspace.history} />
        </div>
      </div>
    </div>
  );
}

function ActionBox({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-12 border border-solid-gray-420 p-4">
      <h2 id={id} tabIndex={-1} className="text-std-20B-150">
        {title}
      </h2>
      {children}
    </section>
  );
}

const GROUP_ORDER: CommentTargetKind[] = ["section", "field", "line"];

/**
 * 差し戻す: one row per comment (what it is about, what to change). Without JavaScript 「コメント欄を追加」
 * posts the form and it comes back with one more row and everything typed; with JavaScript the row is added
 * in place and focused. A refusal brings the rows back with a message at each field and focuses the summary.
 */
function ReturnForm({ targets, result }: { targets: CommentTargetOption[]; result: Extract<ReviewActionResult, { kind: "return-form" }> | null }) {
  const [rows, setRows] = useState<CommentRow[]>(result?.rows.length ? result.rows : emptyCommentRows());
  const [focusRow, setFocusRow] = useState<number | null>(result?.focusRow ?? null);
  const summary = useRef<HTMLDivElement>(null);
  const errors: FieldErrors = result?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;

  useEffect(() => {
    if (hasErrors) summary.current?.focus();
  }, [hasErrors]);
  useEffect(() => {
    if (focusRow !== null) document.getElementById(fieldId(`comments.${focusRow}.target`))?.focus();
  }, [focusRow, rows.length]);

  const addRow = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (rows.length > RETURN_COMMENTS_MAX) return;
    setRows([...rows, { target: "", body: "" }]);
    setFocusRow(rows.length);
  };

  return (
    <ActionBox id="return-heading" title="差戻し">
      <p className="text-dns-16N-130">
        修正してほしい点を、対象（節・項目・所要額の明細の行）ごとに書きます。申請者の画面では、各コメントが対象の横に表示されます。空の欄は無視します。
      </p>
      {result?.message ? <Notice tone="warning">{result.message}</Notice> : null}
      {hasErrors ? (
        <div ref={summary} tabIndex={-1} className="focus:outline-none">
          <ErrorSummary errors={errors} title="差し戻せませんでした。入力内容を確認してください" />
        </div>
      ) : null}
      <Form method="post" noValidate className="space-y-4">
        {rows.map((row, i) => (
          <CommentRowFields key={i} index={i} row={row} targets={targets} errors={errors} />
        ))}
        <div className="flex flex-wrap gap-3">
          {rows.length <= RETURN_COMMENTS_MAX ? (
            <button type="submit" name="intent" value="add_comment_row" formNoValidate onClick={addRow} className={secondaryButtonClass}>
              コメント欄を追加
            </button>
          ) : null}
          <button type="submit" name="intent" value="return" className={primaryButtonClass}>
            差し戻す
          </button>
        </div>
      </Form>
    </ActionBox>
  );
}

function CommentRowFields({ index, row, targets, errors }: { index: number; row: CommentRow; targets: CommentTargetOption[]; errors: FieldErrors }) {
  const target = `comments.${index}.target`;
  const body = `comments.${index}.body`;
  // A message stays beside its field until the field is changed.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const change = (name: string) => () => setChanged((before) => new Set(before).add(name));
  const targetError = changed.has(target) ? undefined : errors[target];
  const known = targets.some((t) => t.path === row.target);
  return (
    <fieldset className="space-y-2 rounded-8 border border-solid-gray-420 p-3">
      <legend className="px-1 text-std-16B-170">コメント{index + 1}</legend>
      <div className="space-y-1">
        <label htmlFor={fieldId(target)} className="block text-dns-16B-130">
          対象
        </label>
        <select
          id={fieldId(target)}
          name={target}
          defaultValue={row.target}
          onChange={change(target)}
          aria-invalid={targetError ? true : undefined}
          aria-describedby={targetError ? `${fieldId(target)}-error` : undefined}
          className={inputClass}
        >
          <option value="">選択してください</option>
          {/* A target the version does not have stays chosen, so the message beside it says which one was refused. */}
          {row.target && !known ? <option value={row.target}>（提出された版にない対象）</option> : null}
          {GROUP_ORDER.map((kind) => (
            <optgroup key={kind} label={TARGET_GROUPS[kind]}>
              {targets
                .filter((t) => t.kind === kind)
                .map((t) => (
                  <option key={t.path} value={t.path}>
                    {t.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {targetError ? (
          <p id={`${fieldId(target)}-error`} className="text-dns-16N-130 text-error-2">
            {targetError}
          </p>
        ) : null}
      </div>
      <TextAreaField
        name={body}
        label="コメント"
        rows={3}
        maxLength={REVIEW_TEXT_MAX}
        defaultValue={row.body}
        onChange={change(body)}
        error={changed.has(body) ? undefined : errors[body]}
      />
    </fieldset>
  );
}

/** 審査チェックリスト: the programme's items, what the version shows about each, and who ticked it when. */
function Checklist({ items, editable, refusal }: { items: WorkspaceData["checklist"]; editable: boolean; refusal: string | null }) {
  return (
    <ActionBox id="checklist-heading" title="審査チェックリスト">
      <p className="text-dns-16N-130 text-solid-gray-700">
        【審査上の確認事項】交付要綱上の要件そのものではなく、審査の確認のための一覧です。チェックは審査の記録として残り、申請者には表示されません。
      </p>
      {refusal ? <Notice tone="warning">{refusal}</Notice> : null}
      <Form method="post" className="space-y-3">
        <fieldset className="space-y-3">
          <legend className="sr-only">確認した項目</legend>
          {items.map((item) => {
            const id = `check-${item.code}`;
            const described = [item.hint ? `${id}-hint` : null, item.tick ? `${id}-by` : null].filter(Boolean).join(" ");
            return (
              <div key={item.code} className="flex items-start gap-2">
                <input
                  id={id}
                  type="checkbox"
                  name="checked"
                  value={item.code}
                  defaultChecked={item.tick?.checked ?? false}
                  disabled={!editable}
                  aria-describedby={described || undefined}
                  className="mt-1 size-5 shrink-0"
                />
                <div className="min-w-0">
                  <label htmlFor={id} className="text-dns-16N-130">
                    {item.label}
                  </label>
                  {item.hint ? (
                    <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700 break-words">
                      提出内容：{item.hint}
                    </p>
                  ) : null}
                  {item.tick ? (
                    <p id={`${id}-by`} className="text-dns-14N-130 text-solid-gray-700">
                      {item.tick.checked ? "確認" : "確認を取消し"}：{item.tick.updated_by_name}　{formatWarekiDateTime(item.tick.updated_at)}（第
                      {item.tick.version}版）
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </fieldset>
        {editable ? (
          <button type="submit" name="intent" value="save_checklist" className={secondaryButtonClass}>
            チェックリストを保存
          </button>
        ) : (
          <p className="text-dns-14N-130 text-solid-gray-700">チェックリストは、提出済み・審査中の申請でのみ変更できます。</p>
        )}
      </Form>
    </ActionBox>
  );
}

/** 審査メモ: notes only reviewers see, newest first; a note is never edited (a correction is another note). */
function ReviewNotes({ notes, result }: { notes: WorkspaceData["notes"]; result: Extract<ReviewActionResult, { kind: "note-refused" }> | null }) {
  const refused = Boolean(result?.errors.reviewNote);
  // A refused note is focused with its message beside it, so the reviewer can correct it at once.
  useEffect(() => {
    if (refused) document.getElementById(fieldId("reviewNote"))?.focus();
  }, [refused, result]);
  return (
    <ActionBox id="review-notes-heading" title="審査メモ">
      <p className="text-dns-16N-130 text-solid-gray-700">審査担当者だけが見られるメモです。申請者の画面・PDF・データには含まれません。</p>
      {result?.message ? <Notice tone="warning">{result.message}</Notice> : null}
      <Form method="post" noValidate className="space-y-3">
        <TextAreaField
          name="reviewNote"
          label="メモを追加"
          rows={3}
          maxLength={REVIEW_TEXT_MAX}
          defaultValue={result?.value ?? ""}
          error={result?.errors.reviewNote}
        />
        <button type="submit" name="intent" value="add_note" className={secondaryButtonClass}>
          メモを残す
        </button>
      </Form>
      {notes.length === 0 ? (
        <p>メモはまだありません。</p>
      ) : (
        <ol className="space-y-3" aria-label="審査メモの一覧">
          {notes.map((note) => (
            <li key={note.id} className="rounded-8 bg-solid-gray-50 p-3">
              <p className="text-dns-14N-130 text-solid-gray-700">
                {note.created_by_name}　{formatWarekiDateTime(note.created_at)}（第{note.version}版）
              </p>
              <p className="whitespace-pre-wrap break-words" data-testid="review-note">
                {note.body}
              </p>
            </li>
          ))}
        </ol>
      )}
    </ActionBox>
  );
}

/** Every return so far, by version: what the applicant was asked to change. */
function ReturnHistory({ history }: { history: WorkspaceData["history"] }) {
  if (history.length === 0) return null;
  const byVersion = [...new Set(history.map((c) => c.version))];
  return (
    <ActionBox id="return-history-heading" title="差戻しの履歴">
      {byVersion.map((version) => {
        const comments = history.filter((c) => c.version === version);
        return (
          <div key={version} className="space-y-1">
            <h3 className="text-std-16B-170">
              第{version}版への差戻し（{comments[0]!.display_name}　{formatWarekiDateTime(comments[0]!.created_at)}）
            </h3>
            <ul className="list-disc space-y-1 pl-6 text-dns-16N-130">
              {comments.map((c, i) => (
                <li key={i} className="break-words">
                  <span className="font-bold">{c.label}</span>：{c.body}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </ActionBox>
  );
}
