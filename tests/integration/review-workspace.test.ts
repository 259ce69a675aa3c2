import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { reviewApplication } from "../../app/models/applications.server";
import { listAuditEvents } from "../../app/models/audit.server";
import { budgetRoom, budgetStanding, takeProceedingStep } from "../../app/models/proceedings.server";
import { addReviewNote, listReviewChecks, saveReviewChecklist } from "../../app/models/review.server";
import * as applicationPage from "../../app/routes/applications.$id/route";
import * as stepPage from "../../app/routes/applications.$id_.steps.$step";
import * as versionPage from "../../app/routes/applications.$id_.versions.$version";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { submittedApplication, type SubmittedApplication, type TestUser } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

/**
 * The reviewer's workspace against real databases: several return comments kept with the return or none
 * at all, 審査メモ that never reach the applicant, checklist ticks kept with who and when, the decision's
 * confirmation, and the budget panel read with the decision's own figures.
 */

const IP = "192.0.2.20";
const NOTE = "前年度の実績報告が遅れた団体。今回は期限を確認すること。";

describe.each(ENGINES)("%s: the review workspace", (engine) => {
  let database: AppDatabase;
  let app: SubmittedApplication;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    app = await submittedApplication(database.db);
  });
  afterEach(() => database?.close());

  const context = () => ({ db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS }) as unknown as AppLoadContext;
  const cookieOf = async (user: TestUser) => `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null })).token}`;

  /** Posts a form to the application page as `user`: the action's answer, thrown or returned. */
  async function post(user: TestUser, fields: [string, string][]) {
    const request = new Request(`http://localhost/applications/${app.id}`, {
      method: "POST",
      headers: { cookie: await cookieOf(user), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    return applicationPage.action({ request, params: { id: String(app.id) }, context: context() } as ActionFunctionArgs).then(
      (value) => value,
      (thrown: unknown) => thrown,
    );
  }

  async function pageData(user: TestUser) {
    const request = new Request(`http://localhost/applications/${app.id}`, { headers: { cookie: await cookieOf(user) } });
    return applicationPage.loader({ request, params: { id: String(app.id) }, context: context() } as LoaderFunctionArgs);
  }

  const statusOf = (answer: unknown) => (answer instanceof Response ? answer.status : ((answer as { init?: { status?: number } }).init?.status ?? 200));
  const dataOf = (answer: unknown) => (answer as { data: unknown }).data;
  const comments = () =>
    database.db.selectFrom("application_comments").select(["path", "body", "version"]).where("application_id", "=", app.id).orderBy("id").execute();
  const stateOf = async () => (await database.db.selectFrom("applications").select("state").where("id", "=", app.id).executeTakeFirstOrThrow()).state;
  const auditOf = (action: string) =>
    database.db.selectFrom("audit_events").select(["details", "subject_organisation_id", "actor_user_id"]).where("action", "=", action).orderBy("id").execute();

  it("keeps several comments, on a budget line, a section and a field, with the return in one audited step", async () => {
    const outcome = await reviewApplication(database.db, app.reviewer.viewer, IP, app.id, "return", [
      { path: "lines.1", body: "委託費の積算根拠を示してください。" },
      { path: "activities", body: "⑦の実施場所を記載してください。" },
      { path: "otherIncome", body: "参加費収入の見込みを記載してください。" },
    ]);

    expect(outcome).toEqual({ status: "done", to: "returned" });
    expect(await comments()).toEqual([
      { path: "lines.1", body: "委託費の積算根拠を示してください。", version: 1 },
      { path: "activities", body: "⑦の実施場所を記載してください。", version: 1 },
      { path: "otherIncome", body: "参加費収入の見込みを記載してください。", version: 1 },
    ]);
    expect(await auditOf("application.returned")).toEqual([
      expect.objectContaining({
        details: { from: "under_review", to: "returned", version: 1, comments: 3, targets: ["lines.1", "activities", "otherIncome"] },
        subject_organisation_id: app.officer.organisationId,
      }),
    ]);

    // The applicant's page names each comment's place as it was in the version returned.
    const loaded = await pageData(app.officer);
    expect(loaded.comments.map((c) => c.label)).toEqual([
      "所要額の明細 2行目（委託費・調査委託・2,000,000円）",
      "実施する事業（全体）",
      "寄付金その他の収入額",
    ]);
  });

  it("refuses the whole return when one comment's target is not in the submitted version, and keeps nothing", async () => {
    const outcome = await reviewApplication(database.db, app.reviewer.viewer, IP, app.id, "return", [
      { path: "lines.0", body: "謝金の単価の根拠を示してください。" },
      // The fixture has three budget lines; "members" is a section of Menu 2 only.
      { path: "lines.7", body: "存在しない行" },
      { path: "members", body: "メニュー2の節" },
    ]);

    expect(outcome).toEqual({
      status: "invalid",
      errors: {
        "comments.1.target": "コメント2の対象は提出された版にありません。対象を選び直してください。",
        "comments.2.target": "コメント3の対象は提出された版にありません。対象を選び直してください。",
      },
    });
    expect(await comments()).toEqual([]);
    expect(await stateOf()).toBe("under_review");
    expect(await auditOf("application.returned")).toEqual([]);
  });

  it("answers the return form at the row of each refused comment, with every row as typed", async () => {
    const typed: [string, string][] = [
      ["intent", "return"],
      ["comments.0.target", "lines.2"],
      ["comments.0.body", "補助金の交付先を示してください。"],
      ["comments.1.target", ""],
      ["comments.1.body", ""],
      ["comments.2.target", "lines.42"],
      ["comments.2.body", "書き換えられた対象"],
      ["comments.3.target", "purpose"],
      ["comments.3.body", ""],
    ];
    const answer = await post(app.reviewer, typed);

    expect(statusOf(answer)).toBe(400);
    expect(dataOf(answer)).toEqual({
      kind: "return-form",
      rows: [
        { target: "lines.2", body: "補助金の交付先を示してください。" },
        { target: "", body: "" },
        { target: "lines.42", body: "書き換えられた対象" },
        { target: "purpose", body: "" },
      ],
      errors: {
        "comments.2.target": "コメント3の対象は提出された版にありません。対象を選び直してください。",
        "comments.3.body": "コメント4を入力してください。",
      },
    });
    expect(await comments()).toEqual([]);

    // Without JavaScript, コメント欄を追加 gives the rows back with one more, changing nothing stored.
    const added = await post(app.reviewer, [...typed.slice(1), ["intent", "add_comment_row"]]);
    expect(statusOf(added)).toBe(200);
    expect(dataOf(added)).toMatchObject({ kind: "return-form", errors: {}, focusRow: 4 });
    expect((dataOf(added) as { rows: unknown[] }).rows).toHaveLength(5);

    // The rows that can be used, with the empty one skipped: the return is taken, each comment at its target.
    const taken = await post(app.reviewer, [
      ["intent", "return"],
      ["comments.0.target", "lines.2"],
      ["comments.0.body", "補助金の交付先を示してください。"],
      ["comments.1.target", ""],
      ["comments.1.body", ""],
      ["comments.2.target", "delegations"],
      ["comments.2.body", "委託・補助の相手先を記載してください。"],
    ]);
    expect(statusOf(taken)).toBe(302);
    expect((await comments()).map((c) => c.path)).toEqual(["lines.2", "delegations"]);

    // An applicant cannot post a reviewer's form.
    expect(statusOf(await post(app.officer, [["intent", "return"]]))).toBe(403);
  });

  it("keeps 審査メモ from the applicant: not in its page's data, its versions, nor its audit trail", async () => {
    expect(await addReviewNote(database.db, app.reviewer.viewer, IP, app.id, `  ${NOTE}  `)).toMatchObject({ status: "done" });
    expect(await addReviewNote(database.db, app.reviewer.viewer, IP, app.id, "   ")).toEqual({
      status: "invalid",
      errors: { reviewNote: "審査メモを入力してください。" },
    });
    expect(await addReviewNote(database.db, app.officer.viewer, IP, app.id, "申請者のメモ")).toEqual({ status: "not-found" });
    expect(
      statusOf(
        await post(app.officer, [
          ["intent", "add_note"],
          ["reviewNote", "申請者のメモ"],
        ]),
      ),
    ).toBe(403);

    const reviewerView = await pageData(app.reviewer);
    expect(reviewerView.workspace?.notes).toEqual([expect.objectContaining({ body: NOTE, version: 1, created_by_name: app.reviewer.viewer.displayName })]);

    const applicantView = await pageData(app.officer);
    expect(applicantView.workspace).toBeNull();
    expect(JSON.stringify(applicantView)).not.toContain(NOTE);
    const versionRequest = new Request(`http://localhost/applications/${app.id}/versions/1`, { headers: { cookie: await cookieOf(app.officer) } });
    const version = await versionPage.loader({
      request: versionRequest,
      params: { id: String(app.id), version: "1" },
      context: context(),
    } as LoaderFunctionArgs);
    expect(JSON.stringify(version)).not.toContain(NOTE);

    // The audit row names no organisation and carries no text: the applicant's own trail has nothing of it.
    const [event] = await auditOf("application.review_note_added");
    expect(event).toMatchObject({ subject_organisation_id: null, actor_user_id: app.reviewer.id });
    expect(JSON.stringify(event)).not.toContain(NOTE);
    const applicantTrail = await listAuditEvents(database.db, { organisationId: app.officer.organisationId, seesAll: false }, {});
    expect(applicantTrail.events.map((e) => e.action)).not.toContain("application.review_note_added");
    const reviewerTrail = await listAuditEvents(database.db, { organisationId: app.reviewer.organisationId, seesAll: true }, {});
    expect(reviewerTrail.events.map((e) => e.action)).toContain("application.review_note_added");
  });

  it("keeps the checklist's ticks with who ticked them and when, audits each change, and only while the application is reviewed", async () => {
    const first = new Date("2026-12-01T01:00:00Z");
    const later = new Date("2026-12-02T01:00:00Z");
    const other = await createUser(database.db, "reviewer");

    expect(await saveReviewChecklist(database.db, app.reviewer.viewer, IP, app.id, ["budget_extract", "platform_members", "no_such_item"], first)).toEqual({
      status: "done",
      ticked: ["budget_extract", "platform_members"],
      unticked: [],
    });
    expect(await saveReviewChecklist(database.db, other.viewer, IP, app.id, ["platform_members", "delegations"], later)).toEqual({
      status: "done",
      ticked: ["delegations"],
      unticked: ["budget_extract"],
    });
    // Saving what is already there changes nothing and writes no audit row.
    expect(await saveReviewChecklist(database.db, other.viewer, IP, app.id, ["delegations", "platform_members"], later)).toMatchObject({
      ticked: [],
      unticked: [],
    });

    const checks = await listReviewChecks(database.db, app.id);
    const byItem = Object.fromEntries(checks.map((c) => [c.item, c]));
    expect(Object.keys(byItem).sort()).toEqual(["budget_extract", "delegations", "platform_members"]);
    expect(byItem.platform_members).toMatchObject({ checked: true, version: 1, updated_by_name: app.reviewer.viewer.displayName });
    expect(new Date(byItem.platform_members!.updated_at).toISOString()).toBe(first.toISOString());
    expect(byItem.budget_extract).toMatchObject({ checked: false, updated_by_name: other.viewer.displayName });
    expect(new Date(byItem.budget_extract!.updated_at).toISOString()).toBe(later.toISOString());
    expect(byItem.delegations).toMatchObject({ checked: true, updated_by_name: other.viewer.displayName });

    expect((await auditOf("application.checklist_updated")).map((e) => [e.actor_user_id, e.details, e.subject_organisation_id])).toEqual([
      [app.reviewer.id, { version: 1, ticked: ["budget_extract", "platform_members"], unticked: [] }, null],
      [other.id, { version: 1, ticked: ["delegations"], unticked: ["budget_extract"] }, null],
    ]);

    // The page shows each item with its tick and what the version shows about it.
    const view = await pageData(app.reviewer);
    expect(view.workspace?.checklist.find((c) => c.code === "platform_members")).toMatchObject({
      tick: { checked: true },
      hint: "1団体：特定非営利活動法人 とやま",
    });
    expect(view.workspace?.checklistEditable).toBe(true);

    expect(await saveReviewChecklist(database.db, app.officer.viewer, IP, app.id, ["delegations"])).toEqual({ status: "not-found" });
    await takeProceedingStep(database.db, app.reviewer.viewer, IP, app.id, "decide", { decidedAmount: 1_000_000, conditions: "" });
    expect(await saveReviewChecklist(database.db, app.reviewer.viewer, IP, app.id, [])).toMatchObject({ status: "refused" });
    expect(
      (await listReviewChecks(database.db, app.id))
        .filter((c) => c.checked)
        .map((c) => c.item)
        .sort(),
    ).toEqual(["delegations", "platform_members"]);
    expect((await pageData(app.reviewer)).workspace?.checklistEditable).toBe(false);
  });

  it("refuses a decision whose irreversibility is not confirmed, at the box and with what was typed, and decides once it is", async () => {
    const decide = async (fields: Record<string, string>) => {
      const request = new Request(`http://localhost/applications/${app.id}/steps/decide`, {
        method: "POST",
        headers: { cookie: await cookieOf(app.reviewer), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
      return stepPage.action({ request, params: { id: String(app.id), step: "decide" }, context: context() } as ActionFunctionArgs).then(
        (value) => value,
        (thrown: unknown) => thrown,
      );
    };
    const typed = { decidedAmount: "1,850,000", conditions: "四半期ごとに進捗を報告すること。" };

    const refused = await decide(typed);
    expect(statusOf(refused)).toBe(400);
    expect(dataOf(refused)).toMatchObject({
      errors: { confirmIrreversible: { message: expect.stringContaining("この交付決定は取り消せないことを確認しました") } },
      values: typed,
    });
    expect(await database.db.selectFrom("application_proceedings").select("id").where("application_id", "=", app.id).execute()).toEqual([]);
    expect(await stateOf()).toBe("under_review");

    const decided = await decide({ ...typed, confirmIrreversible: "on" });
    expect(statusOf(decided)).toBe(302);
    expect(await stateOf()).toBe("decided");
    expect(await database.db.selectFrom("application_proceedings").select(["kind", "amount"]).where("application_id", "=", app.id).execute()).toEqual([
      { kind: "decision", amount: 1_850_000 },
    ]);
  });

  it("shows the programme-year's budget with the figures the decision checks under its lock", async () => {
    const second = await submittedApplication(database.db, { reviewer: app.reviewer });
    await takeProceedingStep(database.db, app.reviewer.viewer, IP, app.id, "decide", { decidedAmount: 1_500_000, conditions: "" });

    for (const [id, committedHere] of [
      [app.id, 1_500_000],
      [second.id, 0],
    ] as const) {
      const room = await database.db.transaction().execute((trx) => budgetRoom(trx, "prefectural", 2026, id));
      const standing = await budgetStanding(database.db, "prefectural", 2026, id);
      expect(standing).toEqual({ ...room, committedHere });
    }
    expect(await budgetStanding(database.db, "prefectural", 2026, second.id)).toEqual({ total: 70_000_000, committedElsewhere: 1_500_000, committedHere: 0 });

    // The workspace and the decision's form show those figures.
    app = second;
    expect((await pageData(app.reviewer)).workspace?.budget).toEqual({ total: 70_000_000, committedElsewhere: 1_500_000, committedHere: 0 });
    const request = new Request(`http://localhost/applications/${second.id}/steps/decide`, { headers: { cookie: await cookieOf(second.reviewer) } });
    const form = await stepPage.loader({ request, params: { id: String(second.id), step: "decide" }, context: context() } as LoaderFunctionArgs);
    expect(form.page.budget).toEqual({ total: 70_000_000, committedElsewhere: 1_500_000, committedHere: 0 });
  });
});
