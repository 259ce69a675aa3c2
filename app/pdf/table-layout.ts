/**
 * Tables on pages: column widths, each cell broken into lines, and rows placed on the flow with the header
 * repeated on every page the table reaches. Pure, like page-flow.ts.
 */
import type { Align, Block } from "./blocks";
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
  const widths = block.columns.map((c) => c.width * TEXT_WIDTH);
  const row = (cells: readonly string[], weight: Weight, shaded = false): Row => ({
    cells: cells.map((cell, i) => wrap(cell, (text) => measure(text, weight, SIZE), widths[i]! - 2 * PADDING)),
    weight,
    shaded,
  });
  const last = block.rows.length - 1;
  return {
    widths,
    aligns: block.columns.map((c) => c.align ?? "left"),
    header: row(
      block.columns.map((c) => c.title),
      "bold",
      true,
    ),
    rows: block.rows.map((cells, i) => row(cells, block.emphasiseLast && i === last ? "bold" : "regular")),
  };
}

const lineCount = (row: Row) => Math.max(...row.cells.map((lines) => lines.length));
const heightOf = (lines: number) => lines * LINE_HEIGHT + 2 * PADDING;

/** Draws a row at the flow's current height and moves below it. */
function putRow(flow: Flow, table: PreparedTable, row: Row, measure: Measure) {
  const height = heightOf(lineCount(row));
  let x = MARGIN.left;
  row.cells.forEach((lines, i) => {
    const width = table.widths[i]!;
    flow.put({ kind: "box", x, y: flow.y - height, width, height, shaded: row.shaded });
    lines.forEach((line, n) => {
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

/** Places a table on the flow; a row that does not fit starts a new page, under the header again. */
export function placeTable(flow: Flow, table: PreparedTable, measure: Measure): void {
  flow.ensure(heightOf(lineCount(table.header)) + LINE_HEIGHT * 2);
  flow.y -= SPACE_BEFORE;
  putRow(flow, table, table.header, measure);
  for (const row of table.rows) {
    if (flow.room() < heightOf(lineCount(row))) {
      flow.newPage();
      putRow(flow, table, table.header, measure);
    }
    putRow(flow, table, row, measure);
  }
  flow.y -= SPACE_AFTER;
}
