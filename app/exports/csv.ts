/**
 * CSV as Excel opens it in Japan: UTF-8 with a byte order mark (without it Excel reads Shift_JIS and garbles
 * every Japanese character), CRLF line ends, fields quoted where needed (RFC 4180).
 */
import { totalsOf, type Cell, type ExportTable } from "./table";

const BOM = "\uFEFF";

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, or a tab or CR first) is written with a
 * leading apostrophe: an organisation's name must never become a formula on a reviewer's machine.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(cell: Cell, isText: boolean): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : isText ? neutralised(cell) : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(table: ExportTable<Row>): string {
  const lines = [table.columns.map((c) => field(c.header, true)).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => field(c.value(row), c.kind === "text")).join(","));
  const totals = totalsOf(table);
  if (totals) lines.push(totals.map((cell, i) => field(cell, i === 0)).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}
