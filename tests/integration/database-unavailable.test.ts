import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { isConnectionLost, TOO_SLOW_MESSAGE, UNAVAILABLE_MESSAGE } from "../../db/unavailable";

/** Whatever a promise ends in: its value, or what it threw. */
const settled = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (thrown: unknown) => ({ thrown }),
  );

describe("what counts as a lost connection", () => {
  it.each([
    [Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), true],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    [new Error("Connection terminated unexpectedly"), true],
    [Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: "23505" }), false],
    [Object.assign(new Error("invalid input syntax for type integer"), { code: "22P02" }), false],
    ["not an error", false],
  ])("%s → %s", (error, lost) => {
    expect(isConnectionLost(error)).toBe(lost);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("postgres: a connection lost in the middle of a transaction", () => {
  it("answers 503 in Japanese, changes nothing, keeps the process alive, and works again with the next request", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const database = await openDatabase({ engine: "postgres", connectionString: url });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const table = `unavailable_${process.pid}_${Date.now()}`;
    try {
      await sql`create table ${sql.id(table)} (n int)`.execute(database.db);
      const outcome = await settled(
        database.db.transaction().execute(async (trx) => {
          await sql`insert into ${sql.id(table)} values (1)`.execute(trx);
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          // What a server restart does to every connection: terminated by the administrator (57P01).
          await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
          await sql`insert into ${sql.id(table)} values (2)`.execute(trx);
        }),
      );

      expect("thrown" in outcome && outcome.thrown instanceof Response).toBe(true);
      const response = (outcome as { thrown: Response }).thrown;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.text()).toBe(UNAVAILABLE_MESSAGE);
      expect((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(database.db)).rows[0]?.n).toBe(0);
    } finally {
      await sql`drop table if exists ${sql.id(table)}`.execute(database.db);
      await admin.end();
      await database.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("postgres: a statement that runs too long", () => {
  it("is cancelled at the statement timeout and answered 503 in Japanese; its transaction changes nothing and the connection goes back to work", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const database = await openDatabase({ engine: "postgres", connectionString: url, pool: { size: 1, statementTimeoutMs: 300 } });
    const table = `too_slow_${process.pid}_${Date.now()}`;
    try {
      await sql`create table ${sql.id(table)} (n int)`.execute(database.db);
      const started = Date.now();
      const outcome = await settled(
        database.db.transaction().execute(async (trx) => {
          await sql`insert into ${sql.id(table)} values (1)`.execute(trx);
          await sql`select pg_sleep(5)`.execute(trx);
        }),
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      const response = (outcome as { thrown: Response }).thrown;
      expect(response).toBeInstanceOf(Response);
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(TOO_SLOW_MESSAGE);
      // The pool's one connection is free again and the insert was rolled back.
      expect((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(database.db)).rows[0]?.n).toBe(0);
    } finally {
      await sql`drop table if exists ${sql.id(table)}`.execute(database.db);
      await database.close();
    }
  });
});
