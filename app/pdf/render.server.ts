import { PDFDocument, rgb } from "pdf-lib";
import { charactersOf, type DocumentSpec } from "./blocks";
import { embedFonts, glyphCoverage } from "./fonts.server";
import { A4, MARGIN, type Weight } from "./page-flow";
import { layOut } from "./page-layout";
import { printableSpec } from "./printable-text";
import { widthOf } from "./text-measure";

/**
 * A document as a PDF: its blocks laid out on A4 portrait pages in Mincho (page-layout.ts), page numbers
 * 「1 / 3」, and 「下書き」 on every page of a draft. A character the font lacks is printed as 〓
 * (printable-text.ts). Output is deterministic: fixed metadata dates from the
 * record, no random ids.
 *
 * `wholeFont` embeds the complete fonts instead (only to compare, in the benchmark).
 */
export async function renderPdf(spec: DocumentSpec, { wholeFont = false } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const printable = printableSpec(spec, await glyphCoverage());
  const fonts = await embedFonts(doc, charactersOf(printable), { wholeFont });
  doc.setTitle(spec.title, { showInWindowTitleBar: true });
  doc.setAuthor(spec.author);
  doc.setLanguage("ja-JP");
  doc.setProducer("孤独・孤立対策推進交付金 申請・審査システム");
  doc.setCreator("孤独・孤立対策推進交付金 申請・審査システム");
  doc.setCreationDate(spec.date);
  doc.setModificationDate(spec.date);

  const measure = (text: string, weight: Weight, size: number) => widthOf(text, fonts[weight], size);
  const pages = layOut(printable.blocks, measure);
  pages.forEach((marks, i) => {
    const page = doc.addPage([A4.width, A4.height]);
    for (const mark of marks) {
      if (mark.kind === "text") page.drawText(mark.text, { x: mark.x, y: mark.y, size: mark.size, font: fonts[mark.weight] });
      else {
        const { x, y, width, height } = mark;
        page.drawRectangle({
          x,
          y,
          width,
          height,
          borderColor: rgb(0.3, 0.3, 0.3),
          borderWidth: 0.5,
          ...(mark.shaded ? { color: rgb(0.93, 0.93, 0.93) } : {}),
        });
      }
    }
    const label = `${i + 1} / ${pages.length}`;
    page.drawText(label, { x: (A4.width - widthOf(label, fonts.regular, 9)) / 2, y: MARGIN.bottom / 2, size: 9, font: fonts.regular });
    if (spec.draft) {
      page.drawText("下書き", { x: A4.width - MARGIN.right - 60, y: A4.height - 36, size: 16, font: fonts.bold, color: rgb(0.8, 0, 0) });
    }
  });
  return doc.save();
}
