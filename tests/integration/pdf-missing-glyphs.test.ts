import { describe, expect, it } from "vitest";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { renderPdf } from "../../app/pdf/render.server";
import { record } from "./support/application-record";
import { pdfText } from "./support/pdf-text";

const squeeze = (text: string) => text.replace(/\s+/g, "");

/**
 * A character Noto Serif JP has no glyph for (an emoji, a rare kanji such as 𰻞 U+30EDE) is printed as 〓
 * (ゲタ), the customary mark for a character that cannot be set, in its place: never dropped, never blank.
 */
describe("characters the font lacks", () => {
  it("are printed as 〓 where they stand, and every other character is kept", async () => {
    const r = record(8);
    r.draft.purpose = "居場所づくり😀を進める。𰻞𰻞麺の店で交流会を開く。";
    r.draft.activities[1]!.content = "家族👨‍👩‍👧で参加できる調査";
    r.draft.activities[2]!.indicators = "居場所10か所\r\n利用者\t延べ500人";
    const { pages } = await pdfText(await renderPdf(applicationFormDocument(r)));
    const all = squeeze(pages.join(""));

    expect(all).toContain("居場所づくり〓を進める。〓〓麺の店で交流会を開く。");
    // One person-perceived character (a family emoji joined by zero-width joiners) is one 〓.
    expect(all).toContain("家族〓で参加できる調査");
    // Line breaks and tabs are spacing, not characters to replace.
    expect(all).toContain("居場所10か所利用者延べ500人");
    expect(all).not.toMatch(/[😀👨👩👧𰻞]/u);
  });
});
