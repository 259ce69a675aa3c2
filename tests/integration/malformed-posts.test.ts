import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import * as account from "../../app/routes/account";
import * as adminOrganisation from "../../app/routes/admin.organisations.$id";
import * as adminOrganisations from "../../app/routes/admin.organisations._index";
import * as application from "../../app/routes/applications.$id/route";
import * as attachments from "../../app/routes/applications.$id_.attachments";
import * as step from "../../app/routes/applications.$id_.steps.$step";
import * as applications from "../../app/routes/applications._index";
import * as login from "../../app/routes/login";
import * as organisation from "../../app/routes/organisations.$id";
import * as passwordSet from "../../app/routes/password.set.$token";
import * as simulator from "../../app/routes/simulator/route";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { SESSIONS } from "./support/accounts";
import { submittedApplication, type SubmittedApplication } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

/** Bodies no page of the app sends: each must be answered 4xx with a message, never a 500. */
const MALFORMED: [string, (url: string, cookie: string) => Request][] = [
  ["no body and no Content-Type", (url, cookie) => new Request(url, { method: "POST", headers: { cookie } })],
  ["JSON", (url, cookie) => new Request(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: '{"a":1}' })],
  ["plain text", (url, cookie) => new Request(url, { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: "a=1" })],
  [
    "a multipart body that is cut off",
    (url, cookie) =>
      new Request(url, {
        method: "POST",
        headers: { cookie, "content-type": "multipart/form-data; boundary=xyz" },
        body: '--xyz\r\nContent-Disposition: form-data; name="reason"\r\n\r\nabc',
      }),
  ],
  [
    "multipart without a boundary",
    (url, cookie) => new Request(url, { method: "POST", headers: { cookie, "content-type": "multipart/form-data" }, body: "reason=abc" }),
  ],
];

describe.each(ENGINES)("%s: every form action answers a malformed post with 4xx", (engine) => {
  let database: AppDatabase;
  let app: SubmittedApplication;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    app = await submittedApplication(database.db);
    const client = { ip: null, userAgent: null };
    const administrator = await import("./support/accounts").then(({ createUser }) => createUser(database.db, "administrator"));
    for (const [who, id] of [
      ["officer", app.officer.id],
      ["reviewer", app.reviewer.id],
      ["administrator", administrator.id],
    ] as const) {
      cookies[who] = `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, id, client)).token}`;
    }
  });
  afterAll(() => database?.close());

  const cases = (): [string, Action, string, Record<string, string>, string][] => [
    ["/login", login.action, "/login", {}, ""],
    ["/account", account.action, "/account", {}, "officer"],
    ["/applications", applications.action, "/applications", {}, "officer"],
    ["/applications/:id", application.action, `/applications/${app.id}`, { id: String(app.id) }, "officer"],
    ["/applications/:id/attachments", attachments.action, `/applications/${app.id}/attachments`, { id: String(app.id) }, "officer"],
    ["/applications/:id/steps/decide", step.action, `/applications/${app.id}/steps/decide`, { id: String(app.id), step: "decide" }, "reviewer"],
    ["/organisations/:id", organisation.action, `/organisations/${app.officer.organisationId}`, { id: String(app.officer.organisationId) }, "officer"],
    ["/admin/organisations", adminOrganisations.action, "/admin/organisations", {}, "administrator"],
    [
      "/admin/organisations/:id",
      adminOrganisation.action,
      `/admin/organisations/${app.officer.organisationId}`,
      { id: String(app.officer.organisationId) },
      "administrator",
    ],
    ["/password/set/:token", passwordSet.action, "/password/set/not-a-token", { token: "not-a-token" }, ""],
    ["/simulator", simulator.action, "/simulator", {}, ""],
  ];

  it("answers each malformed body to each action with 400 or 415 and a message, writing nothing", async () => {
    const context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    const auditBefore = (await database.db.selectFrom("audit_events").select("id").execute()).length;
    const outcomes: string[] = [];
    for (const [name, action, path, params, who] of cases()) {
      for (const [kind, request] of MALFORMED) {
        const answer = await action({ request: request(`http://localhost${path}`, cookies[who] ?? ""), params, context }).then(
          (value) => value,
          (thrown: unknown) => thrown,
        );
        const status = answer instanceof Response ? answer.status : "not a Response";
        const text = answer instanceof Response ? await answer.text() : String(answer);
        outcomes.push(`${name} ${kind}: ${status} ${/[ぁ-んァ-ン一-龯]/.test(text) ? "with a message" : "without a message"}`);
      }
    }
    expect(outcomes.filter((o) => !/: 4(00|15) with a message$/.test(o))).toEqual([]);
    expect((await database.db.selectFrom("audit_events").select("id").execute()).length).toBe(auditBefore);
  });
});
