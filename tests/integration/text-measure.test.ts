import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { wrap } from "../../app/pdf/line-breaking";
import { widthOf } from "../../app/pdf/text-measure";

const require = createRequire(import.meta.url);

async function mincho() {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const file = await readFile(require.resolve("@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf"));
  return doc.embedFont(file, { subset: false });
}

describe("measuring and breaking text in Mincho", () => {
  it("measures text exactly as pdf-lib does", async () => {
    const font = await mincho();
    const texts = [
      "令和8年度孤独・孤立対策推進交付金交付申請書",
      "金4,000,000円",
      "「居場所」、（年4回）。",
      "kodoku@pref.example.lg.jp",
      "To 10.95%",
      "office",
    ];
    for (const text of texts) {
      for (const size of [9, 10.5, 14]) expect(widthOf(text, font, size)).toBeCloseTo(font.widthOfTextAtSize(text, size), 9);
    }
  });

  it("fills each line up to the width without going over, and keeps a number whole", async () => {
    const font = await mincho();
    const text = "県内の居場所を10か所設置し、延べ1,850人が利用した。".repeat(4);
    const width = 200;
    const lines = wrap(text, (t) => widthOf(t, font, 10.5), width);

    expect(lines.join("")).toBe(text);
    for (const line of lines) expect(widthOf(line, font, 10.5)).toBeLessThanOrEqual(width);
    for (const line of lines.slice(0, -1)) expect(widthOf(line, font, 10.5) + 2 * 10.5).toBeGreaterThan(width);
    for (let i = 1; i < lines.length; i++) expect(/\d$/.test(lines[i - 1]!) && /^[\d,]/.test(lines[i]!)).toBe(false);
    for (const line of lines.slice(1)) expect(/^[、。ー]/.test(line)).toBe(false);
  });
});
