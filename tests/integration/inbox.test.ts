import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql, type Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import type { ApplicationState } from "../../app/domain/application-states";
import { INBOX_PAGE_SIZE, readInboxFilter } from "../../app/forms/inbox-filter";
import { reviewerInbox } from "../../app/models/inbox.server";
import { loader } from "../../app/routes/applications._index";
import type { AppDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { countingQueries } from "./support/counting-queries";
import { createTestDatabase, ENGINES } from "./support/test-database";

const FIRST_DAY = Date.parse("2026-05-01T01:00:00Z");
const DAY = 86_400_000;
/** The day the inbox is looked at, in Japan. */
const TODAY = "2026-12-05";

/** States of the prefectures' applications, by JIS code 01–10 in turn. */
const PREFECTURE_STATES: ApplicationState[] = ["submitted", "under_review", "returned", "decided", "draft"];

/**
 * Applications written straight into the tables (the inbox reads, so how they got there does not matter):
 * 10 prefectures' Menu 1 applications in the states above, and `intermediaries` organisations' Menu 2
 * applications, submitted. Each submitted one has version 1: the amount applied for grows with its number,
 * and it was submitted one day after the one before. The summaries the inbox reads follow by themselves.
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

/** The id of the intermediary "審査テスト法人N". */
async function idOf(db: Kysely<Database>, n: number): Promise<number> {
  const row = await db
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .select("applications.id")
    .where("organisations.name", "=", `審査テスト法人${n}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A record after submission, holding what the summary reads of it. */
async function addRecord(db: Kysely<Database>, applicationId: number, kind: string, record: Record<string, unknown>, recordedBy: number) {
  await db
    .insertInto("application_proceedings")
    .values({
      application_id: applicationId,
      kind: kind as "decision",
      amount: 0,
      record: JSON.stringify({ kind, ...record }),
      recorded_by: recordedBy,
    })
    .execute();
}

describe.each(ENGINES)("%s: the reviewer's inbox", (engine) => {
  let database: AppDatabase;
  let reviewerId: number;
  let otherReviewerId: number;
  /** The inbox as the reviewer sees it with this address's query (every reviewer's unless it names whose). */
  const inbox = (query = "", db?: Kysely<Database>, today = TODAY) =>
    reviewerInbox(db ?? database.db, readInboxFilter(new URLSearchParams(/assignee=/.test(query) ? query : `assignee=all&${query}`)), {
      viewerId: reviewerId,
      today,
    });

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    reviewerId = (await createUser(database.db, "reviewer")).id;
    otherReviewerId = (await createUser(database.db, "reviewer")).id;
    await insertApplications(database.db, reviewerId, 60);
  });
  afterEach(() => database.close());

  it("leaves drafts out, counts each state under the filter, and pages 50 rows at a time", async () => {
    const first = await inbox();
    // 10 prefectures (2 of them drafts) and 60 intermediaries: 68 submitted applications.
    expect(first.total).toBe(68);
    expect(first.counts).toMatchObject({ draft: 0, submitted: 62, under_review: 2, returned: 2, decided: 2 });
    expect(first).toMatchObject({ page: 1, pages: 2 });
    expect(first.rows).toHaveLength(INBOX_PAGE_SIZE);
    const second = await inbox("page=2");
    expect(second.rows).toHaveLength(68 - INBOX_PAGE_SIZE);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(68);
    expect([...first.rows, ...second.rows].every((r) => r.state !== "draft")).toBe(true);
    // A page beyond the last shows the last.
    expect(await inbox("page=9")).toMatchObject({ page: 2 });
  });

  it("shows by default those waiting on the reviewer first, the longest waiting first", async () => {
    const { rows } = await inbox();
    const waiting = rows.filter((r) => r.state === "submitted" || r.state === "under_review");
    expect(rows.slice(0, waiting.length)).toEqual(waiting);
    const times = waiting.map((r) => r.waiting_since!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rows[0]).toMatchObject({ prefecture_code: "01", state: "submitted" });
  });

  it("counts a change request, withdrawal or report as the moment the application came back to the reviewer", async () => {
    const id = await idOf(database.db, 1);
    await database.db.updateTable("applications").set({ state: "change_requested" }).where("id", "=", id).execute();
    await addRecord(database.db, id, "change_request", {}, reviewerId);
    const rows = [...(await inbox()).rows, ...(await inbox("page=2")).rows];
    const row = rows.find((r) => r.id === id)!;
    expect(row.state).toBe("change_requested");
    expect(row.waiting_since!.getTime()).toBeGreaterThan(row.latest_submitted_at!.getTime());
    // It has waited the least of all: the last of those waiting.
    const waiting = rows.filter((r) => r.state !== "returned" && r.state !== "decided");
    expect(waiting.at(-1)!.id).toBe(id);
  });

  it("filters by state, prefecture, programme, year and name or 法人番号, and the counts follow all but the state", async () => {
    const returned = await inbox("state=returned&state=decided");
    expect(returned.rows.map((r) => r.state).sort()).toEqual(["decided", "decided", "returned", "returned"]);
    expect(returned.total).toBe(4);
    expect(returned.counts.submitted).toBe(62);

    const hokkaido = await inbox("prefecture=01");
    expect(hokkaido.rows.map((r) => [r.prefecture_code, r.programme])).toEqual([["01", "prefectural"]]);
    expect(hokkaido.counts).toMatchObject({ submitted: 1, under_review: 0 });

    const menu2 = await inbox("programme=intermediary&sort=applied");
    expect(menu2.total).toBe(60);
    expect(menu2.rows[0]).toMatchObject({ organisation_name: "審査テスト法人60", requested_amount: 60_000 });

    const named = await inbox(`q=${encodeURIComponent("テスト法人1")}`);
    // 1, 10–19: eleven names contain it.
    expect(named.total).toBe(11);
    expect((await inbox("q=%25")).total).toBe(0);
    expect((await inbox("fiscalYear=2025")).total).toBe(0);
    expect((await inbox("fiscalYear=2026")).total).toBe(68);
  });

  it("finds an intermediary under the prefecture its address begins with", async () => {
    await database.db.updateTable("organisations").set({ address: "北海道札幌市中央区北1条西2丁目" }).where("name", "=", "審査テスト法人7").execute();
    await database.db.updateTable("organisations").set({ address: "札幌市中央区（都道府県名なし）" }).where("name", "=", "審査テスト法人8").execute();
    const hokkaido = await inbox("prefecture=01");
    expect(hokkaido.rows.map((r) => [r.organisation_name, r.prefecture_code]).sort()).toEqual([
      ["北海道", "01"],
      ["審査テスト法人7", "01"],
    ]);
  });

  it("sorts by the date of the first version, newest first, and by the amount applied for, largest first", async () => {
    const bySubmission = (await inbox("sort=submitted")).rows.map((r) => r.first_submitted_at!.getTime());
    expect(bySubmission).toEqual([...bySubmission].sort((a, b) => b - a));
    const byAmount = (await inbox("sort=applied")).rows.map((r) => r.requested_amount!);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => b - a));
    expect(byAmount[0]).toBe(9_000_000);
  });

  it("shows the decided amount in force and what was paid net of repayments, and sorts by the decided amount across pages", async () => {
    // Intermediaries 1–55 decided at n × 100 yen; the 60th decided, then changed down; the 59th paid and partly repaid.
    for (let n = 1; n <= 55; n++) await addRecord(database.db, await idOf(database.db, n), "decision", { decidedAmount: n * 100 }, reviewerId);
    const sixtieth = await idOf(database.db, 60);
    await addRecord(database.db, sixtieth, "decision", { decidedAmount: 900_000 }, reviewerId);
    await addRecord(database.db, sixtieth, "change_approval", { decidedAmount: 7_000 }, reviewerId);
    const fiftyNinth = await idOf(database.db, 59);
    await addRecord(database.db, fiftyNinth, "decision", { decidedAmount: 50_000 }, reviewerId);
    await addRecord(database.db, fiftyNinth, "payment", { direction: "paid", amount: 30_000 }, reviewerId);
    await addRecord(database.db, fiftyNinth, "payment", { direction: "returned", amount: 4_000 }, reviewerId);

    const first = await inbox("sort=decided");
    const second = await inbox("sort=decided&page=2");
    const decided = [...first.rows, ...second.rows].map((r) => r.decided_amount);
    expect(decided.slice(0, 57)).toEqual([50_000, 7_000, ...Array.from({ length: 55 }, (_, i) => (55 - i) * 100)]);
    // Those not decided come last.
    expect(decided.slice(57).every((d) => d === null)).toBe(true);
    expect(first.rows[0]).toMatchObject({ id: fiftyNinth, paid_amount: 30_000, returned_amount: 4_000 });
    expect(first.rows[1]).toMatchObject({ id: sixtieth, decided_amount: 7_000, paid_amount: 0 });
  });

  it("shows by default the applications assigned to the viewer; nobody's, one reviewer's or everyone's when asked", async () => {
    const [a, b, c] = [await idOf(database.db, 1), await idOf(database.db, 2), await idOf(database.db, 3)];
    await database.db
      .insertInto("application_assignments")
      .values([
        { application_id: a, reviewer_id: reviewerId, assigned_by: reviewerId },
        { application_id: b, reviewer_id: reviewerId, assigned_by: reviewerId },
        { application_id: c, reviewer_id: otherReviewerId, assigned_by: reviewerId },
      ])
      .execute();
    const mine = await reviewerInbox(database.db, readInboxFilter(new URLSearchParams()), { viewerId: reviewerId, today: TODAY });
    expect(mine.rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(mine.total).toBe(2);
    expect(mine.counts.submitted).toBe(2);
    expect(mine.rows[0]).toMatchObject({ assignee_id: reviewerId });
    expect(mine.rows[0]!.assignee_name).toMatch(/^利用者/);

    expect((await inbox(`assignee=${otherReviewerId}`)).rows.map((r) => r.id)).toEqual([c]);
    expect((await inbox("assignee=nobody")).total).toBe(68 - 3);
    expect((await inbox("assignee=all")).total).toBe(68);
    // Released: nobody's again.
    await database.db.deleteFrom("application_assignments").where("application_id", "=", c).execute();
    expect((await inbox(`assignee=${otherReviewerId}`)).total).toBe(0);
    expect((await inbox("assignee=nobody")).total).toBe(68 - 2);
  });

  it("finds those whose latest version carries warnings the applicant acknowledged", async () => {
    const warning = { code: "outsourcing-share-high", severity: "warning", message: "委託費が多い", path: "lines" };
    const [withWarnings, clearedLater] = [await idOf(database.db, 4), await idOf(database.db, 5)];
    const version = (id: number, n: number, warnings: unknown[]) => ({
      application_id: id,
      version: n,
      snapshot: JSON.stringify({ acknowledgedWarnings: warnings }),
      grant_amount: 1000,
      requested_amount: 2000,
      submitted_by: reviewerId,
    });
    await database.db
      .insertInto("application_versions")
      .values([version(withWarnings, 2, [warning, warning]), version(clearedLater, 2, [warning]), version(clearedLater, 3, [])])
      .execute();
    const found = await inbox("findings=1");
    expect(found.rows.map((r) => [r.id, r.acknowledged_warnings])).toEqual([[withWarnings, 2]]);
    expect(found.counts.submitted).toBe(1);
  });

  it("finds late performance reports: owed after 10 April following the fiscal year, or made after their due date", async () => {
    const [owed2025, owedThisYear, changing2025, late, onTime] = (await Promise.all([11, 12, 13, 14, 15].map((n) => idOf(database.db, n)))) as [
      number,
      number,
      number,
      number,
      number,
    ];
    await database.db.updateTable("applications").set({ fiscal_year: 2025 }).where("id", "in", [owed2025, changing2025]).execute();
    await database.db.updateTable("applications").set({ state: "decided" }).where("id", "in", [owed2025, owedThisYear]).execute();
    await database.db.updateTable("applications").set({ state: "change_requested" }).where("id", "=", changing2025).execute();
    await database.db.updateTable("applications").set({ state: "reported" }).where("id", "in", [late, onTime]).execute();
    await addRecord(database.db, late, "performance_report", { documentDate: "2026-11-02", dueOn: "2026-11-01" }, reviewerId);
    await addRecord(database.db, onTime, "performance_report", { documentDate: "2026-11-01", dueOn: "2026-11-01" }, reviewerId);
    // As if they had been 2025 applications from the start (an application's fiscal year never changes).
    await database.db.updateTable("application_summaries").set({ fiscal_year: 2025 }).where("application_id", "in", [owed2025, changing2025]).execute();

    const found = await inbox("overdue=1");
    expect(found.rows.map((r) => r.id).sort()).toEqual([owed2025, changing2025, late].sort());
    expect(found.rows.every((r) => r.report_late)).toBe(true);
    expect(found.counts).toMatchObject({ decided: 1, change_requested: 1, reported: 1 });
    expect((await inbox()).rows.find((r) => r.id === onTime)?.report_late ?? false).toBe(false);
    // On 10 April 2026 the 2025 grants' reports are still due that day; from the 11th they are late.
    expect((await inbox("overdue=1", undefined, "2026-04-10")).rows.map((r) => r.id)).toEqual([late]);
    expect((await inbox("overdue=1", undefined, "2026-04-11")).total).toBe(3);
  });

  it("reads a page in one statement, every filter on, whether the call holds 70 applications or ten times as many", async () => {
    const everything = (query: string) =>
      `findings=1&overdue=1&fiscalYear=2026&programme=intermediary&prefecture=13&q=${encodeURIComponent("法人")}&state=submitted&state=decided&${query}`;
    const queries = [
      `assignee=${reviewerId}&sort=decided&page=2`,
      "assignee=me&sort=waiting",
      "assignee=nobody&sort=submitted",
      "assignee=all&sort=applied&page=2",
    ];
    const small = queries.map(() => countingQueries(database.db));
    for (const [i, query] of queries.entries()) await inbox(everything(query), small[i]!.db);
    await insertApplications(database.db, reviewerId, 630, 61);
    const large = countingQueries(database.db);
    const page = await inbox("programme=intermediary&page=2", large.db);
    expect(page.total).toBe(690);
    expect(page.rows).toHaveLength(INBOX_PAGE_SIZE);
    expect(large.count()).toBe(1);
    for (const [i, query] of queries.entries()) {
      const counted = countingQueries(database.db);
      await inbox(everything(query), counted.db);
      expect(counted.count()).toBe(small[i]!.count());
      expect(counted.count()).toBe(1);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from applications`.execute(database.db);
    expect(rows[0]!.n).toBe(700);
  });

  it("answers the whole page, session and reviewers included, in a fixed number of queries at ten times the rows", async () => {
    const { token } = await startSession(database.db, SESSIONS, reviewerId, { ip: null, userAgent: null });
    const page = async () => {
      const counted = countingQueries(database.db);
      const context = { db: counted.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
      const request = new Request("http://localhost/applications?assignee=all&findings=1&overdue=1&prefecture=13&sort=decided&page=2", {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
      const response = (await loader({ request, params: {}, context } as LoaderFunctionArgs)) as { data: { kind: string }; init: ResponseInit };
      expect(response.data.kind).toBe("reviewer");
      expect(new Headers(response.init.headers).get("Server-Timing")).toMatch(/^inbox;dur=[0-9.]+$/);
      return counted.count();
    };
    const small = await page();
    await insertApplications(database.db, reviewerId, 630, 61);
    expect(await page()).toBe(small);
    // The session with its account, then the counts, the page and the reviewers in one statement.
    expect(small).toBe(2);
  });
});
