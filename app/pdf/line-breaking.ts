/**
 * Where a line of a document may break, and text broken into lines of a given width. Pure: the width of a
 * piece of text is measured by the caller (text-measure.ts for a PDF font).
 */

/** Characters that may not start a line (行頭禁則): closing brackets, punctuation, small kana, the long vowel mark. */
const NO_LINE_START = new Set("、。，．,.）」』】〕〉》・：；:;！？!?ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々％%");
/** Characters that may not end a line (行末禁則): opening brackets. */
const NO_LINE_END = new Set("（「『【〔〈《([");
/** Runs of these stay together: numbers such as 1,000 or 10.5, codes and addresses in Latin letters. */
const WORD_CHARACTER = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ,.，．\-_/@+]/;

const DIGIT = /[0-9０-９]/;
/** Written before an amount and kept with it: 「金4,000,000円」, 「△1,000円」. */
const AMOUNT_PREFIX = new Set("金△▲¥￥");

/** The characters of a URL (RFC 3986) and of the local part of an e-mail address (RFC 5322). */
const URL = String.raw`(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|www\.[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+`;
const EMAIL = String.raw`[A-Za-z0-9.!#$%&'*+/=?^_\x60{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+`;
const ADDRESS = new RegExp(`${URL}|${EMAIL}`, "g");

/** A paragraph as characters, each URL or e-mail address as one piece. */
function pieces(paragraph: string): string[] {
  const result: string[] = [];
  let at = 0;
  for (const match of paragraph.matchAll(ADDRESS)) {
    result.push(...paragraph.slice(at, match.index), match[0]);
    at = match.index + match[0].length;
  }
  result.push(...paragraph.slice(at));
  return result;
}

/**
 * The pieces a line may break between: single characters, or runs that the rules above keep together. An
 * amount is one piece with its 円 and the 金 or △ before it; a URL or an e-mail address is one piece.
 */
export function breakUnits(paragraph: string): string[] {
  const parts = pieces(paragraph);
  const units: string[] = [];
  let glueNext = false;
  parts.forEach((part, i) => {
    const previous = units.at(-1);
    const last = previous?.slice(-1) ?? "";
    const single = [...part].length === 1;
    const glue =
      glueNext ||
      (single && NO_LINE_START.has(part)) ||
      (single && WORD_CHARACTER.test(part) && WORD_CHARACTER.test(last)) ||
      (part === "円" && DIGIT.test(last));
    if (previous !== undefined && glue) units[units.length - 1] = previous + part;
    else units.push(part);
    glueNext = NO_LINE_END.has(part) || (AMOUNT_PREFIX.has(part) && DIGIT.test(parts[i + 1]?.[0] ?? ""));
  });
  return units;
}

/**
 * Breaks text into lines no wider than `width`, as measured by `widthOf`. Each "\n" starts a new line.
 * Japanese breaks between any two characters, except that a line never starts with closing punctuation or
 * small kana, never ends with an opening bracket, and never splits a number, an amount, a Latin word, a URL or an
 * e-mail address; a piece wider than a whole line is split by character, anywhere. Every character of the text is in exactly one line.
 */
export function wrap(text: string, widthOf: (text: string) => number, width: number): string[] {
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
      const unitWidth = widthOf(unit);
      if (unitWidth <= width) add(unit, unitWidth);
      else for (const char of unit) add(char, widthOf(char));
    }
    lines.push(line);
  }
  return lines;
}
