import { describe, expect, it } from "vitest";
import { GrantInputSchema, calculateGrant, validateProgrammeParameters, type FindingCode } from "../../app/domain/grant-calculation";
import { DEFAULT_PROGRAMME_PARAMETERS, MENU1_ACTIVITIES, type ProgrammeParameters } from "../../app/domain/programmes";

type Line = { category: string; activity?: string; amount?: unknown; description?: string };

/** A Menu 1 budget with a valid plan (platform, ①, ⑦, ⑧); lines are charged to ① unless they say otherwise. */
function menu1(lines: Line[], extra: Record<string, unknown> = {}) {
  return {
    program: "prefectural",
    fiscalYear: 2026,
    activities: ["platform", "a1", "a7", "a8"],
    otherIncome: 0,
    lines: lines.map((line) => ({ activity: "a1", ...line })),
    ...extra,
  };
}

/** A Menu 2 budget over two prefectures. */
function menu2(lines: Line[], extra: Record<string, unknown> = {}) {
  return { program: "intermediary", fiscalYear: 2026, areaPrefectures: ["13", "14"], otherIncome: 0, lines, ...extra };
}

const codes = (input: unknown) => calculateGrant(input).findings.map((f) => f.code);

function parameters(programme: "prefectural" | "intermediary", fiscalYear = 2026): ProgrammeParameters {
  const found = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.programme === programme && p.fiscalYear === fiscalYear);
  if (!found) throw new Error("no default parameters");
  return found;
}

describe("the worked example of docs/domain.md §3", () => {
  it("computes A–E, the grant and the share of a Menu 2 budget with an ineligible line and other income", () => {
    const result = calculateGrant(
      menu2(
        [
          { category: "salaries", amount: 4_000_000 },
          { category: "outsourcing", amount: 3_000_000 },
          { category: "ineligible", amount: 200_000, description: "懇親会" },
        ],
        { otherIncome: 500_000 },
      ),
    );
    expect(result).toEqual({
      totalProjectCost: 7_200_000,
      otherIncome: 500_000,
      eligibleExpenses: 7_000_000,
      baseAmount: 9_000_000,
      selectedAmount: 6_700_000,
      rate: { numerator: 2, denominator: 3 },
      ceiling: 6_000_000,
      grantAmount: 4_466_000,
      applicantShare: 2_534_000,
      findings: [],
    });
  });
});

describe("the grant is the selected amount times the rate, cut to the 1,000円 below", () => {
  // Menu 1 (1/2): the selected amount E is the single eligible line; expectations worked out by hand.
  it.each([
    { name: "zero gives zero", e: 0, grant: 0 },
    { name: "one yen gives zero", e: 1, grant: 0 },
    { name: "1,999円 gives 999.5円, cut to zero", e: 1_999, grant: 0 },
    { name: "2,000円 gives exactly 1,000円", e: 2_000, grant: 1_000 },
    { name: "2,001円 gives 1,000.5円, cut to 1,000円", e: 2_001, grant: 1_000 },
    { name: "3,999円 gives 1,999.5円, cut to 1,000円", e: 3_999, grant: 1_000 },
    { name: "4,000円 gives exactly 2,000円", e: 4_000, grant: 2_000 },
    { name: "7,999,999円 gives 3,999,999.5円, cut to 3,999,000円", e: 7_999_999, grant: 3_999_000 },
  ])("Menu 1 at 1/2: $name", ({ e, grant }) => {
    const result = calculateGrant(menu1([{ category: "supplies", amount: e }]));
    expect(result.selectedAmount).toBe(e);
    expect(result.grantAmount).toBe(grant);
  });

  it.each([
    { name: "1,499円 gives 999.33円, cut to zero", e: 1_499, grant: 0 },
    { name: "1,500円 gives exactly 1,000円", e: 1_500, grant: 1_000 },
    { name: "1,501円 gives 1,000.67円, cut to 1,000円", e: 1_501, grant: 1_000 },
    { name: "2,999円 gives 1,999.33円, cut to 1,000円", e: 2_999, grant: 1_000 },
    { name: "3,000円 gives exactly 2,000円", e: 3_000, grant: 2_000 },
    { name: "4,499円 gives 2,999.33円, cut to 2,000円", e: 4_499, grant: 2_000 },
    { name: "4,500円 gives exactly 3,000円", e: 4_500, grant: 3_000 },
    { name: "6,700,000円 gives 4,466,666.67円, cut to 4,466,000円", e: 6_700_000, grant: 4_466_000 },
    { name: "8,999,999円 gives 5,999,999.33円, cut to 5,999,000円", e: 8_999_999, grant: 5_999_000 },
  ])("Menu 2 at 2/3: $name", ({ e, grant }) => {
    const result = calculateGrant(menu2([{ category: "supplies", amount: e }]));
    expect(result.selectedAmount).toBe(e);
    expect(result.grantAmount).toBe(grant);
  });
});

describe("the base amount caps the selected amount", () => {
  it.each([
    { name: "Menu 1 one thousand yen below its base", input: menu1, c: 7_999_000, e: 7_999_000, grant: 3_999_000 },
    { name: "Menu 1 at its base reaches the 4,000,000円 ceiling", input: menu1, c: 8_000_000, e: 8_000_000, grant: 4_000_000 },
    { name: "Menu 1 above its base stays at the ceiling", input: menu1, c: 8_001_000, e: 8_000_000, grant: 4_000_000 },
    { name: "Menu 1 far above its base stays at the ceiling", input: menu1, c: 50_000_000, e: 8_000_000, grant: 4_000_000 },
    { name: "Menu 2 one thousand yen below its base", input: menu2, c: 8_999_000, e: 8_999_000, grant: 5_999_000 },
    { name: "Menu 2 at its base reaches the 6,000,000円 ceiling", input: menu2, c: 9_000_000, e: 9_000_000, grant: 6_000_000 },
    { name: "Menu 2 above its base stays at the ceiling", input: menu2, c: 9_001_000, e: 9_000_000, grant: 6_000_000 },
  ])("$name", ({ input, c, e, grant }) => {
    const result = calculateGrant(input([{ category: "salaries", amount: c }]));
    expect(result.eligibleExpenses).toBe(c);
    expect(result.selectedAmount).toBe(e);
    expect(result.grantAmount).toBe(grant);
    expect(result.applicantShare).toBe(c - grant);
    expect(result.findings).toEqual([]);
  });

  it("shows each menu's ceiling and rate from the parameters", () => {
    const one = calculateGrant(menu1([{ category: "salaries", amount: 1_000 }]));
    const two = calculateGrant(menu2([{ category: "salaries", amount: 1_000 }]));
    expect([one.ceiling, one.rate, one.baseAmount]).toEqual([4_000_000, { numerator: 1, denominator: 2 }, 8_000_000]);
    expect([two.ceiling, two.rate, two.baseAmount]).toEqual([6_000_000, { numerator: 2, denominator: 3 }, 9_000_000]);
  });
});

describe("other income reduces the selected amount through A − B", () => {
  it.each([
    { name: "income below cost leaves A − B as the selected amount", b: 400_000, e: 600_000, grant: 300_000, error: false },
    { name: "income one yen below cost leaves one yen", b: 999_999, e: 1, grant: 0, error: false },
    { name: "income equal to cost leaves nothing to fund, without an error", b: 1_000_000, e: 0, grant: 0, error: false },
    { name: "income above cost is an error and the selected amount stays at zero", b: 1_000_001, e: 0, grant: 0, error: true },
  ])("$name", ({ b, e, grant, error }) => {
    const result = calculateGrant(menu1([{ category: "salaries", amount: 1_000_000 }], { otherIncome: b }));
    expect(result.otherIncome).toBe(b);
    expect(result.selectedAmount).toBe(e);
    expect(result.grantAmount).toBe(grant);
    expect(result.findings.map((f) => f.code)).toEqual(error ? ["other-income-exceeds-cost"] : []);
  });
});

describe("amounts up to 10,000,000,000円 are exact", () => {
  it("sums three lines of 10,000,000,000円 and a one-yen line to the yen", () => {
    const result = calculateGrant(
      menu2([
        { category: "salaries", amount: 10_000_000_000 },
        { category: "rent", amount: 10_000_000_000 },
        { category: "ineligible", amount: 10_000_000_000 },
        { category: "supplies", amount: 1 },
      ]),
    );
    expect(result.totalProjectCost).toBe(30_000_000_001);
    expect(result.eligibleExpenses).toBe(20_000_000_001);
    expect(result.selectedAmount).toBe(9_000_000);
    expect(result.grantAmount).toBe(6_000_000);
    expect(result.applicantShare).toBe(20_000_000_001 - 6_000_000);
  });

  it("accepts other income of 10,000,000,000円 against a cost of the same", () => {
    const result = calculateGrant(menu2([{ category: "salaries", amount: 10_000_000_000 }], { otherIncome: 10_000_000_000 }));
    expect(result.selectedAmount).toBe(0);
    expect(result.findings).toEqual([]);
  });

  it("cuts the fraction exactly where E × numerator is beyond what a float holds exactly", () => {
    // 6,003,000,001 × 2,999,999 = 18,008,993,999,999,999; over 3,000,000,000 that is 6,002,997.999…
    // thousands, which a float product rounds up to 6,002,998.
    const odd: ProgrammeParameters = {
      ...parameters("intermediary"),
      rate: { numerator: 2_999_999, denominator: 3_000_000 },
      baseAmount: 9_000_000_000,
      ceiling: 8_999_997_000,
    };
    const result = calculateGrant(menu2([{ category: "salaries", amount: 6_003_000_001 }]), odd);
    expect(result.grantAmount).toBe(6_002_997_000);
  });
});

describe("checks on a budget", () => {
  const severities: Record<FindingCode, "error" | "warning"> = {
    "input-invalid": "error",
    "empty-budget": "error",
    "amount-invalid": "error",
    "category-not-eligible": "error",
    "platform-required": "error",
    "activities-too-few": "error",
    "activity-not-selected": "error",
    "subsidy-activity-restricted": "error",
    "other-income-exceeds-cost": "error",
    "requested-exceeds-maximum": "error",
    "area-justification-required": "error",
    "area-single-prefecture": "warning",
    "asset-restriction": "warning",
    "minor-repairs-review": "warning",
    "outsourcing-share-high": "warning",
  };
  const supplies = { category: "supplies", amount: 100_000 };

  const cases: { name: string; code: FindingCode; input: unknown; path?: string }[] = [
    // A row with a path expects the finding there; a row without expects the code not to fire at all.
    { name: "a budget without lines is empty", code: "empty-budget", input: menu1([]), path: "lines" },
    { name: "a budget with one line is not empty", code: "empty-budget", input: menu1([supplies]) },
    { name: "a negative line amount is refused", code: "amount-invalid", input: menu1([{ category: "supplies", amount: -1 }]), path: "lines.0.amount" },
    { name: "a zero line amount is accepted", code: "amount-invalid", input: menu1([{ category: "supplies", amount: 0 }]) },
    { name: "a fractional line amount is refused", code: "amount-invalid", input: menu1([{ category: "supplies", amount: 1.5 }]), path: "lines.0.amount" },
    {
      name: "a line amount given as a string is refused",
      code: "amount-invalid",
      input: menu1([supplies, { category: "supplies", amount: "1000" }]),
      path: "lines.1.amount",
    },
    { name: "a line without an amount is refused", code: "amount-invalid", input: menu1([{ category: "supplies" }]), path: "lines.0.amount" },
    { name: "a line amount of NaN is refused", code: "amount-invalid", input: menu1([{ category: "supplies", amount: Number.NaN }]), path: "lines.0.amount" },
    { name: "a line amount of exactly 10,000,000,000円 is accepted", code: "amount-invalid", input: menu1([{ category: "supplies", amount: 10_000_000_000 }]) },
    {
      name: "a line amount one yen above 10,000,000,000円 is refused",
      code: "amount-invalid",
      input: menu1([{ category: "supplies", amount: 10_000_000_001 }]),
      path: "lines.0.amount",
    },
    { name: "negative other income is refused", code: "amount-invalid", input: menu1([supplies], { otherIncome: -1 }), path: "otherIncome" },
    { name: "a fractional requested amount is refused", code: "amount-invalid", input: menu1([supplies], { requestedAmount: 0.5 }), path: "requestedAmount" },
    {
      name: "subsidies are not funded by Menu 2",
      code: "category-not-eligible",
      input: menu2([{ category: "subsidies", amount: 1_000 }]),
      path: "lines.0.category",
    },
    { name: "subsidies under ⑦ are funded by Menu 1", code: "category-not-eligible", input: menu1([{ category: "subsidies", activity: "a7", amount: 1_000 }]) },
    { name: "an unknown category is not funded", code: "category-not-eligible", input: menu1([{ category: "food", amount: 1_000 }]), path: "lines.0.category" },
    {
      name: "an ineligible line is allowed in the total project cost",
      code: "category-not-eligible",
      input: menu2([{ category: "ineligible", amount: 1_000 }]),
    },
    { name: "Menu 1 without the platform is refused", code: "platform-required", input: menu1([supplies], { activities: ["a1", "a2"] }), path: "activities" },
    {
      name: "Menu 1 with no activities at all lacks the platform",
      code: "platform-required",
      input: menu1([supplies], { activities: undefined }),
      path: "activities",
    },
    { name: "Menu 1 with the platform is accepted", code: "platform-required", input: menu1([supplies]) },
    { name: "Menu 2 needs no platform", code: "platform-required", input: menu2([supplies]) },
    {
      name: "Menu 1 with one of ①–⑩ has too few",
      code: "activities-too-few",
      input: menu1([supplies], { activities: ["platform", "a1"] }),
      path: "activities",
    },
    {
      name: "Menu 1 with ① twice still has one",
      code: "activities-too-few",
      input: menu1([supplies], { activities: ["platform", "a1", "a1"] }),
      path: "activities",
    },
    { name: "Menu 1 with two of ①–⑩ has enough", code: "activities-too-few", input: menu1([supplies], { activities: ["platform", "a1", "a2"] }) },
    { name: "Menu 2 has no activity codes to count", code: "activities-too-few", input: menu2([supplies]) },
    {
      name: "a Menu 1 line charged to an activity outside the plan is refused",
      code: "activity-not-selected",
      input: menu1([{ category: "supplies", activity: "a3", amount: 1_000 }]),
      path: "lines.0.activity",
    },
    {
      name: "a Menu 1 line without an activity is refused",
      code: "activity-not-selected",
      input: menu1([{ category: "supplies", activity: "", amount: 1_000 }]),
      path: "lines.0.activity",
    },
    {
      name: "a Menu 1 line charged to the platform is accepted",
      code: "activity-not-selected",
      input: menu1([{ category: "supplies", activity: "platform", amount: 1_000 }]),
    },
    { name: "a Menu 2 line needs no activity code", code: "activity-not-selected", input: menu2([supplies]) },
    {
      name: "subsidies under ① are refused",
      code: "subsidy-activity-restricted",
      input: menu1([{ category: "subsidies", activity: "a1", amount: 1_000 }]),
      path: "lines.0.activity",
    },
    { name: "subsidies under ⑦ are accepted", code: "subsidy-activity-restricted", input: menu1([{ category: "subsidies", activity: "a7", amount: 1_000 }]) },
    { name: "subsidies under ⑧ are accepted", code: "subsidy-activity-restricted", input: menu1([{ category: "subsidies", activity: "a8", amount: 1_000 }]) },
    {
      name: "other income one yen above the cost is refused",
      code: "other-income-exceeds-cost",
      input: menu1([supplies], { otherIncome: 100_001 }),
      path: "otherIncome",
    },
    { name: "other income equal to the cost is accepted", code: "other-income-exceeds-cost", input: menu1([supplies], { otherIncome: 100_000 }) },
    {
      name: "a request one yen above the computed grant is refused",
      code: "requested-exceeds-maximum",
      input: menu1([supplies], { requestedAmount: 50_001 }),
      path: "requestedAmount",
    },
    { name: "a request equal to the computed grant is accepted", code: "requested-exceeds-maximum", input: menu1([supplies], { requestedAmount: 50_000 }) },
    { name: "a request below the computed grant is accepted", code: "requested-exceeds-maximum", input: menu1([supplies], { requestedAmount: 10_000 }) },
    {
      name: "Menu 2 in one prefecture without a reason is refused",
      code: "area-justification-required",
      input: menu2([supplies], { areaPrefectures: ["13"] }),
      path: "areaJustification",
    },
    {
      name: "Menu 2 with no area and no reason is refused",
      code: "area-justification-required",
      input: menu2([supplies], { areaPrefectures: undefined }),
      path: "areaJustification",
    },
    {
      name: "Menu 2 naming one prefecture twice is still one prefecture",
      code: "area-justification-required",
      input: menu2([supplies], { areaPrefectures: ["13", "13"] }),
      path: "areaJustification",
    },
    {
      name: "Menu 2 with only blanks as a reason has no reason",
      code: "area-justification-required",
      input: menu2([supplies], { areaPrefectures: ["13"], areaJustification: " 　" }),
      path: "areaJustification",
    },
    {
      name: "Menu 2 in one prefecture with a reason needs no more",
      code: "area-justification-required",
      input: menu2([supplies], { areaPrefectures: ["13"], areaJustification: "離島を含む広域で実施するため" }),
    },
    { name: "Menu 2 over two prefectures needs no reason", code: "area-justification-required", input: menu2([supplies]) },
    {
      name: "Menu 2 in one prefecture with a reason is flagged",
      code: "area-single-prefecture",
      input: menu2([supplies], { areaPrefectures: ["13"], areaJustification: "離島を含む広域で実施するため" }),
      path: "areaPrefectures",
    },
    {
      name: "Menu 2 in one prefecture without a reason gets the error instead",
      code: "area-single-prefecture",
      input: menu2([supplies], { areaPrefectures: ["13"] }),
    },
    { name: "Menu 2 over two prefectures is not flagged", code: "area-single-prefecture", input: menu2([supplies]) },
    { name: "Menu 1 has no area rule", code: "area-single-prefecture", input: menu1([supplies]) },
    { name: "equipment of 499,999円 is below the restriction", code: "asset-restriction", input: menu1([{ category: "equipment", amount: 499_999 }]) },
    {
      name: "equipment of 500,000円 is restricted property",
      code: "asset-restriction",
      input: menu1([{ category: "equipment", amount: 500_000 }]),
      path: "lines.0.amount",
    },
    { name: "supplies of 500,000円 are not property", code: "asset-restriction", input: menu1([{ category: "supplies", amount: 500_000 }]) },
    {
      name: "any minor repair is flagged for review",
      code: "minor-repairs-review",
      input: menu2([{ category: "minor_repairs", amount: 1 }]),
      path: "lines.0.category",
    },
    { name: "a budget without repairs is not flagged", code: "minor-repairs-review", input: menu2([supplies]) },
    {
      name: "outsourcing of exactly 50% of C is not flagged",
      code: "outsourcing-share-high",
      input: menu2([
        { category: "outsourcing", amount: 500_000 },
        { category: "salaries", amount: 500_000 },
      ]),
    },
    {
      name: "outsourcing one yen over 50% of C is flagged",
      code: "outsourcing-share-high",
      input: menu2([
        { category: "outsourcing", amount: 500_001 },
        { category: "salaries", amount: 499_999 },
      ]),
      path: "lines",
    },
    {
      name: "outsourcing one yen over 50% through a smaller C is flagged",
      code: "outsourcing-share-high",
      input: menu2([
        { category: "outsourcing", amount: 500_000 },
        { category: "salaries", amount: 499_999 },
      ]),
      path: "lines",
    },
    {
      name: "ineligible lines do not count in C when judging the outsourcing share",
      code: "outsourcing-share-high",
      input: menu2([
        { category: "outsourcing", amount: 500_000 },
        { category: "salaries", amount: 500_000 },
        { category: "ineligible", amount: 1_000_000 },
      ]),
    },
  ];

  it.each(cases)("$name", ({ code, input, path }) => {
    const findings = calculateGrant(input).findings.filter((f) => f.code === code);
    if (path === undefined) {
      expect(findings).toEqual([]);
    } else {
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ path, severity: severities[code] });
    }
  });

  it("gives each finding a Japanese message that says how to put it right", () => {
    const result = calculateGrant(
      menu1(
        [
          { category: "subsidies", activity: "a3", amount: 600_000 },
          { category: "equipment", activity: "a1", amount: 600_000 },
          { category: "minor_repairs", activity: "a1", amount: 100_000 },
        ],
        { activities: ["a1"], otherIncome: 10_000_000, requestedAmount: 1 },
      ),
    );
    const message = (code: FindingCode) => result.findings.find((f) => f.code === code)?.message ?? "";
    expect(message("platform-required")).toContain("地方版官民連携プラットフォームの構築");
    expect(message("activities-too-few")).toContain("2つ以上");
    expect(message("subsidy-activity-restricted")).toContain("補助金は活動⑦または⑧にのみ計上できます");
    expect(message("activity-not-selected")).toContain("③ 関係者間の活動等に係る情報共有や相互啓発活動");
    expect(message("asset-restriction")).toContain("財産処分制限");
    expect(message("other-income-exceeds-cost")).toContain("10,000,000円");
    expect(message("requested-exceeds-maximum")).toContain("0円以下にしてください");
    for (const f of result.findings) expect(f.message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it("says that review aids are 審査上の確認事項, not rules", () => {
    const result = calculateGrant(
      menu2([
        { category: "outsourcing", amount: 2 },
        { category: "minor_repairs", amount: 1 },
      ]),
    );
    const aids = result.findings.filter((f) => f.code === "outsourcing-share-high" || f.code === "minor-repairs-review");
    expect(aids).toHaveLength(2);
    for (const f of aids) expect(f.message).toContain("審査上の確認事項");
  });
});

describe("input that does not fit the schema", () => {
  it("reports an unknown programme at its path and still totals the lines", () => {
    const result = calculateGrant({ ...menu2([{ category: "salaries", amount: 1_000 }]), program: "menu3" });
    expect(result.findings).toEqual([expect.objectContaining({ code: "input-invalid", path: "program", severity: "error" })]);
    expect(result.totalProjectCost).toBe(1_000);
    expect(result.grantAmount).toBe(0);
  });

  it("totals only the lines that can be read when one amount is a string", () => {
    const result = calculateGrant(
      menu2([
        { category: "salaries", amount: 3_000 },
        { category: "rent", amount: "3,000" },
        { category: "ineligible", amount: 1_000 },
      ]),
    );
    expect(result.findings.map((f) => [f.code, f.path])).toEqual([["amount-invalid", "lines.1.amount"]]);
    expect([result.totalProjectCost, result.eligibleExpenses, result.grantAmount]).toEqual([4_000, 3_000, 2_000]);
  });

  it("does not judge totals of a partly unreadable budget", () => {
    const input = menu2([{ category: "salaries", amount: "lots" }], { otherIncome: 5_000, requestedAmount: 5_000 });
    expect(codes(input)).toEqual(["amount-invalid"]);
  });

  it.each([
    { name: "missing lines", input: { program: "intermediary", fiscalYear: 2026, otherIncome: 0 }, path: "lines" },
    { name: "lines that are not a list", input: menu2([], { lines: "none" }), path: "lines" },
    { name: "a missing fiscal year", input: menu2([], { fiscalYear: undefined }), path: "fiscalYear" },
    { name: "a fiscal year given as text", input: menu2([], { fiscalYear: "令和8年度" }), path: "fiscalYear" },
    { name: "an unknown activity code in the plan", input: menu1([], { activities: ["platform", "a1", "a2", "a11"] }), path: "activities.3" },
    { name: "an unknown prefecture code", input: menu2([], { areaPrefectures: ["13", "48"] }), path: "areaPrefectures.1" },
    { name: "a line without a category", input: menu2([{ category: "", amount: 1 }]), path: "lines.0.category" },
  ])("reports $name as input-invalid at its path", ({ input, path }) => {
    const found = calculateGrant(input).findings.filter((f) => f.code === "input-invalid");
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0]?.message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it("reports a missing other income as an invalid amount", () => {
    const { otherIncome: _, ...input } = menu2([{ category: "salaries", amount: 1_000 }]);
    expect(calculateGrant(input).findings).toEqual([
      expect.objectContaining({ code: "amount-invalid", path: "otherIncome", message: "寄付金その他の収入額を入力してください。" }),
    ]);
  });

  it("reports a fiscal year without parameters and computes no grant", () => {
    const result = calculateGrant(menu2([{ category: "salaries", amount: 9_000_000 }], { fiscalYear: 2031 }));
    expect(result.findings).toEqual([expect.objectContaining({ code: "input-invalid", path: "fiscalYear" })]);
    expect(result.findings[0]?.message).toContain("令和13年度");
    expect(result).toMatchObject({ totalProjectCost: 9_000_000, baseAmount: 0, ceiling: 0, grantAmount: 0 });
  });

  it.each([
    { name: "null", input: null },
    { name: "a string", input: "budget" },
    { name: "a list", input: [] },
    { name: "undefined", input: undefined },
  ])("reports $name as one unreadable input with zero totals", ({ input }) => {
    const result = calculateGrant(input);
    expect(result.findings.map((f) => f.code)).toEqual(["input-invalid"]);
    expect([result.totalProjectCost, result.eligibleExpenses, result.grantAmount, result.applicantShare]).toEqual([0, 0, 0, 0]);
  });
});

describe("choosing the parameters", () => {
  const budget = menu2([{ category: "salaries", amount: 12_000_000 }], { fiscalYear: 2027 });
  const fy2027: ProgrammeParameters = {
    ...parameters("intermediary"),
    fiscalYear: 2027,
    baseAmount: 12_000_000,
    ceiling: 8_000_000,
  };

  it("uses a single set of parameters given for the input's year and programme", () => {
    expect(calculateGrant(budget, fy2027).grantAmount).toBe(8_000_000);
  });

  it("picks the input's year and programme from a list", () => {
    const list = [parameters("prefectural"), { ...fy2027, programme: "prefectural" as const, eligibleCategories: [] }, fy2027];
    expect(calculateGrant(budget, list).grantAmount).toBe(8_000_000);
  });

  it("throws on parameters for another programme, a programmer's error", () => {
    expect(() => calculateGrant(budget, { ...fy2027, programme: "prefectural" })).toThrow(/prefectural/);
  });

  it("throws on parameters for another fiscal year", () => {
    expect(() => calculateGrant(budget, parameters("intermediary"))).toThrow(/fiscal year/);
  });

  it("throws on parameters whose ceiling is not the base amount times the rate", () => {
    expect(() => calculateGrant(budget, { ...fy2027, ceiling: 8_000_001 })).toThrow(/交付上限額/);
  });

  it("takes the eligible categories from the parameters", () => {
    const noRent = { ...fy2027, eligibleCategories: fy2027.eligibleCategories.filter((c) => c !== "rent") };
    const result = calculateGrant(menu2([{ category: "rent", amount: 1_000 }], { fiscalYear: 2027 }), noRent);
    expect(result.eligibleExpenses).toBe(0);
    expect(result.findings.map((f) => f.code)).toEqual(["category-not-eligible"]);
  });
});

describe("validateProgrammeParameters", () => {
  it("finds nothing wrong with the defaults of every year", () => {
    expect(DEFAULT_PROGRAMME_PARAMETERS.length).toBeGreaterThan(0);
    for (const p of DEFAULT_PROGRAMME_PARAMETERS) expect(validateProgrammeParameters(p)).toEqual([]);
  });

  const base = parameters("intermediary");
  it.each([
    { name: "a ceiling one yen above base × rate", p: { ...base, ceiling: 6_000_001 }, problem: "交付上限額" },
    { name: "a ceiling one yen below base × rate", p: { ...base, ceiling: 5_999_999 }, problem: "交付上限額" },
    { name: "a base amount whose rate is not a whole yen", p: { ...base, baseAmount: 9_000_001, ceiling: 6_000_000 }, problem: "交付上限額" },
    { name: "a zero rate", p: { ...base, rate: { numerator: 0, denominator: 3 }, ceiling: 0 }, problem: "交付率" },
    { name: "a rate above one", p: { ...base, rate: { numerator: 4, denominator: 3 }, ceiling: 12_000_000 }, problem: "交付率" },
    { name: "a zero denominator", p: { ...base, rate: { numerator: 1, denominator: 0 } }, problem: "交付率" },
    { name: "a fractional numerator", p: { ...base, rate: { numerator: 1.5, denominator: 3 }, ceiling: 4_500_000 }, problem: "交付率" },
    { name: "a negative base amount", p: { ...base, baseAmount: -9_000_000 }, problem: "交付基準額" },
    { name: "a fractional budget", p: { ...base, programmeBudget: 0.5 }, problem: "予算額" },
    { name: "an unsafe threshold", p: { ...base, assetRestrictionThreshold: 2 ** 53 }, problem: "財産処分制限" },
    { name: "an outsourcing percentage over 100", p: { ...base, outsourcingWarningPercent: 101 }, problem: "委託費" },
    { name: "an unknown eligible category", p: { ...base, eligibleCategories: ["food" as never] }, problem: "food" },
    { name: "ineligible counted as eligible", p: { ...base, eligibleCategories: ["ineligible" as const] }, problem: "対象外経費" },
    { name: "subsidies eligible in Menu 2", p: { ...base, eligibleCategories: ["subsidies" as const] }, problem: "補助金" },
  ])("refuses $name", ({ p, problem }) => {
    const problems = validateProgrammeParameters(p);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it("accepts a zero base amount with a zero ceiling", () => {
    expect(validateProgrammeParameters({ ...base, baseAmount: 0, ceiling: 0 })).toEqual([]);
  });
});

describe("GrantInputSchema", () => {
  it("accepts the worked example as typed input", () => {
    const parsed = GrantInputSchema.safeParse(menu2([{ category: "salaries", amount: 7_000_000 }], { otherIncome: 500_000 }));
    expect(parsed.success).toBe(true);
  });

  it("refuses a string amount with a Japanese message at the line's amount", () => {
    const parsed = GrantInputSchema.safeParse(menu2([{ category: "salaries", amount: "7000000" }]));
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["lines.0.amount", "金額は数値（1円単位の整数）で入力してください。"]]);
  });
});

describe("MENU1_ACTIVITIES", () => {
  it("lists the platform and ①–⑩ in order with the names of docs/domain.md §2", () => {
    expect(MENU1_ACTIVITIES.map((a) => a.code)).toEqual(["platform", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"]);
    expect(
      MENU1_ACTIVITIES.slice(1)
        .map((a) => a.label)
        .join(""),
    ).toBe("①②③④⑤⑥⑦⑧⑨⑩");
    expect(MENU1_ACTIVITIES[0]?.name).toBe("地方版官民連携プラットフォームの構築");
    expect(MENU1_ACTIVITIES[7]?.name).toBe("相談体制の整備や居場所の設置、交流機会の創出など当事者等への支援");
    expect(MENU1_ACTIVITIES[10]?.name).toBe("その他内閣府が必要と認める取組");
  });
});
