/**
 * The simulator form: one schema for its values, and the application rules run on them. The browser reads
 * what is in the form with the schema on every change, the server reads what was posted (without
 * JavaScript) with the same schema, and both run `checkApplication` — the rules the application form
 * runs — on a draft made of the simulator's values. So both show the same figures and the same messages,
 * and so do the simulator and the application form.
 */
import { z } from "zod";
import { checkApplication, EMPTY_BUDGET_LINE, emptyDraft, messagesByField, type ApplicationDraft } from "~/domain/application-draft";
import { choiceField } from "~/domain/form-fields";
import type { Finding, GrantResult } from "~/domain/grant-calculation";
import { MENU1_ACTIVITY_CODES, PROGRAMMES, type Programme, type ProgrammeParameters } from "~/domain/programmes";

export const INITIAL_LINE_COUNT = 5;
export const MAX_FORM_LINES = 500;

/** Text exactly as typed (not trimmed), so that nothing typed is ever lost on a round trip. */
const typed = z
  .unknown()
  .optional()
  .transform((value): string => (typeof value === "string" ? value : ""));

/** A group of checkboxes: one value when one box is ticked, a list when several are, nothing when none. */
const ticked = z
  .unknown()
  .optional()
  .transform((value): string[] => [value ?? []].flat().filter((v): v is string => typeof v === "string"));

export const SimulatorLineSchema = z.object({ category: typed, activity: typed, amount: typed, description: typed });

/** Exactly what is in the form, as text. Never refuses: what the rules say of it is `simulate`'s answer. */
export const SimulatorValuesSchema = z.object({
  program: choiceField(PROGRAMMES),
  fiscalYear: typed,
  activities: ticked,
  areaPrefectures: ticked,
  areaJustification: typed,
  otherIncome: typed,
  requestedAmount: typed,
  lines: z
    .array(SimulatorLineSchema.catch(() => ({ ...EMPTY_LINE })))
    .catch([])
    .transform((lines) => lines.slice(0, MAX_FORM_LINES)),
});

export type SimulatorValues = z.output<typeof SimulatorValuesSchema>;
export type SimulatorLineValues = SimulatorValues["lines"][number];

export const EMPTY_LINE: SimulatorLineValues = { category: "", activity: "", amount: "", description: "" };

/** An empty simulator for a fiscal year (the page starts on the current one, or the latest with parameters). */
export function initialSimulatorValues(program: Programme, fiscalYear: number): SimulatorValues {
  return {
    program,
    fiscalYear: String(fiscalYear),
    activities: program === "prefectural" ? ["platform"] : [],
    areaPrefectures: [],
    areaJustification: "",
    otherIncome: "",
    requestedAmount: "",
    lines: Array.from({ length: INITIAL_LINE_COUNT }, () => ({ ...EMPTY_LINE })),
  };
}

/** What the form holds (in the browser, as the form library keeps it) read with the form's schema. */
export const readSimulatorValues = (values: unknown): SimulatorValues => SimulatorValuesSchema.parse(values ?? {});

/**
 * What a button of the form asks for when it is posted without JavaScript: "add-line" adds an empty row,
 * "remove-line:N" removes row N; anything else ("recalculate") changes nothing.
 */
export function applyIntent(values: SimulatorValues, intent: unknown): SimulatorValues {
  if (intent === "add-line") {
    return values.lines.length < MAX_FORM_LINES ? { ...values, lines: [...values.lines, { ...EMPTY_LINE }] } : values;
  }
  const removed = typeof intent === "string" ? /^remove-line:(\d+)$/.exec(intent) : null;
  if (removed) return { ...values, lines: values.lines.filter((_, row) => row !== Number(removed[1])) };
  return values;
}

/**
 * The simulator's values as an application draft: the ticked activities (known ones, in the usual order)
 * with nothing planned for them yet, the budget lines and the income. Everything else is left empty — the
 * simulator never asks for a submission's completeness.
 */
export function simulatorDraft(values: SimulatorValues): ApplicationDraft {
  const ticked = new Set(values.activities);
  return {
    ...emptyDraft(values.program),
    activities: MENU1_ACTIVITY_CODES.filter((code) => ticked.has(code)).map((code) => ({ code, content: "", months: [], indicators: "" })),
    areaPrefectures: values.areaPrefectures,
    areaJustification: values.areaJustification,
    otherIncome: values.otherIncome,
    requestedAmount: values.requestedAmount,
    lines: values.lines.map((line) => ({ ...EMPTY_BUDGET_LINE, ...line })),
  };
}

export interface Simulation {
  result: GrantResult;
  /** Every finding, amounts that could not be read included, its path naming the form field. */
  findings: Finding[];
  /** The first message for each form field ("lines.2.amount", "otherIncome", …). */
  fieldMessages: Record<string, string>;
}

/** Runs the application rules on the simulator's values. Blank rows are ignored. */
export function simulate(values: SimulatorValues, parameters: readonly ProgrammeParameters[]): Simulation {
  const { result, findings } = checkApplication(values.program, Number(values.fiscalYear), simulatorDraft(values), parameters);
  const fieldMessages = Object.fromEntries(Object.entries(messagesByField(findings)).map(([path, finding]) => [path, finding.message]));
  return { result, findings, fieldMessages };
}
