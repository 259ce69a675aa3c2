/**
 * A document as a list of blocks, independent of PDF: what each official document says, in order.
 * The renderer (render.server.ts) lays the blocks out on A4 pages.
 */
export type Align = "left" | "center" | "right";

export type Block =
  | {
      kind: "text";
      text: string;
      size?: number;
      bold?: boolean;
      align?: Align;
      indent?: number;
      spaceBefore?: number;
      /** A heading: never the last thing on a page, it goes on the page where what follows it starts. */
      keepWithNext?: boolean;
    }
  | { kind: "table"; columns: Column[]; rows: string[][]; emphasiseLast?: boolean }
  | { kind: "pageBreak" };

export interface Column {
  title: string;
  /** The column's share of the table's width (the shares of a table add up to 1). */
  width: number;
  align?: Align;
  /**
   * The widest value the column can hold (the largest amount, for an amount column). Its cells are never
   * broken across lines: the column is widened, at the expense of the columns without one, to hold this
   * and each of its cells on one line.
   */
  widestValue?: string;
}

export interface DocumentSpec {
  title: string;
  author: string;
  /** Taken from the record (e.g. when it was submitted): the same record always gives the same bytes. */
  date: Date;
  /** A draft is marked 「下書き」 on every page. */
  draft: boolean;
  blocks: Block[];
}

/** Every character a document draws in each weight, for subsetting its fonts. */
export function charactersOf(spec: DocumentSpec): { regular: string; bold: string } {
  const regular: string[] = [spec.title, "0123456789 /"];
  const bold: string[] = [spec.draft ? "下書き" : ""];
  for (const block of spec.blocks) {
    if (block.kind === "text") (block.bold ? bold : regular).push(block.text);
    if (block.kind === "table") {
      bold.push(...block.columns.map((c) => c.title));
      block.rows.forEach((row, i) => (block.emphasiseLast && i === block.rows.length - 1 ? bold : regular).push(...row));
    }
  }
  const unique = (texts: string[]) => [...new Set(texts.join(""))].join("");
  return { regular: unique(regular), bold: unique(bold) };
}
