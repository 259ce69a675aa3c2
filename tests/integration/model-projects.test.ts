import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as apiLoader, action as apiAction } from "../../app/routes/api.v1.model-projects";
import { loader as pageLoader } from "../../app/routes/model-projects";
import { loader as csvLoader } from "../../app/routes/model-projects[.]csv";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { modelProjectSource, seedModelProjects } from "../../db/seed/model-projects";
import { SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

type Loader = (args: LoaderFunctionArgs) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON as sent, checked field by field
type ApiBody = Record<string, any>;

describe.each(ENGINES)("%s: the model projects' published results", (engine) => {
  let database: AppDatabase;
  let context: AppLoadContext;

  /** A signed-out request, as the public gets it. */
  const get = async (handler: Loader, path: string) => {
    const request = new Request(`http://localhost${path}`);
    return (await handler({ request, params: {}, context } as LoaderFunctionArgs)) as Response | Record<string, unknown>;
  };
  const json = async (path: string) => {
    const response = (await get(apiLoader as Loader, path)) as Response;
    return { status: response.status, body: (await response.json()) as ApiBody };
  };
  const page = async (path: string) => (await get(pageLoader as Loader, path)) as Awaited<ReturnType<typeof pageLoader>>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: true });
    context = { db: database.db, engine, clientIp: "192.0.2.30", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
  });
  afterAll(() => database?.close());

  it("stores the source's 令和5年度 participants and 令和4年度 totals as read, corrections applied", async () => {
    const source = modelProjectSource();
    const years = await database.db.selectFrom("model_project_years").selectAll().orderBy("fiscal_year").execute();
    expect(years).toEqual([
      { fiscal_year: 2022, prefecture_or_designated_city_count: 12, municipality_count: 17 },
      { fiscal_year: 2023, prefecture_or_designated_city_count: 4, municipality_count: 5 },
    ]);
    const rows = await database.db.selectFrom("model_project_participants").selectAll().orderBy("sort_order").execute();
    expect(rows).toHaveLength(9);
    expect(
      rows.map((r) => ({
        fiscalYear: r.fiscal_year,
        group: r.group,
        prefectureCode: r.prefecture_code,
        name: r.name,
        reading: r.reading,
        secondYear: r.second_year,
        currentSummary: r.current_summary,
        planSummary: r.plan_summary,
        partnersNote: r.partners_note,
      })),
    ).toEqual(source.participants);
    expect(rows.map((r) => r.sort_order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.find((r) => r.name === "飯山市")!.reading).toBe("いいやまし");
  });

  it("changes nothing when imported again", async () => {
    const snapshot = async () => ({
      years: (await sql`select * from model_project_years order by 1`.execute(database.db)).rows,
      participants: (await sql`select * from model_project_participants order by 1`.execute(database.db)).rows,
    });
    const before = await snapshot();
    await seedModelProjects(database.db);
    await seed(database.db, { demo: true });
    expect(await snapshot()).toEqual(before);
  });

  it("answers the page's participants as JSON, field by field, for everyone without signing in", async () => {
    const shown = await page("/model-projects");
    const { status, body } = await json("/api/v1/model-projects");

    expect(status).toBe(200);
    expect(shown.filter).toEqual({ fiscalYear: 2023, prefectureCode: null });
    expect(body).toMatchObject({ fiscalYear: 2023, fiscalYearLabel: "令和5年度", prefectureCode: null, listed: true });
    expect(body.totals).toEqual({ prefectureOrDesignatedCity: 4, municipality: 5, total: 9 });
    expect(body.participants).toHaveLength(9);
    const fields = ["group", "prefectureCode", "name", "reading", "secondYear", "currentSummary", "planSummary", "partnersNote"] as const;
    const pick = (p: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, p[f]]));
    expect(body.participants.map(pick)).toEqual(shown.participants.map((p) => pick(p as unknown as Record<string, unknown>)));
    expect(body.participants.filter((p: { secondYear: boolean }) => p.secondYear).map((p: { name: string }) => p.name)).toEqual(["北九州市", "鳥取市"]);
    expect(body.participants[0]).toMatchObject({ groupLabel: "都道府県・政令指定都市", prefectureName: "富山県" });
    expect(shown.chart).toMatch(/^<svg aria-hidden="true"/);
    expect(shown.counts.find((c) => c.prefectureCode === "40")).toMatchObject({ prefectureOrDesignatedCity: 2, municipality: 0, total: 2 });
  });

  it("filters by prefecture on the page, in the JSON and in the CSV alike", async () => {
    const shown = await page("/model-projects?fiscalYear=2023&prefecture=40");
    const { body } = await json("/api/v1/model-projects?fiscalYear=2023&prefecture=40");
    expect(shown.participants.map((p) => p.name)).toEqual(["北九州市", "福岡市"]);
    expect(body.participants.map((p: { name: string }) => p.name)).toEqual(["北九州市", "福岡市"]);
    expect(body.prefectureCode).toBe("40");
    // The totals and the chart stay the whole year's.
    expect(body.totals.total).toBe(9);
    expect(shown.counts).toHaveLength(8);

    const csv = await ((await get(csvLoader as Loader, "/model-projects.csv?fiscalYear=2023&prefecture=40")) as Response).text();
    expect(
      csv
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[5]),
    ).toEqual(["北九州市", "福岡市"]);

    const none = await json("/api/v1/model-projects?fiscalYear=2023&prefecture=01");
    expect(none.body.participants).toEqual([]);
  });

  it("shows a year published only as totals with its totals and no list", async () => {
    const shown = await page("/model-projects?fiscalYear=2022");
    const { status, body } = await json("/api/v1/model-projects?fiscalYear=2022");
    expect(shown).toMatchObject({
      listed: false,
      participants: [],
      chart: null,
      totals: { fiscalYear: 2022, prefectureOrDesignatedCity: 12, municipality: 17 },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fiscalYear: 2022, listed: false, participants: [], totals: { prefectureOrDesignatedCity: 12, municipality: 17, total: 29 } });
  });

  it("refuses a malformed year or prefecture (400) and does not find a year without data (404), with Japanese messages", async () => {
    for (const query of ["fiscalYear=R5", "fiscalYear=20233", "fiscalYear=", "prefecture=48", "prefecture=1"]) {
      const { status, body } = await json(`/api/v1/model-projects?${query}`);
      expect(status, query).toBe(400);
      expect(body.message).toMatch(/[ぁ-んァ-ン一-龠]/);
    }
    expect((await json("/api/v1/model-projects?fiscalYear=R5")).body).toEqual({
      error: "invalid-fiscal-year",
      message: "fiscalYear は西暦の4桁（例: 2023）で指定してください。",
    });
    const missing = await json("/api/v1/model-projects?fiscalYear=2030");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/公表されていません/);
    // The page does not refuse: it shows the latest year.
    expect((await page("/model-projects?fiscalYear=R5")).filter.fiscalYear).toBe(2023);

    const post = apiAction() as Response;
    expect(post.status).toBe(405);
  });

  it("downloads the year's participants as CSV in UTF-8 with a BOM, one row each", async () => {
    const response = (await get(csvLoader as Loader, "/model-projects.csv?fiscalYear=2023")) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(decodeURIComponent(response.headers.get("Content-Disposition")!)).toContain("モデル事業取組団体_令和5年度.csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("年度,西暦年度,区分,都道府県コード,都道府県,団体名,ふりがな,2年目,現状（これまでの取組）,今後の取組,連携する団体");
    expect(lines).toHaveLength(10);
    expect(lines[6]).toMatch(/^令和5年度,2023,市区町村（政令指定都市除く）,20,長野県,飯山市,いいやまし,いいえ,これまで、/);
    expect(lines[8]).toMatch(/^令和5年度,2023,市区町村（政令指定都市除く）,31,鳥取県,鳥取市,とっとりし,はい,/);
    expect(lines[8]).toContain("兵庫県美方郡新温泉町（みかたぐんしんおんせんちょう）");
  });
});
