/**
 * The official documents printed from the records of app/domain/proceedings.ts (docs/domain.md §5, §7), each
 * built from its record and nothing else:
 * - the applicant's: 変更交付申請書, 実績報告書, 概算払請求書, 遂行状況報告書, addressed to 内閣総理大臣;
 * - the Cabinet Office's notices: 交付決定通知書, 不交付決定通知書, 変更交付決定通知書, 変更交付申請に対する
 *   不承認通知書, 額の確定通知書, 返還命令書, 遂行状況報告の依頼, addressed to the applicant (see noticeAddressee).
 * A payment is a ledger entry and has no document.
 */
import { formatYen, formatYenWithKin as kin } from "~/domain/money";
import {
  documentTitle,
  NOTICE_KINDS,
  withdrawalDeadline,
  type BudgetLineSnapshot,
  type ChangeDecisionRecord,
  type CancellationRecord,
  type ChangeRequestRecord,
  type ChargeReceiptRecord,
  type MinorChangeRecord,
  type PlanItem,
  type ConfirmationRecord,
  type DecisionRecord,
  type DiscontinuationDecisionRecord,
  type DiscontinuationRequestRecord,
  type DocumentReference,
  type PaymentClaimRecord,
  type Payee,
  type PaymentRecord,
  type PerformanceReportRecord,
  type ProceedingRecord,
  type RejectionRecord,
  type RepaymentOrderRecord,
  type SettlementClaimRecord,
  type StatusReportRecord,
  type StatusReportRequestRecord,
  type WithdrawalRecord,
} from "~/domain/proceedings";
import { guidelinesCited, readDocumentSettings, signatory } from "~/domain/document-settings";
import { planEdits, planItemLabel } from "~/domain/plan-change";
import { expenseCategoryName, PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDate } from "~/domain/wareki";
import type { Block, DocumentSpec } from "./blocks";
import { applicantSender, letterhead, noticeAddressee, SEAL_OMITTED } from "./letterhead";
import {
  amountTable,
  calculationRows,
  categoryTotals,
  detail,
  differenceRows,
  incomeAndExpenditure,
  GUIDELINES,
  item,
  lineTable,
  preamble,
  rowsWithTotal,
  signedYen,
  sum,
  text,
  type LineRow,
} from "./parts";

type PrintedRecord = Exclude<ProceedingRecord, PaymentRecord | ChargeReceiptRecord>;

export function proceedingDocument(record: ProceedingRecord): DocumentSpec {
  if (record.kind === "payment" || record.kind === "charge_receipt") {
    throw new Error(`a ${record.kind} record is a ledger entry and has no document to print`);
  }
  const notice = NOTICE_KINDS.has(record.kind);
  const title = `${fiscalYearLabel(record.fiscalYear)}孤独・孤立対策推進交付金${documentTitle(record)}`;
  // The settings the record was made with (an older record: the defaults, which print what it always printed).
  const settings = readDocumentSettings(record.documents);
  const head = letterhead({
    form: settings.forms[record.kind] || undefined,
    documentNumber: record.documentNumber,
    date: record.documentDate,
    addressee: notice ? noticeAddressee(record.applicant) : `${signatory(settings)}　殿`,
    sender: notice ? [signatory(settings), ...(settings.sealOmitted ? [SEAL_OMITTED] : [])] : applicantSender(record.applicant),
    title,
  });
  return {
    title,
    author: notice ? "内閣府" : record.applicant.name,
    date: new Date(`${record.documentDate}T00:00:00+09:00`),
    draft: false,
    blocks: [...head, ...body(record, guidelinesCited(settings, record.kind))],
  };
}

/** `cite`: the 交付要綱 as the document's opening sentence cites it (with the article, when one is set). */
function body(record: PrintedRecord, cite: string): Block[] {
  switch (record.kind) {
    case "decision":
      return decision(record, cite);
    case "rejection":
      return rejection(record);
    case "change_request":
      return changeRequest(record, cite);
    case "change_approval":
      return changeApproval(record, cite);
    case "change_refusal":
      return changeRefusal(record);
    case "minor_change":
      return minorChange(record, cite);
    case "withdrawal":
      return withdrawal(record);
    case "discontinuation_request":
      return discontinuationRequest(record, cite);
    case "discontinuation_approval":
      return discontinuationApproval(record, cite);
    case "discontinuation_refusal":
      return discontinuationRefusal(record);
    case "payment_claim":
      return paymentClaim(record, cite);
    case "settlement_claim":
      return settlementClaim(record, cite);
    case "performance_report":
      return performanceReport(record, cite);
    case "confirmation":
      return confirmation(record, cite);
    case "cancellation":
      return cancellation(record);
    case "repayment_order":
      return repaymentOrder(record);
    case "status_report_request":
      return statusReportRequest(record);
    case "status_report":
      return statusReport(record, cite);
  }
}

/** 「令和8年度孤独・孤立対策推進交付金（地方における孤独・孤立対策推進事業（メニュー1））」. */
const subject = (r: PrintedRecord) => `${fiscalYearLabel(r.fiscalYear)}孤独・孤立対策推進交付金（${PROGRAMME_NAMES[r.programme]}）`;

/** 「令和8年5月1日付け府孤第3号」. */
const dated = (ref: DocumentReference) => `${formatWarekiDate(ref.documentDate)}付け${ref.documentNumber}`;

const menu1 = (r: PrintedRecord) => r.programme === "prefectural";

/** The Act on the grant's budget execution (適正化法), cited in full, as official documents do. */
const SUBSIDY_ACT = "補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）";

// ---------------------------------------------------------------------------------------------------
// The applicant's documents

function changeRequest(r: ChangeRequestRecord, cite: string): Block[] {
  let n = 0;
  return [
    ...preamble(`${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記のとおり変更したいので、${cite}の規定に基づき申請します。`),
    item(++n, "変更の理由"),
    detail(r.reason || "—"),
    item(++n, "交付決定額及び変更後の交付申請額"),
    detail(`交付決定額　　${kin(r.decidedAmount)}`),
    detail(`変更後の交付申請額　　${kin(r.requestedAmount)}`),
    // Only a change that edits the plan has this item, so that an older request prints as it did.
    ...(r.planBefore && r.planAfter ? [item(++n, "事業の内容の変更"), ...planChanges(r, r.planBefore, r.planAfter)] : []),
    item(++n, "経費区分ごとの変更"),
    amountTable("経費区分", ["変更前", "変更後", "増減"], differenceRows(categoryRows(r.before, r.after)), { total: true }),
    item(++n, "経費の内訳（変更前・変更後）"),
    ...pairedLineTable(r),
    item(++n, "交付額の算定（変更前・変更後）"),
    amountTable("区分", ["変更前", "変更後"], calculationRows(menu1(r), [r.calculationBefore, r.calculationAfter])),
  ];
}

/** Each part of the plan that changes: added, no longer carried out, or its content before and after. */
function planChanges(r: PrintedRecord, before: readonly PlanItem[], after: readonly PlanItem[]): Block[] {
  const content = (plan: readonly PlanItem[], key: string) => plan.find((p) => p.key === key)?.content.trim() || "—";
  return planEdits(before, after).flatMap((edit) => {
    const label = planItemLabel(r.programme, edit.key);
    if (edit.change === "added") return [detail(`${label}（追加）`), detail(`内容：${content(after, edit.key)}`)];
    if (edit.change === "removed") return [detail(`${label}（実施しない）`), detail(`変更前の内容：${content(before, edit.key)}`)];
    return [detail(`${label}（内容の変更）`), detail(`変更前：${content(before, edit.key)}`), detail(`変更後：${content(after, edit.key)}`)];
  });
}

/** The lines before and after a change side by side, with their totals, and what 「—」 means. */
function pairedLineTable(r: ChangeRequestRecord | MinorChangeRecord): Block[] {
  const yenOrDash = (amount: number | undefined) => (amount === undefined ? "—" : formatYen(amount));
  return [
    lineTable(
      menu1(r),
      ["変更前", "変更後"],
      pairLines(r.before, r.after).map((p) => ({ ...p.line, amounts: [yenOrDash(p.before), yenOrDash(p.after)] })),
      [formatYen(sumOf(r.before)), formatYen(sumOf(r.after))],
    ),
    text("「—」は、変更前又は変更後にない明細を示す。", { size: 9, indent: 1 }),
  ];
}

function minorChange(r: MinorChangeRecord, cite: string): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記のとおり経費の配分を変更したので、${cite}の規定に基づき届け出ます。この変更は、いずれの経費区分の増減も${r.limitPercent}パーセント以内であり、事業の内容の変更を伴わない軽微な変更です。`,
    ),
    item(1, "変更の理由"),
    detail(r.reason || "—"),
    item(2, "交付決定額", `${kin(r.decidedAmount)}（変更なし）`),
    item(3, "経費区分ごとの変更"),
    amountTable("経費区分", ["変更前", "変更後", "増減"], differenceRows(categoryRows(r.before, r.after)), { total: true }),
    item(4, "経費の内訳（変更前・変更後）"),
    ...pairedLineTable(r),
  ];
}

function performanceReport(r: PerformanceReportRecord, cite: string): Block[] {
  const actual = r.lines.map((l) => ({ category: l.category, amount: l.actual }));
  const rows: LineRow[] = r.lines.map((l) => ({
    ...l,
    amounts: [formatYen(l.amount), formatYen(l.actual), signedYen(l.actual - l.amount)],
  }));
  const [budgetTotal, actualTotal] = [sumOf(r.lines), sumOf(actual)];
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}に係る事業を${r.discontinued ? "中止（廃止）した" : "完了した"}ので、${cite}の規定に基づき、下記のとおり報告します。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, r.discontinued ? "事業の中止（廃止）日" : "事業の完了日", formatWarekiDate(r.completedOn)),
    item(3, "事業の実施状況"),
    detail(r.summary || "—"),
    item(4, "経費の内訳"),
    lineTable(menu1(r), ["予算額", "実績額", "差額"], rows, [formatYen(budgetTotal), formatYen(actualTotal), signedYen(actualTotal - budgetTotal)]),
    text("差額は実績額から予算額を差し引いた額（△は減）。", { size: 9, indent: 1 }),
    item(5, "経費区分ごとの予算額及び実績額"),
    amountTable("経費区分", ["予算額", "実績額", "差額"], differenceRows(categoryRows(r.lines, actual)), { total: true }),
    item(6, "実績に基づく交付額の算定"),
    detail(`寄付金その他の収入　　予算額 ${formatYen(r.otherIncomeBudget)}　実績額 ${formatYen(r.otherIncomeActual)}`),
    amountTable("区分", ["実績"], calculationRows(menu1(r), [r.calculationActual])),
    // A report made before the statement was printed keeps the wording it was issued with.
    ...(r.otherIncomeSource === undefined ? [] : settlementStatement(r, actual)),
  ];
}

/**
 * 収支決算書, in the shape of the 交付申請書's 収支予算書: income (the grant the report comes to — the recomputed
 * grant, at most the decided amount —, other income actually received, own funds) and actual spending by
 * category; both totals are the actual total cost.
 */
function settlementStatement(r: PerformanceReportRecord, actual: readonly { category: string; amount: number }[]): Block[] {
  const grant = Math.min(r.decidedAmount, r.calculationActual.grantAmount);
  const statement = incomeAndExpenditure(actual, { label: "交付金", amount: grant }, { amount: r.otherIncomeActual, source: r.otherIncomeSource ?? "" });
  return [item(7, "収支決算書"), detail("（1）収入"), statement.income, detail("（2）支出"), statement.expenditure];
}

function withdrawal(r: WithdrawalRecord): Block[] {
  if (r.deadline === undefined) return formerWithdrawal(r);
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記の理由により、${SUBSIDY_ACT}第9条第1項の規定に基づき、交付申請を取り下げます。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "取下げの期限", formatWarekiDate(r.deadline)),
    item(3, "取下げの理由"),
    detail(r.reason || "—"),
  ];
}

/** A withdrawal made when the one step stood for 取下げ and 中止・廃止 alike, printed as it was issued. */
function formerWithdrawal(r: WithdrawalRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記の理由により、交付申請を取り下げ、又は事業を中止（廃止）するので届け出ます。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "理由"),
    detail(r.reason || "—"),
  ];
}

function discontinuationRequest(r: DiscontinuationRequestRecord, cite: string): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}に係る事業を、下記により中止（廃止）したいので、${cite}の規定に基づき承認を申請します。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "中止（廃止）の予定日", formatWarekiDate(r.stopOn)),
    item(3, "中止（廃止）の理由"),
    detail(r.reason || "—"),
    item(4, "中止（廃止）までに実施した事業の内容"),
    detail(r.doneSoFar || "—"),
    item(5, "中止（廃止）までの事業に係る交付金の見込額", kin(r.expectedAmount)),
  ];
}

/** The 振込先, labels padded with full-width spaces so that the values line up. */
const PAYEE_FIELDS = [
  ["金融機関名", "bankName"],
  ["支店名", "branchName"],
  ["預金種別", "accountType"],
  ["口座番号", "accountNumber"],
  ["口座名義", "accountHolder"],
] as const satisfies readonly (readonly [string, keyof Payee])[];

function paymentClaim(r: PaymentClaimRecord, cite: string): Block[] {
  return [
    ...preamble(`${dated(r.decision)}で交付決定の通知があった${subject(r)}について、${cite}の規定に基づき、下記のとおり概算払を請求します。`),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "既請求額", kin(r.alreadyClaimed)),
    item(3, "既受領額", kin(r.alreadyReceived)),
    item(4, "今回請求額", kin(r.claimAmount)),
    item(5, "未請求額（1−2−4）", kin(r.decidedAmount - r.alreadyClaimed - r.claimAmount)),
    item(6, "振込先"),
    ...PAYEE_FIELDS.map(([label, key]) => detail(`${label.padEnd(6, "　")}${r.payee[key]}`)),
  ];
}

function settlementClaim(r: SettlementClaimRecord, cite: string): Block[] {
  return [
    ...preamble(
      `${dated(r.confirmation)}で${r.basis === "cancellation" ? "交付決定の一部取消し" : "額の確定"}の通知があった${subject(r)}について、${cite}の規定に基づき、下記のとおり精算払を請求します。`,
    ),
    item(1, "確定額", kin(r.confirmedAmount)),
    item(2, "既受領額", kin(r.alreadyReceived)),
    item(3, "今回請求額（1−2）", kin(r.claimAmount)),
    item(4, "振込先"),
    ...PAYEE_FIELDS.map(([label, key]) => detail(`${label.padEnd(6, "　")}${r.payee[key]}`)),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The Cabinet Office's notices

function decision(r: DecisionRecord, cite: string): Block[] {
  // The record's own conditions, one numbered condition per line, after the standard ones.
  const own = r.conditions
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (r.withdrawalDeadline === undefined) return formerDecision(r, cite, own);
  const conditions = [...STANDARD_CONDITIONS, ...own];
  return [
    ...preamble(
      `${formatWarekiDate(r.applicationDate)}付け${r.applicationNumber ?? ""}で申請のあった${subject(r)}については、${cite}及び${SUBSIDY_ACT}（以下「適正化法」という。）第6条第1項の規定に基づき、下記のとおり交付することに決定したので、適正化法第8条の規定により通知する。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    detail(`（交付申請額　　${kin(r.requestedAmount)}）`),
    item(2, "交付の対象となる事業の内容"),
    detail(`${formatWarekiDate(r.applicationDate)}付け${r.applicationNumber ?? ""}の交付申請書に記載のとおりとする。`),
    item(3, "交付の対象となる経費及び交付決定額"),
    amountTable("区分", ["金額"], [...calculationRows(menu1(r), [r.calculation]).slice(0, 6), ["交付決定額", formatYen(r.decidedAmount)]]),
    item(4, "交付の条件"),
    ...conditions.map((c, i) => detail(`（${i + 1}）${c}`)),
    item(5, "申請の取下げ"),
    detail(
      `この決定の内容又はこれに付された条件に不服があるときは、適正化法第9条第1項の規定により、${formatWarekiDate(withdrawalDeadline(r))}までに申請の取下げをすることができる。`,
    ),
  ];
}

/**
 * The standard conditions of every decision (docs/domain.md §7), citing the Act's articles they rest on; a
 * decision's own conditions follow them.
 */
const STANDARD_CONDITIONS = [
  `${GUIDELINES}に定めるところに従うこと。`,
  "交付の対象となる事業の内容又は経費の配分を変更する場合（軽微な変更を除く。）には、あらかじめ変更交付申請を行い、その承認を受けること（適正化法第7条第1項第1号及び第2号）。",
  "交付の対象となる事業を中止し、又は廃止する場合には、あらかじめ承認を受けること（適正化法第7条第1項第3号）。",
  "交付の決定後の事情の変更により特別の必要が生じたときは、交付の決定の全部若しくは一部を取り消し、又はその内容若しくはこれに付した条件を変更することがある（適正化法第10条）。",
  "事業の遂行の状況に関し報告を求められたときは、報告すること（適正化法第12条）。",
  "事業により取得し、又は効用の増加した財産は、承認を受けないで、交付の目的に反して使用し、譲渡し、交換し、貸し付け、又は担保に供してはならない（適正化法第22条）。",
  "交付金に係る収入及び支出を明らかにした帳簿を備え、その証拠書類とともに、事業の完了の日の属する年度の終了後5年間保存すること。",
  "事業が完了したとき（中止又は廃止の承認を受けたときを含む。）は、交付要綱に定める期限までに実績報告書を提出すること（適正化法第14条）。",
];

/** A decision made before the standard conditions and the withdrawal date were printed, as it was issued. */
function formerDecision(r: DecisionRecord, cite: string, own: string[]): Block[] {
  const conditions = [`${GUIDELINES}に定めるところに従うこと。`, ...own];
  return [
    ...preamble(
      `${formatWarekiDate(r.applicationDate)}付けで申請のあった${subject(r)}については、${cite}に基づき、下記のとおり交付することに決定したので通知する。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    detail(`（交付申請額　　${kin(r.requestedAmount)}）`),
    item(2, "交付の対象となる経費及び交付決定額"),
    // A–E and the rate as applied for; the amount is the one decided, which may be less than applied for.
    amountTable("区分", ["金額"], [...calculationRows(menu1(r), [r.calculation]).slice(0, 6), ["交付決定額", formatYen(r.decidedAmount)]]),
    item(3, "交付の条件"),
    ...conditions.map((c, i) => detail(`（${i + 1}）${c}`)),
    item(4, "申請の取下げ"),
    detail(
      `この決定の内容又はこれに付された条件に不服があるときは、${GUIDELINES}の規定に基づき、この通知を受けた日から15日以内に申請の取下げをすることができる。`,
    ),
  ];
}

function rejection(r: RejectionRecord): Block[] {
  return [
    ...preamble(
      `${formatWarekiDate(r.applicationDate)}付け${r.applicationNumber ?? ""}で申請のあった${subject(r)}については、審査の結果、交付しないことに決定したので通知する。`,
    ),
    item(1, "交付申請額", kin(r.requestedAmount)),
    item(2, "理由"),
    detail(r.reason || "—"),
  ];
}

function changeApproval(r: ChangeDecisionRecord, cite: string): Block[] {
  const conditions = detail(r.comment.trim() || `${dated(r.decision)}の交付決定に付した条件のとおり。`);
  const amounts = [
    item(1, "変更前の交付決定額", kin(r.previousAmount)),
    item(2, "変更交付申請額", kin(r.requestedAmount)),
    item(3, "変更後の交付決定額", kin(r.decidedAmount)),
  ];
  const opening = preamble(
    `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.changeRequestDate)}付け${r.changeRequestNumber ?? ""}で申請のあった変更を承認し、${cite}に基づき、下記のとおり交付決定の内容を変更したので通知する。`,
  );
  // An approval made before the allocation was kept prints as it did.
  if (!r.allocation) return [...opening, ...amounts, item(4, "交付の条件"), conditions];
  return [
    ...opening,
    ...amounts,
    item(4, "変更後の経費の配分"),
    amountTable("経費区分", ["金額"], rowsWithTotal(r.allocation.map((a) => ({ label: expenseCategoryName(a.category), amount: a.amount }))), { total: true }),
    item(5, "交付の対象となる事業の内容", `${formatWarekiDate(r.changeRequestDate)}付け変更交付申請書記載のとおり`),
    item(6, "交付の条件"),
    conditions,
  ];
}

function changeRefusal(r: ChangeDecisionRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.changeRequestDate)}付け${r.changeRequestNumber ?? ""}で申請のあった変更は、下記の理由により承認しないこととしたので通知する。`,
    ),
    item(1, "交付決定額", `${kin(r.decidedAmount)}（変更なし）`),
    item(2, "変更交付申請額", kin(r.requestedAmount)),
    item(3, "理由"),
    detail(r.comment.trim() || "—"),
  ];
}

function discontinuationApproval(r: DiscontinuationDecisionRecord, cite: string): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.requestDate)}付け${r.requestNumber}で申請のあった事業の中止（廃止）を、${cite}及び${SUBSIDY_ACT}第7条第1項第3号の条件に基づき、下記のとおり承認したので通知する。`,
    ),
    item(1, "中止（廃止）の日", formatWarekiDate(r.stopOn)),
    item(2, "承認前の交付決定額", kin(r.previousAmount)),
    item(3, "承認後の交付決定額", kin(r.decidedAmount)),
    item(4, "承認の条件"),
    detail(r.comment.trim() || "中止（廃止）までに実施した事業について、速やかに実績報告書を提出すること。"),
  ];
}

function discontinuationRefusal(r: DiscontinuationDecisionRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.requestDate)}付け${r.requestNumber}で申請のあった事業の中止（廃止）は、下記の理由により承認しないこととしたので通知する。`,
    ),
    item(1, "交付決定額", `${kin(r.decidedAmount)}（変更なし）`),
    item(2, "中止（廃止）の予定日（申請）", formatWarekiDate(r.stopOn)),
    item(3, "理由"),
    detail(r.comment.trim() || "—"),
    detail("事業は、交付決定の内容及びこれに付した条件に従い、引き続き実施すること。"),
  ];
}

function confirmation(r: ConfirmationRecord, cite: string): Block[] {
  const balance = r.confirmedAmount - r.netPaid;
  const settlement =
    balance > 0
      ? [item(5, "精算払額", kin(balance))]
      : balance < 0
        ? [item(5, "返還額", kin(-balance)), detail("返還額については、別途返還命令書により返還を命ずる。")]
        : [item(5, "精算払額及び返還額", "なし")];
  // An older record (no findings kept) prints as it was issued, without the §15 citation.
  const findings = r.findings ?? [];
  const act = r.findings === undefined ? "" : `及び${SUBSIDY_ACT}第15条`;
  const disallowed =
    findings.length === 0
      ? []
      : [
          item(6, "交付の対象と認めなかった経費"),
          ...findings.flatMap((f, i) => [
            detail(
              `（${i + 1}）実績報告書の${f.line + 1}行目　${expenseCategoryName(f.category)}${f.description ? `（${f.description}）` : ""}　実績額${formatYen(f.actual)}のうち${formatYen(f.disallowed)}`,
            ),
            detail(`理由：${f.reason}`),
          ]),
          detail(`認めなかった経費の合計　${formatYen(sum(findings.map((f) => f.disallowed)))}`),
        ];
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.reportDate)}付け${r.reportNumber ?? ""}で提出のあった実績報告書に基づき、${cite}${act}の規定により、交付すべき額を下記のとおり確定したので通知する。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "確定額", kin(r.confirmedAmount)),
    item(3, findings.length === 0 ? "実績に基づく算定額" : "実績に基づく算定額（認めなかった経費を除く。）", kin(r.recomputedAmount)),
    item(4, "既交付額", kin(r.netPaid)),
    ...settlement,
    ...disallowed,
  ];
}

function cancellation(r: CancellationRecord): Block[] {
  const whole = r.remainingAmount === 0;
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、下記の理由により、${SUBSIDY_ACT}第17条第1項の規定に基づき、交付決定の${whole ? "全部" : "一部"}を取り消したので、同条第3項において準用する同法第8条の規定により通知する。`,
    ),
    item(1, "取消前の交付額", kin(r.previousAmount)),
    item(2, "取り消す額", kin(r.cancelledAmount)),
    item(3, "取消後の交付額", kin(r.remainingAmount)),
    item(4, "既交付額", kin(r.netPaid)),
    item(5, "取消の理由"),
    detail(r.reason || "—"),
    ...(r.netPaid > r.remainingAmount
      ? [
          text(
            `既交付額のうち取消後の交付額を超える${kin(r.netPaid - r.remainingAmount)}については、別途返還命令書により返還を命ずる。この場合、同法第19条第1項の規定により、受領の日から納付の日までの日数に応じ、年10.95パーセントの割合で計算した加算金を納付しなければならない。`,
            { spaceBefore: 16 },
          ),
        ]
      : []),
  ];
}

function repaymentOrder(r: RepaymentOrderRecord): Block[] {
  if (r.cause === "cancellation") return repaymentOrderAfterCancellation(r);
  return [
    ...preamble(`${dated(r.confirmation)}で額を確定した${subject(r)}について、${SUBSIDY_ACT}第18条第2項の規定により、下記のとおり交付金の返還を命ずる。`),
    item(1, "確定額", kin(r.confirmedAmount)),
    item(2, "既交付額", kin(r.netPaid)),
    item(3, "返還額", kin(r.repaymentAmount)),
    item(4, "納期限", formatWarekiDate(r.dueOn)),
    text(
      `納期限までに返還額を納付しないときは、同法第19条第2項の規定により、納期限の翌日から納付の日までの日数に応じ、その未納付額につき年10.95パーセントの割合で計算した延滞金を納付しなければならない。`,
      { spaceBefore: 16 },
    ),
  ];
}

function repaymentOrderAfterCancellation(r: RepaymentOrderRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.confirmation)}で交付決定を取り消した${subject(r)}について、${SUBSIDY_ACT}第18条第1項の規定により、下記のとおり交付金の返還を命ずる。`,
    ),
    item(1, "取消後の交付額", kin(r.confirmedAmount)),
    item(2, "既交付額", kin(r.netPaid)),
    item(3, "返還額", kin(r.repaymentAmount)),
    item(4, "納期限", formatWarekiDate(r.dueOn)),
    text(
      "返還額については、同法第19条第1項の規定により、その受領の日から納付の日までの日数に応じ、年10.95パーセントの割合で計算した加算金を併せて納付しなければならない。",
      { spaceBefore: 16 },
    ),
    text(
      "納期限までに返還額を納付しないときは、同条第2項の規定により、納期限の翌日から納付の日までの日数に応じ、その未納付額につき年10.95パーセントの割合で計算した延滞金を納付しなければならない。",
    ),
  ];
}

function statusReportRequest(r: StatusReportRequestRecord): Block[] {
  return [
    ...preamble(`${dated(r.decision)}で交付決定した${subject(r)}について、${SUBSIDY_ACT}第12条の規定により、下記のとおり事業の遂行の状況を報告されたい。`),
    item(1, "報告を求める事項"),
    detail(r.matters),
    item(2, "提出期限", formatWarekiDate(r.dueOn)),
  ];
}

function statusReport(r: StatusReportRecord, cite: string): Block[] {
  return [
    ...preamble(`${dated(r.request)}で報告を求められた${subject(r)}の遂行の状況について、${cite}の規定に基づき、下記のとおり報告します。`),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "これまでに支出した額", kin(r.spentToDate)),
    item(3, "事業の遂行の状況"),
    detail(r.progress),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Budget arithmetic shown in the applicant's documents

const sumOf = (lines: readonly { amount: number }[]) => sum(lines.map((l) => l.amount));

function categoryRows(first: readonly { category: string; amount: number }[], second: readonly { category: string; amount: number }[]) {
  return categoryTotals(first, second).map((t) => ({ label: expenseCategoryName(t.category), amounts: t.amounts }));
}

/**
 * The lines before and after a change side by side. Lines with the same 経費区分, 事業 and 内容 pair up in
 * order; a line only before (removed) or only after (added) has no amount on the other side. Removed and
 * paired lines come in the order of the budget before; added lines follow in the order of the budget after.
 */
function pairLines(
  before: readonly BudgetLineSnapshot[],
  after: readonly BudgetLineSnapshot[],
): { line: BudgetLineSnapshot; before?: number; after?: number }[] {
  const key = (l: BudgetLineSnapshot) => JSON.stringify([l.category, l.activity, l.description]);
  const waiting = new Map<string, number[]>();
  after.forEach((l, i) => waiting.set(key(l), [...(waiting.get(key(l)) ?? []), i]));
  const paired = new Set<number>();
  const rows = before.map((line) => {
    const match = waiting.get(key(line))?.shift();
    if (match === undefined) return { line, before: line.amount };
    paired.add(match);
    return { line, before: line.amount, after: after[match]!.amount };
  });
  const added = after.flatMap((line, i) => (paired.has(i) ? [] : [{ line, after: line.amount }]));
  return [...rows, ...added];
}
