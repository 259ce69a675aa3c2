/**
 * The pieces every official document is built from: text, the 記 and its numbered items, and the few
 * kinds of table (budget lines, amounts by label, the grant calculation). Amount columns are headed
 * without a unit and each cell carries its own 「円」 (formatYen); a decrease is written 「△1,000円」.
 */
import type { GrantResult } from "~/domain/grant-calculation";
import { formatYen, MAX_YEN } from "~/domain/money";
import { activityLabel, expenseCategoryName, MENU1_ACTIVITY_CODES } from "~/domain/programmes";
import type { Block, Column } from "./blocks";

type TextBlock = Extract<Block, { kind: "text" }>;

export const text = (t: string, extra: Partial<Omit<TextBlock, "kind" | "text">> = {}): Block => ({ kind: "text", text: t, ...extra });

/** A section heading in bold, kept on one page with the start of its section. */
export const heading = (t: string, extra: Partial<Omit<TextBlock, "kind" | "text">> = {}): Block =>
  text(t, { bold: true, spaceBefore: 8, keepWithNext: true, ...extra });

/** The law the grant is administered under, named in every document's body. */
export { GUIDELINES } from "~/domain/document-settings";

/** The body's opening sentence, then 「記」 centred. */
export function preamble(sentence: string): Block[] {
  return [text(sentence, { spaceBefore: 12 }), text("記", { align: "center", spaceBefore: 12, keepWithNext: true })];
}

/**
 * A numbered item of the 記: 「1 交付決定額 金4,000,000円」 (full-width spaces between the parts), or only its
 * heading when the content follows (then kept on one page with the start of the content).
 */
export function item(n: number, label: string, value?: string): Block {
  return value === undefined ? text(`${n}　${label}`, { spaceBefore: 8, keepWithNext: true }) : text(`${n}　${label}　　${value}`, { spaceBefore: 8 });
}

/** Content under an item, indented by one character. */
export const detail = (t: string): Block => text(t, { indent: 1 });

/** Yen, with the official mark for a decrease: −1,000 → 「△1,000円」. */
export function signedYen(amount: number): string {
  return amount < 0 ? `△${formatYen(-amount)}` : formatYen(amount);
}

/**
 * The widest amount a single field accepts, written as a decrease: 「△10,000,000,000円」. Amount columns are
 * at least this wide, so that an amount never breaks across lines (a total above it widens its column).
 */
export const WIDEST_AMOUNT = signedYen(-MAX_YEN);

/** A right-aligned amount column, `width` its share of the table if that is enough for WIDEST_AMOUNT. */
export const amountColumn = (title: string, width: number): Column => ({ title, width, align: "right", widestValue: WIDEST_AMOUNT });

export const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

/**
 * Each category's total on each side (budget before and after a change, budget and actual), in the order
 * the categories first appear; a category missing on one side counts 0 there.
 */
export function categoryTotals(...sides: readonly (readonly { category: string; amount: number }[])[]): { category: string; amounts: number[] }[] {
  const totals = new Map<string, number[]>();
  sides.forEach((lines, side) => {
    for (const { category, amount } of lines) {
      const row = totals.get(category) ?? sides.map(() => 0);
      row[side]! += amount;
      totals.set(category, row);
    }
  });
  return [...totals].map(([category, amounts]) => ({ category, amounts }));
}

/**
 * Rows comparing two amounts, with the difference (second − first) and a total row:
 * 「旅費 | 40,016円 | 60,018円 | 20,002円」.
 */
export function differenceRows(rows: readonly { label: string; amounts: number[] }[]): string[][] {
  const line = (label: string, [first = 0, second = 0]: number[]) => [label, formatYen(first), formatYen(second), signedYen(second - first)];
  const totals = [0, 1].map((side) => sum(rows.map((r) => r.amounts[side] ?? 0)));
  return [...rows.map((r) => line(r.label, r.amounts)), line("合計", totals)];
}

export interface LineRow {
  category: string;
  /** Menu 1 activity code; ignored for Menu 2. */
  activity: string;
  description: string;
  amounts: string[];
}

/**
 * Budget lines: 経費区分, 事業 (Menu 1 only), 内容, then one right-aligned column per amount title, and a
 * bold total row. The text columns share what the amount columns leave.
 */
export function lineTable(menu1: boolean, amountTitles: readonly string[], rows: readonly LineRow[], totals: readonly string[]): Block {
  const amountWidth = amountTitles.length === 1 ? 0.2 : 0.14;
  const rest = 1 - amountWidth * amountTitles.length;
  const textColumns: [string, number][] = menu1
    ? [
        ["経費区分", 5],
        ["事業", 7],
        ["内容", 8],
      ]
    : [
        ["経費区分", 1],
        ["内容", 2],
      ];
  const weights = sum(textColumns.map(([, weight]) => weight));
  const cells = (category: string, activity: string, description: string, amounts: readonly string[]) =>
    menu1 ? [category, activity, description, ...amounts] : [category, description, ...amounts];
  return {
    kind: "table",
    columns: [
      ...textColumns.map(([title, weight]) => ({ title, width: (rest * weight) / weights })),
      ...amountTitles.map((title) => amountColumn(title, amountWidth)),
    ],
    rows: [...rows.map((r) => cells(expenseCategoryName(r.category), activityLabel(r.activity), r.description, r.amounts)), cells("合計", "", "", totals)],
    emphasiseLast: true,
  };
}

/** A label column, then one right-aligned column per amount title; `total` sets the last row in bold. */
export function amountTable(labelTitle: string, amountTitles: readonly string[], rows: string[][], { total = false } = {}): Block {
  const amountWidth = Math.min(0.4, 0.6 / amountTitles.length);
  return {
    kind: "table",
    columns: [{ title: labelTitle, width: 1 - amountWidth * amountTitles.length }, ...amountTitles.map((title) => amountColumn(title, amountWidth))],
    rows,
    emphasiseLast: total,
  };
}

/** A–E, the rate, the grant and the applicant's share of one or more calculations, side by side. */
export function calculationRows(menu1: boolean, results: readonly GrantResult[]): string[][] {
  const row = (label: string, value: (c: GrantResult) => string) => [label, ...results.map(value)];
  return [
    row("A　総事業費", (c) => formatYen(c.totalProjectCost)),
    row("B　寄付金その他の収入額", (c) => formatYen(c.otherIncome)),
    row("C　対象経費", (c) => formatYen(c.eligibleExpenses)),
    row("D　交付基準額", (c) => formatYen(c.baseAmount)),
    row("E　選定額（C、A−B、Dのうち最も少ない額）", (c) => formatYen(c.selectedAmount)),
    row("交付率", (c) => `${c.rate.numerator}/${c.rate.denominator}`),
    row("交付額（E×交付率、1,000円未満切り捨て）", (c) => formatYen(c.grantAmount)),
    row(menu1 ? "地方負担額（C−交付額）" : "自己負担額（C−交付額）", (c) => formatYen(c.applicantShare)),
  ];
}

/**
 * Each Menu 1 activity's total, in the order the activities are listed (1, then ①–⑩). Every planned
 * activity has a row, 0 when no line is charged to it, so that a plan without a budget shows; an activity
 * no longer in the list (a draft) comes after them, in the order its lines appear.
 */
export function activityTotals(
  lines: readonly { activity: string; amount: number }[],
  planned: readonly string[] = [],
): { activity: string; amount: number }[] {
  const totals = new Map<string, number>(planned.map((code) => [code, 0]));
  for (const { activity, amount } of lines) totals.set(activity, (totals.get(activity) ?? 0) + amount);
  const order: readonly string[] = MENU1_ACTIVITY_CODES;
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  // Array sort is stable: activities outside the list keep the order they were met in.
  return [...totals].map(([activity, amount]) => ({ activity, amount })).sort((a, b) => rank(a.activity) - rank(b.activity));
}

/** Labelled amounts and a bold 「合計」 row of their sum, for a table whose total is checked by the reader. */
export function rowsWithTotal(rows: readonly { label: string; amount: number }[]): string[][] {
  return [...rows.map((r) => [r.label, formatYen(r.amount)]), ["合計", formatYen(sum(rows.map((r) => r.amount)))]];
}

/**
 * Where the money comes from (収入). The grant and other income are taken as they are, and own funds are
 * what remains of the total cost. A draft may ask for more than the cost allows (other income above the
 * cost is an error that blocks submission, §4): then own funds are 0 and the income is counted only up
 * to the cost, the grant first, so that income and expenditure still agree; `excess` is what was left out.
 */
function fundingOf(totalCost: number, grant: number, otherIncome: number) {
  const counted = Math.min(grant, totalCost);
  const other = Math.min(otherIncome, totalCost - counted);
  return { grant: counted, otherIncome: other, ownFunds: totalCost - counted - other, excess: grant + otherIncome - counted - other };
}

/**
 * 収支予算書 (the 交付申請書) and 収支決算書 (the 実績報告書) in one shape: income (the grant, other income named
 * by its source, own funds) and expenditure by category, each with a total; both totals are the total cost,
 * the sum of `lines`. `excess`: income left out because it exceeds the cost (see fundingOf).
 */
export function incomeAndExpenditure(
  lines: readonly { category: string; amount: number }[],
  grant: { label: string; amount: number },
  otherIncome: { amount: number; source: string },
): { income: Block; expenditure: Block; excess: number } {
  const funding = fundingOf(sum(lines.map((l) => l.amount)), grant.amount, otherIncome.amount);
  const source = otherIncome.source.trim();
  const income = [
    { label: grant.label, amount: funding.grant },
    { label: `寄付金その他の収入${source ? `（${source}）` : ""}`, amount: funding.otherIncome },
    { label: "自己財源", amount: funding.ownFunds },
  ];
  const expenditure = categoryTotals(lines).map((t) => ({ label: expenseCategoryName(t.category), amount: t.amounts[0]! }));
  return {
    income: amountTable("区分", ["金額"], rowsWithTotal(income), { total: true }),
    expenditure: amountTable("経費区分", ["金額"], rowsWithTotal(expenditure), { total: true }),
    excess: funding.excess,
  };
}
