import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS } from "../../app/domain/file-types";
import { addAttachment, attachmentBytes, getAttachmentForViewer, listAttachments, removeAttachment } from "../../app/models/attachments.server";
import type { AppDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const MiB = 1024 * 1024;
const IP = "192.0.2.1";

/** A PDF of `size` bytes whose body runs through every byte value (0x00 and 0xff included). */
function pdf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 256;
  bytes.set(new TextEncoder().encode("%PDF-1.7\n").subarray(0, size));
  return bytes;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type Account = Awaited<ReturnType<typeof createUser>>;

describe.each(ENGINES)("%s: attachments", (engine) => {
  let database: AppDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterAll(() => database.close());

  /** A draft application of a prefecture of its own, and that prefecture's officer. */
  async function draftApplication(): Promise<{ officer: Account; applicationId: number }> {
    const officer = await createUser(database.db, "prefecture_officer");
    const { id } = await database.db
      .insertInto("applications")
      .values({
        organisation_id: officer.organisationId,
        programme: "prefectural",
        fiscal_year: 2026,
        draft: JSON.stringify({}),
        created_by: officer.id,
        updated_by: officer.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { officer, applicationId: id };
  }

  const add = (viewer: Account["viewer"], applicationId: number, fileName: string, bytes: Uint8Array, documentType = "rules") =>
    addAttachment(database.db, viewer, IP, applicationId, { documentType, fileName, bytes });

  /**
   * Stores `count` PDFs of `size` bytes made by the database itself (with their true size and SHA-256),
   * as if uploaded before. Pushing tens of MB through PGlite's parameters costs over 2 s per 10 MB; the
   * upload path itself is exercised by the files the tests send through addAttachment.
   */
  async function storeMadeInDatabase(applicationId: number, uploadedBy: number, count: number, size: number, db: Kysely<Database> = database.db) {
    await sql`
      with made as (select convert_to('%PDF-1.7' || chr(10) || repeat('x', ${size - 9}::int), 'UTF8') as content)
      insert into application_attachments
        (application_id, document_type, file_name, content_type, size_bytes, sha256, content, uploaded_by)
      select ${applicationId}, 'other', 'stored-' || n || '.pdf', 'application/pdf',
             octet_length(made.content), encode(sha256(made.content), 'hex'), made.content, ${uploadedBy}
      from generate_series(1, ${count}::int) as n, made
    `.execute(db);
  }

  it("stores a PDF with the SHA-256 of its bytes, lists it without its content, and audits the upload", async () => {
    const { officer, applicationId } = await draftApplication();
    const bytes = pdf(300_000);

    const added = await add(officer.viewer, applicationId, "C:\\書類\\規約.pdf", bytes);

    expect(added).toEqual({ status: "done", id: expect.any(Number), sha256: sha256(bytes) });
    if (added.status !== "done") return;
    const listed = await listAttachments(database.db, applicationId);
    expect(listed).toEqual([
      {
        id: added.id,
        document_type: "rules",
        file_name: "規約.pdf",
        content_type: "application/pdf",
        size_bytes: 300_000,
        sha256: sha256(bytes),
        uploaded_at: expect.any(Date),
        uploaded_by_name: officer.viewer.displayName,
      },
    ]);
    const audit = await database.db
      .selectFrom("audit_events")
      .select(["action", "record_type", "record_id", "subject_organisation_id", "actor_user_id", "ip_address", "details"])
      .where("record_id", "=", String(applicationId))
      .execute();
    expect(audit).toEqual([
      {
        action: "application.attachment_added",
        record_type: "application",
        record_id: String(applicationId),
        subject_organisation_id: officer.organisationId,
        actor_user_id: officer.id,
        ip_address: IP,
        details: { attachmentId: added.id, fileName: "規約.pdf", sha256: sha256(bytes), sizeBytes: 300_000, documentType: "rules" },
      },
    ]);
  });

  it("gives back exactly the bytes uploaded, as a Uint8Array, to the officer and to a reviewer", async () => {
    const { officer, applicationId } = await draftApplication();
    const reviewer = await createUser(database.db, "reviewer");
    const bytes = pdf(70_001);
    const added = await add(officer.viewer, applicationId, "予算書抄本.pdf", bytes, "budget_extract");
    if (added.status !== "done") throw new Error(added.status);

    for (const viewer of [officer.viewer, reviewer.viewer]) {
      const file = await getAttachmentForViewer(database.db, viewer, applicationId, added.id);
      expect(file).toMatchObject({ fileName: "予算書抄本.pdf", contentType: "application/pdf", sha256: sha256(bytes) });
      expect(file?.bytes).toBeInstanceOf(Uint8Array);
      expect(file?.bytes.byteLength).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(file!.bytes), Buffer.from(bytes))).toBe(0);
      expect(sha256(file!.bytes)).toBe(sha256(bytes));
    }
  });

  it("refuses a file whose content does not match its name, and stores nothing", async () => {
    const { officer, applicationId } = await draftApplication();
    expect(await add(officer.viewer, applicationId, "定款.pdf", PNG)).toEqual({
      status: "invalid",
      errors: { file: expect.stringMatching(/「\.pdf」ですが、中身はPNG画像です/) },
    });
    expect(await add(officer.viewer, applicationId, "定款.pdf", new TextEncoder().encode("定款\n第1条"))).toEqual({
      status: "invalid",
      errors: { file: expect.stringContaining("このファイルの中身はそのいずれでもありません") },
    });
    expect(await listAttachments(database.db, applicationId)).toEqual([]);
    expect(await database.db.selectFrom("audit_events").select("id").where("record_id", "=", String(applicationId)).execute()).toEqual([]);
  });

  it("refuses an empty file and an unknown kind of document, each at its field", async () => {
    const { officer, applicationId } = await draftApplication();
    expect(await add(officer.viewer, applicationId, "規約.pdf", new Uint8Array())).toEqual({
      status: "invalid",
      errors: { file: expect.stringContaining("ファイルが空です") },
    });
    const unknownKind = { status: "invalid", errors: { documentType: "書類の種類を選んでください。" } };
    expect(await add(officer.viewer, applicationId, "規約.pdf", pdf(100), "minutes")).toEqual(unknownKind);
    expect(await add(officer.viewer, applicationId, "規約.pdf", pdf(100), "toString")).toEqual(unknownKind);
    expect(await listAttachments(database.db, applicationId)).toEqual([]);
  });

  it("refuses a file over 10 MB, takes one of exactly 10 MB, and nothing beyond 50 MB in all", async () => {
    const { officer, applicationId } = await draftApplication();
    expect(await add(officer.viewer, applicationId, "big.pdf", pdf(ATTACHMENT_LIMITS.fileBytes + 1))).toEqual({
      status: "invalid",
      errors: { file: expect.stringContaining("1ファイル10MBまで") },
    });
    expect(await attachmentBytes(database.db, applicationId)).toBe(0);

    await storeMadeInDatabase(applicationId, officer.id, 4, 10 * MiB);
    expect(await attachmentBytes(database.db, applicationId)).toBe(40 * MiB);
    const tenMiB = pdf(ATTACHMENT_LIMITS.fileBytes);
    expect(await add(officer.viewer, applicationId, "part5.pdf", tenMiB)).toMatchObject({ status: "done", sha256: sha256(tenMiB) });
    expect(await attachmentBytes(database.db, applicationId)).toBe(ATTACHMENT_LIMITS.applicationBytes);

    expect(await add(officer.viewer, applicationId, "one-more.pdf", pdf(10))).toEqual({
      status: "invalid",
      errors: { file: expect.stringMatching(/合計50MBまでです。残りはありません/) },
    });
    expect(await listAttachments(database.db, applicationId)).toHaveLength(5);
  });

  it("lets only one of two uploads made at once into the last room of the 50 MB", async () => {
    const { officer, applicationId } = await draftApplication();
    await storeMadeInDatabase(applicationId, officer.id, 5, 10 * MiB - 200);
    const room = ATTACHMENT_LIMITS.applicationBytes - (await attachmentBytes(database.db, applicationId));
    expect(room).toBe(1000);

    const outcomes = await Promise.all([add(officer.viewer, applicationId, "a.pdf", pdf(600)), add(officer.viewer, applicationId, "b.pdf", pdf(600))]);

    expect(outcomes.filter((o) => o.status === "done")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status !== "done")).toEqual([{ status: "invalid", errors: { file: expect.stringContaining("残りは400バイトで") } }]);
    expect(await attachmentBytes(database.db, applicationId)).toBe(ATTACHMENT_LIMITS.applicationBytes - 400);
  });

  // PGlite has a single connection: a second transaction cannot even start while one holds the lock.
  if (engine === "postgres") {
    it("waits for the application's row lock and counts what was stored meanwhile", async () => {
      const { officer, applicationId } = await draftApplication();
      await storeMadeInDatabase(applicationId, officer.id, 5, 10 * MiB - 200);
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let lockTaken = () => {};
      const locked = new Promise<void>((resolve) => (lockTaken = resolve));
      const other = database.db.transaction().execute(async (trx) => {
        await trx.selectFrom("applications").select("id").where("id", "=", applicationId).forUpdate().execute();
        lockTaken();
        await released;
        await storeMadeInDatabase(applicationId, officer.id, 1, 600, trx);
      });
      await locked;

      let settled = false;
      const upload = add(officer.viewer, applicationId, "late.pdf", pdf(600)).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      release();
      await other;

      expect(await upload).toEqual({ status: "invalid", errors: { file: expect.stringContaining("残りは400バイトで") } });
      expect(await attachmentBytes(database.db, applicationId)).toBe(ATTACHMENT_LIMITS.applicationBytes - 400);
    });
  }

  it("answers another organisation's officer as if the application did not exist", async () => {
    const { officer, applicationId } = await draftApplication();
    const added = await add(officer.viewer, applicationId, "規約.pdf", pdf(1000));
    if (added.status !== "done") throw new Error(added.status);
    const stranger = await createUser(database.db, "prefecture_officer");

    expect(await add(stranger.viewer, applicationId, "規約.pdf", pdf(1000))).toEqual({ status: "not-found" });
    expect(await getAttachmentForViewer(database.db, stranger.viewer, applicationId, added.id)).toBeUndefined();
    expect(await removeAttachment(database.db, stranger.viewer, IP, applicationId, added.id)).toEqual({ status: "not-found" });
    expect(await listAttachments(database.db, applicationId)).toHaveLength(1);
    expect(await add(officer.viewer, 987_654, "規約.pdf", pdf(1000))).toEqual({ status: "not-found" });
    expect(await add(officer.viewer, Number.NaN, "規約.pdf", pdf(1000))).toEqual({ status: "not-found" });
  });

  it("does not find an attachment through another application's address", async () => {
    const own = await draftApplication();
    const other = await draftApplication();
    const added = await add(other.officer.viewer, other.applicationId, "規約.pdf", pdf(1000));
    if (added.status !== "done") throw new Error(added.status);
    expect(await getAttachmentForViewer(database.db, own.officer.viewer, own.applicationId, added.id)).toBeUndefined();
    expect(await removeAttachment(database.db, own.officer.viewer, IP, own.applicationId, added.id)).toEqual({ status: "not-found" });
  });

  it("refuses uploads and removals once the application is submitted, and lets a reviewer change nothing", async () => {
    const { officer, applicationId } = await draftApplication();
    const added = await add(officer.viewer, applicationId, "規約.pdf", pdf(1000));
    if (added.status !== "done") throw new Error(added.status);
    const reviewer = await createUser(database.db, "reviewer");
    expect(await add(reviewer.viewer, applicationId, "規約.pdf", pdf(1000))).toEqual({
      status: "refused",
      reason: expect.stringContaining("申請した団体の担当者だけ"),
    });

    await database.db.updateTable("applications").set({ state: "submitted" }).where("id", "=", applicationId).execute();

    expect(await add(officer.viewer, applicationId, "定款.pdf", pdf(1000))).toEqual({
      status: "refused",
      reason: expect.stringContaining("「提出済み」のため"),
    });
    expect(await removeAttachment(database.db, officer.viewer, IP, applicationId, added.id)).toEqual({
      status: "refused",
      reason: expect.stringContaining("「提出済み」のため"),
    });
    expect(await listAttachments(database.db, applicationId)).toHaveLength(1);
  });

  it("removes an attachment of a draft and keeps its name and hash in the audit trail", async () => {
    const { officer, applicationId } = await draftApplication();
    const added = await add(officer.viewer, applicationId, "規約.pdf", pdf(1000));
    if (added.status !== "done") throw new Error(added.status);

    expect(await removeAttachment(database.db, officer.viewer, IP, applicationId, added.id)).toEqual({ status: "done" });

    expect(await listAttachments(database.db, applicationId)).toEqual([]);
    expect(await getAttachmentForViewer(database.db, officer.viewer, applicationId, added.id)).toBeUndefined();
    const removed = await database.db
      .selectFrom("audit_events")
      .select(["details", "subject_organisation_id"])
      .where("action", "=", "application.attachment_removed")
      .where("record_id", "=", String(applicationId))
      .executeTakeFirstOrThrow();
    expect(removed).toEqual({
      subject_organisation_id: officer.organisationId,
      details: { attachmentId: added.id, fileName: "規約.pdf", sha256: added.sha256, sizeBytes: 1000, documentType: "rules" },
    });
  });
});
