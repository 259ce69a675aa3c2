import { z } from "zod";
import { dateField, lineAmountsField, textField, yenField, applicantNumberField } from "../form-fields";
import { currentBudget, currentPlan, decisionReference, reportDueOn, wasWithdrawn } from "../proceedings";
import { recomputeGrant } from "../submitted-version";
import { formatWarekiDate } from "../wareki";
import { defineStep, fieldError, record, numbered } from "./step";

/**
 * 実績報告: the applicant reports the actual spending beside each line of the budget in force, and the grant
 * is recomputed from it. The completion date lies within the grant's fiscal year and not after today; a
 * report made after its due date (reportDueOn) is flagged to the reviewer, not refused.
 */
export const report = defineStep({
  by: "applicant",
  // Work done before an approved discontinuation (中止・廃止) is reported and confirmed like any other; a
  // withdrawn application (取下げ) has no decision left to report against.
  from: ["decided", "withdrawn"],
  to: "reported",
  label: "実績報告",
  submit: "実績報告を提出する",
  done: "実績報告を提出しました。",
  audit: "application.reported",
  schema: ({ lineCount }) =>
    z.object({
      documentNumber: applicantNumberField(),
      actual: lineAmountsField(lineCount, "実績額"),
      otherIncomeActual: yenField("寄付金その他の収入の実績額"),
      completedOn: dateField("事業の完了日"),
      summary: textField("事業の実施状況", { required: true }),
    }),
  unavailable: (_ledger, records) => (wasWithdrawn(records) ? "交付申請を取り下げたため、実績報告はありません。" : null),
  take(ctx, input) {
    const { fiscalYear, state } = ctx.application;
    const [yearStart, yearEnd] = [`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`];
    const latest = ctx.today < yearEnd ? ctx.today : yearEnd;
    if (input.completedOn < yearStart || input.completedOn > latest) {
      return fieldError(
        "completedOn",
        `事業の完了日は、交付を受けた年度の${formatWarekiDate(yearStart)}から${formatWarekiDate(latest)}までの日付にしてください。`,
      );
    }
    const lines = currentBudget(ctx.records).map((line, i) => ({ ...line, actual: input.actual[i] ?? 0 }));
    const calculationActual = recomputeGrant(
      ctx.version,
      lines.map((l) => ({ ...l, amount: l.actual })),
      input.otherIncomeActual,
      currentPlan(ctx.records, ctx.version.plan),
    );
    return record(
      {
        kind: "performance_report",
        ...numbered(input),
        decision: decisionReference(ctx.records)!,
        decidedAmount: ctx.ledger.decidedAmount,
        completedOn: input.completedOn,
        discontinued: state === "withdrawn",
        dueOn: reportDueOn(input.completedOn, fiscalYear, ctx.version.parameters),
        summary: input.summary,
        lines,
        otherIncomeBudget: ctx.version.calculation.otherIncome,
        otherIncomeSource: ctx.version.otherIncomeSource,
        otherIncomeActual: input.otherIncomeActual,
        calculationActual,
      },
      calculationActual.grantAmount,
    );
  },
});
