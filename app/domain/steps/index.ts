/**
 * Every step after submission (docs/domain.md §5), in lifecycle order: the one list the lifecycle's rows,
 * the step pages, their labels and the audit trail derive from. A step lives in its own module; to add one,
 * write its module and list it here (and, when it makes a new kind of record, extend the record types in
 * ../proceedings.ts, its document in app/pdf/proceeding-documents.ts and the kind check in a migration).
 */
import type { z } from "zod";
import { approveChange } from "./approve-change";
import { approveDiscontinuation } from "./approve-discontinuation";
import { claimPayment } from "./claim-payment";
import { cancel } from "./cancel";
import { claimSettlement } from "./claim-settlement";
import { close } from "./close";
import { confirm } from "./confirm";
import { decide } from "./decide";
import { orderRepayment } from "./order-repayment";
import { recordCharge } from "./record-charge";
import { recordPayment } from "./record-payment";
import { refuseChange } from "./refuse-change";
import { refuseDiscontinuation } from "./refuse-discontinuation";
import { reject } from "./reject";
import { report } from "./report";
import { reportStatus } from "./report-status";
import { notifyMinorChange } from "./notify-minor-change";
import { requestChange } from "./request-change";
import { requestDiscontinuation } from "./request-discontinuation";
import { requestStatusReport } from "./request-status-report";
import type { StepDefinition, StepFormContext } from "./step";
import { withdraw } from "./withdraw";

export const STEP_ACTIONS = [
  "decide",
  "reject",
  "request_change",
  "notify_minor_change",
  "approve_change",
  "refuse_change",
  "withdraw",
  "request_discontinuation",
  "approve_discontinuation",
  "refuse_discontinuation",
  "claim_payment",
  "request_status_report",
  "report_status",
  "report",
  "confirm",
  "claim_settlement",
  "cancel",
  "order_repayment",
  "record_payment",
  "record_charge",
  "close",
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

const DEFINITIONS = {
  decide,
  reject,
  request_change: requestChange,
  notify_minor_change: notifyMinorChange,
  approve_change: approveChange,
  refuse_change: refuseChange,
  withdraw,
  request_discontinuation: requestDiscontinuation,
  approve_discontinuation: approveDiscontinuation,
  refuse_discontinuation: refuseDiscontinuation,
  claim_payment: claimPayment,
  request_status_report: requestStatusReport,
  report_status: reportStatus,
  report,
  confirm,
  claim_settlement: claimSettlement,
  cancel,
  order_repayment: orderRepayment,
  record_payment: recordPayment,
  record_charge: recordCharge,
  close,
} satisfies Record<StepAction, unknown>;

/** What each step's form gives its `take`. */
export type StepInputs = { [A in StepAction]: (typeof DEFINITIONS)[A] extends StepDefinition<infer I, `application.${string}`> ? I : never };

type StepAudits = { [A in StepAction]: (typeof DEFINITIONS)[A]["audit"] };

/** The steps, typed so that looking one up by its action gives the definition for that action's input. */
export const STEPS: { [A in StepAction]: StepDefinition<StepInputs[A], StepAudits[A]> } = DEFINITIONS;

/** A step's form schema, typed by the step's input (for a step known only at run time, too). */
export function stepSchema<A extends StepAction>(action: A, form: StepFormContext): z.ZodType<StepInputs[A]> {
  return STEPS[action].schema(form);
}

export const isStepAction = (value: string | undefined): value is StepAction => STEP_ACTIONS.some((a) => a === value);

/** The step page's title and the link to it. */
export const stepHeading = (action: StepAction): string => STEPS[action].heading ?? STEPS[action].label;

/** The audit action of every step. */
export type StepAuditAction = StepAudits[StepAction];

/** A value for every step, as a record keyed by its action. */
export function perStep<T>(value: (action: StepAction) => T): Record<StepAction, T> {
  // Object.fromEntries cannot know that the keys are exactly the actions; STEP_ACTIONS lists every one.
  return Object.fromEntries(STEP_ACTIONS.map((action) => [action, value(action)])) as Record<StepAction, T>;
}
