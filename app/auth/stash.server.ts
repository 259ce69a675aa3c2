import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { storableText } from "~/domain/text";
import { readCookie } from "./session.server";

/** Form input kept across a lost session for a day; its author takes it back once. */
const KEEP_FOR_MS = 24 * 60 * 60_000;
/** Never kept, even for its author. */
const NEVER_STASHED = /password|token/i;
/**
 * Names input kept when nobody could be told from the request (its session cookie was deleted, or the session
 * was ended elsewhere): only the browser holding this cookie may take that input back.
 */
export const STASH_COOKIE = "form_restore";

/** Far more than any form of the app holds; a post larger than this is not kept (its sender is unknown). */
const STASH_MAX_CHARACTERS = 1_000_000;

export type StashedFields = Record<string, string | string[]>;

/**
 * Keeps a form posted without a session, for `userId` when the session it came with had expired, or for this
 * browser alone when there is no telling whose it was (then the answer must set `stashCookie(id)`). Null
 * when the form is too large to keep.
 */
export async function stashFormInput(
  db: Kysely<Database>,
  { userId, path, form }: { userId: number | null; path: string; form: FormData },
  now = new Date(),
): Promise<string | null> {
  const fields: StashedFields = {};
  for (const key of new Set(form.keys())) {
    if (NEVER_STASHED.test(key)) continue;
    const values = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map(storableText);
    if (values.length === 1) fields[storableText(key)] = values[0]!;
    else if (values.length > 1) fields[storableText(key)] = values;
  }
  const json = JSON.stringify(fields);
  if (json.length > STASH_MAX_CHARACTERS) return null;
  const id = randomBytes(18).toString("base64url");
  await db.deleteFrom("stashed_form_inputs").where("expires_at", "<=", now).execute();
  await db
    .insertInto("stashed_form_inputs")
    .values({ id, user_id: userId, path, fields: json, expires_at: new Date(now.getTime() + KEEP_FOR_MS) })
    .execute();
  return id;
}

export function stashCookie(id: string, { secure }: { secure: boolean }): string {
  return [`${STASH_COOKIE}=${id}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${KEEP_FOR_MS / 1000}`, ...(secure ? ["Secure"] : [])].join("; ");
}

// Ids are made here (24 characters of base64url); anything else was never one.
const isStashId = (id: string | null | undefined): id is string => !!id && /^[A-Za-z0-9_-]{24}$/.test(id);

/**
 * The input stashed for this page under the request's `?restore=` id, removed as it is taken: input kept for
 * this user, or input kept for nobody in particular when this browser holds its cookie. Null when there is none.
 */
export async function takeStashedInput(db: Kysely<Database>, request: Request, userId: number, now = new Date()): Promise<StashedFields | null> {
  const url = new URL(request.url);
  const id = url.searchParams.get("restore");
  if (!isStashId(id)) return null;
  const claimed = readCookie(request, STASH_COOKIE) === id;
  const row = await db
    .deleteFrom("stashed_form_inputs")
    .where("id", "=", id)
    .where("path", "=", url.pathname)
    .where("expires_at", ">", now)
    .where((eb) => (claimed ? eb.or([eb("user_id", "=", userId), eb("user_id", "is", null)]) : eb("user_id", "=", userId)))
    .returning("fields")
    .executeTakeFirst();
  return row?.fields ?? null;
}
