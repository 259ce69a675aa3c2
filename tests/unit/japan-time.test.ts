import { afterEach, describe, expect, it } from "vitest";
import { dayStartInstant, deadlineInstant, isOpen, japanDaysBetween, parseDateOnly, timeLeft } from "../../app/domain/japan-time";
import { formatWarekiDate } from "../../app/domain/wareki";

const jst = (local: string) => new Date(`${local}+09:00`);

describe("deadlines close at the end of the day in Japan", () => {
  it("puts the deadline of 2026-05-31 at 23:59:59.999 JST", () => {
    expect(deadlineInstant("2026-05-31").toISOString()).toBe("2026-05-31T14:59:59.999Z");
  });

  it("opens a day at 00:00 JST", () => {
    expect(dayStartInstant("2026-04-01").toISOString()).toBe("2026-03-31T15:00:00.000Z");
  });

  it.each([
    { name: "the window is closed a millisecond before the opening day", now: "2026-03-31T23:59:59.999", open: false },
    { name: "the window opens at 00:00 JST on the opening day", now: "2026-04-01T00:00:00", open: true },
    { name: "the window is open in between", now: "2026-05-15T12:00:00", open: true },
    { name: "23:59:59 JST on the deadline day is still open", now: "2026-05-31T23:59:59", open: true },
    { name: "23:59:59.999 JST on the deadline day is still open", now: "2026-05-31T23:59:59.999", open: true },
    { name: "00:00:00 JST the next day is closed", now: "2026-06-01T00:00:00", open: false },
  ])("$name", ({ now, open }) => {
    expect(isOpen(jst(now), "2026-04-01", "2026-05-31")).toBe(open);
  });

  it.each([
    { name: "counts calendar days in Japan while the deadline is on a later day", now: "2026-05-28T10:00:00", phrase: "締切まで あと3日" },
    { name: "counts from the opening of the window", now: "2026-04-01T00:00:00", phrase: "締切まで あと60日" },
    { name: "says one day late on the day before", now: "2026-05-30T23:59:00", phrase: "締切まで あと1日" },
    { name: "counts hours on the deadline day", now: "2026-05-31T00:00:00", phrase: "締切まで あと24時間" },
    { name: "says 5 hours at 19:00", now: "2026-05-31T19:00:00", phrase: "締切まで あと5時間" },
    { name: "cuts partial hours", now: "2026-05-31T19:00:01", phrase: "締切まで あと4時間" },
    { name: "counts minutes in the last hour", now: "2026-05-31T23:30:00", phrase: "締切まで あと30分" },
    { name: "says less than a minute in the last minute", now: "2026-05-31T23:59:59", phrase: "締切まで あと1分未満" },
    { name: "says the deadline has passed at 00:00 the next day", now: "2026-06-01T00:00:00", phrase: "締切を過ぎました" },
    { name: "says the deadline has passed long after", now: "2027-01-01T00:00:00", phrase: "締切を過ぎました" },
  ])("timeLeft $name", ({ now, phrase }) => {
    expect(timeLeft(jst(now), "2026-05-31")).toBe(phrase);
  });
});

describe("calendar dates", () => {
  it("reads a leap day in a leap year", () => {
    expect(parseDateOnly("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(["2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-5-31", "0050-01-01", "", "2026-05-31T00:00"])("refuses %j", (value) => {
    expect(() => parseDateOnly(value)).toThrow(RangeError);
  });
});

describe("whatever time zone the machine is in", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Tokyo", "Europe/London"])("gives the same answers in %s", (zone) => {
    process.env.TZ = zone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(
      zone === "UTC" || zone === "Europe/London" ? 0 : zone === "Asia/Tokyo" ? -540 : zone === "Pacific/Kiritimati" ? -840 : 480,
    );
    expect(deadlineInstant("2026-05-31").toISOString()).toBe("2026-05-31T14:59:59.999Z");
    expect(isOpen(jst("2026-05-31T23:59:59"), "2026-04-01", "2026-05-31")).toBe(true);
    expect(timeLeft(jst("2026-05-28T23:30:00"), "2026-05-31")).toBe("締切まで あと3日");
    expect(formatWarekiDate(new Date("2019-04-30T15:00:00Z"))).toBe("令和元年5月1日");
  });
});

describe("japanDaysBetween", () => {
  it("counts calendar days in Japan, not 24-hour periods", () => {
    expect(japanDaysBetween(new Date("2026-05-31T14:59:00Z"), new Date("2026-05-31T15:00:00Z"))).toBe(1);
    expect(japanDaysBetween(new Date("2026-05-31T15:00:00Z"), new Date("2026-06-01T14:59:59Z"))).toBe(0);
    expect(japanDaysBetween(new Date("2026-02-27T03:00:00Z"), new Date("2026-03-01T03:00:00Z"))).toBe(2);
    expect(japanDaysBetween(new Date("2027-12-31T15:00:00Z"), new Date("2028-03-01T00:00:00Z"))).toBe(60);
  });
});
