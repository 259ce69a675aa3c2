/**
 * What a step after submission is (docs/domain.md §5): who takes it, from which states, where it leads, what
 * it is called, what its form asks for, and `take` — the pure rule that turns the form's input into the
 * frozen record to append, or refuses. The service reads the context under the application's lock, calls
 * `take`, and stores what it returns; it knows nothing of any one step.
 */
import type { z } from "zod";
import type { Actor, ApplicationState } from "../application-states";
import { overBudget, type BudgetRoom, type Ledger } from "../ledger";
import type { Invalid, Refused } from "../outcome";
import type { ProceedingRecord } from "../proceedings";
import type { Programme } from "../programmes";
import type { SubmittedVersion } from "../submitted-version";

/** Everything a step may look at, read by the service under the application's row lock. */
export interface StepContext {
  /** Today in Japan, "YYYY-MM-DD": the date of the record made. */
  today: string;
  application: { id: number; programme: Programme; fiscalYear: number; state: ApplicationState };
  /** The application's records so far, in the order they were made. */
  records: readonly ProceedingRecord[];
  ledger: Ledger;
  /** The submitted version the decision is about (the latest). */
  version: SubmittedVersion;
  /** The programme-year's budget room: read, under a lock, only for a step that `reservesBudget`. */
  budget: BudgetRoom | null;
}

/** What a step's form needs to know to build its schema. */
export interface StepFormContext {
  /** How many lines the budget in force has (a report asks for one amount per line). */
  lineCount: number;
  /** Which plan a change edits: Menu 1's activities or Menu 2's parts of the work. */
  programme: Programme;
}

type CommonFields = "applicationId" | "programme" | "fiscalYear" | "applicant" | "documentNumber" | "documentDate" | "recordedBy";
type Distribute<T> = T extends unknown ? Omit<T, CommonFields> & { documentNumber?: string } : never;
/**
 * What a step adds to the fields every record has (the service fills those in). An applicant's document may
 * carry the number the applicant gave it; the Cabinet Office's notices are numbered by the service.
 */
export type RecordBody = Distribute<ProceedingRecord>;

/**
 * What `take` answers: the record to append (null for a step that only moves the state) and the amount it
 * stands for (decided, claimed, paid…; null for none), or a refusal, or a message per field.
 */
export type StepResult = { status: "done"; record: RecordBody | null; amount: number | null } | Refused | Invalid;

export interface StepDefinition<Input, Audit extends `application.${string}` = `application.${string}`> {
  /** Who takes it: the applicant organisation's officer, or the Cabinet Office's reviewer. */
  by: Actor;
  /** The states it may be taken from. */
  from: readonly ApplicationState[];
  /** The state it leads to; null keeps the state (a claim, a payment, a return order). */
  to: ApplicationState | null;
  /** The action's name, as messages and the audit trail call it. */
  label: string;
  /** The step page's title and the link to it, where it says more than the label. */
  heading?: string;
  /** The button that takes the step, and what the application page says once it is taken. */
  submit: string;
  done: string;
  /** The audit action it is recorded under. */
  audit: Audit;
  /** Its form, read with the same schema by the browser and the server. */
  schema: (form: StepFormContext) => z.ZodType<Input>;
  /** It commits money of the programme-year's budget: the service reads the budget room under a lock. */
  reservesBudget?: boolean;
  /**
   * Why there is nothing to act on now (`today` in Japan), or null: everything is claimed, a withdrawal's period
   * is over… Such a step is not offered, its page says why, and taking it is refused with the same words.
   */
  unavailable?: (ledger: Ledger, records: readonly ProceedingRecord[], today: string) => string | null;
  take(ctx: StepContext, input: Input): StepResult;
}

/** Takes a step in its context: refused with the reason when there is nothing to act on, otherwise its own rule. */
export function takeStep<Input>(step: StepDefinition<Input>, ctx: StepContext, input: Input): StepResult {
  const reason = step.unavailable?.(ctx.ledger, ctx.records, ctx.today);
  return reason ? { status: "refused", reason } : step.take(ctx, input);
}

/** Declares a step, its input type taken from its schema and its audit action kept as a literal. */
export const defineStep = <Input, const Audit extends `application.${string}`>(step: StepDefinition<Input, Audit>) => step;

/** The step is taken: append this record, standing for this amount. */
export const record = (body: RecordBody, amount: number | null = null): StepResult => ({ status: "done", record: body, amount });
/** The applicant's own 文書番号, when it gave one, for the record's body. */
export const numbered = (input: { documentNumber?: string }) => (input.documentNumber ? { documentNumber: input.documentNumber } : {});

/** The step is not taken: what was typed in one field cannot be used, and why. */
export const fieldError = (field: string, message: string): Invalid => ({ status: "invalid", errors: { [field]: message } });

/** Why committing `amount` would take the programme-year over its budget (for a step that `reservesBudget`). */
export function budgetProblem(ctx: StepContext, amount: number): string | null {
  if (!ctx.budget) throw new Error("a step that reserves budget was taken without the budget room");
  return overBudget(ctx.budget, amount);
}
