/**
 * Excel (.xlsx) through exceljs: a bold header row frozen in place, yen as whole numbers with a yen format,
 * and a totals row whose cells are SUM formulas carrying their computed result (so a reader that does not
 * recalculate still sees the right figure).
 */
import type ExcelJS from "exceljs";
import { columnLetter, isFormula, type RowStyle, type SheetSpec } from "./sheet";
import { totalsOf, type CellKind, type ExportTable } from "./table";
import { taskSlots } from "~/utils/task-slots";

/** exceljs, loaded when the first workbook is made: a process that makes none need not hold its 20 MB. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/**
 * Workbooks written at once, per process: one of 10,000 rows holds about 100 MB until it is written
 * (server/heap.ts). The rest wait their turn.
 */
const writingSlots = taskSlots(2);

const FORMATS: Partial<Record<CellKind, string>> = { yen: '#,##0"円"', integer: "#,##0" };

/** Excel refuses sheet names over 31 characters or holding any of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, "・").slice(0, 31) || "Sheet1";
}

export function toXlsx<Row>(table: ExportTable<Row>): Promise<Uint8Array> {
  return writingSlots.run(() => writeTable(table));
}

async function writeTable<Row>(table: ExportTable<Row>): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => c.value(row)));

  const totals = totalsOf(table);
  if (totals) {
    const last = table.rows.length + 1;
    const totalsRow = sheet.addRow(
      totals.map((cell, i) =>
        table.columns[i]!.total && table.rows.length > 0 ? { formula: `SUM(${columnLetter(i)}2:${columnLetter(i)}${last})`, result: cell as number } : cell,
      ),
    );
    totalsRow.font = { bold: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const ROW_FONTS: Record<RowStyle, Partial<ExcelJS.Font>> = {
  title: { bold: true, size: 14 },
  heading: { bold: true },
  header: { bold: true },
  total: { bold: true },
};
const RULE: Partial<ExcelJS.Border> = { style: "thin" };

/**
 * Sheets laid out cell by cell (sheet.ts), in one workbook: yen and counts as whole numbers in their
 * formats, formulas with their results, header rows ruled below and totals rows ruled above.
 */
export function toXlsxWorkbook(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  return writingSlots.run(() => writeSheets(sheets));
}

async function writeSheets(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name), { views: spec.frozenRows > 0 ? [{ state: "frozen", ySplit: spec.frozenRows }] : [] });
    spec.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    for (const row of spec.rows) {
      const added = sheet.addRow(row.cells.map((c) => (isFormula(c.value) ? { formula: c.value.formula, result: c.value.result } : c.value)));
      row.cells.forEach((c, i) => {
        const format = FORMATS[c.kind];
        if (format) added.getCell(i + 1).numFmt = format;
      });
      if (row.style) added.font = ROW_FONTS[row.style];
      if (row.style === "header" || row.style === "total") {
        row.cells.forEach((_, i) => (added.getCell(i + 1).border = row.style === "header" ? { bottom: RULE } : { top: RULE }));
      }
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
