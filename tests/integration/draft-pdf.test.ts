import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { createApplication, reviewApplication } from "../../app/models/applications.server";
import { addAttachment } from "../../app/models/attachments.server";
import { loader } from "../../app/routes/applications.$id_.pdf";
import { loader as versionLoader } from "../../app/routes/applications.$id_.versions.$version_.pdf";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { pdfText } from "./support/pdf-text";
import { DURING_CALL, openCall, submittedApplication, type TestUser } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

/**
 * The 交付申請書 marked 下書き is a preview of what is being edited: there is one only while the application
 * is a draft or has been returned for correction. Once submitted, the submitted version is what there is
 * to print, and the draft's address leads to it.
 */
describe.each(ENGINES)("%s: the draft PDF of an application", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  async function get(user: TestUser, id: number, version?: number): Promise<Response> {
    const context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    const session = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
    const path = version === undefined ? `/applications/${id}/pdf` : `/applications/${id}/versions/${version}/pdf`;
    const request = new Request(`http://localhost${path}`, { headers: { cookie: `${SESSION_COOKIE}=${session.token}` } });
    const load = version === undefined ? loader : versionLoader;
    return load({ request, params: { id: String(id), version: String(version) }, context } as LoaderFunctionArgs).catch((thrown: unknown) => {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    });
  }

  async function expectDraftPdf(response: Response) {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const { pages, title } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(title).toContain("（下書き）");
    for (const page of pages) expect(page).toContain("下書き");
  }

  it("is given while the application is a draft, and again once it is returned for correction", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    await openCall(database.db);
    const officer = await createUser(database.db, "prefecture_officer");
    const created = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, DURING_CALL);
    if (created.status !== "done") throw new Error(JSON.stringify(created));
    await expectDraftPdf(await get(officer, created.id));

    const app = await submittedApplication(database.db);
    const returned = await reviewApplication(database.db, app.reviewer.viewer, "192.0.2.9", app.id, "return", [{ path: "purpose", body: "目的を具体的に" }]);
    expect(returned.status).toBe("done");
    await expectDraftPdf(await get(app.officer, app.id));
  });

  it("lists the files attached: the draft's as they are now, a submitted version's as they were", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    await openCall(database.db);
    const officer = await createUser(database.db, "prefecture_officer");
    const created = await createApplication(database.db, officer.viewer, "192.0.2.1", 2026, DURING_CALL);
    if (created.status !== "done") throw new Error(JSON.stringify(created));
    const bytes = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const added = await addAttachment(database.db, officer.viewer, "192.0.2.1", created.id, { documentType: "rules", fileName: "協議会規約.pdf", bytes });
    expect(added).toMatchObject({ status: "done" });
    const draft = (await pdfText(new Uint8Array(await (await get(officer, created.id)).arrayBuffer()))).pages.join("").replace(/\s+/g, "");
    expect(draft).toContain("添付書類");
    expect(draft).toContain("協議会規約.pdf");

    const app = await submittedApplication(database.db);
    const submitted = (await pdfText(new Uint8Array(await (await get(app.reviewer, app.id, 1)).arrayBuffer()))).pages.join("").replace(/\s+/g, "");
    // The helper attached the two documents Menu 1 needs before submitting.
    expect(submitted).toContain("予算書抄本：budget_extract.pdf");
    expect(submitted).toContain("規約：rules.pdf");
  });

  it("once submitted leads to the submitted version's PDF, for the applicant and the reviewer alike", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const app = await submittedApplication(database.db);
    for (const user of [app.officer, app.reviewer]) {
      const response = await get(user, app.id);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/applications/${app.id}/versions/1/pdf`);
    }
  });
});
