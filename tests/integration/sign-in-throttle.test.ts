import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, signIn, type SignInResult } from "../../app/auth/sign-in.server";
import { migrateDown, migrateToLatest } from "../../db/migrator";
import type { Database } from "../../db/schema";
import { createUser, PASSWORD, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const WRONG = "wrong password here";
const t0 = new Date("2026-11-27T03:00:00Z");
const after = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

interface Attempt {
  email: string;
  password: string;
  ip: string;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** How many attempts ended each way: "refused" ones had their password checked, "throttled" ones did not. */
const tally = (results: SignInResult[]) => countBy(results.map((r) => r.status));

describe.each(ENGINES)("%s: sign-in throttling under simultaneous attempts", (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  const attempt = ({ email, password, ip }: Attempt, now: Date, db: Kysely<Database> = database.db) =>
    signIn(db, SESSIONS, { email, password, ip, userAgent: "test" }, now);

  /** All the attempts started at once, spread over 15 connections of their own (on PostgreSQL). */
  function atOnce(attempts: Attempt[], now: Date): Promise<SignInResult[]> {
    const connections = database.separateConnections(15);
    return Promise.all(attempts.map((a, i) => attempt(a, now, connections[i % connections.length])));
  }

  async function historyOf(column: "email" | "ip_address", value: string) {
    return database.db.selectFrom("sign_in_attempts").select("succeeded").where(column, "=", value).execute();
  }

  it("checks the password of at most 5 of 15 wrong sign-ins sent at once for one account, and the right one waits out the window", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const attempts = Array.from({ length: 15 }, (_, i) => ({ email: user.email, password: WRONG, ip: `198.51.100.${i + 1}` }));

    const results = await atOnce(attempts, t0);

    expect(tally(results)).toEqual({ refused: ACCOUNT_FAILURE_LIMIT, throttled: 15 - ACCOUNT_FAILURE_LIMIT });
    for (const r of results.filter((r) => r.status === "throttled")) expect(r).toEqual({ status: "throttled", by: "account", until: after(15) });
    expect(await historyOf("email", user.email)).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    const audit = await database.db.selectFrom("audit_events").select("action").execute();
    expect(countBy(audit.map((e) => e.action))).toEqual({
      "auth.sign_in_failed": ACCOUNT_FAILURE_LIMIT,
      "auth.sign_in_throttled": 15 - ACCOUNT_FAILURE_LIMIT,
    });

    const right = { email: user.email, password: PASSWORD, ip: "203.0.113.10" };
    expect(await attempt(right, after(14))).toEqual({ status: "throttled", by: "account", until: after(15) });
    expect((await attempt(right, after(15))).status).toBe("done");
  });

  it("checks the password of at most 50 wrong sign-ins sent at once from one address, whatever the accounts", async () => {
    const user = await createUser(database.db, "intermediary_officer");
    const ip = "203.0.113.66";
    const attempts = Array.from({ length: IP_FAILURE_LIMIT + 10 }, (_, i) => ({ email: `guess${i}@test.example`, password: WRONG, ip }));

    const results = await atOnce(attempts, t0);

    expect(tally(results)).toEqual({ refused: IP_FAILURE_LIMIT, throttled: 10 });
    for (const r of results.filter((r) => r.status === "throttled")) expect(r).toEqual({ status: "throttled", by: "ip", until: after(15) });
    expect(await historyOf("ip_address", ip)).toHaveLength(IP_FAILURE_LIMIT);

    expect(await attempt({ email: user.email, password: PASSWORD, ip }, after(14))).toEqual({ status: "throttled", by: "ip", until: after(15) });
    expect((await attempt({ email: user.email, password: PASSWORD, ip: "203.0.113.67" }, after(14))).status).toBe("done");
    expect((await attempt({ email: user.email, password: PASSWORD, ip }, after(15))).status).toBe("done");
  });

  it("counts an account's failures afresh after a success, also when the next ones come at once", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const wrong = { email: user.email, password: WRONG, ip: "198.51.100.7" };
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) expect((await attempt(wrong, t0)).status).toBe("refused");
    expect((await attempt({ ...wrong, password: PASSWORD }, after(1))).status).toBe("done");

    const results = await atOnce(
      Array.from({ length: ACCOUNT_FAILURE_LIMIT + 1 }, () => wrong),
      after(2),
    );

    expect(tally(results)).toEqual({ refused: ACCOUNT_FAILURE_LIMIT, throttled: 1 });
    expect(await attempt({ ...wrong, password: PASSWORD }, after(3))).toEqual({ status: "throttled", by: "account", until: after(17) });
  });

  it("does not count successful sign-ins against their address, nor start its window with them", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const office = { email: user.email, password: PASSWORD, ip: "192.0.2.200" };
    for (let i = 0; i <= IP_FAILURE_LIMIT; i++) expect((await attempt(office, after(i / 10))).status).toBe("done");

    const guesses = await atOnce(
      Array.from({ length: IP_FAILURE_LIMIT }, (_, i) => ({ ...office, email: `guess${i}@test.example` })),
      after(6),
    );
    expect(tally(guesses)).toEqual({ refused: IP_FAILURE_LIMIT });
    expect(await attempt(office, after(7))).toEqual({ status: "throttled", by: "ip", until: after(21) });
  });

  it("does not count an attempt stopped by one limit against the other", async () => {
    const locked = await createUser(database.db, "prefecture_officer");
    const other = await createUser(database.db, "prefecture_officer");
    const ip = "203.0.113.99";
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await attempt({ email: locked.email, password: WRONG, ip }, t0);
    // Stopped by the account's limit: these leave the address's count where it was (5 failures).
    const stoppedByAccount = await atOnce(
      Array.from({ length: 20 }, () => ({ email: locked.email, password: WRONG, ip })),
      t0,
    );
    expect(tally(stoppedByAccount)).toEqual({ throttled: 20 });

    const rest = IP_FAILURE_LIMIT - ACCOUNT_FAILURE_LIMIT;
    const guesses = await atOnce(
      Array.from({ length: rest + 1 }, (_, i) => ({ email: `guess${i}@test.example`, password: WRONG, ip })),
      after(1),
    );
    expect(tally(guesses)).toEqual({ refused: rest, throttled: 1 });

    // Stopped by the address's limit: these leave the other account's count at nothing.
    const stoppedByAddress = await atOnce(
      Array.from({ length: 10 }, () => ({ email: other.email, password: WRONG, ip })),
      after(2),
    );
    expect(tally(stoppedByAddress)).toEqual({ throttled: 10 });
    const elsewhere = { email: other.email, password: WRONG, ip: "198.51.100.50" };
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect((await attempt(elsewhere, after(3))).status).toBe("refused");
  });

  it("keeps an account and an address that were waiting before the counters existed waiting after the upgrade", async () => {
    const user = await createUser(database.db, "prefecture_officer");
    const ip = "203.0.113.150";
    // Back to before the counters, whatever migrations came after them.
    for (
      let undone = await migrateDown(database.db);
      undone.length > 0 && undone[0] !== "2026_12_04_007_sign_in_counters";
      undone = await migrateDown(database.db)
    );
    const firstFailure = new Date(Date.now() - 120_000);
    const failures = (email: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({ email, ip_address: ip, succeeded: false, attempted_at: new Date(firstFailure.getTime() + i * 1000) }));
    await database.db
      .insertInto("sign_in_attempts")
      .values([...failures(user.email, ACCOUNT_FAILURE_LIMIT), ...failures("guess@test.example", IP_FAILURE_LIMIT - ACCOUNT_FAILURE_LIMIT)])
      .execute();
    await migrateToLatest(database.db);

    const until = new Date(firstFailure.getTime() + 15 * 60_000);
    expect(await attempt({ email: user.email, password: PASSWORD, ip: "198.51.100.150" }, new Date())).toEqual({ status: "throttled", by: "account", until });
    expect(await attempt({ email: "nobody@test.example", password: WRONG, ip }, new Date())).toEqual({ status: "throttled", by: "ip", until });
  });
});
