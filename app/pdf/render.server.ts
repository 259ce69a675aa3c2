import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import subsetFont from "subset-font";
import { charactersOf, type Align, type Block, type DocumentSpec } from "./blocks";

/**
 * Lays document blocks out on A4 portrait pages in Mincho, with Japanese line breaking, table headers
 * repeated on every page, page numbers 「1 / 3」 and 「下書き」 on drafts.
 *
 * Fonts: the whole Noto Serif JP is 7.6 MB; pdf-lib's own subsetting leaves CJK glyphs blank. So each
 * document's fonts are subset first (HarfBuzz) to exactly the characters it draws, then embedded whole.
 * Output is deterministic: fixed metadata dates from the record, no random ids.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const BODY_SIZE = 10.5;
const LINE_GAP = 1.6;
const CELL_PADDING = 3;

const require = createRequire(import.meta.url);
let fontFiles: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

function loadFonts() {
  fontFiles ??= Promise.all([
    readFile(require.resolve("@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf")),
    readFile(require.resolve("@expo-google-fonts/noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf")),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontFiles;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const advances = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The width of text at a size. pdf-lib shapes the whole string on every call, which made measuring the
 * largest part of rendering; Japanese text, digits and punctuation are measured from each character's
 * advance, measured once per font. Text with Latin letters is shaped as pdf-lib draws it, since ligatures
 * and contextual forms change its width.
 */
export function widthOf(text: string, font: PDFFont, size: number): number {
  if (/[A-Za-z]/.test(text)) return font.widthOfTextAtSize(text, size);
  let cache = advances.get(font);
  if (!cache) advances.set(font, (cache = new Map()));
  let width = 0;
  for (const char of text) {
    let advance = cache.get(char);
    if (advance === undefined) cache.set(char, (advance = font.widthOfTextAtSize(char, 1)));
    width += advance;
  }
  return width * size;
}

/** Characters that may not start a line (行頭禁則): closing brackets, punctuation, small kana, the long vowel mark. */
const NO_LINE_START = new Set("、。，．,.）」』】〕〉》・：；:;！？!?ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々％%");
/** Characters that may not end a line (行末禁則): opening brackets. */
const NO_LINE_END = new Set("（「『【〔〈《([");
/** Runs of these stay together: numbers such as 1,000 or 10.5, codes and addresses in Latin letters. */
const WORD_CHARACTER = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ,.，．\-_/@+]/;

/** The pieces a line may break between: single characters, or runs that the rules above keep together. */
export function breakUnits(paragraph: string): string[] {
  const units: string[] = [];
  let glueNext = false;
  for (const char of paragraph) {
    const previous = units.at(-1);
    const last = previous?.slice(-1) ?? "";
    const glue = glueNext || NO_LINE_START.has(char) || (WORD_CHARACTER.test(char) && WORD_CHARACTER.test(last));
    if (previous !== undefined && glue) units[units.length - 1] = previous + char;
    else units.push(char);
    glueNext = NO_LINE_END.has(char);
  }
  return units;
}

/**
 * Breaks text into lines no wider than `width`. Japanese breaks between any two characters, except that a
 * line never starts with closing punctuation or small kana, never ends with an opening bracket, and never
 * splits a number or a Latin word; a piece wider than a whole line is split by character.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    const add = (piece: string, pieceWidth: number) => {
      if (line && lineWidth + pieceWidth > width) {
        lines.push(line);
        [line, lineWidth] = ["", 0];
      }
      line += piece;
      lineWidth += pieceWidth;
    };
    for (const unit of breakUnits(paragraph)) {
      const unitWidth = widthOf(unit, font, size);
      if (unitWidth <= width) add(unit, unitWidth);
      else for (const char of unit) add(char, widthOf(char, font, size));
    }
    lines.push(line);
  }
  return lines;
}

class Layout {
  pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN.top;
  }

  private ensure(height: number) {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  private x(align: Align, width: number, left: number, right: number) {
    return align === "center" ? left + (right - left - width) / 2 : align === "right" ? right - width : left;
  }

  text(block: Extract<Block, { kind: "text" }>) {
    const size = block.size ?? BODY_SIZE;
    const font = block.bold ? this.fonts.bold : this.fonts.regular;
    const left = MARGIN.left + (block.indent ?? 0) * size;
    const right = A4.width - MARGIN.right;
    this.y -= block.spaceBefore ?? 0;
    for (const line of wrap(block.text, font, size, right - left)) {
      this.ensure(size * LINE_GAP);
      this.y -= size * LINE_GAP;
      const width = widthOf(line, font, size);
      this.page.drawText(line, { x: this.x(block.align ?? "left", width, left, right), y: this.y + size * 0.3, size, font });
    }
  }

  table(block: Extract<Block, { kind: "table" }>) {
    const size = 9;
    const total = A4.width - MARGIN.left - MARGIN.right;
    const widths = block.columns.map((c) => c.width * total);
    const lineHeight = size * 1.45;
    const rowHeight = (cells: string[], font: PDFFont) =>
      Math.max(...cells.map((cell, i) => wrap(cell, font, size, widths[i]! - 2 * CELL_PADDING).length)) * lineHeight + 2 * CELL_PADDING;

    const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
      const height = rowHeight(cells, font);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const width = widths[i]!;
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width,
          height,
          borderColor: rgb(0.3, 0.3, 0.3),
          borderWidth: 0.5,
          ...(shade ? { color: rgb(0.93, 0.93, 0.93) } : {}),
        });
        wrap(cell, font, size, width - 2 * CELL_PADDING).forEach((line, n) => {
          const w = widthOf(line, font, size);
          const align = block.columns[i]!.align ?? "left";
          this.page.drawText(line, {
            x: this.x(align, w, x + CELL_PADDING, x + width - CELL_PADDING),
            y: this.y - CELL_PADDING - (n + 1) * lineHeight + size * 0.35,
            size,
            font,
          });
        });
        x += width;
      });
      this.y -= height;
    };

    const header = block.columns.map((c) => c.title);
    const headerHeight = rowHeight(header, this.fonts.bold);
    this.ensure(headerHeight + lineHeight * 2);
    this.y -= 4;
    drawRow(header, this.fonts.bold, true);
    block.rows.forEach((row, i) => {
      const font = block.emphasiseLast && i === block.rows.length - 1 ? this.fonts.bold : this.fonts.regular;
      if (this.y - rowHeight(row, font) < MARGIN.bottom) {
        this.newPage();
        drawRow(header, this.fonts.bold, true); // the header again on every page
      }
      drawRow(row, font, false);
    });
    this.y -= 6;
  }

  breakPage() {
    this.newPage();
  }
}

/** `wholeFont` embeds the complete fonts instead (only to compare, in the benchmark). */
export async function renderPdf(spec: DocumentSpec, { wholeFont = false } = {}): Promise<Uint8Array> {
  const files = await loadFonts();
  const characters = charactersOf(spec);
  const [regular, bold] = wholeFont
    ? [files.regular, files.bold]
    : await Promise.all([
        subsetFont(files.regular, characters.regular, { targetFormat: "sfnt", noLayoutClosure: true }),
        subsetFont(files.bold, characters.bold, { targetFormat: "sfnt", noLayoutClosure: true }),
      ]);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts = { regular: await doc.embedFont(regular, { subset: false }), bold: await doc.embedFont(bold, { subset: false }) };
  doc.setTitle(spec.title, { showInWindowTitleBar: true });
  doc.setAuthor(spec.author);
  doc.setLanguage("ja-JP");
  doc.setProducer("孤独・孤立対策推進交付金 申請・審査システム");
  doc.setCreator("孤独・孤立対策推進交付金 申請・審査システム");
  doc.setCreationDate(spec.date);
  doc.setModificationDate(spec.date);

  const layout = new Layout(doc, fonts);
  for (const block of spec.blocks) {
    if (block.kind === "text") layout.text(block);
    else if (block.kind === "table") layout.table(block);
    else layout.breakPage();
  }

  const count = layout.pages.length;
  layout.pages.forEach((page, i) => {
    const label = `${i + 1} / ${count}`;
    const width = widthOf(label, fonts.regular, 9);
    page.drawText(label, { x: (A4.width - width) / 2, y: MARGIN.bottom / 2, size: 9, font: fonts.regular });
    if (spec.draft) {
      page.drawText("下書き", { x: A4.width - MARGIN.right - 60, y: A4.height - 36, size: 16, font: fonts.bold, color: rgb(0.8, 0, 0) });
    }
  });
  return doc.save();
}
