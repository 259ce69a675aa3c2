import type { ActionFunctionArgs } from "@remix-run/node";
import { extendSession } from "~/auth/session.server";
import { getViewer } from "~/auth/viewer.server";

/** POST /session/keepalive: "stay signed in" from the idle warning. Answers when the session now ends. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) return Response.json({ signedIn: false }, { status: 401 });
  const now = new Date();
  await extendSession(context.db, viewer.sessionId, now);
  const session = await context.db.selectFrom("sessions").select("expires_at").where("id", "=", viewer.sessionId).executeTakeFirstOrThrow();
  const idleEnd = now.getTime() + context.sessions.idleMinutes * 60_000;
  const expiresAt = new Date(Math.min(idleEnd, new Date(session.expires_at).getTime()));
  return Response.json({ signedIn: true, expiresAt: expiresAt.toISOString() });
}

export function loader() {
  return Response.json({ error: "method-not-allowed" }, { status: 405, headers: { Allow: "POST" } });
}
