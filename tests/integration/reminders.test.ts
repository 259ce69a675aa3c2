import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApplication } from "../../app/models/applications.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import { runDailyReminders } from "../../app/models/reminders.server";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { DURING_CALL, openCall, submittedApplication, type TestUser } from "./support/submitted-application";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

/** An instant at hh:mm in Japan on a date. */
const jst = (date: string, time = "08:00") => new Date(`${date}T${time}:00+09:00`);

describe.each(ENGINES)("%s: daily reminders", (engine) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
  });
  afterEach(() => database.close());

  const titlesOf = async (user: TestUser) =>
    (await database.db.selectFrom("notifications").select("title").where("user_id", "=", user.id).orderBy("id").execute()).map((n) => n.title);
  const mailCountOf = async (user: TestUser) =>
    (await database.db.selectFrom("outbound_messages").select("id").where("recipient", "=", user.email).execute()).length;

  it("reminds organisations that have not submitted 7 days and 1 day before the deadline (Japan time), each once", async () => {
    // The 2026 call closes on 2026-12-25.
    const submitted = await submittedApplication(database.db);
    const drafting = await createUser(database.db, "prefecture_officer");
    expect((await createApplication(database.db, drafting.viewer, "192.0.2.1", 2026, DURING_CALL)).status).toBe("done");
    const idle = await createUser(database.db, "prefecture_officer");
    const intermediary = await createUser(database.db, "intermediary_officer");
    const proposer = await createUser(database.db, "proposer_officer");
    await openCall(database.db);

    // 8 days before, to the last minute of the day in Japan: nothing.
    expect(await runDailyReminders(database.db, jst("2026-12-17", "23:59"))).toMatchObject({ ran: true, reportReminders: 0 });
    expect(await titlesOf(idle)).toEqual([]);

    // 7 days before, at 00:30 in Japan (still the 17th in UTC).
    const first = await runDailyReminders(database.db, jst("2026-12-18", "00:30"));
    expect(first.ran).toBe(true);
    for (const officer of [drafting, idle, intermediary]) {
      expect(await titlesOf(officer)).toEqual([expect.stringMatching(/^【締切のお知らせ】令和8年度の交付申請の受付は7日後までです$/)]);
      expect(await mailCountOf(officer)).toBe(1);
    }
    expect(await titlesOf(submitted.officer)).toEqual([]);
    expect(await titlesOf(proposer)).toEqual([]);

    // Twice the same day, and the next days of the same band: nothing more.
    expect(await runDailyReminders(database.db, jst("2026-12-18", "20:00"))).toEqual({ ran: true, deadlineReminders: 0, reportReminders: 0 });
    expect(await runDailyReminders(database.db, jst("2026-12-22"))).toEqual({ ran: true, deadlineReminders: 0, reportReminders: 0 });
    expect(await titlesOf(idle)).toHaveLength(1);

    // The day before: the 1-day reminder, once.
    await runDailyReminders(database.db, jst("2026-12-24"));
    await runDailyReminders(database.db, jst("2026-12-24", "18:00"));
    await runDailyReminders(database.db, jst("2026-12-25"));
    await runDailyReminders(database.db, jst("2026-12-26"));
    for (const officer of [drafting, idle, intermediary]) {
      expect(await titlesOf(officer)).toEqual([
        expect.stringContaining("7日後"),
        expect.stringMatching(/^【締切間近】令和8年度の交付申請の受付は明日までです$/),
      ]);
      expect(await mailCountOf(officer)).toBe(2);
    }
    expect(await titlesOf(submitted.officer)).toEqual([]);
  });

  it("reminds of a performance report 7 days and 1 day before 10 April, then once when it is late", async () => {
    const app = await submittedApplication(database.db);
    expect(
      await takeProceedingStep(
        database.db,
        app.reviewer.viewer,
        "192.0.2.1",
        app.id,
        "decide",
        { decidedAmount: 1_000_000, conditions: "" },
        jst("2026-12-10"),
      ),
    ).toMatchObject({ status: "done" });
    const decidedTitles = await titlesOf(app.officer);

    const reminders = async () => (await titlesOf(app.officer)).slice(decidedTitles.length);
    await runDailyReminders(database.db, jst("2027-04-02", "23:59"));
    expect(await reminders()).toEqual([]);
    await runDailyReminders(database.db, jst("2027-04-03", "00:01"));
    await runDailyReminders(database.db, jst("2027-04-03", "09:00"));
    expect(await reminders()).toEqual([expect.stringMatching(/^【実績報告の期限のお知らせ】令和8年度/)]);
    await runDailyReminders(database.db, jst("2027-04-09"));
    await runDailyReminders(database.db, jst("2027-04-10"));
    expect(await reminders()).toEqual([expect.stringContaining("期限のお知らせ"), expect.stringMatching(/^【実績報告の期限間近】/)]);
    await runDailyReminders(database.db, jst("2027-04-11"));
    await runDailyReminders(database.db, jst("2027-04-12"));
    expect(await reminders()).toEqual([
      expect.stringContaining("期限のお知らせ"),
      expect.stringContaining("期限間近"),
      expect.stringMatching(/^【実績報告の期限超過】/),
    ]);
    const body = await database.db
      .selectFrom("notifications")
      .select("body")
      .where("user_id", "=", app.officer.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(body.body).toContain("2027/04/10");
  });

  it("does the work once when two runs start at the same moment", async () => {
    const idle = await createUser(database.db, "prefecture_officer");
    await openCall(database.db);
    const [a, b] = database.separateConnections(2);
    const runs = await Promise.all([runDailyReminders(a!, jst("2026-12-18")), runDailyReminders(b!, jst("2026-12-18"))]);
    expect(runs.some((r) => r.ran)).toBe(true);
    expect(await titlesOf(idle)).toHaveLength(1);
    expect(await mailCountOf(idle)).toBe(1);
  });
});
