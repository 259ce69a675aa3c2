import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { transition, type LifecycleAction } from "~/domain/application-lifecycle";
import type { ApplicationState } from "~/domain/application-states";
import type { Finding } from "~/domain/grant-calculation";
import type { Conflict, Outcome } from "~/domain/outcome";
import { decideSave, type DraftSaveOutcome } from "~/domain/draft-revision";
import { can, seesAllOrganisations, sideOf } from "~/domain/permissions";
import type { Programme } from "~/domain/programmes";
import { PROGRAMME_OF_KIND } from "~/domain/programmes";
import { closingFor, windowProblem, type ApplicationWindow, type DeadlineExtension } from "~/domain/programme-years";
import { timeLeftUntil } from "~/domain/japan-time";
import { formatWarekiDateTime } from "~/domain/wareki";
import { missingAttachments, missingAttachmentsMessage } from "~/domain/required-attachments";
import { checkApplication, initialDraft, readDraft, type ApplicationDraft } from "~/domain/application-draft";
import { readSnapshot, type SubmittedSnapshot } from "~/domain/submitted-version";
import { RETURN_COMMENTS_MAX, REVIEW_TEXT_MAX, unknownTargets } from "~/domain/review";
import { missingPartyDetails } from "~/domain/party-details";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent } from "./audit.server";
import { applicationStepNotice } from "~/domain/notifications";
import { applicationReviewers, notify, organisationMembers } from "./notifications.server";
import { PARTY_COLUMNS } from "./organisations.server";
import { deadlineExtensionFor } from "./deadline-extensions.server";
import { documentSettingsFor, listProgrammeParameters } from "./programme-parameters.server";

export { PROGRAMME_OF_KIND };

const actorOf = (viewer: Viewer, ip: string) => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

/** The application as the viewer may see it, or undefined: another organisation's is answered as missing. */
export async function findApplicationForViewer(db: Kysely<Database>, viewer: Viewer, id: number) {
  if (!isRecordId(id)) return undefined;
  let query = db
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .innerJoin("users as editor", "editor.id", "applications.updated_by")
    .select([
      "applications.id",
      "applications.organisation_id",
      "applications.programme",
      "applications.fiscal_year",
      "applications.state",
      "applications.draft",
      "applications.revision",
      "applications.latest_version",
      "applications.updated_at",
      "organisations.name as organisation_name",
      "editor.display_name as updated_by_name",
    ])
    .where("applications.id", "=", id);
  if (!seesAllOrganisations(viewer.role, "application")) {
    query = query.where("applications.organisation_id", "=", viewer.organisationId);
  }
  const row = await query.executeTakeFirst();
  return row && { ...row, draft: readDraft(row.draft) };
}

export type ApplicationRecord = NonNullable<Awaited<ReturnType<typeof findApplicationForViewer>>>;

/** Whether the viewer may change the application's form now: its applicant, while a draft or returned. */
export function isEditable(viewer: Viewer, application: { state: ApplicationState; organisation_id: number }): boolean {
  return sideOf(viewer, application.organisation_id) === "applicant" && transition(application.state, "edit", viewer.role).ok;
}

export async function listApplicationsForViewer(db: Kysely<Database>, viewer: Viewer) {
  let query = db
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .leftJoin("application_versions as v", (join) =>
      join.onRef("v.application_id", "=", "applications.id").onRef("v.version", "=", "applications.latest_version"),
    )
    .select([
      "applications.id",
      "applications.programme",
      "applications.fiscal_year",
      "applications.state",
      "applications.latest_version",
      "applications.updated_at",
      "organisations.name as organisation_name",
      "v.requested_amount",
      "v.grant_amount",
    ]);
  if (!seesAllOrganisations(viewer.role, "application")) {
    query = query.where("applications.organisation_id", "=", viewer.organisationId);
  }
  return query.orderBy("applications.fiscal_year", "desc").orderBy("applications.id").execute();
}

export type { ApplicationWindow };

export async function applicationWindow(db: Kysely<Database>, fiscalYear: number, programme: Programme): Promise<ApplicationWindow | null> {
  const row = await db
    .selectFrom("programme_parameters")
    .select(["application_opens_at", "application_closes_at"])
    .where("fiscal_year", "=", fiscalYear)
    .where("programme", "=", programme)
    .executeTakeFirst();
  if (!row?.application_opens_at || !row.application_closes_at) return null;
  return { opensAt: new Date(row.application_opens_at), closesAt: new Date(row.application_closes_at) };
}

/** The programme-year's window and the organisation's own extension of its deadline, read together. */
export async function windowWithExtension(
  db: Kysely<Database>,
  organisationId: number,
  fiscalYear: number,
  programme: Programme,
): Promise<{ window: ApplicationWindow | null; extension: DeadlineExtension | null }> {
  const [window, extension] = await Promise.all([
    applicationWindow(db, fiscalYear, programme),
    deadlineExtensionFor(db, organisationId, fiscalYear, programme),
  ]);
  return { window, extension };
}

/** Why the organisation cannot start or submit the programme-year's application now (its extension counted), or null. */
async function closedFor(db: Kysely<Database>, organisationId: number, fiscalYear: number, programme: Programme, now: Date): Promise<string | null> {
  const { window, extension } = await windowWithExtension(db, organisationId, fiscalYear, programme);
  return windowProblem(window, extension, fiscalYear, programme, now);
}

/**
 * The deadline an application's page shows: the window's closing, or the organisation's later extension with
 * its reason; null while the programme-year has no window.
 */
export async function applicationDeadline(
  db: Kysely<Database>,
  application: { organisation_id: number; fiscal_year: number; programme: Programme },
  now = new Date(),
): Promise<{ closesAt: string; left: string; extensionReason: string | null } | null> {
  const { window, extension } = await windowWithExtension(db, application.organisation_id, application.fiscal_year, application.programme);
  if (!window) return null;
  const closes = closingFor(window, extension);
  return {
    closesAt: formatWarekiDateTime(closes),
    left: timeLeftUntil(now, closes),
    extensionReason: extension && closes === extension.closesAt ? extension.reason : null,
  };
}

export type CreateOutcome = Outcome<{ id: number; created: boolean }>;

/** Opens the organisation's application for a programme-year, or finds the one it already has. */
export async function createApplication(db: Kysely<Database>, viewer: Viewer, ip: string, fiscalYear: number, now = new Date()): Promise<CreateOutcome> {
  const programme = PROGRAMME_OF_KIND[viewer.organisationKind];
  if (!programme || !can(viewer.role, "edit:application:own")) {
    return { status: "refused", reason: "この組織は交付申請を行えません。" };
  }
  const existing = await db
    .selectFrom("applications")
    .select("id")
    .where("organisation_id", "=", viewer.organisationId)
    .where("programme", "=", programme)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  if (existing) return { status: "done", id: existing.id, created: false };
  const problem = await closedFor(db, viewer.organisationId, fiscalYear, programme, now);
  if (problem) return { status: "refused", reason: problem };

  return db.transaction().execute(async (trx): Promise<CreateOutcome> => {
    const organisation = await trx
      .selectFrom("organisations")
      .select(["name", "corporate_number"])
      .where("id", "=", viewer.organisationId)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto("applications")
      .values({
        organisation_id: viewer.organisationId,
        programme,
        fiscal_year: fiscalYear,
        draft: JSON.stringify(initialDraft(programme, { name: organisation.name, corporateNumber: organisation.corporate_number ?? "" })),
        created_by: viewer.userId,
        updated_by: viewer.userId,
        created_at: now,
        updated_at: now,
      })
      // Two colleagues starting at once: the second finds the first one's application.
      .onConflict((oc) => oc.constraint("applications_one_per_organisation_programme_year").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const other = await trx
        .selectFrom("applications")
        .select("id")
        .where("organisation_id", "=", viewer.organisationId)
        .where("programme", "=", programme)
        .where("fiscal_year", "=", fiscalYear)
        .executeTakeFirstOrThrow();
      return { status: "done", id: other.id, created: false };
    }
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.created",
      recordType: "application",
      recordId: inserted.id,
      subjectOrganisationId: viewer.organisationId,
      details: { programme, fiscalYear },
    });
    return { status: "done", id: inserted.id, created: true };
  });
}

/** A save of the application's draft (app/domain/draft-revision.ts): done, refused, or a conflict with what differs. */
export type SaveOutcome = DraftSaveOutcome<ApplicationDraft>;

/**
 * Saves a draft if it was based on the latest revision. A save based on an older one is refused as a
 * conflict, with the current content and what differs, and the caller keeps its own input.
 */
export async function saveDraft(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  { revision, draft }: { revision: number; draft: ApplicationDraft },
  now = new Date(),
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx): Promise<SaveOutcome> => {
    const current = await trx
      .selectFrom("applications")
      .innerJoin("users", "users.id", "applications.updated_by")
      .select(["applications.state", "applications.revision", "applications.draft", "applications.updated_at", "users.display_name"])
      .where("applications.id", "=", id)
      .where("applications.organisation_id", "=", viewer.organisationId)
      .forUpdate(["applications"])
      .executeTakeFirst();
    if (!current || !can(viewer.role, "edit:application:own")) return { status: "not-found" };
    const allowed = transition(current.state, "edit", viewer.role);
    if (!allowed.ok) return { status: "refused", reason: allowed.reason };
    const stored = readDraft(current.draft);
    const decision = decideSave({ stored, currentRevision: current.revision, sent: draft, sentRevision: revision });
    if (decision.kind === "unchanged") return { status: "done", revision: current.revision, savedAt: current.updated_at.toISOString() };
    if (decision.kind === "conflict") {
      return {
        status: "conflict",
        reason: "別の担当者が先に保存しました。",
        revision: current.revision,
        draft: stored,
        updatedBy: current.display_name,
        updatedAt: current.updated_at.toISOString(),
        changes: decision.changes,
      };
    }
    const { changes } = decision;
    await trx
      .updateTable("applications")
      .set({ draft: JSON.stringify(draft), revision: revision + 1, updated_by: viewer.userId, updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.draft_saved",
      recordType: "application",
      recordId: id,
      subjectOrganisationId: viewer.organisationId,
      details: { revision: revision + 1, changedFields: changes.slice(0, 50).map((c) => c.path), changedCount: changes.length },
    });
    return { status: "done", revision: revision + 1, savedAt: now.toISOString() };
  });
}

/** Besides the usual answers, a submission can find errors in the draft, or warnings to acknowledge first. */
export type SubmitOutcome = Outcome<
  { version: number },
  | Conflict
  | { status: "has-errors"; findings: Finding[] }
  | { status: "needs-acknowledgement"; warnings: Finding[] }
  /** The organisation's profile lacks details the 交付申請書 prints (their labels). */
  | { status: "profile-incomplete"; missing: string[] }
>;

/**
 * Submits the application as it is stored: errors refuse it, warnings must be acknowledged. The submitted
 * content is frozen as the next numbered version with the calculation, the attachments' hashes and the
 * programme parameters used, in the same transaction as the state change and its audit row.
 */
export async function submitApplication(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  { revision, acknowledgeWarnings }: { revision: number; acknowledgeWarnings: boolean },
  now = new Date(),
): Promise<SubmitOutcome> {
  return db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    const application = await trx
      .selectFrom("applications")
      .innerJoin("organisations", "organisations.id", "applications.organisation_id")
      .select([
        "applications.state",
        "applications.revision",
        "applications.draft",
        "applications.programme",
        "applications.fiscal_year",
        "applications.latest_version",
        ...PARTY_COLUMNS,
        "organisations.corporate_number",
        "organisations.prefecture_code",
      ])
      .where("applications.id", "=", id)
      .where("applications.organisation_id", "=", viewer.organisationId)
      .forUpdate(["applications"])
      .executeTakeFirst();
    if (!application || !can(viewer.role, "edit:application:own")) return { status: "not-found" };

    const action: LifecycleAction = application.state === "returned" ? "resubmit" : "submit";
    const allowed = transition(application.state, action, viewer.role);
    if (!allowed.ok) return { status: "refused", reason: allowed.reason };
    const closed = await closedFor(trx, viewer.organisationId, application.fiscal_year, application.programme, now);
    if (closed) return { status: "refused", reason: closed };
    const missing = missingPartyDetails(application);
    if (missing.length > 0) return { status: "profile-incomplete", missing };
    if (application.revision !== revision) {
      return { status: "conflict", reason: "提出の前に、別の担当者が内容を保存しました。最新の内容を確認してから提出してください。" };
    }

    const parameters = await listProgrammeParameters(trx, application.fiscal_year);
    const draft = readDraft(application.draft);
    const check = checkApplication(application.programme, application.fiscal_year, draft, parameters, { forSubmission: true });
    const errors = check.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) return { status: "has-errors", findings: errors };
    const attachments = await trx
      .selectFrom("application_attachments")
      .select(["id", "document_type", "file_name", "content_type", "size_bytes", "sha256", "uploaded_at"])
      .where("application_id", "=", id)
      .orderBy("id")
      .execute();
    const lacking = missingAttachments(
      application.programme,
      draft,
      attachments.map((a) => a.document_type),
    );
    if (lacking.length > 0) return { status: "refused", reason: missingAttachmentsMessage(lacking) };
    const warnings = check.findings.filter((f) => f.severity === "warning");
    if (warnings.length > 0 && !acknowledgeWarnings) return { status: "needs-acknowledgement", warnings };

    const version = application.latest_version + 1;
    const { draft: _stored, state: _state, revision: _revision, latest_version: _latest, ...organisation } = application;
    const programmeParameters = parameters.find((p) => p.programme === application.programme);
    // The rules refuse a budget without its parameters, so they are there; the type cannot know it.
    if (!programmeParameters) return { status: "refused", reason: "この年度の交付要件が登録されていないため、提出できません。" };
    const snapshot: SubmittedSnapshot = {
      version,
      programme: application.programme,
      fiscalYear: application.fiscal_year,
      organisation,
      draft,
      calculation: check.result,
      requestedAmount: check.requestedAmount,
      acknowledgedWarnings: warnings,
      attachments: attachments.map((a) => ({ ...a, uploaded_at: a.uploaded_at.toISOString() })),
      parameters: programmeParameters,
      documents: await documentSettingsFor(trx, application.fiscal_year),
      submittedAt: now.toISOString(),
      submittedBy: { userId: viewer.userId, name: viewer.displayName },
    };
    await trx
      .insertInto("application_versions")
      .values({
        application_id: id,
        version,
        snapshot: JSON.stringify(snapshot),
        grant_amount: check.result.grantAmount,
        requested_amount: check.requestedAmount,
        submitted_by: viewer.userId,
        submitted_at: now,
      })
      .execute();
    await trx
      .updateTable("applications")
      .set({ state: allowed.to, latest_version: version, updated_at: now, updated_by: viewer.userId })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: action === "resubmit" ? "application.resubmitted" : "application.submitted",
      recordType: "application",
      recordId: id,
      subjectOrganisationId: viewer.organisationId,
      details: { from: application.state, to: allowed.to, version, grantAmount: check.result.grantAmount, requestedAmount: check.requestedAmount },
    });
    await notify(
      trx,
      await applicationReviewers(trx, id),
      applicationStepNotice(
        { id, organisationName: application.name, programme: application.programme, fiscalYear: application.fiscal_year },
        { action, label: action === "resubmit" ? "再提出" : "提出", by: "applicant" },
        check.requestedAmount,
        version,
      ),
      now,
    );
    return { status: "done", version };
  });
}

export type ReviewOutcome = Outcome<{ to: ApplicationState }>;

/** A return comment: the path of what it is about in the submitted version (app/domain/review.ts), and its text. */
export interface ReviewComment {
  path: string;
  body: string;
}

/**
 * A reviewer's step in the lifecycle: start the review, or return the application for correction with
 * comments, each on a section, a field or a budget line of the latest submitted version (shown beside it
 * when the applicant reopens the application). The comments are kept with the return in one transaction;
 * one whose target the version does not have refuses them all (`invalid`, keyed "comments.N.target" by
 * its position in `comments`).
 */
export async function reviewApplication(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  action: "start_review" | "return",
  comments: readonly ReviewComment[] = [],
  now = new Date(),
): Promise<ReviewOutcome> {
  if (!can(viewer.role, "review:application:any")) return { status: "not-found" };
  return db.transaction().execute(async (trx): Promise<ReviewOutcome> => {
    const application = await trx
      .selectFrom("applications")
      .innerJoin("organisations", "organisations.id", "applications.organisation_id")
      .select([
        "applications.state",
        "applications.organisation_id",
        "applications.latest_version",
        "applications.programme",
        "applications.fiscal_year",
        "organisations.name",
      ])
      .where("applications.id", "=", id)
      .forUpdate(["applications"])
      .executeTakeFirst();
    if (!application) return { status: "not-found" };
    const allowed = transition(application.state, action, viewer.role);
    if (!allowed.ok) return { status: "refused", reason: allowed.reason };
    const kept = action === "return" ? comments.map((c) => ({ path: c.path, body: c.body.trim() })) : [];
    if (action === "return") {
      if (kept.length === 0 || kept.some((c) => !c.body)) return { status: "refused", reason: "差戻しの理由を1つ以上記入してください。" };
      if (kept.length > RETURN_COMMENTS_MAX) return { status: "refused", reason: `一度に差し戻せるコメントは${RETURN_COMMENTS_MAX}件までです。` };
      const version = await trx
        .selectFrom("application_versions")
        .select("snapshot")
        .where("application_id", "=", id)
        .where("version", "=", application.latest_version)
        .executeTakeFirstOrThrow();
      const errors: Record<string, string> = {};
      for (const i of unknownTargets(
        readSnapshot(version.snapshot),
        kept.map((c) => c.path),
      )) {
        errors[`comments.${i}.target`] = `コメント${i + 1}の対象は提出された版にありません。対象を選び直してください。`;
      }
      kept.forEach((c, i) => {
        if ([...c.body].length > REVIEW_TEXT_MAX)
          errors[`comments.${i}.body`] = `コメント${i + 1}は${REVIEW_TEXT_MAX.toLocaleString("ja-JP")}文字以内で入力してください。`;
      });
      if (Object.keys(errors).length > 0) return { status: "invalid", errors };
      await trx
        .insertInto("application_comments")
        .values(
          kept.map((c) => ({
            application_id: id,
            version: application.latest_version,
            path: c.path,
            body: c.body,
            created_by: viewer.userId,
            created_at: now,
          })),
        )
        .execute();
    }
    await trx.updateTable("applications").set({ state: allowed.to, updated_at: now }).where("id", "=", id).execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: action === "return" ? "application.returned" : "application.review_started",
      recordType: "application",
      recordId: id,
      subjectOrganisationId: application.organisation_id,
      details: {
        from: application.state,
        to: allowed.to,
        version: application.latest_version,
        comments: kept.length,
        ...(kept.length > 0 ? { targets: kept.map((c) => c.path) } : {}),
      },
    });
    if (action === "return") {
      await notify(
        trx,
        await organisationMembers(trx, application.organisation_id),
        applicationStepNotice(
          { id, organisationName: application.name, programme: application.programme, fiscalYear: application.fiscal_year },
          { action: "return", label: "差戻し", by: "reviewer" },
          null,
          application.latest_version,
        ),
        now,
      );
    }
    return { status: "done", to: allowed.to };
  });
}

/** The reviewer's comments on the latest submitted version, in the order they were written. */
export async function latestComments(db: Kysely<Database>, application: { id: number; latest_version: number }) {
  return db
    .selectFrom("application_comments")
    .innerJoin("users", "users.id", "application_comments.created_by")
    .select(["application_comments.path", "application_comments.body", "application_comments.created_at", "users.display_name"])
    .where("application_id", "=", application.id)
    .where("version", "=", application.latest_version)
    .orderBy("application_comments.id")
    .execute();
}

export async function listVersions(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom("application_versions")
    .innerJoin("users", "users.id", "application_versions.submitted_by")
    .select([
      "application_versions.version",
      "application_versions.submitted_at",
      "application_versions.grant_amount",
      "application_versions.requested_amount",
      "users.display_name as submitted_by_name",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("version")
    .execute();
}

export async function getVersion(db: Kysely<Database>, applicationId: number, version: number) {
  if (!isRecordId(version)) return undefined;
  return db
    .selectFrom("application_versions")
    .select(["version", "snapshot", "submitted_at", "grant_amount", "requested_amount"])
    .where("application_id", "=", applicationId)
    .where("version", "=", version)
    .executeTakeFirst();
}
