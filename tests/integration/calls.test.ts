import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { parseJapanDateTime } from "../../app/domain/japan-time";
import type { CallInput } from "../../app/forms/call";
import { createCall, findCall, listCalls, updateCall, CALLS_PAGE_SIZE } from "../../app/models/calls.server";
import { action as editAction } from "../../app/routes/admin.calls.$id";
import { action as createAction } from "../../app/routes/admin.calls.new";
import { loader as publicCall } from "../../app/routes/calls.$id";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.40";

const CALL: CallInput = {
  kind: "model-platform",
  fiscalYear: 2026,
  title: "令和8年度 地方版孤独・孤立対策官民連携プラットフォーム推進事業",
  description: "プラットフォームの構築と普及活動",
  eligibility: "市区町村",
  opensAt: parseJapanDateTime("2026-12-01T10:00"),
  closesAt: parseJapanDateTime("2027-01-15T17:00"),
  ceilingPerProject: 5_000_000,
  totalBudget: 45_000_000,
  projectsSought: 9,
  criteria: [
    { name: "先進性", weight: 40 },
    { name: "実現可能性", weight: 60 },
  ],
};

const FORM = {
  kind: "model-npo",
  fiscalYear: "2026",
  title: "NPO等の取組モデル",
  description: "居場所づくり",
  eligibility: "NPO法人等",
  opensAt: "2027-01-12T10:00",
  closesAt: "2027-02-12T17:00",
  ceilingPerProject: "9,999,999,999",
  totalBudget: "10,000,000,000",
  projectsSought: "1",
  "criteria.0.name": "先進性",
  "criteria.0.weight": "100",
};

const BEFORE_OPENING = parseJapanDateTime("2026-11-30T12:00");

describe.each(ENGINES)("%s: calls for proposals", (engine) => {
  let database: TestDatabase;
  let admin: Awaited<ReturnType<typeof createUser>>;
  const actor = () => ({ userId: admin.id, organisationId: admin.organisationId, ip: IP });

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    admin = await createUser(database.db, "administrator");
  });
  afterEach(() => database.close());

  const audit = () =>
    database.db.selectFrom("audit_events").select(["action", "record_id", "details"]).where("action", "like", "call.%").orderBy("id").execute();

  const post = async (path: string, who: { id: number }, fields: Record<string, string>, run: (args: ActionFunctionArgs) => Promise<unknown>, params = {}) => {
    const { token } = await startSession(database.db, SESSIONS, who.id, { ip: null, userAgent: null });
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { cookie: `${SESSION_COOKIE}=${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    const context = { db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
    try {
      return (await run({ request, params, context } as ActionFunctionArgs)) as
        Response | { data: { errors: Record<string, { message: string }>; values: Record<string, unknown> }; init: ResponseInit };
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  it("an administrator opens a call from the form: amounts exact to the yen beyond 2^31, the criteria in order, audited", async () => {
    const response = (await post("/admin/calls/new", admin, FORM, createAction)) as Response;
    expect(response.status).toBe(302);
    const id = Number(/\/admin\/calls\/(\d+)\?notice=created$/.exec(response.headers.get("location")!)![1]);
    expect(await findCall(database.db, id)).toEqual({
      id,
      kind: "model-npo",
      fiscalYear: 2026,
      title: "NPO等の取組モデル",
      description: "居場所づくり",
      eligibility: "NPO法人等",
      opensAt: new Date("2027-01-12T01:00:00Z"),
      closesAt: new Date("2027-02-12T08:00:00Z"),
      ceilingPerProject: 9_999_999_999,
      totalBudget: 10_000_000_000,
      projectsSought: 1,
      criteria: [{ name: "先進性", weight: 100 }],
    });
    const [event] = await audit();
    expect(event).toMatchObject({
      action: "call.created",
      record_id: String(id),
      details: { title: "NPO等の取組モデル", totalBudget: 10_000_000_000, opensAt: "2027-01-12T01:00:00.000Z" },
    });
  });

  it("a refused form keeps what was typed and says what is wrong at each field; nothing is written", async () => {
    const typed = { ...FORM, closesAt: "2027-01-01T10:00", totalBudget: "1,000", "criteria.0.weight": "101" };
    const refused = await post("/admin/calls/new", admin, typed, createAction);
    expect(refused).toMatchObject({
      init: { status: 400 },
      data: {
        errors: {
          closesAt: { message: "締切日時は公募開始日時より後にしてください。" },
          ceilingPerProject: { message: "1件あたりの上限額は予算総額以下にしてください。" },
          criteria: [{ weight: { message: "1行目の配点は1から100までの整数で入力してください。" } }],
        },
        values: { closesAt: "2027-01-01T10:00", totalBudget: "1,000", criteria: [{ name: "先進性", weight: "101" }] },
      },
    });
    // A year that is not registered is refused at its field by the service.
    expect(await post("/admin/calls/new", admin, { ...FORM, fiscalYear: "2099" }, createAction)).toMatchObject({
      init: { status: 400 },
      data: { errors: { fiscalYear: { message: "この年度は登録されていません。" } } },
    });
    expect(await database.db.selectFrom("calls").select("id").execute()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("only an administrator opens or changes a call", async () => {
    for (const role of ["reviewer", "proposer_officer", "prefecture_officer"] as const) {
      const someone = await createUser(database.db, role);
      expect(((await post("/admin/calls/new", someone, FORM, createAction)) as Response).status, role).toBe(403);
    }
    expect(await database.db.selectFrom("calls").select("id").execute()).toEqual([]);
  });

  it("is changed until it opens, with what it was and what it became in the trail; once open it stays as published", async () => {
    const created = await createCall(database.db, actor(), CALL);
    if (created.status !== "done") throw new Error("not created");
    const changed = { ...CALL, totalBudget: 50_000_000, criteria: [...CALL.criteria, { name: "波及効果", weight: 10 }] };
    expect(await updateCall(database.db, actor(), created.id, changed, BEFORE_OPENING)).toEqual({ status: "done" });
    expect((await findCall(database.db, created.id))!.criteria.map((c) => c.name)).toEqual(["先進性", "実現可能性", "波及効果"]);
    const [, updated] = await audit();
    expect(updated!.details).toMatchObject({ before: { totalBudget: 45_000_000 }, after: { totalBudget: 50_000_000 } });

    const opened = parseJapanDateTime("2026-12-01T10:00");
    expect(await updateCall(database.db, actor(), created.id, { ...changed, title: "変更" }, opened)).toEqual({
      status: "refused",
      reason: "この公募は既に始まっているため、変更できません。",
    });
    expect((await findCall(database.db, created.id))!.title).toBe(CALL.title);
    expect(await audit()).toHaveLength(2);
    expect(await updateCall(database.db, actor(), 987_654, CALL, BEFORE_OPENING)).toEqual({ status: "not-found" });
  });

  it("a change posted after the call opened is refused with its message and what was typed", async () => {
    const created = await createCall(database.db, actor(), { ...CALL, opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 86_400_000) });
    if (created.status !== "done") throw new Error("not created");
    const refused = await post(`/admin/calls/${created.id}`, admin, { ...FORM, title: "後からの変更" }, editAction, { id: String(created.id) });
    expect(refused).toMatchObject({
      init: { status: 409 },
      data: { errors: { form: { message: "この公募は既に始まっているため、変更できません。" } }, values: { title: "後からの変更" } },
    });
  });

  it("is published when it opens: before that nobody but the administrator sees it", async () => {
    const now = new Date();
    const hour = 3_600_000;
    const window = (opens: number, closes: number) => ({
      ...CALL,
      opensAt: new Date(now.getTime() + opens * hour),
      closesAt: new Date(now.getTime() + closes * hour),
    });
    const ids: Record<string, number> = {};
    for (const [name, input] of Object.entries({
      scheduled: window(1, 72),
      open: window(-1, 48),
      npoOpen: { ...window(-2, 24), kind: "model-npo" as const },
      closed: window(-48, -1),
    })) {
      const created = await createCall(database.db, actor(), { ...input, title: name });
      if (created.status === "done") ids[name] = created.id;
    }
    const titles = async (options: Parameters<typeof listCalls>[1]) => (await listCalls(database.db, options)).calls.map((c) => c.title);
    expect(await titles({})).toEqual(["scheduled", "open", "npoOpen", "closed"]);
    expect(await titles({ publishedBy: now })).toEqual(["open", "npoOpen", "closed"]);
    expect(await titles({ publishedBy: now, openOnly: true })).toEqual(["open", "npoOpen"]);
    expect(await titles({ publishedBy: now, openOnly: true, kinds: ["model-npo"] })).toEqual(["npoOpen"]);
    expect(await titles({ publishedBy: now, openOnly: true, kinds: [] })).toEqual([]);

    const page = (id: number) =>
      publicCall({
        request: new Request(`http://localhost/calls/${id}`),
        params: { id: String(id) },
        context: { db: database.db, sessions: SESSIONS },
      } as unknown as LoaderFunctionArgs).catch((thrown: unknown) => thrown);
    expect(((await page(ids.scheduled!)) as Response).status).toBe(404);
    expect(await page(ids.open!)).toMatchObject({ call: { title: "open" }, phase: "open", eligible: ["市区町村"], signedIn: false });
    expect(await page(ids.closed!)).toMatchObject({ phase: "closed", left: null });
  });

  it("pages the list on the server, the same number of rows whatever the total", async () => {
    for (let i = 0; i < CALLS_PAGE_SIZE + 3; i++) await createCall(database.db, actor(), { ...CALL, title: `公募${i}` });
    const first = await listCalls(database.db, { page: 1 });
    const second = await listCalls(database.db, { page: 2 });
    expect([first.calls.length, second.calls.length, first.total]).toEqual([CALLS_PAGE_SIZE, 3, CALLS_PAGE_SIZE + 3]);
    expect(new Set([...first.calls, ...second.calls].map((c) => c.id)).size).toBe(CALLS_PAGE_SIZE + 3);
  });
});
