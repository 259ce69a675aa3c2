import ExcelJS from "exceljs";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import type { SubmittedSnapshot } from "../../app/domain/submitted-version";
import { loader } from "../../app/routes/applications.$id_.versions.$version_.budget-statement[.]xlsx";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { MENU1_LINES, submittedApplication, type SubmittedApplication } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

describe.each(ENGINES)("%s: 所要額調書 of a submitted version as Excel", (engine) => {
  let database: AppDatabase;
  let app: SubmittedApplication;
  let snapshot: SubmittedSnapshot;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    app = await submittedApplication(database.db);
    snapshot = (
      await database.db
        .selectFrom("application_versions")
        .select("snapshot")
        .where("application_id", "=", app.id)
        .where("version", "=", 1)
        .executeTakeFirstOrThrow()
    ).snapshot;
    const others = { otherPrefecture: await createUser(database.db, "prefecture_officer"), administrator: await createUser(database.db, "administrator") };
    for (const [who, id] of Object.entries({
      officer: app.officer.id,
      reviewer: app.reviewer.id,
      ...Object.fromEntries(Object.entries(others).map(([k, u]) => [k, u.id])),
    })) {
      cookies[who] = `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, id, { ip: null, userAgent: null })).token}`;
    }
  });
  afterAll(() => database.close());

  async function get(who: string | null, id: string | number = app.id, version = "1"): Promise<Response> {
    const context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    const request = new Request(`http://localhost/applications/${id}/versions/${version}/budget-statement.xlsx`, {
      headers: who ? { cookie: cookies[who]! } : {},
    });
    return loader({ request, params: { id: String(id), version }, context } as LoaderFunctionArgs).catch((thrown: unknown) => {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    });
  }

  async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return workbook;
  }

  const resultNextTo = (sheet: ExcelJS.Worksheet, label: string): unknown => {
    let value: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === label) value ??= row.getCell(2).value;
    });
    const cell = value as { result?: number } | number;
    return typeof cell === "number" ? cell : cell?.result;
  };

  it("opens for the applicant with the snapshot's figures: totals and the grant as the 交付申請書 states them", async () => {
    const response = await get("officer");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(`所要額調書_${snapshot.organisation.name}_令和8年度_v1.xlsx`)}`,
    );
    const workbook = await workbookOf(response);
    const summary = workbook.getWorksheet("所要額調書")!;
    expect(summary.getCell("B4").value).toBe(snapshot.organisation.name);
    const c = snapshot.calculation;
    const total = MENU1_LINES.reduce((sum, line) => sum + line.amount, 0);
    expect(c.totalProjectCost).toBe(total);
    expect(resultNextTo(summary, "A　総事業費")).toBe(total);
    expect(resultNextTo(summary, "C　対象経費")).toBe(c.eligibleExpenses);
    expect(resultNextTo(summary, "E　選定額（C、A−B、Dのうち最も少ない額）")).toBe(c.selectedAmount);
    expect(resultNextTo(summary, "交付額（E×交付率、1,000円未満切り捨て）")).toBe(c.grantAmount);
    expect(resultNextTo(summary, "交付申請額")).toBe(snapshot.requestedAmount);
    expect(resultNextTo(summary, "合計")).toBe(total);

    const lines = workbook.getWorksheet("経費の内訳")!;
    expect(lines.getCell("D2").value).toBe(MENU1_LINES[0].amount);
    expect(lines.getCell("D5").value).toEqual({ formula: "SUM(D2:D4)", result: total });
  });

  it("opens for a reviewer the same way", async () => {
    const response = await get("reviewer");
    expect(response.status).toBe(200);
    expect(resultNextTo((await workbookOf(response)).getWorksheet("所要額調書")!, "交付申請額")).toBe(snapshot.requestedAmount);
  });

  it("does not exist for another organisation, for a version never submitted or an address that is no number", async () => {
    expect((await get("otherPrefecture")).status).toBe(404);
    expect((await get("officer", app.id, "2")).status).toBe(404);
    expect((await get("reviewer", app.id, "first")).status).toBe(404);
    expect((await get("reviewer", "not-a-number")).status).toBe(404);
  });

  it("sends the signed-out to the sign-in page; an administrator reads it as a reviewer does", async () => {
    const signedOut = await get(null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    const administrators = await get("administrator");
    expect(administrators.status).toBe(200);
    expect(administrators.headers.get("content-type")).toContain("spreadsheetml");
  });
});
