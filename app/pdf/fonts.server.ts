/**
 * The Mincho faces documents are set in (Noto Serif JP, regular and bold), embedded in a PDF.
 *
 * The whole Noto Serif JP is 7.6 MB, and pdf-lib's own subsetting leaves CJK glyphs blank. So each
 * document's fonts are subset first (HarfBuzz) to exactly the characters it draws, then embedded whole.
 *
 * A subset is named as PDF readers and preflight tools expect of one (ISO 32000-1 §9.6.4): six capital
 * letters, "+", and the font's PostScript name, 「ABCDEF+NotoSerifJP-Regular」. The letters come from a
 * digest of the subset itself, so the same document always embeds the same name, and two different subsets
 * of the same face (two documents merged into one file) do not pass for one font.
 */
import { createHash } from "node:crypto";
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

let postscriptNames: Promise<Record<Weight, string>> | undefined;

function loadPostscriptNames() {
  // pdf-lib's own fallback, for a font without a PostScript name (Noto Serif JP has one).
  const nameOf = (file: Buffer) => fontkit.create(file).postscriptName ?? "Font";
  postscriptNames ??= loadFonts().then((files) => ({ regular: nameOf(files.regular), bold: nameOf(files.bold) }));
  return postscriptNames;
}

/** The six letters A–Z that tag a subset font's name, derived from the subset's bytes. */
function subsetTag(subset: Uint8Array): string {
  const digest = createHash("sha256").update(subset).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join("");
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
 * Embeds both weights in `doc`, each subset to the characters given for it and named with its subset tag
 * (or, with `wholeFont`, the complete fonts under their own names: only to compare, in the benchmark).
 */
export async function embedFonts(doc: PDFDocument, characters: Record<Weight, string>, { wholeFont = false } = {}): Promise<Record<Weight, PDFFont>> {
  const [files, names] = await Promise.all([loadFonts(), loadPostscriptNames()]);
  const [regular, bold] = wholeFont
    ? [files.regular, files.bold]
    : await Promise.all([
        subsetFont(files.regular, characters.regular, { targetFormat: "sfnt", noLayoutClosure: true }),
        subsetFont(files.bold, characters.bold, { targetFormat: "sfnt", noLayoutClosure: true }),
      ]);
  // Without a name of ours, pdf-lib would append a number of its own ("NotoSerifJP-Regular-1095").
  const nameOf = (bytes: Uint8Array, postscriptName: string) => (wholeFont ? postscriptName : `${subsetTag(bytes)}+${postscriptName}`);
  doc.registerFontkit(fontkit);
  return {
    regular: await doc.embedFont(regular, { subset: false, customName: nameOf(regular, names.regular) }),
    bold: await doc.embedFont(bold, { subset: false, customName: nameOf(bold, names.bold) }),
  };
}
