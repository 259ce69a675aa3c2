/**
 * The reviewer's own records on an application: internal notes (審査メモ) and the review checklist's ticks.
 * Only reviewers read or write them: an applicant's page never loads them, and their audit rows name no
 * organisation, so they stay out of the applicant's own audit trail.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import type { Outcome } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import type { Programme } from "~/domain/programmes";
import { CHECKLIST_STATES, checklistChanges, REVIEW_TEXT_MAX } from "~/domain/review";
import { readSnapshot } from "~/domain/submitted-version";
import { recordAuditEvent } from "./audit.server";
import { budgetStanding } from "./proceedings.server";

const actorOf = (viewer: Viewer, ip: string) => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

/** Everything the reviewer's workspace shows beside the actions, for one application with a submitted version. */
export async function loadReviewWorkspace(
  db: Kysely<Database>,
  viewer: Viewer,
  application: { id: number; programme: Programme; fiscal_year: number; latest_version: number },
) {
  if (!can(viewer.role, "review:application:any") || application.latest_version === 0) return null;
  const version = await db
    .selectFrom("application_versions")
    .select("snapshot")
    .where("application_id", "=", application.id)
    .where("version", "=", application.latest_version)
    .executeTakeFirst();
  if (!version) return null;
  return {
    snapshot: readSnapshot(version.snapshot),
    notes: await listReviewNotes(db, application.id),
    checks: await listReviewChecks(db, application.id),
    comments: await listAllComments(db, application.id),
    budget: await budgetStanding(db, application.programme, application.fiscal_year, application.id),
  };
}

export async function listReviewNotes(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom("application_review_notes")
    .innerJoin("users", "users.id", "application_review_notes.created_by")
    .select([
      "application_review_notes.id",
      "application_review_notes.version",
      "application_review_notes.body",
      "application_review_notes.created_at",
      "users.display_name as created_by_name",
    ])
    .where("application_review_notes.application_id", "=", applicationId)
    .orderBy("application_review_notes.id", "desc")
    .execute();
}

export async function listReviewChecks(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom("application_review_checks")
    .innerJoin("users", "users.id", "application_review_checks.updated_by")
    .select([
      "application_review_checks.item",
      "application_review_checks.checked",
      "application_review_checks.version",
      "application_review_checks.updated_at",
      "users.display_name as updated_by_name",
    ])
    .where("application_review_checks.application_id", "=", applicationId)
    .execute();
}

/** Every return comment of the application, each with the version it was made on (the history of returns). */
async function listAllComments(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom("application_comments")
    .innerJoin("users", "users.id", "application_comments.created_by")
    .select(["application_comments.version", "application_comments.path", "application_comments.body", "application_comments.created_at", "users.display_name"])
    .where("application_comments.application_id", "=", applicationId)
    .orderBy("application_comments.id")
    .execute();
}

/** The application as a reviewer's record needs it, locked for the rest of the transaction. */
async function lockForReview(db: Kysely<Database>, id: number) {
  return db.selectFrom("applications").select(["state", "programme", "latest_version"]).where("id", "=", id).forUpdate().executeTakeFirst();
}

export type NoteOutcome = Outcome<{ noteId: number }>;

/** Adds a 審査メモ to an application that has a submitted version. Notes are never edited: a correction is another note. */
export async function addReviewNote(db: Kysely<Database>, viewer: Viewer, ip: string, id: number, body: string, now = new Date()): Promise<NoteOutcome> {
  if (!can(viewer.role, "review:application:any")) return { status: "not-found" };
  const text = body.trim();
  if (!text) return { status: "invalid", errors: { reviewNote: "審査メモを入力してください。" } };
  if ([...text].length > REVIEW_TEXT_MAX)
    return { status: "invalid", errors: { reviewNote: `審査メモは${REVIEW_TEXT_MAX.toLocaleString("ja-JP")}文字以内で入力してください。` } };
  return db.transaction().execute(async (trx): Promise<NoteOutcome> => {
    const application = await lockForReview(trx, id);
    if (!application) return { status: "not-found" };
    if (application.latest_version === 0) return { status: "refused", reason: "提出されていない申請には審査メモを残せません。" };
    const { id: noteId } = await trx
      .insertInto("application_review_notes")
      .values({ application_id: id, version: application.latest_version, body: text, created_by: viewer.userId, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    // No subject organisation, and not the text: the applicant's own trail never shows that a note exists.
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.review_note_added",
      recordType: "application",
      recordId: id,
      subjectOrganisationId: null,
      details: { noteId, version: application.latest_version, characters: [...text].length },
    });
    return { status: "done", noteId };
  });
}

export type ChecklistOutcome = Outcome<{ ticked: string[]; unticked: string[] }>;

/**
 * Saves the review checklist as ticked now: each item that changes keeps who changed it, when and on which
 * version, and one audit row names what was ticked and unticked. Allowed while the application is being
 * reviewed (提出済み, 審査中); codes of no item of the programme's checklist are ignored.
 */
export async function saveReviewChecklist(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  ticked: readonly string[],
  now = new Date(),
): Promise<ChecklistOutcome> {
  if (!can(viewer.role, "review:application:any")) return { status: "not-found" };
  return db.transaction().execute(async (trx): Promise<ChecklistOutcome> => {
    const application = await lockForReview(trx, id);
    if (!application) return { status: "not-found" };
    if (!(CHECKLIST_STATES as readonly string[]).includes(application.state)) {
      return { status: "refused", reason: "審査チェックリストは、提出済み・審査中の申請でのみ変更できます。" };
    }
    const current = await trx.selectFrom("application_review_checks").select(["item", "checked"]).where("application_id", "=", id).execute();
    const changes = checklistChanges(application.programme, new Map(current.map((c) => [c.item, c.checked])), ticked);
    const rows = [...changes.ticked.map((item) => ({ item, checked: true })), ...changes.unticked.map((item) => ({ item, checked: false }))];
    if (rows.length === 0) return { status: "done", ...changes };
    await trx
      .insertInto("application_review_checks")
      .values(rows.map((r) => ({ application_id: id, ...r, version: application.latest_version, updated_by: viewer.userId, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(["application_id", "item"]).doUpdateSet((eb) => ({
          checked: eb.ref("excluded.checked"),
          version: eb.ref("excluded.version"),
          updated_by: eb.ref("excluded.updated_by"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.checklist_updated",
      recordType: "application",
      recordId: id,
      subjectOrganisationId: null,
      details: { version: application.latest_version, ...changes },
    });
    return { status: "done", ...changes };
  });
}
