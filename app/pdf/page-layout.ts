/**
 * Lays a document's blocks out on A4 portrait pages: paragraphs broken into lines, tables, page breaks.
 * Pure: text is measured through `Measure`, and the result is each page's marks (page-flow.ts), which
 * render.server.ts draws.
 */
import type { Block } from "./blocks";
import { wrap } from "./line-breaking";
import { alignedX, A4, Flow, MARGIN, type Mark, type Measure, type Weight } from "./page-flow";
import { placeTable, prepareTable } from "./table-layout";

type TextBlock = Extract<Block, { kind: "text" }>;

const BODY_SIZE = 10.5;
const LINE_GAP = 1.6;

function placeText(flow: Flow, block: TextBlock, measure: Measure) {
  const size = block.size ?? BODY_SIZE;
  const weight: Weight = block.bold ? "bold" : "regular";
  const left = MARGIN.left + (block.indent ?? 0) * size;
  const right = A4.width - MARGIN.right;
  const widthOf = (text: string) => measure(text, weight, size);
  flow.y -= block.spaceBefore ?? 0;
  for (const line of wrap(block.text, widthOf, right - left)) {
    flow.ensure(size * LINE_GAP);
    flow.y -= size * LINE_GAP;
    flow.put({ kind: "text", text: line, x: alignedX(block.align ?? "left", widthOf(line), left, right), y: flow.y + size * 0.3, size, weight });
  }
}

/** Each page's marks, in the order they are drawn. */
export function layOut(blocks: readonly Block[], measure: Measure): Mark[][] {
  const flow = new Flow();
  for (const block of blocks) {
    if (block.kind === "text") placeText(flow, block, measure);
    else if (block.kind === "table") placeTable(flow, prepareTable(block, measure), measure);
    else flow.newPage();
  }
  return flow.pages;
}
