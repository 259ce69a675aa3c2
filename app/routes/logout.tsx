import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie, endSession, readCookie, SESSION_COOKIE } from "~/auth/session.server";
import { getViewer } from "~/auth/viewer.server";
import { recordAuditEvent } from "~/models/audit.server";

/** POST /logout ends the session. There is no page here: a GET is answered 405. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  const token = readCookie(request, SESSION_COOKIE);
  await context.db.transaction().execute(async (trx) => {
    if (token) await endSession(trx, context.sessions, token);
    if (viewer) {
      await recordAuditEvent(
        trx,
        { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp },
        { action: "auth.signed_out", recordType: "user", recordId: viewer.userId, subjectOrganisationId: viewer.organisationId },
      );
    }
  });
  return redirect("/?notice=signed-out", { headers: { "Set-Cookie": clearedSessionCookie({ secure: context.secure }) } });
}

export function loader() {
  return new Response("ログアウトはフォームの送信（POST）で行います。", { status: 405, headers: { Allow: "POST" } });
}
