/**
 * Text as the document's font can print it. Pure: whether the font has a glyph is asked of `hasGlyph`.
 *
 * A character the font has no glyph for (an emoji, a kanji outside Noto Serif JP) would be drawn as the
 * font's blank .notdef glyph, and read back from the PDF as some other character: text silently lost. It is
 * printed as 〓 (ゲタ), the customary mark for a character that cannot be set, so that the reader sees
 * something is there. What a person sees as one character is one 〓, however many code points make it up
 * (👨‍👩‍👧 is three emoji joined by zero-width joiners). Invisible code points the font lacks (variation
 * selectors, joiners, control characters) are left out, as any text system does; line separators become
 * line breaks and a tab a space.
 */
import type { Block, DocumentSpec } from "./blocks";

/** ゲタ: printed in place of a character the font cannot draw. */
export const GETA = "〓";

export type HasGlyph = (codePoint: number) => boolean;

const LINE_SEPARATOR = /\r\n?|[\u0085\u2028\u2029]/g;
const INVISIBLE = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;
const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

const drawable = (char: string, hasGlyph: HasGlyph) => char === "\n" || hasGlyph(char.codePointAt(0)!);

export function printable(text: string, hasGlyph: HasGlyph): string {
  const spaced = text.replace(LINE_SEPARATOR, "\n").replaceAll("\t", " ");
  if ([...spaced].every((char) => drawable(char, hasGlyph))) return spaced;
  let result = "";
  for (const { segment } of graphemes.segment(spaced)) {
    const shown = [...segment].filter((char) => drawable(char, hasGlyph) || !INVISIBLE.test(char));
    result += shown.every((char) => drawable(char, hasGlyph)) ? shown.join("") : GETA;
  }
  return result;
}

/** Every text a document draws made printable (its metadata, such as the title, stays as it is). */
export function printableSpec(spec: DocumentSpec, hasGlyph: HasGlyph): DocumentSpec {
  const p = (text: string) => printable(text, hasGlyph);
  const block = (b: Block): Block => {
    if (b.kind === "text") return { ...b, text: p(b.text) };
    if (b.kind === "table") {
      return {
        ...b,
        columns: b.columns.map((c) => ({ ...c, title: p(c.title), ...(c.widestValue === undefined ? {} : { widestValue: p(c.widestValue) }) })),
        rows: b.rows.map((row) => row.map(p)),
      };
    }
    return b;
  };
  return { ...spec, blocks: spec.blocks.map(block) };
}
