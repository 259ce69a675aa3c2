/**
 * Lays a document's blocks out on A4 portrait pages: paragraphs broken into lines, tables, page breaks.
 * Pure: text is measured through `Measure`, and the result is each page's marks (page-flow.ts), which
 * render.server.ts draws.
 *
 * A heading (a text block with `keepWithNext`) is never left at the foot of a page: it goes to the next
 * page unless the start of what follows fits under it (the first two lines of a paragraph; a table's
 * header and its first row, or the first lines of a row taller than a page).
 */
import type { Block } from "./blocks";
import { wrap } from "./line-breaking";
import { alignedX, A4, Flow, MARGIN, type Mark, type Measure, type Weight } from "./page-flow";
import { placeTable, prepareTable, tableStart, type PreparedTable } from "./table-layout";

type TextBlock = Extract<Block, { kind: "text" }>;

const BODY_SIZE = 10.5;
const LINE_GAP = 1.6;
/** A paragraph after a heading starts on the heading's page with at least this many lines. */
const LINES_AFTER_HEADING = 2;

interface PreparedText {
  kind: "text";
  block: TextBlock;
  lines: string[];
  size: number;
  weight: Weight;
  left: number;
  right: number;
}

type Prepared = PreparedText | { kind: "table"; table: PreparedTable } | { kind: "pageBreak" };

function prepare(block: Block, measure: Measure): Prepared {
  if (block.kind === "pageBreak") return block;
  if (block.kind === "table") return { kind: "table", table: prepareTable(block, measure) };
  const size = block.size ?? BODY_SIZE;
  const weight: Weight = block.bold ? "bold" : "regular";
  const left = MARGIN.left + (block.indent ?? 0) * size;
  const right = A4.width - MARGIN.right;
  return { kind: "text", block, lines: wrap(block.text, (text) => measure(text, weight, size), right - left), size, weight, left, right };
}

const lineHeight = (text: PreparedText) => text.size * LINE_GAP;
const textHeight = (text: PreparedText, lines = text.lines.length) => (text.block.spaceBefore ?? 0) + lines * lineHeight(text);

/**
 * The height that must fit on a page for block `i` to start there: a heading with the start of what
 * follows it (itself perhaps a heading), a table with its header and first row. `limit` is a page's
 * height: when a heading and the whole first row of its table would not fit on any page, the heading
 * only needs the first lines of that row.
 */
function startHeight(blocks: readonly Prepared[], i: number, limit: number): number {
  const block = blocks[i];
  if (!block || block.kind === "pageBreak") return 0;
  if (block.kind === "table") return tableStart(block.table, limit);
  if (!block.block.keepWithNext) return textHeight(block, Math.min(LINES_AFTER_HEADING, block.lines.length));
  const own = textHeight(block);
  return own + startHeight(blocks, i + 1, limit - own);
}

function placeText(flow: Flow, text: PreparedText, measure: Measure, keep: number) {
  if (text.block.keepWithNext && keep > flow.room() && !flow.atTop()) flow.newPage();
  if (!flow.atTop()) flow.y -= text.block.spaceBefore ?? 0;
  for (const line of text.lines) {
    flow.ensure(lineHeight(text));
    flow.y -= lineHeight(text);
    const x = alignedX(text.block.align ?? "left", measure(line, text.weight, text.size), text.left, text.right);
    flow.put({ kind: "text", text: line, x, y: flow.y + text.size * 0.3, size: text.size, weight: text.weight });
  }
}

/** Each page's marks, in the order they are drawn. */
export function layOut(blocks: readonly Block[], measure: Measure): Mark[][] {
  const flow = new Flow();
  const prepared = blocks.map((block) => prepare(block, measure));
  prepared.forEach((block, i) => {
    if (block.kind === "text") placeText(flow, block, measure, startHeight(prepared, i, flow.pageRoom()));
    else if (block.kind === "table") {
      const previous = prepared[i - 1];
      placeTable(flow, block.table, measure, { afterHeading: previous?.kind === "text" && previous.block.keepWithNext === true });
    } else flow.newPage();
  });
  return flow.pages;
}
