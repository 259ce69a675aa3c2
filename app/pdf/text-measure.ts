import type { PDFFont } from "pdf-lib";

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
