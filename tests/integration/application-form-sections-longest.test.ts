import { describe, expect, it } from "vitest";
import { SHORT_TEXT_LIMIT } from "../../app/domain/application-draft";
import { MAX_FILE_NAME_LENGTH } from "../../app/domain/file-types";
import { formatYen } from "../../app/domain/money";
import { applicationFormDocument, type ApplicationRecord } from "../../app/pdf/application-form";
import { A4, MARGIN } from "../../app/pdf/page-flow";
import { renderPdf } from "../../app/pdf/render.server";
import { longestMenu1Record, longestMenu2Record, longText } from "./support/longest-records";
import { missingFrom, pdfLines, pdfText } from "./support/pdf-text";

/** The page number 「2 / 9」 sits below the bottom margin on purpose. */
const PAGE_NUMBER = /^\d+ \/ \d+$/;

/**
 * The longest record of each menu, with the longest source of other income and attachments whose names are
 * as long as a stored name can be: one of Japanese text, one a single Latin word that has to be split.
 */
function withLongestSections(build: () => ApplicationRecord): ApplicationRecord {
  const record = build();
  record.draft.otherIncomeSource = longText("財源", SHORT_TEXT_LIMIT);
  record.attachments = [
    { document_type: "budget_extract", file_name: `${longText("添付", MAX_FILE_NAME_LENGTH - 4)}.pdf` },
    { document_type: "other", file_name: `${"budget".repeat(40).slice(0, MAX_FILE_NAME_LENGTH - 5)}.xlsx` },
  ];
  return record;
}

/**
 * 収支予算書 and 添付書類 keep every character of what they print, within the margins, and each amount of the
 * statement stays on one line.
 */
describe("the new sections of the 交付申請書 with the longest values", () => {
  it.each([
    ["Menu 1", () => withLongestSections(longestMenu1Record)],
    ["Menu 2", () => withLongestSections(longestMenu2Record)],
  ])("%s: the source of other income and every attachment's name are printed whole", async (_, build) => {
    const record = build();
    const pdf = await renderPdf(applicationFormDocument(record));
    const { pages } = await pdfText(pdf);
    const values: [string, string][] = [
      ["otherIncomeSource", record.draft.otherIncomeSource],
      ...record.attachments!.map((f, i): [string, string] => [`attachments.${i}.file_name`, f.file_name]),
    ];
    const missing = values.map(([field, value]) => [field, missingFrom(pages, value)]).filter(([, rest]) => rest !== "");
    expect(missing).toEqual([]);

    const lines = await pdfLines(pdf);
    const outside = lines.flatMap((page, i) =>
      page
        .filter((line) => !PAGE_NUMBER.test(line.text))
        .filter((line) => line.y < MARGIN.bottom || line.y > A4.height - MARGIN.top || line.left < MARGIN.left - 1 || line.right > A4.width - MARGIN.right + 1)
        .map((line) => `page ${i + 1}: ${line.text.slice(0, 20)}`),
    );
    expect(outside).toEqual([]);

    const cost = record.calculation.totalProjectCost;
    const statementAmounts = [cost, cost - record.requestedAmount - record.calculation.otherIncome].map(formatYen);
    const pieces = lines.flat().flatMap((line) => line.pieces.map((piece) => piece.replace(/\s+/g, "")));
    expect(statementAmounts.filter((amount) => !pieces.includes(amount))).toEqual([]);
  });
});
