import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { DEFAULT_DOCUMENT_SETTINGS, type DocumentSettings } from "../../app/domain/document-settings";
import { parseJapanDateTime } from "../../app/domain/japan-time";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { readSnapshot, submittedVersionOf } from "../../app/domain/submitted-version";
import { applicationOverview } from "../../app/models/application-overview.server";
import { createApplication, getVersion, saveDraft, submitApplication } from "../../app/models/applications.server";
import { grantDeadlineExtension } from "../../app/models/deadline-extensions.server";
import { listProceedings, takeProceedingStep } from "../../app/models/proceedings.server";
import {
  documentSettingsFor,
  listProgrammeParameters,
  listProgrammeYears,
  saveDocumentSettings,
  saveProgrammeYear,
  startNextYear,
} from "../../app/models/programme-parameters.server";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { renderPdf } from "../../app/pdf/render.server";
import { action as startAction } from "../../app/routes/admin.programmes._index";
import { action as parametersAction } from "../../app/routes/admin.programmes.$year_.$programme";
import { loader as homeLoader } from "../../app/routes/_index";
import { migrateDown, migrateToLatest } from "../../db/migrator";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { pdfText } from "./support/pdf-text";
import { attachRequired, completeMenu1, DURING_CALL, openCall, submittedApplication } from "./support/submitted-application";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.60";
const MENU2_2026 = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.fiscalYear === 2026 && p.programme === "intermediary")!;
const MENU1_2026 = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.fiscalYear === 2026 && p.programme === "prefectural")!;

/** The Menu 2 form of 令和8年度 as the administrator's page shows it, with the changes a test makes. */
const menu2Form = (change: Record<string, string> = {}) => ({
  rateNumerator: "2",
  rateDenominator: "3",
  baseAmount: "9,000,000",
  ceiling: "6,000,000",
  programmeBudget: "60,000,000",
  assetRestrictionThreshold: "500,000",
  opensAt: "",
  closesAt: "",
  reportDueDays: "",
  reportLatestMonthDay: "04-10",
  changeThresholdPercent: "20",
  outsourcingWarningPercent: "50",
  ...change,
});

type ActionAnswer = Response | { data: { errors: Record<string, { message: string }>; values: Record<string, unknown> }; init: ResponseInit };

describe.each(ENGINES)("%s: programme years", (engine) => {
  let database: TestDatabase;
  let admin: Awaited<ReturnType<typeof createUser>>;
  const actor = () => ({ userId: admin.id, organisationId: admin.organisationId, ip: IP });

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    admin = await createUser(database.db, "administrator");
  });
  afterEach(() => database.close());

  const context = (extra: Record<string, unknown> = {}) =>
    ({ db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS, ...extra }) as unknown as AppLoadContext;

  const post = async (
    path: string,
    fields: Record<string, string>,
    run: (args: ActionFunctionArgs) => Promise<unknown>,
    params = {},
  ): Promise<ActionAnswer> => {
    const { token } = await startSession(database.db, SESSIONS, admin.id, { ip: null, userAgent: null });
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { cookie: `${SESSION_COOKIE}=${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    try {
      return (await run({ request, params, context: context() } as ActionFunctionArgs)) as ActionAnswer;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const postParameters = (fields: Record<string, string>) =>
    post("/admin/programmes/2026/intermediary", fields, parametersAction, { year: "2026", programme: "intermediary" });
  const messages = (answer: ActionAnswer) => {
    if (answer instanceof Response) throw new Error(`expected a refused form, got ${answer.status}`);
    return Object.fromEntries(Object.entries(answer.data.errors).map(([field, e]) => [field, e.message]));
  };
  const audit = (like: string) =>
    database.db.selectFrom("audit_events").select(["action", "record_id", "details"]).where("action", "like", like).orderBy("id").execute();

  it("refuses a ceiling that is not base amount × rate at the ceiling field, keeps what was typed and changes nothing", async () => {
    const answer = await postParameters(menu2Form({ ceiling: "6,500,000" }));

    expect(answer).not.toBeInstanceOf(Response);
    expect(messages(answer)).toEqual({ ceiling: "交付上限額は交付基準額×交付率（6,000,000円）と同じ額にしてください。" });
    expect((answer as Exclude<ActionAnswer, Response>).data.values).toMatchObject({ ceiling: "6,500,000", baseAmount: "9,000,000" });
    expect(await listProgrammeParameters(database.db, 2026)).toEqual(DEFAULT_PROGRAMME_PARAMETERS.filter((p) => p.fiscalYear === 2026));
    expect(await audit("programme_parameters.%")).toEqual([]);
  });

  it("answers each bad value with a Japanese message at its own field", async () => {
    const answer = await postParameters(
      menu2Form({ programmeBudget: "1.5億", reportLatestMonthDay: "02-30", changeThresholdPercent: "0", opensAt: "2027-04-31T10:00" }),
    );
    expect(messages(answer)).toEqual({
      programmeBudget: expect.stringContaining("予算額"),
      opensAt: "受付開始日時は日付と時刻（例：2027-01-10 09:00）で入力してください。",
      reportLatestMonthDay: "実績報告の最終期限は月-日（例：04-10）で入力してください。",
      changeThresholdPercent: "変更交付申請が必要となる増減の割合は1%から100%までの整数で入力してください。",
    });

    // Rules between fields, once each field reads.
    const rate = await postParameters(menu2Form({ rateNumerator: "3", rateDenominator: "2", opensAt: "2027-04-01T10:00" }));
    expect(messages(rate)).toEqual({
      rateNumerator: "交付率の分子は分母以下にしてください（交付率は1以下です）。",
      closesAt: "受付期間は開始と終了の両方を入力してください（未定のときは両方とも空欄にします）。",
    });
    const backwards = await postParameters(menu2Form({ opensAt: "2027-04-01T10:00", closesAt: "2027-04-01T09:00" }));
    expect(messages(backwards)).toEqual({ closesAt: "受付終了日時は受付開始日時より後にしてください。" });

    const uneven = await postParameters(menu2Form({ baseAmount: "9,000,001", ceiling: "6,000,000" }));
    expect(messages(uneven)).toEqual({ baseAmount: expect.stringContaining("1円単位で割り切れません") });
  });

  it("saves the programme-year from the form, window in Japan time, with the figures before and after in the audit trail", async () => {
    const answer = await postParameters(
      menu2Form({
        programmeBudget: "65,000,000",
        opensAt: "2026-04-01T09:00",
        closesAt: "2026-05-29T17:00",
        reportDueDays: "30",
        changeThresholdPercent: "25",
      }),
    );

    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).headers.get("Location")).toBe("/admin/programmes/2026?notice=saved");
    const after = { ...MENU2_2026, programmeBudget: 65_000_000, reportDueDays: 30, changeThresholdPercent: 25 };
    const [saved] = (await listProgrammeYears(database.db, [2026])).filter((p) => p.parameters.programme === "intermediary");
    expect(saved).toEqual({
      parameters: after,
      window: { opensAt: new Date("2026-04-01T00:00:00Z"), closesAt: new Date("2026-05-29T08:00:00Z") },
      inUse: false,
    });
    expect(await audit("programme_parameters.%")).toEqual([
      {
        action: "programme_parameters.updated",
        record_id: "2026/intermediary",
        details: {
          before: MENU2_2026,
          after,
          windowBefore: null,
          windowAfter: { opensAt: "2026-04-01T00:00:00.000Z", closesAt: "2026-05-29T08:00:00.000Z" },
        },
      },
    ]);
  });

  it("starts the next year as a copy of a year's parameters and document settings, without a window, and refuses a second start", async () => {
    const settings: DocumentSettings = { ...DEFAULT_DOCUMENT_SETTINGS, signatoryName: "山田　太郎", sealOmitted: true };
    await saveDocumentSettings(database.db, actor(), 2026, settings);

    const started = await post("/admin/programmes", { intent: "start-next-year", fromYear: "2026" }, startAction);
    expect(started).toBeInstanceOf(Response);
    expect((started as Response).headers.get("Location")).toBe("/admin/programmes/2027?notice=started");

    expect(await listProgrammeYears(database.db, [2027])).toEqual(
      DEFAULT_PROGRAMME_PARAMETERS.filter((p) => p.fiscalYear === 2026).map((p) => ({ parameters: { ...p, fiscalYear: 2027 }, window: null, inUse: false })),
    );
    expect(await documentSettingsFor(database.db, 2027)).toEqual(settings);
    expect(await audit("programme_year.%")).toEqual([
      expect.objectContaining({ action: "programme_year.started", record_id: "2027", details: expect.objectContaining({ from: 2026 }) }),
    ]);

    const again = await post("/admin/programmes", { intent: "start-next-year", fromYear: "2026" }, startAction);
    expect(again).toMatchObject({ data: { message: expect.stringContaining("すでに始まっています") }, init: { status: 409 } });
    expect(await startNextYear(database.db, actor(), 2026)).toEqual({ status: "refused", reason: expect.stringContaining("すでに始まっています") });
    expect(await audit("programme_year.%")).toHaveLength(1);
  });

  it("refuses to change the calculation parameters once a version was submitted under them; the version keeps its own, and the budget still changes", async () => {
    const app = await submittedApplication(database.db);
    const menu1Form = {
      ...menu2Form(),
      rateNumerator: "1",
      rateDenominator: "2",
      baseAmount: "10,000,000",
      ceiling: "5,000,000",
      programmeBudget: "70,000,000",
    };
    const refused = await post("/admin/programmes/2026/prefectural", menu1Form, parametersAction, { year: "2026", programme: "prefectural" });
    expect(messages(refused)).toEqual({
      baseAmount: "この年度の申請がすでに提出されているため、交付基準額は変更できません（提出された申請はその時の値で計算されています）。",
      ceiling: "この年度の申請がすでに提出されているため、交付上限額は変更できません（提出された申請はその時の値で計算されています）。",
    });
    expect(await listProgrammeParameters(database.db, 2026)).toContainEqual(MENU1_2026);

    const budget = await saveProgrammeYear(database.db, actor(), { ...MENU1_2026, programmeBudget: 80_000_000, changeThresholdPercent: 30 });
    expect(budget).toEqual({ status: "done" });
    // The other programme, with nothing submitted under it, still changes.
    expect(await saveProgrammeYear(database.db, actor(), { ...MENU2_2026, baseAmount: 12_000_000, ceiling: 8_000_000 })).toEqual({ status: "done" });

    const version = await getVersion(database.db, app.id, 1);
    const submitted = submittedVersionOf(version!.snapshot, version!.submitted_at);
    expect(submitted.parameters).toEqual(MENU1_2026);
    expect(submitted.parameters.changeThresholdPercent).toBe(20);
  });

  it("reads a version submitted before the programme-year's newer rules with those rules at their old values", () => {
    const { changeThresholdPercent: _c, reportDueDays: _d, reportLatestMonthDay: _l, ...older } = MENU1_2026;
    const snapshot = { parameters: older, draft: completeMenu1() } as unknown as Parameters<typeof readSnapshot>[0];
    expect(readSnapshot(snapshot).parameters).toEqual(MENU1_2026);
  });

  it("accepts a submission after the window closes only within the organisation's own extension, which it sees with its reason", async () => {
    await openCall(database.db); // closes at the end of 2026-12-25 in Japan
    const afterClosing = parseJapanDateTime("2026-12-26T10:00");
    const draftOf = async () => {
      const officer = await createUser(database.db, "prefecture_officer");
      const created = await createApplication(database.db, officer.viewer, IP, 2026, DURING_CALL);
      if (created.status !== "done") throw new Error(JSON.stringify(created));
      const saved = await saveDraft(database.db, officer.viewer, IP, created.id, { revision: 1, draft: completeMenu1() }, DURING_CALL);
      if (saved.status !== "done") throw new Error(saved.status);
      await attachRequired(database.db, officer, created.id);
      const submit = (at: Date) => submitApplication(database.db, officer.viewer, IP, created.id, { revision: saved.revision, acknowledgeWarnings: true }, at);
      return { officer, submit };
    };
    const extended = await draftOf();
    const other = await draftOf();

    expect(await extended.submit(afterClosing)).toEqual({ status: "refused", reason: expect.stringContaining("締め切りました") });
    expect(
      await grantDeadlineExtension(database.db, actor(), {
        organisationId: extended.officer.organisationId,
        fiscalYear: 2026,
        closesAt: parseJapanDateTime("2026-12-25T12:00"),
        reason: "早すぎる延長",
      }),
    ).toEqual({ status: "invalid", errors: { closesAt: "延長後の締切日時は、受付終了日時より後にしてください。" } });
    const extension = {
      organisationId: extended.officer.organisationId,
      fiscalYear: 2026,
      closesAt: parseJapanDateTime("2026-12-28T17:00"),
      reason: "大雪による庁舎閉鎖のため",
    };
    expect(await grantDeadlineExtension(database.db, actor(), extension)).toEqual({ status: "done" });

    expect(await applicationOverview(database.db, extended.officer.viewer, 2026, afterClosing)).toMatchObject({
      extension: { fiscalYear: 2026, closesAt: "令和8年12月28日 17:00", reason: "大雪による庁舎閉鎖のため" },
    });
    expect((await applicationOverview(database.db, other.officer.viewer, 2026, afterClosing)).extension).toBeNull();

    expect(await other.submit(afterClosing)).toEqual({ status: "refused", reason: expect.stringContaining("令和8年12月25日 23:59で締め切りました") });
    expect(await extended.submit(parseJapanDateTime("2026-12-28T17:01"))).toEqual({
      status: "refused",
      reason: expect.stringContaining("令和8年12月28日 17:00で締め切りました"),
    });
    expect(await extended.submit(afterClosing)).toEqual({ status: "done", version: 1 });

    expect(await audit("deadline_extension.%")).toEqual([
      {
        action: "deadline_extension.granted",
        record_id: `2026/prefectural/${extended.officer.organisationId}`,
        details: { before: null, after: { closesAt: "2026-12-28T08:00:00.000Z", reason: "大雪による庁舎閉鎖のため" } },
      },
    ]);
  });

  it("prints the fiscal year's document settings, and a record keeps the settings it was made with", async () => {
    const settings: DocumentSettings = {
      ...DEFAULT_DOCUMENT_SETTINGS,
      signatoryName: "山田　太郎",
      sealOmitted: true,
      documentNumberPrefix: "府孤地",
      forms: { ...DEFAULT_DOCUMENT_SETTINGS.forms, application: "様式第1号の2", decision: "様式第3号" },
      articles: { ...DEFAULT_DOCUMENT_SETTINGS.articles, application: "第5条", decision: "第8条" },
    };
    expect(await saveDocumentSettings(database.db, actor(), 2026, settings)).toEqual({ status: "done" });
    const app = await submittedApplication(database.db);
    const decided = await takeProceedingStep(
      database.db,
      app.reviewer.viewer,
      IP,
      app.id,
      "decide",
      { decidedAmount: 1_000_000, conditions: "" },
      parseJapanDateTime("2026-12-10T10:00"),
    );
    expect(decided).toMatchObject({ status: "done" });

    const [decision] = await listProceedings(database.db, app.id);
    const noticeBytes = await renderPdf(proceedingDocument(decision!.record));
    const notice = (await pdfText(noticeBytes)).pages.join("");
    expect(notice).toContain("様式第3号");
    expect(notice).toContain("府孤地第1号");
    // Text read back from a PDF has ordinary spaces where the document has full-width ones.
    expect(notice).toMatch(/内閣総理大臣\s山田\s太郎（公印省略）/);
    expect(notice).toContain("（公印省略）");
    expect(notice.replace(/\s+/g, "")).toContain("孤独・孤立対策推進交付金交付要綱第8条及び補助金等に係る予算の執行の適正化に関する法律");

    const version = await getVersion(database.db, app.id, 1);
    const snapshot = readSnapshot(version!.snapshot);
    const form = (
      await pdfText(
        await renderPdf(
          applicationFormDocument({
            version: 1,
            programme: snapshot.programme,
            fiscalYear: snapshot.fiscalYear,
            organisation: snapshot.organisation,
            draft: snapshot.draft,
            calculation: snapshot.calculation,
            requestedAmount: snapshot.requestedAmount,
            date: snapshot.submittedAt,
            documents: snapshot.documents,
          }),
        ),
      )
    ).pages[0]!;
    expect(form).toContain("様式第1号の2");
    expect(form).toMatch(/内閣総理大臣\s山田\s太郎\s殿/);
    expect(form).toContain("交付要綱第5条の規定に基づき");

    // Later settings are for later records: the notice already made prints the same bytes.
    await saveDocumentSettings(database.db, actor(), 2026, DEFAULT_DOCUMENT_SETTINGS);
    const [again] = await listProceedings(database.db, app.id);
    expect(Buffer.from(await renderPdf(proceedingDocument(again!.record))).equals(Buffer.from(noticeBytes))).toBe(true);
    expect(await audit("document_settings.%")).toHaveLength(2);
  });

  it("shows the current fiscal year's menus, and the next year's once it has started, on the home page", async () => {
    await startNextYear(database.db, actor(), 2026);
    await saveProgrammeYear(
      database.db,
      actor(),
      { ...MENU1_2026, fiscalYear: 2027 },
      {
        opensAt: parseJapanDateTime("2027-04-01T10:00"),
        closesAt: parseJapanDateTime("2027-05-31T17:00"),
      },
    );
    const home = async (override: number) =>
      (await homeLoader({ request: new Request("http://localhost/"), params: {}, context: context({ fiscalYearOverride: override }) } as never)) as {
        years: { fiscalYear: number; programmes: { programme: string; window: string }[] }[];
      };
    const in2026 = await home(2026);
    expect(in2026.years.map((y) => y.fiscalYear)).toEqual([2026, 2027]);
    expect(in2026.years[1]!.programmes.find((p) => p.programme === "prefectural")!.window).toBe("令和9年4月1日 10:00 〜 令和9年5月31日 17:00");
    expect((await home(2027)).years.map((y) => y.fiscalYear)).toEqual([2027]);
  });

  it("starts the demo's current year from the latest one when the date has moved past the demo data, and leaves a started year alone", async () => {
    await seed(database.db, { demo: true, fiscalYear: 2027 });
    const years = await listProgrammeYears(database.db, [2027]);
    expect(years.map((y) => y.parameters)).toEqual(DEFAULT_PROGRAMME_PARAMETERS.filter((p) => p.fiscalYear === 2026).map((p) => ({ ...p, fiscalYear: 2027 })));
    expect(years.map((y) => y.window)).toEqual([0, 1].map(() => ({ opensAt: new Date("2027-03-31T15:00:00Z"), closesAt: new Date("2028-03-31T14:59:00Z") })));
    await seed(database.db, { demo: true, fiscalYear: 2026 });
    expect(await listProgrammeYears(database.db, [2028])).toEqual([]);
  });

  it("carries dates of an earlier window over as instants in Japan time, and back", async () => {
    // Later migrations (if any) are undone first, down to and including this one.
    const undoProgrammeYears = async () => {
      while ((await migrateDown(database.db))[0] !== "2026_12_05_016_programme_years");
    };
    await undoProgrammeYears();
    await sql`update programme_parameters set application_opens_on = '2026-04-01', application_closes_on = '2026-12-25' where fiscal_year = 2026`.execute(
      database.db,
    );
    await migrateToLatest(database.db);
    const [window] = (await listProgrammeYears(database.db, [2026])).map((p) => p.window);
    expect(window).toEqual({ opensAt: new Date("2026-03-31T15:00:00.000Z"), closesAt: new Date("2026-12-25T14:59:59.999Z") });
    await undoProgrammeYears();
    const { rows } = await sql<{
      opens: string;
      closes: string;
    }>`select application_opens_on::text as opens, application_closes_on::text as closes from programme_parameters where fiscal_year = 2026`.execute(
      database.db,
    );
    expect(rows).toEqual([
      { opens: "2026-04-01", closes: "2026-12-25" },
      { opens: "2026-04-01", closes: "2026-12-25" },
    ]);
    await migrateToLatest(database.db);
  });
});
