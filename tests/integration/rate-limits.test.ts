import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countAttempt } from "../../app/auth/sign-in-counters.server";
import { hitRateLimit, pruneCounters } from "../../app/models/rate-limits.server";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

/** Request limits counted in the database, so that every server process counts in the same window. */
describe.each(ENGINES)("%s: request rate limits", (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(() => database.close());

  const LIMIT = { bucket: "simulations", limit: 3, windowMs: 60_000 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 3, 0, seconds));

  it("allows the limit within a window, refuses the next with the seconds left, and allows again after", async () => {
    const hit = (seconds: number) => hitRateLimit(database.db, LIMIT, "203.0.113.1", at(seconds));
    expect([await hit(0), await hit(1), await hit(2)]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(await hit(15)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await hit(60)).toEqual({ allowed: true });
  });

  it("counts each address and each bucket on its own", async () => {
    const one = { ...LIMIT, limit: 1 };
    expect((await hitRateLimit(database.db, one, "203.0.113.1", at(0))).allowed).toBe(true);
    expect((await hitRateLimit(database.db, one, "203.0.113.1", at(1))).allowed).toBe(false);
    expect((await hitRateLimit(database.db, one, "203.0.113.2", at(1))).allowed).toBe(true);
    expect((await hitRateLimit(database.db, { ...one, bucket: "other" }, "203.0.113.1", at(1))).allowed).toBe(true);
  });

  it("gives requests at once, on connections of their own as from several processes, exactly the limit", async () => {
    const connections = database.separateConnections(12);
    const answers = await Promise.all(connections.map((db) => hitRateLimit(db, { ...LIMIT, limit: 5 }, "203.0.113.9", at(0))));
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
  });

  it("forgets the counters of windows that began more than a day ago, and no others", async () => {
    const dayBefore = new Date(at(0).getTime() - 24 * 60 * 60_000);
    await hitRateLimit(database.db, LIMIT, "203.0.113.1", new Date(dayBefore.getTime() - 1));
    await hitRateLimit(database.db, LIMIT, "203.0.113.2", dayBefore);
    await countAttempt(database.db, { ip: "203.0.113.3", account: "old@example.jp" }, new Date(dayBefore.getTime() - 60_000), 15 * 60_000);
    await countAttempt(database.db, { ip: "203.0.113.4", account: "new@example.jp" }, at(0), 15 * 60_000);

    expect(await pruneCounters(database.db, at(0))).toBe(3);
    expect((await database.db.selectFrom("request_counters").select("key").execute()).map((r) => r.key)).toEqual(["203.0.113.2"]);
    expect((await database.db.selectFrom("sign_in_counters").select("key").orderBy("key").execute()).map((r) => r.key)).toEqual([
      "203.0.113.4",
      "new@example.jp",
    ]);
  });
});
