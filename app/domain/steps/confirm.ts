import { z } from "zod";
import { confirmedAmountOf, netPaid } from "../ledger";
import { decisionReference, latestOf } from "../proceedings";
import { defineStep, record } from "./step";

/** 額の確定: the reviewer confirms the grant recomputed from the report, never more than the decided amount. */
export const confirm = defineStep({
  by: "reviewer",
  from: ["reported"],
  to: "confirmed",
  label: "額の確定",
  submit: "額を確定する",
  done: "額を確定しました。額の確定通知書を作成しました。",
  audit: "application.confirmed",
  schema: () => z.object({}),
  take(ctx) {
    const report = latestOf(ctx.records, "performance_report")!;
    const { ledger } = ctx;
    const confirmedAmount = confirmedAmountOf(ledger.decidedAmount, report.calculationActual.grantAmount);
    return record(
      {
        kind: "confirmation",
        decision: decisionReference(ctx.records)!,
        reportDate: report.documentDate,
        decidedAmount: ledger.decidedAmount,
        recomputedAmount: report.calculationActual.grantAmount,
        confirmedAmount,
        netPaid: netPaid(ledger),
      },
      confirmedAmount,
    );
  },
});
