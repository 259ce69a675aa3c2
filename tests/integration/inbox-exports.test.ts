import ExcelJS from "exceljs";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import type { ApplicationState } from "../../app/domain/application-states";
import { INBOX_PAGE_SIZE, readInboxFilter } from "../../app/forms/inbox-filter";
import { reviewerInbox } from "../../app/models/inbox.server";
import { action as apiAction, loader as apiLoader } from "../../app/routes/api.v1.applications";
import { loader as inboxPage } from "../../app/routes/applications._index";
import { loader as csvLoader } from "../../app/routes/applications[.]csv";
import { loader as xlsxLoader } from "../../app/routes/applications[.]xlsx";
import type { AppDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { countingQueries } from "./support/counting-queries";
import { createTestDatabase, ENGINES } from "./support/test-database";

const FIRST_DAY = Date.parse("2026-05-01T01:00:00Z");
const DAY = 86_400_000;
const STATES: ApplicationState[] = ["submitted", "under_review", "returned", "decided", "submitted", "draft", "reported"];

/**
 * `count` Menu 2 applications of fresh intermediaries written straight into the tables (the inbox reads, so
 * how they got there does not matter), numbered from `from`: the state cycles through STATES, every third
 * organisation has a 法人番号, the amount applied for is n × 1,001円, and one in ten is of 令和7年度.
 */
async function insertApplications(db: Kysely<Database>, by: number, count: number, from = 1) {
  const numbers = Array.from({ length: count }, (_, i) => from + i);
  const organisations = await db
    .insertInto("organisations")
    .values(
      numbers.map((n) => ({
        kind: "intermediary" as const,
        name: `出力テスト法人${n}`,
        corporate_number: n % 3 === 0 ? String(3_000_000_000_000 + n) : null,
      })),
    )
    .returning("id")
    .execute();
  const applications = await db
    .insertInto("applications")
    .values(
      numbers.map((n, i) => ({
        organisation_id: organisations[i]!.id,
        programme: "intermediary" as const,
        fiscal_year: n % 10 === 0 ? 2025 : 2026,
        state: STATES[n % STATES.length]!,
        draft: "{}",
        latest_version: STATES[n % STATES.length] === "draft" ? 0 : 1,
        created_by: by,
        updated_by: by,
      })),
    )
    .returning(["id", "state"])
    .execute();
  const versions = applications
    .map((a, i) => ({ a, n: numbers[i]! }))
    .filter(({ a }) => a.state !== "draft")
    .map(({ a, n }) => ({
      application_id: a.id,
      version: 1,
      snapshot: "{}",
      grant_amount: 0,
      requested_amount: n * 1_001,
      submitted_by: by,
      submitted_at: new Date(FIRST_DAY + (n % 40) * DAY),
    }));
  for (let i = 0; i < versions.length; i += 500)
    await db
      .insertInto("application_versions")
      .values(versions.slice(i, i + 500))
      .execute();
}

/** The total applied for under a filter, summed by the database itself. */
async function appliedTotal(db: Kysely<Database>, where: ReturnType<typeof sql>): Promise<{ n: number; sum: number }> {
  const { rows } = await sql<{ n: number; sum: number }>`
    select count(*)::int as n, coalesce(sum(v.requested_amount), 0)::bigint as sum
    from applications a join application_versions v on v.application_id = a.id and v.version = a.latest_version
    where a.state <> 'draft' and ${where}`.execute(db);
  return rows[0]!;
}

/** CSV lines split into cells (the test's names hold no commas or quotes). */
const csvRows = (text: string) =>
  text
    .slice(1)
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));

/** The page loader answers `data(…)` (with its Server-Timing header): its data, whatever the wrapping. */
const pageData = (answer: unknown): unknown => (answer && typeof answer === "object" && "data" in answer ? (answer as { data: unknown }).data : answer);

describe.each(ENGINES)("%s: the inbox as downloads and as the read API", (engine) => {
  let database: AppDatabase;
  const cookies: Record<"reviewer" | "prefecture" | "administrator", string> = { reviewer: "", prefecture: "", administrator: "" };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const users = {
      reviewer: await createUser(database.db, "reviewer"),
      prefecture: await createUser(database.db, "prefecture_officer"),
      administrator: await createUser(database.db, "administrator"),
    };
    for (const [who, user] of Object.entries(users)) {
      const session = await startSession(database.db, SESSIONS, user.id, { ip: null, userAgent: null });
      cookies[who as keyof typeof cookies] = `${SESSION_COOKIE}=${session.token}`;
    }
    // 140 applications: 120 submitted ones (more than two pages) of 令和8年度 and 令和7年度.
    await insertApplications(database.db, users.reviewer.id, 140);
  });
  afterAll(() => database.close());

  const contextOf = (db: Kysely<Database> = database.db) =>
    ({ db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS }) as unknown as AppLoadContext;

  /** A loader's answer, or what it threw (a redirect, a refusal). */
  async function call<T>(
    loader: (args: LoaderFunctionArgs) => Promise<T> | T,
    path: string,
    { cookie, db }: { cookie?: string; db?: Kysely<Database> } = {},
  ): Promise<T | Response> {
    const request = new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
    try {
      return await loader({ request, params: {}, context: contextOf(db) } as LoaderFunctionArgs);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  const download = async (loader: typeof csvLoader, path: string, cookie = cookies.reviewer) => (await call(loader, path, { cookie })) as Response;

  it("CSV: every application under the filter, beyond one page, opened in Excel's encoding, with the right totals", async () => {
    const response = await download(csvLoader, "/applications.csv?assignee=all&fiscalYear=2026");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="download\\.csv"; filename\\*=UTF-8''${encodeURIComponent("申請一覧_")}\\d{8}\\.csv$`),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = csvRows(new TextDecoder().decode(bytes));
    const expected = await appliedTotal(database.db, sql`a.fiscal_year = 2026`);
    expect(expected.n).toBeGreaterThan(2 * INBOX_PAGE_SIZE);
    const header = rows[0]!;
    const data = rows.slice(1, -1);
    expect(data).toHaveLength(expected.n);
    const applied = header.indexOf("申請額（円）");
    expect(data.reduce((sum, r) => sum + Number(r[applied]), 0)).toBe(expected.sum);
    expect(rows.at(-1)![0]).toBe(`合計（${expected.n}件）`);
    expect(Number(rows.at(-1)![applied])).toBe(expected.sum);
    // The 法人番号 of those that have one, and never a draft.
    expect(data.find((r) => r[0] === "出力テスト法人3")![header.indexOf("法人番号")]).toBe("3000000000003");
    expect(data.find((r) => r[0] === "出力テスト法人1")![header.indexOf("法人番号")]).toBe("");
    expect(data.some((r) => r[header.indexOf("状態")] === "作成中")).toBe(false);
  });

  it("CSV: the rows in the order of the page and its sort, state and year filters applied", async () => {
    const query = "fiscalYear=2026&state=submitted&state=reported&sort=applied";
    const rows = csvRows(await (await download(csvLoader, `/applications.csv?assignee=all&${query}`)).text());
    const page = pageData(await call(inboxPage, `/applications?assignee=all&${query}`, { cookie: cookies.reviewer })) as {
      kind: "reviewer";
      items: { organisation: string }[];
    };
    expect(rows.slice(1, 1 + INBOX_PAGE_SIZE).map((r) => r[0])).toEqual(page.items.map((i) => i.organisation));
    const expected = await appliedTotal(database.db, sql`a.fiscal_year = 2026 and a.state in ('submitted', 'reported')`);
    expect(rows.length - 2).toBe(expected.n);
    expect(Number(rows.at(-1)![10])).toBe(expected.sum);
  });

  it("Excel: opens with the same library, a frozen header, yen cells and a SUM total holding the right figure", async () => {
    const response = await download(xlsxLoader, "/applications.xlsx?assignee=all&fiscalYear=2026");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("申請一覧_")}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("申請一覧")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const expected = await appliedTotal(database.db, sql`a.fiscal_year = 2026`);
    expect(sheet.rowCount).toBe(expected.n + 2);
    expect(sheet.getCell("K1").value).toBe("申請額（円）");
    expect(sheet.getCell("K2").numFmt).toBe('#,##0"円"');
    expect(sheet.getCell(`A${expected.n + 2}`).value).toBe(`合計（${expected.n}件）`);
    expect(sheet.getCell(`K${expected.n + 2}`).value).toEqual({ formula: `SUM(K2:K${expected.n + 1})`, result: expected.sum });
    let sum = 0;
    for (let r = 2; r <= expected.n + 1; r++) sum += sheet.getCell(`K${r}`).value as number;
    expect(sum).toBe(expected.sum);
  });

  it("ignores filter values that cannot be ones, as the page does", async () => {
    const plain = await (await download(csvLoader, "/applications.csv?assignee=all")).text();
    const odd = await (
      await download(csvLoader, "/applications.csv?assignee=all&fiscalYear=abc&programme=x&state=bogus&prefecture=99&page=-1&sort=%00")
    ).text();
    expect(odd).toBe(plain);
  });

  it("are for reviewers and, to read, administrators: signed out, to the sign-in page; an applicant is refused", async () => {
    for (const loader of [csvLoader, xlsxLoader]) {
      const signedOut = (await call(loader, "/applications.csv?assignee=all&state=submitted")) as Response;
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/applications.csv?assignee=all&state=submitted")}`);
      expect(((await call(loader, "/applications.csv", { cookie: cookies.prefecture })) as Response).status).toBe(403);
    }
    // An administrator takes no application: with no 担当 in the address they get every application, as a reviewer asking for all does.
    const administrators = await (await download(csvLoader, "/applications.csv?state=submitted", cookies.administrator)).text();
    expect(administrators).toBe(await (await download(csvLoader, "/applications.csv?assignee=all&state=submitted")).text());
    expect(administrators.split("\r\n").length).toBeGreaterThan(10);
  });

  it("an administrator reads the inbox page itself: every application by default, and nothing to take", async () => {
    const administrators = pageData(await call(inboxPage, "/applications?state=submitted", { cookie: cookies.administrator })) as {
      kind: string;
      canAssign: boolean;
      total: number;
      filter: { assignee: unknown };
    };
    const reviewers = pageData(await call(inboxPage, "/applications?assignee=all&state=submitted", { cookie: cookies.reviewer })) as { total: number };
    expect(administrators).toMatchObject({ kind: "reviewer", canAssign: false, total: reviewers.total, filter: { assignee: "all" } });
    expect(pageData(await call(inboxPage, "/applications", { cookie: cookies.reviewer }))).toMatchObject({ canAssign: true, filter: { assignee: "me" } });
  });

  describe("GET /api/v1/applications", () => {
    const api = async (query: string, cookie?: string) => (await call(apiLoader, `/api/v1/applications${query}`, { cookie })) as Response;
    type PageData = {
      kind: "reviewer";
      items: { id: number; requestedAmount: number | null; state: string }[];
      counts: unknown;
      total: number;
      pages: number;
      filter: { page: number };
    };

    it("answers the page of the inbox for the same query: the same rows, counts and pages", async () => {
      for (const query of [
        "?assignee=all",
        "?assignee=all&page=2",
        "?assignee=all&fiscalYear=2026&state=submitted&state=decided&sort=applied",
        "?assignee=all&q=%E5%87%BA%E5%8A%9B%E3%83%86%E3%82%B9%E3%83%88%E6%B3%95%E4%BA%BA1&page=9",
      ]) {
        const response = await api(query, cookies.reviewer);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toContain("application/json");
        expect(response.headers.get("cache-control")).toBe("private, no-store");
        const body = await response.json();
        const page = pageData(await call(inboxPage, `/applications${query}`, { cookie: cookies.reviewer })) as PageData;
        expect(body.rows.map((r: { id: number }) => r.id)).toEqual(page.items.map((i) => i.id));
        expect(body.rows.map((r: { requestedAmount: number | null }) => r.requestedAmount)).toEqual(page.items.map((i) => i.requestedAmount));
        expect(body.rows.map((r: { state: string }) => r.state)).toEqual(page.items.map((i) => i.state));
        expect(body).toMatchObject({ page: page.filter.page, pages: page.pages, total: page.total, counts: page.counts, pageSize: INBOX_PAGE_SIZE });
      }
    });

    it("gives amounts as whole yen, instants in ISO 8601, states and programmes as codes with their labels", async () => {
      const body = await (await api("?assignee=all&state=submitted&fiscalYear=2026", cookies.reviewer)).json();
      expect(body.rows).toHaveLength(Math.min(body.total, INBOX_PAGE_SIZE));
      expect(body.total).toBeGreaterThan(10);
      expect(body.filter).toMatchObject({ fiscalYear: 2026, states: ["submitted"], programme: null, sort: "waiting", page: 1 });
      for (const row of body.rows) {
        expect(Number.isSafeInteger(row.requestedAmount)).toBe(true);
        expect(row.requestedAmount % 1_001).toBe(0);
        expect(row.firstSubmittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(row).toMatchObject({ state: "submitted", stateLabel: "提出済み", programme: "intermediary", fiscalYear: 2026, fiscalYearLabel: "令和8年度" });
        expect(Number.isInteger(row.daysWaiting)).toBe(true);
      }
      const withNumber = body.rows.find((r: { organisationName: string }) => r.organisationName === "出力テスト法人21");
      expect(withNumber).toMatchObject({ corporateNumber: "3000000000021", requestedAmount: 21_021 });
    });

    it("answers in JSON only: 401 signed out, 403 for applicants, 405 for other methods; an administrator reads it", async () => {
      const cases: [string | undefined, number, string][] = [
        [undefined, 401, "unauthorized"],
        ["grants_session=not-a-session", 401, "unauthorized"],
        [cookies.prefecture, 403, "forbidden"],
      ];
      const read = await api("?state=submitted", cookies.administrator);
      expect(read.status).toBe(200);
      expect((await read.json()).filter).toMatchObject({ assignee: "all" });
      for (const [cookie, status, error] of cases) {
        const response = await api("?assignee=all&state=submitted", cookie);
        expect([status, response.headers.get("content-type")]).toEqual([status, "application/json"]);
        expect(await response.json()).toEqual({ error, message: expect.any(String) });
      }
      const posted = apiAction();
      expect(posted.status).toBe(405);
      expect(posted.headers.get("allow")).toBe("GET");
      expect(await posted.json()).toMatchObject({ error: "method-not-allowed" });
    });
  });

  // Last: it adds 700 applications.
  it("reads all the rows in the same few queries whatever their number", async () => {
    const small = countingQueries(database.db);
    await call(csvLoader, "/applications.csv?assignee=all&state=submitted", { cookie: cookies.reviewer, db: small.db });
    await insertApplications(database.db, (await createUser(database.db, "reviewer")).id, 700, 1001);
    const large = countingQueries(database.db);
    const response = (await call(csvLoader, "/applications.csv?assignee=all&state=submitted", { cookie: cookies.reviewer, db: large.db })) as Response;
    expect(csvRows(await response.text()).length - 2).toBe((await appliedTotal(database.db, sql`a.state = 'submitted'`)).n);
    expect(large.count()).toBe(small.count());
    // The counts, the rows with their 法人番号, and the reviewers: one statement.
    const direct = countingQueries(database.db);
    const inbox = await reviewerInbox(direct.db, readInboxFilter(new URLSearchParams("assignee=all&state=submitted")), {
      viewerId: 0,
      today: "2026-06-01",
      allRows: true,
    });
    expect(inbox.rows.length).toBeGreaterThan(200);
    expect(direct.count()).toBe(1);
    const numbers = await database.db
      .selectFrom("applications")
      .innerJoin("organisations", "organisations.id", "applications.organisation_id")
      .select(["applications.id", "organisations.corporate_number"])
      .where("applications.state", "=", "submitted")
      .execute();
    expect(new Map(inbox.rows.map((row) => [row.id, row.corporate_number]))).toEqual(new Map(numbers.map((row) => [row.id, row.corporate_number])));
    expect(inbox.rows.filter((row) => row.corporate_number !== null).length).toBeGreaterThan(50);
  });
});
