/**
 * Dates and deadlines in Japan time (Asia/Tokyo), whatever the machine's time zone. Japan has had no
 * daylight saving time since 1951, so a fixed +09:00 offset is exact for every date this product handles.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface JapanDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

/** The calendar date in Japan at an instant. */
export function japanDateOf(instant: Date): JapanDate {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  if (Number.isNaN(shifted.getTime())) throw new RangeError("invalid date");
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** { year: 2026, month: 5, day: 31 } → "2026-05-31", the inverse of parseDateOnly. */
export function formatDateOnly({ year, month, day }: JapanDate): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Today's date in Japan as "YYYY-MM-DD". */
export function japanToday(now: Date): string {
  return formatDateOnly(japanDateOf(now));
}

/** Whole calendar days in Japan from one instant to a later one: 0 on the same day, 1 from 23:59 to 00:00. */
export function japanDaysBetween(from: Date, to: Date): number {
  return Math.round((startMs(japanDateOf(to)) - startMs(japanDateOf(from))) / DAY_MS);
}

/** "2026-05-31" → { year: 2026, month: 5, day: 31 }; throws on anything that is not a real calendar date. */
export function parseDateOnly(value: string): JapanDate {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = date && japanDateOf(new Date(startMs(date)));
  // Date.UTC rolls 2026-02-30 over to March 2: a date that does not come back unchanged does not exist.
  if (!date || !roundTrip || roundTrip.year !== date.year || roundTrip.month !== date.month || roundTrip.day !== date.day) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  }
  return date;
}

/** Milliseconds since the epoch at 00:00:00.000 JST on the date. */
function startMs({ year, month, day }: JapanDate): number {
  return Date.UTC(year, month - 1, day) - JST_OFFSET_MS;
}

/** The instant a day opens: "2026-04-01" → 2026-04-01T00:00:00.000+09:00. */
export function dayStartInstant(date: string): Date {
  return new Date(startMs(parseDateOnly(date)));
}

/** The last instant of a deadline day: "2026-05-31" → 2026-05-31T23:59:59.999+09:00. */
export function deadlineInstant(closesOn: string): Date {
  return new Date(startMs(parseDateOnly(closesOn)) + DAY_MS - 1);
}

/** Whether a window running from the start of `opensOn` to the end of `closesOn` (both JST) is open now. */
export function isOpen(now: Date, opensOn: string, closesOn: string): boolean {
  const t = now.getTime();
  return dayStartInstant(opensOn).getTime() <= t && t <= deadlineInstant(closesOn).getTime();
}

/**
 * A Japanese phrase for the time left before a deadline day ends: whole calendar days while the deadline
 * is on a later day (「締切まで あと3日」), then hours, then minutes on the day itself.
 */
export function timeLeft(now: Date, closesOn: string): string {
  const closes = parseDateOnly(closesOn);
  return leftPhrase(startMs(closes) + DAY_MS - now.getTime(), Math.round((startMs(closes) - startMs(japanDateOf(now))) / DAY_MS));
}

/** The same phrase for a deadline at an instant (a call that closes at 17:00): days by the calendar in Japan, then hours, then minutes. */
export function timeLeftUntil(now: Date, deadline: Date): string {
  return leftPhrase(deadline.getTime() - now.getTime(), Math.round((startMs(japanDateOf(deadline)) - startMs(japanDateOf(now))) / DAY_MS));
}

function leftPhrase(remainingMs: number, days: number): string {
  if (remainingMs <= 0) return "締切を過ぎました";
  if (days >= 1) return `締切まで あと${days}日`;
  const hours = Math.floor(remainingMs / HOUR_MS);
  if (hours >= 1) return `締切まで あと${hours}時間`;
  const minutes = Math.floor(remainingMs / MINUTE_MS);
  return minutes >= 1 ? `締切まで あと${minutes}分` : "締切まで あと1分未満";
}

/**
 * A date and time in Japan as a date-time input sends it ("2027-01-10T09:00") → the instant; throws on
 * anything else, including a day or time that does not exist (2027-02-30, 24:00).
 */
export function parseJapanDateTime(value: string): Date {
  const match = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})$/.exec(value);
  if (!match) throw new RangeError(`not a date and time (YYYY-MM-DDTHH:mm): ${value}`);
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) throw new RangeError(`not a time of day: ${value}`);
  return new Date(startMs(parseDateOnly(match[1]!)) + hours * HOUR_MS + minutes * MINUTE_MS);
}

/** An instant as a date-time input shows it, in Japan time: "2027-01-10T09:00" (the inverse of parseJapanDateTime). */
export function japanDateTimeInputValue(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}
