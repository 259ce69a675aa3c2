/** A PDF read back as a person's PDF reader would: each page's text, and the title in its metadata. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; title: unknown }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  const { info } = await doc.getMetadata();
  return { pages, title: (info as { Title?: string }).Title };
}
