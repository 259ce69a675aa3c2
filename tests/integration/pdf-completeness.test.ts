import { describe, expect, it } from "vitest";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { A4, MARGIN } from "../../app/pdf/page-flow";
import { renderPdf } from "../../app/pdf/render.server";
import { longestMenu1Record, longestMenu2Record, typedTexts } from "./support/longest-records";
import { missingFrom, pdfLines, pdfText } from "./support/pdf-text";

/** The page number 「2 / 9」 sits below the bottom margin on purpose. */
const PAGE_NUMBER = /^\d+ \/ \d+$/;

/**
 * The official documents never lose text: a record with the longest value every field allows is printed
 * whole, however the values fall across pages and table cells, and nothing is drawn outside the margins.
 */
describe("a document keeps every character of its record", () => {
  it.each([
    ["Menu 1", longestMenu1Record],
    ["Menu 2", longestMenu2Record],
  ])("交付申請書, %s, with the longest allowed value in every field", async (_, build) => {
    const record = build();
    const pdf = await renderPdf(applicationFormDocument(record));
    const { pages } = await pdfText(pdf);
    const missing = typedTexts(record)
      .map(([field, value]) => [field, missingFrom(pages, value)])
      .filter(([, rest]) => rest !== "")
      .map(([field, rest]) => `${field}: ${rest!.length} characters missing, from 「${rest!.slice(0, 20)}…」`);
    expect(missing).toEqual([]);

    const outside = (await pdfLines(pdf)).flatMap((lines, i) =>
      lines
        .filter((line) => !PAGE_NUMBER.test(line.text))
        .filter((line) => line.y < MARGIN.bottom || line.y > A4.height - MARGIN.top || line.left < MARGIN.left - 1 || line.right > A4.width - MARGIN.right + 1)
        .map((line) => `page ${i + 1} at (${line.left.toFixed(0)}, ${line.y.toFixed(0)}): ${line.text.slice(0, 20)}`),
    );
    expect(outside).toEqual([]);
  });
});
