import { describe, expect, it } from "vitest";
import type { ApplicationState } from "../../app/domain/application-states";
import { isReportLate, lastYearPastReportDeadline } from "../../app/domain/overdue-reports";

const status = (state: ApplicationState, fiscalYear: number, reportedOn: string | null = null, reportDueOn: string | null = null) => ({
  state,
  fiscalYear,
  reportedOn,
  reportDueOn,
});

describe("late performance reports", () => {
  it.each([
    ["on 10 April the year before last is past its deadline, last year's report is still due that day", "2027-04-10", 2025],
    ["from 11 April last year's deadline has passed", "2027-04-11", 2026],
    ["in March, the year before last", "2027-03-31", 2025],
    ["in December, last year's", "2026-12-05", 2025],
    ["on 1 April, the year before last", "2026-04-01", 2024],
  ])("the last fiscal year past its deadline: %s", (_why, today, year) => {
    expect(lastYearPastReportDeadline(today)).toBe(year);
  });

  it.each([
    ["a decided grant of last year, owed after 10 April", status("decided", 2025), "2026-12-05", true],
    ["a grant with a change pending is still owed its report", status("change_requested", 2025), "2026-12-05", true],
    ["this year's decided grant is not late yet", status("decided", 2026), "2026-12-05", false],
    ["last year's grant on 10 April itself", status("decided", 2025), "2026-04-10", false],
    ["a withdrawn grant owes no report", status("withdrawn", 2024), "2026-12-05", false],
    ["a report made after its due date stays late once confirmed", status("confirmed", 2026, "2026-11-02", "2026-11-01"), "2026-12-05", true],
    ["a report made on its due date is on time", status("reported", 2026, "2026-11-01", "2026-11-01"), "2026-12-05", false],
    ["a closed grant reported on time", status("closed", 2024, "2025-04-01", "2025-04-10"), "2026-12-05", false],
  ])("%s", (_why, application, today, late) => {
    expect(isReportLate(application, today)).toBe(late);
  });
});
