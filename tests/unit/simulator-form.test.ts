import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { formValues, readForm } from "../../app/forms/read-form";
import { applyIntent, EMPTY_LINE, initialSimulatorValues, simulate, SimulatorValuesSchema, type SimulatorValues } from "../../app/forms/simulator";

/** The form as the server reads it: with the simulator's schema, from the posted fields. */
async function simulatorValuesFromFormData(form: FormData): Promise<SimulatorValues> {
  const read = await readForm(SimulatorValuesSchema, formValues(form));
  if (!read.ok) throw new Error(`the simulator's schema refused the form: ${JSON.stringify(read.errors)}`);
  return read.value;
}

const menu2 = (change: Partial<SimulatorValues> = {}): SimulatorValues => ({
  ...initialSimulatorValues("intermediary", 2026),
  areaPrefectures: ["13", "14"],
  ...change,
});

describe("the simulator form", () => {
  it("reads amounts as people type them and gives the worked example of docs/domain.md §3", () => {
    const { result, findings } = simulate(
      menu2({
        otherIncome: "５００，０００円",
        lines: [
          { ...EMPTY_LINE, category: "travel", amount: "7,000,000" },
          { ...EMPTY_LINE, category: "ineligible", amount: " 200000 円" },
        ],
      }),
      DEFAULT_PROGRAMME_PARAMETERS,
    );
    expect(findings).toEqual([]);
    expect(result).toMatchObject({
      totalProjectCost: 7_200_000,
      otherIncome: 500_000,
      eligibleExpenses: 7_000_000,
      selectedAmount: 6_700_000,
      grantAmount: 4_466_000,
    });
  });

  it("ignores blank rows and points findings at the row of the form, not the rules' numbering", () => {
    const { findings, fieldMessages } = simulate(
      menu2({
        lines: [
          { ...EMPTY_LINE },
          { ...EMPTY_LINE, category: "travel", amount: "100000" },
          { ...EMPTY_LINE },
          { ...EMPTY_LINE, category: "subsidies", amount: "50000" },
        ],
      }),
      DEFAULT_PROGRAMME_PARAMETERS,
    );
    expect(findings.map((f) => [f.code, f.path])).toEqual([["category-not-eligible", "lines.3.category"]]);
    expect(fieldMessages["lines.3.category"]).toMatch(/補助金/);
  });

  it("reports an amount it cannot read at that field and leaves it out of the totals", () => {
    const { result, fieldMessages } = simulate(
      menu2({
        lines: [
          { ...EMPTY_LINE, category: "travel", amount: "abc" },
          { ...EMPTY_LINE, category: "travel", amount: "-5000" },
          { ...EMPTY_LINE, category: "rent", amount: "300000" },
        ],
      }),
      DEFAULT_PROGRAMME_PARAMETERS,
    );
    expect(fieldMessages["lines.0.amount"]).toMatch(/数字で入力/);
    expect(fieldMessages["lines.1.amount"]).toMatch(/マイナス/);
    expect(result.totalProjectCost).toBe(300_000);
  });

  it("treats blank other income as 0 but a blank line amount as missing", () => {
    const { result, fieldMessages } = simulate(menu2({ lines: [{ ...EMPTY_LINE, category: "travel", amount: "" }] }), DEFAULT_PROGRAMME_PARAMETERS);
    expect(result.otherIncome).toBe(0);
    expect(fieldMessages["lines.0.amount"]).toBe("金額を入力してください。");
  });

  it("keeps every typed value through a form round trip, bad ones included", async () => {
    const values = menu2({
      areaJustification: "県内全域の団体を支援するため",
      otherIncome: "abc",
      lines: [{ category: "travel", activity: "", amount: "１２万", description: "旅費" }],
    });
    const form = new FormData();
    form.set("program", values.program);
    form.set("fiscalYear", values.fiscalYear);
    for (const code of values.areaPrefectures) form.append("areaPrefectures", code);
    form.set("areaJustification", values.areaJustification);
    form.set("otherIncome", values.otherIncome);
    form.set("requestedAmount", values.requestedAmount);
    values.lines.forEach((line, i) => {
      for (const [key, value] of Object.entries(line)) form.set(`lines.${i}.${key}`, value);
    });

    expect(await simulatorValuesFromFormData(form)).toEqual(values);
  });

  it("reads one ticked box as a list of one, and adds or removes rows as the buttons ask", async () => {
    const form = new FormData();
    form.set("program", "prefectural");
    form.append("activities", "platform");
    form.set("lines.0.amount", "1");
    form.set("lines.1.amount", "2");
    const values = await simulatorValuesFromFormData(form);
    expect(values.activities).toEqual(["platform"]);
    expect(values.lines.map((l) => l.amount)).toEqual(["1", "2"]);
    expect(applyIntent(values, "add-line").lines).toEqual([...values.lines, EMPTY_LINE]);
    expect(applyIntent(values, "remove-line:0").lines.map((l) => l.amount)).toEqual(["2"]);
    expect(applyIntent(values, "recalculate")).toBe(values);
  });
});
