import { createHash, randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashPassword, passwordMatches } from "~/auth/passwords.server";
import { endAllSessions } from "~/auth/session.server";
import { PASSWORD_LINK_HOURS, passwordProblem } from "~/domain/passwords";
import { ROLE_LABELS, roleFitsOrganisation, type OrganisationKind, type Role } from "~/domain/roles";
import { invalid, notFound, refused, type FieldErrors, type Outcome } from "~/domain/outcome";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent, type Actor } from "./audit.server";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new one-time link (valid PASSWORD_LINK_HOURS) for an account to set its password, queued as a message
 * to its owner; any earlier link of the account that was not used stops working.
 */
async function issuePasswordLink(
  trx: Kysely<Database>,
  user: { id: number; email: string; displayName: string; organisationName: string },
  origin: string,
  why: "created" | "reissued",
  now: Date,
): Promise<string> {
  await trx.updateTable("password_tokens").set({ used_at: now }).where("user_id", "=", user.id).where("used_at", "is", null).execute();
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("password_tokens")
    .values({ token_hash: hashToken(token), user_id: user.id, created_at: now, expires_at: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000) })
    .execute();
  const link = `${origin}/password/set/${token}`;
  await trx
    .insertInto("outbound_messages")
    .values({
      recipient: user.email,
      subject:
        why === "created"
          ? "【孤独・孤立対策推進交付金 申請・審査システム】アカウントのパスワード設定のお願い"
          : "【孤独・孤立対策推進交付金 申請・審査システム】パスワード設定用リンクの再発行",
      body: [
        `${user.displayName} 様`,
        "",
        why === "created"
          ? `「${user.organisationName}」のアカウントを発行しました。`
          : "パスワードを設定するためのリンクを再発行しました。以前のリンクは使えません。",
        `次のリンクから${PASSWORD_LINK_HOURS}時間以内にパスワードを設定してください。リンクは一度だけ使えます。`,
        "",
        link,
      ].join("\n"),
    })
    .execute();
  return link;
}

export interface NewAccount {
  organisationId: number;
  email: string;
  displayName: string;
  role: Role;
}

/**
 * Creates an account without a password and a one-time link (valid 72 hours) for its owner to set one.
 * The link is returned for the administrator to pass on and queued as a message to the new user. An
 * address already in use, or a role the organisation cannot have, is refused at its field.
 */
export async function createAccount(
  db: Kysely<Database>,
  actor: Actor,
  account: NewAccount,
  origin: string,
  now = new Date(),
): Promise<Outcome<{ userId: number; link: string }>> {
  const email = account.email.trim().toLowerCase();
  const displayName = account.displayName.trim();
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = "メールアドレスを正しく入力してください（例：tanto@pref.example.lg.jp）。";
  if (!displayName) errors.displayName = "氏名を入力してください。";

  return db.transaction().execute(async (trx): Promise<Outcome<{ userId: number; link: string }>> => {
    const organisation = await trx.selectFrom("organisations").select(["id", "kind", "name"]).where("id", "=", account.organisationId).executeTakeFirst();
    if (!organisation) return notFound;
    if (!roleFitsOrganisation(account.role, organisation.kind as OrganisationKind)) {
      errors.role = `「${organisation.name}」のアカウントに「${ROLE_LABELS[account.role]}」の役割は設定できません。`;
    }
    if (!errors.email && (await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst())) {
      errors.email = "このメールアドレスのアカウントは既にあります。";
    }
    if (Object.keys(errors).length > 0) return invalid(errors);

    const { id: userId } = await trx
      .insertInto("users")
      .values({ organisation_id: organisation.id, email, display_name: displayName, role: account.role })
      .returning("id")
      .executeTakeFirstOrThrow();
    const link = await issuePasswordLink(trx, { id: userId, email, displayName, organisationName: organisation.name }, origin, "created", now);
    await recordAuditEvent(trx, actor, {
      action: "account.created",
      recordType: "user",
      recordId: userId,
      subjectOrganisationId: organisation.id,
      details: { email, displayName, role: account.role },
    });
    return { status: "done", userId, link };
  });
}

/**
 * Sets the password of the account the one-time link belongs to, and uses the link up. A link that is
 * expired, used or unknown is refused; a password the rules do not accept is refused at its field.
 */
export async function setPasswordWithToken(db: Kysely<Database>, token: string, password: string, ip: string, now = new Date()): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const found = await trx
      .selectFrom("password_tokens")
      .innerJoin("users", "users.id", "password_tokens.user_id")
      .select(["users.id", "users.email", "users.organisation_id", "password_tokens.expires_at", "password_tokens.used_at"])
      .where("password_tokens.token_hash", "=", hashToken(token))
      .where("users.disabled_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!found || found.used_at || new Date(found.expires_at) <= now) {
      return refused("このリンクは使えません（期限切れ、使用済み、または正しくないリンクです）。管理者に再発行を依頼してください。");
    }
    const problem = passwordProblem(password, found.email);
    if (problem) return invalid({ password: problem });

    await trx
      .updateTable("users")
      .set({ password_hash: await hashPassword(password), password_changed_at: now, updated_at: now })
      .where("id", "=", found.id)
      .execute();
    await trx.updateTable("password_tokens").set({ used_at: now }).where("token_hash", "=", hashToken(token)).execute();
    await endAllSessions(trx, found.id);
    await recordAuditEvent(
      trx,
      { userId: found.id, organisationId: found.organisation_id, ip },
      { action: "account.password_set", recordType: "user", recordId: found.id, subjectOrganisationId: found.organisation_id },
    );
    return { status: "done" };
  });
}

/** Whether a one-time link can still be used (for showing the form or an explanation). */
export async function passwordTokenUsable(db: Kysely<Database>, token: string, now = new Date()): Promise<boolean> {
  const row = await db.selectFrom("password_tokens").select(["expires_at", "used_at"]).where("token_hash", "=", hashToken(token)).executeTakeFirst();
  return Boolean(row && !row.used_at && new Date(row.expires_at) > now);
}

/** Changes the viewer's own password; every other session of theirs ends. A wrong current password is refused at its field. */
export async function changePassword(
  db: Kysely<Database>,
  actor: Actor & { userId: number },
  { current, next, sessionId }: { current: string; next: string; sessionId: string },
  now = new Date(),
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const user = await trx.selectFrom("users").select(["email", "password_hash", "organisation_id"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
    if (!(await passwordMatches(user.password_hash, current))) {
      return invalid({ currentPassword: "現在のパスワードが正しくありません。" });
    }
    const problem = passwordProblem(next, user.email);
    if (problem) return invalid({ newPassword: problem });
    await trx
      .updateTable("users")
      .set({ password_hash: await hashPassword(next), password_changed_at: now, updated_at: now })
      .where("id", "=", actor.userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", actor.userId).where("id", "!=", sessionId).execute();
    await recordAuditEvent(trx, actor, {
      action: "account.password_changed",
      recordType: "user",
      recordId: actor.userId,
      subjectOrganisationId: user.organisation_id,
    });
    return { status: "done" };
  });
}

/** Disables or re-enables an account; disabling ends all its sessions at once. One's own account cannot be disabled. */
export async function setAccountDisabled(db: Kysely<Database>, actor: Actor, userId: number, disabled: boolean, now = new Date()): Promise<Outcome> {
  if (actor.userId === userId && disabled) return refused("自分のアカウントは無効にできません。");
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const user = await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? now : null, updated_at: now })
      .where("id", "=", userId)
      .returning(["organisation_id", "email"])
      .executeTakeFirst();
    if (!user) return notFound;
    if (disabled) await endAllSessions(trx, userId);
    await recordAuditEvent(trx, actor, {
      action: disabled ? "account.disabled" : "account.enabled",
      recordType: "user",
      recordId: userId,
      subjectOrganisationId: user.organisation_id,
      details: { email: user.email },
    });
    return { status: "done" };
  });
}

export async function listAccounts(db: Kysely<Database>, organisationId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "disabled_at", "password_hash", "created_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .execute()
    .then((rows) => rows.map(({ password_hash, ...row }) => ({ ...row, hasPassword: password_hash !== null })));
}

/**
 * Issues a new one-time link for an existing account of this organisation (a forgotten password, or a
 * first link that expired): earlier unused links stop working, the owner is sent the new one, and open
 * requests for help from that address are marked dealt with. Audited. A disabled account gets no link.
 */
export async function reissuePasswordLink(
  db: Kysely<Database>,
  actor: Actor & { userId: number },
  { organisationId, userId }: { organisationId: number; userId: number },
  origin: string,
  now = new Date(),
): Promise<Outcome<{ email: string; link: string }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ email: string; link: string }>> => {
    const user = await trx
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["users.id", "users.email", "users.display_name", "users.disabled_at", "organisations.name"])
      .where("users.id", "=", userId)
      .where("users.organisation_id", "=", organisationId)
      .forUpdate(["users"])
      .executeTakeFirst();
    if (!user) return notFound;
    if (user.disabled_at) return refused("無効にしたアカウントにはリンクを発行できません。先にアカウントを有効にしてください。");
    const link = await issuePasswordLink(
      trx,
      { id: userId, email: user.email, displayName: user.display_name, organisationName: user.name },
      origin,
      "reissued",
      now,
    );
    await resolvePasswordHelpRequests(trx, actor.userId, { email: user.email }, now);
    await recordAuditEvent(trx, actor, {
      action: "account.password_link_reissued",
      recordType: "user",
      recordId: userId,
      subjectOrganisationId: organisationId,
      details: { email: user.email },
    });
    return { status: "done", email: user.email, link };
  });
}

export interface AccountChange {
  displayName: string;
  email: string;
  role: Role;
}

/**
 * Changes an account's name, address or role, with an audit row naming what changed. A role the
 * organisation cannot have, or an address another account has, is refused at its field; an administrator
 * cannot change their own role (so that the last administrator cannot lock everyone out). A change of
 * role or address ends the account's sessions, so that it signs in again under what it now is.
 */
export async function updateAccount(
  db: Kysely<Database>,
  actor: Actor & { userId: number },
  { organisationId, userId }: { organisationId: number; userId: number },
  change: AccountChange,
  now = new Date(),
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const user = await trx
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["users.email", "users.display_name", "users.role", "organisations.kind", "organisations.name"])
      .where("users.id", "=", userId)
      .where("users.organisation_id", "=", organisationId)
      .forUpdate(["users"])
      .executeTakeFirst();
    if (!user) return notFound;
    const errors: FieldErrors = {};
    if (!roleFitsOrganisation(change.role, user.kind as OrganisationKind)) {
      errors.role = `「${user.name}」のアカウントに「${ROLE_LABELS[change.role]}」の役割は設定できません。`;
    } else if (userId === actor.userId && change.role !== user.role) {
      errors.role = "自分の役割は変更できません。ほかの管理者に依頼してください。";
    }
    if (change.email !== user.email && (await trx.selectFrom("users").select("id").where("email", "=", change.email).executeTakeFirst())) {
      errors.email = "このメールアドレスのアカウントは既にあります。";
    }
    if (Object.keys(errors).length > 0) return invalid(errors);

    const before = { displayName: user.display_name, email: user.email, role: user.role as Role };
    const changes = Object.fromEntries(
      (Object.keys(before) as (keyof AccountChange)[]).filter((k) => before[k] !== change[k]).map((k) => [k, { before: before[k], after: change[k] }]),
    );
    if (Object.keys(changes).length === 0) return { status: "done" };
    await trx
      .updateTable("users")
      .set({ display_name: change.displayName, email: change.email, role: change.role, updated_at: now })
      .where("id", "=", userId)
      .execute();
    if (changes.role || changes.email) await endAllSessions(trx, userId);
    await recordAuditEvent(trx, actor, {
      action: "account.updated",
      recordType: "user",
      recordId: userId,
      subjectOrganisationId: organisationId,
      details: { changes },
    });
    return { status: "done" };
  });
}

/** How many requests for help one address (IP) may make in an hour; more are taken as abuse and not stored. */
export const PASSWORD_HELP_PER_HOUR = 5;

/**
 * Records a request for help with a forgotten password, typed on the sign-in page by someone not signed
 * in. The answer is the same whether or not the address has an account (so that the page tells nobody
 * which addresses exist); the administrator sees the request, with the account when there is one.
 * A repeat for an address whose request is still open adds nothing. Audited.
 */
export async function requestPasswordHelp(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<void> {
  const address = email.trim().toLowerCase();
  await db.transaction().execute(async (trx) => {
    // Requests for one address typed at once are taken one after the other, so that only one is stored.
    await sql`select pg_advisory_xact_lock(hashtext(${`password-help:${address}`}))`.execute(trx);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = await trx
      .selectFrom("password_help_requests")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("ip_address", "=", ip)
      .where("requested_at", ">", hourAgo)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= PASSWORD_HELP_PER_HOUR) return;
    if (await trx.selectFrom("password_help_requests").select("id").where("email", "=", address).where("resolved_at", "is", null).executeTakeFirst()) return;
    const user = await trx.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", address).executeTakeFirst();
    const { id } = await trx
      .insertInto("password_help_requests")
      .values({ email: address, user_id: user?.id ?? null, ip_address: ip, requested_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditEvent(
      trx,
      { userId: null, organisationId: null, ip },
      { action: "account.password_help_requested", recordType: "password_help_request", recordId: id, subjectOrganisationId: user?.organisation_id ?? null },
    );
  });
}

/** The open requests for help, oldest first, with the account and organisation where the address has one. */
export async function listOpenPasswordHelpRequests(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("password_help_requests as r")
    .leftJoin("users", "users.id", "r.user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "r.id",
      "r.email",
      "r.requested_at",
      "users.id as user_id",
      "users.display_name",
      "users.disabled_at",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
    ])
    .where("r.resolved_at", "is", null)
    .orderBy("r.requested_at")
    .orderBy("r.id")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    email: r.email,
    requestedAt: new Date(r.requested_at),
    account:
      r.user_id === null
        ? null
        : {
            userId: Number(r.user_id),
            displayName: r.display_name ?? "",
            disabled: r.disabled_at !== null,
            organisationId: Number(r.organisation_id),
            organisationName: r.organisation_name ?? "",
          },
  }));
}

async function resolvePasswordHelpRequests(trx: Kysely<Database>, by: number, which: { email: string } | { id: number }, now: Date) {
  let query = trx.updateTable("password_help_requests").set({ resolved_at: now, resolved_by: by }).where("resolved_at", "is", null);
  query = "id" in which ? query.where("id", "=", which.id) : query.where("email", "=", which.email);
  return query.returning("id").execute();
}

/** Closes a request for help without issuing a link (an address without an account, or dealt with otherwise). Audited. */
export async function closePasswordHelpRequest(db: Kysely<Database>, actor: Actor & { userId: number }, id: number, now = new Date()): Promise<Outcome> {
  if (!isRecordId(id)) return notFound;
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const closed = await resolvePasswordHelpRequests(trx, actor.userId, { id }, now);
    if (closed.length === 0) return notFound;
    await recordAuditEvent(trx, actor, { action: "account.password_help_closed", recordType: "password_help_request", recordId: id });
    return { status: "done" };
  });
}

/** One account of an organisation, for the administrator's form; undefined when it is not that organisation's. */
export async function findAccount(db: Kysely<Database>, organisationId: number, userId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "disabled_at"])
    .where("id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}
