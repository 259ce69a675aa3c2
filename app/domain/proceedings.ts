/**
 * What happens to an application after it is submitted (docs/domain.md §5), kept as records: each decision,
 * request, report, notice and payment is one frozen record holding everything its official document shows
 * (docs/domain.md §7), so a document is built from its record and nothing else.
 *
 * This module is pure: the record shapes, the 文書番号 of the Cabinet Office's notices and what later steps
 * read from earlier records (the budget in force, the decision they cite). The money is in ledger.ts.
 */
import type { DocumentSettings } from "./document-settings";
import type { GrantResult } from "./grant-calculation";
import { formatDateOnly, parseDateOnly } from "./japan-time";
import type { Programme } from "./programmes";

/** The applicant as it stood when the record was made (name, representative, address, contact). */
export interface PartySnapshot {
  name: string;
  representative_title: string;
  representative_name: string;
  postal_code: string;
  address: string;
  contact_person: string;
  contact_phone: string;
  contact_email: string;
}

/** One budget line of a decided application, its amount read as yen. */
export interface BudgetLineSnapshot {
  category: string;
  /** Menu 1: the activity code; "" for Menu 2. */
  activity: string;
  description: string;
  amount: number;
}

/**
 * One part of the plan a decision funds, as its content stands: a Menu 1 activity (key: its code) or one of
 * Menu 2's four parts of the work (key: the part). A change request may edit the content and, for Menu 1,
 * add or remove activities.
 */
export interface PlanItem {
  key: string;
  content: string;
}

/** An expense category's total (経費の配分). */
export interface CategoryAmount {
  category: string;
  amount: number;
}

/** A notice the later documents refer to: 「令和8年5月1日付け府孤第3号」. */
export interface DocumentReference {
  documentNumber: string;
  documentDate: string;
}

/** 普通預金 or 当座預金. */
export const ACCOUNT_TYPES = ["普通", "当座"] as const;

/** The account a grant is paid into (振込先). */
export interface Payee {
  bankName: string;
  branchName: string;
  accountType: string;
  accountNumber: string;
  accountHolder: string;
}

interface Common {
  applicationId: number;
  programme: Programme;
  fiscalYear: number;
  applicant: PartySnapshot;
  /**
   * 文書番号: the Cabinet Office numbers its notices 「府孤第N号」 per fiscal year; an applicant's own documents
   * leave it "" and print a blank number for their own registry to fill in.
   */
  documentNumber: string;
  /** The document's date, "YYYY-MM-DD" (the day it was made, in Japan). */
  documentDate: string;
  recordedBy: { userId: number; name: string };
  /** What the document prints (signatory, 様式, article), as set for the fiscal year when the record was made; absent in older records: the defaults. */
  documents?: DocumentSettings;
}

/**
 * 交付決定: the decided amount (at most the amount applied for) and the conditions attached to it, with the
 * budget lines decided on, frozen here so that later changes and reports start from exactly these.
 */
export interface DecisionRecord extends Common {
  kind: "decision";
  version: number;
  applicationDate: string;
  /** The applicant's 文書番号 of its 交付申請書, cited with its date ("" when it gave none; absent in older records). */
  applicationNumber?: string;
  requestedAmount: number;
  decidedAmount: number;
  conditions: string;
  calculation: GrantResult;
  lines: BudgetLineSnapshot[];
  /** The last day the application may be withdrawn (申請の取下げ, Act §9); absent in older records: see withdrawalDeadline. */
  withdrawalDeadline?: string;
}

/** 不交付決定: with the reason the applicant is told. */
export interface RejectionRecord extends Common {
  kind: "rejection";
  version: number;
  applicationDate: string;
  /** The applicant's 文書番号 of its 交付申請書, cited with its date ("" when it gave none; absent in older records). */
  applicationNumber?: string;
  requestedAmount: number;
  reason: string;
}

/** 変更交付申請: the budget before and after, line by line, and the grant it asks for after the change. */
export interface ChangeRequestRecord extends Common {
  kind: "change_request";
  decision: DocumentReference;
  decidedAmount: number;
  requestedAmount: number;
  before: BudgetLineSnapshot[];
  after: BudgetLineSnapshot[];
  calculationBefore: GrantResult;
  calculationAfter: GrantResult;
  /** The plan before and after, when the change edits it (absent when only the budget changes, and in older records). */
  planBefore?: PlanItem[];
  planAfter?: PlanItem[];
  reason: string;
}

/**
 * 軽微な変更の届出: a change of the budget lines that moves no expense category by more than the version's
 * threshold and leaves the plan as it is. It needs no approval: it is in force from the day it is filed, and
 * the decided amount stays as it was.
 */
export interface MinorChangeRecord extends Common {
  kind: "minor_change";
  decision: DocumentReference;
  decidedAmount: number;
  before: BudgetLineSnapshot[];
  after: BudgetLineSnapshot[];
  /** The grant the changed budget comes to (the decided amount still caps what is paid). */
  calculationAfter: GrantResult;
  limitPercent: number;
  reason: string;
}

/** 変更交付決定 (approved) or 変更不承認 (refused) of a pending change request. */
export interface ChangeDecisionRecord extends Common {
  kind: "change_approval" | "change_refusal";
  decision: DocumentReference;
  changeRequestDate: string;
  /** The applicant's 文書番号 of the request, cited with its date ("" when it gave none; absent in older records). */
  changeRequestNumber?: string;
  /** The grant the change request asked for. */
  requestedAmount: number;
  previousAmount: number;
  /** The decided amount from now on: the new amount when approved, unchanged when refused. */
  decidedAmount: number;
  /** Conditions when approved; the reason when refused. */
  comment: string;
  /** When approved: the expense allocation after the change, by category (absent in older records and in a refusal). */
  allocation?: CategoryAmount[];
}

/** 申請の取下げ (Act §9): within the period the decision set, the applicant gives up the grant; the decision lapses. */
export interface WithdrawalRecord extends Common {
  kind: "withdrawal";
  decision: DocumentReference;
  decidedAmount: number;
  reason: string;
  /** The last day withdrawal was allowed; absent in older records, made when this one step also stood for 中止・廃止. */
  deadline?: string;
}

/** 事業中止（廃止）承認申請: the grantee asks to stop the work part-way, saying what was done and what it expects to need. */
export interface DiscontinuationRequestRecord extends Common {
  kind: "discontinuation_request";
  decision: DocumentReference;
  decidedAmount: number;
  /** 中止（廃止）の予定日. */
  stopOn: string;
  reason: string;
  /** What was done before stopping (reported in full in the 実績報告 that follows an approval). */
  doneSoFar: string;
  /** The grant the work done until then is expected to need: at most the decided amount. */
  expectedAmount: number;
}

/** 中止（廃止）の承認 or 不承認 of a pending request. */
export interface DiscontinuationDecisionRecord extends Common {
  kind: "discontinuation_approval" | "discontinuation_refusal";
  decision: DocumentReference;
  requestDate: string;
  /** The applicant's 文書番号 of the request ("" when it gave none). */
  requestNumber: string;
  stopOn: string;
  /** The grant the request expected to need. */
  expectedAmount: number;
  previousAmount: number;
  /** The decided amount from now on: lowered to what the work done may need when approved (the rest of the budget is released), unchanged when refused. */
  decidedAmount: number;
  /** Conditions when approved; the reason when refused. */
  comment: string;
}

/** 概算払請求: an advance payment claimed against the decided amount. */
export interface PaymentClaimRecord extends Common {
  kind: "payment_claim";
  decision: DocumentReference;
  decidedAmount: number;
  /** Everything claimed before this claim (paid or not). */
  alreadyClaimed: number;
  /** Everything paid before this claim, less anything returned. */
  alreadyReceived: number;
  claimAmount: number;
  payee: Payee;
}

/** 精算払請求: once the amount is confirmed, the grantee claims what is still to be paid of it. */
export interface SettlementClaimRecord extends Common {
  kind: "settlement_claim";
  /** The notice that fixed the grant: the 額の確定, or the 取消 when `basis` says so. */
  confirmation: DocumentReference;
  basis?: "cancellation";
  confirmedAmount: number;
  /** Everything paid before this claim, less anything returned. */
  alreadyReceived: number;
  claimAmount: number;
  payee: Payee;
}

/** The claim a payment pays: the n-th claim of the application (概算払 or 精算払), as its document is dated and numbered. */
export interface ClaimReference extends DocumentReference {
  /** 1 for the application's first claim, counting advance and settlement claims together. */
  ordinal: number;
  kind: "payment_claim" | "settlement_claim";
}

/** 実績報告: actual spending beside each budget line, and the grant recomputed from the actual spending. */
export interface PerformanceReportRecord extends Common {
  kind: "performance_report";
  decision: DocumentReference;
  decidedAmount: number;
  completedOn: string;
  /** The work was stopped (中止・廃止) before this report, rather than completed. */
  discontinued: boolean;
  /** When it was due (reportDueOn); a report made after it is flagged to the reviewer, not refused. */
  dueOn: string;
  summary: string;
  lines: (BudgetLineSnapshot & { actual: number })[];
  otherIncomeBudget: number;
  otherIncomeActual: number;
  /** Where other income comes from, as the application named it; absent in older records, which print no 収支決算書. */
  otherIncomeSource?: string;
  calculationActual: GrantResult;
}

/** A line of the report the reviewer does not accept in full (額の確定's findings), with why. */
export interface Finding {
  /** The line's place in the report, from 0. */
  line: number;
  category: string;
  activity: string;
  description: string;
  actual: number;
  disallowed: number;
  reason: string;
}

/**
 * 額の確定: the confirmed amount, recomputed from the report less what the reviewer disallowed, and capped by
 * the decided amount.
 */
export interface ConfirmationRecord extends Common {
  kind: "confirmation";
  decision: DocumentReference;
  reportDate: string;
  /** The applicant's 文書番号 of the report ("" when it gave none; absent in older records). */
  reportNumber?: string;
  decidedAmount: number;
  /** The lines not accepted in full (often none); absent in older records, made before findings were kept. */
  findings?: Finding[];
  /** The grant recomputed from the actual spending that is accepted. */
  recomputedAmount: number;
  confirmedAmount: number;
  /** Paid less returned when confirmed (既交付額); confirmedAmount − netPaid is still to pay, or to return when negative. */
  netPaid: number;
}

/**
 * 交付決定の取消 (Subsidy Act §17): the reviewer cancels the decision in whole or in part, with the reasons; the
 * grant is from then on what remains, and what was paid beyond it is ordered back with 加算金 (§18, §19(1)).
 */
export interface CancellationRecord extends Common {
  kind: "cancellation";
  decision: DocumentReference;
  reason: string;
  /** The grant before: the confirmed amount once confirmed, the decided amount before. */
  previousAmount: number;
  cancelledAmount: number;
  /** What the grantee may keep: previousAmount − cancelledAmount. */
  remainingAmount: number;
  /** Paid less returned when cancelled. */
  netPaid: number;
}

/** 返還命令: an overpayment ordered back by a due date. */
export interface RepaymentOrderRecord extends Common {
  kind: "repayment_order";
  /** The notice the order follows: the 額の確定, or the 取消 when `cause` says so. */
  confirmation: DocumentReference;
  /** Ordered back because the decision was cancelled (§18(1), with 加算金); absent: after 額の確定 (§18(2)). */
  cause?: "cancellation";
  confirmedAmount: number;
  netPaid: number;
  repaymentAmount: number;
  dueOn: string;
}

/** 状況報告の求め (Subsidy Act §12): the reviewer asks how the work is going, by a due date. */
export interface StatusReportRequestRecord extends Common {
  kind: "status_report_request";
  decision: DocumentReference;
  /** What the report is to cover. */
  matters: string;
  dueOn: string;
}

/** 遂行状況報告: the grantee's answer to a request, citing it. */
export interface StatusReportRecord extends Common {
  kind: "status_report";
  decision: DocumentReference;
  request: DocumentReference & { dueOn: string };
  decidedAmount: number;
  progress: string;
  /** What the work has spent so far, all sources together. */
  spentToDate: number;
}

/** A payment to the applicant (概算払 or 精算払) or a repayment received from it: the ledger, no document. */
export interface PaymentRecord extends Common {
  kind: "payment";
  direction: "paid" | "returned";
  amount: number;
  paidOn: string;
  note: string;
  /** The claim a payment pays (absent for money returned, and in payments recorded before claims were named). */
  claim?: ClaimReference;
}

/** What a return order's charges are: 延滞金 (late, §19(2)) or 加算金 (from receipt, §19(1)). */
export const CHARGE_NAMES = { late: "延滞金", additional: "加算金" } as const;
export type ChargeKind = keyof typeof CHARGE_NAMES;

/** 延滞金 or 加算金 received (Subsidy Act §19) on the latest return order: a ledger entry apart from the grant's money, no document. */
export interface ChargeReceiptRecord extends Common {
  kind: "charge_receipt";
  charge: ChargeKind;
  amount: number;
  receivedOn: string;
  note: string;
}

export type ProceedingRecord =
  | DecisionRecord
  | RejectionRecord
  | ChangeRequestRecord
  | ChangeDecisionRecord
  | MinorChangeRecord
  | WithdrawalRecord
  | DiscontinuationRequestRecord
  | DiscontinuationDecisionRecord
  | PaymentClaimRecord
  | SettlementClaimRecord
  | PerformanceReportRecord
  | ConfirmationRecord
  | CancellationRecord
  | RepaymentOrderRecord
  | StatusReportRequestRecord
  | StatusReportRecord
  | PaymentRecord
  | ChargeReceiptRecord;

export type ProceedingKind = ProceedingRecord["kind"];

/** The official document each kind of record is printed as (a payment has none). */
export const DOCUMENT_TITLES: Record<ProceedingKind, string | null> = {
  decision: "交付決定通知書",
  rejection: "不交付決定通知書",
  change_request: "変更交付申請書",
  change_approval: "変更交付決定通知書",
  change_refusal: "変更交付申請に対する不承認通知書",
  minor_change: "軽微な変更届",
  withdrawal: "交付申請取下げ書",
  discontinuation_request: "事業中止（廃止）承認申請書",
  discontinuation_approval: "事業中止（廃止）承認通知書",
  discontinuation_refusal: "事業中止（廃止）不承認通知書",
  payment_claim: "概算払請求書",
  settlement_claim: "精算払請求書",
  performance_report: "実績報告書",
  confirmation: "額の確定通知書",
  cancellation: "交付決定取消通知書",
  repayment_order: "返還命令書",
  status_report_request: "遂行状況報告の依頼",
  status_report: "遂行状況報告書",
  payment: null,
  charge_receipt: null,
};

/** The title a record's document prints: older withdrawals, which also stood for 中止・廃止, keep theirs. */
export function documentTitle(record: ProceedingRecord): string | null {
  if (record.kind === "withdrawal" && record.deadline === undefined) return "取下げ・中止（廃止）届";
  return DOCUMENT_TITLES[record.kind];
}

/** What the applicant files that puts the application back in the reviewer's hands (its wait counts from then). */
export const APPLICANT_REQUESTS = [
  "change_request",
  "withdrawal",
  "discontinuation_request",
  "performance_report",
] as const satisfies readonly ProceedingKind[];

/** Records the Cabinet Office issues, numbered 「府孤第N号」 per fiscal year. */
export const NOTICE_KINDS: ReadonlySet<ProceedingKind> = new Set([
  "decision",
  "rejection",
  "change_approval",
  "change_refusal",
  "discontinuation_approval",
  "discontinuation_refusal",
  "confirmation",
  "cancellation",
  "repayment_order",
  "status_report_request",
]);

/** 「府孤第3号」, or with the prefix of the fiscal year's document settings. */
export function noticeNumber(serial: number, prefix = "府孤"): string {
  return `${prefix}第${serial}号`;
}

/**
 * 変更交付申請 is needed when any expense category moves by more than 20% (docs/domain.md §5). Returns the
 * categories whose total moved by more than that, with the change in percent (rounded toward zero).
 */
export function categoriesMovedOverLimit(
  before: readonly BudgetLineSnapshot[],
  after: readonly BudgetLineSnapshot[],
  limitPercent = 20,
): { category: string; before: number; after: number; percent: number }[] {
  const totals = (lines: readonly BudgetLineSnapshot[]) => {
    const map = new Map<string, number>();
    for (const l of lines) map.set(l.category, (map.get(l.category) ?? 0) + l.amount);
    return map;
  };
  const [b, a] = [totals(before), totals(after)];
  const categories = [...new Set([...b.keys(), ...a.keys()])];
  return categories
    .map((category) => {
      const [x, y] = [b.get(category) ?? 0, a.get(category) ?? 0];
      // |y − x| × 100 > limit × x in BigInt: exact for every safe integer of yen.
      const [bx, by] = [BigInt(x), BigInt(y)];
      const change = by > bx ? by - bx : bx - by;
      const moved = x === 0 ? y > 0 : change * 100n > BigInt(limitPercent) * bx;
      const percent = x === 0 ? 100 : Number(((by - bx) * 100n) / bx);
      return { category, before: x, after: y, percent, moved };
    })
    .filter((c) => c.moved)
    .map(({ moved: _moved, ...c }) => c);
}

/**
 * The budget in force: the lines decided on, replaced by a change request's lines once that change is
 * approved (a refused or still pending change leaves it as it was), or by a minor change's at once. Empty
 * before a decision.
 */
export function currentBudget(records: readonly ProceedingRecord[]): readonly BudgetLineSnapshot[] {
  let lines: readonly BudgetLineSnapshot[] = latestOf(records, "decision")?.lines ?? [];
  for (const change of changesInForce(records)) lines = change.after;
  return lines;
}

/** The plan in force: the submitted one, replaced by each approved change that edited it. */
export function currentPlan(records: readonly ProceedingRecord[], submitted: readonly PlanItem[]): readonly PlanItem[] {
  let plan = submitted;
  for (const change of changesInForce(records)) if (change.kind === "change_request" && change.planAfter) plan = change.planAfter;
  return plan;
}

/** The changes that took effect, in order: each approved change request, and each minor change when filed. */
function changesInForce(records: readonly ProceedingRecord[]): (ChangeRequestRecord | MinorChangeRecord)[] {
  const changes: (ChangeRequestRecord | MinorChangeRecord)[] = [];
  let pending: ChangeRequestRecord | undefined;
  for (const r of records) {
    if (r.kind === "change_request") pending = r;
    if (r.kind === "change_approval" && pending) changes.push(pending);
    if (r.kind === "change_approval" || r.kind === "change_refusal") pending = undefined;
    if (r.kind === "minor_change") changes.push(r);
  }
  return changes;
}

/** Each expense category's total, in the order the categories first appear. */
export function categoryAllocation(lines: readonly BudgetLineSnapshot[]): CategoryAmount[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.category, (totals.get(l.category) ?? 0) + l.amount);
  return [...totals].map(([category, amount]) => ({ category, amount }));
}

/** The most recent record of a kind, if any. */
export function latestOf<K extends ProceedingKind>(records: readonly ProceedingRecord[], kind: K): Extract<ProceedingRecord, { kind: K }> | undefined {
  return records.findLast((r): r is Extract<ProceedingRecord, { kind: K }> => r.kind === kind);
}

/** The request for a status report still waiting for its answer (a request answered by a later report is not). */
export function openStatusReportRequest(records: readonly ProceedingRecord[]): StatusReportRequestRecord | undefined {
  const at = records.findLastIndex((r) => r.kind === "status_report_request");
  const request = records[at];
  if (request?.kind !== "status_report_request") return undefined;
  return records.slice(at + 1).some((r) => r.kind === "status_report") ? undefined : request;
}

/**
 * The application's commitment of its programme-year's budget once `record` is made, or null when the record
 * leaves it as it was (docs/domain.md §5): the decided amount, as changed or lowered by a discontinuation; the
 * confirmed amount; 0 once withdrawn (an older withdrawal, without a deadline, kept it). currentCommitments
 * (app/models/proceedings.server.ts) reads the same in SQL.
 */
export function commitmentAfter(record: ProceedingRecord): number | null {
  switch (record.kind) {
    case "decision":
    case "change_approval":
    case "discontinuation_approval":
      return record.decidedAmount;
    case "confirmation":
      return record.confirmedAmount;
    case "cancellation":
      return record.remainingAmount;
    case "withdrawal":
      return record.deadline === undefined ? null : 0;
    default:
      return null;
  }
}

/**
 * Where the grant was last fixed: the latest 額の確定 or 取消 (both set what the grantee may keep), as an index
 * into the records; -1 before either.
 */
export const settledAt = (records: readonly ProceedingRecord[]): number => records.findLastIndex((r) => r.kind === "confirmation" || r.kind === "cancellation");

/** The days the applicant has to withdraw its application, counted from the decision notice, unless the decision says otherwise. */
export const DEFAULT_WITHDRAWAL_DAYS = 15;

/** The date `days` calendar days after `date` ("2026-12-11", 15 → "2026-12-26"). */
export function daysAfter(date: string, days: number): string {
  const { year, month, day } = parseDateOnly(date);
  const later = new Date(Date.UTC(year, month - 1, day + days));
  return formatDateOnly({ year: later.getUTCFullYear(), month: later.getUTCMonth() + 1, day: later.getUTCDate() });
}

/** The last day the application may be withdrawn: as the decision set it, or 15 days from its notice for a decision that set none. */
export function withdrawalDeadline(decision: DecisionRecord): string {
  return decision.withdrawalDeadline ?? daysAfter(decision.documentDate, DEFAULT_WITHDRAWAL_DAYS);
}

/**
 * Whether the application was withdrawn (取下げ): its decision lapsed, so there is no work to report. An older
 * withdrawal (no deadline), made when the one step also stood for 中止・廃止, still leads to a report.
 */
export const wasWithdrawn = (records: readonly ProceedingRecord[]): boolean => records.some((r) => r.kind === "withdrawal" && r.deadline !== undefined);

/** The 交付決定 as later documents cite it (there is one per application; changes refer back to it). */
export function decisionReference(records: readonly ProceedingRecord[]): DocumentReference | undefined {
  const decision = latestOf(records, "decision");
  return decision && { documentNumber: decision.documentNumber, documentDate: decision.documentDate };
}

/**
 * When the 実績報告 is due (docs/domain.md §5): one month after the work was completed (the same day of the next
 * month, or its last day), and never later than 10 April after the fiscal year — or the programme-year's own rule
 * (a number of days after completion, another latest day).
 */
export function reportDueOn(
  completedOn: string,
  fiscalYear: number,
  rule: { reportDueDays: number | null; reportLatestMonthDay: string } = { reportDueDays: null, reportLatestMonthDay: "04-10" },
): string {
  const { year, month, day } = parseDateOnly(completedOn);
  let due: string;
  if (rule.reportDueDays === null) {
    const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    due = formatDateOnly({ year: y, month: m, day: Math.min(day, lastDay) });
  } else {
    due = daysAfter(completedOn, rule.reportDueDays);
  }
  const latest = `${fiscalYear + 1}-${rule.reportLatestMonthDay}`;
  return due < latest ? due : latest;
}
