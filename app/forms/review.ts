/**
 * The reviewer's forms on the application page: returning with several comments (one row each: what it is
 * about and what to change), the internal note (審査メモ) and the checklist. Read on the server with
 * readForm, so a form without JavaScript gets the same messages at the same rows.
 */
import { z } from "zod";
import type { ApplicationDraft } from "~/domain/application-draft";
import type { FieldErrors } from "~/domain/outcome";
import { textField } from "~/domain/form-fields";
import type { Programme } from "~/domain/programmes";
import { commentTargets, lineIndexOf, lineSummary, RETURN_COMMENTS_MAX, REVIEW_TEXT_MAX, type CommentTarget, type CommentTargetKind } from "~/domain/review";
import { fieldLabel } from "./application";

/** How many empty comment rows the return form starts with. */
export const RETURN_COMMENT_ROWS = 3;

/** One row of the return form as typed: kept as text, so a refused form comes back exactly as it was. */
export interface CommentRow {
  target: string;
  body: string;
}

export const emptyCommentRows = (count = RETURN_COMMENT_ROWS): CommentRow[] => Array.from({ length: count }, () => ({ target: "", body: "" }));

/** Names the sections differently from fieldLabel where the form's own heading says it better. */
const TARGET_LABELS: Record<string, string> = {
  activities: "実施する事業（全体）",
  platformMembers: "プラットフォームの構成団体",
  delegations: "委託・補助",
  members: "実施体制（構成団体）",
  areaPrefectures: "活動区域",
  plan: "事業の内容（全体）",
  lines: "所要額の明細（全体）",
  attachments: "添付書類",
};

/**
 * How a comment's target is named to people. A budget line is named by its row and, when the version it was
 * made on is known, by what the line was ("所要額の明細 4行目（印刷製本費・啓発チラシ・300,000円）").
 */
export function commentTargetLabel(path: string, draft?: ApplicationDraft): string {
  const row = lineIndexOf(path);
  if (row !== null) {
    const line = draft?.lines[row];
    return `${fieldLabel(path)}${line ? `（${lineSummary(line)}）` : ""}`;
  }
  return TARGET_LABELS[path] ?? fieldLabel(path);
}

export const TARGET_GROUPS: Record<CommentTargetKind, string> = {
  section: "節（まとまり）",
  field: "項目",
  line: "所要額の明細（行）",
};

export interface CommentTargetOption extends CommentTarget {
  label: string;
}

/** The choices of the return form's "対象" for a submitted version, grouped by kind. */
export function commentTargetOptions(version: { programme: Programme; draft: ApplicationDraft }): CommentTargetOption[] {
  return commentTargets(version).map((t) => ({ ...t, label: commentTargetLabel(t.path, version.draft) }));
}

const asText = (value: unknown): string => (typeof value === "string" ? value : "");

/** A return comment as read: its target and text, and the row of the form it was typed in. */
export interface ReturnComment {
  row: number;
  path: string;
  body: string;
}

/**
 * The return form: rows "comments.N.target" and "comments.N.body". Rows left empty are ignored; every
 * other row needs a target the submitted version has (`targets`) and a text of at most 4,000 characters;
 * at least one comment is needed. Each message is given at its row's field.
 */
export function returnCommentsSchema(targets: readonly string[]) {
  const known = new Set(targets);
  return z.object({ comments: z.unknown().optional() }).transform(({ comments }, ctx): ReturnComment[] => {
    const rows: unknown[] = Array.isArray(comments) ? comments : [];
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", message, path: ["comments", ...path] });
    const read: ReturnComment[] = [];
    rows.forEach((row, i) => {
      const record = row !== null && typeof row === "object" ? (row as Record<string, unknown>) : {};
      const target = asText(record.target).trim();
      const body = asText(record.body).trim();
      if (!target && !body) return;
      if (!target) issue([i, "target"], `コメント${i + 1}の対象を選んでください。`);
      else if (!known.has(target)) issue([i, "target"], `コメント${i + 1}の対象は提出された版にありません。対象を選び直してください。`);
      if (!body) issue([i, "body"], `コメント${i + 1}を入力してください。`);
      else if ([...body].length > REVIEW_TEXT_MAX)
        issue([i, "body"], `コメント${i + 1}は${REVIEW_TEXT_MAX.toLocaleString("ja-JP")}文字以内で入力してください。`);
      read.push({ row: i, path: target, body });
    });
    if (read.length > RETURN_COMMENTS_MAX) issue([RETURN_COMMENTS_MAX, "body"], `一度に差し戻せるコメントは${RETURN_COMMENTS_MAX}件までです。`);
    if (read.length === 0) issue([0, "body"], "差戻しの理由を1つ以上記入してください。");
    return read;
  });
}

/** The rows as typed, to show the form again after a refusal or with one more row: never more than the limit allows. */
export function typedCommentRows(values: Record<string, unknown>): CommentRow[] {
  const rows: unknown[] = Array.isArray(values.comments) ? values.comments : [];
  return rows.slice(0, RETURN_COMMENTS_MAX + 1).map((row) => {
    const record = row !== null && typeof row === "object" ? (row as Record<string, unknown>) : {};
    return { target: asText(record.target), body: asText(record.body) };
  });
}

/** 審査メモ: a note only reviewers see. */
export const ReviewNoteSchema = z.object({ reviewNote: textField("審査メモ", { required: true, max: REVIEW_TEXT_MAX }) });

/** The checklist as posted: the codes of the ticked boxes (checklistCodes keeps the programme's own). */
export const ChecklistSchema = z.object({
  checked: z.preprocess((value) => (value === undefined || value === "" ? [] : [value].flat()), z.array(z.string().max(100)).max(50).catch([])),
});

/** What the page's reviewer forms answer when they do not redirect: each form again, with what was typed. */
export type ReviewActionResult =
  | { kind: "review-refused"; message: string }
  /** The return form again: its rows as typed, a message per field, and the row to focus (one just added). */
  | { kind: "return-form"; rows: CommentRow[]; errors: FieldErrors; message?: string; focusRow?: number }
  | { kind: "note-refused"; value: string; errors: FieldErrors; message?: string }
  | { kind: "checklist-refused"; message: string };
