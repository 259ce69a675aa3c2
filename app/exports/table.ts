/**
 * A table to download: the same description is written as CSV (csv.ts) and as Excel (xlsx.server.ts), so the
 * two files of one view always hold the same columns, rows and totals.
 */
import { assertYen } from "~/domain/money";

/**
 * How a column's cells are written. `yen` and `integer` are whole numbers (yen formatted as money in Excel);
 * `date` is a "YYYY-MM-DD" date in Japan; `text` is written as typed.
 */
export type CellKind = "text" | "yen" | "integer" | "date";
export type Cell = string | number | null;

export interface ExportColumn<Row> {
  header: string;
  kind: CellKind;
  value: (row: Row) => Cell;
  /** Summed on the totals row (numeric columns only). */
  total?: boolean;
  /** Width in Excel, in characters. */
  width?: number;
}

export interface ExportTable<Row> {
  /** The sheet's name in Excel (at most 31 characters there). */
  title: string;
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
  /** The first cell of the totals row; no totals row when no column is summed. */
  totalsLabel?: string;
}

/** The totals row: the label in the first column, the sums of the summed columns, null elsewhere. */
export function totalsOf<Row>(table: ExportTable<Row>): Cell[] | null {
  if (!table.columns.some((c) => c.total)) return null;
  return table.columns.map((column, index) => {
    if (column.total) {
      let sum = 0;
      for (const row of table.rows) {
        const value = column.value(row);
        if (typeof value === "number") sum += value;
      }
      if (column.kind === "yen") assertYen(sum);
      return sum;
    }
    return index === 0 ? (table.totalsLabel ?? "合計") : null;
  });
}
