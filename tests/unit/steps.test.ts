/**
 * The rules of the steps after submission (app/domain/steps/), taken one by one without a database: each
 * step's `take` is given a context built by hand — records as the service stores them, the ledger summed
 * from them, the submitted version and the budget room — and its answer is checked to the yen and to the
 * exact Japanese message. The same rules run through the database in tests/integration/proceedings.test.ts.
 */
import { describe, expect, it } from "vitest";
import { availableSteps, stepPermission } from "../../app/domain/application-lifecycle";
import type { ApplicationState } from "../../app/domain/application-states";
import { calculateGrant, type GrantInput } from "../../app/domain/grant-calculation";
import { ledgerOf, type BudgetRoom } from "../../app/domain/ledger";
import type {
  BudgetLineSnapshot,
  ChangeDecisionRecord,
  ChangeRequestRecord,
  ConfirmationRecord,
  DecisionRecord,
  DiscontinuationDecisionRecord,
  DiscontinuationRequestRecord,
  PaymentClaimRecord,
  PaymentRecord,
  PerformanceReportRecord,
  ProceedingRecord,
  RepaymentOrderRecord,
  SettlementClaimRecord,
  StatusReportRequestRecord,
  WithdrawalRecord,
} from "../../app/domain/proceedings";
import { commitmentAfter } from "../../app/domain/proceedings";
import { DEFAULT_PROGRAMME_PARAMETERS, findProgrammeParameters } from "../../app/domain/programmes";
import type { Role } from "../../app/domain/roles";
import { STEPS, type StepAction, type StepInputs } from "../../app/domain/steps";
import { repaymentStanding } from "../../app/domain/subsidy-charges";
import { takeStep, type StepContext } from "../../app/domain/steps/step";
import type { SubmittedVersion } from "../../app/domain/submitted-version";
import { recordFields } from "../support/records";

// ---------------------------------------------------------------------------------------------------
// Records, built as the service would store them.

const APPLICATION_ID = 7;
const ORGANISATION_ID = 12;

const common = (documentNumber = "", documentDate = "2026-12-11") => recordFields(documentNumber, documentDate);

const line = (category: string, amount: number, activity = "platform"): BudgetLineSnapshot => ({ category, activity, description: "", amount });

/** The submitted budget: 200,000 + 2,000,000 + 1,500,000 = 3,700,000, all eligible → grant 1,850,000. */
const VERSION_LINES = [line("honoraria", 200_000), line("outsourcing", 2_000_000, "a1"), line("subsidies", 1_500_000, "a7")];
const REQUESTED = 1_850_000;
/** The submitted plan: the platform, ① and ⑦ (the activities the lines are charged to). */
const VERSION_PLAN = [
  { key: "platform", content: "プラットフォームの設置と運営" },
  { key: "a1", content: "取組方針の作成" },
  { key: "a7", content: "居場所づくり" },
];
/** The same budget with 委託費 cut to 1,400,000: 3,100,000 → grant 1,550,000. */
const REDUCED_LINES = [line("honoraria", 200_000), line("outsourcing", 1_400_000, "a1"), line("subsidies", 1_500_000, "a7")];
const REDUCED = 1_550_000;
/** The same budget with 謝金 raised to 400,000: 3,900,000 → grant 1,950,000. */
const RAISED_LINES = [line("honoraria", 400_000), line("outsourcing", 2_000_000, "a1"), line("subsidies", 1_500_000, "a7")];
const RAISED = 1_950_000;
/** Spending below the budget: 183,500 + 1,700,000 + 1,500,000 = 3,383,500, less 100,000 other income → 1,641,000. */
const ACTUAL = [183_500, 1_700_000, 1_500_000];
const OTHER_INCOME_ACTUAL = 100_000;
const ACTUAL_GRANT = 1_641_000;

const PARAMETERS = findProgrammeParameters(DEFAULT_PROGRAMME_PARAMETERS, 2026, "prefectural")!;

const grantInput = (lines: readonly BudgetLineSnapshot[], otherIncome = 0): GrantInput => ({
  program: "prefectural",
  fiscalYear: 2026,
  activities: ["platform", "a1", "a7"],
  otherIncome,
  lines: lines.map(({ category, activity, amount }) => ({ category, activity, amount })),
});

/** The grant of a budget worked out directly with calculateGrant, as the submitted one was. */
const calculationOf = (lines: readonly BudgetLineSnapshot[], otherIncome = 0) => calculateGrant(grantInput(lines, otherIncome), [PARAMETERS]);

const versionOf = (otherIncome = 0): SubmittedVersion => {
  const calculation = calculationOf(VERSION_LINES, otherIncome);
  return {
    version: 2,
    submittedOn: "2026-05-10",
    requestedAmount: calculation.grantAmount,
    calculation,
    parameters: PARAMETERS,
    input: { ...grantInput(VERSION_LINES, otherIncome), requestedAmount: calculation.grantAmount },
    lines: VERSION_LINES,
    plan: VERSION_PLAN,
    applicationNumber: "富山県厚第12号",
    otherIncomeSource: "企業からの寄付金",
  };
};
const VERSION = versionOf();

const REFERENCE = { documentNumber: "府孤第1号", documentDate: "2026-12-11" };

const decision = (decidedAmount = REQUESTED): DecisionRecord => ({
  ...common("府孤第1号", "2026-12-11"),
  kind: "decision",
  version: 2,
  applicationDate: "2026-05-10",
  requestedAmount: REQUESTED,
  decidedAmount,
  conditions: "",
  calculation: VERSION.calculation,
  lines: VERSION_LINES,
});

const changeRequest = (before: BudgetLineSnapshot[], after: BudgetLineSnapshot[], decidedAmount = REQUESTED): ChangeRequestRecord => ({
  ...common("", "2027-01-14"),
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
  ...common("府孤第2号", "2027-01-21"),
  kind,
  decision: REFERENCE,
  changeRequestDate: "2027-01-14",
  requestedAmount: decidedAmount,
  previousAmount,
  decidedAmount,
  comment: "",
});

/** A withdrawal as the one step made them before 中止・廃止 needed approval: it stood for both, and a report follows it. */
const withdrawal = (decidedAmount = REQUESTED): WithdrawalRecord => ({
  ...common("", "2027-01-30"),
  kind: "withdrawal",
  decision: REFERENCE,
  decidedAmount,
  reason: "事業の中止",
});

/** 申請の取下げ within the decision's period (it ended 2026-12-26). */
const withdrawalInTime = (): WithdrawalRecord => ({ ...withdrawal(), ...common("", "2026-12-20"), reason: "辞退", deadline: "2026-12-26" });

const discontinuationRequest = (expectedAmount = 600_000): DiscontinuationRequestRecord => ({
  ...common("", "2027-01-20"),
  kind: "discontinuation_request",
  decision: REFERENCE,
  decidedAmount: REQUESTED,
  stopOn: "2027-01-31",
  reason: "委託先の撤退",
  doneSoFar: "相談窓口の準備",
  expectedAmount,
});

const discontinuationApproval = (decidedAmount = 600_000): DiscontinuationDecisionRecord => ({
  ...common("府孤第2号", "2027-01-27"),
  kind: "discontinuation_approval",
  decision: REFERENCE,
  requestDate: "2027-01-20",
  requestNumber: "",
  stopOn: "2027-01-31",
  expectedAmount: 600_000,
  previousAmount: REQUESTED,
  decidedAmount,
  comment: "",
});

const PAYEE = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通", accountNumber: "1234567", accountHolder: "トヤマケン" } as const;

const claim = (claimAmount: number, decidedAmount = REQUESTED): PaymentClaimRecord => ({
  ...common("", "2027-01-25"),
  kind: "payment_claim",
  decision: REFERENCE,
  decidedAmount,
  alreadyClaimed: 0,
  alreadyReceived: 0,
  claimAmount,
  payee: { ...PAYEE },
});

/** 精算払請求 of what is left once confirmed at ACTUAL_GRANT with `received` paid. */
const settlementClaim = (received: number): SettlementClaimRecord => ({
  ...common("", "2027-04-25"),
  kind: "settlement_claim",
  confirmation: { documentNumber: "府孤第3号", documentDate: "2027-04-20" },
  confirmedAmount: ACTUAL_GRANT,
  alreadyReceived: received,
  claimAmount: ACTUAL_GRANT - received,
  payee: { ...PAYEE },
});

const payment = (direction: "paid" | "returned", amount: number, paidOn = "2027-02-01"): PaymentRecord => ({
  ...common("", paidOn),
  kind: "payment",
  direction,
  amount,
  paidOn,
  note: "",
});

const performanceReport = (actual: readonly number[] = ACTUAL, otherIncomeActual = OTHER_INCOME_ACTUAL, decidedAmount = REQUESTED): PerformanceReportRecord => {
  const lines = VERSION_LINES.map((l, i) => ({ ...l, actual: actual[i] ?? 0 }));
  return {
    ...common("", "2027-04-05"),
    kind: "performance_report",
    decision: REFERENCE,
    decidedAmount,
    completedOn: "2027-03-31",
    discontinued: false,
    dueOn: "2027-04-10",
    summary: "計画どおり実施した。",
    lines,
    otherIncomeBudget: 0,
    otherIncomeActual,
    calculationActual: calculationOf(
      lines.map((l) => ({ ...l, amount: l.actual })),
      otherIncomeActual,
    ),
  };
};

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

const statusReportRequest = (): StatusReportRequestRecord => ({
  ...common("府孤第2号", "2027-01-25"),
  kind: "status_report_request",
  decision: { documentNumber: "府孤第1号", documentDate: "2026-12-11" },
  matters: "進捗",
  dueOn: "2027-02-28",
});

/** Decided at 1,850,000, `paid` paid (and `returned` returned), reported with 1,641,000 recomputed, and confirmed. */
const confirmedRecords = (paid: number, returned = 0): ProceedingRecord[] => [
  decision(),
  ...(paid > 0 ? [payment("paid", paid)] : []),
  ...(returned > 0 ? [payment("returned", returned, "2027-03-01")] : []),
  performanceReport(),
  confirmation(REQUESTED, ACTUAL_GRANT, paid - returned),
];

// ---------------------------------------------------------------------------------------------------
// The context a step is taken in.

interface Situation {
  state?: ApplicationState;
  today?: string;
  budget?: BudgetRoom | null;
  version?: SubmittedVersion;
}

const context = (records: ProceedingRecord[], { state = "decided", today = "2027-02-01", budget = null, version = VERSION }: Situation = {}): StepContext => ({
  today,
  application: { id: APPLICATION_ID, programme: "prefectural", fiscalYear: 2026, state },
  records,
  ledger: ledgerOf(records),
  version,
  budget,
});

/** Plenty of room: 70,000,000 with nothing committed elsewhere. */
const ROOMY: BudgetRoom = { total: 70_000_000, committedElsewhere: 0 };

const take = <A extends StepAction>(action: A, ctx: StepContext, input: StepInputs[A]) => takeStep(STEPS[action], ctx, input);
const offered = (action: StepAction, records: ProceedingRecord[], today = "2027-02-01") => !STEPS[action].unavailable?.(ledgerOf(records), records, today);

const invalidAt = (field: string, message: string) => ({ status: "invalid", errors: { [field]: message } });
const refusedWith = (reason: string) => ({ status: "refused", reason });

// ---------------------------------------------------------------------------------------------------

describe("decide (交付決定)", () => {
  const decide = (decidedAmount: number, budget: BudgetRoom | null = ROOMY) =>
    take("decide", context([], { state: "under_review", budget, today: "2026-12-11" }), { decidedAmount, conditions: "交付要綱に従い事業を行うこと。" });

  it.each([
    { name: "one yen above the amount applied for", amount: REQUESTED + 1, budget: ROOMY, message: "交付決定額は交付申請額1,850,000円以下にしてください。" },
    {
      name: "one yen more than the budget has left",
      amount: 1_500_001,
      budget: { total: 70_000_000, committedElsewhere: 68_500_000 },
      message: "予算額70,000,000円を超えます。他の申請の交付決定額の合計は68,500,000円で、残りは1,500,000円です。",
    },
    {
      name: "any amount once the budget is already over-committed (the room shown as 0円)",
      amount: 1,
      budget: { total: 70_000_000, committedElsewhere: 71_000_000 },
      message: "予算額70,000,000円を超えます。他の申請の交付決定額の合計は71,000,000円で、残りは0円です。",
    },
  ])("refuses $name at decidedAmount", ({ amount, budget, message }) => {
    expect(decide(amount, budget)).toEqual(invalidAt("decidedAmount", message));
  });

  it("checks the amount applied for before the budget", () => {
    expect(decide(REQUESTED + 1, { total: 1, committedElsewhere: 1 })).toEqual(
      invalidAt("decidedAmount", "交付決定額は交付申請額1,850,000円以下にしてください。"),
    );
  });

  it.each([
    { name: "exactly what is left of the budget", amount: 1_500_000, budget: { total: 70_000_000, committedElsewhere: 68_500_000 } },
    { name: "exactly the amount applied for", amount: REQUESTED, budget: ROOMY },
    { name: "the whole budget when nothing else is committed", amount: REQUESTED, budget: { total: REQUESTED, committedElsewhere: 0 } },
  ])("accepts $name, and stands for the decided amount", ({ amount, budget }) => {
    const result = decide(amount, budget);
    expect(result.status).toBe("done");
    expect(result.status === "done" && result.amount).toBe(amount);
  });

  it("freezes the version's lines and calculation into the decision record", () => {
    expect(decide(1_700_000)).toEqual({
      status: "done",
      amount: 1_700_000,
      record: {
        kind: "decision",
        version: 2,
        applicationDate: "2026-05-10",
        // The 交付申請書's own number, which the notice cites.
        applicationNumber: "富山県厚第12号",
        requestedAmount: REQUESTED,
        decidedAmount: 1_700_000,
        conditions: "交付要綱に従い事業を行うこと。",
        withdrawalDeadline: "2026-12-26",
        calculation: VERSION.calculation,
        lines: VERSION_LINES,
      },
    });
    const done = decide(1_700_000);
    expect(done.status === "done" && done.record?.kind === "decision" && done.record.calculation.grantAmount).toBe(REQUESTED);
  });

  it.each([
    { days: undefined, deadline: "2026-12-26" },
    { days: 1, deadline: "2026-12-12" },
    { days: 30, deadline: "2027-01-10" },
  ])("sets the last day of withdrawal $days days after the decision: $deadline (15 when not given)", ({ days, deadline }) => {
    const ctx = context([], { state: "under_review", budget: ROOMY, today: "2026-12-11" });
    const result = take("decide", ctx, { decidedAmount: REQUESTED, conditions: "", withdrawalDays: days });
    expect(result.status === "done" && result.record?.kind === "decision" && result.record.withdrawalDeadline).toBe(deadline);
  });

  it("throws when taken without the budget room, since it reserves budget", () => {
    expect(STEPS.decide.reservesBudget).toBe(true);
    expect(() => decide(1_000_000, null)).toThrow("a step that reserves budget was taken without the budget room");
  });
});

describe("reject (不交付決定)", () => {
  it("records the version applied for and the reason, and stands for no amount", () => {
    const result = take("reject", context([], { state: "under_review" }), { reason: "事業計画が要件を満たさないため。" });
    expect(result).toEqual({
      status: "done",
      amount: null,
      record: {
        kind: "rejection",
        version: 2,
        applicationDate: "2026-05-10",
        applicationNumber: "富山県厚第12号",
        requestedAmount: REQUESTED,
        reason: "事業計画が要件を満たさないため。",
      },
    });
  });
});

describe("request_change (変更交付申請)", () => {
  const request = (after: number[], records: ProceedingRecord[] = [decision()], version = VERSION) =>
    take("request_change", context(records, { version }), {
      lines: VERSION_LINES.map((l, i) => ({ ...l, amount: after[i] ?? l.amount })),
      reason: "委託先の見直し",
    });

  it("is invalid for the whole form when nothing changes, or when no line is left", () => {
    expect(request([200_000, 2_000_000, 1_500_000])).toEqual({
      status: "invalid",
      errors: { form: "変更前と同じ内容です。変更する明細の金額や事業の内容を入力してください。" },
    });
    expect(take("request_change", context([decision()]), { lines: [null, null], reason: "r" })).toEqual({
      status: "invalid",
      errors: { form: "変更後の経費の明細がありません。1行以上入力してください。" },
    });
  });

  it("recomputes the grant from the changed lines, exactly as calculateGrant does by hand", () => {
    const result = request([200_000, 1_400_000, 1_500_000]);
    const byHand = calculateGrant(
      {
        program: "prefectural",
        fiscalYear: 2026,
        activities: ["platform", "a1", "a7"],
        otherIncome: 0,
        lines: [
          { category: "honoraria", activity: "platform", amount: 200_000 },
          { category: "outsourcing", activity: "a1", amount: 1_400_000 },
          { category: "subsidies", activity: "a7", amount: 1_500_000 },
        ],
      },
      [PARAMETERS],
    );
    // 3,100,000 × 1/2 = 1,550,000.
    expect(byHand.grantAmount).toBe(REDUCED);
    expect(result).toEqual({
      status: "done",
      amount: REDUCED,
      record: {
        kind: "change_request",
        decision: REFERENCE,
        decidedAmount: REQUESTED,
        requestedAmount: REDUCED,
        before: VERSION_LINES,
        after: REDUCED_LINES,
        calculationBefore: VERSION.calculation,
        calculationAfter: byHand,
        reason: "委託先の見直し",
      },
    });
  });

  it("keeps the other income as submitted: (3,100,000 − 300,000) × 1/2 = 1,400,000", () => {
    const version = versionOf(300_000);
    const result = request([200_000, 1_400_000, 1_500_000], [decision(version.requestedAmount)], version);
    expect(result.status === "done" && result.record?.kind === "change_request" && result.record.calculationAfter).toEqual(
      calculationOf(REDUCED_LINES, 300_000),
    );
    expect(result.status === "done" && result.amount).toBe(1_400_000);
  });

  it("starts from the lines of the last approved change, and from the decided ones after a refusal", () => {
    const approved = [decision(), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)];
    const fromApproved = request([200_000, 1_400_000, 1_600_000], approved);
    expect(fromApproved).toMatchObject({
      status: "done",
      amount: 1_600_000,
      record: { before: REDUCED_LINES, decidedAmount: REDUCED, requestedAmount: 1_600_000, calculationBefore: calculationOf(REDUCED_LINES) },
    });

    const refused = [decision(), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_refusal", REQUESTED, REQUESTED)];
    expect(request([200_000, 2_000_000, 1_500_000], refused)).toMatchObject({ status: "invalid", errors: { form: expect.stringContaining("変更前と同じ") } });
    expect(request([200_000, 1_400_000, 1_500_000], refused)).toMatchObject({ status: "done", amount: REDUCED, record: { before: VERSION_LINES } });
  });
});

describe("a change of the budget's lines and of the plan", () => {
  const A2 = "② 孤独・孤立の実態把握や地域資源の調査";
  const change = (
    action: "request_change" | "notify_minor_change",
    lines: (BudgetLineSnapshot | null)[],
    plan?: typeof VERSION_PLAN,
    records: ProceedingRecord[] = [decision()],
  ) => take(action, context(records), { lines, ...(plan ? { plan } : {}), reason: "見直し" });

  it("removes a line and adds one, the grant recomputed from what is left: 200,000 + 2,000,000 + 300,000 → 1,250,000", () => {
    const after = [VERSION_LINES[0]!, VERSION_LINES[1]!, line("travel", 300_000)];
    expect(change("request_change", [VERSION_LINES[0]!, VERSION_LINES[1]!, null, line("travel", 300_000)])).toMatchObject({
      status: "done",
      amount: 1_250_000,
      record: { kind: "change_request", before: VERSION_LINES, after, requestedAmount: 1_250_000, calculationAfter: calculationOf(after) },
    });
  });

  it("adds an activity to the plan with a line charged to it, and keeps the plan before and after on the record", () => {
    const plan = [...VERSION_PLAN.slice(0, 2), { key: "a2", content: "実態調査" }, VERSION_PLAN[2]!];
    const result = change("request_change", [...VERSION_LINES, line("travel", 100_000, "a2")], plan);
    // 3,800,000 × 1/2, with ② among the activities the calculation is given.
    expect(result).toMatchObject({ status: "done", amount: 1_900_000, record: { planBefore: VERSION_PLAN, planAfter: plan } });
  });

  it("refuses, at the row, a line charged to an activity the plan does not carry out", () => {
    expect(change("request_change", [...VERSION_LINES, line("travel", 100_000, "a2")])).toEqual(
      invalidAt("lines.3.activity", `活動「${A2}」は事業計画で選択されていません。事業計画に活動を追加するか、明細の活動を変更してください。`),
    );
    // ⑦ given up while its line stays: the message is at that line's row of the form (blank rows counted).
    const withoutA7 = VERSION_PLAN.slice(0, 2);
    expect(change("request_change", [VERSION_LINES[0]!, null, VERSION_LINES[1]!, VERSION_LINES[2]!], withoutA7)).toMatchObject({
      status: "invalid",
      errors: { "lines.3.activity": expect.stringContaining("⑦") },
    });
  });

  it("refuses, at the plan, a Menu 1 plan left with fewer than two activities", () => {
    const result = change("request_change", [line("honoraria", 200_000)], [VERSION_PLAN[0]!]);
    expect(result).toMatchObject({ status: "invalid", errors: { plan: "メニュー1では①～⑩の活動から2つ以上を選択してください（現在0つ）。" } });
  });

  it("does not keep the plan on a request that leaves it as it was", () => {
    const result = change("request_change", REDUCED_LINES, VERSION_PLAN);
    expect(result.status === "done" && result.record).not.toHaveProperty("planAfter");
  });

  describe("filed as a minor change (軽微な変更)", () => {
    const outsourcing = (amount: number) => [VERSION_LINES[0]!, line("outsourcing", amount, "a1"), VERSION_LINES[2]!];

    it("records a change that moves each category by 20% or less, with no amount and no state of its own", () => {
      const result = change("notify_minor_change", outsourcing(2_400_000));
      expect(result).toEqual({
        status: "done",
        amount: null,
        record: {
          kind: "minor_change",
          decision: REFERENCE,
          decidedAmount: REQUESTED,
          before: VERSION_LINES,
          after: outsourcing(2_400_000),
          calculationAfter: calculationOf(outsourcing(2_400_000)),
          limitPercent: 20,
          reason: "見直し",
        },
      });
      expect(STEPS.notify_minor_change.to).toBeNull();
    });

    it("refuses a change that moves a category by more than 20% (one yen is enough), or edits the plan, saying why", () => {
      expect(change("notify_minor_change", outsourcing(2_400_001))).toEqual({
        status: "invalid",
        errors: {
          form: "この変更は承認が必要なため、軽微な変更として届け出ることはできません。変更交付申請を提出してください。経費区分「委託費」が20%を超えて増減します（+20%）。",
        },
      });
      const edited = VERSION_PLAN.map((p) => (p.key === "a1" ? { ...p, content: "取組方針の作成と公表" } : p));
      expect(change("notify_minor_change", outsourcing(2_100_000), edited)).toMatchObject({
        status: "invalid",
        errors: { form: expect.stringContaining("事業の内容を変更します（① 孤独・孤立対策の取組方針の作成：内容の変更）。") },
      });
      // A category new to the budget has moved by any amount.
      expect(change("notify_minor_change", [...VERSION_LINES, line("travel", 1)])).toMatchObject({
        status: "invalid",
        errors: { form: expect.stringContaining("経費区分「旅費」") },
      });
    });

    it("is in force at once: the next change starts from its lines, and the decided amount stays", () => {
      const minor = change("notify_minor_change", outsourcing(2_100_000));
      if (minor.status !== "done" || !minor.record) throw new Error("the minor change was not taken");
      const records = [decision(), { ...common("", "2027-01-20"), ...minor.record } as ProceedingRecord];
      expect(ledgerOf(records).decidedAmount).toBe(REQUESTED);
      expect(change("request_change", REDUCED_LINES, undefined, records)).toMatchObject({
        status: "done",
        record: { before: outsourcing(2_100_000), decidedAmount: REQUESTED },
      });
    });
  });

  it("after an approved change that adds an activity, a report's lines charged to it are computed under the new plan", () => {
    const plan = [...VERSION_PLAN, { key: "a2", content: "実態調査" }];
    const after = [...VERSION_LINES, line("travel", 100_000, "a2")];
    const request = { ...changeRequest(VERSION_LINES, after), planBefore: VERSION_PLAN, planAfter: plan };
    const records = [decision(), request, changeDecision("change_approval", REQUESTED, 1_900_000)];
    const result = take("report", context(records, { state: "decided", today: "2027-03-31" }), {
      actual: [200_000, 2_000_000, 1_500_000, 100_000],
      otherIncomeActual: 0,
      completedOn: "2027-03-31",
      summary: "計画どおり実施した。",
    });
    expect(result.status === "done" && result.record?.kind === "performance_report" && result.record.calculationActual.findings).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ severity: "error" })]),
    );
    expect(result).toMatchObject({ status: "done", record: { calculationActual: { grantAmount: 1_900_000 } } });
  });
});

describe("approve_change (変更交付決定)", () => {
  /** Decided at `decided`, `paid`/`returned` so far, and a pending change request for `after`. */
  const pending = (decided: number, after: BudgetLineSnapshot[], paid = 0, returned = 0): ProceedingRecord[] => [
    decision(decided),
    ...(paid > 0 ? [payment("paid", paid)] : []),
    ...(returned > 0 ? [payment("returned", returned)] : []),
    changeRequest(VERSION_LINES, after, decided),
  ];
  const approve = (records: ProceedingRecord[], decidedAmount: number, budget: BudgetRoom | null = ROOMY) =>
    take("approve_change", context(records, { state: "change_requested", budget, today: "2027-01-21" }), { decidedAmount, comment: "" });

  it.each([
    {
      name: "one yen above the amount the change asks for",
      records: pending(REQUESTED, REDUCED_LINES),
      amount: REDUCED + 1,
      message: "変更後の交付決定額は変更交付申請額1,550,000円以下にしてください。",
    },
    {
      name: "one yen below what was paid less what was returned (600,000 − 100,000)",
      records: pending(REQUESTED, REDUCED_LINES, 600_000, 100_000),
      amount: 499_999,
      message: "変更後の交付決定額は、支払済みの500,000円以上にしてください。",
    },
  ])("refuses $name at decidedAmount", ({ records, amount, message }) => {
    expect(approve(records, amount)).toEqual(invalidAt("decidedAmount", message));
  });

  it("accepts exactly what was paid less what was returned", () => {
    expect(approve(pending(REQUESTED, REDUCED_LINES, 600_000, 100_000), 500_000)).toMatchObject({ status: "done", amount: 500_000 });
  });

  it.each([
    { name: "a reduction", amount: REDUCED, budget: { total: 70_000_000, committedElsewhere: 70_000_000 } },
    { name: "a reduction, with the budget lowered below what is committed", amount: 1_000_000, budget: { total: 60_000_000, committedElsewhere: 70_000_000 } },
    { name: "a reduction, taken without the budget room", amount: REDUCED, budget: null },
  ])("accepts $name even though the budget has no room", ({ amount, budget }) => {
    expect(approve(pending(REQUESTED, REDUCED_LINES), amount, budget)).toEqual({
      status: "done",
      amount,
      record: {
        kind: "change_approval",
        decision: REFERENCE,
        changeRequestDate: "2027-01-14",
        changeRequestNumber: "",
        requestedAmount: REDUCED,
        previousAmount: REQUESTED,
        decidedAmount: amount,
        comment: "",
        // The allocation after the change, by category, for the 変更交付決定通知書.
        allocation: [
          { category: "honoraria", amount: 200_000 },
          { category: "outsourcing", amount: 1_400_000 },
          { category: "subsidies", amount: 1_500_000 },
        ],
      },
    });
  });

  it("refuses an increase that would take the programme-year over its budget, with the budget's figures", () => {
    const records = pending(1_500_000, RAISED_LINES);
    const budget = { total: 70_000_000, committedElsewhere: 68_200_000 };
    expect(approve(records, 1_800_001, budget)).toEqual(
      invalidAt("decidedAmount", "予算額70,000,000円を超えます。他の申請の交付決定額の合計は68,200,000円で、残りは1,800,000円です。"),
    );
    expect(approve(records, 1_800_000, budget)).toMatchObject({
      status: "done",
      amount: 1_800_000,
      record: { previousAmount: 1_500_000, requestedAmount: RAISED },
    });
  });

  it("throws for an increase taken without the budget room", () => {
    expect(() => approve(pending(1_500_000, RAISED_LINES), 1_600_000, null)).toThrow("a step that reserves budget was taken without the budget room");
  });
});

describe("refuse_change (変更不承認)", () => {
  it("keeps the decided amount and records the reason", () => {
    const records = [decision(), changeRequest(VERSION_LINES, REDUCED_LINES)];
    expect(take("refuse_change", context(records, { state: "change_requested" }), { reason: "変更の必要性が認められないため。" })).toEqual({
      status: "done",
      amount: REQUESTED,
      record: {
        kind: "change_refusal",
        decision: REFERENCE,
        changeRequestDate: "2027-01-14",
        changeRequestNumber: "",
        requestedAmount: REDUCED,
        previousAmount: REQUESTED,
        decidedAmount: REQUESTED,
        comment: "変更の必要性が認められないため。",
      },
    });
  });
});

describe("withdraw (申請の取下げ)", () => {
  const changed = [decision(), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)];

  it("records the decided amount in force, the reason and the deadline on its last day, and releases the commitment (0)", () => {
    expect(take("withdraw", context(changed, { today: "2026-12-26" }), { reason: "辞退" })).toEqual({
      status: "done",
      amount: 0,
      record: { kind: "withdrawal", decision: REFERENCE, decidedAmount: REDUCED, reason: "辞退", deadline: "2026-12-26" },
    });
  });

  it("is refused the day after, naming the date and the way forward, and is no longer offered", () => {
    expect(take("withdraw", context(changed, { today: "2026-12-27" }), { reason: "辞退" })).toEqual(
      refusedWith(
        "申請を取り下げられるのは、交付決定通知書に記載の期限（令和8年12月26日）までです。事業をやめる場合は、中止（廃止）の承認申請をしてください。",
      ),
    );
    expect(offered("withdraw", changed, "2026-12-26")).toBe(true);
    expect(offered("withdraw", changed, "2026-12-27")).toBe(false);
  });

  it("keeps to the period the decision set rather than 15 days", () => {
    const records = [{ ...decision(), withdrawalDeadline: "2027-01-10" }];
    expect(take("withdraw", context(records, { today: "2027-01-10" }), { reason: "辞退" })).toMatchObject({ status: "done" });
    expect(take("withdraw", context(records, { today: "2027-01-11" }), { reason: "辞退" })).toMatchObject({ status: "refused" });
  });
});

describe("the applicant's 文書番号", () => {
  const APPLICANT_STEPS = (Object.keys(STEPS) as StepAction[]).filter((action) => STEPS[action].by === "applicant");

  it.each(APPLICANT_STEPS)("%s reads an optional 文書番号 of at most 40 characters", (action) => {
    const schema = STEPS[action].schema({ lineCount: 3, programme: "prefectural" });
    const tooLong = schema.safeParse({ documentNumber: "号".repeat(41) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues.find((i) => i.path[0] === "documentNumber")?.message).toBe("文書番号は40文字以内で入力してください。");
  });

  it("is kept on the record when given, and left out (a blank number) when not", () => {
    const input = { stopOn: "2027-01-31", reason: "撤退", doneSoFar: "準備", expectedAmount: 0 };
    const ctx = context([decision()], { today: "2027-01-20" });
    expect(take("request_discontinuation", ctx, { ...input, documentNumber: "富山県厚第123号" })).toMatchObject({
      record: { documentNumber: "富山県厚第123号" },
    });
    const without = take("request_discontinuation", ctx, input);
    expect(without.status === "done" && without.record && "documentNumber" in without.record).toBe(false);
  });

  it("is cited by the notice answering the request", () => {
    const request = { ...discontinuationRequest(), documentNumber: "富山県厚第123号" };
    const approved = take("approve_discontinuation", context([decision(), request], { state: "discontinuation_requested" }), { decidedAmount: 0, comment: "" });
    expect(approved).toMatchObject({ record: { requestNumber: "富山県厚第123号" } });
  });
});

describe("commitmentAfter: what each record makes of the application's hold on the budget", () => {
  it.each([
    { name: "a decision", record: decision(1_700_000), commitment: 1_700_000 },
    { name: "an approved change", record: changeDecision("change_approval", REQUESTED, REDUCED), commitment: REDUCED },
    { name: "an approved discontinuation", record: discontinuationApproval(600_000), commitment: 600_000 },
    { name: "a confirmation", record: confirmation(REQUESTED, ACTUAL_GRANT, 0), commitment: ACTUAL_GRANT },
    { name: "a withdrawal within its period", record: withdrawalInTime(), commitment: 0 },
    { name: "an older withdrawal (it also stood for 中止)", record: withdrawal(), commitment: null },
    { name: "a refused change", record: changeDecision("change_refusal", REQUESTED, REQUESTED), commitment: null },
    { name: "a discontinuation request", record: discontinuationRequest(), commitment: null },
    { name: "a payment", record: payment("paid", 600_000), commitment: null },
  ])("$name → $commitment", ({ record, commitment }) => {
    expect(commitmentAfter(record)).toBe(commitment);
  });
});

describe("request_discontinuation (中止・廃止の承認申請)", () => {
  const input = { stopOn: "2027-01-31", reason: "委託先の撤退", doneSoFar: "相談窓口の準備", expectedAmount: 600_000 };
  const ask = (overrides: Partial<typeof input> = {}, records: ProceedingRecord[] = [decision()]) =>
    take("request_discontinuation", context(records, { today: "2027-01-20" }), { ...input, ...overrides });

  it("records the request with the decided amount and stands for the grant it expects to need", () => {
    expect(ask()).toEqual({
      status: "done",
      amount: 600_000,
      record: { kind: "discontinuation_request", decision: REFERENCE, decidedAmount: REQUESTED, ...input },
    });
  });

  it.each([
    {
      name: "an expected grant one yen above the decided amount",
      overrides: { expectedAmount: REQUESTED + 1 },
      field: "expectedAmount",
      message: "交付金の見込額は交付決定額1,850,000円以下にしてください。",
    },
    {
      name: "a stop before the decision",
      overrides: { stopOn: "2026-12-10" },
      field: "stopOn",
      message: "中止（廃止）の予定日は、交付決定日（令和8年12月11日）から年度末（令和9年3月31日）までの日付にしてください。",
    },
    {
      name: "a stop after the fiscal year",
      overrides: { stopOn: "2027-04-01" },
      field: "stopOn",
      message: "中止（廃止）の予定日は、交付決定日（令和8年12月11日）から年度末（令和9年3月31日）までの日付にしてください。",
    },
  ])("refuses $name at $field", ({ overrides, field, message }) => {
    expect(ask(overrides)).toEqual(invalidAt(field, message));
  });

  it("accepts the whole decided amount, and a stop on the decision's own day or the year's last", () => {
    expect(ask({ expectedAmount: REQUESTED })).toMatchObject({ status: "done" });
    expect(ask({ stopOn: "2026-12-11" })).toMatchObject({ status: "done" });
    expect(ask({ stopOn: "2027-03-31" })).toMatchObject({ status: "done" });
  });
});

describe("approve_discontinuation and refuse_discontinuation", () => {
  const pending = [decision(), discontinuationRequest()];
  const approve = (decidedAmount: number) =>
    take("approve_discontinuation", context(pending, { state: "discontinuation_requested", today: "2027-01-27" }), { decidedAmount, comment: "" });

  it("approves at most the amount decided so far, lowering it: the ledger and the commitment follow", () => {
    const result = approve(600_000);
    expect(result).toEqual({
      status: "done",
      amount: 600_000,
      record: {
        kind: "discontinuation_approval",
        decision: REFERENCE,
        requestDate: "2027-01-20",
        requestNumber: "",
        stopOn: "2027-01-31",
        expectedAmount: 600_000,
        previousAmount: REQUESTED,
        decidedAmount: 600_000,
        comment: "",
      },
    });
    expect(ledgerOf([...pending, discontinuationApproval(600_000)]).decidedAmount).toBe(600_000);
    expect(approve(REQUESTED)).toMatchObject({ status: "done", amount: REQUESTED });
    expect(approve(REQUESTED + 1)).toEqual(invalidAt("decidedAmount", "承認後の交付決定額は、これまでの交付決定額1,850,000円以下にしてください。"));
  });

  it("refuses with the reason and leaves the decided amount as it was", () => {
    const result = take("refuse_discontinuation", context(pending, { state: "discontinuation_requested" }), { reason: "事業の継続が可能なため" });
    expect(result).toMatchObject({
      status: "done",
      amount: null,
      record: { kind: "discontinuation_refusal", previousAmount: REQUESTED, decidedAmount: REQUESTED, comment: "事業の継続が可能なため" },
    });
    const refusal = result.status === "done" ? result.record : null;
    expect(ledgerOf([...pending, { ...common("府孤第2号", "2027-01-27"), ...refusal } as ProceedingRecord]).decidedAmount).toBe(REQUESTED);
  });
});

describe("claim_payment (概算払請求)", () => {
  const claimPayment = (records: ProceedingRecord[], claimAmount: number) => take("claim_payment", context(records), { claimAmount, ...PAYEE });

  it.each([
    { name: "nothing claimed yet", records: [decision()], amount: REQUESTED + 1, remaining: "1,850,000円" },
    { name: "600,000 claimed before", records: [decision(), claim(600_000)], amount: 1_250_001, remaining: "1,250,000円" },
  ])("refuses a claim above the decided amount less what was claimed, with $name", ({ records, amount, remaining }) => {
    expect(claimPayment(records, amount)).toEqual(invalidAt("claimAmount", `請求額は、交付決定額から請求済みの額を差し引いた${remaining}以下にしてください。`));
  });

  it.each([
    { name: "everything is claimed", records: [decision(), claim(REQUESTED)] },
    {
      name: "the decided amount was reduced below what was claimed",
      records: [decision(), claim(REQUESTED), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)],
    },
  ])("refuses any claim, and is not offered, once $name", ({ records }) => {
    expect(claimPayment(records, 1)).toEqual(refusedWith("交付決定額のすべてを請求済みです。これ以上の概算払請求はできません。"));
    expect(offered("claim_payment", records)).toBe(false);
  });

  it("accepts the rest of the decided amount, recording what was claimed and received before", () => {
    const records = [decision(), claim(600_000), payment("paid", 600_000), payment("returned", 100_000)];
    expect(claimPayment(records, 1_250_000)).toEqual({
      status: "done",
      amount: 1_250_000,
      record: {
        kind: "payment_claim",
        decision: REFERENCE,
        decidedAmount: REQUESTED,
        alreadyClaimed: 600_000,
        alreadyReceived: 500_000,
        claimAmount: 1_250_000,
        payee: PAYEE,
      },
    });
  });

  it.each([
    { name: "nothing is claimed", records: [decision()], expected: true },
    { name: "one yen is left to claim", records: [decision(), claim(REQUESTED - 1)], expected: true },
    { name: "everything is claimed", records: [decision(), claim(600_000), claim(1_250_000)], expected: false },
    {
      name: "more than the reduced decided amount is claimed",
      records: [decision(), claim(REQUESTED), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)],
      expected: false,
    },
  ])("is offered = $expected when $name", ({ records, expected }) => {
    expect(offered("claim_payment", records)).toBe(expected);
  });
});

describe("report (実績報告)", () => {
  const reportOn = (
    completedOn: string,
    { state = "decided", today = "2027-04-05" }: Situation = {},
    actual = ACTUAL,
    records: ProceedingRecord[] = [decision()],
  ) => take("report", context(records, { state, today }), { actual, otherIncomeActual: OTHER_INCOME_ACTUAL, completedOn, summary: "計画どおり実施した。" });

  it.each([
    { name: "the day before the fiscal year starts", completedOn: "2026-03-31", today: "2027-04-05", to: "令和9年3月31日" },
    { name: "the day after the fiscal year ends", completedOn: "2027-04-01", today: "2027-04-05", to: "令和9年3月31日" },
    { name: "tomorrow, while the year is still running", completedOn: "2027-02-02", today: "2027-02-01", to: "令和9年2月1日" },
    { name: "a day in the year that is after today", completedOn: "2027-03-31", today: "2027-02-01", to: "令和9年2月1日" },
  ])("refuses a completion date on $name, with the range in the message", ({ completedOn, today, to }) => {
    expect(reportOn(completedOn, { today })).toEqual(
      invalidAt("completedOn", `事業の完了日は、交付を受けた年度の令和8年4月1日から${to}までの日付にしてください。`),
    );
  });

  it.each([
    { name: "the first day of the fiscal year", completedOn: "2026-04-01", today: "2027-04-05" },
    { name: "the last day of the fiscal year, reported after it", completedOn: "2027-03-31", today: "2027-04-05" },
    { name: "today, while the year is still running", completedOn: "2027-02-01", today: "2027-02-01" },
  ])("accepts a completion date on $name", ({ completedOn, today }) => {
    expect(reportOn(completedOn, { today }).status).toBe("done");
  });

  it.each([
    { completedOn: "2026-10-15", dueOn: "2026-11-15" },
    { completedOn: "2027-01-31", dueOn: "2027-02-28" },
    { completedOn: "2027-03-05", dueOn: "2027-04-05" },
    { completedOn: "2027-03-31", dueOn: "2027-04-10" },
  ])("is due on $dueOn when the work was completed on $completedOn", ({ completedOn, dueOn }) => {
    const result = reportOn(completedOn);
    expect(result.status === "done" && result.record?.kind === "performance_report" && result.record.dueOn).toBe(dueOn);
  });

  it.each([
    { state: "decided", discontinued: false },
    { state: "withdrawn", discontinued: true },
  ] satisfies { state: ApplicationState; discontinued: boolean }[])(
    "marks the report discontinued = $discontinued when the application is $state",
    ({ state, discontinued }) => {
      const records = state === "withdrawn" ? [decision(), discontinuationRequest(), discontinuationApproval()] : [decision()];
      const result = reportOn("2027-01-15", { state }, ACTUAL, records);
      expect(result.status === "done" && result.record?.kind === "performance_report" && result.record.discontinued).toBe(discontinued);
    },
  );

  it("is refused, and not offered, once the application was withdrawn (取下げ): its decision lapsed", () => {
    const records = [decision(), withdrawalInTime()];
    expect(reportOn("2027-01-15", { state: "withdrawn" }, ACTUAL, records)).toEqual(refusedWith("交付申請を取り下げたため、実績報告はありません。"));
    expect(offered("report", records)).toBe(false);
    expect(offered("report", [decision(), withdrawal()])).toBe(true);
  });

  it("records the actual spending beside each line and the grant recomputed from it", () => {
    const actualLines = VERSION_LINES.map((l, i) => ({ ...l, amount: ACTUAL[i]! }));
    const calculationActual = calculationOf(actualLines, OTHER_INCOME_ACTUAL);
    // (3,383,500 − 100,000) × 1/2 = 1,641,750 → 1,641,000.
    expect(calculationActual.grantAmount).toBe(ACTUAL_GRANT);
    expect(reportOn("2027-03-31")).toEqual({
      status: "done",
      amount: ACTUAL_GRANT,
      record: {
        kind: "performance_report",
        decision: REFERENCE,
        decidedAmount: REQUESTED,
        completedOn: "2027-03-31",
        discontinued: false,
        dueOn: "2027-04-10",
        summary: "計画どおり実施した。",
        lines: VERSION_LINES.map((l, i) => ({ ...l, actual: ACTUAL[i] })),
        otherIncomeBudget: 0,
        // As the application named it, for the 収支決算書.
        otherIncomeSource: "企業からの寄付金",
        otherIncomeActual: OTHER_INCOME_ACTUAL,
        calculationActual,
      },
    });
  });

  it("reports against the lines of the approved change, counting a line left out as 0", () => {
    const records = [decision(), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)];
    const result = reportOn("2027-03-31", {}, [200_000, 1_400_000], records);
    expect(result).toMatchObject({
      status: "done",
      // (200,000 + 1,400,000 + 0 − 100,000) × 1/2 = 750,000.
      amount: 750_000,
      record: { decidedAmount: REDUCED, lines: REDUCED_LINES.map((l, i) => ({ ...l, actual: [200_000, 1_400_000, 0][i] })) },
    });
  });
});

describe("confirm (額の確定)", () => {
  it.each([
    {
      name: "the recomputed grant when spending came in lower",
      decided: REQUESTED,
      actual: ACTUAL,
      otherIncome: OTHER_INCOME_ACTUAL,
      recomputed: ACTUAL_GRANT,
      confirmed: ACTUAL_GRANT,
    },
    {
      name: "the decided amount when the recomputed grant is higher",
      decided: 1_500_000,
      actual: [200_000, 2_000_000, 1_500_000],
      otherIncome: 0,
      recomputed: REQUESTED,
      confirmed: 1_500_000,
    },
    {
      name: "the decided amount when both are equal",
      decided: REQUESTED,
      actual: [200_000, 2_000_000, 1_500_000],
      otherIncome: 0,
      recomputed: REQUESTED,
      confirmed: REQUESTED,
    },
    { name: "0 when nothing was spent", decided: REQUESTED, actual: [0, 0, 0], otherIncome: 0, recomputed: 0, confirmed: 0 },
  ])("confirms $name", ({ decided, actual, otherIncome, recomputed, confirmed }) => {
    const records = [decision(decided), payment("paid", 600_000), payment("returned", 50_000), performanceReport(actual, otherIncome, decided)];
    expect(take("confirm", context(records, { state: "reported", today: "2027-04-20" }), {})).toEqual({
      status: "done",
      amount: confirmed,
      record: {
        kind: "confirmation",
        decision: REFERENCE,
        reportDate: "2027-04-05",
        reportNumber: "",
        decidedAmount: decided,
        findings: [],
        recomputedAmount: recomputed,
        confirmedAmount: confirmed,
        netPaid: 550_000,
      },
    });
  });

  it("caps at the decided amount in force after an approved change", () => {
    const records = [
      decision(),
      changeRequest(VERSION_LINES, REDUCED_LINES),
      changeDecision("change_approval", REQUESTED, REDUCED),
      performanceReport([200_000, 2_000_000, 1_500_000], 0, REDUCED),
    ];
    expect(take("confirm", context(records, { state: "reported" }), {})).toMatchObject({
      status: "done",
      amount: REDUCED,
      record: { decidedAmount: REDUCED, recomputedAmount: REQUESTED, confirmedAmount: REDUCED },
    });
  });
});

describe("confirm with findings (額の確定で認めない経費)", () => {
  const reported = [decision(), performanceReport()];
  const confirmWith = (disallowed: number[], reasons: string[]) =>
    take("confirm", context(reported, { state: "reported", today: "2027-04-20" }), { disallowed, reasons });

  it("recomputes the grant from what remains and keeps each disallowed line with its reason", () => {
    // 183,500 + (1,700,000 − 200,000) + 1,500,000 = 3,183,500, less 100,000 of income: 3,083,500 × 1/2 → 1,541,000.
    const result = confirmWith([0, 200_000, 0], ["", "契約外の作業に係る経費のため", ""]);
    expect(result).toMatchObject({
      status: "done",
      amount: 1_541_000,
      record: {
        recomputedAmount: 1_541_000,
        confirmedAmount: 1_541_000,
        findings: [
          {
            line: 1,
            category: "outsourcing",
            activity: "a1",
            description: "",
            actual: 1_700_000,
            disallowed: 200_000,
            reason: "契約外の作業に係る経費のため",
          },
        ],
      },
    });
    // The same rules function as the application: calculateGrant on the accepted lines.
    const accepted = VERSION_LINES.map((l, i) => ({ ...l, amount: [183_500, 1_500_000, 1_500_000][i]! }));
    expect(calculationOf(accepted, OTHER_INCOME_ACTUAL).grantAmount).toBe(1_541_000);
  });

  it("never confirms above the decided amount, however little is disallowed", () => {
    const records = [decision(1_500_000), performanceReport([200_000, 2_000_000, 1_500_000], 0, 1_500_000)];
    const result = take("confirm", context(records, { state: "reported" }), { disallowed: [1_000, 0, 0], reasons: ["領収書なし", "", ""] });
    expect(result).toMatchObject({ status: "done", amount: 1_500_000, record: { recomputedAmount: 1_849_000, confirmedAmount: 1_500_000 } });
  });

  it("confirms 0 when every line is disallowed in full", () => {
    const result = confirmWith(ACTUAL, ["対象外", "対象外", "対象外"]);
    expect(result).toMatchObject({ status: "done", amount: 0, record: { confirmedAmount: 0 } });
  });

  it.each([
    {
      name: "more than the line's actual spending",
      disallowed: [0, 1_700_001, 0],
      reasons: ["", "過大", ""],
      field: "disallowed.1",
      message: "2行目の認めない額は、実績額1,700,000円以下にしてください。",
    },
    { name: "no reason", disallowed: [0, 0, 5_000], reasons: ["", "", ""], field: "reasons.2", message: "3行目の認めない理由を入力してください。" },
  ])("refuses an amount disallowed with $name, at its field", ({ disallowed, reasons, field, message }) => {
    expect(confirmWith(disallowed, reasons)).toEqual(invalidAt(field, message));
  });

  it("reads empty cells of the form as nothing disallowed", () => {
    const parsed = STEPS.confirm.schema({ lineCount: 3, programme: "prefectural" }).safeParse({ disallowed: ["", "200,000", ""], reasons: ["", "対象外", ""] });
    expect(parsed.success && parsed.data).toEqual({ disallowed: [0, 200_000, 0], reasons: ["", "対象外", ""] });
  });
});

describe("cancel (交付決定の取消) and the return it leads to", () => {
  const cancelWith = (records: ProceedingRecord[], state: ApplicationState, cancelledAmount: number) =>
    take("cancel", context(records, { state, today: "2027-03-01" }), { cancelledAmount, reason: "目的外使用" });
  const advancePaid = [
    decision(),
    claim(1_000_000),
    { ...payment("paid", 1_000_000), claim: { ordinal: 1, kind: "payment_claim" as const, documentNumber: "", documentDate: "2027-01-25" } },
  ];

  it("cancels the whole decision: nothing remains, what was paid is owed back, and the commitment is released", () => {
    const result = cancelWith(advancePaid, "decided", REQUESTED);
    expect(result).toEqual({
      status: "done",
      amount: 0,
      record: {
        kind: "cancellation",
        decision: REFERENCE,
        reason: "目的外使用",
        previousAmount: REQUESTED,
        cancelledAmount: REQUESTED,
        remainingAmount: 0,
        netPaid: 1_000_000,
      },
    });
    const cancelled = { ...common("府孤第2号", "2027-03-01"), ...(result.status === "done" ? result.record : {}) } as ProceedingRecord;
    const ledger = ledgerOf([...advancePaid, cancelled]);
    expect(ledger.confirmedAmount).toBe(0);
    expect(commitmentAfter(cancelled)).toBe(0);
  });

  it("cancels part of a confirmed grant from the confirmed amount, and refuses more than it at the field", () => {
    const records = confirmedRecords(ACTUAL_GRANT);
    expect(cancelWith(records, "confirmed", 641_000)).toMatchObject({
      status: "done",
      amount: 1_000_000,
      record: { previousAmount: ACTUAL_GRANT, remainingAmount: 1_000_000 },
    });
    expect(cancelWith(records, "confirmed", ACTUAL_GRANT + 1)).toEqual(invalidAt("cancelledAmount", "取り消す額は確定額1,641,000円以下にしてください。"));
    expect(cancelWith([decision()], "decided", REQUESTED + 1)).toEqual(invalidAt("cancelledAmount", "取り消す額は交付決定額1,850,000円以下にしてください。"));
  });

  it("has no decision to cancel once the application was withdrawn (取下げ)", () => {
    expect(cancelWith([decision(), withdrawalInTime()], "withdrawn", 1)).toEqual(
      refusedWith("交付申請が取り下げられ、交付決定はなかったものとなっているため、取り消す決定はありません。"),
    );
  });

  it("orders back what was paid beyond what remains, citing the cancellation, once; 加算金 runs from the day received", () => {
    const cancellation: ProceedingRecord = {
      ...common("府孤第2号", "2027-03-01"),
      kind: "cancellation",
      decision: REFERENCE,
      reason: "目的外使用",
      previousAmount: REQUESTED,
      cancelledAmount: REQUESTED,
      remainingAmount: 0,
      netPaid: 1_000_000,
    };
    const records = [...advancePaid, cancellation];
    const ordered = take("order_repayment", context(records, { state: "cancelled", today: "2027-03-01" }), { dueOn: "2027-03-31" });
    expect(ordered).toEqual({
      status: "done",
      amount: 1_000_000,
      record: {
        kind: "repayment_order",
        confirmation: { documentNumber: "府孤第2号", documentDate: "2027-03-01" },
        cause: "cancellation",
        confirmedAmount: 0,
        netPaid: 1_000_000,
        repaymentAmount: 1_000_000,
        dueOn: "2027-03-31",
      },
    });
    const order = { ...common("府孤第3号", "2027-03-01"), ...(ordered.status === "done" ? ordered.record : {}) } as ProceedingRecord;
    expect(offered("order_repayment", [...records, order])).toBe(false);
    // Received 2027-02-01, returned 2027-03-20: 48 days counted, 1,000,000 × 48 × 10.95% / 365 = 14,400.
    const standing = repaymentStanding([...records, order, payment("returned", 1_000_000, "2027-03-20")], "2027-04-01");
    expect(standing).toEqual({
      ordered: 1_000_000,
      dueOn: "2027-03-31",
      returned: 1_000_000,
      unpaid: 0,
      lateCharge: 0,
      additionalCharge: 14_400,
      received: { late: 0, additional: 0 },
      outstanding: { late: 0, additional: 14_400 },
      asOf: "2027-03-31",
      overdue: false,
    });

    // The 加算金 is received in two parts; the application closes only once all of it is in.
    const returned = [...records, order, payment("returned", 1_000_000, "2027-03-20")];
    const charge = (action: "record_charge" | "close", at: ProceedingRecord[], input: StepInputs["record_charge"] | object = {}) =>
      take(action as "record_charge", context(at, { state: "cancelled", today: "2027-04-01" }), input as StepInputs["record_charge"]);
    const receipt = (amount: number, on: string): ProceedingRecord => ({
      ...common("", on),
      kind: "charge_receipt",
      charge: "additional",
      amount,
      receivedOn: on,
      note: "",
    });
    expect(offered("record_charge", returned, "2027-04-01")).toBe(true);
    expect(charge("close", returned)).toEqual(refusedWith("未納の加算金14,400円の受領を記録してから完了にしてください。"));
    expect(charge("record_charge", returned, { charge: "additional", amount: 14_401, receivedOn: "2027-03-25", note: "" })).toEqual(
      invalidAt("amount", "未納の加算金14,400円以下にしてください。"),
    );
    expect(charge("record_charge", returned, { charge: "late", amount: 1, receivedOn: "2027-03-25", note: "" })).toEqual(
      invalidAt("amount", "未納の延滞金はありません。"),
    );
    expect(charge("record_charge", returned, { charge: "additional", amount: 400, receivedOn: "2027-04-02", note: "" })).toEqual(
      invalidAt("receivedOn", "日付は今日以前にしてください。"),
    );
    expect(charge("record_charge", returned, { charge: "additional", amount: 10_000, receivedOn: "2027-03-25", note: "第1回" })).toEqual({
      status: "done",
      amount: 10_000,
      record: { kind: "charge_receipt", charge: "additional", amount: 10_000, receivedOn: "2027-03-25", note: "第1回" },
    });
    const part = [...returned, receipt(10_000, "2027-03-25")];
    expect(repaymentStanding(part, "2027-04-01")).toMatchObject({ received: { additional: 10_000 }, outstanding: { additional: 4_400 } });
    expect(charge("close", part)).toEqual(refusedWith("未納の加算金4,400円の受領を記録してから完了にしてください。"));
    const all = [...part, receipt(4_400, "2027-03-30")];
    expect(offered("record_charge", all, "2027-04-01")).toBe(false);
    expect(charge("close", all)).toEqual({ status: "done", record: null, amount: null });
  });
});

describe("order_repayment (返還命令)", () => {
  const TODAY = "2027-04-21";
  const order = (records: ProceedingRecord[], dueOn = "2027-05-31") =>
    take("order_repayment", context(records, { state: "confirmed", today: TODAY }), { dueOn });
  const NOTHING_OVERPAID = "支払済みの額が確定額を超えていないため、返還を求める額はありません。";
  const ALREADY_ORDERED = "この確定に対する返還命令は発行済みです。";

  it.each([
    { name: "nothing was paid", records: confirmedRecords(0), reason: NOTHING_OVERPAID },
    { name: "exactly the confirmed amount was paid", records: confirmedRecords(ACTUAL_GRANT), reason: NOTHING_OVERPAID },
    { name: "less than the confirmed amount was paid", records: confirmedRecords(1_000_000), reason: NOTHING_OVERPAID },
    { name: "the overpayment was already returned", records: confirmedRecords(REQUESTED, REQUESTED - ACTUAL_GRANT), reason: NOTHING_OVERPAID },
    {
      name: "a return was already ordered since the confirmation",
      records: [...confirmedRecords(REQUESTED), repaymentOrder(ACTUAL_GRANT, REQUESTED)],
      reason: ALREADY_ORDERED,
    },
    {
      name: "a return was ordered, and part of it returned",
      records: [...confirmedRecords(REQUESTED), repaymentOrder(ACTUAL_GRANT, REQUESTED), payment("returned", 100_000, "2027-05-01")],
      reason: ALREADY_ORDERED,
    },
  ])("is refused, and not offered, when $name", ({ records, reason }) => {
    expect(order(records)).toEqual(refusedWith(reason));
    expect(offered("order_repayment", records)).toBe(false);
  });

  it.each(["2027-04-21", "2027-04-20", "2026-12-01"])("refuses the due date %s (today or earlier) at dueOn", (dueOn) => {
    expect(order(confirmedRecords(REQUESTED), dueOn)).toEqual(invalidAt("dueOn", "納期限は明日以降の日付にしてください。"));
  });

  it.each([
    { name: "everything paid, nothing returned", paid: REQUESTED, returned: 0, amount: 209_000 },
    { name: "everything paid, 50,000 returned", paid: REQUESTED, returned: 50_000, amount: 159_000 },
    { name: "one yen over the confirmed amount", paid: ACTUAL_GRANT + 1, returned: 0, amount: 1 },
  ])("orders paid − returned − confirmed back, offered, with $name", ({ paid, returned, amount }) => {
    const records = confirmedRecords(paid, returned);
    expect(offered("order_repayment", records)).toBe(true);
    expect(order(records, "2027-04-22")).toEqual({
      status: "done",
      amount,
      record: {
        kind: "repayment_order",
        confirmation: { documentNumber: "府孤第3号", documentDate: "2027-04-20" },
        confirmedAmount: ACTUAL_GRANT,
        netPaid: paid - returned,
        repaymentAmount: amount,
        dueOn: "2027-04-22",
      },
    });
  });
});

describe("claim_settlement (精算払請求)", () => {
  const claimSettlement = (records: ProceedingRecord[]) =>
    take("claim_settlement", context(records, { state: "confirmed", today: "2027-04-25" }), { ...PAYEE });

  it("claims the confirmed amount less what was received, citing the confirmation, and stands for it", () => {
    expect(claimSettlement(confirmedRecords(1_000_000))).toEqual({
      status: "done",
      amount: 641_000,
      record: {
        kind: "settlement_claim",
        confirmation: { documentNumber: "府孤第3号", documentDate: "2027-04-20" },
        confirmedAmount: ACTUAL_GRANT,
        alreadyReceived: 1_000_000,
        claimAmount: 641_000,
        payee: { ...PAYEE },
      },
    });
  });

  it.each([
    {
      name: "everything confirmed was paid",
      records: confirmedRecords(ACTUAL_GRANT),
      reason: "確定額はすでに支払われているため、精算払として請求できる額はありません。",
    },
    {
      name: "more than confirmed was paid",
      records: confirmedRecords(REQUESTED),
      reason: "確定額はすでに支払われているため、精算払として請求できる額はありません。",
    },
    {
      name: "a settlement claim waits for its payment",
      records: [...confirmedRecords(1_000_000), settlementClaim(1_000_000)],
      reason: "精算払請求は提出済みです。内閣府からの支払をお待ちください。",
    },
  ])("is refused, and not offered, when $name", ({ records, reason }) => {
    expect(claimSettlement(records)).toEqual(refusedWith(reason));
    expect(offered("claim_settlement", records)).toBe(false);
  });
});

describe("record_payment (支払・返還の記録)", () => {
  const TODAY = "2027-02-01";
  const paid = (amount: number, paidOn = TODAY) => ({ direction: "paid" as const, amount, paidOn, note: "概算払" });
  const returned = (amount: number, paidOn = TODAY) => ({ direction: "returned" as const, amount, paidOn, note: "返還" });
  const recordPayment = (records: ProceedingRecord[], state: ApplicationState, input: StepInputs["record_payment"], today = TODAY) =>
    take("record_payment", context(records, { state, today }), input);

  it.each([
    { state: "withdrawn", records: [decision(), withdrawal()] },
    { state: "reported", records: [decision(), performanceReport()] },
  ] satisfies { state: ApplicationState; records: ProceedingRecord[] }[])("refuses a payment while $state", ({ state, records }) => {
    expect(recordPayment(records, state, paid(1))).toEqual(
      refusedWith("取下げ・中止の後や実績報告の審査中は、支払を記録できません。額の確定後に精算払として記録してください。"),
    );
  });

  it("still records a return while withdrawn, up to what was paid", () => {
    const records = [decision(), payment("paid", 600_000), withdrawal()];
    expect(recordPayment(records, "withdrawn", returned(600_000))).toEqual({
      status: "done",
      amount: 600_000,
      record: { kind: "payment", direction: "returned", amount: 600_000, paidOn: TODAY, note: "返還" },
    });
  });

  it.each([
    { name: "a payment", input: paid(1, "2027-02-02") },
    { name: "a return", input: returned(1, "2027-02-02") },
  ])("refuses $name dated after today at paidOn", ({ input }) => {
    expect(recordPayment([decision(), payment("paid", 600_000)], "decided", input)).toEqual(invalidAt("paidOn", "日付は今日以前にしてください。"));
  });

  it.each([
    {
      name: "before confirmation, above the decided amount",
      records: [decision(), payment("paid", 1_000_000)],
      state: "decided",
      amount: 850_001,
      message: "支払額の合計が交付決定額1,850,000円を超えます。今回支払えるのは850,000円までです。",
    },
    {
      name: "before confirmation, above a decided amount reduced by a change",
      records: [decision(), payment("paid", 1_000_000), changeRequest(VERSION_LINES, REDUCED_LINES), changeDecision("change_approval", REQUESTED, REDUCED)],
      state: "decided",
      amount: 550_001,
      message: "支払額の合計が交付決定額1,550,000円を超えます。今回支払えるのは550,000円までです。",
    },
    {
      name: "after confirmation, above the confirmed amount",
      records: confirmedRecords(1_000_000),
      state: "confirmed",
      amount: 641_001,
      message: "支払額の合計が確定額1,641,000円を超えます。今回支払えるのは641,000円までです。",
    },
    {
      name: "after confirmation, when more than the confirmed amount was paid already",
      records: confirmedRecords(REQUESTED),
      state: "confirmed",
      amount: 1,
      message: "支払額の合計が確定額1,641,000円を超えます。今回支払えるのは0円までです。",
    },
  ] satisfies { name: string; records: ProceedingRecord[]; state: ApplicationState; amount: number; message: string }[])(
    "refuses a payment $name, with the figure at amount",
    ({ records, state, amount, message }) => {
      expect(recordPayment(records, state, paid(amount), "2027-05-01")).toEqual(invalidAt("amount", message));
    },
  );

  const ADVANCE_CLAIM = { ordinal: 1, kind: "payment_claim", documentNumber: "", documentDate: "2027-01-25" } as const;
  const paidAgainst = (amount: number) => ({ ...payment("paid", amount), claim: ADVANCE_CLAIM });

  it.each([
    {
      name: "up to the decided amount before confirmation, against the advance claim",
      records: [decision(), claim(REQUESTED), paidAgainst(1_000_000)],
      state: "decided",
      amount: 850_000,
      claim: ADVANCE_CLAIM,
    },
    {
      name: "up to the confirmed amount after confirmation (精算払), against the settlement claim",
      records: [...confirmedRecords(1_000_000), settlementClaim(1_000_000)],
      state: "confirmed",
      amount: 641_000,
      claim: { ordinal: 1, kind: "settlement_claim", documentNumber: "", documentDate: "2027-04-25" },
    },
  ] satisfies { name: string; records: ProceedingRecord[]; state: ApplicationState; amount: number; claim: object }[])(
    "records a payment $name, naming the claim",
    ({ records, state, amount, claim }) => {
      expect(recordPayment(records, state, paid(amount), "2027-05-01")).toEqual({
        status: "done",
        amount,
        record: { kind: "payment", direction: "paid", amount, paidOn: TODAY, note: "概算払", claim },
      });
    },
  );

  it("refuses a payment with no claim to pay, and before confirmation pays no settlement claim nor after it an advance one", () => {
    const NO_CLAIM = refusedWith("支払の対象となる請求がありません。概算払は概算払請求を、精算払は精算払請求を受けてから記録してください。");
    expect(recordPayment([decision()], "decided", paid(1))).toEqual(NO_CLAIM);
    expect(recordPayment([decision(), claim(600_000), paidAgainst(600_000)], "decided", paid(1))).toEqual(NO_CLAIM);
    // Confirmed with an advance claim still unpaid: only a settlement claim is paid now.
    const confirmedWithOldClaim = [decision(), claim(REQUESTED), performanceReport(), confirmation(REQUESTED, ACTUAL_GRANT, 0)];
    expect(recordPayment(confirmedWithOldClaim, "confirmed", paid(1), "2027-05-01")).toEqual(NO_CLAIM);
  });

  it("holds a payment to what is unpaid of its claim, and refuses a claim that is not open, at their fields", () => {
    const records = [decision(), claim(600_000), paidAgainst(500_000), claim(300_000, REQUESTED)];
    expect(recordPayment(records, "decided", paid(100_001))).toEqual(
      invalidAt("amount", "1回目の請求（令和9年1月25日付け概算払請求書）の未払額100,000円以下にしてください。"),
    );
    expect(recordPayment(records, "decided", { ...paid(300_000), claim: 2 })).toMatchObject({ status: "done", record: { claim: { ordinal: 2 } } });
    expect(recordPayment(records, "decided", { ...paid(1), claim: 3 })).toEqual(invalidAt("claim", "選んだ請求は支払済みか、今は支払の対象ではありません。"));
  });

  it.each([
    {
      name: "before confirmation, above what was paid less returned",
      records: [decision(), payment("paid", 600_000), payment("returned", 100_000)],
      state: "decided",
      amount: 500_001,
      message: "返還額は支払済みの500,000円以下にしてください。",
    },
    {
      name: "after confirmation, above what was paid beyond the confirmed amount",
      records: confirmedRecords(REQUESTED),
      state: "confirmed",
      amount: 209_001,
      message: "返還額は、支払済みの額から確定額を差し引いた209,000円以下にしてください。",
    },
    {
      name: "after confirmation, when less than the confirmed amount was paid (shown as 0円)",
      records: confirmedRecords(1_000_000),
      state: "confirmed",
      amount: 1,
      message: "返還額は、支払済みの額から確定額を差し引いた0円以下にしてください。",
    },
  ] satisfies { name: string; records: ProceedingRecord[]; state: ApplicationState; amount: number; message: string }[])(
    "refuses a return $name, with the figure at amount",
    ({ records, state, amount, message }) => {
      expect(recordPayment(records, state, returned(amount), "2027-05-01")).toEqual(invalidAt("amount", message));
    },
  );

  it.each([
    {
      name: "everything paid, before confirmation",
      records: [decision(), payment("paid", 600_000), payment("returned", 100_000)],
      state: "decided",
      amount: 500_000,
    },
    {
      name: "the overpayment, after confirmation",
      records: [...confirmedRecords(REQUESTED), repaymentOrder(ACTUAL_GRANT, REQUESTED)],
      state: "confirmed",
      amount: 209_000,
    },
  ] satisfies { name: string; records: ProceedingRecord[]; state: ApplicationState; amount: number }[])(
    "records a return of $name",
    ({ records, state, amount }) => {
      expect(recordPayment(records, state, returned(amount), "2027-05-01")).toMatchObject({
        status: "done",
        amount,
        record: { kind: "payment", direction: "returned", amount },
      });
    },
  );
});

describe("close (完了)", () => {
  const closeWith = (records: ProceedingRecord[], state: ApplicationState) => take("close", context(records, { state, today: "2027-05-10" }), {});

  it.each([
    { name: "confirmed and paid exactly the confirmed amount", state: "confirmed", records: confirmedRecords(ACTUAL_GRANT) },
    {
      name: "confirmed, overpaid and the overpayment returned",
      state: "confirmed",
      records: [...confirmedRecords(REQUESTED), repaymentOrder(ACTUAL_GRANT, REQUESTED), payment("returned", 209_000, "2027-05-10")],
    },
    { name: "confirmed at 0 with nothing paid", state: "confirmed", records: [decision(), performanceReport([0, 0, 0], 0), confirmation(REQUESTED, 0, 0)] },
    { name: "withdrawn with nothing paid", state: "withdrawn", records: [decision(), withdrawal()] },
    {
      name: "withdrawn with everything paid returned",
      state: "withdrawn",
      records: [decision(), payment("paid", 600_000), withdrawal(), payment("returned", 600_000, "2027-03-01")],
    },
  ] satisfies { name: string; state: ApplicationState; records: ProceedingRecord[] }[])(
    "closes, with no record and no amount, when $name",
    ({ state, records }) => {
      expect(closeWith(records, state)).toEqual({ status: "done", record: null, amount: null });
    },
  );

  it.each([
    {
      name: "confirmed and overpaid",
      state: "confirmed",
      records: confirmedRecords(REQUESTED),
      reason: "支払額1,850,000円から返還額0円を差し引いた1,850,000円が、確定額1,641,000円と一致しません。209,000円の返還を記録してから完了にしてください。",
    },
    {
      name: "confirmed and underpaid",
      state: "confirmed",
      records: confirmedRecords(1_000_000),
      reason:
        "支払額1,000,000円から返還額0円を差し引いた1,000,000円が、確定額1,641,000円と一致しません。残り641,000円の精算払を記録してから完了にしてください。",
    },
    {
      name: "confirmed, overpaid and partly returned",
      state: "confirmed",
      records: confirmedRecords(REQUESTED, 100_000),
      reason:
        "支払額1,850,000円から返還額100,000円を差し引いた1,750,000円が、確定額1,641,000円と一致しません。109,000円の返還を記録してから完了にしてください。",
    },
    {
      name: "withdrawn with nothing confirmed and money still unreturned",
      state: "withdrawn",
      records: [decision(), payment("paid", 600_000), withdrawal()],
      reason: "支払額600,000円から返還額0円を差し引いた600,000円が、確定額0円と一致しません。600,000円の返還を記録してから完了にしてください。",
    },
  ] satisfies { name: string; state: ApplicationState; records: ProceedingRecord[]; reason: string }[])(
    "is refused when $name",
    ({ state, records, reason }) => {
      expect(closeWith(records, state)).toEqual(refusedWith(reason));
    },
  );
});

// ---------------------------------------------------------------------------------------------------

describe("stepPermission and availableSteps", () => {
  const OFFICER = { role: "prefecture_officer" as Role, organisationId: ORGANISATION_ID };
  const OTHER_OFFICER = { role: "prefecture_officer" as Role, organisationId: ORGANISATION_ID + 1 };
  const REVIEWER = { role: "reviewer" as Role, organisationId: 1 };
  const ADMINISTRATOR = { role: "administrator" as Role, organisationId: 1 };
  const VIEWERS = { officer: OFFICER, "another organisation's officer": OTHER_OFFICER, reviewer: REVIEWER, administrator: ADMINISTRATOR };
  type ViewerName = keyof typeof VIEWERS;

  const subject = (state: ApplicationState) => ({ state, organisation_id: ORGANISATION_ID });

  // Within the decision's withdrawal period (it ends 2026-12-26) unless a situation says otherwise.
  const SITUATIONS: { name: string; state: ApplicationState; records: ProceedingRecord[]; today?: string; steps: Record<ViewerName, StepAction[]> }[] = [
    {
      name: "under review",
      state: "under_review",
      records: [],
      steps: { officer: [], "another organisation's officer": [], reviewer: ["decide", "reject"], administrator: [] },
    },
    {
      name: "decided with nothing claimed",
      state: "decided",
      records: [decision()],
      steps: {
        officer: ["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "claim_payment", "report"],
        "another organisation's officer": [],
        reviewer: ["request_status_report", "cancel", "record_payment"],
        administrator: [],
      },
    },
    {
      name: "decided with everything claimed",
      state: "decided",
      records: [decision(), claim(REQUESTED)],
      steps: {
        officer: ["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "report"],
        "another organisation's officer": [],
        reviewer: ["request_status_report", "cancel", "record_payment"],
        administrator: [],
      },
    },
    {
      name: "decided with a status report asked for",
      state: "decided",
      records: [decision(), statusReportRequest()],
      steps: {
        officer: ["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "claim_payment", "report_status", "report"],
        "another organisation's officer": [],
        reviewer: ["cancel", "record_payment"],
        administrator: [],
      },
    },
    {
      name: "decided, after the withdrawal period",
      state: "decided",
      records: [decision()],
      today: "2026-12-27",
      steps: {
        officer: ["request_change", "notify_minor_change", "request_discontinuation", "claim_payment", "report"],
        "another organisation's officer": [],
        reviewer: ["request_status_report", "cancel", "record_payment"],
        administrator: [],
      },
    },
    {
      name: "with a discontinuation pending",
      state: "discontinuation_requested",
      records: [decision(), discontinuationRequest()],
      steps: {
        officer: [],
        "another organisation's officer": [],
        reviewer: ["approve_discontinuation", "refuse_discontinuation", "cancel"],
        administrator: [],
      },
    },
    {
      name: "stopped with approval for an amount, not yet reported",
      state: "withdrawn",
      records: [decision(), discontinuationRequest(), discontinuationApproval()],
      steps: { officer: ["report"], "another organisation's officer": [], reviewer: ["cancel", "record_payment"], administrator: [] },
    },
    {
      name: "stopped with approval at 0",
      state: "withdrawn",
      records: [decision(), discontinuationRequest(0), discontinuationApproval(0)],
      steps: { officer: ["report"], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "withdrawn within the period",
      state: "withdrawn",
      records: [decision(), withdrawalInTime()],
      steps: { officer: [], "another organisation's officer": [], reviewer: ["record_payment", "close"], administrator: [] },
    },
    {
      name: "with a change pending",
      state: "change_requested",
      records: [decision(), changeRequest(VERSION_LINES, REDUCED_LINES)],
      steps: {
        officer: ["withdraw", "claim_payment"],
        "another organisation's officer": [],
        reviewer: ["approve_change", "refuse_change", "request_status_report", "cancel", "record_payment"],
        administrator: [],
      },
    },
    {
      name: "reported",
      state: "reported",
      records: [decision(), performanceReport()],
      steps: { officer: [], "another organisation's officer": [], reviewer: ["confirm", "cancel", "record_payment"], administrator: [] },
    },
    {
      name: "confirmed with an overpayment",
      state: "confirmed",
      records: confirmedRecords(REQUESTED),
      steps: { officer: [], "another organisation's officer": [], reviewer: ["cancel", "order_repayment", "record_payment", "close"], administrator: [] },
    },
    {
      name: "confirmed with an overpayment already ordered back",
      state: "confirmed",
      records: [...confirmedRecords(REQUESTED), repaymentOrder(ACTUAL_GRANT, REQUESTED)],
      steps: { officer: [], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "confirmed and underpaid",
      state: "confirmed",
      records: confirmedRecords(1_000_000),
      steps: { officer: ["claim_settlement"], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "confirmed and settled",
      state: "confirmed",
      records: confirmedRecords(ACTUAL_GRANT),
      steps: { officer: [], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "withdrawn with nothing paid",
      state: "withdrawn",
      records: [decision(), withdrawal()],
      steps: { officer: ["report"], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "withdrawn with 600,000 paid and not yet returned",
      state: "withdrawn",
      records: [decision(), payment("paid", 600_000), withdrawal()],
      steps: { officer: ["report"], "another organisation's officer": [], reviewer: ["cancel", "record_payment", "close"], administrator: [] },
    },
    {
      name: "closed",
      state: "closed",
      records: confirmedRecords(ACTUAL_GRANT),
      steps: { officer: [], "another organisation's officer": [], reviewer: [], administrator: [] },
    },
  ];

  // 完了 is offered once the state allows it, settled or not: taking it explains what is still to pay or to
  // return (see the close step), rather than leaving the reviewer without a way forward.
  const table = SITUATIONS.flatMap(({ name, state, records, today = "2026-12-20", steps }) =>
    (Object.keys(VIEWERS) as ViewerName[]).map((viewer) => ({ name, state, records, today, viewer, expected: steps[viewer] })),
  );

  it.each(table)("offers the $viewer $expected when $name", ({ state, records, today, viewer, expected }) => {
    expect(availableSteps(VIEWERS[viewer], subject(state), records, today)).toEqual(expected);
  });

  it.each([
    { name: "a claim by the applicant while decided", action: "claim_payment", viewer: OFFICER, state: "decided", result: { ok: true, to: "decided" } },
    {
      name: "a payment by the reviewer while confirmed",
      action: "record_payment",
      viewer: REVIEWER,
      state: "confirmed",
      result: { ok: true, to: "confirmed" },
    },
    {
      name: "a change request by the applicant while decided",
      action: "request_change",
      viewer: OFFICER,
      state: "decided",
      result: { ok: true, to: "change_requested" },
    },
    { name: "a decision by the reviewer while under review", action: "decide", viewer: REVIEWER, state: "under_review", result: { ok: true, to: "decided" } },
    {
      name: "a payment by the applicant",
      action: "record_payment",
      viewer: OFFICER,
      state: "decided",
      result: { ok: false, reason: "この操作は審査担当者のみ行えます。" },
    },
    {
      name: "a return order by the administrator",
      action: "order_repayment",
      viewer: ADMINISTRATOR,
      state: "confirmed",
      result: { ok: false, reason: "この操作は審査担当者のみ行えます。" },
    },
    {
      name: "a claim by the reviewer",
      action: "claim_payment",
      viewer: REVIEWER,
      state: "decided",
      result: { ok: false, reason: "この操作は申請者のみ行えます。" },
    },
    {
      name: "a claim by another organisation's officer",
      action: "claim_payment",
      viewer: OTHER_OFFICER,
      state: "decided",
      result: { ok: false, reason: "この操作は申請者のみ行えます。" },
    },
    {
      name: "a claim after the report",
      action: "claim_payment",
      viewer: OFFICER,
      state: "reported",
      result: { ok: false, reason: "この申請の現在の状態では、この操作は行えません。" },
    },
    {
      name: "a payment before the decision",
      action: "record_payment",
      viewer: REVIEWER,
      state: "under_review",
      result: { ok: false, reason: "この申請の現在の状態では、この操作は行えません。" },
    },
    {
      name: "a decision by the applicant",
      action: "decide",
      viewer: OFFICER,
      state: "under_review",
      result: { ok: false, reason: "この操作は審査担当者のみ行えます。" },
    },
    {
      name: "a decision by the administrator",
      action: "decide",
      viewer: ADMINISTRATOR,
      state: "under_review",
      result: { ok: false, reason: "管理者は審査の判断を行えません。この操作は審査担当者のみ行えます。" },
    },
    {
      name: "a report by the reviewer",
      action: "report",
      viewer: REVIEWER,
      state: "decided",
      result: { ok: false, reason: "この操作は申請者（都道府県または中間支援組織の担当者）のみ行えます。" },
    },
    {
      name: "closing a closed application",
      action: "close",
      viewer: REVIEWER,
      state: "closed",
      result: { ok: false, reason: "この申請は「完了」で終了しています。これ以上の操作はできません。" },
    },
  ] satisfies { name: string; action: StepAction; viewer: { role: Role; organisationId: number }; state: ApplicationState; result: object }[])(
    "answers $name with $result",
    ({ action, viewer, state, result }) => {
      expect(stepPermission(action, subject(state), viewer)).toEqual(result);
    },
  );

  it.each(["request_change", "notify_minor_change", "withdraw", "request_discontinuation", "report"] satisfies StepAction[])(
    "refuses %s to an officer of another organisation, as it refuses them a claim",
    (action) => {
      expect(stepPermission(action, subject("decided"), OTHER_OFFICER)).toMatchObject({ ok: false });
    },
  );
});
