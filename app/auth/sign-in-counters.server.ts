import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Sign-in attempts counted in the database, per account (by e-mail) and per address, in a fixed window that
 * begins at the first attempt counted. Counting and reading the count are one statement, so requests running
 * at once, in one process or several, each get a count of their own. See
 * docs/decisions/008-sign-in-throttle-in-one-statement.md.
 */

export type CounterScope = "account" | "ip";

/** One attempt counted: the count with it included, in the window that began at `windowStart`. */
export interface Counted {
  scope: CounterScope;
  key: string;
  count: number;
  windowStart: Date;
}

/**
 * Counts one attempt on the address's counter and on the account's, in one statement. A window that is
 * over, or that holds nothing any more, starts again at `now` with this attempt. The rows are locked
 * address first, then account: a transaction that changes both must keep that order, or two sign-ins
 * could deadlock.
 */
export async function countAttempt(
  db: Kysely<Database>,
  keys: { ip: string; account: string },
  now: Date,
  windowMs: number,
): Promise<Record<CounterScope, Counted>> {
  const over = new Date(now.getTime() - windowMs);
  const { rows } = await sql<{ scope: CounterScope; key: string; count: number; window_start: Date }>`
    insert into sign_in_counters as c (scope, key, window_start, count)
    values ('ip', ${keys.ip}, ${now}, 1), ('account', ${keys.account}, ${now}, 1)
    on conflict (scope, key) do update set
      window_start = case when c.window_start <= ${over} or c.count = 0 then excluded.window_start else c.window_start end,
      count = case when c.window_start <= ${over} or c.count = 0 then 1 else c.count + 1 end
    returning scope, key, count, window_start`.execute(db);
  const counted = (scope: CounterScope): Counted => {
    const row = rows.find((r) => r.scope === scope)!;
    return { scope, key: row.key, count: row.count, windowStart: row.window_start };
  };
  return { ip: counted("ip"), account: counted("account") };
}

/** Takes back an attempt counted by countAttempt, unless its window has started again since. */
export async function uncount(db: Kysely<Database>, counted: Counted): Promise<void> {
  await db
    .updateTable("sign_in_counters")
    .set((eb) => ({ count: eb("count", "-", 1) }))
    .where("scope", "=", counted.scope)
    .where("key", "=", counted.key)
    .where("window_start", "=", counted.windowStart)
    .where("count", ">", 0)
    .execute();
}

/** Forgets every attempt counted for the key. */
export async function clearCounter(db: Kysely<Database>, scope: CounterScope, key: string): Promise<void> {
  await db.deleteFrom("sign_in_counters").where("scope", "=", scope).where("key", "=", key).execute();
}
