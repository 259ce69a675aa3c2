/**
 * The forms of the steps after submission (decide, reject, change, claim, report, confirm, order back,
 * record a payment, close): what each asks for, read from the submitted form into typed values or into a
 * Japanese message per field. The page shows the messages beside the fields with what was typed, kept.
 */
import { parseDateOnly } from "~/domain/japan-time";
import { parseYen } from "~/domain/money";

export const PROCEEDING_ACTIONS = [
  "decide",
  "reject",
  "request_change",
  "approve_change",
  "refuse_change",
  "withdraw",
  "claim_payment",
  "report",
  "confirm",
  "order_repayment",
  "record_payment",
  "close",
] as const;
export type ProceedingAction = (typeof PROCEEDING_ACTIONS)[number];

export const PROCEEDING_ACTION_LABELS: Record<ProceedingAction, string> = {
  decide: "交付決定",
  reject: "不交付決定",
  request_change: "変更交付申請",
  approve_change: "変更の承認（変更交付決定）",
  refuse_change: "変更の不承認",
  withdraw: "取下げ・中止（廃止）",
  claim_payment: "概算払請求",
  report: "実績報告",
  confirm: "額の確定",
  order_repayment: "返還命令",
  record_payment: "支払・返還の記録",
  close: "完了にする",
};

/** What each step's button says, and what the page says once it is done. */
export const PROCEEDING_BUTTONS: Record<ProceedingAction, { submit: string; done: string }> = {
  decide: { submit: "交付を決定する", done: "交付を決定しました。交付決定通知書を作成しました。" },
  reject: { submit: "不交付と決定する", done: "不交付と決定しました。不交付決定通知書を作成しました。" },
  request_change: { submit: "変更交付申請を提出する", done: "変更交付申請を提出しました。" },
  approve_change: { submit: "変更を承認する", done: "変更を承認しました。変更交付決定通知書を作成しました。" },
  refuse_change: { submit: "変更を承認しない", done: "変更を承認しないことにしました。不承認通知書を作成しました。" },
  withdraw: { submit: "取下げ・中止（廃止）を届け出る", done: "取下げ・中止（廃止）を届け出ました。" },
  claim_payment: { submit: "概算払を請求する", done: "概算払を請求しました。" },
  report: { submit: "実績報告を提出する", done: "実績報告を提出しました。" },
  confirm: { submit: "額を確定する", done: "額を確定しました。額の確定通知書を作成しました。" },
  order_repayment: { submit: "返還命令書を発行する", done: "返還命令書を発行しました。" },
  record_payment: { submit: "記録する", done: "支払・返還を記録しました。" },
  close: { submit: "完了にする", done: "この申請を完了にしました。" },
};

export const ACCOUNT_TYPES = ["普通", "当座"] as const;
export const LONG_TEXT_MAX = 4000;

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface DecideInput {
  decidedAmount: number;
  conditions: string;
}
export interface ReasonInput {
  reason: string;
}
export interface ChangeRequestInput {
  after: number[];
  reason: string;
}
export interface ApproveChangeInput {
  decidedAmount: number;
  comment: string;
}
export interface PaymentClaimInput {
  claimAmount: number;
  bankName: string;
  branchName: string;
  accountType: (typeof ACCOUNT_TYPES)[number];
  accountNumber: string;
  accountHolder: string;
}
export interface ReportInput {
  actual: number[];
  otherIncomeActual: number;
  completedOn: string;
  summary: string;
}
export interface RepaymentOrderInput {
  dueOn: string;
}
export interface PaymentInput {
  direction: "paid" | "returned";
  amount: number;
  paidOn: string;
  note: string;
}

/** What each step's form gives its service. */
export interface ProceedingInputs {
  decide: DecideInput;
  reject: ReasonInput;
  request_change: ChangeRequestInput;
  approve_change: ApproveChangeInput;
  refuse_change: ReasonInput;
  withdraw: ReasonInput;
  claim_payment: PaymentClaimInput;
  report: ReportInput;
  confirm: Record<string, never>;
  order_repayment: RepaymentOrderInput;
  record_payment: PaymentInput;
  close: Record<string, never>;
}

/** Reads one form's fields, collecting a message per field that cannot be read. */
class FormReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly form: FormData) {}

  raw(name: string): string {
    const value = this.form.get(name);
    return typeof value === "string" ? value : "";
  }

  text(name: string, label: string, { required = false, max = LONG_TEXT_MAX } = {}): string {
    const value = this.raw(name).trim();
    if (required && !value) this.errors[name] = `${label}を入力してください。`;
    else if ([...value].length > max) this.errors[name] = `${label}は${max.toLocaleString("ja-JP")}文字以内で入力してください。`;
    return value;
  }

  yen(name: string, label: string, { positive = false } = {}): number {
    const raw = this.raw(name);
    if (!raw.trim()) {
      this.errors[name] = `${label}を入力してください。`;
      return 0;
    }
    const parsed = parseYen(raw);
    if (!parsed.ok) {
      this.errors[name] = parsed.message.startsWith("金額") ? parsed.message.replace(/^金額/, label) : `${label}：${parsed.message}`;
      return 0;
    }
    if (positive && parsed.value === 0) this.errors[name] = `${label}は1円以上にしてください。`;
    return parsed.value;
  }

  date(name: string, label: string): string {
    const value = this.raw(name).trim();
    if (!value) {
      this.errors[name] = `${label}を入力してください。`;
      return "";
    }
    try {
      parseDateOnly(value);
      return value;
    } catch {
      this.errors[name] = `${label}は日付（例：2027-03-31）で入力してください。`;
      return "";
    }
  }

  result<T>(value: T): Parsed<T> {
    return Object.keys(this.errors).length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

export function parseDecide(form: FormData): Parsed<DecideInput> {
  const r = new FormReader(form);
  const decidedAmount = r.yen("decidedAmount", "交付決定額", { positive: true });
  const conditions = r.text("conditions", "交付の条件");
  return r.result({ decidedAmount, conditions });
}

export function parseReason(form: FormData, label: string): Parsed<ReasonInput> {
  const r = new FormReader(form);
  return r.result({ reason: r.text("reason", label, { required: true }) });
}

/** One amount per line of the current budget, named `${prefix}.${i}`. */
function lineAmounts(r: FormReader, prefix: string, count: number, label: string): number[] {
  return Array.from({ length: count }, (_, i) => r.yen(`${prefix}.${i}`, `${i + 1}行目の${label}`));
}

export function parseChangeRequest(form: FormData, lineCount: number): Parsed<ChangeRequestInput> {
  const r = new FormReader(form);
  const after = lineAmounts(r, "after", lineCount, "変更後の金額");
  const reason = r.text("reason", "変更の理由", { required: true });
  return r.result({ after, reason });
}

export function parseApproveChange(form: FormData): Parsed<ApproveChangeInput> {
  const r = new FormReader(form);
  const decidedAmount = r.yen("decidedAmount", "変更後の交付決定額", { positive: true });
  const comment = r.text("comment", "交付の条件");
  return r.result({ decidedAmount, comment });
}

export function parsePaymentClaim(form: FormData): Parsed<PaymentClaimInput> {
  const r = new FormReader(form);
  const claimAmount = r.yen("claimAmount", "請求額", { positive: true });
  const bankName = r.text("bankName", "金融機関名", { required: true, max: 100 });
  const branchName = r.text("branchName", "支店名", { required: true, max: 100 });
  const accountType = r.raw("accountType") === "当座" ? "当座" : "普通";
  const accountNumber = r.text("accountNumber", "口座番号", { required: true, max: 7 }).normalize("NFKC");
  if (accountNumber && !/^\d{7}$/.test(accountNumber)) r.errors.accountNumber = "口座番号は7桁の数字で入力してください。";
  const accountHolder = r.text("accountHolder", "口座名義", { required: true, max: 100 });
  return r.result({ claimAmount, bankName, branchName, accountType, accountNumber, accountHolder });
}

export function parseReport(form: FormData, lineCount: number): Parsed<ReportInput> {
  const r = new FormReader(form);
  const actual = lineAmounts(r, "actual", lineCount, "実績額");
  const otherIncomeActual = r.yen("otherIncomeActual", "寄付金その他の収入の実績額");
  const completedOn = r.date("completedOn", "事業の完了日");
  const summary = r.text("summary", "事業の実施状況", { required: true });
  return r.result({ actual, otherIncomeActual, completedOn, summary });
}

export function parseRepaymentOrder(form: FormData): Parsed<RepaymentOrderInput> {
  const r = new FormReader(form);
  return r.result({ dueOn: r.date("dueOn", "納期限") });
}

export function parsePayment(form: FormData): Parsed<PaymentInput> {
  const r = new FormReader(form);
  const direction = r.raw("direction") === "returned" ? "returned" : "paid";
  const amount = r.yen("amount", "金額", { positive: true });
  const paidOn = r.date("paidOn", direction === "paid" ? "支払日" : "返還を受けた日");
  const note = r.text("note", "摘要", { max: 200 });
  return r.result({ direction, amount, paidOn, note });
}
