/**
 * The Mincho faces documents are set in (Noto Serif JP, regular and bold), embedded in a PDF.
 *
 * The whole Noto Serif JP is 7.6 MB, and pdf-lib's own subsetting leaves CJK glyphs blank. So each
 * document's fonts are subset first (HarfBuzz) to exactly the characters it draws, then embedded whole.
 */
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";
import subsetFont from "subset-font";
import type { Weight } from "./page-flow";

const require = createRequire(import.meta.url);
let fontFiles: Promise<Record<Weight, Buffer>> | undefined;

function loadFonts() {
  fontFiles ??= Promise.all([
    readFile(require.resolve("@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf")),
    readFile(require.resolve("@expo-google-fonts/noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf")),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontFiles;
}

let coverage: Promise<(codePoint: number) => boolean> | undefined;

/** Whether both weights have a glyph for a character (Noto Serif JP's regular and bold cover the same ones). */
export function glyphCoverage(): Promise<(codePoint: number) => boolean> {
  coverage ??= loadFonts().then((files) => {
    const faces = [fontkit.create(files.regular), fontkit.create(files.bold)];
    const known = new Map<number, boolean>();
    return (codePoint: number) => {
      let has = known.get(codePoint);
      if (has === undefined) known.set(codePoint, (has = faces.every((face) => face.hasGlyphForCodePoint(codePoint))));
      return has;
    };
  });
  return coverage;
}

/**
 * Embeds both weights in `doc`, each subset to the characters given for it (or, with `wholeFont`, the
 * complete fonts: only to compare, in the benchmark).
 */
export async function embedFonts(doc: PDFDocument, characters: Record<Weight, string>, { wholeFont = false } = {}): Promise<Record<Weight, PDFFont>> {
  const files = await loadFonts();
  const [regular, bold] = wholeFont
    ? [files.regular, files.bold]
    : await Promise.all([
        subsetFont(files.regular, characters.regular, { targetFormat: "sfnt", noLayoutClosure: true }),
        subsetFont(files.bold, characters.bold, { targetFormat: "sfnt", noLayoutClosure: true }),
      ]);
  doc.registerFontkit(fontkit);
  return { regular: await doc.embedFont(regular, { subset: false }), bold: await doc.embedFont(bold, { subset: false }) };
}
