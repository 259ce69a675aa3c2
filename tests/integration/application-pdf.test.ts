import { describe, expect, it } from "vitest";
import { calculateGrant } from "../../app/domain/grant-calculation";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../app/forms/application";
import { applicationFormDocument, type ApplicationRecord } from "../../app/pdf/application-form";
import { renderPdf } from "../../app/pdf/render.server";

async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; title: unknown }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  const { info } = await doc.getMetadata();
  return { pages, title: (info as { Title?: string }).Title };
}

function record(lines: number): ApplicationRecord {
  const draft: ApplicationDraft = emptyDraft("prefectural");
  draft.purpose = "県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握する。".repeat(3);
  draft.activities = [
    { code: "platform", content: "プラットフォームの運営", months: [4, 5], indicators: "会議4回" },
    { code: "a2", content: "実態調査", months: [6], indicators: "回答1,000件" },
    { code: "a7", content: "居場所の設置", months: [7, 8], indicators: "10か所" },
  ];
  draft.lines = Array.from({ length: lines }, (_, i) => ({
    ...EMPTY_BUDGET_LINE,
    category: i % 2 ? "travel" : "honoraria",
    activity: "platform",
    description: `明細${i + 1}`,
    amount: String(10_000 + i),
  }));
  const calculation = calculateGrant({
    program: "prefectural",
    fiscalYear: 2026,
    activities: ["platform", "a2", "a7"],
    otherIncome: 0,
    lines: draft.lines.map((l) => ({ category: l.category, activity: l.activity, amount: Number(l.amount) })),
  });
  return {
    version: 1,
    programme: "prefectural",
    fiscalYear: 2026,
    organisation: {
      name: "富山県",
      representative_title: "富山県知事",
      representative_name: "富山 一郎",
      postal_code: "930-8501",
      address: "富山県富山市新総曲輪1番7号",
      contact_person: "厚生企画課",
      contact_phone: "076-444-3200",
      contact_email: "kodoku@pref.example.lg.jp",
    },
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}

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
