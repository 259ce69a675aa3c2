import { createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OrganisationKind, Role } from "~/domain/roles";

/**
 * Sessions are database rows. The cookie carries only a random token; the row's id is the token's HMAC
 * under SESSION_SECRET, so neither a copy of the table nor of the logs can be turned into a session.
 */

export const SESSION_COOKIE = "grants_session";

export interface SessionSettings {
  secret: string;
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMinutes: number;
}

const MINUTE = 60_000;
/** Writing last_seen_at on every request would turn every page view into a write. */
const TOUCH_AFTER_MS = MINUTE;

export function sessionIdOf(settings: SessionSettings, token: string): string {
  return createHmac("sha256", settings.secret).update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function startSession(
  db: Kysely<Database>,
  settings: SessionSettings,
  userId: number,
  client: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + settings.absoluteMinutes * MINUTE);
  await db
    .insertInto("sessions")
    .values({
      id: sessionIdOf(settings, token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip_address: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** The account a session belongs to, read with the session in the same query (it is needed on every page). */
export interface SessionAccount {
  email: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  /** Unread notifications, counted up to UNREAD_COUNT_LIMIT (the header shows "99+" beyond). */
  unreadNotifications: number;
}

/** Counting stops here, so that the header's count costs the same however many are unread. */
const UNREAD_COUNT_LIMIT = 100;

export type SessionLookup =
  | { status: "active"; userId: number; sessionId: string; idleExpiresAt: Date; account: SessionAccount }
  /** The session existed but has run out; the user it belonged to is known. */
  | { status: "expired"; userId: number }
  | { status: "none" };

export async function lookupSession(db: Kysely<Database>, settings: SessionSettings, token: string | undefined, now = new Date()): Promise<SessionLookup> {
  if (!token) return { status: "none" };
  const id = sessionIdOf(settings, token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "sessions.user_id",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.disabled_at",
      "users.email",
      "users.display_name",
      "users.role",
      "users.organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
      // The header's unread count, in the same query (notifications_unread_idx).
      (eb) =>
        eb
          .selectFrom((inner) =>
            inner
              .selectFrom("notifications")
              .select("notifications.id")
              .whereRef("notifications.user_id", "=", "sessions.user_id")
              .where("notifications.read_at", "is", null)
              .limit(UNREAD_COUNT_LIMIT)
              .as("unread"),
          )
          .select((c) => c.fn.countAll<string | number>().as("n"))
          .as("unread_notifications"),
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return { status: "none" };
  if (row.disabled_at) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return { status: "none" };
  }
  const idleEnd = row.last_seen_at.getTime() + settings.idleMinutes * MINUTE;
  const absoluteEnd = new Date(row.expires_at).getTime();
  if (now.getTime() >= Math.min(idleEnd, absoluteEnd)) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return { status: "expired", userId: row.user_id };
  }
  let lastSeen = row.last_seen_at.getTime();
  if (now.getTime() - lastSeen >= TOUCH_AFTER_MS) {
    lastSeen = now.getTime();
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }
  return {
    status: "active",
    userId: row.user_id,
    sessionId: id,
    idleExpiresAt: new Date(Math.min(lastSeen + settings.idleMinutes * MINUTE, absoluteEnd)),
    account: {
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      organisationKind: row.organisation_kind,
      unreadNotifications: Number(row.unread_notifications ?? 0),
    },
  };
}

/** Marks the session as used now, so its idle timer starts again. */
export async function extendSession(db: Kysely<Database>, sessionId: string, now = new Date()): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", sessionId).execute();
}

export async function endSession(db: Kysely<Database>, settings: SessionSettings, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionIdOf(settings, token)).execute();
}

export async function endAllSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function sessionCookie(token: string, { secure, maxAgeSeconds }: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie({ secure }: { secure: boolean }): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}
