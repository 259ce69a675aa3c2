import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { STATE_LABELS, type ApplicationState } from "~/domain/application-states";
import { checkAttachment, isAttachmentDocumentType } from "~/domain/file-types";
import type { Invalid, Outcome } from "~/domain/outcome";
import { sideOf } from "~/domain/permissions";
import { findApplicationForViewer, isEditable } from "./applications.server";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent } from "./audit.server";

export type AddAttachmentOutcome = Outcome<{ id: number; sha256: string }>;

/** A file the rules refuse: the message is the file field's. */
const refusedFile = (message: string): Invalid => ({ status: "invalid", errors: { file: message } });

const actorOf = (viewer: Viewer, ip: string) => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

/** Why the viewer cannot change this application's attachments (isEditable said no). */
function notEditableMessage(viewer: Viewer, application: { state: ApplicationState; organisation_id: number }): string {
  if (sideOf(viewer, application.organisation_id) !== "applicant") {
    return "添付書類を追加・削除できるのは、申請した団体の担当者だけです。";
  }
  return `この申請は「${STATE_LABELS[application.state]}」のため、添付書類を追加・削除できません。差し戻された場合は、また追加・削除できます。`;
}

/** The bytes the application's attachments hold in all (what the 50 MB limit counts). */
export async function attachmentBytes(db: Kysely<Database>, applicationId: number): Promise<number> {
  const { total } = await db
    .selectFrom("application_attachments")
    .select(sql<number>`coalesce(sum(size_bytes), 0)::bigint`.as("total"))
    .where("application_id", "=", applicationId)
    .executeTakeFirstOrThrow();
  return total;
}

/**
 * Stores an attachment of an application the viewer may edit, with its SHA-256 and an audit row, in one
 * transaction. The application row is locked (`for update`) before the sizes are added up and its state
 * is read again under the lock, so two uploads at once cannot pass the 50 MB limit together and an upload
 * cannot slip in after the application was submitted.
 */
export async function addAttachment(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  applicationId: number,
  { documentType, fileName, bytes }: { documentType: string; fileName: string; bytes: Uint8Array },
): Promise<AddAttachmentOutcome> {
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application) return { status: "not-found" };
  if (!isEditable(viewer, application)) return { status: "refused", reason: notEditableMessage(viewer, application) };
  if (!isAttachmentDocumentType(documentType)) return { status: "invalid", errors: { documentType: "書類の種類を選んでください。" } };

  // Everything but the application's total is known now: refuse early, and hash outside the lock.
  const precheck = checkAttachment({ fileName, bytes, alreadyStoredBytes: 0 });
  if (!precheck.ok) return refusedFile(precheck.message);
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  return db.transaction().execute(async (trx): Promise<AddAttachmentOutcome> => {
    const locked = await trx.selectFrom("applications").select(["state", "organisation_id"]).where("id", "=", applicationId).forUpdate().executeTakeFirst();
    if (!locked) return { status: "not-found" };
    if (!isEditable(viewer, locked)) return { status: "refused", reason: notEditableMessage(viewer, locked) };

    const check = checkAttachment({ fileName, bytes, alreadyStoredBytes: await attachmentBytes(trx, applicationId) });
    if (!check.ok) return refusedFile(check.message);
    const { id } = await trx
      .insertInto("application_attachments")
      .values({
        application_id: applicationId,
        document_type: documentType,
        file_name: check.fileName,
        content_type: check.kind.contentType,
        size_bytes: bytes.byteLength,
        sha256,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        uploaded_by: viewer.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.attachment_added",
      recordType: "application",
      recordId: applicationId,
      subjectOrganisationId: locked.organisation_id,
      details: { attachmentId: id, fileName: check.fileName, sha256, sizeBytes: bytes.byteLength, documentType },
    });
    return { status: "done", id, sha256 };
  });
}

/**
 * The attachments of an application, without their content, oldest first. The caller has already found
 * the application with findApplicationForViewer.
 */
export async function listAttachments(db: Kysely<Database>, applicationId: number) {
  return db
    .selectFrom("application_attachments")
    .innerJoin("users", "users.id", "application_attachments.uploaded_by")
    .select([
      "application_attachments.id",
      "application_attachments.document_type",
      "application_attachments.file_name",
      "application_attachments.content_type",
      "application_attachments.size_bytes",
      "application_attachments.sha256",
      "application_attachments.uploaded_at",
      "users.display_name as uploaded_by_name",
    ])
    .where("application_attachments.application_id", "=", applicationId)
    .orderBy("application_attachments.id")
    .execute();
}

export type AttachmentListItem = Awaited<ReturnType<typeof listAttachments>>[number];

/** The file as uploaded, for whoever may see the application; another organisation's is missing. */
export async function getAttachmentForViewer(
  db: Kysely<Database>,
  viewer: Viewer,
  applicationId: number,
  attachmentId: number,
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array; sha256: string } | undefined> {
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application || !isRecordId(attachmentId)) return undefined;
  const row = await db
    .selectFrom("application_attachments")
    .select(["file_name", "content_type", "content", "sha256"])
    .where("id", "=", attachmentId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  // A Buffer on pg, a Uint8Array on PGlite: the same bytes either way, as a plain Uint8Array, not copied.
  const content = row.content;
  return {
    fileName: row.file_name,
    contentType: row.content_type,
    bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
    sha256: row.sha256,
  };
}

/**
 * Removes an attachment while the application can still be edited; the audit trail keeps its name and
 * hash. Not found when there is nothing the viewer may see to remove; refused once the application can no
 * longer be edited.
 */
export async function removeAttachment(db: Kysely<Database>, viewer: Viewer, ip: string, applicationId: number, attachmentId: number): Promise<Outcome> {
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application || !isRecordId(attachmentId)) return { status: "not-found" };
  if (!isEditable(viewer, application)) return { status: "refused", reason: notEditableMessage(viewer, application) };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const locked = await trx.selectFrom("applications").select(["state", "organisation_id"]).where("id", "=", applicationId).forUpdate().executeTakeFirst();
    if (!locked) return { status: "not-found" };
    if (!isEditable(viewer, locked)) return { status: "refused", reason: notEditableMessage(viewer, locked) };
    const removed = await trx
      .deleteFrom("application_attachments")
      .where("id", "=", attachmentId)
      .where("application_id", "=", applicationId)
      .returning(["file_name", "sha256", "size_bytes", "document_type"])
      .executeTakeFirst();
    if (!removed) return { status: "not-found" };
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "application.attachment_removed",
      recordType: "application",
      recordId: applicationId,
      subjectOrganisationId: locked.organisation_id,
      details: {
        attachmentId,
        fileName: removed.file_name,
        sha256: removed.sha256,
        sizeBytes: removed.size_bytes,
        documentType: removed.document_type,
      },
    });
    return { status: "done" };
  });
}
