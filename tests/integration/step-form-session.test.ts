import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import { action, loader } from "../../app/routes/applications.$id_.steps.$step";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { SESSIONS } from "./support/accounts";
import { submittedApplication } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

/**
 * A step's form posted after the session ran out (domain: nothing typed is lost): the input is kept on the
 * server, the officer signs in again, and the form comes back filled in, once.
 */
describe.each(ENGINES)("%s: a step's form across an expired session", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  /** A fresh database with one application, decided at the amount applied for. */
  async function decidedApplication() {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const app = await submittedApplication(database.db);
    const { requested_amount } = await database.db
      .selectFrom("application_versions")
      .select("requested_amount")
      .where("application_id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(
      await takeProceedingStep(database.db, app.reviewer.viewer, "192.0.2.9", app.id, "decide", { decidedAmount: requested_amount, conditions: "" }),
    ).toMatchObject({ status: "done" });
    return app;
  }

  it("keeps what was typed on the 実績報告 form and gives it back after signing in again, once", async () => {
    const app = await decidedApplication();

    const context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    const path = `/applications/${app.id}/steps/report`;
    const params = { id: String(app.id), step: "report" };
    const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
    const client = { ip: null, userAgent: null };

    // Signed in three hours ago and idle since: the session has run out (idle limit 2 hours).
    const stale = await startSession(database.db, SESSIONS, app.officer.id, client, new Date(Date.now() - 3 * 3_600_000));
    const typed = {
      "actual.0": "180,000",
      "actual.1": "1,900,000",
      "actual.2": "1,500,000",
      completedOn: "2026-11-01",
      summary: "居場所を10か所設置し、延べ800人が利用した。",
    };
    const post = new Request(`http://localhost${path}`, {
      method: "POST",
      body: new URLSearchParams(typed),
      headers: { ...cookie(stale.token), "content-type": "application/x-www-form-urlencoded" },
    });
    const thrown = await action({ request: post, params, context } as ActionFunctionArgs).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    const location = new URL((thrown as Response).headers.get("location")!, "http://localhost");
    expect(location.pathname).toBe("/login");
    const restore = location.searchParams.get("restore");
    expect(restore).toBeTruthy();
    expect(await database.db.selectFrom("application_proceedings").select("kind").where("application_id", "=", app.id).execute()).toEqual([
      { kind: "decision" },
    ]);

    const fresh = await startSession(database.db, SESSIONS, app.officer.id, client);
    const get = () => new Request(`http://localhost${path}?restore=${restore}`, { headers: cookie(fresh.token) });
    const loaded = await loader({ request: get(), params, context } as LoaderFunctionArgs);
    expect(loaded.allowed).toBe(true);
    expect(loaded.restored).toEqual(typed);
    // Given back once: a reload shows the form as it is stored.
    expect((await loader({ request: get(), params, context } as LoaderFunctionArgs)).restored).toBeNull();
  });

  it("offers the account on the organisation's profile to a payment claim, and nothing when none is registered", async () => {
    const app = await decidedApplication();
    const context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    const { token } = await startSession(database.db, SESSIONS, app.officer.id, { ip: null, userAgent: null });
    const claimPage = () =>
      loader({
        request: new Request(`http://localhost/applications/${app.id}/steps/claim_payment`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } }),
        params: { id: String(app.id), step: "claim_payment" },
        context,
      } as LoaderFunctionArgs);

    expect((await claimPage()).page.payee).toBeNull();
    await database.db
      .updateTable("organisations")
      .set({
        payee_bank_name: "北陸銀行",
        payee_branch_name: "県庁支店",
        payee_account_type: "普通",
        payee_account_number: "7654321",
        payee_account_holder: "トヤマケン",
      })
      .where("id", "=", app.officer.organisationId)
      .execute();
    expect((await claimPage()).page.payee).toEqual({
      bankName: "北陸銀行",
      branchName: "県庁支店",
      accountType: "普通",
      accountNumber: "7654321",
      accountHolder: "トヤマケン",
    });
  });
});
