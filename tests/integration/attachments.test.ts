import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS } from "../../app/domain/file-types";
import { addAttachment, getAttachmentForViewer, listAttachments, removeAttachment } from "../../app/models/attachments.server";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const pdf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode("%PDF-1.7\n"));
  for (let i = 9; i < size; i++) bytes[i] = i % 251;
  return bytes;
};

describe.each(ENGINES)("%s: attachments", (engine) => {
  let database: AppDatabase;
  let officer: Awaited<ReturnType<typeof createUser>>;
  let applicationId: number;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    officer = await createUser(database.db, "prefecture_officer");
    ({ id: applicationId } = await database.db
      .insertInto("applications")
      .values({ organisation_id: officer.organisationId, programme: "prefectural", fiscal_year: 2026, draft: "{}", created_by: officer.id, updated_by: officer.id })
      .returning("id")
      .executeTakeFirstOrThrow());
  });
  afterEach(() => database.close());

  const add = (fileName: string, bytes: Uint8Array, viewer = officer.viewer) =>
    addAttachment(database.db, viewer, "192.0.2.1", applicationId, { documentType: "rules", fileName, bytes });

  it("stores a PDF with its SHA-256, gives back the same bytes, and audits the upload", async () => {
    const bytes = pdf(300_000);
    const expected = createHash("sha256").update(bytes).digest("hex");

    const added = await add("C:\\書類\\規約.pdf", bytes);

    expect(added).toEqual({ ok: true, id: expect.any(Number), sha256: expected });
    expect(await listAttachments(database.db, applicationId)).toEqual([
      expect.objectContaining({ file_name: "規約.pdf", content_type: "application/pdf", size_bytes: 300_000, sha256: expected }),
    ]);
    const file = await getAttachmentForViewer(database.db, officer.viewer, applicationId, added.ok ? added.id : 0);
    expect(file?.sha256).toBe(expected);
    expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    const audit = await database.db.selectFrom("audit_events").select(["action", "details"]).execute();
    expect(audit).toEqual([{ action: "application.attachment_added", details: expect.objectContaining({ sha256: expected, sizeBytes: 300_000 }) }]);
  });

  it("refuses a file whose content does not match its name, and stores nothing", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await add("定款.pdf", png)).toEqual({ ok: false, status: 415, message: expect.stringMatching(/中身はPNG画像です/) });
    expect(await listAttachments(database.db, applicationId)).toEqual([]);
  });

  it("refuses a file over 10 MB and anything beyond 50 MB in all", async () => {
    expect(await add("big.pdf", pdf(ATTACHMENT_LIMITS.fileBytes + 1))).toMatchObject({ ok: false, status: 413 });
    const ten = pdf(ATTACHMENT_LIMITS.fileBytes);
    for (let i = 0; i < 5; i++) expect((await add(`part${i}.pdf`, ten)).ok).toBe(true);
    expect(await add("one-more.pdf", pdf(100))).toEqual({ ok: false, status: 413, message: expect.stringMatching(/合計50MBまで/) });
    expect(await listAttachments(database.db, applicationId)).toHaveLength(5);
  });

  it("answers another organisation's officer as if the application did not exist", async () => {
    const added = await add("規約.pdf", pdf(1000));
    const stranger = await createUser(database.db, "prefecture_officer");
    expect(await add("規約.pdf", pdf(1000), stranger.viewer)).toMatchObject({ ok: false, status: 404 });
    expect(await getAttachmentForViewer(database.db, stranger.viewer, applicationId, added.ok ? added.id : 0)).toBeUndefined();
    expect(await removeAttachment(database.db, stranger.viewer, "192.0.2.9", applicationId, added.ok ? added.id : 0)).toBe(false);
    expect(await listAttachments(database.db, applicationId)).toHaveLength(1);
  });

  it("refuses uploads once the application is submitted", async () => {
    await database.db.updateTable("applications").set({ state: "submitted" }).where("id", "=", applicationId).execute();
    expect(await add("規約.pdf", pdf(1000))).toMatchObject({ ok: false, status: 409 });
  });

  it("removes an attachment of a draft and keeps its hash in the audit trail", async () => {
    const added = await add("規約.pdf", pdf(1000));
    expect(await removeAttachment(database.db, officer.viewer, "192.0.2.1", applicationId, added.ok ? added.id : 0)).toBe(true);
    expect(await listAttachments(database.db, applicationId)).toEqual([]);
    const removed = await database.db.selectFrom("audit_events").select("details").where("action", "=", "application.attachment_removed").executeTakeFirst();
    expect(removed?.details).toMatchObject({ sha256: added.ok ? added.sha256 : "" });
  });
});
