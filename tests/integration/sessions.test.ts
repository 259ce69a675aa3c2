import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookupSession, sessionIdOf, startSession } from "../../app/auth/session.server";
import { signIn, SIGN_IN_REFUSED, ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT } from "../../app/auth/sign-in.server";
import { STASH_COOKIE, takeStashedInput, stashFormInput } from "../../app/auth/stash.server";
import { setAccountDisabled } from "../../app/models/accounts.server";
import type { AppDatabase } from "../../db/database";
import { createUser, PASSWORD, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const minutes = (n: number) => n * 60_000;
const at = (base: Date, offset: number) => new Date(base.getTime() + offset);

describe.each(ENGINES)("%s: sessions", (engine) => {
  let database: AppDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  it("keeps only a keyed hash of the token in the database", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const { token } = await startSession(database.db, SESSIONS, user.id, { ip: "192.0.2.1", userAgent: "test" });
    const rows = await database.db.selectFrom("sessions").select("id").execute();
    expect(rows).toEqual([{ id: sessionIdOf(SESSIONS, token) }]);
    expect(rows[0]!.id).not.toContain(token);
  });

  it("ends after 2 hours without use, and knows whose session it was", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const t0 = new Date("2026-11-27T01:00:00Z");
    const { token } = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null }, t0);

    expect((await lookupSession(database.db, SESSIONS, token, at(t0, minutes(119)))).status).toBe("active");
    // That use restarted the idle timer: 2 hours from then it ends.
    expect((await lookupSession(database.db, SESSIONS, token, at(t0, minutes(238)))).status).toBe("active");
    expect(await lookupSession(database.db, SESSIONS, token, at(t0, minutes(238 + 120)))).toEqual({
      status: "expired",
      userId: user.id,
    });
    expect((await lookupSession(database.db, SESSIONS, token, at(t0, minutes(238 + 121)))).status).toBe("none");
  });

  it("ends 12 hours after sign-in however active it is", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const t0 = new Date("2026-11-27T01:00:00Z");
    const { token } = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null }, t0);
    for (let m = 100; m < 720; m += 100) {
      expect((await lookupSession(database.db, SESSIONS, token, at(t0, minutes(m)))).status).toBe("active");
    }
    expect((await lookupSession(database.db, SESSIONS, token, at(t0, minutes(720)))).status).toBe("expired");
  });

  it("ends every session of an account at once when an administrator disables it", async () => {
    const admin = await createUser(database.db, "administrator");
    const user = await createUser(database.db, "intermediary_officer");
    const a = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
    const b = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });

    await setAccountDisabled(database.db, { userId: admin.id, organisationId: admin.organisationId, ip: "192.0.2.9" }, user.id, true);

    expect((await lookupSession(database.db, SESSIONS, a.token)).status).toBe("none");
    expect((await lookupSession(database.db, SESSIONS, b.token)).status).toBe("none");
    const signInAgain = await signIn(database.db, SESSIONS, { email: user.email, password: PASSWORD, ip: "192.0.2.2", userAgent: null });
    expect(signInAgain).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
    const audit = await database.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id", "ip_address"])
      .where("action", "=", "account.disabled")
      .execute();
    expect(audit).toEqual([{ action: "account.disabled", actor_user_id: admin.id, ip_address: "192.0.2.9" }]);
  });

  it("gives a new token at every sign-in", async () => {
    const user = await createUser(database.db, "reviewer");
    const first = await signIn(database.db, SESSIONS, { email: user.email, password: PASSWORD, ip: "192.0.2.3", userAgent: null });
    const second = await signIn(database.db, SESSIONS, { email: user.email, password: PASSWORD, ip: "192.0.2.3", userAgent: null });
    expect(first.status === "done" && second.status === "done" && first.token !== second.token).toBe(true);
  });
});

describe.each(ENGINES)("%s: signing in", (engine) => {
  let database: AppDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  const attempt = (email: string, password: string, ip = "198.51.100.7", now?: Date) =>
    signIn(database.db, SESSIONS, { email, password, ip, userAgent: "test" }, now);

  it("answers a wrong e-mail and a wrong password the same way, and audits both", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    expect(await attempt("nobody@test.example", PASSWORD)).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
    expect(await attempt(user.email, "wrong password here")).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
    const events = await database.db.selectFrom("audit_events").select(["action", "actor_user_id", "subject_organisation_id"]).orderBy("id").execute();
    expect(events).toEqual([
      { action: "auth.sign_in_failed", actor_user_id: null, subject_organisation_id: null },
      { action: "auth.sign_in_failed", actor_user_id: user.id, subject_organisation_id: user.organisationId },
    ]);
  });

  it("accepts the e-mail in any case and records the sign-in with its address", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const result = await attempt(user.email.toUpperCase(), PASSWORD, "203.0.113.5");
    expect(result.status).toBe("done");
    const [event] = await database.db.selectFrom("audit_events").select(["action", "actor_user_id", "ip_address"]).execute();
    expect(event).toEqual({ action: "auth.signed_in", actor_user_id: user.id, ip_address: "203.0.113.5" });
  });

  it("makes an account wait once it has 5 failures within 15 minutes, even with the right password", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const t0 = new Date("2026-11-27T03:00:00Z");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(await attempt(user.email, "wrong password here", "198.51.100.7", at(t0, minutes(i)))).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
    }
    // Five failures between t0 and t0 + 4 min: the account waits until the first of them is 15 minutes old.
    expect(await attempt(user.email, PASSWORD, "198.51.100.8", at(t0, minutes(10)))).toEqual({
      status: "throttled",
      by: "account",
      until: at(t0, minutes(15)),
    });
    expect((await attempt(user.email, PASSWORD, "198.51.100.8", at(t0, minutes(15) + 1))).status).toBe("done");
  });

  it("clears an account's count of failures at a successful sign-in", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const t0 = new Date("2026-11-27T03:00:00Z");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await attempt(user.email, "wrong password here", undefined, at(t0, i * 1000));
    expect((await attempt(user.email, PASSWORD, undefined, at(t0, 10_000))).status).toBe("done");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await attempt(user.email, "wrong password here", undefined, at(t0, 20_000 + i * 1000));
    expect((await attempt(user.email, PASSWORD, undefined, at(t0, 30_000))).status).toBe("done");
  });

  it("makes an address wait after 50 failures, whatever the accounts, and lets other addresses in", async () => {
    const user = await createUser(database.db, "intermediary_officer");
    const t0 = new Date("2026-11-27T03:00:00Z");
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await attempt(`guess${i}@test.example`, "wrong password here", "203.0.113.66", at(t0, i * 1000));
    }
    const refused = await attempt(user.email, PASSWORD, "203.0.113.66", at(t0, 60_000));
    expect(refused).toMatchObject({ status: "throttled", by: "ip", until: at(t0, minutes(15)) });
    expect((await attempt(user.email, PASSWORD, "203.0.113.67", at(t0, 60_000))).status).toBe("done");
  });

  it("refuses an account whose password has not been set yet", async () => {
    const user = await createUser(database.db, "prefecture_officer", { password: null });
    expect(await attempt(user.email, "")).toEqual({ status: "refused", reason: SIGN_IN_REFUSED });
  });
});

describe.each(ENGINES)("%s: input kept across a lost session", (engine) => {
  let database: AppDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  it("gives the input back once, only to its author, on the page it came from, and never keeps passwords", async () => {
    const author = await createUser(database.db, "prefecture_officer");
    const other = await createUser(database.db, "prefecture_officer");
    const form = new FormData();
    form.set("address", "富山県富山市新総曲輪1番7号");
    form.append("activities", "a1");
    form.append("activities", "a3");
    form.set("currentPassword", "must not be kept");
    const id = await stashFormInput(database.db, { userId: author.id, path: "/organisations/5", form });

    const page = (path: string, cookie?: string) => new Request(`http://localhost${path}?restore=${id}`, { headers: cookie ? { cookie } : {} });

    expect(await takeStashedInput(database.db, page("/organisations/5"), other.id)).toBeNull();
    expect(await takeStashedInput(database.db, page("/account"), author.id)).toBeNull();
    expect(await takeStashedInput(database.db, page("/organisations/5"), author.id)).toEqual({
      address: "富山県富山市新総曲輪1番7号",
      activities: ["a1", "a3"],
    });
    expect(await takeStashedInput(database.db, page("/organisations/5"), author.id)).toBeNull();
  });

  it("gives input kept for nobody in particular (no session cookie came with it) only to the browser holding its cookie", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const form = new FormData();
    form.set("purpose", "クッキーが消えた後に入力した内容");
    const id = await stashFormInput(database.db, { userId: null, path: "/applications/7", form });
    const page = (cookie?: string) => new Request(`http://localhost/applications/7?restore=${id}`, { headers: cookie ? { cookie } : {} });

    expect(await takeStashedInput(database.db, page(), user.id)).toBeNull();
    expect(await takeStashedInput(database.db, page(`${STASH_COOKIE}=someone-elses-id-000000`), user.id)).toBeNull();
    expect(await takeStashedInput(database.db, page(`other=1; ${STASH_COOKIE}=${id}`), user.id)).toEqual({ purpose: "クッキーが消えた後に入力した内容" });
    expect(await takeStashedInput(database.db, page(`${STASH_COOKIE}=${id}`), user.id)).toBeNull();
  });
});
