import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { ATTACHMENT_DOCUMENT_TYPES, checkAttachment, cleanFileName } from "~/domain/file-types";
import { findApplicationForViewer, isEditable } from "./applications.server";
import { recordAuditEvent } from "./audit.server";

export type AddOutcome =
  | { ok: true; id: number; sha256: string }
  | { ok: false; status: 400 | 404 | 409 | 413 | 415; message: string };

/**
 * Stores an attachment of an application the viewer may edit, with its SHA-256 and an audit row, in one
 * transaction. The application row is locked while the sizes are added up, so two uploads at once cannot
 * pass the 50 MB limit together.
 */
export async function addAttachment(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  applicationId: number,
  { documentType, fileName, bytes }: { documentType: string; fileName: string; bytes: Uint8Array },
): Promise<AddOutcome> {
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application) return { ok: false, status: 404, message: "申請が見つかりません。" };
  if (!isEditable(viewer, application)) {
    return { ok: false, status: 409, message: "提出済みの申請には添付できません。差し戻された場合に追加できます。" };
  }
  if (!(documentType in ATTACHMENT_DOCUMENT_TYPES)) return { ok: false, status: 400, message: "書類の種類を選んでください。" };
  const name = cleanFileName(fileName);

  return db.transaction().execute(async (trx): Promise<AddOutcome> => {
    await trx.selectFrom("applications").select("id").where("id", "=", applicationId).forUpdate().execute();
    const { total } = await trx
      .selectFrom("application_attachments")
      .select(sql<number>`coalesce(sum(size_bytes), 0)::bigint`.as("total"))
      .where("application_id", "=", applicationId)
      .executeTakeFirstOrThrow();
    const check = checkAttachment({ fileName: name, bytes, alreadyStoredBytes: total });
    if (!check.ok) {
      const status = /大きすぎ|50MB/.test(check.message) ? 413 : 415;
      return { ok: false, status, message: check.message };
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { id } = await trx
      .insertInto("application_attachments")
      .values({
        application_id: applicationId,
        document_type: documentType,
        file_name: name,
        content_type: check.kind.contentType,
        size_bytes: bytes.byteLength,
        sha256,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        uploaded_by: viewer.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditEvent(
      trx,
      { userId: viewer.userId, organisationId: viewer.organisationId, ip },
      {
        action: "application.attachment_added",
        recordType: "application",
        recordId: applicationId,
        subjectOrganisationId: application.organisation_id,
        details: { attachmentId: id, fileName: name, sha256, sizeBytes: bytes.byteLength, documentType },
      },
    );
    return { ok: true, id, sha256 };
  });
}

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
    .where("application_id", "=", applicationId)
    .orderBy("application_attachments.id")
    .execute();
}

export async function getAttachmentForViewer(db: Kysely<Database>, viewer: Viewer, applicationId: number, attachmentId: number) {
  if (!Number.isSafeInteger(applicationId) || !Number.isSafeInteger(attachmentId)) return undefined;
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application) return undefined;
  const row = await db
    .selectFrom("application_attachments")
    .select(["file_name", "content_type", "content", "sha256"])
    .where("id", "=", attachmentId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  return row && { fileName: row.file_name, contentType: row.content_type, bytes: new Uint8Array(row.content), sha256: row.sha256 };
}

/** Removes an attachment while the application can still be edited; the audit trail keeps its hash. */
export async function removeAttachment(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  applicationId: number,
  attachmentId: number,
): Promise<boolean> {
  const application = await findApplicationForViewer(db, viewer, applicationId);
  if (!application || !isEditable(viewer, application)) return false;
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom("application_attachments")
      .where("id", "=", attachmentId)
      .where("application_id", "=", applicationId)
      .returning(["file_name", "sha256"])
      .executeTakeFirst();
    if (!removed) return false;
    await recordAuditEvent(
      trx,
      { userId: viewer.userId, organisationId: viewer.organisationId, ip },
      {
        action: "application.attachment_removed",
        recordType: "application",
        recordId: applicationId,
        subjectOrganisationId: application.organisation_id,
        details: { attachmentId, fileName: removed.file_name, sha256: removed.sha256 },
      },
    );
    return true;
  });
}
