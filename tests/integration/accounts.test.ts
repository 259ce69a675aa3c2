import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookupSession, startSession } from "../../app/auth/session.server";
import { signIn, SIGN_IN_REFUSED } from "../../app/auth/sign-in.server";
import { changePassword, createAccount, setPasswordWithToken } from "../../app/models/accounts.server";
import type { AppDatabase } from "../../db/database";
import { createUser, PASSWORD, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const NEW_PASSWORD = "a much longer new passphrase";

describe.each(ENGINES)("%s: accounts", (engine) => {
  let database: AppDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  async function issue(role: "prefecture_officer" | "reviewer" = "prefecture_officer") {
    const admin = await createUser(database.db, "administrator");
    const colleague = await createUser(database.db, role);
    const actor = { userId: admin.id, organisationId: admin.organisationId, ip: "192.0.2.1" };
    return { admin, actor, organisationId: colleague.organisationId };
  }

  it("issues an account with a one-time link, queued as a message, and audited in the same transaction", async () => {
    const { actor, organisationId } = await issue();
    const now = new Date("2026-11-27T00:00:00Z");
    const result = await createAccount(
      database.db,
      actor,
      { organisationId, email: " New.Officer@Pref.Example.jp ", displayName: "新任 担当", role: "prefecture_officer" },
      "https://grants.example",
      now,
    );
    expect(result).toMatchObject({ status: "done", link: expect.stringMatching(/^https:\/\/grants\.example\/password\/set\/[\w-]{40,}$/) });
    const messages = await database.db.selectFrom("outbound_messages").select(["recipient", "body", "sent_at"]).execute();
    expect(messages).toEqual([
      { recipient: "new.officer@pref.example.jp", body: expect.stringContaining(result.status === "done" ? result.link : "?"), sent_at: null },
    ]);
    const token = await database.db.selectFrom("password_tokens").select("expires_at").executeTakeFirstOrThrow();
    expect(new Date(token.expires_at).getTime() - now.getTime()).toBe(72 * 3_600_000);
    expect((await database.db.selectFrom("audit_events").select("action").execute()).map((e) => e.action)).toEqual(["account.created"]);
  });

  it("refuses a role that does not fit the organisation, and a duplicate e-mail", async () => {
    const { actor, organisationId } = await issue();
    const reviewerAtPrefecture = await createAccount(
      database.db,
      actor,
      { organisationId, email: "x@pref.example.jp", displayName: "X", role: "reviewer" },
      "http://l",
    );
    expect(reviewerAtPrefecture).toEqual({ status: "invalid", errors: { role: expect.stringMatching(/設定できません/) } });
    await createAccount(database.db, actor, { organisationId, email: "dup@pref.example.jp", displayName: "A", role: "prefecture_officer" }, "http://l");
    const duplicate = await createAccount(
      database.db,
      actor,
      { organisationId, email: "DUP@pref.example.jp", displayName: "B", role: "prefecture_officer" },
      "http://l",
    );
    expect(duplicate).toEqual({ status: "invalid", errors: { email: "このメールアドレスのアカウントは既にあります。" } });
  });

  it("lets the link set a password once, within 72 hours, and then the account signs in", async () => {
    const { actor, organisationId } = await issue();
    const t0 = new Date("2026-11-27T00:00:00Z");
    const created = await createAccount(
      database.db,
      actor,
      { organisationId, email: "once@pref.example.jp", displayName: "一回", role: "prefecture_officer" },
      "http://l",
      t0,
    );
    const token = created.status === "done" ? created.link.split("/").pop()! : "";

    expect(await setPasswordWithToken(database.db, token, "short", "192.0.2.5", t0)).toEqual({
      status: "invalid",
      errors: { password: expect.stringMatching(/12文字以上/) },
    });
    expect(await setPasswordWithToken(database.db, token, NEW_PASSWORD, "192.0.2.5", new Date(t0.getTime() + 72 * 3_600_000))).toMatchObject({
      status: "refused",
    });
    expect(await setPasswordWithToken(database.db, token, NEW_PASSWORD, "192.0.2.5", t0)).toEqual({ status: "done" });
    expect(await setPasswordWithToken(database.db, token, "another long passphrase", "192.0.2.5", t0)).toMatchObject({ status: "refused" });

    const signedIn = await signIn(database.db, SESSIONS, { email: "once@pref.example.jp", password: NEW_PASSWORD, ip: "192.0.2.5", userAgent: null });
    expect(signedIn.status).toBe("done");
  });

  it("changes a password only with the current one, and ends the account's other sessions", async () => {
    const user = await createUser(database.db, "intermediary_officer");
    const here = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
    const elsewhere = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
    const current = await lookupSession(database.db, SESSIONS, here.token);
    const sessionId = current.status === "active" ? current.sessionId : "";
    const actor = { userId: user.id, organisationId: user.organisationId, ip: "192.0.2.7" };

    expect(await changePassword(database.db, actor, { current: "wrong", next: NEW_PASSWORD, sessionId })).toEqual({
      status: "invalid",
      errors: { currentPassword: "現在のパスワードが正しくありません。" },
    });
    expect(await changePassword(database.db, actor, { current: PASSWORD, next: NEW_PASSWORD, sessionId })).toEqual({ status: "done" });

    expect((await lookupSession(database.db, SESSIONS, here.token)).status).toBe("active");
    expect((await lookupSession(database.db, SESSIONS, elsewhere.token)).status).toBe("none");
    const old = await signIn(database.db, SESSIONS, { email: user.email, password: PASSWORD, ip: "192.0.2.7", userAgent: null });
    expect(old).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
  });
});
