import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** Form input kept across an expired session for a day; its author takes it back once. */
const KEEP_FOR_MS = 24 * 60 * 60_000;
/** Never kept, even for its author. */
const NEVER_STASHED = /password|token/i;

export async function stashFormInput(
  db: Kysely<Database>,
  { userId, path, form }: { userId: number; path: string; form: FormData },
  now = new Date(),
): Promise<string> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (NEVER_STASHED.test(key)) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (values.length === 1) fields[key] = values[0]!;
    else if (values.length > 1) fields[key] = values;
  }
  const id = randomBytes(18).toString("base64url");
  await db
    .insertInto("stashed_form_inputs")
    .values({ id, user_id: userId, path, fields: JSON.stringify(fields), expires_at: new Date(now.getTime() + KEEP_FOR_MS) })
    .execute();
  return id;
}

/** The input stashed under `id` for this user and page, removed as it is taken; null when there is none. */
export async function takeStashedInput(
  db: Kysely<Database>,
  { id, userId, path }: { id: string | null; userId: number; path: string },
  now = new Date(),
): Promise<Record<string, string | string[]> | null> {
  // Ids are made here (24 characters of base64url); anything else was never one.
  if (!id || !/^[A-Za-z0-9_-]{24}$/.test(id)) return null;
  const row = await db
    .deleteFrom("stashed_form_inputs")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("path", "=", path)
    .where("expires_at", ">", now)
    .returning("fields")
    .executeTakeFirst();
  return row?.fields ?? null;
}
