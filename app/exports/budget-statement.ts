/**
 * 別紙2 所要額調書 of a submitted version as an Excel workbook, from its frozen snapshot only: the same
 * figures as the 交付申請書 PDF prints (app/pdf/application-form.ts), laid out for a reviewer to work with.
 *
 * Sheet 「所要額調書」: the title block (kept in view), 所要額 and 対象経費 by expense category and, for Menu 1,
 * by activity, and the grant calculation A–E → 交付額 as formulas over those totals. Sheet 「経費の内訳」:
 * every budget line. Each total and each computed figure is a formula carrying the snapshot's figure as its
 * result, so the workbook shows the submitted figures whether or not Excel recalculates, and recalculating
 * gives them again.
 */
import { formatWarekiDate, fiscalYearLabel } from "~/domain/wareki";
import { activityLabel, EXPENSE_CATEGORIES, expenseCategoryName, MENU1_ACTIVITIES, PROGRAMME_NAMES } from "~/domain/programmes";
import type { BudgetLineSnapshot } from "~/domain/proceedings";
import { submittedVersionOf, type SubmittedSnapshot } from "~/domain/submitted-version";
import { cellAddress, SheetBuilder, type Formula, type SheetCell, type SheetSpec } from "./sheet";
import type { ExportTable } from "./table";

interface Subtotal {
  label: string;
  amount: number;
  eligible: number;
}

/** Lines summed by a key, in the order of `order` (keys it does not know come last, as they first appear). */
function subtotals(
  lines: readonly BudgetLineSnapshot[],
  keyOf: (line: BudgetLineSnapshot) => string,
  order: readonly string[],
  labelOf: (key: string) => string,
  isEligible: (line: BudgetLineSnapshot) => boolean,
  always: readonly string[] = [],
): Subtotal[] {
  const sums = new Map<string, { amount: number; eligible: number }>(always.map((key) => [key, { amount: 0, eligible: 0 }]));
  for (const line of lines) {
    const sum = sums.get(keyOf(line)) ?? { amount: 0, eligible: 0 };
    sum.amount += line.amount;
    if (isEligible(line)) sum.eligible += line.amount;
    sums.set(keyOf(line), sum);
  }
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...sums.keys()].sort((a, b) => rank(a) - rank(b)).map((key) => ({ label: labelOf(key), ...sums.get(key)! }));
}

const subtotalTable = (labelTitle: string, rows: Subtotal[]): ExportTable<Subtotal> => ({
  title: labelTitle,
  rows,
  columns: [
    { header: labelTitle, kind: "text", value: (r) => r.label },
    { header: "所要額", kind: "yen", value: (r) => r.amount, total: true },
    { header: "うち対象経費", kind: "yen", value: (r) => r.eligible, total: true },
  ],
});

const yen = (value: number | Formula): SheetCell => ({ value, kind: "yen" });

export function budgetStatementSheets(snapshot: SubmittedSnapshot): SheetSpec[] {
  const version = submittedVersionOf(snapshot, new Date(snapshot.submittedAt));
  const { calculation: c, parameters } = version;
  const menu1 = snapshot.programme === "prefectural";
  const eligibleCategories: ReadonlySet<string> = new Set(parameters.eligibleCategories);
  const isEligible = (line: BudgetLineSnapshot) => eligibleCategories.has(line.category);
  const year = fiscalYearLabel(snapshot.fiscalYear);

  const summary = new SheetBuilder();
  summary.row([`${year}孤独・孤立対策推進交付金　所要額調書（別紙2）`], "title");
  summary.row(["年度", year]);
  summary.row(["事業", PROGRAMME_NAMES[snapshot.programme]]);
  summary.row(["申請者", snapshot.organisation.name]);
  summary.row(["法人番号", snapshot.organisation.corporate_number]);
  summary.row(["版", `第${snapshot.version}版`]);
  const frozenRows = summary.row(["提出日", formatWarekiDate(new Date(snapshot.submittedAt))]);

  let section = 0;
  const heading = (title: string) => {
    summary.blank();
    summary.row([`${++section}　${title}`], "heading");
  };

  heading("経費区分ごとの所要額");
  const byCategory = summary.table(
    subtotalTable(
      "経費区分",
      subtotals(version.lines, (l) => l.category, EXPENSE_CATEGORIES, expenseCategoryName, isEligible),
    ),
  );
  if (menu1) {
    heading("事業ごとの所要額");
    const chosen = snapshot.draft.activities.map((a) => a.code);
    const order = MENU1_ACTIVITIES.map((a) => a.code);
    summary.table(
      subtotalTable(
        "事業",
        subtotals(version.lines, (l) => l.activity, order, activityLabel, isEligible, chosen),
      ),
    );
  }

  heading("交付額の算定");
  summary.row(["区分", "金額"], "header");
  const at = (row: number) => cellAddress(1, row);
  const { numerator: n, denominator: d } = c.rate;
  const a = summary.row(["A　総事業費", yen(byCategory.total(1)!)]);
  const b = summary.row(["B　寄付金その他の収入額", yen(c.otherIncome)]);
  const cc = summary.row(["C　対象経費", yen(byCategory.total(2)!)]);
  const dd = summary.row(["D　交付基準額", yen(c.baseAmount)]);
  const e = summary.row([
    "E　選定額（C、A−B、Dのうち最も少ない額）",
    yen({ formula: `MAX(0,MIN(${at(cc)},${at(a)}-${at(b)},${at(dd)}))`, result: c.selectedAmount }),
  ]);
  summary.row(["交付率", `${n}/${d}`]);
  // The rate as integers: a rate held as a decimal (2/3 = 0.666…) could cut 4,000,000 down to 3,999,000.
  const grant = summary.row(["交付額（E×交付率、1,000円未満切り捨て）", yen({ formula: `ROUNDDOWN(${at(e)}*${n}/${d},-3)`, result: c.grantAmount })]);
  summary.row(["交付上限額（D×交付率）", yen({ formula: `${at(dd)}*${n}/${d}`, result: c.ceiling })]);
  summary.row([menu1 ? "地方負担額（C−交付額）" : "自己負担額（C−交付額）", yen({ formula: `MAX(0,${at(cc)}-${at(grant)})`, result: c.applicantShare })]);
  summary.row(["交付申請額", yen(snapshot.requestedAmount)], "total");

  const lines = new SheetBuilder();
  lines.table<BudgetLineSnapshot>({
    title: "経費の内訳",
    rows: version.lines,
    columns: [
      { header: "経費区分", kind: "text", value: (l) => expenseCategoryName(l.category) },
      ...(menu1 ? [{ header: "事業", kind: "text" as const, value: (l: BudgetLineSnapshot) => activityLabel(l.activity) }] : []),
      { header: "内容", kind: "text", value: (l) => l.description },
      { header: "所要額", kind: "yen", value: (l) => l.amount, total: true },
      { header: "うち対象経費", kind: "yen", value: (l) => (isEligible(l) ? l.amount : 0), total: true },
    ],
  });

  return [
    { name: "所要額調書", widths: [52, 20, 20], rows: summary.rows, frozenRows },
    { name: "経費の内訳", widths: menu1 ? [26, 44, 40, 18, 18] : [26, 48, 18, 18], rows: lines.rows, frozenRows: 1 },
  ];
}

/** `所要額調書_富山県_令和8年度_v1`: the workbook's name, like the PDF's. */
export function budgetStatementName(snapshot: SubmittedSnapshot): string {
  return `所要額調書_${snapshot.organisation.name}_${fiscalYearLabel(snapshot.fiscalYear)}_v${snapshot.version}`;
}
