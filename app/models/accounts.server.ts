import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashPassword, passwordMatches } from "~/auth/passwords.server";
import { endAllSessions } from "~/auth/session.server";
import { PASSWORD_LINK_HOURS, passwordProblem } from "~/domain/passwords";
import { ROLE_LABELS, roleFitsOrganisation, type OrganisationKind, type Role } from "~/domain/roles";
import { invalid, notFound, refused, type FieldErrors, type Outcome } from "~/domain/outcome";
import { recordAuditEvent, type Actor } from "./audit.server";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

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
    const token = randomBytes(32).toString("base64url");
    await trx
      .insertInto("password_tokens")
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now,
        expires_at: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000),
      })
      .execute();
    const link = `${origin}/password/set/${token}`;
    await trx
      .insertInto("outbound_messages")
      .values({
        recipient: email,
        subject: "【孤独・孤立対策推進交付金 申請・審査システム】アカウントのパスワード設定のお願い",
        body: [
          `${displayName} 様`,
          "",
          `「${organisation.name}」のアカウントを発行しました。`,
          `次のリンクから${PASSWORD_LINK_HOURS}時間以内にパスワードを設定してください。リンクは一度だけ使えます。`,
          "",
          link,
        ].join("\n"),
      })
      .execute();
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
