import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Outcome } from "~/domain/outcome";
import { recordAuditEvent } from "~/models/audit.server";
import { passwordMatches } from "./passwords.server";
import { clearCounter, countAttempt, uncount, type CounterScope } from "./sign-in-counters.server";
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

const LIMITS: Record<CounterScope, number> = { ip: IP_FAILURE_LIMIT, account: ACCOUNT_FAILURE_LIMIT };
const WINDOW_MS = THROTTLE_WINDOW_MINUTES * 60_000;

/**
 * Throttling: an account may fail ACCOUNT_FAILURE_LIMIT times (counting since its last success) and an
 * address IP_FAILURE_LIMIT times within a window of THROTTLE_WINDOW_MINUTES from the first failure; then
 * it waits until the window ends. Every attempt is counted before its password is checked, and the
 * password is checked only when both counts are within their limits. An attempt that turns out not to be
 * a failure (throttled, or a success) is taken back, so the counts are of failures. See
 * docs/decisions/008-sign-in-throttle-in-one-statement.md.
 */
export async function signIn(db: Kysely<Database>, settings: SessionSettings, request: SignInRequest, now = new Date()): Promise<SignInResult> {
  const email = request.email.trim().toLowerCase();
  // Outside any transaction: every other request, in this process or another, sees the attempt at once,
  // and no row stays locked while the password is checked.
  const counted = await countAttempt(db, { ip: request.ip, account: email }, now, WINDOW_MS);
  const user = await db.selectFrom("users").select(["id", "organisation_id", "password_hash", "disabled_at"]).where("email", "=", email).executeTakeFirst();
  const actor = { userId: user?.id ?? null, organisationId: user?.organisation_id ?? null, ip: request.ip };
  const subject = { recordType: "user", recordId: user?.id, subjectOrganisationId: user?.organisation_id };

  // The address's limit is told before the account's.
  const over = [counted.ip, counted.account].find((c) => c.count > LIMITS[c.scope]);
  if (over) {
    return db.transaction().execute(async (trx): Promise<SignInResult> => {
      // Not a failure: taken back, the address first (the order the counters' rows are locked in).
      await uncount(trx, counted.ip);
      await uncount(trx, counted.account);
      const reason = over.scope === "ip" ? "ip-throttled" : "account-throttled";
      await recordAuditEvent(trx, actor, { action: "auth.sign_in_throttled", ...subject, details: { email, reason } });
      return { status: "throttled", by: over.scope, until: new Date(over.windowStart.getTime() + WINDOW_MS) };
    });
  }

  const matches = await passwordMatches(user?.password_hash ?? null, request.password);
  const succeeded = matches && user !== undefined && user.disabled_at === null;
  return db.transaction().execute(async (trx): Promise<SignInResult> => {
    await trx
      .insertInto("sign_in_attempts")
      .values({ email, user_id: user?.id ?? null, ip_address: request.ip, succeeded, attempted_at: now })
      .execute();
    if (!succeeded || !user) {
      await recordAuditEvent(trx, actor, { action: "auth.sign_in_failed", ...subject, details: { email } });
      return { status: "refused", reason: SIGN_IN_REFUSED };
    }
    // A success is no failure of the address, and clears the account's count (address first, as above).
    await uncount(trx, counted.ip);
    await clearCounter(trx, "account", email);
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
