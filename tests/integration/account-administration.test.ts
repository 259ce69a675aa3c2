import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookupSession, startSession } from "../../app/auth/session.server";
import {
  closePasswordHelpRequest,
  listOpenPasswordHelpRequests,
  PASSWORD_HELP_PER_HOUR,
  reissuePasswordLink,
  requestPasswordHelp,
  setAccountDisabled,
  setPasswordWithToken,
  updateAccount,
} from "../../app/models/accounts.server";
import { payeeOf, updateOrganisationProfile } from "../../app/models/organisations.server";
import type { AppDatabase } from "../../db/database";
import { COMPLETE_PROFILE, createUser, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const NEW_PASSWORD = "a much longer new passphrase";
const IP = "192.0.2.7";

describe.each(ENGINES)("%s: an administrator's work on accounts and organisations", (engine) => {
  let database: AppDatabase;
  let admin: Awaited<ReturnType<typeof createUser>>;
  let officer: Awaited<ReturnType<typeof createUser>>;
  let actor: { userId: number; organisationId: number; ip: string };
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    admin = await createUser(database.db, "administrator");
    officer = await createUser(database.db, "prefecture_officer");
    actor = { userId: admin.id, organisationId: admin.organisationId, ip: IP };
  });
  afterEach(() => database.close());

  const actions = async () => (await database.db.selectFrom("audit_events").select("action").orderBy("id").execute()).map((e) => e.action);
  const tokenOf = (link: string) => link.split("/").pop()!;
  const account = { organisationId: 0, userId: 0 };
  const officerAccount = () => ({ ...account, organisationId: officer.organisationId, userId: officer.id });

  it("re-issues a password link for an existing account: the earlier link stops working, the new one sets the password once", async () => {
    const first = await reissuePasswordLink(database.db, actor, officerAccount(), "https://grants.example");
    const second = await reissuePasswordLink(database.db, actor, officerAccount(), "https://grants.example");
    if (first.status !== "done" || second.status !== "done") throw new Error("not issued");
    expect(second.email).toBe(officer.email);

    expect(await setPasswordWithToken(database.db, tokenOf(first.link), NEW_PASSWORD, IP)).toMatchObject({ status: "refused" });
    expect(await setPasswordWithToken(database.db, tokenOf(second.link), NEW_PASSWORD, IP)).toEqual({ status: "done" });
    expect(await setPasswordWithToken(database.db, tokenOf(second.link), NEW_PASSWORD, IP)).toMatchObject({ status: "refused" });

    const messages = await database.db.selectFrom("outbound_messages").select(["recipient", "subject", "body"]).orderBy("id").execute();
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([
      [officer.email, "【孤独・孤立対策推進交付金 申請・審査システム】パスワード設定用リンクの再発行"],
      [officer.email, "【孤独・孤立対策推進交付金 申請・審査システム】パスワード設定用リンクの再発行"],
    ]);
    expect(messages[1]!.body).toContain(second.link);
    expect(await actions()).toEqual(["account.password_link_reissued", "account.password_link_reissued", "account.password_set"]);
  });

  it("refuses a link for a disabled account and for an account of another organisation", async () => {
    await setAccountDisabled(database.db, actor, officer.id, true);
    expect(await reissuePasswordLink(database.db, actor, officerAccount(), "http://l")).toEqual({
      status: "refused",
      reason: "無効にしたアカウントにはリンクを発行できません。先にアカウントを有効にしてください。",
    });
    expect(await reissuePasswordLink(database.db, actor, { organisationId: admin.organisationId, userId: officer.id }, "http://l")).toEqual({
      status: "not-found",
    });
    expect(await database.db.selectFrom("password_tokens").select("user_id").execute()).toEqual([]);
  });

  it("changes an account's name, address and role with the changes audited, and ends its sessions when the role or address changes", async () => {
    const session = await startSession(database.db, SESSIONS, officer.id, { ip: IP, userAgent: null });
    expect(await updateAccount(database.db, actor, officerAccount(), { displayName: "改姓 花子", email: officer.email, role: "prefecture_officer" })).toEqual({
      status: "done",
    });
    // A change of name alone keeps the session.
    expect((await lookupSession(database.db, SESSIONS, session.token)).status).toBe("active");

    const other = await createUser(database.db, "prefecture_officer", { organisationId: officer.organisationId });
    expect(await updateAccount(database.db, actor, officerAccount(), { displayName: "改姓 花子", email: other.email, role: "prefecture_officer" })).toEqual({
      status: "invalid",
      errors: { email: "このメールアドレスのアカウントは既にあります。" },
    });
    expect(await updateAccount(database.db, actor, officerAccount(), { displayName: "改姓 花子", email: "x@test.example", role: "reviewer" })).toEqual({
      status: "invalid",
      errors: { role: expect.stringMatching(/審査担当者.*設定できません/) },
    });
    expect(
      await updateAccount(database.db, actor, officerAccount(), { displayName: "改姓 花子", email: "new.address@test.example", role: "prefecture_officer" }),
    ).toEqual({
      status: "done",
    });
    expect((await lookupSession(database.db, SESSIONS, session.token)).status).toBe("none");

    const user = await database.db.selectFrom("users").select(["display_name", "email"]).where("id", "=", officer.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ display_name: "改姓 花子", email: "new.address@test.example" });
    const audit = await database.db.selectFrom("audit_events").select(["action", "details"]).where("action", "=", "account.updated").orderBy("id").execute();
    expect(audit.map((e) => e.details)).toEqual([
      { changes: { displayName: { before: expect.any(String), after: "改姓 花子" } } },
      { changes: { email: { before: officer.email, after: "new.address@test.example" } } },
    ]);
  });

  it("an administrator cannot change their own role", async () => {
    expect(
      await updateAccount(
        database.db,
        actor,
        { organisationId: admin.organisationId, userId: admin.id },
        { displayName: "管理", email: admin.email, role: "reviewer" },
      ),
    ).toEqual({ status: "invalid", errors: { role: "自分の役割は変更できません。ほかの管理者に依頼してください。" } });
  });

  it("a request for help is answered alike for any address, stored once while open, and closed by re-issuing the link", async () => {
    await requestPasswordHelp(database.db, ` ${officer.email.toUpperCase()} `, IP);
    await requestPasswordHelp(database.db, officer.email, IP);
    await requestPasswordHelp(database.db, "nobody@test.example", IP);
    const open = await listOpenPasswordHelpRequests(database.db);
    expect(open.map((r) => [r.email, r.account?.userId ?? null])).toEqual([
      [officer.email, officer.id],
      ["nobody@test.example", null],
    ]);

    await reissuePasswordLink(database.db, actor, officerAccount(), "http://l");
    expect((await listOpenPasswordHelpRequests(database.db)).map((r) => r.email)).toEqual(["nobody@test.example"]);
    expect(await closePasswordHelpRequest(database.db, actor, open[1]!.id)).toEqual({ status: "done" });
    expect(await closePasswordHelpRequest(database.db, actor, open[1]!.id)).toEqual({ status: "not-found" });
    expect(await listOpenPasswordHelpRequests(database.db)).toEqual([]);
    expect(await actions()).toEqual([
      "account.password_help_requested",
      "account.password_help_requested",
      "account.password_link_reissued",
      "account.password_help_closed",
    ]);
  });

  it(`stores at most ${PASSWORD_HELP_PER_HOUR} requests an hour from one address`, async () => {
    const now = new Date("2026-12-05T10:00:00Z");
    for (let i = 0; i < PASSWORD_HELP_PER_HOUR + 2; i++) await requestPasswordHelp(database.db, `someone${i}@test.example`, IP, now);
    await requestPasswordHelp(database.db, "from-elsewhere@test.example", "198.51.100.1", now);
    expect((await listOpenPasswordHelpRequests(database.db)).length).toBe(PASSWORD_HELP_PER_HOUR + 1);
    await requestPasswordHelp(database.db, "an-hour-later@test.example", IP, new Date(now.getTime() + 3_600_001));
    expect((await listOpenPasswordHelpRequests(database.db)).map((r) => r.email)).toContain("an-hour-later@test.example");
  });

  it("an administrator edits any organisation's profile, audited; an officer only their own", async () => {
    const profile = {
      corporateNumber: "",
      representativeTitle: "知事",
      representativeName: "新任 太郎",
      postalCode: COMPLETE_PROFILE.postal_code,
      address: COMPLETE_PROFILE.address,
      contactPerson: COMPLETE_PROFILE.contact_person,
      contactPhone: COMPLETE_PROFILE.contact_phone,
      contactEmail: COMPLETE_PROFILE.contact_email,
      bankName: "",
      branchName: "",
      accountType: "",
      accountNumber: "",
      accountHolder: "",
    };
    const stranger = await createUser(database.db, "intermediary_officer");
    expect(await updateOrganisationProfile(database.db, stranger.viewer, IP, officer.organisationId, profile)).toEqual({ status: "not-found" });
    expect(await updateOrganisationProfile(database.db, admin.viewer, IP, officer.organisationId, profile)).toEqual({ status: "done" });
    const saved = await database.db
      .selectFrom("organisations")
      .select("representative_name")
      .where("id", "=", officer.organisationId)
      .executeTakeFirstOrThrow();
    expect(saved.representative_name).toBe("新任 太郎");
    const event = await database.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "subject_organisation_id"])
      .where("action", "=", "organisation.profile_updated")
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_user_id: admin.id, subject_organisation_id: officer.organisationId });

    // The account grants are paid into: none until registered, then offered as saved.
    expect(await payeeOf(database.db, officer.organisationId)).toBeNull();
    const payee = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "当座", accountNumber: "1234567", accountHolder: "トヤマケン" };
    expect(await updateOrganisationProfile(database.db, officer.viewer, IP, officer.organisationId, { ...profile, ...payee })).toEqual({ status: "done" });
    expect(await payeeOf(database.db, officer.organisationId)).toEqual(payee);
  });
});
