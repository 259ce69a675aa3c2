import { describe, expect, it } from "vitest";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { renderPdf } from "../../app/pdf/render.server";
import { menu2Record, record } from "./support/application-record";
import { pdfText } from "./support/pdf-text";

describe("交付申請書 as PDF", () => {
  it("has the applicant, the date in 令和, the amount as 金…円, the plan and the budget as real text", async () => {
    const r = record(8);
    const { pages, title } = await pdfText(await renderPdf(applicationFormDocument(r)));
    const all = pages.join("\n");

    expect(title).toBe("令和8年度孤独・孤立対策推進交付金交付申請書（第1版）");
    expect(pages[0]).toContain("内閣総理大臣");
    expect(pages[0]).toContain("令和8年11月27日");
    expect(pages[0]).toContain("富山県知事");
    expect(pages[0]).toContain(`金${r.calculation.grantAmount.toLocaleString("en-US")}円`);
    expect(all).toContain("別紙1");
    expect(all).toContain("実態調査");
    expect(all).toContain("別紙2");
    expect(all).toContain(r.calculation.totalProjectCost.toLocaleString("en-US"));
    expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length}`);
  });

  it("Menu 2: the consortium, the area, and the budget with each amount written once with 円", async () => {
    const r = menu2Record(8);
    const { pages, title } = await pdfText(await renderPdf(applicationFormDocument(r)));
    const all = pages.join("\n").replace(/\s+/g, "");

    expect(title).toBe("令和8年度孤独・孤立対策推進交付金交付申請書（第1版）");
    expect(pages).toHaveLength(3);
    expect(all).toContain("孤独・孤立対策担い手育成支援事業（メニュー2）");
    expect(all).toContain(`${r.organisation.name}${r.organisation.representative_title}`);
    expect(all).toContain("2実施体制（コンソーシアム）");
    for (const member of r.draft.members) expect(all).toContain(member.name);
    expect(all).toContain("富山県、石川県");
    expect(all).not.toContain("金額（円）");
    const yen = (n: number) => `${n.toLocaleString("en-US")}円`;
    r.draft.lines.forEach((line) => expect(all).toContain(`${line.description}${yen(Number(line.amount))}`));
    expect(all).toContain(`合計${yen(r.calculation.totalProjectCost)}`);
    expect(all).toContain(`B寄付金その他の収入額${yen(r.calculation.otherIncome)}`);
    expect(all).toContain(`自己負担額（C−交付額）${yen(r.calculation.applicantShare)}`);
    expect(all).toContain(`交付申請額${yen(r.requestedAmount)}`);
  });

  it("gives the same bytes for the same record", async () => {
    const spec = applicationFormDocument(record(30));
    const [a, b] = [await renderPdf(spec), await renderPdf(spec)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("breaks a 200-line budget across pages with the table header on each, and numbers them", async () => {
    const short = await pdfText(await renderPdf(applicationFormDocument(record(8))));
    const long = await pdfText(await renderPdf(applicationFormDocument(record(200))));

    expect(short.pages).toHaveLength(3);
    expect(long.pages.length).toBeGreaterThan(5);
    const budgetPages = long.pages.filter((p) => p.includes("明細1") || /明細\d+/.test(p)).slice(1);
    expect(budgetPages.length).toBeGreaterThan(2);
    for (const page of budgetPages) expect(page).toContain("経費区分");
    long.pages.forEach((page, i) => expect(page).toContain(`${i + 1} / ${long.pages.length}`));
  });

  it("marks every page of a draft preview 「下書き」", async () => {
    const { pages } = await pdfText(await renderPdf(applicationFormDocument({ ...record(40), version: null }, { draft: true })));
    for (const page of pages) expect(page).toContain("下書き");
  });

  it("keeps a typical application (3 activities, 30 lines) small", async () => {
    const bytes = await renderPdf(applicationFormDocument(record(30)));
    expect(bytes.byteLength).toBeLessThan(150 * 1024);
  });
});
