async function open(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** A PDF read back as a person's PDF reader would: each page's text, and the title in its metadata. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; title: unknown }> {
  const doc = await open(bytes);
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  const { info } = await doc.getMetadata();
  return { pages, title: (info as { Title?: string }).Title };
}

/** A line of a page as drawn: the text at one baseline, left to right (cells of a table row included). */
export interface PdfLine {
  text: string;
  /** The baseline, in points from the bottom of the page. */
  y: number;
  /** Where the line starts and ends, in points from the left of the page. */
  left: number;
  right: number;
  /** The text as drawn, piece by piece: each cell's line of a table row is a piece of its own. */
  pieces: string[];
}

/** Each page's lines, top to bottom: where text sits on the page, and what one line holds. */
export async function pdfLines(bytes: Uint8Array): Promise<PdfLine[][]> {
  const doc = await open(bytes);
  const pages: PdfLine[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const items = content.items
      .flatMap((item) =>
        "str" in item && item.str.trim() ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : [],
      )
      .sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: PdfLine[] = [];
    for (const item of items) {
      const line = lines.at(-1);
      if (line && Math.abs(line.y - item.y) < 0.5) {
        line.text += item.text;
        line.pieces.push(item.text);
        line.right = Math.max(line.right, item.x + item.width);
      } else lines.push({ text: item.text, y: item.y, left: item.x, right: item.x + item.width, pieces: [item.text] });
    }
    pages.push(lines);
  }
  return pages;
}

/**
 * What is missing of `value` from a document's pages (whitespace aside: lines and cells break anywhere),
 * or "" when all of it is there. The value may run over several pages: each page must go on with it where
 * the page before left off, so a stretch lost between two pages (drawn below the edge of one) is found.
 */
export function missingFrom(pages: readonly string[], value: string): string {
  const squeeze = (text: string) => text.replace(/\s+/g, "");
  let rest = squeeze(value);
  for (const page of pages.map(squeeze)) {
    // The longest beginning of the rest that is on this page (if a beginning is, so is every shorter one).
    let [found, tooLong] = [0, rest.length + 1];
    while (tooLong - found > 1) {
      const middle = (found + tooLong) >> 1;
      if (page.includes(rest.slice(0, middle))) found = middle;
      else tooLong = middle;
    }
    rest = rest.slice(found);
    if (!rest) break;
  }
  return rest;
}
