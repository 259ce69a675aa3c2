/**
 * Tables on pages: column widths, each cell broken into lines, and rows placed on the flow with the header
 * repeated on every page the table reaches. Pure, like page-flow.ts.
 */
import type { Align, Block } from "./blocks";
import { columnWidths } from "./column-widths";
import { wrap } from "./line-breaking";
import { MARGIN, TEXT_WIDTH, alignedX, type Flow, type Measure, type Weight } from "./page-flow";

type TableBlock = Extract<Block, { kind: "table" }>;

const SIZE = 9;
const LINE_HEIGHT = SIZE * 1.45;
const PADDING = 3;
const SPACE_BEFORE = 4;
const SPACE_AFTER = 6;

/** A row with each cell broken into lines. */
interface Row {
  cells: string[][];
  weight: Weight;
  shaded: boolean;
}

/** A table ready to be placed: its columns' widths and alignment, the header and the rows as lines. */
export interface PreparedTable {
  widths: number[];
  aligns: Align[];
  header: Row;
  rows: Row[];
}

export function prepareTable(block: TableBlock, measure: Measure): PreparedTable {
  const last = block.rows.length - 1;
  const rows = block.rows.map((cells, i) => ({ cells, weight: (block.emphasiseLast && i === last ? "bold" : "regular") as Weight }));
  const widths = columnWidths(block.columns, rows, (text, weight) => measure(text, weight, SIZE), TEXT_WIDTH, PADDING);
  const wrapped = (cells: readonly string[], weight: Weight, shaded = false): Row => ({
    cells: cells.map((cell, i) => wrap(cell, (text) => measure(text, weight, SIZE), widths[i]! - 2 * PADDING)),
    weight,
    shaded,
  });
  return {
    widths,
    aligns: block.columns.map((c) => c.align ?? "left"),
    header: wrapped(
      block.columns.map((c) => c.title),
      "bold",
      true,
    ),
    rows: rows.map((row) => wrapped(row.cells, row.weight)),
  };
}

const lineCount = (row: Row) => Math.max(...row.cells.map((lines) => lines.length));
const heightOf = (lines: number) => lines * LINE_HEIGHT + 2 * PADDING;
/** How many lines of a row fit in `height`. */
const linesIn = (height: number) => Math.floor((height - 2 * PADDING) / LINE_HEIGHT);

/** A row split across pages starts only where at least this many of its lines fit. */
const MIN_LINES_BEFORE_BREAK = 2;

/** Draws lines `from` … `from + count − 1` of each cell of a row at the flow's current height, and moves below them. */
function putRow(flow: Flow, table: PreparedTable, row: Row, measure: Measure, from = 0, count = lineCount(row)) {
  const height = heightOf(count);
  let x = MARGIN.left;
  row.cells.forEach((lines, i) => {
    const width = table.widths[i]!;
    flow.put({ kind: "box", x, y: flow.y - height, width, height, shaded: row.shaded });
    lines.slice(from, from + count).forEach((line, n) => {
      const lineWidth = measure(line, row.weight, SIZE);
      flow.put({
        kind: "text",
        text: line,
        x: alignedX(table.aligns[i]!, lineWidth, x + PADDING, x + width - PADDING),
        y: flow.y - PADDING - (n + 1) * LINE_HEIGHT + SIZE * 0.35,
        size: SIZE,
        weight: row.weight,
      });
    });
    x += width;
  });
  flow.y -= height;
}

/**
 * The height a table needs where it starts: its header and its first row, or only the first lines of that
 * row when the header and the whole row would be taller than `limit` (what a page has room for).
 */
export function tableStart(table: PreparedTable, limit: number): number {
  const header = SPACE_BEFORE + heightOf(lineCount(table.header));
  const first = table.rows[0];
  if (!first) return header;
  const whole = header + heightOf(lineCount(first));
  return whole <= limit ? whole : header + heightOf(Math.min(MIN_LINES_BEFORE_BREAK, lineCount(first)));
}

/**
 * Places a table on the flow, the header again at the top of every page it continues on. The table starts
 * on a new page unless its header and first row fit (tableStart); after a heading, the heading has seen to
 * that. A row that does not fit in what is left of a page moves to the next page whole, unless it is
 * taller than a page or it would leave a header alone: then it is split between lines, each page taking as
 * many of its lines as fit, so that no line is drawn past the bottom margin.
 */
export function placeTable(flow: Flow, table: PreparedTable, measure: Measure, { afterHeading = false } = {}): void {
  const headerHeight = heightOf(lineCount(table.header));
  const putHeader = () => {
    putRow(flow, table, table.header, measure);
    underHeader = true;
  };
  let underHeader = false;
  if (!afterHeading) flow.ensure(tableStart(table, flow.pageRoom()));
  if (!flow.atTop()) flow.y -= SPACE_BEFORE;
  putHeader();
  const pageRoom = flow.pageRoom() - headerHeight;
  for (const row of table.rows) {
    const total = lineCount(row);
    let from = 0;
    while (from < total) {
      const left = total - from;
      if (heightOf(left) <= flow.room()) {
        putRow(flow, table, row, measure, from, left);
        break;
      }
      const fits = linesIn(flow.room());
      const wholeOnNextPage = from === 0 && !underHeader && heightOf(total) <= pageRoom;
      if (!wholeOnNextPage && fits >= MIN_LINES_BEFORE_BREAK) {
        putRow(flow, table, row, measure, from, fits);
        from += fits;
      }
      flow.newPage();
      putHeader();
    }
    underHeader = false;
  }
  flow.y -= SPACE_AFTER;
}
