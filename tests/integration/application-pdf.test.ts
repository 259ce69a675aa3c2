import { describe, expect, it } from "vitest";
import { calculateGrant } from "../../app/domain/grant-calculation";
import { activityLabel, expenseCategoryName } from "../../app/domain/programmes";
import { applicationFormDocument, type ApplicationRecord } from "../../app/pdf/application-form";
import { drawPdf } from "../../app/pdf/draw.server";
import { renderPdf } from "../../app/pdf/render.server";
import { MENU1_ATTACHMENTS, MENU2_ATTACHMENTS, menu2Record, record, recordWithOtherIncome } from "./support/application-record";
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
    expect(pages).toHaveLength(4);
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
    const [a, b] = [await drawPdf(spec), await drawPdf(spec)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("breaks a 200-line budget across pages with the table header on each, and numbers them", async () => {
    const short = await pdfText(await renderPdf(applicationFormDocument(record(8))));
    const long = await pdfText(await renderPdf(applicationFormDocument(record(200))));

    expect(short.pages).toHaveLength(5);
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

const squeeze = (text: string) => text.replace(/\s+/g, "");
const yen = (n: number) => `${n.toLocaleString("en-US")}円`;
const total = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

/** The document's text, whitespace removed, all pages joined. */
async function textOf(r: ApplicationRecord, options: { draft?: boolean } = {}): Promise<string> {
  const { pages } = await pdfText(await renderPdf(applicationFormDocument(r, options)));
  return squeeze(pages.join("").replace(/\d+ \/ \d+/g, ""));
}

/** The text from `start` up to `end` (or the end of the document). */
function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `「${start}」 is printed`).toBeGreaterThanOrEqual(0);
  const to = end === undefined ? text.length : text.indexOf(end, from);
  expect(to, `「${end}」 follows 「${start}」`).toBeGreaterThan(from);
  return text.slice(from + start.length, to);
}

/** Every amount written in a piece of text, in order: 「80,028円」 → 80028. */
const amountsIn = (text: string) => [...text.matchAll(/(\d{1,3}(?:,\d{3})*)円/g)].map((m) => Number(m[1]!.replaceAll(",", "")));

/** What the fixture's lines add up to, by category, in the order the categories first appear. */
function byCategory(r: ApplicationRecord): [string, number][] {
  const totals = new Map<string, number>();
  for (const line of r.draft.lines) totals.set(line.category, (totals.get(line.category) ?? 0) + Number(line.amount));
  return [...totals];
}

const lineAmounts = (r: ApplicationRecord) => r.draft.lines.map((l) => Number(l.amount));

describe("交付申請書: 別紙3 収支予算書", () => {
  it.each([
    ["Menu 1", () => record(8)],
    ["Menu 2, with a donation and no source named", () => menu2Record(8)],
    ["Menu 1, with other income from a named source", () => recordWithOtherIncome(8, 12_345, "公益財団法人とやま地域福祉基金の助成金")],
  ])("%s: income and expenditure, each row from the lines, both totals the total project cost", async (_, build) => {
    const r = build();
    const cost = total(lineAmounts(r));
    const otherIncome = Number(r.draft.otherIncome || 0);
    const source = r.draft.otherIncomeSource;
    expect(cost).toBe(r.calculation.totalProjectCost);

    const statement = between(await textOf(r), "別紙3収支予算書");
    const income = between(statement, "1収入", "2支出");
    const expenditure = between(statement, "2支出");

    expect(income).toBe(
      [
        "区分金額",
        `交付金（交付申請額）${yen(r.requestedAmount)}`,
        `寄付金その他の収入${source ? `（${source}）` : ""}${yen(otherIncome)}`,
        `自己財源${yen(cost - r.requestedAmount - otherIncome)}`,
        `合計${yen(cost)}`,
      ].join(""),
    );
    expect(expenditure).toBe(
      ["経費区分金額", ...byCategory(r).map(([code, amount]) => `${expenseCategoryName(code)}${yen(amount)}`), `合計${yen(cost)}`].join(""),
    );

    // As printed: the rows of each side add up to its total, and the two totals agree.
    const [incomeRows, expenditureRows] = [amountsIn(income), amountsIn(expenditure)];
    expect(total(incomeRows.slice(0, -1))).toBe(incomeRows.at(-1));
    expect(total(expenditureRows.slice(0, -1))).toBe(expenditureRows.at(-1));
    expect(incomeRows.at(-1)).toBe(expenditureRows.at(-1));
  });

  it("names the statement among the items of the 記", async () => {
    const text = await textOf(record(8));
    expect(text).toContain("5収支予算別紙3収支予算書のとおり6担当者");
  });

  it("other income above the cost: the calculation grants 0, and the draft's statement counts own funds as 0 and still balances", async () => {
    const r = { ...recordWithOtherIncome(3, 100_000, "市町村からの負担金"), version: null };
    const cost = total(lineAmounts(r));
    expect(cost).toBeLessThan(100_000);
    // The calculation: E = max(0, min(C, A − B, D)) = 0, so the grant is 0, and the finding blocks submission.
    expect(r.calculation.otherIncome).toBe(100_000);
    expect(r.calculation.selectedAmount).toBe(0);
    expect(r.calculation.grantAmount).toBe(0);
    expect(r.calculation.findings.map((f) => f.code)).toContain("other-income-exceeds-cost");

    const statement = between(await textOf(r, { draft: true }), "別紙3収支予算書");
    const income = between(statement, "1収入", "2支出");
    // The grant (0) first, then other income up to what the cost leaves; own funds are never negative.
    expect(income).toContain(`交付金（交付申請額）0円寄付金その他の収入（市町村からの負担金）${yen(cost)}自己財源0円合計${yen(cost)}`);
    expect(income).toContain(`超える額（${yen(100_000 - cost)}）は収入に計上していません。`);
    const incomeRows = amountsIn(between(income, "区分金額", "※"));
    expect(total(incomeRows.slice(0, -1))).toBe(incomeRows.at(-1));
    expect(amountsIn(between(statement, "2支出")).at(-1)).toBe(cost);
  });

  it("says nothing of a shortfall when income and own funds meet the cost", async () => {
    expect(await textOf(recordWithOtherIncome(8, 12_345, "寄付金"))).not.toContain("収入に計上していません");
  });

  it("gives the same bytes for the same record, with other income and attachments", async () => {
    const spec = applicationFormDocument({ ...recordWithOtherIncome(30, 12_345, "寄付金"), attachments: MENU1_ATTACHMENTS });
    const [a, b] = [await drawPdf(spec), await drawPdf(spec)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe("交付申請書: 別紙2 事業ごとの合計", () => {
  it("Menu 1: each planned activity's total from its lines, adding up to the total project cost", async () => {
    const r = record(9);
    const codes = r.draft.activities.map((a) => a.code);
    // Spread the lines over the plan's activities, the last one left without a line of its own.
    r.draft.lines.forEach((line, i) => (line.activity = codes[i % (codes.length - 1)]!));
    const cost = total(lineAmounts(r));
    const expected = codes.map((code) => total(r.draft.lines.filter((l) => l.activity === code).map((l) => Number(l.amount))));
    expect(expected.at(-1)).toBe(0);

    const table = between(await textOf(r), "3事業ごとの合計", "4交付額の算定");
    expect(table).toBe(["事業金額", ...codes.map((code, i) => `${squeeze(activityLabel(code))}${yen(expected[i]!)}`), `合計${yen(cost)}`].join(""));
    const printed = amountsIn(table);
    expect(total(printed.slice(0, -1))).toBe(printed.at(-1));
    expect(printed.at(-1)).toBe(r.calculation.totalProjectCost);
  });

  it("Menu 2 has no activities, and no such table", async () => {
    const text = await textOf(menu2Record(8));
    expect(text).not.toContain("事業ごとの合計");
    expect(text).toContain("3交付額の算定");
  });
});

describe("交付申請書: 添付書類", () => {
  it("lists each file attached to the version by its kind and name, in order", async () => {
    const text = await textOf({ ...record(8), attachments: MENU1_ATTACHMENTS });
    expect(text).toContain(`6添付書類（1）予算書抄本：${squeeze(MENU1_ATTACHMENTS[0]!.file_name)}（2）その他：${MENU1_ATTACHMENTS[1]!.file_name}7担当者`);

    const menu2 = await textOf({ ...menu2Record(8), attachments: MENU2_ATTACHMENTS });
    const kinds = ["規約", "定款", "事業報告書", "財務諸表"];
    expect(menu2).toContain(`6添付書類${MENU2_ATTACHMENTS.map((f, i) => `（${i + 1}）${kinds[i]}：${f.file_name}`).join("")}7担当者`);
  });

  it("says 「なし」 when the version has no attachments", async () => {
    expect(await textOf({ ...menu2Record(8), attachments: [] })).toContain("6添付書類なし7担当者");
  });

  it("prints no item when the record does not say which files are attached", async () => {
    const text = await textOf(record(8));
    expect(text).not.toContain("添付書類");
    expect(text).toContain("6担当者");
  });
});

describe("the calculation behind the statement", () => {
  it("keeps other income as given even above the cost, and never gives a negative amount", () => {
    const c = calculateGrant({
      program: "intermediary",
      fiscalYear: 2026,
      areaPrefectures: ["16", "17"],
      otherIncome: 50_000,
      lines: [{ category: "travel", amount: 30_000 }],
    });
    expect([c.totalProjectCost, c.otherIncome, c.selectedAmount, c.grantAmount]).toEqual([30_000, 50_000, 0, 0]);
    expect(c.applicantShare).toBe(30_000);
    expect(c.findings.find((f) => f.code === "other-income-exceeds-cost")?.severity).toBe("error");
  });
});
