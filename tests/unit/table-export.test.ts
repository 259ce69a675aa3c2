import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/exports/csv";
import type { ExportTable } from "~/exports/table";
import { toXlsx } from "~/exports/xlsx.server";

interface Row {
  name: string;
  applied: number;
  decided: number | null;
  submittedOn: string;
}

const table = (rows: Row[]): ExportTable<Row> => ({
  title: "申請一覧",
  columns: [
    { header: "団体名", kind: "text", value: (r) => r.name },
    { header: "提出日", kind: "date", value: (r) => r.submittedOn },
    { header: "申請額（円）", kind: "yen", value: (r) => r.applied, total: true },
    { header: "交付決定額（円）", kind: "yen", value: (r) => r.decided, total: true },
  ],
  rows,
});

const ROWS: Row[] = [
  { name: "富山県", applied: 12_345_678, decided: 10_000_000, submittedOn: "2026-05-01" },
  { name: '特定非営利活動法人 "つながり", 本部\n第二事務所', applied: 1_000_000_000_000, decided: null, submittedOn: "2026-05-02" },
  { name: '=HYPERLINK("http://x")', applied: 1, decided: 1, submittedOn: "2026-05-03" },
];

describe("CSV export", () => {
  const csv = toCsv(table(ROWS));

  it("starts with the byte order mark and ends every line with CRLF", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe("団体名,提出日,申請額（円）,交付決定額（円）");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("quotes commas, quotes and line breaks, and leaves an empty cell for a missing amount", () => {
    expect(csv).toContain('"特定非営利活動法人 ""つながり"", 本部\n第二事務所",2026-05-02,1000000000000,\r\n');
  });

  it("writes a text that a spreadsheet would run as a formula with a leading apostrophe", () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",2026-05-03,1,1`);
  });

  it("sums the summed columns exactly on a totals row", () => {
    const last = csv.trimEnd().split("\r\n").at(-1);
    expect(last).toBe(`合計,,${12_345_678 + 1_000_000_000_000 + 1},10000001`);
  });

  it("writes the header and a zero totals row for an empty table", () => {
    expect(toCsv(table([]))).toBe("\uFEFF団体名,提出日,申請額（円）,交付決定額（円）\r\n合計,,0,0\r\n");
  });
});

it("refuses a total that is not a safe whole number of yen rather than write a rounded one", () => {
  const huge = { name: "x", applied: Number.MAX_SAFE_INTEGER, decided: 0, submittedOn: "2026-05-01" };
  expect(() => toCsv(table([huge, huge]))).toThrow(RangeError);
});

describe("Excel export", () => {
  it("opens with a frozen bold header, whole-yen cells in a yen format and SUM totals holding their result", async () => {
    const bytes = await toXlsx(table(ROWS));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("申請一覧")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, "団体名", "提出日", "申請額（円）", "交付決定額（円）"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("C2").value).toBe(12_345_678);
    expect(sheet.getCell("C2").numFmt).toBe('#,##0"円"');
    expect(sheet.getCell("D3").value).toBeNull();
    expect(sheet.getCell("A4").value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell("A5").value).toBe("合計");
    expect(sheet.getCell("D5").value).toEqual({ formula: "SUM(D2:D4)", result: 10_000_001 });
  });
});
