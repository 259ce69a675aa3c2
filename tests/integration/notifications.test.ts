import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookupSession, startSession } from "../../app/auth/session.server";
import { reviewApplication, saveDraft, submitApplication } from "../../app/models/applications.server";
import { listNotifications, markAllRead, openNotification } from "../../app/models/notifications.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import { decideSelection } from "../../app/models/selection.server";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { modelProjectCall } from "./support/model-project-call";
import { completeMenu1, DURING_CALL, submittedApplication, type TestUser } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

const IP = "192.0.2.77";
const DECIDED_AT = new Date("2026-12-10T01:00:00Z");

describe.each(ENGINES)("%s: notifications", (engine) => {
  let database: AppDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterEach(() => database.close());

  const notificationsOf = (user: TestUser) =>
    database.db.selectFrom("notifications").select(["kind", "title", "body", "link", "read_at"]).where("user_id", "=", user.id).orderBy("id").execute();
  const mailTo = (user: TestUser) =>
    database.db.selectFrom("outbound_messages").select(["subject", "body", "sent_at"]).where("recipient", "=", user.email).orderBy("id").execute();
  const unreadOf = async (user: TestUser) => {
    const { token } = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
    const session = await lookupSession(database.db, SESSIONS, token);
    if (session.status !== "active") throw new Error("no session");
    return session.account.unreadNotifications;
  };

  it("tells every active reviewer of a submission when nobody is in charge, and only the one in charge of a resubmission", async () => {
    const first = await createUser(database.db, "reviewer");
    const second = await createUser(database.db, "reviewer");
    const disabled = await createUser(database.db, "reviewer");
    await database.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.id).execute();

    const app = await submittedApplication(database.db, { reviewer: first });

    for (const reviewer of [first, second]) {
      expect(await notificationsOf(reviewer)).toEqual([
        expect.objectContaining({ kind: "application.submit", link: `/applications/${app.id}`, read_at: null, title: expect.stringContaining("【提出】") }),
      ]);
      expect((await mailTo(reviewer)).map((m) => m.subject)).toEqual([expect.stringContaining("【提出】")]);
    }
    expect(await notificationsOf(disabled)).toEqual([]);
    // The applicant is not told of its own submission.
    expect(await notificationsOf(app.officer)).toEqual([]);

    await database.db.insertInto("application_assignments").values({ application_id: app.id, reviewer_id: second.id, assigned_by: second.id }).execute();
    expect(
      await reviewApplication(database.db, first.viewer, IP, app.id, "return", [{ path: "purpose", body: "目的を具体的に。" }], DURING_CALL),
    ).toMatchObject({
      status: "done",
    });
    const saved = await saveDraft(database.db, app.officer.viewer, IP, app.id, { revision: 2, draft: completeMenu1() }, DURING_CALL);
    expect(saved.status).toBe("done");
    const resubmitted = await submitApplication(
      database.db,
      app.officer.viewer,
      IP,
      app.id,
      { revision: saved.status === "done" ? saved.revision : 0, acknowledgeWarnings: true },
      DURING_CALL,
    );
    expect(resubmitted).toEqual({ status: "done", version: 2 });
    expect((await notificationsOf(second)).map((n) => n.kind)).toEqual(["application.submit", "application.resubmit"]);
    expect((await notificationsOf(first)).map((n) => n.kind)).toEqual(["application.submit"]);
    expect((await notificationsOf(second))[1]!.body).toContain("第2版");
  });

  it("tells the applicant's people of a return in the return's transaction, and counts it unread in the session's own query", async () => {
    const app = await submittedApplication(database.db);
    const colleague = await createUser(database.db, "prefecture_officer", { organisationId: app.officer.organisationId });
    const outsider = await createUser(database.db, "prefecture_officer");
    expect(await unreadOf(app.officer)).toBe(0);

    await reviewApplication(database.db, app.reviewer.viewer, IP, app.id, "return", [{ path: "purpose", body: "目的を具体的に。" }], DURING_CALL);

    for (const officer of [app.officer, colleague]) {
      const [notice] = await notificationsOf(officer);
      expect(notice).toMatchObject({ kind: "application.return", link: `/applications/${app.id}`, read_at: null });
      expect(notice!.title).toMatch(/^【差戻し】/);
      expect(notice!.body).toContain("内閣府が「差戻し」を行いました");
      expect(await unreadOf(officer)).toBe(1);
      const [mail] = await mailTo(officer);
      expect(mail).toMatchObject({ subject: notice!.title, body: notice!.body, sent_at: null });
    }
    expect(await notificationsOf(outsider)).toEqual([]);
    expect(await unreadOf(outsider)).toBe(0);
  });

  it("tells the applicant of the decision, a payment, the confirmed amount and a return order, each with its amount", async () => {
    const app = await submittedApplication(database.db);
    const step = (user: TestUser, action: Parameters<typeof takeProceedingStep>[4], input: never, at: Date) =>
      takeProceedingStep(database.db, user.viewer, IP, app.id, action, input, at);

    expect(await step(app.reviewer, "decide", { decidedAmount: 1_850_000, conditions: "" } as never, DECIDED_AT)).toMatchObject({ status: "done" });
    const payee = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通", accountNumber: "1234567", accountHolder: "トヤマケン" };
    expect(await step(app.officer, "claim_payment", { claimAmount: 1_850_000, ...payee } as never, new Date("2027-01-25T01:00:00Z"))).toMatchObject({
      status: "done",
    });
    expect(
      await step(
        app.reviewer,
        "record_payment",
        { direction: "paid", amount: 1_850_000, paidOn: "2027-02-01", note: "" } as never,
        new Date("2027-02-01T01:00:00Z"),
      ),
    ).toMatchObject({ status: "done" });
    expect(
      await step(
        app.officer,
        "report",
        { actual: [183_500, 1_700_000, 1_500_000], otherIncomeActual: 100_000, completedOn: "2027-03-31", summary: "計画どおり実施した。" } as never,
        new Date("2027-04-05T01:00:00Z"),
      ),
    ).toMatchObject({ status: "done" });
    expect(await step(app.reviewer, "confirm", {} as never, new Date("2027-04-20T01:00:00Z"))).toMatchObject({ status: "done" });
    expect(await step(app.reviewer, "order_repayment", { dueOn: "2027-05-31" } as never, new Date("2027-04-20T02:00:00Z"))).toMatchObject({
      status: "done",
    });

    const notices = await notificationsOf(app.officer);
    expect(notices.map((n) => n.kind)).toEqual(["application.decide", "application.record_payment", "application.confirm", "application.order_repayment"]);
    expect(notices.map((n) => n.title.replace(/】.*/, "】"))).toEqual(["【交付決定】", "【支払・返還の記録】", "【額の確定】", "【返還命令】"]);
    expect(notices[0]!.body).toContain("金額：1,850,000円");
    // 3,283,500 / 2 → 1,641,000 confirmed; 209,000 of the 1,850,000 paid is ordered back.
    expect(notices[2]!.body).toContain("金額：1,641,000円");
    expect(notices[3]!.body).toContain("金額：209,000円");
    expect(notices.every((n) => n.link === `/applications/${app.id}`)).toBe(true);
    // The report went the other way: to the reviewers (this one's account was made after the submission).
    expect((await notificationsOf(app.reviewer)).map((n) => n.kind)).toEqual(["application.claim_payment", "application.report"]);
  });

  it("tells the applicant of a rejection (不交付決定)", async () => {
    const app = await submittedApplication(database.db);
    expect(
      await takeProceedingStep(database.db, app.reviewer.viewer, IP, app.id, "reject", { reason: "要件を満たさないため。" } as never, DECIDED_AT),
    ).toMatchObject({ status: "done" });
    expect((await notificationsOf(app.officer)).map((n) => n.title.replace(/】.*/, "】"))).toEqual(["【不交付決定】"]);
  });

  it("tells the proposer's people of a selection, linking to the proposal", async () => {
    const call = await modelProjectCall(database.db);
    const proposal = await call.submittedProposal(4_000_000);
    expect(await decideSelection(database.db, call.first.viewer, IP, proposal.id, { selected: true, contractAmount: 4_000_000, reason: "優れた計画" })).toEqual(
      {
        status: "done",
      },
    );
    const [notice] = await notificationsOf(proposal.proposer);
    expect(notice).toMatchObject({ kind: "proposal.selected", link: `/proposals/${proposal.id}`, title: "【採択】令和8年度 地方版プラットフォーム" });
    expect(notice!.body).toContain("契約予定額：4,000,000円");
    expect(await mailTo(proposal.proposer)).toEqual([expect.objectContaining({ subject: notice!.title })]);
  });

  it("opens one's own notification as read and leads to its record; another's is not found; all are marked read at once", async () => {
    const app = await submittedApplication(database.db);
    for (let i = 0; i < 21; i += 1) {
      await database.db
        .insertInto("notifications")
        .values({ user_id: app.officer.id, kind: "test", title: `お知らせ${i + 1}`, link: `/applications/${app.id}` })
        .execute();
    }
    const other = await createUser(database.db, "prefecture_officer");
    expect(await unreadOf(app.officer)).toBe(21);

    const first = await listNotifications(database.db, app.officer.id, 1);
    expect(first.total).toBe(21);
    expect(first.notifications).toHaveLength(20);
    expect(first.notifications[0]!.title).toBe("お知らせ21");
    const second = await listNotifications(database.db, app.officer.id, 2);
    expect(second.notifications.map((n) => n.title)).toEqual(["お知らせ1"]);

    const newest = first.notifications[0]!.id;
    expect(await openNotification(database.db, other.id, newest)).toBeNull();
    expect(await unreadOf(app.officer)).toBe(21);
    expect(await openNotification(database.db, app.officer.id, newest)).toBe(`/applications/${app.id}`);
    expect(await unreadOf(app.officer)).toBe(20);
    // Opening it again keeps the first time it was read.
    const readAt = (await listNotifications(database.db, app.officer.id)).notifications[0]!.read_at;
    expect(readAt).not.toBeNull();
    await openNotification(database.db, app.officer.id, newest, new Date(Date.now() + 60_000));
    expect((await listNotifications(database.db, app.officer.id)).notifications[0]!.read_at).toEqual(readAt);

    expect(await markAllRead(database.db, app.officer.id)).toBe(20);
    expect(await unreadOf(app.officer)).toBe(0);
  });

  it("counts at most 100 unread in the header's query", async () => {
    const user = await createUser(database.db, "reviewer");
    await database.db
      .insertInto("notifications")
      .values(Array.from({ length: 130 }, (_, i) => ({ user_id: user.id, kind: "test", title: `n${i}`, link: "/" })))
      .execute();
    expect(await unreadOf(user)).toBe(100);
  });
});
