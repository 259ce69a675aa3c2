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
  DOCUMENT_TITLES,
  NOTICE_KINDS,
  type BudgetLineSnapshot,
  type ChangeDecisionRecord,
  type ChangeRequestRecord,
  type ConfirmationRecord,
  type DecisionRecord,
  type DocumentReference,
  type PaymentClaimRecord,
  type Payee,
  type PaymentRecord,
  type PerformanceReportRecord,
  type ProceedingRecord,
  type RejectionRecord,
  type RepaymentOrderRecord,
  type StatusReportRecord,
  type StatusReportRequestRecord,
  type WithdrawalRecord,
} from "~/domain/proceedings";
import { guidelinesCited, readDocumentSettings, signatory } from "~/domain/document-settings";
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
  GUIDELINES,
  item,
  lineTable,
  preamble,
  signedYen,
  sum,
  text,
  type LineRow,
} from "./parts";

type PrintedRecord = Exclude<ProceedingRecord, PaymentRecord>;

export function proceedingDocument(record: ProceedingRecord): DocumentSpec {
  if (record.kind === "payment") {
    throw new Error('a payment record (kind "payment") is a ledger entry and has no document to print');
  }
  const notice = NOTICE_KINDS.has(record.kind);
  const title = `${fiscalYearLabel(record.fiscalYear)}孤独・孤立対策推進交付金${DOCUMENT_TITLES[record.kind]}`;
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
    case "withdrawal":
      return withdrawal(record);
    case "payment_claim":
      return paymentClaim(record, cite);
    case "performance_report":
      return performanceReport(record, cite);
    case "confirmation":
      return confirmation(record, cite);
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

// ---------------------------------------------------------------------------------------------------
// The applicant's documents

function changeRequest(r: ChangeRequestRecord, cite: string): Block[] {
  const paired = pairLines(r.before, r.after);
  const yenOrDash = (amount: number | undefined) => (amount === undefined ? "—" : formatYen(amount));
  return [
    ...preamble(`${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記のとおり変更したいので、${cite}の規定に基づき申請します。`),
    item(1, "変更の理由"),
    detail(r.reason || "—"),
    item(2, "交付決定額及び変更後の交付申請額"),
    detail(`交付決定額　　${kin(r.decidedAmount)}`),
    detail(`変更後の交付申請額　　${kin(r.requestedAmount)}`),
    item(3, "経費区分ごとの変更"),
    amountTable("経費区分", ["変更前", "変更後", "増減"], differenceRows(categoryRows(r.before, r.after)), { total: true }),
    item(4, "経費の内訳（変更前・変更後）"),
    lineTable(
      menu1(r),
      ["変更前", "変更後"],
      paired.map((p) => ({ ...p.line, amounts: [yenOrDash(p.before), yenOrDash(p.after)] })),
      [formatYen(sumOf(r.before)), formatYen(sumOf(r.after))],
    ),
    text("「—」は、変更前又は変更後にない明細を示す。", { size: 9, indent: 1 }),
    item(5, "交付額の算定（変更前・変更後）"),
    amountTable("区分", ["変更前", "変更後"], calculationRows(menu1(r), [r.calculationBefore, r.calculationAfter])),
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
  ];
}

function withdrawal(r: WithdrawalRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定の通知があった${subject(r)}について、下記の理由により、交付申請を取り下げ、又は事業を中止（廃止）するので届け出ます。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "理由"),
    detail(r.reason || "—"),
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

// ---------------------------------------------------------------------------------------------------
// The Cabinet Office's notices

function decision(r: DecisionRecord, cite: string): Block[] {
  // The fixed condition, then each line of the record's own conditions as a numbered condition.
  const own = r.conditions
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
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
    ...preamble(`${formatWarekiDate(r.applicationDate)}付けで申請のあった${subject(r)}については、審査の結果、交付しないことに決定したので通知する。`),
    item(1, "交付申請額", kin(r.requestedAmount)),
    item(2, "理由"),
    detail(r.reason || "—"),
  ];
}

function changeApproval(r: ChangeDecisionRecord, cite: string): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.changeRequestDate)}付けで申請のあった変更を承認し、${cite}に基づき、下記のとおり交付決定の内容を変更したので通知する。`,
    ),
    item(1, "変更前の交付決定額", kin(r.previousAmount)),
    item(2, "変更交付申請額", kin(r.requestedAmount)),
    item(3, "変更後の交付決定額", kin(r.decidedAmount)),
    item(4, "交付の条件"),
    detail(r.comment.trim() || `${dated(r.decision)}の交付決定に付した条件のとおり。`),
  ];
}

function changeRefusal(r: ChangeDecisionRecord): Block[] {
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.changeRequestDate)}付けで申請のあった変更は、下記の理由により承認しないこととしたので通知する。`,
    ),
    item(1, "交付決定額", `${kin(r.decidedAmount)}（変更なし）`),
    item(2, "変更交付申請額", kin(r.requestedAmount)),
    item(3, "理由"),
    detail(r.comment.trim() || "—"),
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
  return [
    ...preamble(
      `${dated(r.decision)}で交付決定した${subject(r)}について、${formatWarekiDate(r.reportDate)}付けで提出のあった実績報告書に基づき、${cite}の規定により、交付すべき額を下記のとおり確定したので通知する。`,
    ),
    item(1, "交付決定額", kin(r.decidedAmount)),
    item(2, "確定額", kin(r.confirmedAmount)),
    item(3, "実績に基づく算定額", kin(r.recomputedAmount)),
    item(4, "既交付額", kin(r.netPaid)),
    ...settlement,
  ];
}

/** The Act on the grant's budget execution (適正化法), cited in full once, as official documents do. */
const SUBSIDY_ACT = "補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）";

function repaymentOrder(r: RepaymentOrderRecord): Block[] {
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
