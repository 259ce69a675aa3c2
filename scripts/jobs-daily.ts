/**
 * `npm run jobs:daily`: the day's reminders (application deadlines, performance reports due or late), each
 * once however often it runs, and the request and sign-in counters whose windows are long over. Run it once
 * a day from cron, in Japan time (README "Daily jobs").
 */
import { pruneCounters } from "../app/models/rate-limits.server";
import { runDailyReminders } from "../app/models/reminders.server";
import { withDatabase } from "./cli";

await withDatabase(async ({ db, engine }) => {
  const run = await runDailyReminders(db);
  if (!run.ran) {
    console.log(`${engine}: another run of the daily jobs is in progress; nothing done`);
    return;
  }
  console.log(`${engine}: reminders sent: ${run.deadlineReminders} application deadline(s), ${run.reportReminders} performance report(s)`);
  console.log(`${engine}: ${await pruneCounters(db, new Date())} request and sign-in counter(s) of windows long over forgotten`);
});
