import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { budgetStatementName, budgetStatementSheets } from "~/exports/budget-statement";
import { toXlsxWorkbook } from "~/exports/xlsx.server";
import type { SubmittedSnapshot } from "~/domain/submitted-version";
import { MENU1_BUDGET, MENU2_BUDGET, submittedSnapshot } from "../support/snapshots";

async function workbookOf(snapshot: SubmittedSnapshot): Promise<ExcelJS.Workbook> {
  const bytes = await toXlsxWorkbook(budgetStatementSheets(snapshot));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

/** The row whose first cell is `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found ??= row;
  });
  if (!found) throw new Error(`no row 「${label}」`);
  return found;
}

/** The stored result of a formula cell, or the number in a plain one. */
function resultOf(cell: ExcelJS.Cell): number {
  const value = cell.value;
  if (typeof value === "number") return value;
  if (value && typeof value === "object" && "formula" in value && typeof value.result === "number") return value.result;
  throw new Error(`${cell.address} holds no number: ${JSON.stringify(value)}`);
}

/**
 * What Excel computes for a cell when it recalculates, for the few functions the workbook uses (SUM over a
 * column range, MIN, MAX, ROUNDDOWN to thousands, arithmetic): the formulas must give the figures too.
 */
function recalculate(sheet: ExcelJS.Worksheet, address: string): number {
  const value = sheet.getCell(address).value;
  if (typeof value === "number") return value;
  const formula = value && typeof value === "object" && "formula" in value ? value.formula : undefined;
  if (!formula) throw new Error(`${address} holds no number`);
  const expression = formula
    .replace(/SUM\(([A-Z]+)(\d+):\1(\d+)\)/g, (_, column: string, from: string, to: string) => {
      let sum = 0;
      for (let row = Number(from); row <= Number(to); row++) sum += recalculate(sheet, `${column}${row}`);
      return String(sum);
    })
    .replace(/\b([A-Z]{1,2}[0-9]+)\b/g, (_, ref: string) => String(recalculate(sheet, ref)))
    .replace(/ROUNDDOWN\(/g, "roundDown(")
    .replace(/MIN\(/g, "Math.min(")
    .replace(/MAX\(/g, "Math.max(");
  expect(expression).toMatch(/^[-+*/(),.0-9 a-zA-Z]*$/);
  const roundDown = (x: number, digits: number) => Math.trunc(x / 10 ** -digits) * 10 ** -digits;
  return (new Function("roundDown", `return ${expression};`) as (f: typeof roundDown) => number)(roundDown);
}

const CALCULATION_ROWS = (menu1: boolean) =>
  [
    ["A　総事業費", "totalProjectCost"],
    ["B　寄付金その他の収入額", "otherIncome"],
    ["C　対象経費", "eligibleExpenses"],
    ["D　交付基準額", "baseAmount"],
    ["E　選定額（C、A−B、Dのうち最も少ない額）", "selectedAmount"],
    ["交付額（E×交付率、1,000円未満切り捨て）", "grantAmount"],
    ["交付上限額（D×交付率）", "ceiling"],
    [menu1 ? "地方負担額（C−交付額）" : "自己負担額（C−交付額）", "applicantShare"],
  ] as const;

describe("所要額調書 as Excel", () => {
  it("Menu 1: the title block kept in view, with the applicant as submitted and the date in Japan", async () => {
    const snapshot = submittedSnapshot("prefectural", MENU1_BUDGET, { corporateNumber: "8000020160008" });
    const workbook = await workbookOf(snapshot);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["所要額調書", "経費の内訳"]);
    const sheet = workbook.getWorksheet("所要額調書")!;
    expect(sheet.getCell("A1").value).toBe("令和8年度孤独・孤立対策推進交付金　所要額調書（別紙2）");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect([2, 3, 4, 5, 6, 7].map((r) => [sheet.getCell(`A${r}`).value, sheet.getCell(`B${r}`).value])).toEqual([
      ["年度", "令和8年度"],
      ["事業", "地方における孤独・孤立対策推進事業（メニュー1）"],
      ["申請者", "富山県"],
      ["法人番号", "8000020160008"],
      ["版", "第1版"],
      // 15:30 UTC on the 27th is 00:30 on the 28th in Japan.
      ["提出日", "令和8年11月28日"],
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 7 });
  });

  it("Menu 1: 所要額 and 対象経費 by category and by activity, 対象外経費 counted in 所要額 only", async () => {
    const sheet = (await workbookOf(submittedSnapshot("prefectural", MENU1_BUDGET))).getWorksheet("所要額調書")!;
    const amounts = (label: string) => [2, 3].map((column) => resultOf(rowOf(sheet, label).getCell(column)));
    const categories = rowOf(sheet, "経費区分");
    expect(categories.values).toEqual([undefined, "経費区分", "所要額", "うち対象経費"]);
    // In the order of the categories, not of the lines.
    const labels: string[] = [];
    for (let r = categories.number + 1; sheet.getCell(`A${r}`).value !== "合計"; r++) labels.push(String(sheet.getCell(`A${r}`).value));
    expect(labels).toEqual(["諸謝金", "旅費", "委託費", "補助金", "対象外経費"]);
    expect(amounts("諸謝金")).toEqual([200_000, 200_000]);
    expect(amounts("補助金")).toEqual([1_500_000, 1_500_000]);
    expect(amounts("対象外経費")).toEqual([100_000, 0]);
    expect(amounts("1 地方版官民連携プラットフォームの構築")).toEqual([323_457, 323_457]);
    expect(amounts("③ 関係者間の活動等に係る情報共有や相互啓発活動")).toEqual([100_000, 0]);
    expect(amounts("⑦ 相談体制の整備や居場所の設置、交流機会の創出など当事者等への支援")).toEqual([1_500_000, 1_500_000]);
    expect(sheet.getCell(`B${categories.number + 1}`).numFmt).toBe('#,##0"円"');
  });

  for (const [name, snapshot] of [
    ["Menu 1 with other income", submittedSnapshot("prefectural", MENU1_BUDGET, { otherIncome: "50,000" })],
    ["Menu 2, the worked example (E = A − B)", submittedSnapshot("intermediary", MENU2_BUDGET, { otherIncome: "500,000" })],
    [
      "Menu 1 at the ceiling (E = D)",
      submittedSnapshot("prefectural", [{ category: "outsourcing", activity: "a1", description: "委託", amount: "9,000,001" }]),
    ],
    ["Menu 2 without other income (E = C)", submittedSnapshot("intermediary", MENU2_BUDGET.slice(0, 1))],
  ] as const) {
    it(`${name}: every total and computed figure is a formula whose result, and whose recalculation, is the snapshot's figure`, async () => {
      const sheet = (await workbookOf(snapshot)).getWorksheet("所要額調書")!;
      const menu1 = snapshot.programme === "prefectural";
      for (const [label, key] of CALCULATION_ROWS(menu1)) {
        const cell = rowOf(sheet, label).getCell(2);
        expect([label, resultOf(cell)]).toEqual([label, snapshot.calculation[key]]);
        expect([label, recalculate(sheet, cell.address)]).toEqual([label, snapshot.calculation[key]]);
        expect(cell.numFmt).toBe('#,##0"円"');
      }
      for (const label of ["A　総事業費", "C　対象経費", "E　選定額（C、A−B、Dのうち最も少ない額）", "交付額（E×交付率、1,000円未満切り捨て）"]) {
        expect(rowOf(sheet, label).getCell(2).value).toHaveProperty("formula");
      }
      const { numerator, denominator } = snapshot.calculation.rate;
      expect(rowOf(sheet, "交付率").getCell(2).value).toBe(`${numerator}/${denominator}`);
      expect(resultOf(rowOf(sheet, "交付申請額").getCell(2))).toBe(snapshot.requestedAmount);
      // Menu 2 has no activities: its calculation is the second section.
      expect(rowOf(sheet, menu1 ? "3　交付額の算定" : "2　交付額の算定").getCell(1).font?.bold).toBe(true);
      if (menu1) expect(rowOf(sheet, "2　事業ごとの所要額").getCell(1).font?.bold).toBe(true);
      else expect(() => rowOf(sheet, "2　事業ごとの所要額")).toThrow(/no row/);
    });
  }

  it("lists every budget line on a sheet of its own, the header kept in view and the totals as SUM formulas", async () => {
    const snapshot = submittedSnapshot("prefectural", MENU1_BUDGET);
    const sheet = (await workbookOf(snapshot)).getWorksheet("経費の内訳")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, "経費区分", "事業", "内容", "所要額", "うち対象経費"]);
    expect(sheet.getRow(2).values).toEqual([undefined, "諸謝金", "1 地方版官民連携プラットフォームの構築", "委員謝金", 200_000, 200_000]);
    expect(sheet.getRow(5).values).toEqual([undefined, "対象外経費", "③ 関係者間の活動等に係る情報共有や相互啓発活動", "懇親会", 100_000, 0]);
    expect(sheet.getCell("A7").value).toBe("合計");
    expect(sheet.getCell("D7").value).toEqual({ formula: "SUM(D2:D6)", result: snapshot.calculation.totalProjectCost });
    expect(sheet.getCell("E7").value).toEqual({ formula: "SUM(E2:E6)", result: snapshot.calculation.eligibleExpenses });

    const menu2 = (await workbookOf(submittedSnapshot("intermediary", MENU2_BUDGET))).getWorksheet("経費の内訳")!;
    expect(menu2.getRow(1).values).toEqual([undefined, "経費区分", "内容", "所要額", "うち対象経費"]);
  });

  it("is named like the PDF: document, applicant, year and version", () => {
    expect(budgetStatementName(submittedSnapshot("prefectural", MENU1_BUDGET, { version: 3 }))).toBe("所要額調書_富山県_令和8年度_v3");
  });
});
