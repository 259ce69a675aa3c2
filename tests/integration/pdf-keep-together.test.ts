import { describe, expect, it } from "vitest";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { renderPdf } from "../../app/pdf/render.server";
import { record } from "./support/application-record";
import { longText } from "./support/longest-records";
import { pdfLines, type PdfLine } from "./support/pdf-text";
import { formerDecisionRecord } from "./support/proceeding-records";

const squeeze = (text: string) => text.replace(/\s+/g, "");
/** A page's lines without its page number 「1 / 3」, whitespace removed. */
const bodyOf = (page: PdfLine[]) => page.filter((line) => !/^\d+ \/ \d+$/.test(line.text)).map((line) => squeeze(line.text));

/** Where the line `text` is: the page (from 0), and that page's body lines. */
function find(pages: PdfLine[][], text: string) {
  for (const [page, lines] of pages.map(bodyOf).entries()) {
    const at = lines.indexOf(text);
    if (at >= 0) return { page, at, lines };
  }
  throw new Error(`no line 「${text}」`);
}

/**
 * A heading or a table header is never left alone at the foot of a page. Each test lengthens what comes
 * before it line by line, so that it falls at every height of the page, the foot included.
 */
describe("what belongs together stays on one page", () => {
  it("a numbered heading of the 記 is followed on its page by the first two lines of its paragraph", async () => {
    const paragraph = squeeze(
      "この決定の内容又はこれに付された条件に不服があるときは、孤独・孤立対策推進交付金交付要綱の規定に基づき、この通知を受けた日から15日以内に申請の取下げをすることができる。",
    );
    const pagesOfHeading = new Set<number>();
    for (let count = 0; count <= 24; count++) {
      const conditions = Array.from({ length: count }, (_, i) => `四半期ごとの実施状況（その${i + 1}）を報告すること。`).join("\n");
      const pages = await pdfLines(await renderPdf(proceedingDocument({ ...formerDecisionRecord(), conditions })));
      const { page, at, lines } = find(pages, "4申請の取下げ");
      pagesOfHeading.add(page);
      const following = lines.slice(at + 1, at + 3);
      expect(following, `${count} conditions: the heading is on page ${page + 1} with ${lines.length - at - 1} lines after it`).toHaveLength(2);
      expect(paragraph.startsWith(following.join(""))).toBe(true);
    }
    // The heading fell on the first page and on the second: it passed the foot of the first.
    expect([...pagesOfHeading]).toEqual([0, 1]);
  });

  it("a section heading, the table header and the first row of the table are on one page", async () => {
    const header = "事業実施内容実施月指標";
    const pagesOfHeading = new Set<number>();
    for (let lines = 20; lines <= 44; lines++) {
      const r = record(8);
      r.draft.purpose = longText("目的", lines * 44);
      r.draft.activities[0]!.content = `最初の行から。${longText("内容", 300)}`;
      const pages = await pdfLines(await renderPdf(applicationFormDocument(r)));
      const { page, at, lines: body } = find(pages, "2実施する事業");
      pagesOfHeading.add(page);
      expect(body[at + 1], `purpose of ${lines} lines: the table header follows the heading on page ${page + 1}`).toBe(header);
      // The first line of each cell of the row shares one baseline: 「1地方版官民連携プラットフォー最初の行から。…」.
      expect(body[at + 2], "the first row starts under the header").toMatch(/^1地方版.*最初の行から。/);
      // Nor does the header end any page it is repeated on.
      for (const page of pages.map(bodyOf)) expect(page.at(-1)).not.toBe(header);
    }
    expect([...pagesOfHeading]).toEqual([1, 2]);
  });
});
