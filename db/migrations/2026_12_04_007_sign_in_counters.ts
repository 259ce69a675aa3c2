import { sql, type Kysely } from "kysely";

/**
 * Sign-in attempts counted per account (by e-mail) and per address, in a fixed window, so that one
 * statement can count an attempt and say whether it is over the limit however many requests run at once
 * (app/auth/sign-in-counters.server.ts, docs/decisions/008-sign-in-throttle-in-one-statement.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_counters")
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('account', 'ip')`))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint("sign_in_counters_pkey", ["scope", "key"])
    .execute();

  // The failures of the last 15 minutes carry over, so an account or an address that is waiting at the
  // upgrade keeps waiting. An account counts only the failures since its last success.
  await sql`
    insert into sign_in_counters (scope, key, window_start, count)
    select 'account', a.email, min(a.attempted_at), count(*)
    from sign_in_attempts a
    where not a.succeeded
      and a.attempted_at > now() - interval '15 minutes'
      and a.attempted_at > (select coalesce(max(s.attempted_at), '-infinity') from sign_in_attempts s where s.email = a.email and s.succeeded)
    group by a.email
    union all
    select 'ip', ip_address, min(attempted_at), count(*)
    from sign_in_attempts
    where not succeeded and attempted_at > now() - interval '15 minutes'
    group by ip_address`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_counters").execute();
}
