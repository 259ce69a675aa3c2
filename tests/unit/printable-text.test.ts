import { describe, expect, it } from "vitest";
import { GETA, printable } from "../../app/pdf/printable-text";

/** A stand-in font: every character of the Basic Multilingual Plane but controls, joiners and selectors. */
const LACKING = new Set([0x200d, 0xfe0f, 0x20e3]);
const hasGlyph = (codePoint: number) => codePoint >= 0x20 && codePoint <= 0xffff && !LACKING.has(codePoint);

describe("text as the font can print it", () => {
  it("leaves text the font can print as it is", () => {
    const text = "令和8年度　交付申請書（メニュー1）\n金4,000,000円、kodoku@pref.example.lg.jp";
    expect(printable(text, hasGlyph)).toBe(text);
  });

  it("prints 〓 for each character the font lacks, in its place", () => {
    expect(printable("居場所😀づくり", hasGlyph)).toBe(`居場所${GETA}づくり`);
    expect(printable("𰻞𰻞麺", hasGlyph)).toBe(`${GETA}${GETA}麺`);
  });

  it("prints one 〓 for what a person sees as one character", () => {
    expect(printable("家族👨‍👩‍👧で", hasGlyph)).toBe(`家族${GETA}で`);
    expect(printable("番号1️⃣を", hasGlyph)).toBe(`番号${GETA}を`);
  });

  it("leaves out invisible code points the font lacks, keeping the character they modify", () => {
    expect(printable("葛\u{E0100}城市", hasGlyph)).toBe("葛城市");
    expect(printable("☺\uFE0Fです\u0007", hasGlyph)).toBe("☺です");
  });

  it("reads every line separator as a line break and a tab as a space", () => {
    expect(printable("一行目\r\n二行目\r三行目\u2028四行目\t終わり", hasGlyph)).toBe("一行目\n二行目\n三行目\n四行目 終わり");
  });
});
