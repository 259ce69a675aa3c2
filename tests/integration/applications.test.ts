import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyDraft, EMPTY_BUDGET_LINE } from "../../app/domain/application-draft";
import {
  createApplication,
  findApplicationForViewer,
  getVersion,
  latestComments,
  listVersions,
  reviewApplication,
  saveDraft,
  submitApplication,
} from "../../app/models/applications.server";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { addAttachment } from "../../app/models/attachments.server";
import { attachRequired, completeMenu1, SMALL_PDF } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

const DURING_CALL = new Date("2026-11-27T03:00:00Z");

describe.each(ENGINES)("%s: applications", (engine) => {
  let database: AppDatabase;
  let officer: Awaited<ReturnType<typeof createUser>>;
  let colleague: Awaited<ReturnType<typeof createUser>>;
  let reviewer: Awaited<ReturnType<typeof createUser>>;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    await database.db
      .updateTable("programme_parameters")
      .set({ application_opens_at: new Date("2026-04-01T00:00:00+09:00"), application_closes_at: new Date("2026-12-25T23:59:59.999+09:00") })
      .where("fiscal_year", "=", 2026)
      .execute();
    officer = await createUser(database.db, "prefecture_officer");
    colleague = await createUser(database.db, "prefecture_officer", { organisationId: officer.organisationId });
    reviewer = await createUser(database.db, "reviewer");
  });
  afterEach(() => database.close());

  const open = async () => {
    const created = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, DURING_CALL);
    if (created.status !== "done") throw new Error(JSON.stringify(created));
    return created.id;
  };

  it("opens one application per organisation, programme and year: a second start finds the first", async () => {
    const first = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, DURING_CALL);
    const second = await createApplication(database.db, colleague.viewer, "192.0.2.2", 2026, DURING_CALL);
    expect(first).toMatchObject({ status: "done", created: true });
    expect(second).toEqual({ status: "done", id: first.status === "done" ? first.id : -1, created: false });
    expect(await database.db.selectFrom("applications").select("id").execute()).toHaveLength(1);
    await expect(
      database.db
        .insertInto("applications")
        .values({
          organisation_id: officer.organisationId,
          programme: "prefectural",
          fiscal_year: 2026,
          draft: "{}",
          created_by: officer.id,
          updated_by: officer.id,
        })
        .execute(),
    ).rejects.toThrow(/applications_one_per_organisation_programme_year/);
  });

  it("does not open before the call or after its closing day, which ends at 23:59:59 JST", async () => {
    const before = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, new Date("2026-03-31T14:59:59Z"));
    expect(before).toEqual({ status: "refused", reason: expect.stringMatching(/令和8年4月1日 00:00からです/) });
    const lastSecond = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, new Date("2026-12-25T14:59:59Z"));
    expect(lastSecond.status).toBe("done");
  });

  it("refuses to submit after the deadline, keeping the draft", async () => {
    const id = await open();
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft: completeMenu1() }, DURING_CALL);
    const late = await submitApplication(
      database.db,
      officer.viewer,
      "192.0.2.1",
      id,
      { revision: 2, acknowledgeWarnings: true },
      new Date("2026-12-25T15:00:00Z"),
    );
    expect(late).toEqual({ status: "refused", reason: expect.stringMatching(/令和8年12月25日 23:59で締め切りました/) });
    const stored = await findApplicationForViewer(database.db, officer.viewer, id);
    expect(stored).toMatchObject({ state: "draft", latest_version: 0, draft: completeMenu1() });
  });

  it("refuses to submit while the organisation's profile lacks what the 交付申請書 prints, naming it, and changes nothing", async () => {
    const id = await open();
    await attachRequired(database.db, officer, id);
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft: completeMenu1() }, DURING_CALL);
    await database.db
      .updateTable("organisations")
      .set({ address: "", representative_name: " ", contact_phone: "" })
      .where("id", "=", officer.organisationId)
      .execute();
    const audited = await database.db.selectFrom("audit_events").select("id").execute();

    const refused = await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL);

    expect(refused).toEqual({ status: "profile-incomplete", missing: ["所在地", "代表者の氏名", "電話番号"] });
    expect(await findApplicationForViewer(database.db, officer.viewer, id)).toMatchObject({ state: "draft", latest_version: 0 });
    expect(await database.db.selectFrom("audit_events").select("id").execute()).toHaveLength(audited.length);

    await database.db
      .updateTable("organisations")
      .set({ address: "富山県富山市新総曲輪1番7号", representative_name: "富山 一郎", contact_phone: "076-444-3200" })
      .where("id", "=", officer.organisationId)
      .execute();
    expect(await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL)).toEqual({
      status: "done",
      version: 1,
    });
  });

  it("saves an incomplete draft exactly as typed, with a new revision and an audit row", async () => {
    const id = await open();
    const draft = emptyDraft("prefectural");
    draft.lines[0] = { ...EMPTY_BUDGET_LINE, amount: "abc", description: "まだ途中" };

    const saved = await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft }, DURING_CALL);

    expect(saved).toEqual({ status: "done", revision: 2, savedAt: DURING_CALL.toISOString() });
    expect((await findApplicationForViewer(database.db, officer.viewer, id))?.draft.lines[0]).toMatchObject({ amount: "abc", description: "まだ途中" });
    const audit = await database.db.selectFrom("audit_events").select(["action", "details"]).where("action", "=", "application.draft_saved").execute();
    expect(audit[0]?.details).toMatchObject({ revision: 2, changedFields: ["lines.0.description", "lines.0.amount"] });
  });

  it("never lets a second officer's save overwrite the first silently: it is a conflict showing what changed", async () => {
    const id = await open();
    const mine = { ...emptyDraft("prefectural"), purpose: "私の入力" };
    const theirs = { ...emptyDraft("prefectural"), purpose: "同僚の入力" };
    expect(await saveDraft(database.db, colleague.viewer, "192.0.2.2", id, { revision: 1, draft: theirs })).toMatchObject({ status: "done", revision: 2 });

    const conflict = await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft: mine });

    expect(conflict).toMatchObject({
      status: "conflict",
      revision: 2,
      updatedBy: colleague.viewer.displayName,
      draft: theirs,
      changes: [{ path: "purpose", before: "私の入力", after: "同僚の入力" }],
    });
    expect((await findApplicationForViewer(database.db, officer.viewer, id))?.draft.purpose).toBe("同僚の入力");
    // Saving again on top of the revision they have now seen is allowed.
    expect(await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, draft: mine })).toMatchObject({ status: "done", revision: 3 });
  });

  it("refuses a submission without the documents it needs, naming them, until each is attached", async () => {
    const id = await open();
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft: completeMenu1() }, DURING_CALL);
    const submit = () => submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL);
    expect(await submit()).toEqual({
      status: "refused",
      reason: "提出に必要な添付書類が足りません：予算書抄本（交付金を計上した予算の抄本）、官民連携プラットフォームの規約。添付してから提出してください。",
    });
    const attach = (documentType: string) =>
      addAttachment(database.db, officer.viewer, "192.0.2.1", id, { documentType, fileName: `${documentType}.pdf`, bytes: SMALL_PDF });
    expect(await attach("budget_extract")).toMatchObject({ status: "done" });
    expect(await submit()).toEqual({
      status: "refused",
      reason: "提出に必要な添付書類が足りません：官民連携プラットフォームの規約。添付してから提出してください。",
    });
    expect(await listVersions(database.db, id)).toEqual([]);
    expect(await attach("rules")).toMatchObject({ status: "done" });
    expect(await submit()).toMatchObject({ status: "done", version: 1 });
  });

  it("refuses a submission with errors, listing them, and changes nothing", async () => {
    const id = await open();
    const draft = completeMenu1();
    draft.lines[2]!.activity = "a3"; // 補助金 charged to ③
    draft.purpose = "";
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft });

    const refused = await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL);

    expect(refused.status).toBe("has-errors");
    const paths = refused.status === "has-errors" ? refused.findings.map((f) => `${f.code}@${f.path}`) : [];
    expect(paths).toEqual(expect.arrayContaining(["subsidy-activity-restricted@lines.2.activity", "input-invalid@purpose"]));
    expect(await listVersions(database.db, id)).toEqual([]);
  });

  it("asks for warnings to be acknowledged, then freezes version 1 with the calculation and the parameters used", async () => {
    const id = await open();
    await attachRequired(database.db, officer, id);
    const draft = completeMenu1();
    draft.lines.push({ ...EMPTY_BUDGET_LINE, category: "equipment", activity: "a7", description: "備品", amount: "500000" });
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft });

    const first = await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: false }, DURING_CALL);
    expect(first.status).toBe("needs-acknowledgement");
    const codes = first.status === "needs-acknowledgement" ? first.warnings.map((w) => w.code) : [];
    expect(codes).toEqual(expect.arrayContaining(["asset-restriction"]));

    expect(await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL)).toEqual({
      status: "done",
      version: 1,
    });

    // A = 200,000 + 2,000,000 + 1,500,000 + 500,000 = 4,200,000 = C; E = 4,200,000; grant = 2,100,000.
    const version = await getVersion(database.db, id, 1);
    expect(version).toMatchObject({ grant_amount: 2_100_000, requested_amount: 2_100_000 });
    expect(version?.snapshot).toMatchObject({
      version: 1,
      calculation: { totalProjectCost: 4_200_000, eligibleExpenses: 4_200_000, grantAmount: 2_100_000 },
      parameters: { fiscalYear: 2026, programme: "prefectural", baseAmount: 8_000_000 },
      draft: { purpose: draft.purpose },
    });
    const application = await findApplicationForViewer(database.db, officer.viewer, id);
    expect(application).toMatchObject({ state: "submitted", latest_version: 1 });
    expect(await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, draft })).toMatchObject({
      status: "refused",
      reason: expect.stringContaining("提出済みの申請は編集できません"),
    });
    await expect(database.db.updateTable("application_versions").set({ grant_amount: 1 }).execute()).rejects.toThrow(/frozen/);
  });

  it("reopens a returned application with the reviewer's comments, and resubmits it as version 2", async () => {
    const id = await open();
    await attachRequired(database.db, officer, id);
    await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: 1, draft: completeMenu1() });
    await submitApplication(database.db, officer.viewer, "192.0.2.1", id, { revision: 2, acknowledgeWarnings: true }, DURING_CALL);

    expect(await reviewApplication(database.db, officer.viewer, "192.0.2.1", id, "start_review")).toEqual({ status: "not-found" });
    expect(await reviewApplication(database.db, reviewer.viewer, "192.0.2.9", id, "start_review")).toEqual({ status: "done", to: "under_review" });
    expect(
      await reviewApplication(database.db, reviewer.viewer, "192.0.2.9", id, "return", [{ path: "lines.1", body: "委託費の積算根拠を示してください。" }]),
    ).toEqual({ status: "done", to: "returned" });

    const returned = await findApplicationForViewer(database.db, officer.viewer, id);
    expect(returned?.state).toBe("returned");
    expect(await latestComments(database.db, returned!)).toEqual([
      expect.objectContaining({ path: "lines.1", body: "委託費の積算根拠を示してください。", display_name: reviewer.viewer.displayName }),
    ]);

    const corrected = completeMenu1();
    corrected.lines[1]!.amount = "1,800,000";
    expect(await saveDraft(database.db, officer.viewer, "192.0.2.1", id, { revision: returned!.revision, draft: corrected })).toMatchObject({ status: "done" });
    const resubmitted = await submitApplication(
      database.db,
      officer.viewer,
      "192.0.2.1",
      id,
      { revision: returned!.revision + 1, acknowledgeWarnings: true },
      DURING_CALL,
    );
    expect(resubmitted).toEqual({ status: "done", version: 2 });
    expect((await listVersions(database.db, id)).map((v) => [v.version, v.grant_amount])).toEqual([
      [1, 1_850_000],
      [2, 1_750_000],
    ]);
    const actions = await database.db.selectFrom("audit_events").select("action").where("record_type", "=", "application").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "application.created",
      "application.attachment_added",
      "application.attachment_added",
      "application.draft_saved",
      "application.submitted",
      "application.review_started",
      "application.returned",
      "application.draft_saved",
      "application.resubmitted",
    ]);
  });

  it("answers another organisation's application as not found, for reading, saving and submitting", async () => {
    const id = await open();
    const stranger = await createUser(database.db, "prefecture_officer");
    expect(await findApplicationForViewer(database.db, stranger.viewer, id)).toBeUndefined();
    expect(await saveDraft(database.db, stranger.viewer, "192.0.2.3", id, { revision: 1, draft: completeMenu1() })).toEqual({ status: "not-found" });
    expect(await submitApplication(database.db, stranger.viewer, "192.0.2.3", id, { revision: 1, acknowledgeWarnings: true })).toEqual({ status: "not-found" });
    expect((await findApplicationForViewer(database.db, reviewer.viewer, id))?.id).toBe(id);
  });
});
