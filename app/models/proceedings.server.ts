/**
 * The steps after submission: decide or reject, change requests and their decisions, advance-payment
 * claims, the performance report, the confirmation of the amount, return orders, payments and closing.
 *
 * Each step runs in one transaction: lock the application, check the lifecycle and the figures, append the
 * frozen record its document is printed from, move the state and write the audit row. A refusal or a field
 * error changes nothing.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { canClose, transition, type ApplicationState, type LifecycleAction } from "~/domain/application-lifecycle";
import { calculateGrant, type GrantInput, type GrantResult } from "~/domain/grant-calculation";
import { japanToday } from "~/domain/japan-time";
import { fiscalYearOf, formatWarekiDate } from "~/domain/wareki";
import { formatYen } from "~/domain/money";
import { can } from "~/domain/permissions";
import {
  confirmedAmountOf,
  currentBudget,
  decisionReference,
  latestOf,
  ledgerOf,
  NOTICE_KINDS,
  noticeNumber,
  reportDueOn,
  settlementBalance,
  type BudgetLineSnapshot,
  type PartySnapshot,
  type ProceedingRecord,
} from "~/domain/proceedings";
import type { ProgrammeParameters } from "~/domain/programmes";
import { checkApplication, readDraft } from "~/forms/application";
import { PROCEEDING_ACTIONS } from "~/forms/proceedings";
import type {
  ApproveChangeInput,
  ChangeRequestInput,
  DecideInput,
  FieldErrors,
  PaymentClaimInput,
  PaymentInput,
  ProceedingAction,
  ProceedingInputs,
  ReasonInput,
  RepaymentOrderInput,
  ReportInput,
} from "~/forms/proceedings";
import { recordAuditEvent } from "./audit.server";
import { PARTY_COLUMNS } from "./organisations.server";

export type ProceedingOutcome =
  | { status: "done"; proceedingId: number | null; to: ApplicationState }
  | { status: "not-found" }
  | { status: "refused"; reason: string }
  | { status: "invalid"; errors: FieldErrors };

type Trx = Transaction<Database>;
type Distribute<T> = T extends unknown ? Omit<T, keyof CommonFields> : never;
type CommonFields = Pick<ProceedingRecord, "applicationId" | "programme" | "fiscalYear" | "applicant" | "documentNumber" | "documentDate" | "recordedBy">;
/** What a step adds to the common fields of its record. */
type RecordBody = Distribute<ProceedingRecord>;

/** Everything a step needs to know about the application, read under its row lock. */
interface ProceedingContext {
  trx: Trx;
  today: string;
  application: { id: number; organisation_id: number; programme: "prefectural" | "intermediary"; fiscal_year: number; state: ApplicationState };
  applicant: PartySnapshot;
  records: ProceedingRecord[];
  version: SubmittedVersion;
}

interface SubmittedVersion {
  version: number;
  submittedOn: string;
  requestedAmount: number;
  calculation: GrantResult;
  parameters: ProgrammeParameters;
  /** The grant input of the submitted budget, so a changed or actual budget is computed the same way. */
  input: GrantInput;
  /** The submitted lines, frozen into the decision; later steps read them from there (currentBudget). */
  lines: BudgetLineSnapshot[];
}

type StepResult =
  | { record: RecordBody | null; amount?: number }
  | { refused: string }
  | { errors: FieldErrors };

/** Steps that are lifecycle transitions, under the same name (app/domain/application-lifecycle.ts). */
const TRANSITION_STEPS: ReadonlySet<ProceedingAction> = new Set(["decide", "reject", "request_change", "approve_change", "refuse_change", "withdraw", "report", "confirm", "close"]);

/** Steps that record something and keep the state, with who takes them and from which states. */
const STEPS_KEEPING_STATE: Partial<Record<ProceedingAction, { by: "applicant" | "reviewer"; states: ApplicationState[] }>> = {
  claim_payment: { by: "applicant", states: ["decided", "change_requested"] },
  order_repayment: { by: "reviewer", states: ["confirmed"] },
  record_payment: { by: "reviewer", states: ["decided", "change_requested", "withdrawn", "reported", "confirmed"] },
};

const AUDIT_ACTIONS: Record<ProceedingAction, string> = {
  decide: "application.decided",
  reject: "application.rejected",
  request_change: "application.change_requested",
  approve_change: "application.change_approved",
  refuse_change: "application.change_refused",
  withdraw: "application.withdrawn",
  claim_payment: "application.payment_claimed",
  report: "application.reported",
  confirm: "application.confirmed",
  order_repayment: "application.repayment_ordered",
  record_payment: "application.payment_recorded",
  close: "application.closed",
};


function isApplicant(viewer: Viewer, organisationId: number) {
  return can(viewer.role, "edit:application:own") && viewer.organisationId === organisationId;
}

/** The submitted version the decision is about: its figures, parameters and budget lines as yen. */
function readVersion(row: { version: number; snapshot: Record<string, unknown>; submitted_at: Date; requested_amount: number }): SubmittedVersion {
  const snapshot = row.snapshot as {
    programme: "prefectural" | "intermediary";
    fiscalYear: number;
    draft: unknown;
    calculation: GrantResult;
    parameters: ProgrammeParameters;
  };
  const check = checkApplication(snapshot.programme, snapshot.fiscalYear, readDraft(snapshot.draft), [snapshot.parameters]);
  return {
    version: row.version,
    submittedOn: japanToday(row.submitted_at),
    requestedAmount: row.requested_amount,
    calculation: snapshot.calculation,
    parameters: snapshot.parameters,
    input: check.input,
    lines: check.input.lines.map((l) => ({ category: l.category, activity: l.activity ?? "", description: l.description ?? "", amount: l.amount })),
  };
}

function recompute(version: SubmittedVersion, lines: readonly BudgetLineSnapshot[], otherIncome: number): GrantResult {
  const input: GrantInput = {
    ...version.input,
    otherIncome,
    requestedAmount: undefined,
    lines: lines.map((l) => ({ category: l.category, amount: l.amount, ...(version.input.program === "prefectural" ? { activity: l.activity } : {}) })),
  };
  return calculateGrant(input, [version.parameters]);
}

/**
 * What the programme-year is committed to for the other applications: each one's latest decided amount
 * (after changes), or its confirmed amount once confirmed.
 */
async function decidedTotal(trx: Trx, programme: string, fiscalYear: number, exceptApplicationId: number): Promise<number> {
  const { rows } = await sql<{ total: string | number | null }>`
    select coalesce(sum(amount), 0) as total from (
      select distinct on (p.application_id) p.amount
      from application_proceedings p join applications a on a.id = p.application_id
      where a.programme = ${programme} and a.fiscal_year = ${fiscalYear} and a.id <> ${exceptApplicationId}
        and p.kind in ('decision', 'change_approval', 'confirmation')
      order by p.application_id, p.id desc
    ) current_commitments`.execute(trx);
  return Number(rows[0]?.total ?? 0);
}

/**
 * Refuses a decided amount that would take the programme-year over its budget. The parameters row is
 * locked first, so two reviewers deciding at once are taken one after the other.
 */
async function budgetProblem(ctx: ProceedingContext, decidedAmount: number): Promise<string | null> {
  const { programme, fiscal_year, id } = ctx.application;
  const row = await ctx.trx
    .selectFrom("programme_parameters")
    .select("programme_budget")
    .where("programme", "=", programme)
    .where("fiscal_year", "=", fiscal_year)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const others = await decidedTotal(ctx.trx, programme, fiscal_year, id);
  if (others + decidedAmount <= row.programme_budget) return null;
  return `予算額${formatYen(row.programme_budget)}を超えます。他の申請の交付決定額の合計は${formatYen(others)}で、残りは${formatYen(Math.max(0, row.programme_budget - others))}です。`;
}

const STEPS: { [A in ProceedingAction]: (ctx: ProceedingContext, input: ProceedingInputs[A]) => Promise<StepResult> | StepResult } = {
  decide: async (ctx, input: DecideInput) => {
    const { version } = ctx;
    if (input.decidedAmount > version.requestedAmount) {
      return { errors: { decidedAmount: `交付決定額は交付申請額${formatYen(version.requestedAmount)}以下にしてください。` } };
    }
    const overBudget = await budgetProblem(ctx, input.decidedAmount);
    if (overBudget) return { errors: { decidedAmount: overBudget } };
    return {
      amount: input.decidedAmount,
      record: {
        kind: "decision",
        version: version.version,
        applicationDate: version.submittedOn,
        requestedAmount: version.requestedAmount,
        decidedAmount: input.decidedAmount,
        conditions: input.conditions,
        calculation: version.calculation,
        lines: version.lines,
      },
    };
  },

  reject: (ctx, input: ReasonInput) => ({
    record: {
      kind: "rejection",
      version: ctx.version.version,
      applicationDate: ctx.version.submittedOn,
      requestedAmount: ctx.version.requestedAmount,
      reason: input.reason,
    },
  }),

  request_change: (ctx, input: ChangeRequestInput) => {
    const before = currentBudget(ctx.records);
    const after = before.map((line, i) => ({ ...line, amount: input.after[i] ?? line.amount }));
    if (after.every((line, i) => line.amount === before[i]?.amount)) {
      return { errors: { form: "変更後の金額がすべて変更前と同じです。変更する行の金額を入力してください。" } };
    }
    const otherIncome = ctx.version.calculation.otherIncome;
    const calculationAfter = recompute(ctx.version, after, otherIncome);
    const ledger = ledgerOf(ctx.records);
    return {
      amount: calculationAfter.grantAmount,
      record: {
        kind: "change_request",
        decision: decisionReference(ctx.records)!,
        decidedAmount: ledger.decidedAmount,
        requestedAmount: calculationAfter.grantAmount,
        before: [...before],
        after,
        calculationBefore: recompute(ctx.version, before, otherIncome),
        calculationAfter,
        reason: input.reason,
      },
    };
  },

  approve_change: async (ctx, input: ApproveChangeInput) => {
    const request = latestOf(ctx.records, "change_request")!;
    if (input.decidedAmount > request.requestedAmount) {
      return { errors: { decidedAmount: `変更後の交付決定額は変更交付申請額${formatYen(request.requestedAmount)}以下にしてください。` } };
    }
    const ledger = ledgerOf(ctx.records);
    const netPaid = ledger.paid - ledger.returned;
    if (input.decidedAmount < netPaid) {
      return { errors: { decidedAmount: `変更後の交付決定額は、支払済みの${formatYen(netPaid)}以上にしてください。` } };
    }
    // A reduction (減額変更) always fits the budget, even one lowered since the decision.
    const overBudget = input.decidedAmount > ledger.decidedAmount ? await budgetProblem(ctx, input.decidedAmount) : null;
    if (overBudget) return { errors: { decidedAmount: overBudget } };
    return {
      amount: input.decidedAmount,
      record: {
        kind: "change_approval",
        decision: decisionReference(ctx.records)!,
        changeRequestDate: request.documentDate,
        requestedAmount: request.requestedAmount,
        previousAmount: ledger.decidedAmount,
        decidedAmount: input.decidedAmount,
        comment: input.comment,
      },
    };
  },

  refuse_change: (ctx, input: ReasonInput) => {
    const request = latestOf(ctx.records, "change_request")!;
    const decided = ledgerOf(ctx.records).decidedAmount;
    return {
      amount: decided,
      record: {
        kind: "change_refusal",
        decision: decisionReference(ctx.records)!,
        changeRequestDate: request.documentDate,
        requestedAmount: request.requestedAmount,
        previousAmount: decided,
        decidedAmount: decided,
        comment: input.reason,
      },
    };
  },

  withdraw: (ctx, input: ReasonInput) => ({
    record: {
      kind: "withdrawal",
      decision: decisionReference(ctx.records)!,
      decidedAmount: ledgerOf(ctx.records).decidedAmount,
      reason: input.reason,
    },
  }),

  claim_payment: (ctx, input: PaymentClaimInput) => {
    const ledger = ledgerOf(ctx.records);
    const claimable = ledger.decidedAmount - ledger.claimed;
    if (input.claimAmount > claimable) {
      return { errors: { claimAmount: `請求額は、交付決定額から請求済みの額を差し引いた${formatYen(Math.max(0, claimable))}以下にしてください。` } };
    }
    const { claimAmount, ...payee } = input;
    return {
      amount: claimAmount,
      record: {
        kind: "payment_claim",
        decision: decisionReference(ctx.records)!,
        decidedAmount: ledger.decidedAmount,
        alreadyClaimed: ledger.claimed,
        alreadyReceived: ledger.paid - ledger.returned,
        claimAmount,
        payee,
      },
    };
  },

  report: (ctx, input: ReportInput) => {
    const budget = currentBudget(ctx.records);
    const [yearStart, yearEnd] = [`${ctx.application.fiscal_year}-04-01`, `${ctx.application.fiscal_year + 1}-03-31`];
    const latest = ctx.today < yearEnd ? ctx.today : yearEnd;
    if (input.completedOn < yearStart || input.completedOn > latest) {
      return { errors: { completedOn: `事業の完了日は、交付を受けた年度の${formatWarekiDate(yearStart)}から${formatWarekiDate(latest)}までの日付にしてください。` } };
    }
    const lines = budget.map((line, i) => ({ ...line, actual: input.actual[i] ?? 0 }));
    const calculationActual = recompute(
      ctx.version,
      lines.map((l) => ({ ...l, amount: l.actual })),
      input.otherIncomeActual,
    );
    const ledger = ledgerOf(ctx.records);
    return {
      amount: calculationActual.grantAmount,
      record: {
        kind: "performance_report",
        decision: decisionReference(ctx.records)!,
        decidedAmount: ledger.decidedAmount,
        completedOn: input.completedOn,
        discontinued: ctx.application.state === "withdrawn",
        dueOn: reportDueOn(input.completedOn, ctx.application.fiscal_year),
        summary: input.summary,
        lines,
        otherIncomeBudget: ctx.version.calculation.otherIncome,
        otherIncomeActual: input.otherIncomeActual,
        calculationActual,
      },
    };
  },

  confirm: (ctx) => {
    const report = latestOf(ctx.records, "performance_report")!;
    const ledger = ledgerOf(ctx.records);
    const confirmedAmount = confirmedAmountOf(ledger.decidedAmount, report.calculationActual.grantAmount);
    return {
      amount: confirmedAmount,
      record: {
        kind: "confirmation",
        decision: decisionReference(ctx.records)!,
        reportDate: report.documentDate,
        decidedAmount: ledger.decidedAmount,
        recomputedAmount: report.calculationActual.grantAmount,
        confirmedAmount,
        netPaid: ledger.paid - ledger.returned,
      },
    };
  },

  order_repayment: (ctx, input: RepaymentOrderInput) => {
    const confirmation = latestOf(ctx.records, "confirmation")!;
    const afterConfirmation = ctx.records.slice(ctx.records.lastIndexOf(confirmation) + 1);
    if (afterConfirmation.some((r) => r.kind === "repayment_order")) {
      return { refused: "この確定に対する返還命令は発行済みです。" };
    }
    const ledger = ledgerOf(ctx.records);
    const repaymentAmount = -settlementBalance(ledger);
    if (repaymentAmount <= 0) return { refused: "支払済みの額が確定額を超えていないため、返還を求める額はありません。" };
    if (input.dueOn <= ctx.today) return { errors: { dueOn: "納期限は明日以降の日付にしてください。" } };
    return {
      amount: repaymentAmount,
      record: {
        kind: "repayment_order",
        confirmation: { documentNumber: confirmation.documentNumber, documentDate: confirmation.documentDate },
        confirmedAmount: confirmation.confirmedAmount,
        netPaid: ledger.paid - ledger.returned,
        repaymentAmount,
        dueOn: input.dueOn,
      },
    };
  },

  record_payment: (ctx, input: PaymentInput): StepResult => {
    if (input.direction === "paid" && (ctx.application.state === "withdrawn" || ctx.application.state === "reported")) {
      return { refused: "取下げ・中止の後や実績報告の審査中は、支払を記録できません。額の確定後に精算払として記録してください。" };
    }
    if (input.paidOn > ctx.today) return { errors: { paidOn: "日付は今日以前にしてください。" } };
    const ledger = ledgerOf(ctx.records);
    const netPaid = ledger.paid - ledger.returned;
    const limit = ledger.confirmedAmount ?? ledger.decidedAmount;
    if (input.direction === "paid" && netPaid + input.amount > limit) {
      return { errors: { amount: `支払額の合計が${ledger.confirmedAmount === null ? "交付決定額" : "確定額"}${formatYen(limit)}を超えます。今回支払えるのは${formatYen(Math.max(0, limit - netPaid))}までです。` } };
    }
    const returnable = netPaid - (ledger.confirmedAmount ?? 0);
    if (input.direction === "returned" && input.amount > returnable) {
      return {
        errors: {
          amount:
            ledger.confirmedAmount === null
              ? `返還額は支払済みの${formatYen(netPaid)}以下にしてください。`
              : `返還額は、支払済みの額から確定額を差し引いた${formatYen(Math.max(0, returnable))}以下にしてください。`,
        },
      };
    }
    return { amount: input.amount, record: { kind: "payment", ...input } };
  },

  close: (ctx) => {
    const ledger = ledgerOf(ctx.records);
    const ok = canClose({ confirmedAmount: ledger.confirmedAmount ?? 0, paid: ledger.paid, returned: ledger.returned });
    return ok.ok ? { record: null } : { refused: ok.reason };
  },
};

async function loadContext(trx: Trx, viewer: Viewer, id: number, now: Date): Promise<ProceedingContext | null> {
  const application = await trx
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .select([
      "applications.id",
      "applications.organisation_id",
      "applications.programme",
      "applications.fiscal_year",
      "applications.state",
      "applications.latest_version",
      ...PARTY_COLUMNS,
    ])
    .where("applications.id", "=", id)
    .forUpdate(["applications"])
    .executeTakeFirst();
  if (!application) return null;
  if (!isApplicant(viewer, application.organisation_id) && !can(viewer.role, "decide:application:any")) return null;
  const versionRow = await trx
    .selectFrom("application_versions")
    .select(["version", "snapshot", "submitted_at", "requested_amount"])
    .where("application_id", "=", id)
    .where("version", "=", application.latest_version)
    .executeTakeFirst();
  if (!versionRow) return null;
  const { id: _id, latest_version: _version, organisation_id, programme, fiscal_year, state, ...applicant } = application;
  return {
    trx,
    today: japanToday(now),
    application: { id, organisation_id, programme, fiscal_year, state },
    applicant,
    records: await listRecords(trx, id),
    version: readVersion(versionRow),
  };
}

async function listRecords(db: Kysely<Database>, applicationId: number): Promise<ProceedingRecord[]> {
  const rows = await db.selectFrom("application_proceedings").select("record").where("application_id", "=", applicationId).orderBy("id").execute();
  return rows.map((r) => r.record);
}

/**
 * The next 府孤第N号 of the fiscal year the notice is issued in. A transaction-scoped advisory lock on that
 * year takes concurrent notices one after the other, so two never get one number.
 */
async function nextNoticeSerial(trx: Trx, noticeYear: number): Promise<number> {
  await sql`select pg_advisory_xact_lock(${NOTICE_LOCK}, ${noticeYear})`.execute(trx);
  const row = await trx
    .selectFrom("application_proceedings")
    .select((eb) => eb.fn.max("notice_serial").as("last"))
    .where("notice_fiscal_year", "=", noticeYear)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** The advisory-lock class of notice numbering (any constant the app uses for nothing else). */
const NOTICE_LOCK = 5_101;

type StepSubject = { state: ApplicationState; organisation_id: number };

/** Whether `viewer` may take `action` on an application in its current state, and where it leads. */
function stepPermission(viewer: Viewer, application: StepSubject, action: ProceedingAction): { to: ApplicationState } | { refused: string } {
  if (TRANSITION_STEPS.has(action)) {
    // transition() checks the role; loadContext has already kept applicants to their own application.
    const allowed = transition(application.state, action as LifecycleAction, viewer.role);
    return allowed.ok ? { to: allowed.to } : { refused: allowed.reason };
  }
  const step = STEPS_KEEPING_STATE[action]!;
  const allowedActor = step.by === "applicant" ? isApplicant(viewer, application.organisation_id) : can(viewer.role, "decide:application:any");
  if (!allowedActor) return { refused: step.by === "applicant" ? "この操作は申請者のみ行えます。" : "この操作は審査担当者のみ行えます。" };
  if (!step.states.includes(application.state)) return { refused: "この申請の現在の状態では、この操作は行えません。" };
  return { to: application.state };
}

/** Steps that would only be refused for want of money to act on: not offered. */
function hasSomethingToDo(action: ProceedingAction, records: readonly ProceedingRecord[]): boolean {
  const ledger = ledgerOf(records);
  if (action === "claim_payment") return ledger.decidedAmount > ledger.claimed;
  if (action === "order_repayment") {
    const sinceConfirmation = records.slice(records.findLastIndex((r) => r.kind === "confirmation") + 1);
    return settlementBalance(ledger) < 0 && !sinceConfirmation.some((r) => r.kind === "repayment_order");
  }
  return true;
}

/** The steps the viewer may take now, in lifecycle order: the links the application page offers. */
export function availableSteps(viewer: Viewer, application: StepSubject, records: readonly ProceedingRecord[]): ProceedingAction[] {
  if (!isApplicant(viewer, application.organisation_id) && !can(viewer.role, "decide:application:any")) return [];
  return PROCEEDING_ACTIONS.filter((action) => "to" in stepPermission(viewer, application, action) && hasSomethingToDo(action, records));
}

/**
 * Takes one step on an application. `input` is what the step's form parsed into (app/forms/proceedings.ts).
 * An applicant can act only on their organisation's application; anyone else gets "not-found".
 */
export async function takeProceedingStep<A extends ProceedingAction>(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  action: A,
  input: ProceedingInputs[A],
  now = new Date(),
): Promise<ProceedingOutcome> {
  return db.transaction().execute(async (trx): Promise<ProceedingOutcome> => {
    const ctx = await loadContext(trx, viewer, id, now);
    if (!ctx) return { status: "not-found" };
    const allowed = stepPermission(viewer, ctx.application, action);
    if ("refused" in allowed) return { status: "refused", reason: allowed.refused };

    const step = await (STEPS[action] as (ctx: ProceedingContext, input: ProceedingInputs[A]) => Promise<StepResult> | StepResult)(ctx, input);
    if ("refused" in step) return { status: "refused", reason: step.refused };
    if ("errors" in step) return { status: "invalid", errors: step.errors };

    let proceedingId: number | null = null;
    if (step.record) {
      const noticeYear = NOTICE_KINDS.has(step.record.kind) ? fiscalYearOf(now) : null;
      const serial = noticeYear === null ? null : await nextNoticeSerial(trx, noticeYear);
      const record = {
        applicationId: id,
        programme: ctx.application.programme,
        fiscalYear: ctx.application.fiscal_year,
        applicant: ctx.applicant,
        documentNumber: serial === null ? "" : noticeNumber(serial),
        documentDate: ctx.today,
        recordedBy: { userId: viewer.userId, name: viewer.displayName },
        ...step.record,
      } as ProceedingRecord;
      const inserted = await trx
        .insertInto("application_proceedings")
        .values({
          application_id: id,
          kind: record.kind,
          notice_fiscal_year: noticeYear,
          notice_serial: serial,
          amount: step.amount ?? 0,
          record: JSON.stringify(record),
          recorded_by: viewer.userId,
          recorded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      proceedingId = inserted.id;
    }
    if (allowed.to !== ctx.application.state) {
      await trx.updateTable("applications").set({ state: allowed.to, updated_at: now }).where("id", "=", id).execute();
    }
    await recordAuditEvent(trx, { userId: viewer.userId, organisationId: viewer.organisationId, ip }, {
      action: AUDIT_ACTIONS[action],
      recordType: "application",
      recordId: id,
      subjectOrganisationId: ctx.application.organisation_id,
      details: { from: ctx.application.state, to: allowed.to, proceedingId, kind: step.record?.kind ?? null, amount: step.amount ?? null },
    });
    return { status: "done", proceedingId, to: allowed.to };
  });
}

export interface ProceedingRow {
  id: number;
  kind: ProceedingRecord["kind"];
  amount: number;
  recorded_at: Date;
  recorded_by_name: string;
  record: ProceedingRecord;
}

/** An application's records in the order they were made (the caller has checked the viewer may see it). */
export async function listProceedings(db: Kysely<Database>, applicationId: number): Promise<ProceedingRow[]> {
  return db
    .selectFrom("application_proceedings")
    .innerJoin("users", "users.id", "application_proceedings.recorded_by")
    .select([
      "application_proceedings.id",
      "application_proceedings.kind",
      "application_proceedings.amount",
      "application_proceedings.recorded_at",
      "application_proceedings.record",
      "users.display_name as recorded_by_name",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("application_proceedings.id")
    .execute();
}

/**
 * What a step's form shows: the budget in force (change request, report), the amounts applied for, the
 * ledger and the records so far.
 */
export async function proceedingsSummary(db: Kysely<Database>, applicationId: number, latestVersion: number) {
  const row = await db
    .selectFrom("application_versions")
    .select(["version", "snapshot", "submitted_at", "requested_amount"])
    .where("application_id", "=", applicationId)
    .where("version", "=", latestVersion)
    .executeTakeFirst();
  if (!row) return null;
  const version = readVersion(row);
  const records = await listRecords(db, applicationId);
  return { lines: currentBudget(records), otherIncome: version.calculation.otherIncome, requestedAmount: version.requestedAmount, ledger: ledgerOf(records), records };
}

/** One record of an application, if it belongs to it. */
export async function findProceeding(db: Kysely<Database>, applicationId: number, proceedingId: number) {
  if (!Number.isSafeInteger(proceedingId)) return undefined;
  return db
    .selectFrom("application_proceedings")
    .select(["id", "kind", "record"])
    .where("application_id", "=", applicationId)
    .where("id", "=", proceedingId)
    .executeTakeFirst();
}
