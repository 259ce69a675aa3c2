import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { createApplication } from "../../app/models/applications.server";
import { assignmentOf, changeAssignment } from "../../app/models/assignments.server";
import { action } from "../../app/routes/applications.$id_.assignment";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { DURING_CALL, openCall, submittedApplication, type SubmittedApplication, type TestUser } from "./support/submitted-application";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.30";

describe.each(ENGINES)("%s: who is in charge of an application", (engine) => {
  let database: TestDatabase;
  let app: SubmittedApplication;
  let other: TestUser;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    app = await submittedApplication(database.db);
    other = await createUser(database.db, "reviewer");
  });
  afterEach(() => database.close());

  const audit = () =>
    database.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id", "subject_organisation_id", "details"])
      .where("action", "like", "application.%assigned")
      .orderBy("id")
      .execute();

  it("a reviewer takes an application, gives it to another reviewer, and it is released; each change is audited", async () => {
    const me = app.reviewer.viewer;
    expect(await changeAssignment(database.db, me, IP, app.id, { intent: "take", current: null })).toEqual({
      status: "done",
      reviewerId: me.userId,
      changed: true,
    });
    expect(await assignmentOf(database.db, app.id)).toMatchObject({ reviewerId: me.userId, reviewerName: me.displayName });
    expect(await changeAssignment(database.db, me, IP, app.id, { intent: "give", current: me.userId, reviewerId: other.id })).toMatchObject({
      status: "done",
      reviewerId: other.id,
    });
    expect(await changeAssignment(database.db, me, IP, app.id, { intent: "release", current: other.id })).toMatchObject({ status: "done", reviewerId: null });
    expect(await assignmentOf(database.db, app.id)).toBeNull();

    const events = await audit();
    expect(events.map((e) => [e.action, e.details.how, e.details.reviewerId, e.details.previousReviewerId])).toEqual([
      ["application.assigned", "take", me.userId, null],
      ["application.assigned", "give", other.id, me.userId],
      ["application.unassigned", "release", null, other.id],
    ]);
    // Internal to the Cabinet Office: the applicant's trail does not show who handles its application.
    expect(events.every((e) => e.actor_user_id === me.userId && e.subject_organisation_id === me.organisationId)).toBe(true);
  });

  it("taking an application one already has changes nothing and writes no audit row", async () => {
    const me = app.reviewer.viewer;
    await changeAssignment(database.db, me, IP, app.id, { intent: "take", current: null });
    expect(await changeAssignment(database.db, me, IP, app.id, { intent: "take", current: me.userId })).toMatchObject({ status: "done", changed: false });
    expect(await audit()).toHaveLength(1);
  });

  it("refuses a change based on an assignment that has changed since the page showed it", async () => {
    await changeAssignment(database.db, other.viewer, IP, app.id, { intent: "take", current: null });
    const stale = await changeAssignment(database.db, app.reviewer.viewer, IP, app.id, { intent: "take", current: null });
    expect(stale).toMatchObject({ status: "conflict", current: { id: other.id } });
    expect(stale.status === "conflict" && stale.reason).toContain(other.viewer.displayName);
    expect(await assignmentOf(database.db, app.id)).toMatchObject({ reviewerId: other.id });
    expect(await audit()).toHaveLength(1);
  });

  it("gives an application only to an active reviewer account", async () => {
    const me = app.reviewer.viewer;
    await database.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", other.id).execute();
    const administrator = await createUser(database.db, "administrator");
    for (const reviewerId of [other.id, administrator.id, app.officer.id, 999_999]) {
      expect(await changeAssignment(database.db, me, IP, app.id, { intent: "give", current: null, reviewerId })).toMatchObject({
        status: "invalid",
        errors: { reviewerId: expect.stringContaining("有効な審査担当者") },
      });
    }
    expect(await assignmentOf(database.db, app.id)).toBeNull();
    expect(await audit()).toHaveLength(0);
  });

  it("only a reviewer changes it, and only for a submitted application", async () => {
    const administrator = await createUser(database.db, "administrator");
    for (const viewer of [app.officer.viewer, administrator.viewer]) {
      expect(await changeAssignment(database.db, viewer, IP, app.id, { intent: "take", current: null })).toEqual({ status: "not-found" });
    }
    await openCall(database.db);
    const drafter = await createUser(database.db, "prefecture_officer");
    const draft = await createApplication(database.db, drafter.viewer, IP, 2026, DURING_CALL);
    if (draft.status !== "done") throw new Error(draft.status);
    expect(await changeAssignment(database.db, app.reviewer.viewer, IP, draft.id, { intent: "take", current: null })).toMatchObject({ status: "refused" });
    expect(await changeAssignment(database.db, app.reviewer.viewer, IP, 987_654, { intent: "take", current: null })).toEqual({ status: "not-found" });
    expect(await audit()).toHaveLength(0);
  });

  it("two reviewers taking the same application at once: one has it, the other is told", async () => {
    const [first, second] = database.separateConnections(2);
    const results = await Promise.all([
      changeAssignment(first!, app.reviewer.viewer, IP, app.id, { intent: "take", current: null }),
      changeAssignment(second!, other.viewer, IP, app.id, { intent: "take", current: null }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "done"]);
    const winner = results[0]!.status === "done" ? app.reviewer.id : other.id;
    expect(await assignmentOf(database.db, app.id)).toMatchObject({ reviewerId: winner });
    expect(await audit()).toHaveLength(1);
  });

  describe("posted from a page", () => {
    const post = async (who: TestUser, fields: Record<string, string>, id = app.id) => {
      const { token } = await startSession(database.db, SESSIONS, who.id, { ip: null, userAgent: null });
      const request = new Request(`http://localhost/applications/${id}/assignment`, {
        method: "POST",
        headers: { cookie: `${SESSION_COOKIE}=${token}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
      const context = { db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
      try {
        return (await action({ request, params: { id: String(id) }, context } as ActionFunctionArgs)) as
          Response | { data: { message: string; back: string }; init: ResponseInit };
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };

    it("goes back to the page it came from, saying what was done", async () => {
      const back = "/applications?assignee=nobody&page=2";
      const response = (await post(app.reviewer, { intent: "take", current: "", redirectTo: back })) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/applications?assignee=nobody&page=2&assignment=take&application=${app.id}`);
      const elsewhere = (await post(app.reviewer, { intent: "release", current: String(app.reviewer.id), redirectTo: "https://evil.example/" })) as Response;
      expect(elsewhere.headers.get("location")).toBe(`/applications/${app.id}?assignment=release&application=${app.id}`);
    });

    it("explains a refusal on a page of its own, with the way back, and changes nothing", async () => {
      await changeAssignment(database.db, other.viewer, IP, app.id, { intent: "take", current: null });
      const stale = await post(app.reviewer, { intent: "take", current: "", redirectTo: "/applications" });
      expect(stale).toMatchObject({ data: { back: "/applications", message: expect.stringContaining("先に") }, init: { status: 409 } });
      const malformed: Record<string, string>[] = [
        { intent: "steal", current: "" },
        { intent: "take" },
        { intent: "give", current: "" },
        { intent: "take", current: "abc" },
      ];
      for (const fields of malformed) {
        expect(await post(app.reviewer, fields)).toMatchObject({ init: { status: 400 } });
      }
      expect(await assignmentOf(database.db, app.id)).toMatchObject({ reviewerId: other.id });
    });

    it("is forbidden to anyone but a reviewer, and an unknown application is not found", async () => {
      expect(((await post(app.officer, { intent: "take", current: "" })) as Response).status).toBe(403);
      expect(((await post(app.reviewer, { intent: "take", current: "" }, 987_654)) as Response).status).toBe(404);
      expect(await assignmentOf(database.db, app.id)).toBeNull();
    });
  });
});
