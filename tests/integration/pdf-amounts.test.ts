import { describe, expect, it } from "vitest";
import { calculateGrant } from "../../app/domain/grant-calculation";
import { formatYen, formatYenWithKin, MAX_YEN } from "../../app/domain/money";
import type { BudgetLineSnapshot } from "../../app/domain/proceedings";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { signedYen } from "../../app/pdf/parts";
import type { DocumentSpec } from "../../app/pdf/blocks";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { renderPdf } from "../../app/pdf/render.server";
import { longestMenu1Record } from "./support/longest-records";
import { pdfLines } from "./support/pdf-text";
import { changeRequestRecord, performanceReportRecord } from "./support/proceeding-records";

const squeeze = (text: string) => text.replace(/\s+/g, "");
const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

/** The budget of the longest application: 100億円 on every line, each with the longest description. */
function largestBudget(): BudgetLineSnapshot[] {
  return longestMenu1Record().draft.lines.map((l) => ({ category: l.category, activity: l.activity, description: l.description, amount: Number(l.amount) }));
}

const calculate = (lines: readonly BudgetLineSnapshot[]) =>
  calculateGrant({ program: "prefectural", fiscalYear: 2026, activities: ["platform", "a2", "a7"], otherIncome: 0, lines });

/** Only what an amount is written with (digits, commas, 円, the mark of a decrease), and more than digits alone (an item number). */
const looksLikeAmount = (piece: string) => /^[△0-9,円]+$/.test(piece) && /[△,円]/.test(piece);
const WHOLE_AMOUNT = /^△?(0|[1-9]\d{0,2}(,\d{3})*)円$/;

/**
 * Where a document breaks amounts: each expected amount must be drawn in one piece (one line of one cell),
 * no piece made only of an amount's characters may be less than a whole amount (「10,000,000,00」,
 * 「0,000円」), and no line starts with 「円」.
 */
async function brokenAmounts(spec: DocumentSpec, amounts: readonly string[]) {
  const pieces = (await pdfLines(await renderPdf(spec))).flat().flatMap((line) => line.pieces.map(squeeze));
  return {
    notInOnePiece: [...new Set(amounts)].filter((amount) => !pieces.some((piece) => piece.includes(amount))),
    partOfAnAmount: pieces.filter((piece) => looksLikeAmount(piece) && !WHOLE_AMOUNT.test(piece)),
    startingWithYen: pieces.filter((piece) => piece.startsWith("円")),
  };
}

const NONE_BROKEN = { notInOnePiece: [], partOfAnAmount: [], startingWithYen: [] };

/**
 * An amount is never broken across lines, however narrow its column: 100億円 (the largest amount a field
 * accepts, MAX_YEN), the totals of such lines, and decreases 「△100億円」 each stay on one line, 円 included.
 */
describe("amounts in documents", () => {
  it("交付申請書: every line at 100億円, their total and the calculation", async () => {
    const record = longestMenu1Record();
    const c = record.calculation;
    const amounts = [MAX_YEN, c.totalProjectCost, c.eligibleExpenses, c.baseAmount, c.selectedAmount, c.grantAmount, c.applicantShare].map(formatYen);
    expect(await brokenAmounts(applicationFormDocument(record), [...amounts, formatYenWithKin(record.requestedAmount)])).toEqual(NONE_BROKEN);
  });

  it("交付申請書: the largest total a budget can reach, 500 lines of 100億円", async () => {
    const record = longestMenu1Record();
    record.draft.lines = Array.from({ length: 500 }, (_, i) => ({ ...record.draft.lines[0]!, description: `明細${i + 1}` }));
    record.calculation = calculate(record.draft.lines.map((l) => ({ ...l, amount: Number(l.amount) })));
    expect(await brokenAmounts(applicationFormDocument(record), [formatYen(500 * MAX_YEN)])).toEqual(NONE_BROKEN);
  });

  it("実績報告書: budget, actual spending and a decrease of 100億円 side by side in three amount columns", async () => {
    const lines = largestBudget().map((l) => ({ ...l, actual: l.category === "honoraria" ? 0 : l.amount }));
    const actual = lines.map((l) => ({ ...l, amount: l.actual }));
    const record = { ...performanceReportRecord(), lines, calculationActual: calculate(actual), otherIncomeBudget: MAX_YEN, otherIncomeActual: MAX_YEN };
    const [budgetTotal, actualTotal] = [sum(lines.map((l) => l.amount)), sum(lines.map((l) => l.actual))];
    const amounts = [
      ...lines.flatMap((l) => [formatYen(l.amount), formatYen(l.actual), signedYen(l.actual - l.amount)]),
      formatYen(budgetTotal),
      formatYen(actualTotal),
      signedYen(actualTotal - budgetTotal),
    ];
    expect(await brokenAmounts(proceedingDocument(record), amounts)).toEqual(NONE_BROKEN);
  });

  it("変更交付申請書: 100億円 before and after, and the change of each category", async () => {
    const before = largestBudget();
    const after = before.map((l) => (l.category === "travel" ? { ...l, amount: 0 } : l));
    const record = { ...changeRequestRecord(), before, after, calculationBefore: calculate(before), calculationAfter: calculate(after) };
    const amounts = [formatYen(MAX_YEN), formatYen(sum(before.map((l) => l.amount))), formatYen(sum(after.map((l) => l.amount))), signedYen(-3 * MAX_YEN)];
    expect(await brokenAmounts(proceedingDocument(record), amounts)).toEqual(NONE_BROKEN);
  });
});
