import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/exports/csv";
import type { ExportTable } from "~/exports/table";
import { cellAddress, columnLetter, SheetBuilder } from "~/exports/sheet";
import { toXlsx, toXlsxWorkbook } from "~/exports/xlsx.server";

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

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

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

describe("sheets laid out cell by cell", () => {
  it("names columns and cells as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
    expect(cellAddress(1, 12)).toBe("B12");
  });

  it("places a table below a title block, with SUM totals over its own rows and a reference to each total", () => {
    const sheet = new SheetBuilder();
    sheet.row(["一覧"], "title");
    sheet.blank();
    const placed = sheet.table(table(ROWS));
    expect(placed).toMatchObject({ headerRow: 3, totalsRow: 7 });
    expect(placed.total(2)).toEqual({ formula: "C7", result: 12_345_678 + 1_000_000_000_000 + 1 });
    expect(placed.total(0)).toBeNull();
    expect(sheet.rows[6]!.cells.map((c) => c.value)).toEqual([
      "合計",
      null,
      { formula: "SUM(C4:C6)", result: 1_000_012_345_679 },
      { formula: "SUM(D4:D6)", result: 10_000_001 },
    ]);
  });

  it("writes a zero, not a formula over no rows, as the total of an empty table", () => {
    const sheet = new SheetBuilder();
    const placed = sheet.table(table([]));
    expect(sheet.rows[1]!.cells.map((c) => c.value)).toEqual(["合計", null, 0, 0]);
    expect(placed.total(3)).toEqual({ formula: "D2", result: 0 });
  });

  it("writes several sheets: frozen rows, bold and ruled header and totals rows, formats by cell, formulas with their results", async () => {
    const first = new SheetBuilder();
    first.row(["表題"], "title");
    first.row(["申請者", '=HYPERLINK("http://x")']);
    const placed = first.table(table(ROWS.slice(0, 1)));
    first.row(["参照", { value: placed.total(2)!, kind: "yen" }]);
    const second = new SheetBuilder();
    second.table(table(ROWS));
    const workbook = await load(
      await toXlsxWorkbook([
        { name: "所要額調書", widths: [30, 12], rows: first.rows, frozenRows: 2 },
        { name: "経費の内訳/明細[1]", widths: [], rows: second.rows, frozenRows: 1 },
        { name: "空", widths: [], rows: [], frozenRows: 0 },
      ]),
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["所要額調書", "経費の内訳・明細・1・", "空"]);
    const sheet = workbook.getWorksheet("所要額調書")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    // A text that looks like a formula stays text.
    expect(sheet.getCell("B2").value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell("A3").font?.bold).toBe(true);
    expect(sheet.getCell("A3").border?.bottom?.style).toBe("thin");
    expect(sheet.getCell("C4").value).toBe(12_345_678);
    expect(sheet.getCell("C4").numFmt).toBe('#,##0"円"');
    expect(sheet.getCell("A4").numFmt).toBeUndefined();
    expect(sheet.getCell("C5").value).toEqual({ formula: "SUM(C4:C4)", result: 12_345_678 });
    expect(sheet.getCell("C5").border?.top?.style).toBe("thin");
    expect(sheet.getCell("B6").value).toEqual({ formula: "C5", result: 12_345_678 });
    expect(sheet.getCell("B6").numFmt).toBe('#,##0"円"');
    expect(workbook.worksheets[1]!.getCell("D5").value).toEqual({ formula: "SUM(D2:D4)", result: 10_000_001 });
    expect(workbook.worksheets[2]!.views?.[0]?.state).not.toBe("frozen");
  });
});
