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

/**
 * The pieces a line may break between: single characters, or runs that the rules above keep together. An
 * amount is one piece with its 円 and the 金 or △ before it.
 */
export function breakUnits(paragraph: string): string[] {
  const chars = [...paragraph];
  const units: string[] = [];
  let glueNext = false;
  chars.forEach((char, i) => {
    const previous = units.at(-1);
    const last = previous?.slice(-1) ?? "";
    const glue = glueNext || NO_LINE_START.has(char) || (WORD_CHARACTER.test(char) && WORD_CHARACTER.test(last)) || (char === "円" && DIGIT.test(last));
    if (previous !== undefined && glue) units[units.length - 1] = previous + char;
    else units.push(char);
    glueNext = NO_LINE_END.has(char) || (AMOUNT_PREFIX.has(char) && DIGIT.test(chars[i + 1] ?? ""));
  });
  return units;
}

/**
 * Breaks text into lines no wider than `width`, as measured by `widthOf`. Each "\n" starts a new line.
 * Japanese breaks between any two characters, except that a line never starts with closing punctuation or
 * small kana, never ends with an opening bracket, and never splits a number, an amount or a Latin word; a piece wider
 * than a whole line is split by character. Every character of the text is in exactly one line.
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
