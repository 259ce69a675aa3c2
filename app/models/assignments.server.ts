/**
 * Who is in charge of an application (担当者): one reviewer at most. A reviewer takes an application, gives
 * it to another active reviewer, or releases it; each change is one transaction that locks the application,
 * checks that the assignment is still the one the page showed, writes it and the audit row.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import type { Conflict, Outcome } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import type { AssignmentInput } from "~/forms/assignment";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent } from "./audit.server";

export interface Reviewer {
  id: number;
  name: string;
  /** A disabled account keeps the applications it had, but is given no new ones. */
  active: boolean;
}

/** Every reviewer account, active ones first, by name: the query, for a statement that reads more besides. */
export function reviewerAccounts(db: Kysely<Database>) {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "disabled_at"])
    .where("role", "=", "reviewer")
    .orderBy((eb) => eb.case().when("disabled_at", "is", null).then(0).else(1).end())
    .orderBy("display_name")
    .orderBy("id");
}

export const reviewerOf = (row: { id: number; display_name: string; disabled_at: Date | string | null }): Reviewer => ({
  id: row.id,
  name: row.display_name,
  active: row.disabled_at === null,
});

/** Every reviewer account, active ones first, by name. */
export async function listReviewers(db: Kysely<Database>): Promise<Reviewer[]> {
  return (await reviewerAccounts(db).execute()).map(reviewerOf);
}

export interface Assignment {
  reviewerId: number;
  reviewerName: string;
  assignedAt: Date;
}

/** The reviewer in charge of an application, if any. */
export async function assignmentOf(db: Kysely<Database>, applicationId: number): Promise<Assignment | null> {
  const row = await db
    .selectFrom("application_assignments")
    .innerJoin("users", "users.id", "application_assignments.reviewer_id")
    .select(["application_assignments.reviewer_id", "users.display_name", "application_assignments.assigned_at"])
    .where("application_assignments.application_id", "=", applicationId)
    .executeTakeFirst();
  return row ? { reviewerId: row.reviewer_id, reviewerName: row.display_name, assignedAt: row.assigned_at } : null;
}

/** The organisation's name of an application, to say which one a change was made to. */
export async function applicationName(db: Kysely<Database>, applicationId: number): Promise<string | null> {
  if (!isRecordId(applicationId)) return null;
  const row = await db
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .select("organisations.name")
    .where("applications.id", "=", applicationId)
    .executeTakeFirst();
  return row?.name ?? null;
}

export type AssignmentOutcome = Outcome<{ reviewerId: number | null; changed: boolean }, Conflict<{ current: { id: number; name: string } | null }>>;

/**
 * Changes who is in charge of an application, if it is still assigned as the page showed it (`input.current`).
 * Only a reviewer may change it, and only to an active reviewer account; a draft has nobody in charge.
 */
export async function changeAssignment(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  applicationId: number,
  input: AssignmentInput,
  now = new Date(),
): Promise<AssignmentOutcome> {
  if (!can(viewer.role, "review:application:any") || !isRecordId(applicationId)) return { status: "not-found" };
  return db.transaction().execute(async (trx): Promise<AssignmentOutcome> => {
    // Every change of assignment locks the application first, so two at once are taken one after the other.
    const application = await trx.selectFrom("applications").select("state").where("id", "=", applicationId).forUpdate().executeTakeFirst();
    if (!application) return { status: "not-found" };
    if (application.state === "draft") return { status: "refused", reason: "提出される前の申請には、担当者を決められません。" };

    const before = await trx
      .selectFrom("application_assignments")
      .innerJoin("users", "users.id", "application_assignments.reviewer_id")
      .select(["application_assignments.reviewer_id as id", "users.display_name as name"])
      .where("application_assignments.application_id", "=", applicationId)
      .executeTakeFirst();
    if ((before?.id ?? null) !== input.current) {
      return {
        status: "conflict",
        reason: before
          ? `この申請の担当者は、先に${before.name}さんに変更されています。内容を確かめてから、もう一度操作してください。`
          : "この申請の担当は、先に外されています。内容を確かめてから、もう一度操作してください。",
        current: before ?? null,
      };
    }

    let to: { id: number; name: string } | null = null;
    if (input.intent === "take") to = { id: viewer.userId, name: viewer.displayName };
    if (input.intent === "give") {
      // Locked, so that the account cannot be disabled while it is being given the application.
      const reviewer = await trx
        .selectFrom("users")
        .select(["id", "display_name"])
        .where("id", "=", input.reviewerId)
        .where("role", "=", "reviewer")
        .where("disabled_at", "is", null)
        .forShare()
        .executeTakeFirst();
      if (!reviewer) return { status: "invalid", errors: { reviewerId: "担当者には、有効な審査担当者のアカウントを選んでください。" } };
      to = { id: reviewer.id, name: reviewer.display_name };
    }
    if ((to?.id ?? null) === (before?.id ?? null)) return { status: "done", reviewerId: to?.id ?? null, changed: false };

    if (to) {
      await trx
        .insertInto("application_assignments")
        .values({ application_id: applicationId, reviewer_id: to.id, assigned_by: viewer.userId, assigned_at: now })
        .onConflict((oc) => oc.column("application_id").doUpdateSet({ reviewer_id: to.id, assigned_by: viewer.userId, assigned_at: now }))
        .execute();
    } else {
      await trx.deleteFrom("application_assignments").where("application_id", "=", applicationId).execute();
    }
    await recordAuditEvent(
      trx,
      { userId: viewer.userId, organisationId: viewer.organisationId, ip },
      {
        action: to ? "application.assigned" : "application.unassigned",
        recordType: "application",
        recordId: applicationId,
        // Who in the Cabinet Office handles an application is the office's own business: the applicant's
        // trail does not show it.
        subjectOrganisationId: viewer.organisationId,
        details: {
          how: input.intent,
          reviewerId: to?.id ?? null,
          reviewerName: to?.name ?? null,
          previousReviewerId: before?.id ?? null,
          previousReviewerName: before?.name ?? null,
        },
      },
    );
    return { status: "done", reviewerId: to?.id ?? null, changed: true };
  });
}

/** What the application page's assignment panel shows to a reviewer: who is in charge, and who may be. */
export async function assignmentPanelOf(db: Kysely<Database>, applicationId: number, viewerId: number) {
  const [assignment, reviewers] = [await assignmentOf(db, applicationId), await listReviewers(db)];
  return {
    current: assignment && { id: assignment.reviewerId, name: assignment.reviewerName },
    reviewers: reviewers.filter((r) => r.active).map(({ id, name }) => ({ id, name })),
    viewerId,
  };
}
