/**
 * A sheet laid out cell by cell, for documents that are more than one table (the 所要額調書: a title block,
 * several tables, a calculation). Pure: xlsx.server.ts writes it. Rows and columns are numbered from 1, as
 * Excel numbers them, so formulas can name the cells they add up.
 */
import { totalsOf, type Cell, type CellKind, type ExportTable } from "./table";

/** A formula (without "=") with the result it has, so a reader that does not recalculate sees the figure. */
export interface Formula {
  formula: string;
  result: number;
}

export interface SheetCell {
  value: Cell | Formula;
  kind: CellKind;
}

export type RowStyle = "title" | "heading" | "header" | "total";

export interface SheetRow {
  cells: SheetCell[];
  style?: RowStyle;
}

export interface SheetSpec {
  /** The sheet's name in Excel (at most 31 characters there). */
  name: string;
  /** Column widths in characters, from column A. */
  widths: number[];
  rows: SheetRow[];
  /** Rows kept in view while scrolling (the title block, or a table's header). */
  frozenRows: number;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell's address: column index from 0, row number from 1 → "B12". */
export const cellAddress = (column: number, row: number): string => `${columnLetter(column)}${row}`;

export const isFormula = (value: Cell | Formula): value is Formula => typeof value === "object" && value !== null;

const textCell = (value: Cell): SheetCell => ({ value, kind: "text" });

/** Builds a sheet top to bottom; each method answers the row number it wrote. */
export class SheetBuilder {
  readonly rows: SheetRow[] = [];

  /** The number of the row the next call writes. */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  row(cells: (SheetCell | Cell)[], style?: RowStyle): number {
    this.rows.push({ cells: cells.map((c) => (typeof c === "object" && c !== null ? c : textCell(c))), ...(style ? { style } : {}) });
    return this.rows.length;
  }

  blank(): number {
    return this.row([]);
  }

  /**
   * A table: its header, its rows, and its totals row (when a column is summed) whose cells are SUM
   * formulas over the rows above, with the exact sums as results. Answers where the totals are.
   */
  table<Row>(table: ExportTable<Row>): { headerRow: number; totalsRow: number | null; total: (column: number) => Formula | null } {
    const headerRow = this.row(
      table.columns.map((c) => c.header),
      "header",
    );
    for (const row of table.rows) this.row(table.columns.map((c) => ({ value: c.value(row), kind: c.kind })));
    const totals = totalsOf(table);
    if (!totals) return { headerRow, totalsRow: null, total: () => null };
    const first = headerRow + 1;
    const last = this.nextRow - 1;
    const totalsRow = this.row(
      table.columns.map((column, i) => ({
        value:
          column.total && table.rows.length > 0
            ? { formula: `SUM(${cellAddress(i, first)}:${cellAddress(i, last)})`, result: totals[i] as number }
            : (totals[i] ?? null),
        kind: column.total ? column.kind : "text",
      })),
      "total",
    );
    return {
      headerRow,
      totalsRow,
      total: (column) => (table.columns[column]?.total ? { formula: cellAddress(column, totalsRow), result: totals[column] as number } : null),
    };
  }
}
