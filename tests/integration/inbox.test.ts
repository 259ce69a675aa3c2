import { sql, type Kysely, type KyselyPlugin } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApplicationState } from "../../app/domain/application-states";
import { INBOX_PAGE_SIZE, readInboxFilter } from "../../app/forms/inbox-filter";
import { reviewerInbox } from "../../app/models/inbox.server";
import type { AppDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const filter = (query = "") => readInboxFilter(new URLSearchParams(query));
const FIRST_DAY = Date.parse("2026-05-01T01:00:00Z");
const DAY = 86_400_000;

/** States of the prefectures' applications, by JIS code 01–10 in turn. */
const PREFECTURE_STATES: ApplicationState[] = ["submitted", "under_review", "returned", "decided", "draft"];

/**
 * Applications written straight into the tables (the inbox reads, so how they got there does not matter):
 * 10 prefectures' Menu 1 applications in the states above, and `intermediaries` organisations' Menu 2
 * applications, submitted. Each submitted one has version 1: the amount applied for grows with its number,
 * and it was submitted one day after the one before.
 */
async function insertApplications(db: Kysely<Database>, submittedBy: number, intermediaries: number, from = 1) {
  const prefectures = await db
    .selectFrom("organisations")
    .select(["id", "prefecture_code"])
    .where("prefecture_code", "in", ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"])
    .execute();
  const rows: { organisation_id: number; programme: "prefectural" | "intermediary"; state: ApplicationState; amount: number; day: number }[] = [];
  if (from === 1) {
    for (const p of prefectures) {
      const n = Number(p.prefecture_code);
      rows.push({ organisation_id: p.id, programme: "prefectural", state: PREFECTURE_STATES[(n - 1) % 5]!, amount: n * 1_000_000, day: n });
    }
  }
  const created = await db
    .insertInto("organisations")
    .values(Array.from({ length: intermediaries }, (_, i) => ({ kind: "intermediary" as const, name: `審査テスト法人${from + i}` })))
    .returning("id")
    .execute();
  created.forEach(({ id }, i) =>
    rows.push({ organisation_id: id, programme: "intermediary", state: "submitted", amount: (from + i) * 1_000, day: 20 + from + i }),
  );

  const applications = await db
    .insertInto("applications")
    .values(
      rows.map((r) => ({
        organisation_id: r.organisation_id,
        programme: r.programme,
        fiscal_year: 2026,
        state: r.state,
        draft: "{}",
        latest_version: r.state === "draft" ? 0 : 1,
        created_by: submittedBy,
        updated_by: submittedBy,
      })),
    )
    .returning("id")
    .execute();
  const versions = rows
    .map((r, i) => ({ r, id: applications[i]!.id }))
    .filter(({ r }) => r.state !== "draft")
    .map(({ r, id }) => ({
      application_id: id,
      version: 1,
      snapshot: "{}",
      grant_amount: r.amount / 2,
      requested_amount: r.amount,
      submitted_by: submittedBy,
      submitted_at: new Date(FIRST_DAY + r.day * DAY),
    }));
  for (let i = 0; i < versions.length; i += 500)
    await db
      .insertInto("application_versions")
      .values(versions.slice(i, i + 500))
      .execute();
}

/** Counts the statements run through the returned database. */
function countingQueries(db: Kysely<Database>): { db: Kysely<Database>; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      n += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), count: () => n };
}

describe.each(ENGINES)("%s: the reviewer's inbox", (engine) => {
  let database: AppDatabase;
  let reviewerId: number;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    reviewerId = (await createUser(database.db, "reviewer")).id;
    await insertApplications(database.db, reviewerId, 60);
  });
  afterEach(() => database.close());

  it("leaves drafts out, counts each state under the filter, and pages 50 rows at a time", async () => {
    const first = await reviewerInbox(database.db, filter());
    // 10 prefectures (2 of them drafts) and 60 intermediaries: 68 submitted applications.
    expect(first.total).toBe(68);
    expect(first.counts).toMatchObject({ draft: 0, submitted: 62, under_review: 2, returned: 2, decided: 2 });
    expect(first).toMatchObject({ page: 1, pages: 2 });
    expect(first.rows).toHaveLength(INBOX_PAGE_SIZE);
    const second = await reviewerInbox(database.db, filter("page=2"));
    expect(second.rows).toHaveLength(68 - INBOX_PAGE_SIZE);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(68);
    expect([...first.rows, ...second.rows].every((r) => r.state !== "draft")).toBe(true);
    // A page beyond the last shows the last.
    expect(await reviewerInbox(database.db, filter("page=9"))).toMatchObject({ page: 2 });
  });

  it("shows by default those waiting on the reviewer first, the longest waiting first", async () => {
    const { rows } = await reviewerInbox(database.db, filter());
    const waiting = rows.filter((r) => r.state === "submitted" || r.state === "under_review");
    expect(rows.slice(0, waiting.length)).toEqual(waiting);
    const times = waiting.map((r) => r.latest_submitted_at!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rows[0]).toMatchObject({ prefecture_code: "01", state: "submitted" });
  });

  it("filters by state, prefecture, programme, year and name or 法人番号, and the counts follow all but the state", async () => {
    const returned = await reviewerInbox(database.db, filter("state=returned&state=decided"));
    expect(returned.rows.map((r) => r.state).sort()).toEqual(["decided", "decided", "returned", "returned"]);
    expect(returned.total).toBe(4);
    expect(returned.counts.submitted).toBe(62);

    const hokkaido = await reviewerInbox(database.db, filter("prefecture=01"));
    expect(hokkaido.rows.map((r) => [r.prefecture_code, r.programme])).toEqual([["01", "prefectural"]]);
    expect(hokkaido.counts).toMatchObject({ submitted: 1, under_review: 0 });

    const menu2 = await reviewerInbox(database.db, filter("programme=intermediary&sort=applied"));
    expect(menu2.total).toBe(60);
    expect(menu2.rows[0]).toMatchObject({ organisation_name: "審査テスト法人60", requested_amount: 60_000 });

    const named = await reviewerInbox(database.db, filter(`q=${encodeURIComponent("テスト法人1")}`));
    // 1, 10–19: eleven names contain it.
    expect(named.total).toBe(11);
    expect((await reviewerInbox(database.db, filter("q=%25"))).total).toBe(0);
    expect((await reviewerInbox(database.db, filter("fiscalYear=2025"))).total).toBe(0);
  });

  it("sorts by the date of the first version, newest first, and by the amount applied for, largest first", async () => {
    const bySubmission = (await reviewerInbox(database.db, filter("sort=submitted"))).rows.map((r) => r.first_submitted_at!.getTime());
    expect(bySubmission).toEqual([...bySubmission].sort((a, b) => b - a));
    const byAmount = (await reviewerInbox(database.db, filter("sort=applied"))).rows.map((r) => r.requested_amount!);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => b - a));
    expect(byAmount[0]).toBe(9_000_000);
  });

  it("runs the same number of queries for a page whether the call holds 70 applications or ten times as many", async () => {
    const small = countingQueries(database.db);
    await reviewerInbox(small.db, filter("programme=intermediary&page=2"));
    await insertApplications(database.db, reviewerId, 630, 61);
    const large = countingQueries(database.db);
    const inbox = await reviewerInbox(large.db, filter("programme=intermediary&page=2"));
    expect(inbox.total).toBe(690);
    expect(inbox.rows).toHaveLength(INBOX_PAGE_SIZE);
    expect(large.count()).toBe(small.count());
    expect(large.count()).toBe(2);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from applications`.execute(database.db);
    expect(rows[0]!.n).toBe(700);
  });
});
