import { z } from "zod";
import { lineAmountsField, lineTextsField } from "../form-fields";
import { confirmedAmountOf, netPaid } from "../ledger";
import { formatYen } from "../money";
import { currentPlan, decisionReference, latestOf, type Finding } from "../proceedings";
import { recomputeGrant } from "../submitted-version";
import { defineStep, fieldError, record } from "./step";

/**
 * 額の確定 (Subsidy Act §15): the reviewer may disallow an actual line, or part of it, with a reason per line;
 * the grant is recomputed from what remains with the same rules as the application, and confirmed at most at
 * the decided amount.
 */
export const confirm = defineStep({
  by: "reviewer",
  from: ["reported"],
  to: "confirmed",
  label: "額の確定",
  submit: "額を確定する",
  done: "額を確定しました。額の確定通知書を作成しました。",
  audit: "application.confirmed",
  // Lines left empty disallow nothing.
  schema: ({ lineCount }) =>
    z.object({
      disallowed: z
        .preprocess(
          (value) => (Array.isArray(value) ? value.map((v) => (v === "" || v === undefined ? "0" : v)) : value),
          lineAmountsField(lineCount, "認めない額"),
        )
        .optional(),
      reasons: lineTextsField(lineCount, "認めない理由").optional(),
    }),
  take(ctx, input) {
    const report = latestOf(ctx.records, "performance_report")!;
    const { ledger } = ctx;
    const findings: Finding[] = [];
    for (const [i, line] of report.lines.entries()) {
      const disallowed = input.disallowed?.[i] ?? 0;
      const reason = input.reasons?.[i] ?? "";
      if (disallowed === 0) continue;
      if (disallowed > line.actual) {
        return fieldError(`disallowed.${i}`, `${i + 1}行目の認めない額は、実績額${formatYen(line.actual)}以下にしてください。`);
      }
      if (!reason) return fieldError(`reasons.${i}`, `${i + 1}行目の認めない理由を入力してください。`);
      findings.push({ line: i, category: line.category, activity: line.activity, description: line.description, actual: line.actual, disallowed, reason });
    }
    const accepted = report.lines.map((l, i) => ({ ...l, amount: l.actual - (input.disallowed?.[i] ?? 0) }));
    const recomputedAmount =
      findings.length === 0
        ? report.calculationActual.grantAmount
        : recomputeGrant(ctx.version, accepted, report.otherIncomeActual, currentPlan(ctx.records, ctx.version.plan)).grantAmount;
    const confirmedAmount = confirmedAmountOf(ledger.decidedAmount, recomputedAmount);
    return record(
      {
        kind: "confirmation",
        decision: decisionReference(ctx.records)!,
        reportDate: report.documentDate,
        reportNumber: report.documentNumber,
        decidedAmount: ledger.decidedAmount,
        findings,
        recomputedAmount,
        confirmedAmount,
        netPaid: netPaid(ledger),
      },
      confirmedAmount,
    );
  },
});
