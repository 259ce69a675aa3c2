import { describe, expect, it } from "vitest";
import { toCsv } from "~/exports/csv";
import { daysWaiting, inboxApiRow, inboxDownloadName, inboxTable } from "~/exports/inbox";
import type { InboxRow } from "~/models/inbox.server";

const NOW = new Date("2026-06-10T03:00:00Z");

const row = (overrides: Partial<InboxRow>): InboxRow => ({
  id: 7,
  organisation_name: "富山県",
  corporate_number: "8000020160008",
  prefecture_code: "16",
  programme: "prefectural",
  fiscal_year: 2026,
  state: "submitted",
  latest_version: 2,
  first_submitted_at: new Date("2026-05-01T15:30:00Z"),
  latest_submitted_at: new Date("2026-06-01T01:00:00Z"),
  waiting_since: new Date("2026-06-01T01:00:00Z"),
  requested_amount: 4_000_000,
  decided_amount: null,
  paid_amount: 0,
  returned_amount: 0,
  acknowledged_warnings: 0,
  report_late: false,
  assignee_id: null,
  assignee_name: null,
  ...overrides,
});

const ROWS = [
  row({}),
  row({
    id: 8,
    organisation_name: "=特定非営利活動法人, つながり",
    corporate_number: null,
    prefecture_code: null,
    programme: "intermediary",
    state: "decided",
    latest_version: 1,
    latest_submitted_at: new Date("2026-05-20T00:00:00Z"),
    waiting_since: new Date("2026-05-20T00:00:00Z"),
    requested_amount: 4_466_000,
    decided_amount: 4_000_000,
    paid_amount: 2_000_000,
    assignee_id: 3,
    assignee_name: "審査 一郎",
  }),
  row({ id: 9, state: "returned", first_submitted_at: null, latest_submitted_at: null, waiting_since: null, requested_amount: null }),
];

describe("the inbox as a download", () => {
  it("writes the page's columns in Japanese, dates in Japan, and the amounts applied for summed on a totals row", () => {
    const lines = toCsv(inboxTable(ROWS, NOW)).slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "申請者,法人番号,都道府県,年度,事業,状態,版,提出日,最新版の提出日,待ち日数,申請額（円）,交付決定額（円）,支払額（円）,返還額（円）,担当者,申請番号",
    );
    // 15:30 UTC on 1 May is 2 May in Japan; 9 days waiting since 1 June.
    expect(lines[1]).toBe(
      "富山県,8000020160008,富山県,令和8年度,地方における孤独・孤立対策推進事業（メニュー1）,提出済み,2,2026-05-02,2026-06-01,9,4000000,,0,0,,7",
    );
    // A name a spreadsheet would run as a formula stays text; a decided application waits on nobody.
    expect(lines[2]).toBe(
      `"'=特定非営利活動法人, つながり",,,令和8年度,孤独・孤立対策担い手育成支援事業（メニュー2）,交付決定,1,2026-05-02,2026-05-20,,4466000,4000000,2000000,0,審査 一郎,8`,
    );
    expect(lines[3]).toBe("富山県,8000020160008,富山県,令和8年度,地方における孤独・孤立対策推進事業（メニュー1）,差戻し,2,,,,,,0,0,,9");
    expect(lines[4]).toBe(`合計（3件）,,,,,,,,,,${4_000_000 + 4_466_000},4000000,2000000,0,,`);
    expect(lines).toHaveLength(5);
  });

  it("counts days waiting only while the application waits on the reviewer, in calendar days in Japan", () => {
    expect(daysWaiting(row({ waiting_since: new Date("2026-06-09T14:59:00Z") }), NOW)).toBe(1);
    expect(daysWaiting(row({ waiting_since: new Date("2026-06-09T15:00:00Z") }), NOW)).toBe(0);
    expect(daysWaiting(row({ state: "reported" }), NOW)).toBe(9);
    expect(daysWaiting(row({ state: "closed" }), NOW)).toBeNull();
  });

  it("is named 申請一覧 with today's date in Japan", () => {
    expect(inboxDownloadName(new Date("2026-03-31T15:00:00Z"))).toBe("申請一覧_20260401");
    expect(inboxDownloadName(new Date("2026-03-31T14:59:59Z"))).toBe("申請一覧_20260331");
  });
});

describe("the inbox as API rows", () => {
  it("gives codes with their labels, ISO 8601 instants and whole yen", () => {
    expect(inboxApiRow(ROWS[0]!, NOW)).toEqual({
      id: 7,
      organisationName: "富山県",
      corporateNumber: "8000020160008",
      prefectureCode: "16",
      prefectureName: "富山県",
      fiscalYear: 2026,
      fiscalYearLabel: "令和8年度",
      programme: "prefectural",
      programmeName: "地方における孤独・孤立対策推進事業（メニュー1）",
      state: "submitted",
      stateLabel: "提出済み",
      latestVersion: 2,
      firstSubmittedAt: "2026-05-01T15:30:00.000Z",
      latestSubmittedAt: "2026-06-01T01:00:00.000Z",
      daysWaiting: 9,
      requestedAmount: 4_000_000,
      decidedAmount: null,
      paidAmount: 0,
      returnedAmount: 0,
      acknowledgedWarnings: 0,
      reportLate: false,
      assigneeId: null,
      assigneeName: null,
    });
    expect(inboxApiRow(ROWS[2]!, NOW)).toMatchObject({ firstSubmittedAt: null, latestSubmittedAt: null, daysWaiting: null, requestedAmount: null });
    expect(inboxApiRow(ROWS[1]!, NOW)).toMatchObject({ prefectureCode: null, prefectureName: null, corporateNumber: null });
  });
});
