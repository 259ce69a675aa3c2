/**
 * The reviewer's inbox outside the page: as a download (CSV or Excel, every row under the filter with a
 * totals row) and as the rows of the read API. Both are read from the same InboxRow, so a column the inbox
 * gains is one more line in `inboxTable` and one in `inboxApiRow`.
 */
import { STATE_LABELS, type ApplicationState } from "~/domain/application-states";
import { japanDaysBetween, japanToday } from "~/domain/japan-time";
import { prefectureName } from "~/domain/prefectures";
import { PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { WAITING_ON_REVIEWER, type InboxRow } from "~/models/inbox.server";
import type { ExportTable } from "./table";

/** Days since the latest version while the application waits on the reviewer, as the page counts them. */
export function daysWaiting(row: InboxRow, now: Date): number | null {
  return row.waiting_since && WAITING_ON_REVIEWER.includes(row.state) ? japanDaysBetween(row.waiting_since, now) : null;
}

const dateInJapan = (instant: Date | null) => (instant ? japanToday(instant) : null);

/** The inbox as a table to download: the page's columns, with the amounts applied for summed on the last row. */
export function inboxTable(rows: readonly InboxRow[], now: Date): ExportTable<InboxRow> {
  return {
    title: "申請一覧",
    totalsLabel: `合計（${rows.length.toLocaleString("ja-JP")}件）`,
    rows,
    columns: [
      { header: "申請者", kind: "text", value: (r) => r.organisation_name, width: 36 },
      { header: "法人番号", kind: "text", value: (r) => r.corporate_number, width: 16 },
      { header: "都道府県", kind: "text", value: (r) => (r.prefecture_code && prefectureName(r.prefecture_code)) ?? null },
      { header: "年度", kind: "text", value: (r) => fiscalYearLabel(r.fiscal_year), width: 12 },
      { header: "事業", kind: "text", value: (r) => PROGRAMME_NAMES[r.programme], width: 44 },
      { header: "状態", kind: "text", value: (r) => STATE_LABELS[r.state], width: 16 },
      { header: "版", kind: "integer", value: (r) => r.latest_version, width: 6 },
      { header: "提出日", kind: "date", value: (r) => dateInJapan(r.first_submitted_at), width: 12 },
      { header: "最新版の提出日", kind: "date", value: (r) => dateInJapan(r.latest_submitted_at), width: 16 },
      { header: "待ち日数", kind: "integer", value: (r) => daysWaiting(r, now) },
      { header: "申請額（円）", kind: "yen", value: (r) => r.requested_amount, total: true, width: 18 },
      { header: "交付決定額（円）", kind: "yen", value: (r) => r.decided_amount, total: true, width: 18 },
      { header: "支払額（円）", kind: "yen", value: (r) => r.paid_amount, total: true, width: 16 },
      { header: "返還額（円）", kind: "yen", value: (r) => r.returned_amount, total: true, width: 16 },
      { header: "担当者", kind: "text", value: (r) => r.assignee_name, width: 16 },
      { header: "申請番号", kind: "text", value: (r) => String(r.id) },
    ],
  };
}

/** `申請一覧_20260401`: the download's name, dated in Japan. */
export function inboxDownloadName(now: Date): string {
  return `申請一覧_${japanToday(now).replaceAll("-", "")}`;
}

/** One row of `GET /api/v1/applications`: codes for states and programmes (with labels), ISO 8601 instants, whole yen. */
export interface InboxApiRow {
  id: number;
  organisationName: string;
  corporateNumber: string | null;
  prefectureCode: string | null;
  prefectureName: string | null;
  fiscalYear: number;
  fiscalYearLabel: string;
  programme: Programme;
  programmeName: string;
  state: ApplicationState;
  stateLabel: string;
  latestVersion: number;
  firstSubmittedAt: string | null;
  latestSubmittedAt: string | null;
  daysWaiting: number | null;
  requestedAmount: number | null;
  /** The decided amount in force (after approved changes); null before a decision. */
  decidedAmount: number | null;
  paidAmount: number;
  returnedAmount: number;
  /** How many warnings the applicant acknowledged when submitting the latest version. */
  acknowledgedWarnings: number;
  reportLate: boolean;
  assigneeId: number | null;
  assigneeName: string | null;
}

export function inboxApiRow(row: InboxRow, now: Date): InboxApiRow {
  return {
    id: row.id,
    organisationName: row.organisation_name,
    corporateNumber: row.corporate_number,
    prefectureCode: row.prefecture_code,
    prefectureName: (row.prefecture_code && prefectureName(row.prefecture_code)) ?? null,
    fiscalYear: row.fiscal_year,
    fiscalYearLabel: fiscalYearLabel(row.fiscal_year),
    programme: row.programme,
    programmeName: PROGRAMME_NAMES[row.programme],
    state: row.state,
    stateLabel: STATE_LABELS[row.state],
    latestVersion: row.latest_version,
    firstSubmittedAt: row.first_submitted_at?.toISOString() ?? null,
    latestSubmittedAt: row.latest_submitted_at?.toISOString() ?? null,
    daysWaiting: daysWaiting(row, now),
    requestedAmount: row.requested_amount,
    decidedAmount: row.decided_amount,
    paidAmount: row.paid_amount,
    returnedAmount: row.returned_amount,
    acknowledgedWarnings: row.acknowledged_warnings,
    reportLate: row.report_late,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
  };
}
