/**
 * The simulator form: what the browser and the server both do with what a person typed. The browser runs
 * it on every keystroke, the server on submit (without JavaScript), so both show the same figures and the
 * same messages. Every amount goes through `parseYen`; every rule through `calculateGrant`.
 */
import { calculateGrant, type Finding, type GrantInput, type GrantResult } from "~/domain/grant-calculation";
import { pointAtFormRows } from "./application";
import { parseYen } from "~/domain/money";
import { CURRENT_FISCAL_YEAR, PROGRAMMES, type Programme, type ProgrammeParameters } from "~/domain/programmes";

export interface SimulatorLineValues {
  category: string;
  activity: string;
  amount: string;
  description: string;
}

/** Exactly what is in the form, as text, so that nothing typed is ever lost on a round trip. */
export interface SimulatorValues {
  program: Programme;
  fiscalYear: string;
  activities: string[];
  areaPrefectures: string[];
  areaJustification: string;
  otherIncome: string;
  requestedAmount: string;
  lines: SimulatorLineValues[];
}

export const EMPTY_LINE: SimulatorLineValues = { category: "", activity: "", amount: "", description: "" };
export const INITIAL_LINE_COUNT = 5;
export const MAX_FORM_LINES = 500;

export function initialSimulatorValues(program: Programme = "prefectural"): SimulatorValues {
  return {
    program,
    fiscalYear: String(CURRENT_FISCAL_YEAR),
    activities: program === "prefectural" ? ["platform"] : [],
    areaPrefectures: [],
    areaJustification: "",
    otherIncome: "",
    requestedAmount: "",
    lines: Array.from({ length: INITIAL_LINE_COUNT }, () => ({ ...EMPTY_LINE })),
  };
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export function simulatorValuesFromFormData(form: FormData): SimulatorValues {
  const program = text(form.get("program"));
  const lines: SimulatorLineValues[] = [];
  for (let i = 0; i < MAX_FORM_LINES && form.has(`lines.${i}.amount`); i++) {
    lines.push({
      category: text(form.get(`lines.${i}.category`)),
      activity: text(form.get(`lines.${i}.activity`)),
      amount: text(form.get(`lines.${i}.amount`)),
      description: text(form.get(`lines.${i}.description`)),
    });
  }
  return {
    program: (PROGRAMMES as readonly string[]).includes(program) ? (program as Programme) : "prefectural",
    fiscalYear: text(form.get("fiscalYear")) || String(CURRENT_FISCAL_YEAR),
    activities: form.getAll("activities").map(text),
    areaPrefectures: form.getAll("areaPrefectures").map(text),
    areaJustification: text(form.get("areaJustification")),
    otherIncome: text(form.get("otherIncome")),
    requestedAmount: text(form.get("requestedAmount")),
    lines,
  };
}

const isBlank = (line: SimulatorLineValues) =>
  !line.category && !line.amount.trim() && !line.description.trim() && !line.activity;

export interface Simulation {
  result: GrantResult;
  /** Every finding, amounts that could not be read included, its path naming the form field. */
  findings: Finding[];
  /** The first message for each form field ("lines.2.amount", "otherIncome", …). */
  fieldMessages: Record<string, string>;
}

/** Reads the form's text into the rules' input and runs the rules. Blank rows are ignored. */
export function simulate(values: SimulatorValues, parameters: readonly ProgrammeParameters[]): Simulation {
  const unreadable: Finding[] = [];
  const readAmount = (path: string, raw: string, blankAs?: number): number | undefined => {
    if (!raw.trim() && blankAs !== undefined) return blankAs;
    const parsed = parseYen(raw);
    if (parsed.ok) return parsed.value;
    unreadable.push({ code: "amount-invalid", severity: "error", message: parsed.message, path });
    return undefined;
  };

  const formRowOf: number[] = [];
  const lines: GrantInput["lines"] = [];
  values.lines.forEach((line, row) => {
    if (isBlank(line)) return;
    const amount = readAmount(`lines.${row}.amount`, line.amount);
    if (amount === undefined) return;
    formRowOf.push(row);
    lines.push({
      category: line.category,
      amount,
      ...(values.program === "prefectural" && line.activity ? { activity: line.activity } : {}),
      ...(line.description.trim() ? { description: line.description.trim() } : {}),
    });
  });

  const otherIncome = readAmount("otherIncome", values.otherIncome, 0);
  const requestedAmount = values.requestedAmount.trim() ? readAmount("requestedAmount", values.requestedAmount) : undefined;
  const input = {
    program: values.program,
    fiscalYear: Number(values.fiscalYear),
    ...(values.program === "prefectural"
      ? { activities: values.activities }
      : { areaPrefectures: values.areaPrefectures, areaJustification: values.areaJustification }),
    otherIncome: otherIncome ?? 0,
    ...(requestedAmount !== undefined ? { requestedAmount } : {}),
    lines,
  };
  const result = calculateGrant(input, parameters);

  const findings = [...unreadable, ...pointAtFormRows(result.findings, formRowOf)];
  const fieldMessages: Record<string, string> = {};
  for (const f of findings) fieldMessages[f.path] ??= f.message;
  return { result, findings, fieldMessages };
}
