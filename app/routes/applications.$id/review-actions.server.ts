import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { forbidden, notFound, type Viewer } from "~/auth/viewer.server";
import { can } from "~/domain/permissions";
import { commentTargets, RETURN_COMMENTS_MAX } from "~/domain/review";
import { readSnapshot } from "~/domain/submitted-version";
import { formValues, readForm } from "~/forms/read-form";
import { ChecklistSchema, ReviewNoteSchema, returnCommentsSchema, typedCommentRows, type ReviewActionResult } from "~/forms/review";
import { findApplicationForViewer, getVersion, reviewApplication } from "~/models/applications.server";
import { addReviewNote, saveReviewChecklist } from "~/models/review.server";

/**
 * The reviewer's forms on the application page: starting the review, returning with several comments
 * (and, without JavaScript, one more comment row), the 審査メモ and the checklist. A refused form comes back
 * with everything typed and a message at each field; a change redirects back to the page.
 */

export const REVIEW_INTENTS = ["start_review", "return", "add_comment_row", "add_note", "save_checklist"] as const;
export type ReviewIntent = (typeof REVIEW_INTENTS)[number];
export const isReviewIntent = (intent: string): intent is ReviewIntent => (REVIEW_INTENTS as readonly string[]).includes(intent);

const answer = (result: ReviewActionResult, status: number) => data<ReviewActionResult>(result, { status });

export async function reviewAction(context: AppLoadContext, viewer: Viewer, id: number, intent: ReviewIntent, form: FormData) {
  const { db, clientIp: ip } = context;
  if (!can(viewer.role, "review:application:any")) forbidden();
  const values = formValues(form);
  const back = (notice: string, hash = "") => redirect(`/applications/${id}?notice=${notice}${hash}`);

  if (intent === "start_review") {
    const outcome = await reviewApplication(db, viewer, ip, id, "start_review");
    if (outcome.status === "not-found") notFound();
    if (outcome.status !== "done") return answer({ kind: "review-refused", message: outcome.status === "refused" ? outcome.reason : "" }, 409);
    return back("start_review");
  }

  if (intent === "add_comment_row") {
    const rows = typedCommentRows(values);
    if (rows.length <= RETURN_COMMENTS_MAX) rows.push({ target: "", body: "" });
    return answer({ kind: "return-form", rows, errors: {}, focusRow: rows.length - 1 }, 200);
  }

  if (intent === "return") {
    const rows = typedCommentRows(values);
    const application = await findApplicationForViewer(db, viewer, id);
    if (!application) notFound();
    const version = application.latest_version > 0 ? await getVersion(db, id, application.latest_version) : undefined;
    const targets = version ? commentTargets(readSnapshot(version.snapshot)).map((t) => t.path) : [];
    const parsed = await readForm(returnCommentsSchema(targets), values);
    if (!parsed.ok) return answer({ kind: "return-form", rows, errors: parsed.errors }, 400);
    const comments = parsed.value;
    const outcome = await reviewApplication(db, viewer, ip, id, "return", comments);
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "invalid") {
      // The service numbers the comments it was given; the form numbers its rows, empty ones included.
      const errors = Object.fromEntries(
        Object.entries(outcome.errors).map(([path, message]) => [
          path.replace(/^comments\.(\d+)/, (_, i: string) => `comments.${comments[Number(i)]?.row ?? i}`),
          message,
        ]),
      );
      return answer({ kind: "return-form", rows, errors }, 400);
    }
    if (outcome.status !== "done") return answer({ kind: "return-form", rows, errors: {}, message: outcome.status === "refused" ? outcome.reason : "" }, 409);
    return back("return");
  }

  if (intent === "add_note") {
    const value = typeof values.reviewNote === "string" ? values.reviewNote : "";
    const parsed = await readForm(ReviewNoteSchema, values);
    if (!parsed.ok) return answer({ kind: "note-refused", value, errors: parsed.errors }, 400);
    const outcome = await addReviewNote(db, viewer, ip, id, parsed.value.reviewNote);
    if (outcome.status === "not-found") notFound();
    if (outcome.status === "invalid") return answer({ kind: "note-refused", value, errors: outcome.errors }, 400);
    if (outcome.status !== "done") return answer({ kind: "note-refused", value, errors: {}, message: outcome.reason }, 409);
    return back("note", "#review-notes-heading");
  }

  const parsed = await readForm(ChecklistSchema, values);
  const outcome = await saveReviewChecklist(db, viewer, ip, id, parsed.ok ? parsed.value.checked : []);
  if (outcome.status === "not-found") notFound();
  if (outcome.status !== "done") return answer({ kind: "checklist-refused", message: outcome.status === "refused" ? outcome.reason : "" }, 409);
  return back("checklist", "#checklist-heading");
}
