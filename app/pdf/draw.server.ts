import { createHash } from "node:crypto";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, rgb } from "pdf-lib";
import { charactersOf, type DocumentSpec } from "./blocks";
import { embedFonts, glyphCoverage } from "./fonts.server";
import { A4, MARGIN, type Mark, type Weight } from "./page-flow";
import { layOut } from "./page-layout";
import { printableSpec } from "./printable-text";
import { widthOf } from "./text-measure";

/**
 * A document as a PDF: its blocks laid out on A4 portrait pages in Mincho (page-layout.ts), page numbers
 * 「1 / 3」, and 「下書き」 on every page of a draft. A character the font lacks is printed as 〓
 * (printable-text.ts). Output is deterministic: fixed metadata dates from the
 * record, no random ids.
 *
 * The metadata is said twice, alike: in the Info dictionary, and as XMP on the catalog, which is what
 * archiving and search tools read (title, author, language, the document's date as its creation and
 * modification date, in Japan time, and the system as creator and producer). The file identifier (/ID)
 * is a digest of what the document says and how it is laid out, the same for every rendering of a record.
 *
 * `wholeFont` embeds the complete fonts instead (only to compare, in the benchmark).
 *
 * Loaded by render.server.ts when the first document is asked for: pdf-lib and the font tools hold tens of
 * megabytes that a process serving no PDF need not hold.
 */
export async function drawPdf(spec: DocumentSpec, { wholeFont = false }: { wholeFont?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const printable = printableSpec(spec, await glyphCoverage());
  const fonts = await embedFonts(doc, charactersOf(printable), { wholeFont });
  const measure = (text: string, weight: Weight, size: number) => widthOf(text, fonts[weight], size);
  const pages = layOut(printable.blocks, measure);
  describe(doc, spec, pages);

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

const SYSTEM_NAME = "孤独・孤立対策推進交付金 申請・審査システム";
const LANGUAGE = "ja-JP";

/** The document's metadata (Info dictionary and XMP) and its file identifier. */
function describe(doc: PDFDocument, spec: DocumentSpec, pages: readonly (readonly Mark[])[]) {
  doc.setTitle(spec.title, { showInWindowTitleBar: true });
  doc.setAuthor(spec.author);
  doc.setLanguage(LANGUAGE);
  doc.setProducer(SYSTEM_NAME);
  doc.setCreator(SYSTEM_NAME);
  // pdf-lib writes dates in UTC; the document's date is a date in Japan, and reads as one here too.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const date = japanTime(spec.date);
  info.set(PDFName.of("CreationDate"), PDFString.of(date.pdf));
  info.set(PDFName.of("ModDate"), PDFString.of(date.pdf));

  const xmp = xmpPacket({ title: spec.title, author: spec.author, date: date.xmp });
  const metadata = doc.context.stream(new TextEncoder().encode(xmp), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(metadata));

  // Both halves alike: the file has never been changed since it was made (ISO 32000-1 §14.4).
  const id = createHash("md5")
    .update(JSON.stringify([spec.title, spec.author, spec.date.toISOString(), spec.draft, pages]))
    .digest("hex");
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

/** An instant in Japan time to the second, as a PDF date 「D:20260501000000+09'00'」 and in XMP 「2026-05-01T00:00:00+09:00」. */
function japanTime(instant: Date): { pdf: string; xmp: string } {
  const local = new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
  return { pdf: `D:${local.replace(/[-T:]/g, "")}+09'00'`, xmp: `${local}+09:00` };
}

/** Text as XML character data: markup escaped, and the control characters XML 1.0 does not allow left out. */
function xmlText(text: string): string {
  const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"]/g, (c) => escapes[c]!);
}

/**
 * The XMP packet of a document (XMP Specification Part 1): the same facts as the Info dictionary, in
 * the Dublin Core, XMP basic and Adobe PDF schemas, as UTF-8.
 */
function xmpPacket({ title, author, date }: { title: string; author: string; date: string }): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    "   <dc:format>application/pdf</dc:format>",
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${xmlText(author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:language><rdf:Bag><rdf:li>${LANGUAGE}</rdf:li></rdf:Bag></dc:language>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <xmp:CreatorTool>${xmlText(SYSTEM_NAME)}</xmp:CreatorTool>`,
    `   <pdf:Producer>${xmlText(SYSTEM_NAME)}</pdf:Producer>`,
    "  </rdf:Description>",
    " </rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="w"?>',
  ].join("\n");
}
