import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Outcome } from "~/domain/outcome";
import { recordAuditEvent } from "~/models/audit.server";
import { passwordMatches } from "./passwords.server";
import { startSession, type SessionSettings } from "./session.server";

export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 50;
export const THROTTLE_WINDOW_MINUTES = 15;

/** Wrong e-mail, wrong password, disabled account or no password yet: one answer for all. */
export const SIGN_IN_REFUSED = "メールアドレスまたはパスワードが正しくありません。";

/**
 * Signed in with a new session, or refused (SIGN_IN_REFUSED), or throttled: too many failures for the
 * account or from the address, until a moment.
 */
export type SignInResult = Outcome<{ userId: number; token: string; expiresAt: Date }, { status: "throttled"; by: "account" | "ip"; until: Date }>;

interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/**
 * A sliding window: once an account (counting since its last success) or an address has `limit` failures
 * within THROTTLE_WINDOW_MINUTES, it waits until the oldest of them leaves the window.
 */
async function throttledUntil(db: Kysely<Database>, column: "email" | "ip_address", value: string, limit: number, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  let query = db
    .selectFrom("sign_in_attempts")
    .select("attempted_at")
    .where(column, "=", value)
    .where("succeeded", "=", false)
    .where("attempted_at", ">", windowStart);
  if (column === "email") {
    // A successful sign-in clears the account's count.
    query = query.where(({ eb, selectFrom }) =>
      eb(
        "attempted_at",
        ">",
        selectFrom("sign_in_attempts as s")
          .select(sql<Date>`coalesce(max(s.attempted_at), '-infinity'::timestamptz)`.as("last"))
          .where("s.email", "=", value)
          .where("s.succeeded", "=", true),
      ),
    );
  }
  const failures = await query.orderBy("attempted_at", "desc").limit(limit).execute();
  if (failures.length < limit) return null;
  const oldest = failures[limit - 1]!.attempted_at;
  return new Date(oldest.getTime() + THROTTLE_WINDOW_MINUTES * 60_000);
}

export async function signIn(db: Kysely<Database>, settings: SessionSettings, request: SignInRequest, now = new Date()): Promise<SignInResult> {
  const email = request.email.trim().toLowerCase();
  return db.transaction().execute(async (trx): Promise<SignInResult> => {
    const user = await trx.selectFrom("users").select(["id", "organisation_id", "password_hash", "disabled_at"]).where("email", "=", email).executeTakeFirst();
    const actor = { userId: user?.id ?? null, organisationId: user?.organisation_id ?? null, ip: request.ip };
    const subject = { recordType: "user", recordId: user?.id, subjectOrganisationId: user?.organisation_id };

    const ipUntil = await throttledUntil(trx, "ip_address", request.ip, IP_FAILURE_LIMIT, now);
    const accountUntil = ipUntil ? null : await throttledUntil(trx, "email", email, ACCOUNT_FAILURE_LIMIT, now);
    if (ipUntil || accountUntil) {
      const reason = ipUntil ? "ip-throttled" : "account-throttled";
      await recordAuditEvent(trx, actor, { action: "auth.sign_in_throttled", ...subject, details: { email, reason } });
      return { status: "throttled", by: ipUntil ? "ip" : "account", until: (ipUntil ?? accountUntil)! };
    }

    const matches = await passwordMatches(user?.password_hash ?? null, request.password);
    const succeeded = matches && user !== undefined && user.disabled_at === null;
    await trx
      .insertInto("sign_in_attempts")
      .values({ email, user_id: user?.id ?? null, ip_address: request.ip, succeeded, attempted_at: now })
      .execute();
    if (!succeeded || !user) {
      await recordAuditEvent(trx, actor, { action: "auth.sign_in_failed", ...subject, details: { email } });
      return { status: "refused", reason: SIGN_IN_REFUSED };
    }
    const session = await startSession(trx, settings, user.id, { ip: request.ip, userAgent: request.userAgent }, now);
    await recordAuditEvent(trx, actor, { action: "auth.signed_in", ...subject, details: { email } });
    return { status: "done", userId: user.id, ...session };
  });
}

/** The account's recent sign-ins, newest first, for the account page. */
export async function recentSignIns(db: Kysely<Database>, userId: number, limit = 10) {
  return db
    .selectFrom("sign_in_attempts")
    .select(["attempted_at", "ip_address", "succeeded"])
    .where("user_id", "=", userId)
    .orderBy("attempted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
