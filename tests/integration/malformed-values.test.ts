import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { createApplication } from "../../app/models/applications.server";
import * as application from "../../app/routes/applications.$id/route";
import * as draftSave from "../../app/routes/applications.$id_.draft";
import * as applications from "../../app/routes/applications._index";
import * as audit from "../../app/routes/audit";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { DURING_CALL, openCall } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

/** What a status is, whether the action answered or threw: a Response of either kind, or an error (a 500). */
async function statusOf(run: () => Promise<unknown>): Promise<number | string> {
  const answer = await run().then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
  if (answer instanceof Response) return answer.status;
  if (answer && typeof answer === "object" && "init" in answer) return (answer as { init?: { status?: number } }).init?.status ?? 200;
  return answer instanceof Error ? `error: ${answer.message}` : 200;
}

describe.each(ENGINES)("%s: values no page sends never reach the database", (engine) => {
  let database: AppDatabase;
  let cookie: string;
  let applicationId: number;
  let context: AppLoadContext;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    await openCall(database.db);
    const officer = await createUser(database.db, "prefecture_officer");
    const created = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, DURING_CALL);
    if (created.status !== "done") throw new Error(JSON.stringify(created));
    applicationId = created.id;
    cookie = `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, officer.id, { ip: null, userAgent: null })).token}`;
    context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
  });
  afterAll(() => database?.close());

  const post = (path: string, fields: Record<string, string>) =>
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });

  it.each(["1.5", "99999999999", "1e309", "-3", "令和8"])("refuses to start an application for the fiscal year %j with 400", async (fiscalYear) => {
    expect(await statusOf(() => applications.action({ request: post("/applications", { fiscalYear }), params: {}, context } as ActionFunctionArgs))).toBe(400);
  });

  it.each(["add:constructor", "add:__proto__", "remove:toString:0", "remove:lines:x", "remove:lines:1e3", "add:lines:extra", "delete"])(
    "refuses the intent %j of the application form with 400, saving nothing",
    async (intent) => {
      const before = await database.db.selectFrom("applications").select("revision").where("id", "=", applicationId).executeTakeFirstOrThrow();
      const request = post(`/applications/${applicationId}`, { intent, revision: String(before.revision), purpose: "変えない" });
      expect(await statusOf(() => application.action({ request, params: { id: String(applicationId) }, context } as ActionFunctionArgs))).toBe(400);
      const after = await database.db.selectFrom("applications").select("revision").where("id", "=", applicationId).executeTakeFirstOrThrow();
      expect(after.revision).toBe(before.revision);
    },
  );

  it.each(["page=1.01", "page=0", "page=99999999999999", "organisation=1.5", "organisation=99999999999", "from=2025-13-45", "to=2025-02-30", "action=%00"])(
    "shows the audit trail for the filter %s, leaving out what cannot be a filter",
    async (query) => {
      const request = new Request(`http://localhost/audit?${query}`, { headers: { cookie } });
      expect(await statusOf(() => audit.loader({ request, params: {}, context } as LoaderFunctionArgs))).toBe(200);
    },
  );

  it("stores text sent with NUL characters and half surrogate pairs as text PostgreSQL can hold, and says so truthfully", async () => {
    const { revision } = await database.db.selectFrom("applications").select("revision").where("id", "=", applicationId).executeTakeFirstOrThrow();
    const draft = {
      purpose: "目的\u0000です\ud800",
      lines: [{ category: "travel", activity: "", member: "", description: "旅費\u0000", amount: "1,000", quantity: "", unitPrice: "" }],
    };
    const request = new Request(`http://localhost/applications/${applicationId}/draft`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ revision, draft }),
    });
    const response = (await draftSave.action({ request, params: { id: String(applicationId) }, context } as ActionFunctionArgs)) as Response;
    expect(response.status).toBe(200);
    const stored = await database.db.selectFrom("applications").select("draft").where("id", "=", applicationId).executeTakeFirstOrThrow();
    expect(stored.draft).toMatchObject({ purpose: "目的です\ufffd", lines: [{ description: "旅費", amount: "1,000" }] });
  });

  it.each([
    ["a purpose longer than a draft keeps", { purpose: "長".repeat(4012) }, { purpose: "4,000文字以内で入力してください（この内容は保存されていません）。" }],
    ["a draft that is not an object", "x", { form: "下書きとして読めない内容が送られました。画面を開き直してください。" }],
    [
      "a platform member of no known kind",
      { platformMembers: [{ name: "団体", kind: "alien", role: "" }] },
      { "platformMembers.0.kind": "この内容は保存できません。入力し直してください。" },
    ],
  ])("refuses to save %s, says why at the field, and keeps what was stored", async (_, draft, errors) => {
    const before = await database.db.selectFrom("applications").select(["revision", "draft"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
    const request = new Request(`http://localhost/applications/${applicationId}/draft`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ revision: before.revision, draft }),
    });
    const response = (await draftSave.action({ request, params: { id: String(applicationId) }, context } as ActionFunctionArgs)) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: "invalid", errors });
    expect(await database.db.selectFrom("applications").select(["revision", "draft"]).where("id", "=", applicationId).executeTakeFirstOrThrow()).toEqual(
      before,
    );
  });
});
