import { describe, expect, it } from "vitest";
import { fiscalYearLabel, fiscalYearOf, formatWarekiDate, formatWarekiDateTime } from "../../app/domain/wareki";

describe("formatWarekiDate", () => {
  it.each([
    { name: "the first day of 令和8年度", at: "2026-04-01T00:00:00+09:00", wareki: "令和8年4月1日" },
    { name: "midnight in Japan while UTC is still on the day before", at: "2026-03-31T15:00:00Z", wareki: "令和8年4月1日" },
    { name: "the last millisecond of a day in Japan", at: "2026-03-31T14:59:59.999Z", wareki: "令和8年3月31日" },
    { name: "the last day of 平成", at: "2019-04-30T23:59:59+09:00", wareki: "平成31年4月30日" },
    { name: "the first day of 令和, written 元年", at: "2019-05-01T00:00:00+09:00", wareki: "令和元年5月1日" },
    { name: "the first day of 令和 seen from UTC on 30 April", at: "2019-04-30T15:00:00Z", wareki: "令和元年5月1日" },
    { name: "the second year of 令和", at: "2020-01-01T00:00:00+09:00", wareki: "令和2年1月1日" },
    { name: "the last day of 昭和", at: "1989-01-07T12:00:00+09:00", wareki: "昭和64年1月7日" },
    { name: "the first day of 平成, written 元年", at: "1989-01-08T00:00:00+09:00", wareki: "平成元年1月8日" },
  ])("writes $name", ({ at, wareki }) => {
    expect(formatWarekiDate(new Date(at))).toBe(wareki);
  });

  it.each([
    { date: "2019-04-30", wareki: "平成31年4月30日" },
    { date: "2019-05-01", wareki: "令和元年5月1日" },
    { date: "2019-12-31", wareki: "令和元年12月31日" },
    { date: "2026-04-01", wareki: "令和8年4月1日" },
  ])("writes the calendar date $date as $wareki", ({ date, wareki }) => {
    expect(formatWarekiDate(date)).toBe(wareki);
  });

  it.each(["2026-02-30", "2026-4-1", "令和8年4月1日", "1926-12-24"])("refuses %s", (date) => {
    expect(() => formatWarekiDate(date)).toThrow(RangeError);
  });
});

describe("fiscal years", () => {
  it.each([
    { name: "the last second of March belongs to the year before", at: "2026-03-31T23:59:59+09:00", fy: 2025 },
    { name: "1 April in Japan starts the year, though UTC is still in March", at: "2026-03-31T15:00:00Z", fy: 2026 },
    { name: "December belongs to the year that began in April", at: "2026-12-31T23:00:00+09:00", fy: 2026 },
    { name: "January belongs to the year that began the April before", at: "2027-01-01T00:00:00+09:00", fy: 2026 },
    { name: "31 March closes the year", at: "2027-03-31T12:00:00+09:00", fy: 2026 },
  ])("$name", ({ at, fy }) => {
    expect(fiscalYearOf(new Date(at))).toBe(fy);
  });

  it.each([
    { fy: 2019, label: "令和元年度" },
    { fy: 2020, label: "令和2年度" },
    { fy: 2024, label: "令和6年度" },
    { fy: 2026, label: "令和8年度" },
  ])("labels fiscal year $fy as $label", ({ fy, label }) => {
    expect(fiscalYearLabel(fy)).toBe(label);
  });

  it("refuses a fiscal year before 令和", () => {
    expect(() => fiscalYearLabel(2018)).toThrow(RangeError);
  });
});

describe("formatWarekiDateTime", () => {
  it.each([
    ["2026-11-27T10:05:00Z", "令和8年11月27日 19:05"],
    ["2026-03-31T15:00:00Z", "令和8年4月1日 00:00"],
    ["2019-04-30T14:59:00Z", "平成31年4月30日 23:59"],
  ])("shows %s as %s in Japan time", (instant, shown) => {
    expect(formatWarekiDateTime(instant)).toBe(shown);
  });
});
