/**
 * The daily reminders (docs/domain.md §9), run by `npm run jobs:daily`: before an application deadline, to
 * the organisations of the programme that have not submitted for that fiscal year, and before a performance
 * report is due (then once when it is late), to the applicant. Each reminder has a key, kept in
 * `reminders_sent` in the transaction that tells it, so a second run tells nothing again; an advisory lock
 * lets one run at a time do the work (another run at once does nothing).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dayStartInstant, japanDaysBetween, japanToday } from "~/domain/japan-time";
import { deadlineReminder, reminderBand, reportLateNotice, reportReminder, type NoticeText } from "~/domain/notifications";
import { latestReportDueOn, REPORT_OWED_STATES } from "~/domain/overdue-reports";
import { notify, organisationMembers } from "./notifications.server";

type Trx = Transaction<Database>;

/** The advisory-lock key of the daily job (any constant the app uses for nothing else). */
const DAILY_JOB_LOCK = 5_102;

/** The kind of organisation that applies to each programme. */
const APPLICANT_KIND = { prefectural: "prefecture", intermediary: "intermediary" } as const;

/** Tells the organisation once per key; answers whether it was told now. */
async function remindOnce(trx: Trx, key: string, organisationId: number, notice: NoticeText, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto("reminders_sent")
    .values({ key, sent_on: japanToday(now) })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!inserted) return false;
  await notify(trx, await organisationMembers(trx, organisationId), notice, now);
  return true;
}

async function deadlineReminders(trx: Trx, now: Date): Promise<number> {
  const windows = await trx
    .selectFrom("programme_parameters")
    .select(["fiscal_year", "programme", "application_closes_at"])
    .where("application_closes_at", ">", now)
    .execute();
  let told = 0;
  for (const w of windows) {
    // The window closes at a date-time; the reminder counts days to the day it closes, in Japan.
    const closesOn = japanToday(new Date(w.application_closes_at!));
    const daysLeft = japanDaysBetween(now, dayStartInstant(closesOn));
    const band = reminderBand(daysLeft);
    if (band === null) continue;
    // Organisations of the programme's kind with no application for the year, or one not submitted (a draft, or returned).
    const organisations = await trx
      .selectFrom("organisations")
      .leftJoin("applications", (join) =>
        join
          .onRef("applications.organisation_id", "=", "organisations.id")
          .on("applications.programme", "=", w.programme)
          .on("applications.fiscal_year", "=", w.fiscal_year),
      )
      .select(["organisations.id", "organisations.name"])
      .where("organisations.kind", "=", APPLICANT_KIND[w.programme])
      .where((eb) => eb.or([eb("applications.id", "is", null), eb("applications.state", "in", ["draft", "returned"])]))
      .orderBy("organisations.id")
      .execute();
    for (const o of organisations) {
      const text = deadlineReminder({ organisationName: o.name, programme: w.programme, fiscalYear: w.fiscal_year }, closesOn, band, daysLeft);
      const key = `application-deadline:${w.fiscal_year}:${w.programme}:${o.id}:${band}`;
      if (await remindOnce(trx, key, o.id, { ...text, link: "/applications" }, now)) told += 1;
    }
  }
  return told;
}

async function reportReminders(trx: Trx, now: Date): Promise<number> {
  const owed = await trx
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .select(["applications.id", "applications.organisation_id", "applications.programme", "applications.fiscal_year", "organisations.name"])
    .where("applications.state", "in", REPORT_OWED_STATES)
    .orderBy("applications.id")
    .execute();
  let told = 0;
  for (const a of owed) {
    const dueOn = latestReportDueOn(a.fiscal_year);
    const daysLeft = japanDaysBetween(now, dayStartInstant(dueOn));
    const about = { id: a.id, organisationName: a.name, programme: a.programme, fiscalYear: a.fiscal_year };
    if (daysLeft < 0) {
      if (await remindOnce(trx, `report-late:${a.id}`, a.organisation_id, reportLateNotice(about, dueOn), now)) told += 1;
      continue;
    }
    const band = reminderBand(daysLeft);
    if (band === null) continue;
    if (await remindOnce(trx, `report-due:${a.id}:${band}`, a.organisation_id, reportReminder(about, dueOn, band, daysLeft), now)) told += 1;
  }
  return told;
}

export type DailyRun = { ran: false } | { ran: true; deadlineReminders: number; reportReminders: number };

/** Sends today's reminders, once; `ran: false` when another run holds the lock. */
export async function runDailyReminders(db: Kysely<Database>, now = new Date()): Promise<DailyRun> {
  return db.transaction().execute(async (trx): Promise<DailyRun> => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${DAILY_JOB_LOCK}) as locked`.execute(trx);
    if (!rows[0]?.locked) return { ran: false };
    return { ran: true, deadlineReminders: await deadlineReminders(trx, now), reportReminders: await reportReminders(trx, now) };
  });
}
