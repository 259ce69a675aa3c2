import { describe, expect, it } from "vitest";
import { calculateGrant } from "../../app/domain/grant-calculation";
import {
  categoriesMovedOverLimit,
  currentBudget,
  noticeNumber,
  reportDueOn,
  type BudgetLineSnapshot,
  type ChangeDecisionRecord,
  type ChangeRequestRecord,
  type ConfirmationRecord,
  type DecisionRecord,
  type PaymentClaimRecord,
  type PaymentRecord,
  type ProceedingRecord,
  type RepaymentOrderRecord,
} from "../../app/domain/proceedings";
import { confirmedAmountOf, ledgerOf, settlementBalance, type Ledger } from "../../app/domain/ledger";
import { stepSchema, type StepAction } from "../../app/domain/steps";
import { formValues, readForm } from "../../app/forms/read-form";
import { recordFields } from "../support/records";

// ---------------------------------------------------------------------------------------------------
// Records, built as the service would store them.

const common = (documentNumber = "", documentDate = "2026-06-01") => recordFields(documentNumber, documentDate);

const line = (category: string, amount: number, activity = "platform"): BudgetLineSnapshot => ({ category, activity, description: "", amount });

const VERSION_LINES = [line("honoraria", 200_000), line("outsourcing", 2_000_000, "a1"), line("subsidies", 1_500_000, "a7")];

const calculationOf = (lines: readonly BudgetLineSnapshot[]) =>
  calculateGrant({
    program: "prefectural",
    fiscalYear: 2026,
    activities: ["platform", "a1", "a7"],
    otherIncome: 0,
    lines: lines.map(({ category, activity, amount }) => ({ category, activity, amount })),
  });

const REFERENCE = { documentNumber: "府孤第1号", documentDate: "2026-06-01" };

const decision = (decidedAmount: number): DecisionRecord => ({
  ...common("府孤第1号"),
  kind: "decision",
  version: 1,
  applicationDate: "2026-05-10",
  requestedAmount: 1_850_000,
  decidedAmount,
  conditions: "",
  calculation: calculationOf(VERSION_LINES),
  lines: VERSION_LINES,
});

const changeRequest = (before: BudgetLineSnapshot[], after: BudgetLineSnapshot[], decidedAmount = 1_850_000): ChangeRequestRecord => ({
  ...common("", "2026-09-01"),
  kind: "change_request",
  decision: REFERENCE,
  decidedAmount,
  requestedAmount: calculationOf(after).grantAmount,
  before,
  after,
  calculationBefore: calculationOf(before),
  calculationAfter: calculationOf(after),
  reason: "事業内容の見直し",
});

const changeDecision = (kind: "change_approval" | "change_refusal", previousAmount: number, decidedAmount: number): ChangeDecisionRecord => ({
  ...common("府孤第2号", "2026-09-15"),
  kind,
  decision: REFERENCE,
  changeRequestDate: "2026-09-01",
  requestedAmount: decidedAmount,
  previousAmount,
  decidedAmount,
  comment: "",
});

const claim = (claimAmount: number, decidedAmount: number, alreadyReceived: number): PaymentClaimRecord => ({
  ...common(),
  kind: "payment_claim",
  decision: REFERENCE,
  decidedAmount,
  alreadyClaimed: alreadyReceived,
  alreadyReceived,
  claimAmount,
  payee: { bankName: "北陸銀行", branchName: "本店", accountType: "普通", accountNumber: "1234567", accountHolder: "トヤマケン" },
});

const payment = (direction: "paid" | "returned", amount: number): PaymentRecord => ({
  ...common(),
  kind: "payment",
  direction,
  amount,
  paidOn: "2026-07-01",
  note: "",
});

const confirmation = (decidedAmount: number, recomputedAmount: number, netPaid: number): ConfirmationRecord => ({
  ...common("府孤第3号", "2027-04-20"),
  kind: "confirmation",
  decision: REFERENCE,
  reportDate: "2027-04-05",
  decidedAmount,
  recomputedAmount,
  confirmedAmount: Math.min(decidedAmount, recomputedAmount),
  netPaid,
});

const repaymentOrder = (confirmedAmount: number, netPaid: number): RepaymentOrderRecord => ({
  ...common("府孤第4号", "2027-04-21"),
  kind: "repayment_order",
  confirmation: { documentNumber: "府孤第3号", documentDate: "2027-04-20" },
  confirmedAmount,
  netPaid,
  repaymentAmount: netPaid - confirmedAmount,
  dueOn: "2027-05-31",
});

const ledger = (change: Partial<Ledger>): Ledger => ({ decidedAmount: 0, claimed: 0, paid: 0, returned: 0, confirmedAmount: null, ...change });

// ---------------------------------------------------------------------------------------------------

describe("noticeNumber", () => {
  it.each([
    [1, "府孤第1号"],
    [2, "府孤第2号"],
    [137, "府孤第137号"],
  ])("numbers notice %i as %s", (serial, expected) => {
    expect(noticeNumber(serial)).toBe(expected);
  });
});

describe("confirmedAmountOf", () => {
  it("is the recomputed grant when spending came in lower, and never more than the decided amount", () => {
    expect(confirmedAmountOf(1_850_000, 1_641_000)).toBe(1_641_000);
    expect(confirmedAmountOf(1_850_000, 2_150_000)).toBe(1_850_000);
    expect(confirmedAmountOf(1_850_000, 1_850_000)).toBe(1_850_000);
    expect(confirmedAmountOf(1_850_000, 0)).toBe(0);
  });

  it("refuses amounts that are not whole yen", () => {
    expect(() => confirmedAmountOf(1_850_000.5, 1_000_000)).toThrow(RangeError);
    expect(() => confirmedAmountOf(1_850_000, Number.NaN)).toThrow(RangeError);
  });
});

describe("ledgerOf", () => {
  it("is all zero with nothing confirmed before any record", () => {
    expect(ledgerOf([])).toEqual(ledger({}));
  });

  it("sums claims and payments, takes the decided amount from the latest approval and the confirmed amount from the confirmation", () => {
    const [decided, changed] = [1_800_000, 1_500_000];
    const [firstClaim, secondClaim] = [600_000, 400_000];
    const recomputed = 900_000;
    const paid = firstClaim + secondClaim;
    const records: ProceedingRecord[] = [
      decision(decided),
      claim(firstClaim, decided, 0),
      payment("paid", firstClaim),
      changeRequest(
        VERSION_LINES,
        VERSION_LINES.map((l) => ({ ...l, amount: Math.round(l.amount * 0.8) })),
        decided,
      ),
      changeDecision("change_approval", decided, changed),
      claim(secondClaim, changed, firstClaim),
      payment("paid", secondClaim),
      confirmation(changed, recomputed, paid),
      repaymentOrder(recomputed, paid),
      payment("returned", paid - recomputed),
    ];
    expect(ledgerOf(records)).toMatchObject({
      decidedAmount: changed,
      claimed: firstClaim + secondClaim,
      paid,
      returned: paid - recomputed,
      confirmedAmount: recomputed,
    });
  });

  it("keeps the decided amount when a change is refused or still pending", () => {
    const decided = 1_850_000;
    const request = changeRequest(VERSION_LINES, [line("honoraria", 900_000), ...VERSION_LINES.slice(1)], decided);
    expect(ledgerOf([decision(decided), request]).decidedAmount).toBe(decided);
    expect(ledgerOf([decision(decided), request, changeDecision("change_refusal", decided, decided)]).decidedAmount).toBe(decided);
  });
});

describe("settlementBalance", () => {
  it("is what is still to pay when less than the confirmed amount has been paid", () => {
    expect(settlementBalance(ledger({ confirmedAmount: 1_641_000, paid: 1_000_000 }))).toBe(641_000);
  });

  it("is negative by the overpayment, and zero once it has been returned", () => {
    expect(settlementBalance(ledger({ confirmedAmount: 1_641_000, paid: 1_850_000 }))).toBe(-209_000);
    expect(settlementBalance(ledger({ confirmedAmount: 1_641_000, paid: 1_850_000, returned: 209_000 }))).toBe(0);
  });

  it("counts nothing confirmed as zero", () => {
    expect(settlementBalance(ledger({ paid: 500_000, returned: 100_000 }))).toBe(-400_000);
  });
});

describe("currentBudget", () => {
  const changed = [line("honoraria", 200_000), line("outsourcing", 1_400_000, "a1"), line("subsidies", 1_500_000, "a7")];
  const again = [line("honoraria", 250_000), line("outsourcing", 1_400_000, "a1"), line("subsidies", 1_500_000, "a7")];

  it("is nothing before a decision, then the lines decided on until a change is approved", () => {
    expect(currentBudget([])).toEqual([]);
    expect(currentBudget([decision(1_850_000), claim(500_000, 1_850_000, 0)])).toEqual(VERSION_LINES);
  });

  it("is the change request's lines once the change is approved", () => {
    const records = [decision(1_850_000), changeRequest(VERSION_LINES, changed), changeDecision("change_approval", 1_850_000, 1_550_000)];
    expect(currentBudget(records)).toEqual(changed);
  });

  it("stays as it was while a change is pending or after it is refused", () => {
    const pending = [decision(1_850_000), changeRequest(VERSION_LINES, changed)];
    expect(currentBudget(pending)).toEqual(VERSION_LINES);
    expect(currentBudget([...pending, changeDecision("change_refusal", 1_850_000, 1_850_000)])).toEqual(VERSION_LINES);
  });

  it("takes the approved request, not a refused or pending one before or after it", () => {
    const refusedThenApproved = [
      decision(1_850_000),
      changeRequest(VERSION_LINES, again),
      changeDecision("change_refusal", 1_850_000, 1_850_000),
      changeRequest(VERSION_LINES, changed),
      changeDecision("change_approval", 1_850_000, 1_550_000),
    ];
    expect(currentBudget(refusedThenApproved)).toEqual(changed);
    const approvedThenPending = [...refusedThenApproved, changeRequest(changed, again)];
    expect(currentBudget(approvedThenPending)).toEqual(changed);
  });
});

describe("categoriesMovedOverLimit", () => {
  // 謝金 in two lines totalling 100,000; 旅費 50,000.
  const before = [line("honoraria", 60_000), line("honoraria", 40_000, "a1"), line("travel", 50_000)];
  const withHonoraria = (total: number) => [line("honoraria", 60_000), line("honoraria", total - 60_000, "a1"), line("travel", 50_000)];

  it("does not flag a category that moved by exactly 20%, up or down", () => {
    expect(categoriesMovedOverLimit(before, withHonoraria(100_000 + 20_000))).toEqual([]);
    expect(categoriesMovedOverLimit(before, withHonoraria(100_000 - 20_000))).toEqual([]);
  });

  it("flags a category that moved by 20% and one yen, with the change in percent rounded toward zero", () => {
    expect(categoriesMovedOverLimit(before, withHonoraria(120_001))).toEqual([{ category: "honoraria", before: 100_000, after: 120_001, percent: 20 }]);
    expect(categoriesMovedOverLimit(before, withHonoraria(79_999))).toEqual([{ category: "honoraria", before: 100_000, after: 79_999, percent: -20 }]);
  });

  it("flags a category new to the budget, and one removed from it", () => {
    expect(categoriesMovedOverLimit(before, [...before, line("equipment", 1)])).toEqual([{ category: "equipment", before: 0, after: 1, percent: 100 }]);
    expect(categoriesMovedOverLimit(before, before.slice(0, 2))).toEqual([{ category: "travel", before: 50_000, after: 0, percent: -100 }]);
    expect(categoriesMovedOverLimit([...before, line("equipment", 0)], before)).toEqual([]);
  });

  it("takes another limit when given one", () => {
    expect(categoriesMovedOverLimit(before, withHonoraria(110_000), 10)).toEqual([]);
    expect(categoriesMovedOverLimit(before, withHonoraria(110_001), 10)).toEqual([{ category: "honoraria", before: 100_000, after: 110_001, percent: 10 }]);
  });

  it("is exact for the largest category totals a budget can hold (10,000 lines of 100億円)", () => {
    // 99,999,999,999,995 × 20% = 19,999,999,999,999 exactly; a floating-point ratio would misjudge the boundary.
    const x = 99_999_999_999_995;
    const fifth = x / 5;
    expect(Number.isSafeInteger(x + fifth + 1)).toBe(true);
    expect(categoriesMovedOverLimit([line("outsourcing", x)], [line("outsourcing", x + fifth)])).toEqual([]);
    expect(categoriesMovedOverLimit([line("outsourcing", x)], [line("outsourcing", x - fifth)])).toEqual([]);
    expect(categoriesMovedOverLimit([line("outsourcing", x)], [line("outsourcing", x + fifth + 1)])).toEqual([
      { category: "outsourcing", before: x, after: x + fifth + 1, percent: 20 },
    ]);
  });

  it("stays exact near the top of the safe-integer range, as its comment promises", () => {
    // Exactly: (y − x) × 100 = 145,522,118,249,418,500 > 20 × x = 145,522,118,249,418,480, so the category moved.
    const [x, y] = [7_276_105_912_470_924, 8_731_327_094_965_109];
    expect(BigInt(y - x) * 100n > 20n * BigInt(x)).toBe(true);
    expect(categoriesMovedOverLimit([line("travel", x)], [line("travel", y)]).map((c) => c.category)).toEqual(["travel"]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The forms.

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Reads a posted form with the step's schema, as the step's page does. */
const parse = <A extends StepAction>(action: A, data: FormData, lineCount = 0) =>
  readForm(stepSchema(action, { lineCount, programme: "prefectural" }), formValues(data));

describe("the decision form", () => {
  /** The box 「この交付決定は取り消せないことを確認しました」, ticked. */
  const confirmed = { confirmIrreversible: "on" };

  it("reads full-width digits, commas and 円, and trims the conditions", async () => {
    expect(await parse("decide", form({ decidedAmount: "１，８５０，０００円", conditions: "  交付要綱に従うこと。 ", ...confirmed }))).toEqual({
      ok: true,
      value: { decidedAmount: 1_850_000, conditions: "交付要綱に従うこと。" },
    });
  });

  it.each([
    ["", "交付決定額を入力してください。"],
    ["-1", "交付決定額にマイナスは入力できません。0円以上の金額を入力してください。"],
    ["1850000.5", "交付決定額は1円単位の整数で入力してください（小数点は使えません）。"],
    ["0", "交付決定額は1円以上にしてください。"],
    ["1,85,0000", "交付決定額：カンマの位置が正しくありません。3桁ごとに区切るか、数字だけで入力してください（例：1,200,000）。"],
  ])("refuses the amount %j with a message at decidedAmount", async (typed, message) => {
    expect(await parse("decide", form({ decidedAmount: typed, ...confirmed }))).toEqual({ ok: false, errors: { decidedAmount: message } });
  });

  it("refuses a decision whose irreversibility is not confirmed, with the message at the box", async () => {
    const boxes: Record<string, string>[] = [{}, { confirmIrreversible: "" }, { confirmIrreversible: "off" }];
    for (const box of boxes) {
      expect(await parse("decide", form({ decidedAmount: "1,850,000", ...box }))).toEqual({
        ok: false,
        errors: { confirmIrreversible: expect.stringContaining("「この交付決定は取り消せないことを確認しました」にチェックを入れてください") },
      });
    }
  });

  it("limits the conditions to 4,000 characters", async () => {
    expect((await parse("decide", form({ decidedAmount: "1", conditions: "条".repeat(4000), ...confirmed }))).ok).toBe(true);
    expect(await parse("decide", form({ decidedAmount: "1", conditions: "条".repeat(4001), ...confirmed }))).toEqual({
      ok: false,
      errors: { conditions: "交付の条件は4,000文字以内で入力してください。" },
    });
  });

  it("names the approved change's amount by its own label", async () => {
    expect(await parse("approve_change", form({ decidedAmount: "" }))).toEqual({
      ok: false,
      errors: { decidedAmount: "変更後の交付決定額を入力してください。" },
    });
    expect(await parse("approve_change", form({ decidedAmount: "１５５００００", comment: "条件" }))).toEqual({
      ok: true,
      value: { decidedAmount: 1_550_000, comment: "条件" },
    });
  });
});

describe("a reason", () => {
  it("is required: blank or only spaces (full-width too) is refused with the label given", async () => {
    expect(await parse("reject", form({}))).toEqual({ ok: false, errors: { reason: "不交付の理由を入力してください。" } });
    expect(await parse("refuse_change", form({ reason: " \u3000 " }))).toEqual({ ok: false, errors: { reason: "不承認の理由を入力してください。" } });
    expect(await parse("reject", form({ reason: " 予算の範囲を超えるため。 " }))).toEqual({ ok: true, value: { reason: "予算の範囲を超えるため。" } });
  });
});

describe("the change request form", () => {
  const row = (category: string, activity: string, description: string, amount: string) => ({
    category,
    activity,
    description,
    amount,
  });
  const rows = (...lines: ReturnType<typeof row>[]) =>
    Object.fromEntries(lines.flatMap((line, i) => Object.entries(line).map(([k, v]) => [`lines.${i}.${k}`, v])));

  it("reads each row as a line, amounts as typed, and ignores a row left blank", async () => {
    const parsed = await parse(
      "request_change",
      form({
        ...rows(row("honoraria", "platform", "委員謝金", "200,000"), row("", "", "", ""), row("outsourcing", "a1", " 調査委託 ", "１，４００，０００円")),
        reason: "委託先の見直し",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        lines: [
          { category: "honoraria", activity: "platform", description: "委員謝金", amount: 200_000 },
          null,
          { category: "outsourcing", activity: "a1", description: "調査委託", amount: 1_400_000 },
        ],
        reason: "委託先の見直し",
      },
    });
  });

  it("reads the Menu 1 activities ticked, with the platform always, and each one's content", async () => {
    const parsed = await parse(
      "request_change",
      form({
        ...rows(row("honoraria", "platform", "", "1")),
        "plan.platform.content": "運営",
        "plan.a2.selected": "on",
        "plan.a2.content": "実態調査",
        "plan.a3.content": "ticked off: not carried out",
        reason: "r",
      }),
    );
    expect(parsed.ok && parsed.value.plan).toEqual([
      { key: "platform", content: "運営" },
      { key: "a2", content: "実態調査" },
    ]);
  });

  it("gives each unreadable cell its own message at its row, asks for a ticked activity's content and for the reason", async () => {
    const parsed = await parse(
      "request_change",
      form({ ...rows(row("honoraria", "", "", "200,000"), row("travel", "", "", "－５０"), row("", "", "出張", "")), "plan.a4.selected": "on" }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        "lines.1.amount": "2行目の金額にマイナスは入力できません。0円以上の金額を入力してください。",
        "lines.2.category": "3行目の経費区分を選択してください。",
        "lines.2.amount": "3行目の金額を入力してください。",
        "plan.platform.content": "「1 地方版官民連携プラットフォームの構築」の内容を入力してください。",
        "plan.a4.content": "「④ 住民への情報発信や普及啓発活動」の内容を入力してください。",
        reason: "変更の理由を入力してください。",
      },
    });
  });

  it("refuses a decimal amount and more than 500 rows", async () => {
    expect(await parse("request_change", form({ ...rows(row("travel", "", "", "12.5")), reason: "r" }))).toEqual({
      ok: false,
      errors: { "lines.0.amount": "1行目の金額は1円単位の整数で入力してください（小数点は使えません）。" },
    });
    const many = rows(...Array.from({ length: 501 }, () => row("travel", "", "", "1")));
    expect(await parse("request_change", form({ ...many, reason: "r" }))).toEqual({ ok: false, errors: { lines: "明細は500行以内にしてください。" } });
  });
});

describe("the payment claim form", () => {
  const complete = {
    claimAmount: "１，０００，０００円",
    bankName: "北陸銀行",
    branchName: "県庁支店",
    accountType: "当座",
    accountNumber: "１２３４５６７",
    accountHolder: "トヤマケン",
  };

  it("reads the amount and the payee, normalising a full-width account number", async () => {
    expect(await parse("claim_payment", form(complete))).toEqual({
      ok: true,
      value: {
        claimAmount: 1_000_000,
        bankName: "北陸銀行",
        branchName: "県庁支店",
        accountType: "当座",
        accountNumber: "1234567",
        accountHolder: "トヤマケン",
      },
    });
  });

  it("takes any account type other than 当座 as 普通", async () => {
    const parsed = await parse("claim_payment", form({ ...complete, accountType: "貯蓄" }));
    expect(parsed.ok && parsed.value.accountType).toBe("普通");
  });

  it.each(["123456", "12345678", "123456a", "123-4567"])("refuses the account number %j: it must be 7 digits", async (accountNumber) => {
    expect(await parse("claim_payment", form({ ...complete, accountNumber }))).toEqual({
      ok: false,
      errors: { accountNumber: "口座番号は7桁の数字で入力してください。" },
    });
  });

  it.each([
    ["", "請求額を入力してください。"],
    ["-100", "請求額にマイナスは入力できません。0円以上の金額を入力してください。"],
    ["10.5", "請求額は1円単位の整数で入力してください（小数点は使えません）。"],
    ["０", "請求額は1円以上にしてください。"],
  ])("refuses the claim amount %j at claimAmount", async (claimAmount, message) => {
    expect(await parse("claim_payment", form({ ...complete, claimAmount }))).toEqual({ ok: false, errors: { claimAmount: message } });
  });

  it("asks for every part of the payee", async () => {
    const parsed = await parse("claim_payment", form({ claimAmount: "1" }));
    expect(parsed).toEqual({
      ok: false,
      errors: {
        bankName: "金融機関名を入力してください。",
        branchName: "支店名を入力してください。",
        accountNumber: "口座番号を入力してください。",
        accountHolder: "口座名義を入力してください。",
      },
    });
  });
});

describe("the performance report form", () => {
  const complete = {
    "actual.0": "183,500",
    "actual.1": "１，７００，０００",
    "actual.2": "1500000円",
    otherIncomeActual: "100,000",
    completedOn: "2027-03-31",
    summary: "計画どおり実施した。",
  };

  it("reads the actual spending per line, other income, the completion date and the summary", async () => {
    expect(await parse("report", form(complete), 3)).toEqual({
      ok: true,
      value: { actual: [183_500, 1_700_000, 1_500_000], otherIncomeActual: 100_000, completedOn: "2027-03-31", summary: "計画どおり実施した。" },
    });
  });

  it.each(["2027/13/01", "2027/03/31", "2027-13-01", "2027-02-29", "令和9年3月31日"])("refuses the completion date %j", async (completedOn) => {
    expect(await parse("report", form({ ...complete, completedOn }), 3)).toEqual({
      ok: false,
      errors: { completedOn: "事業の完了日は日付（例：2027-03-31）で入力してください。" },
    });
  });

  it("accepts a leap day that exists", async () => {
    expect((await parse("report", form({ ...complete, completedOn: "2028-02-29" }), 3)).ok).toBe(true);
  });

  it("points an unreadable actual amount at actual.i and asks for what is missing", async () => {
    const parsed = await parse("report", form({ "actual.0": "1,00", "actual.1": "-1", summary: "" }), 2);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        "actual.0": "1行目の実績額：カンマの位置が正しくありません。3桁ごとに区切るか、数字だけで入力してください（例：1,200,000）。",
        "actual.1": "2行目の実績額にマイナスは入力できません。0円以上の金額を入力してください。",
        otherIncomeActual: "寄付金その他の収入の実績額を入力してください。",
        completedOn: "事業の完了日を入力してください。",
        summary: "事業の実施状況を入力してください。",
      },
    });
  });
});

describe("the repayment order and payment forms", () => {
  it("reads a due date and refuses one that is not a date", async () => {
    expect(await parse("order_repayment", form({ dueOn: "2027-05-31" }))).toEqual({ ok: true, value: { dueOn: "2027-05-31" } });
    expect(await parse("order_repayment", form({ dueOn: "2027/05/31" }))).toEqual({
      ok: false,
      errors: { dueOn: "納期限は日付（例：2027-03-31）で入力してください。" },
    });
  });

  it("reads a payment, taking anything but 'returned' as paid", async () => {
    expect(await parse("record_payment", form({ direction: "returned", amount: "２０９，０００円", paidOn: "2027-05-10", note: " 返還命令による " }))).toEqual({
      ok: true,
      value: { direction: "returned", amount: 209_000, paidOn: "2027-05-10", note: "返還命令による" },
    });
    const paid = await parse("record_payment", form({ direction: "refund", amount: "1", paidOn: "2027-05-10" }));
    expect(paid.ok && paid.value.direction).toBe("paid");
  });

  it("names the date after the direction and refuses amounts below one yen", async () => {
    expect(await parse("record_payment", form({ direction: "returned", amount: "0" }))).toEqual({
      ok: false,
      errors: { amount: "金額は1円以上にしてください。", paidOn: "返還を受けた日を入力してください。" },
    });
    expect(await parse("record_payment", form({ amount: "-5", paidOn: "2027/5/10" }))).toEqual({
      ok: false,
      errors: { amount: "金額にマイナスは入力できません。0円以上の金額を入力してください。", paidOn: "支払日は日付（例：2027-03-31）で入力してください。" },
    });
  });
});

describe("reportDueOn", () => {
  it("is one month after completion, on the same day or the next month's last day", () => {
    expect(reportDueOn("2026-10-15", 2026)).toBe("2026-11-15");
    expect(reportDueOn("2027-01-31", 2026)).toBe("2027-02-28");
    expect(reportDueOn("2026-12-20", 2026)).toBe("2027-01-20");
  });

  it("is never later than 10 April after the fiscal year", () => {
    expect(reportDueOn("2027-03-31", 2026)).toBe("2027-04-10");
    expect(reportDueOn("2027-03-05", 2026)).toBe("2027-04-05");
    expect(reportDueOn("2027-03-10", 2026)).toBe("2027-04-10");
  });
});
