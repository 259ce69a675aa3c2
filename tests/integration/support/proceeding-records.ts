import { calculateGrant, type GrantResult } from "../../../app/domain/grant-calculation";
import {
  categoryAllocation,
  type BudgetLineSnapshot,
  type CancellationRecord,
  type ChangeDecisionRecord,
  type ChangeRequestRecord,
  type ConfirmationRecord,
  type DecisionRecord,
  type DiscontinuationDecisionRecord,
  type DiscontinuationRequestRecord,
  type DocumentReference,
  type MinorChangeRecord,
  type PaymentClaimRecord,
  type PaymentRecord,
  type PerformanceReportRecord,
  type RejectionRecord,
  type RepaymentOrderRecord,
  type SettlementClaimRecord,
  type StatusReportRecord,
  type StatusReportRequestRecord,
  type WithdrawalRecord,
} from "../../../app/domain/proceedings";
import { confirmedAmountOf } from "../../../app/domain/ledger";
import type { ApplicationRecord } from "../../../app/pdf/application-form";
import { record } from "./application-record";

/**
 * The records after 富山県's application (record(lines) of application-record.ts), for the document tests.
 * One story: decided 2026-05-01 as applied for; a change request, then either approved or refused (the later
 * records follow the refusal, so the decided amount stays); two advance payments; actual spending below the
 * budget, so the confirmed amount is below what was paid and the difference is ordered back.
 */

export const DECISION: DocumentReference = { documentNumber: "府孤第3号", documentDate: "2026-05-01" };
export const CONFIRMATION: DocumentReference = { documentNumber: "府孤第41号", documentDate: "2027-04-20" };
export const APPLICATION_DATE = "2026-04-30";
/** The decision's 15 days for withdrawal. */
export const WITHDRAWAL_DEADLINE = "2026-05-16";
export const CHANGE_REQUEST_DATE = "2026-08-03";
export const REPORT_DATE = "2027-04-05";
/** The first 概算払, received before the claim below. */
export const FIRST_ADVANCE = 25_000;
export const SECOND_ADVANCE = 10_000;

function common(application: ApplicationRecord, documentNumber: string, documentDate: string) {
  return {
    applicationId: 7,
    programme: application.programme,
    fiscalYear: application.fiscalYear,
    applicant: application.organisation,
    documentNumber,
    documentDate,
    recordedBy: { userId: 2, name: "審査 太郎" },
  };
}

/** The application's budget lines as the records keep them, amounts read as yen. */
export function budgetOf(application: ApplicationRecord): BudgetLineSnapshot[] {
  return application.draft.lines.map((l) => ({ category: l.category, activity: l.activity, description: l.description, amount: Number(l.amount) }));
}

function calculate(application: ApplicationRecord, lines: readonly BudgetLineSnapshot[], otherIncome: number): GrantResult {
  return calculateGrant({
    program: application.programme,
    fiscalYear: application.fiscalYear,
    activities: application.draft.activities.map((a) => a.code),
    areaPrefectures: application.draft.areaPrefectures,
    areaJustification: application.draft.areaJustification,
    otherIncome,
    lines,
  });
}

export function decisionRecord(application: ApplicationRecord = record(8)): DecisionRecord {
  return {
    ...common(application, DECISION.documentNumber, DECISION.documentDate),
    kind: "decision",
    version: 1,
    applicationDate: APPLICATION_DATE,
    requestedAmount: application.requestedAmount,
    decidedAmount: application.requestedAmount,
    conditions: "事業の実施状況を四半期ごとに報告すること。\n備品を取得した場合は、取得財産管理台帳を備えること。",
    withdrawalDeadline: WITHDRAWAL_DEADLINE,
    calculation: application.calculation,
    lines: budgetOf(application),
  };
}

/** A decision made before the standard conditions and the withdrawal date were printed. */
export function formerDecisionRecord(): DecisionRecord {
  const { withdrawalDeadline: _deadline, ...former } = decisionRecord();
  return former;
}

export function rejectionRecord(application: ApplicationRecord = record(8)): RejectionRecord {
  return {
    ...common(application, "府孤第4号", DECISION.documentDate),
    kind: "rejection",
    version: 1,
    applicationDate: APPLICATION_DATE,
    requestedAmount: application.requestedAmount,
    reason: "事業計画に記載された活動と所要額の明細が対応しておらず、交付の対象となる経費を確認できないため。",
  };
}

/**
 * A change to the budget of record(lines): the last line dropped, every 旅費 line doubled, and a new
 * 借料 line of 50,000円 for activity ⑦.
 */
export function changeRequestRecord(lines = 8): ChangeRequestRecord {
  const application = record(lines);
  const before = budgetOf(application);
  const after: BudgetLineSnapshot[] = [
    ...before.slice(0, -1).map((l) => (l.category === "travel" ? { ...l, amount: l.amount * 2 } : l)),
    { category: "rent", activity: "a7", description: "会場借料（居場所）", amount: 50_000 },
  ];
  const calculationAfter = calculate(application, after, 0);
  return {
    ...common(application, "厚企第120号", CHANGE_REQUEST_DATE),
    kind: "change_request",
    decision: DECISION,
    decidedAmount: decisionRecord(application).decidedAmount,
    requestedAmount: calculationAfter.grantAmount,
    before,
    after,
    calculationBefore: calculate(application, before, 0),
    calculationAfter,
    reason: "居場所の利用者が想定を上回り、会場を追加で借り上げる必要が生じたため。あわせて、訪問先の増加に伴い旅費を増額する。",
  };
}

/** The same change, also editing the plan: ⑦'s content rewritten and ⑨ added. */
export function changeRequestWithPlanRecord(): ChangeRequestRecord {
  const request = changeRequestRecord();
  // The plan of record(): the platform, ② and ⑦.
  const planBefore = [
    { key: "platform", content: "プラットフォームの運営" },
    { key: "a2", content: "実態調査" },
    { key: "a7", content: "居場所の設置" },
  ];
  const planAfter = [
    planBefore[0]!,
    planBefore[1]!,
    { key: "a7", content: "県内5か所に居場所を設置し、週3回開所する。利用者の増加に合わせて会場を追加で借り上げる。" },
    { key: "a9", content: "管内の市町村が行う居場所づくりについて、担当者向けの説明会を2回開催する。" },
  ];
  return { ...request, planBefore, planAfter };
}

/** 軽微な変更の届出: 旅費 up by 10%, every other line as it was. */
export function minorChangeRecord(): MinorChangeRecord {
  const application = record(8);
  const before = budgetOf(application);
  const after = before.map((l, i) => (i === 1 ? { ...l, amount: Math.floor((l.amount * 110) / 100) } : l));
  return {
    ...common(application, "厚企第135号", "2026-09-01"),
    kind: "minor_change",
    decision: DECISION,
    decidedAmount: decisionRecord(application).decidedAmount,
    before,
    after,
    calculationAfter: calculate(application, after, 0),
    limitPercent: 20,
    reason: "講師の交通手段を見直したため、旅費の内訳を変更する。",
  };
}

function changeDecision(kind: ChangeDecisionRecord["kind"], documentNumber: string, approved: boolean, comment: string): ChangeDecisionRecord {
  const request = changeRequestRecord();
  return {
    ...common(record(8), documentNumber, "2026-08-20"),
    kind,
    decision: DECISION,
    changeRequestDate: request.documentDate,
    changeRequestNumber: request.documentNumber,
    requestedAmount: request.requestedAmount,
    previousAmount: request.decidedAmount,
    decidedAmount: approved ? request.requestedAmount : request.decidedAmount,
    comment,
  };
}

/** An approval as made before the allocation after the change was kept on it. */
export const formerChangeApprovalRecord = () =>
  changeDecision("change_approval", "府孤第12号", true, "追加で借り上げる会場の利用実績を実績報告書に記載すること。");

export const changeApprovalRecord = (): ChangeDecisionRecord => ({
  ...formerChangeApprovalRecord(),
  allocation: categoryAllocation(changeRequestRecord().after),
});

export const changeRefusalRecord = () =>
  changeDecision("change_refusal", "府孤第13号", false, "会場の追加借上げは、既存の会場の利用状況を踏まえると必要性が認められないため。");

/** 申請の取下げ within the decision's period, with the reason. */
export function withdrawalRecord(): WithdrawalRecord {
  const application = record(8);
  return {
    ...common(application, "", "2026-05-12"),
    kind: "withdrawal",
    decision: DECISION,
    decidedAmount: decisionRecord(application).decidedAmount,
    reason: "交付決定の条件とされた実施体制を、年度内に整える見込みが立たなくなったため。",
    deadline: WITHDRAWAL_DEADLINE,
  };
}

/** A withdrawal made when the one step stood for 取下げ and 中止・廃止 alike (no deadline). */
export function formerWithdrawalRecord(): WithdrawalRecord {
  return {
    ...common(record(8), "", "2026-10-15"),
    kind: "withdrawal",
    decision: DECISION,
    decidedAmount: decisionRecord().decidedAmount,
    reason: "委託先の事業者が撤退し、年度内に居場所を設置する見込みが立たなくなったため。",
  };
}

export const DISCONTINUATION_REQUEST_DATE = "2026-10-15";

/** The work to stop at the end of October, the longest texts the form allows when given. */
export function discontinuationRequestRecord(
  reason = "委託先の事業者が撤退し、年度内に居場所を設置する見込みが立たなくなったため。",
  doneSoFar = "官民連携プラットフォームを2回開催し、県内の実態調査を行った。居場所の設置に向けて候補地3か所を選定した。",
): DiscontinuationRequestRecord {
  return {
    ...common(record(8), "富山県厚第77号", DISCONTINUATION_REQUEST_DATE),
    kind: "discontinuation_request",
    decision: DECISION,
    decidedAmount: decisionRecord().decidedAmount,
    stopOn: "2026-10-31",
    reason,
    doneSoFar,
    expectedAmount: 20_000,
  };
}

function discontinuationDecision(kind: DiscontinuationDecisionRecord["kind"], documentNumber: string, comment: string): DiscontinuationDecisionRecord {
  const request = discontinuationRequestRecord();
  return {
    ...common(record(8), documentNumber, "2026-10-22"),
    kind,
    decision: DECISION,
    requestDate: request.documentDate,
    requestNumber: request.documentNumber,
    stopOn: request.stopOn,
    expectedAmount: request.expectedAmount,
    previousAmount: request.decidedAmount,
    decidedAmount: kind === "discontinuation_approval" ? request.expectedAmount : request.decidedAmount,
    comment,
  };
}

export const discontinuationApprovalRecord = () =>
  discontinuationDecision("discontinuation_approval", "府孤第31号", "中止までに実施した事業について、令和8年11月30日までに実績報告書を提出すること。");

export const discontinuationRefusalRecord = () =>
  discontinuationDecision("discontinuation_refusal", "府孤第32号", "代わりの委託先の候補があり、事業の継続が可能と認められるため。");

/** The second advance payment, claimed after the first was received. */
export function paymentClaimRecord(): PaymentClaimRecord {
  const application = record(8);
  return {
    ...common(application, "", "2026-09-01"),
    kind: "payment_claim",
    decision: DECISION,
    decidedAmount: decisionRecord(application).decidedAmount,
    alreadyClaimed: FIRST_ADVANCE,
    alreadyReceived: FIRST_ADVANCE,
    claimAmount: SECOND_ADVANCE,
    payee: {
      bankName: "北陸みらい銀行",
      branchName: "県庁前支店",
      accountType: "普通預金",
      accountNumber: "1234567",
      accountHolder: "富山県会計管理者",
    },
  };
}

/** Actual spending of record(lines): each 諸謝金 line 3,000円 below budget, each 旅費 line 500円 above; 2,000円 of donations. */
export function performanceReportRecord(lines = 8): PerformanceReportRecord {
  const application = record(lines);
  const reported = budgetOf(application).map((l) => ({ ...l, actual: l.amount + (l.category === "honoraria" ? -3_000 : 500) }));
  const otherIncomeActual = 2_000;
  return {
    ...common(application, "", REPORT_DATE),
    kind: "performance_report",
    decision: DECISION,
    decidedAmount: decisionRecord(application).decidedAmount,
    completedOn: "2027-03-31",
    discontinued: false,
    dueOn: "2027-04-10",
    summary: "官民連携プラットフォームを4回開催し、県内の実態調査（回答1,024件）を行った。居場所は県内10か所に設置し、延べ2,300人が利用した。",
    lines: reported,
    otherIncomeBudget: application.calculation.otherIncome,
    otherIncomeActual,
    otherIncomeSource: "県内企業からの寄付金",
    calculationActual: calculate(
      application,
      reported.map((l) => ({ ...l, amount: l.actual })),
      otherIncomeActual,
    ),
  };
}

/** A report made before the 収支決算書 was printed: no source of other income kept. */
export function formerPerformanceReportRecord(): PerformanceReportRecord {
  const { otherIncomeSource: _source, ...former } = performanceReportRecord();
  return former;
}

/** `netPaid` defaults to both advances; pass less to see a 精算払, or the confirmed amount to see neither. */
export function confirmationRecord(netPaid = FIRST_ADVANCE + SECOND_ADVANCE): ConfirmationRecord {
  const report = performanceReportRecord();
  const recomputedAmount = report.calculationActual.grantAmount;
  return {
    ...common(record(8), CONFIRMATION.documentNumber, CONFIRMATION.documentDate),
    kind: "confirmation",
    decision: DECISION,
    reportDate: report.documentDate,
    decidedAmount: report.decidedAmount,
    recomputedAmount,
    confirmedAmount: confirmedAmountOf(report.decidedAmount, recomputedAmount),
    netPaid,
  };
}

/** Confirmed with two lines not accepted in full (made after findings were kept). */
export function confirmationWithFindingsRecord(reason = "委託契約の範囲外の作業に係る経費であるため。"): ConfirmationRecord {
  const report = performanceReportRecord();
  const [first, second] = [report.lines[0]!, report.lines[1]!];
  const findings = [
    { line: 0, category: first.category, activity: first.activity, description: first.description, actual: first.actual, disallowed: 1_000, reason },
    {
      line: 1,
      category: second.category,
      activity: second.activity,
      description: second.description,
      actual: second.actual,
      disallowed: 500,
      reason: "領収書が提出されていないため。",
    },
  ];
  const base = confirmationRecord();
  return { ...base, findings, recomputedAmount: base.recomputedAmount - 1_000, confirmedAmount: base.confirmedAmount - 1_000 };
}

/** 精算払請求 of what is left once confirmed, when less than the confirmed amount was paid. */
export function settlementClaimRecord(): SettlementClaimRecord {
  const confirmed = confirmationRecord(FIRST_ADVANCE);
  return {
    ...common(record(8), "富山県厚第201号", "2027-04-27"),
    kind: "settlement_claim",
    confirmation: CONFIRMATION,
    confirmedAmount: confirmed.confirmedAmount,
    alreadyReceived: FIRST_ADVANCE,
    claimAmount: confirmed.confirmedAmount - FIRST_ADVANCE,
    payee: paymentClaimRecord().payee,
  };
}

export const CANCELLATION: DocumentReference = { documentNumber: "府孤第50号", documentDate: "2027-06-01" };

/** The whole decision cancelled after the amount was confirmed and paid, the longest reason the form allows when given. */
export function cancellationRecord(
  reason = "交付金の一部を交付の目的外である職員の懇親会費に充てていたことが、会計検査により判明したため。",
): CancellationRecord {
  const confirmed = confirmationRecord(FIRST_ADVANCE);
  return {
    ...common(record(8), CANCELLATION.documentNumber, CANCELLATION.documentDate),
    kind: "cancellation",
    decision: DECISION,
    reason,
    previousAmount: confirmed.confirmedAmount,
    cancelledAmount: confirmed.confirmedAmount,
    remainingAmount: 0,
    netPaid: FIRST_ADVANCE,
  };
}

export function repaymentOrderAfterCancellationRecord(): RepaymentOrderRecord {
  return {
    ...common(record(8), "府孤第51号", "2027-06-01"),
    kind: "repayment_order",
    confirmation: CANCELLATION,
    cause: "cancellation",
    confirmedAmount: 0,
    netPaid: FIRST_ADVANCE,
    repaymentAmount: FIRST_ADVANCE,
    dueOn: "2027-06-30",
  };
}

export function repaymentOrderRecord(): RepaymentOrderRecord {
  const confirmed = confirmationRecord();
  return {
    ...common(record(8), "府孤第45号", "2027-04-27"),
    kind: "repayment_order",
    confirmation: CONFIRMATION,
    confirmedAmount: confirmed.confirmedAmount,
    netPaid: confirmed.netPaid,
    repaymentAmount: confirmed.netPaid - confirmed.confirmedAmount,
    dueOn: "2027-05-31",
  };
}

/** The reviewer asks for a status report in the autumn, the longest matters the form allows. */
export function statusReportRequestRecord(
  matters = "各取組の進捗状況（開催回数及び参加者数）並びに9月末までの経費の支出状況について報告されたい。",
): StatusReportRequestRecord {
  return {
    ...common(record(8), "府孤第21号", "2026-10-01"),
    kind: "status_report_request",
    decision: DECISION,
    matters,
    dueOn: "2026-10-31",
  };
}

export function statusReportRecord(
  progress = "相談窓口は予定どおり毎週開設し、9月末までに延べ412人が利用した。研修は3回のうち2回を終えた。",
): StatusReportRecord {
  const request = statusReportRequestRecord();
  return {
    ...common(record(8), "", "2026-10-20"),
    kind: "status_report",
    decision: DECISION,
    request: { documentNumber: request.documentNumber, documentDate: request.documentDate, dueOn: request.dueOn },
    decidedAmount: decisionRecord().decidedAmount,
    progress,
    spentToDate: 30_000,
  };
}

export function paymentRecord(): PaymentRecord {
  return {
    ...common(record(8), "", "2026-05-20"),
    kind: "payment",
    direction: "paid",
    amount: FIRST_ADVANCE,
    paidOn: "2026-05-20",
    note: "第1回概算払",
  };
}
