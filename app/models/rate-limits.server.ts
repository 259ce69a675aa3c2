import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Fixed-window request limits per key (a client's address), counted in the database so that every server
 * process counts in the same window. Counting and reading the count are one statement, as for sign-in
 * attempts (docs/decisions/008-sign-in-throttle-in-one-statement.md): requests at once each get a count of
 * their own.
 */
export interface RateLimit {
  /** What is limited, e.g. "simulations". */
  bucket: string;
  limit: number;
  windowMs: number;
}

export type RateLimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request for `key`; says whether it is allowed and, if not, how long to wait. */
export async function hitRateLimit(db: Kysely<Database>, { bucket, limit, windowMs }: RateLimit, key: string, now = new Date()): Promise<RateLimitAnswer> {
  const over = new Date(now.getTime() - windowMs);
  const { rows } = await sql<{ count: number; window_start: Date }>`
    insert into request_counters as c (bucket, key, window_start, count)
    values (${bucket}, ${key}, ${now}, 1)
    on conflict (bucket, key) do update set
      window_start = case when c.window_start <= ${over} then excluded.window_start else c.window_start end,
      count = case when c.window_start <= ${over} then 1 else c.count + 1 end
    returning count, window_start`.execute(db);
  const { count, window_start } = rows[0]!;
  if (count <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window_start.getTime() + windowMs - now.getTime()) / 1000)) };
}

/** Every window counted here and at sign-in is minutes long: a counter whose window began a day ago is over. */
const COUNTERS_KEPT_MS = 24 * 60 * 60_000;

/**
 * Forgets the request and sign-in counters whose windows are long over (`npm run jobs:daily`): each address
 * that ever called leaves a row, which the next request from it would start again anyway. Returns how many.
 */
export async function pruneCounters(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - COUNTERS_KEPT_MS);
  const requests = await db.deleteFrom("request_counters").where("window_start", "<", before).executeTakeFirst();
  const signIns = await db.deleteFrom("sign_in_counters").where("window_start", "<", before).executeTakeFirst();
  return Number(requests.numDeletedRows) + Number(signIns.numDeletedRows);
}
