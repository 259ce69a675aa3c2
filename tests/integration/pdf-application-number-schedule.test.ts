import { describe, expect, it } from "vitest";
import { MENU2_PLAN_FIELDS, type ApplicationDraft } from "../../app/domain/application-draft";
import { applicationFormDocument, type ApplicationRecord } from "../../app/pdf/application-form";
import { BLANK_DOCUMENT_NUMBER } from "../../app/pdf/letterhead";
import { A4, MARGIN } from "../../app/pdf/page-flow";
import { drawPdf } from "../../app/pdf/draw.server";
import { renderPdf } from "../../app/pdf/render.server";
import { menu2Record, record } from "./support/application-record";
import { longestMenu2Record } from "./support/longest-records";
import { missingFrom, pdfLines, pdfText } from "./support/pdf-text";

const squeeze = (text: string) => text.replace(/\s+/g, "");
/** The page number 「2 / 9」 sits below the bottom margin on purpose. */
const PAGE_NUMBER = /^\d+ \/ \d+$/;
const WHOLE_YEAR = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
const WHOLE_YEAR_TEXT = "4月・5月・6月・7月・8月・9月・10月・11月・12月・1月・2月・3月";
const LABEL = Object.fromEntries(MENU2_PLAN_FIELDS) as Record<keyof ApplicationDraft["plan"], string>;

function numbered(r: ApplicationRecord, documentNumber: string): ApplicationRecord {
  return { ...r, draft: { ...r.draft, documentNumber } };
}

/** The Menu 2 record with months for its two parts of the plan (and some for a part left empty). */
function menu2WithMonths(): ApplicationRecord {
  const r = menu2Record(8);
  r.draft.planMonths = { npoSupport: [6, 7, 8], networking: [5, 8, 11, 2], tiesModels: [4], digitalisation: [] };
  return r;
}

/** Every line drawn outside the margins, the page numbers aside. */
async function outsideMargins(pdf: Uint8Array): Promise<string[]> {
  return (await pdfLines(pdf)).flatMap((lines, i) =>
    lines
      .filter((line) => !PAGE_NUMBER.test(line.text))
      .filter((line) => line.y < MARGIN.bottom || line.y > A4.height - MARGIN.top || line.left < MARGIN.left - 1 || line.right > A4.width - MARGIN.right + 1)
      .map((line) => `page ${i + 1}: ${line.text.slice(0, 20)}`),
  );
}

describe("交付申請書: the applicant's own 文書番号", () => {
  it("is printed top right of the first page, above the date, when given", async () => {
    const pdf = await renderPdf(applicationFormDocument(numbered(record(8), "　富山県厚第12号 ")));
    const [first] = await pdfLines(pdf);
    const at = first!.findIndex((line) => line.text === "富山県厚第12号");
    expect(at, "the number has a line of its own, trimmed").toBeGreaterThanOrEqual(0);
    expect(first![at]!.right).toBeCloseTo(A4.width - MARGIN.right, 0);
    expect(first![at + 1]!.text).toBe("令和8年11月27日");
    const { pages } = await pdfText(pdf);
    expect(pages[0]).not.toContain(BLANK_DOCUMENT_NUMBER);
    expect(pages.slice(1).join("")).not.toContain("富山県厚第12号");
  });

  it("is left blank for the registry to fill in when none is given", async () => {
    for (const r of [record(8), numbered(menu2Record(8), "　 ")]) {
      const [first] = await pdfLines(await renderPdf(applicationFormDocument(r)));
      // A reader extracts no text of the blank number's full-width spaces: it reads as 「第号」.
      expect(first!.slice(0, 3).map((line) => squeeze(line.text))).toEqual(["様式第1号", squeeze(BLANK_DOCUMENT_NUMBER), "令和8年11月27日"]);
    }
  });

  it("of the longest length allowed is printed whole on one line, within the margins", async () => {
    const number = `${"厚生企画課".repeat(7)}第123号`;
    expect([...number]).toHaveLength(40);
    const pdf = await renderPdf(applicationFormDocument(numbered(longestMenu2Record(), number)));
    const [first] = await pdfLines(pdf);
    expect(first!.map((line) => line.text)).toContain(number);
    expect(await outsideMargins(pdf)).toEqual([]);
  });
});

describe("交付申請書: Menu 2's 実施スケジュール", () => {
  it("has a row for each part of the plan with content, with the months it runs", async () => {
    const { pages } = await pdfText(await renderPdf(applicationFormDocument(menu2WithMonths())));
    const plan = squeeze(pages[1]!);
    expect(plan).toContain(
      squeeze(`4 事業の内容・${LABEL.npoSupport}`) +
        squeeze(`県内外の小規模なNPO等20団体に専門家を派遣する。・${LABEL.networking}年4回の交流会でNPO等の連携を促す。`) +
        squeeze(`5 実施スケジュール事業の内容実施月${LABEL.npoSupport}6月・7月・8月${LABEL.networking}5月・8月・11月・2月`),
    );
    // A part left empty is not carried out: no row, whatever months it has.
    expect(pages.join("")).not.toContain(LABEL.tiesModels);
    expect(pages.join("")).not.toContain(LABEL.digitalisation);
  });

  it("a draft's part without months yet keeps its row, its months blank", async () => {
    const r = menu2WithMonths();
    r.draft.planMonths.networking = [];
    const { pages } = await pdfText(await renderPdf(applicationFormDocument({ ...r, version: null }, { draft: true })));
    const schedule = squeeze(`5 実施スケジュール事業の内容実施月${LABEL.npoSupport}6月・7月・8月${LABEL.networking}`);
    expect(squeeze(pages[1]!)).toContain(schedule);
    expect(squeeze(pages[1]!).split(schedule)[1]).not.toMatch(/^\d+月/);
  });

  it("says 「—」 when no part of the plan has content", async () => {
    const r = menu2WithMonths();
    r.draft.plan = { npoSupport: "", networking: " ", tiesModels: "", digitalisation: "" };
    const { pages } = await pdfText(await renderPdf(applicationFormDocument(r)));
    expect(squeeze(pages[1]!)).toContain("4事業の内容5実施スケジュール—");
  });

  it("is Menu 2's only: Menu 1 has its months in 2 実施する事業", async () => {
    const { pages } = await pdfText(await renderPdf(applicationFormDocument(record(8))));
    expect(pages.join("")).not.toContain("実施スケジュール");
  });

  it("with the longest plan and every month: each part's row whole, a year of months on one line, nothing outside the margins", async () => {
    const r = numbered(longestMenu2Record(), "つながり発第123号");
    r.draft.planMonths = { npoSupport: WHOLE_YEAR, networking: WHOLE_YEAR, tiesModels: WHOLE_YEAR, digitalisation: WHOLE_YEAR };
    const pdf = await renderPdf(applicationFormDocument(r));
    const { pages } = await pdfText(pdf);

    const schedule = MENU2_PLAN_FIELDS.map(([, label]) => `${label}${WHOLE_YEAR_TEXT}`).join("");
    const from = pages.findIndex((page) => squeeze(page).includes("5実施スケジュール"));
    expect(from).toBeGreaterThan(0);
    expect(missingFrom(pages.slice(from), schedule)).toBe("");
    const pieces = (await pdfLines(pdf)).flat().flatMap((line) => line.pieces);
    expect(pieces.filter((piece) => piece === WHOLE_YEAR_TEXT)).toHaveLength(4);
    expect(await outsideMargins(pdf)).toEqual([]);
  });

  it("gives the same bytes for the same record", async () => {
    const spec = applicationFormDocument(numbered(menu2WithMonths(), "つながり発第3号"));
    const [a, b] = [await drawPdf(spec), await drawPdf(spec)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
