import { describe, expect, it } from "vitest";
import { currentFiscalYear } from "../../app/domain/fiscal-year";
import { parseJapanDateTime } from "../../app/domain/japan-time";
import { reportDueOn } from "../../app/domain/proceedings";
import { changedCalculationFields, closingFor, windowProblem } from "../../app/domain/programme-years";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { currentFiscalYearOf } from "../../app/utils/fiscal-year.server";

describe("the current fiscal year", () => {
  it.each([
    { name: "the last minute of March in Japan is still the year that began in April", at: "2027-03-31T23:59:59.999+09:00", year: 2026 },
    { name: "midnight of 1 April in Japan starts the next year", at: "2027-04-01T00:00:00+09:00", year: 2027 },
    { name: "1 April in Japan while it is still 31 March in UTC", at: "2027-03-31T15:00:00Z", year: 2027 },
    { name: "31 March in Japan while it is 30 March in UTC", at: "2027-03-30T15:30:00Z", year: 2026 },
    { name: "the first of January belongs to the year that began the April before", at: "2027-01-01T00:00:00+09:00", year: 2026 },
  ])("$name", ({ at, year }) => {
    expect(currentFiscalYear(new Date(at))).toBe(year);
  });

  it("is the year the setting fixes, whatever the date", () => {
    expect(currentFiscalYear(new Date("2027-04-01T00:00:00+09:00"), 2026)).toBe(2026);
    expect(currentFiscalYearOf({ fiscalYearOverride: 2030 }, new Date("2027-04-01T00:00:00+09:00"))).toBe(2030);
    expect(currentFiscalYearOf({ fiscalYearOverride: null }, new Date("2027-04-01T00:00:00+09:00"))).toBe(2027);
    expect(currentFiscalYearOf({}, new Date("2027-03-31T23:59:00+09:00"))).toBe(2026);
  });
});

describe("the application window of an organisation", () => {
  const window = { opensAt: parseJapanDateTime("2026-04-01T09:00"), closesAt: parseJapanDateTime("2026-05-29T17:00") };
  const extension = { closesAt: parseJapanDateTime("2026-06-05T17:00"), reason: "災害のため" };

  it.each([
    {
      name: "before it opens",
      at: "2026-04-01T08:59",
      ext: null,
      problem: "令和8年度の地方における孤独・孤立対策推進事業（メニュー1）の受付は令和8年4月1日 09:00からです。",
    },
    { name: "at its last minute", at: "2026-05-29T17:00", ext: null, problem: null },
    {
      name: "after it closes",
      at: "2026-05-29T17:01",
      ext: null,
      problem: "令和8年度の地方における孤独・孤立対策推進事業（メニュー1）の受付は令和8年5月29日 17:00で締め切りました。",
    },
    { name: "after it closes, within an extension", at: "2026-06-05T17:00", ext: extension, problem: null },
    {
      name: "after the extension too",
      at: "2026-06-05T17:01",
      ext: extension,
      problem: "令和8年度の地方における孤独・孤立対策推進事業（メニュー1）の受付は令和8年6月5日 17:00で締め切りました。",
    },
  ])("$name", ({ at, ext, problem }) => {
    expect(windowProblem(window, ext, 2026, "prefectural", parseJapanDateTime(at))).toBe(problem);
  });

  it("is undecided without a window, and an extension earlier than the window changes nothing", () => {
    expect(windowProblem(null, extension, 2026, "prefectural", new Date())).toBe(
      "令和8年度の地方における孤独・孤立対策推進事業（メニュー1）の受付期間はまだ決まっていません。",
    );
    expect(closingFor(window, { closesAt: parseJapanDateTime("2026-05-01T00:00"), reason: "" })).toEqual(window.closesAt);
  });
});

describe("the programme-year's rules", () => {
  const menu1 = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.fiscalYear === 2026 && p.programme === "prefectural")!;

  it("names the calculation parameters that differ, and no others", () => {
    expect(changedCalculationFields(menu1, { ...menu1, programmeBudget: 1, outsourcingWarningPercent: 10, changeThresholdPercent: 30 })).toEqual([]);
    expect(changedCalculationFields(menu1, { ...menu1, rate: { numerator: 2, denominator: 3 }, baseAmount: 9_000_000, ceiling: 6_000_000 })).toEqual([
      ["rateNumerator", "交付率"],
      ["baseAmount", "交付基準額"],
      ["ceiling", "交付上限額"],
    ]);
    expect(changedCalculationFields(menu1, { ...menu1, eligibleCategories: [...menu1.eligibleCategories].reverse() })).toEqual([]);
  });

  it.each([
    { name: "one month after completion, by default", completed: "2026-11-30", rule: undefined, due: "2026-12-30" },
    { name: "never after 10 April of the next year", completed: "2027-03-31", rule: undefined, due: "2027-04-10" },
    { name: "a number of days after completion", completed: "2026-11-30", rule: { reportDueDays: 45, reportLatestMonthDay: "04-10" }, due: "2027-01-14" },
    { name: "another latest day", completed: "2027-03-01", rule: { reportDueDays: null, reportLatestMonthDay: "03-20" }, due: "2027-03-20" },
  ])("the report is due: $name", ({ completed, rule, due }) => {
    expect(reportDueOn(completed, 2026, rule)).toBe(due);
  });
});
