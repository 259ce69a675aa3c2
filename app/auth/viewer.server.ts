import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { can, type Permission } from "~/domain/permissions";
import type { OrganisationKind, Role } from "~/domain/roles";
import { lookupSession, readCookie, SESSION_COOKIE } from "./session.server";
import { stashCookie, stashFormInput } from "./stash.server";

/** The signed-in person, as every loader and action sees them. */
export interface Viewer {
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  sessionId: string;
  /** When the session ends if nothing else happens (idle or absolute limit, whichever is first). */
  sessionExpiresAt: string;
  /** Unread notifications, read with the session (absent where a viewer is made otherwise). */
  unreadNotifications?: number;
}

type Lookup = { viewer: Viewer } | { viewer: null; expiredUserId: number | null };

// Root and route loaders of one request ask for the viewer; the session is read once per request.
const lookups = new WeakMap<Request, Promise<Lookup>>();

/** An enabled account as a viewer of the given session, or null (pages read it with the session: lookupSession). */
export async function loadViewer(db: Kysely<Database>, userId: number, sessionId: string, expiresAt: Date): Promise<Viewer | null> {
  const row = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.email", "users.display_name", "users.role", "users.organisation_id", "organisations.name", "organisations.kind"])
    .where("users.id", "=", userId)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.name,
    organisationKind: row.kind,
    sessionId,
    sessionExpiresAt: expiresAt.toISOString(),
  };
}

function lookup(request: Request, context: AppLoadContext): Promise<Lookup> {
  let pending = lookups.get(request);
  if (!pending) {
    pending = (async (): Promise<Lookup> => {
      const token = readCookie(request, SESSION_COOKIE);
      const session = await lookupSession(context.db, context.sessions, token);
      if (session.status !== "active") {
        return { viewer: null, expiredUserId: session.status === "expired" ? session.userId : null };
      }
      // One query reads the session and its (enabled) account together.
      return { viewer: { userId: session.userId, ...session.account, sessionId: session.sessionId, sessionExpiresAt: session.idleExpiresAt.toISOString() } };
    })();
    lookups.set(request, pending);
  }
  return pending;
}

export async function getViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  return (await lookup(request, context)).viewer;
}

function loginUrl(params: Record<string, string>): string {
  return `/login?${new URLSearchParams(params).toString()}`;
}

/**
 * The signed-in viewer, or a redirect to the sign-in page that comes back here afterwards. A form posted
 * without a session (it ran out, was ended elsewhere, or its cookie is gone) is kept, and restored on this
 * page once its author has signed in again: for the user whose session ran out, or else for this browser.
 */
export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const found = await lookup(request, context);
  if (found.viewer) return found.viewer;

  const url = new URL(request.url);
  const here = `${url.pathname}${url.search}`;
  const expired: Record<string, string> = found.expiredUserId !== null ? { expired: "1" } : {};
  const contentType = request.headers.get("content-type") ?? "";
  if (request.method === "POST" && /application\/x-www-form-urlencoded|multipart\/form-data/.test(contentType)) {
    const form = await request.formData().catch(() => null);
    const restore = form && (await stashFormInput(context.db, { userId: found.expiredUserId, path: url.pathname, form }));
    if (restore) {
      const headers = found.expiredUserId === null ? { "Set-Cookie": stashCookie(restore, context) } : undefined;
      throw redirect(loginUrl({ redirectTo: url.pathname, restore, ...expired }), { headers });
    }
  }
  throw redirect(loginUrl({ redirectTo: here, ...expired }));
}

export function forbidden(): never {
  throw new Response("この操作を行う権限がありません。", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("ページが見つかりません。", { status: 404, statusText: "Not Found" });
}

export async function requirePermission(request: Request, context: AppLoadContext, permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer(request, context);
  if (!can(viewer.role, permission)) forbidden();
  return viewer;
}

/** The viewer, who must hold at least one of the permissions. */
export async function requireAnyPermission(request: Request, context: AppLoadContext, permissions: Permission[]): Promise<Viewer> {
  const viewer = await requireViewer(request, context);
  if (!permissions.some((p) => can(viewer.role, p))) forbidden();
  return viewer;
}
