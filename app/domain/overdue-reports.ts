/**
 * Late performance reports (実績報告, docs/domain.md §5), as the reviewer's inbox flags them. A report is due
 * one month after the work is completed and never later than 10 April after the fiscal year; the completion
 * date is known only from the report itself, so until it comes the latest possible due date is the one
 * that counts. A report is late when:
 *
 * - the grant is decided (or a change request is pending), no report has come, and 10 April after its
 *   fiscal year has passed in Japan; or
 * - the report came after its own due date (it was accepted, and stays flagged).
 */
import type { ApplicationState } from "./application-states";
import { parseDateOnly } from "./japan-time";

/** The states in which the applicant still owes the report. */
export const REPORT_OWED_STATES: readonly ApplicationState[] = ["decided", "change_requested", "discontinuation_requested"];

/**
 * The latest fiscal year whose last possible report due date (10 April of the next year) lies before
 * `today` ("YYYY-MM-DD" in Japan): a grant of this year or an earlier one that is still owed its report is late.
 */
export function lastYearPastReportDeadline(today: string): number {
  const { year, month, day } = parseDateOnly(today);
  return month > 4 || (month === 4 && day > 10) ? year - 1 : year - 2;
}

export interface ReportStatus {
  state: ApplicationState;
  fiscalYear: number;
  /** The report's date and its due date ("YYYY-MM-DD"), once reported. */
  reportedOn: string | null;
  reportDueOn: string | null;
}

export function isReportLate(status: ReportStatus, today: string): boolean {
  if (status.reportedOn !== null && status.reportDueOn !== null && status.reportedOn > status.reportDueOn) return true;
  return REPORT_OWED_STATES.includes(status.state) && status.fiscalYear <= lastYearPastReportDeadline(today);
}

/** The latest date a fiscal year's performance report can be due: 10 April after the year ("YYYY-MM-DD"). */
export function latestReportDueOn(fiscalYear: number): string {
  return `${fiscalYear + 1}-04-10`;
}
