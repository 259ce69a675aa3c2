/**
 * The budget ledger as a download (/budget.csv, /budget.xlsx): one row per submitted application with its
 * money, and a totals row. The same ledgers the budget overview sums, so its totals are the page's figures.
 */
import { STATE_LABELS } from "~/domain/application-states";
import type { BudgetApplication } from "~/domain/budget";
import { prefectureName } from "~/domain/prefectures";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import type { ExportTable } from "./table";

export function budgetLedgerTable(applications: readonly BudgetApplication[]): ExportTable<BudgetApplication> {
  return {
    title: "予算執行状況",
    totalsLabel: "合計",
    rows: applications,
    columns: [
      { header: "申請者", kind: "text", value: (a) => a.organisationName, width: 40 },
      { header: "都道府県", kind: "text", value: (a) => (a.prefectureCode && prefectureName(a.prefectureCode)) || "", width: 10 },
      { header: "年度", kind: "text", value: (a) => fiscalYearLabel(a.fiscalYear), width: 12 },
      { header: "事業", kind: "text", value: (a) => PROGRAMME_NAMES[a.programme], width: 44 },
      { header: "状態", kind: "text", value: (a) => STATE_LABELS[a.state], width: 14 },
      { header: "申請額（円）", kind: "yen", value: (a) => a.requestedAmount, total: true, width: 16 },
      { header: "交付決定額（円）", kind: "yen", value: (a) => a.ledger.decidedAmount, total: true, width: 18 },
      { header: "支払額（円）", kind: "yen", value: (a) => a.ledger.paid, total: true, width: 16 },
      { header: "返還額（円）", kind: "yen", value: (a) => a.ledger.returned, total: true, width: 16 },
      { header: "確定額（円）", kind: "yen", value: (a) => a.ledger.confirmedAmount, total: true, width: 16 },
    ],
  };
}
