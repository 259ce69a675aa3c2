/**
 * The page being filled, top to bottom, and what is put on it: lines of text and table cells ("marks"), in
 * PDF coordinates (points, origin at the bottom left). Pure: render.server.ts draws the marks with pdf-lib.
 */
import type { Align } from "./blocks";

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
/** The width between the margins, where text and tables go. */
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export type Weight = "regular" | "bold";

/** The width of text in a weight at a size, in points. */
export type Measure = (text: string, weight: Weight, size: number) => number;

/** One line of text; `y` is its baseline. */
export interface TextMark {
  kind: "text";
  text: string;
  x: number;
  y: number;
  size: number;
  weight: Weight;
}

/** A table cell's border (and its shading, for a header); `y` is its bottom edge. */
export interface BoxMark {
  kind: "box";
  x: number;
  y: number;
  width: number;
  height: number;
  shaded: boolean;
}

export type Mark = TextMark | BoxMark;

/** Where a line `width` wide starts between `left` and `right`. */
export function alignedX(align: Align, width: number, left: number, right: number): number {
  return align === "center" ? left + (right - left - width) / 2 : align === "right" ? right - width : left;
}

/** Pages filled one after the other; `y` is how far down the current page is filled. */
export class Flow {
  readonly pages: Mark[][] = [];
  y = 0;

  constructor() {
    this.newPage();
  }

  newPage(): void {
    this.pages.push([]);
    this.y = A4.height - MARGIN.top;
  }

  /** The height left above the bottom margin of the current page. */
  room(): number {
    return this.y - MARGIN.bottom;
  }

  /** Nothing has been put on the current page yet. */
  atTop(): boolean {
    return this.y === A4.height - MARGIN.top;
  }

  /** The height between the margins of a whole page. */
  pageRoom(): number {
    return A4.height - MARGIN.top - MARGIN.bottom;
  }

  /** Starts a new page unless `height` fits on this one. */
  ensure(height: number): void {
    if (this.room() < height) this.newPage();
  }

  put(mark: Mark): void {
    this.pages.at(-1)!.push(mark);
  }
}
