/**
 * Excel (.xlsx) through exceljs: a bold header row frozen in place, yen as whole numbers with a yen format,
 * and a totals row whose cells are SUM formulas carrying their computed result (so a reader that does not
 * recalculate still sees the right figure).
 */
import ExcelJS from "exceljs";
import { totalsOf, type CellKind, type ExportTable } from "./table";

const FORMATS: Partial<Record<CellKind, string>> = { yen: '#,##0"円"', integer: "#,##0" };

/** Excel refuses sheet names over 31 characters or holding any of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, "・").slice(0, 31) || "Sheet1";
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function toXlsx<Row>(table: ExportTable<Row>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
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
