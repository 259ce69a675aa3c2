import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BudgetLineSchema, calculateGrant, isWellFormedLine } from "../../app/domain/grant-calculation";
import { EXPENSE_CATEGORIES } from "../../app/domain/programmes";

const MAX = 10_000_000_000;

/** What each menu funds, written out here rather than taken from the parameters under test. */
const FUNDED: Record<"prefectural" | "intermediary", ReadonlySet<string>> = {
  prefectural: new Set(EXPENSE_CATEGORIES.filter((c) => c !== "ineligible")),
  intermediary: new Set(EXPENSE_CATEGORIES.filter((c) => c !== "ineligible" && c !== "subsidies")),
};

const amount = fc.oneof(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: 20_000_000 }));
const budget = fc.record({
  program: fc.constantFrom("prefectural" as const, "intermediary" as const),
  otherIncome: fc.oneof(fc.constant(0), amount),
  lines: fc.array(fc.record({ category: fc.constantFrom(...EXPENSE_CATEGORIES), amount }), { maxLength: 30 }),
});
type Budget = typeof budget extends fc.Arbitrary<infer T> ? T : never;
const input = (b: Budget) => ({
  ...b,
  fiscalYear: 2026,
  activities: ["platform", "a7", "a8"],
  areaPrefectures: ["01", "47"],
  lines: b.lines.map((line) => ({ ...line, activity: "a7" })),
});

describe("properties of the grant", () => {
  it("is a whole multiple of 1,000円, never negative, never above the ceiling", () => {
    fc.assert(
      fc.property(budget, (b) => {
        const r = calculateGrant(input(b));
        expect(r.grantAmount % 1000).toBe(0);
        expect(r.grantAmount).toBeGreaterThanOrEqual(0);
        expect(r.grantAmount).toBeLessThanOrEqual(r.ceiling);
        expect(r.applicantShare).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("is E × rate with less than 1,000円 cut off", () => {
    fc.assert(
      fc.property(budget, (b) => {
        const r = calculateGrant(input(b));
        const exact = BigInt(r.selectedAmount) * BigInt(r.rate.numerator);
        const grant = BigInt(r.grantAmount) * BigInt(r.rate.denominator);
        expect(grant <= exact).toBe(true);
        expect(exact - grant < 1000n * BigInt(r.rate.denominator)).toBe(true);
      }),
    );
  });

  it("totals A and C and selects E as docs/domain.md §3 says", () => {
    fc.assert(
      fc.property(budget, (b) => {
        const r = calculateGrant(input(b));
        const a = b.lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
        const c = b.lines.filter((l) => FUNDED[b.program].has(l.category)).reduce((sum, l) => sum + BigInt(l.amount), 0n);
        const d = b.program === "prefectural" ? 8_000_000n : 9_000_000n;
        let e = c < a - BigInt(b.otherIncome) ? c : a - BigInt(b.otherIncome);
        if (d < e) e = d;
        if (e < 0n) e = 0n;
        expect([BigInt(r.totalProjectCost), BigInt(r.eligibleExpenses), BigInt(r.selectedAmount)]).toEqual([a, c, e]);
      }),
    );
  });

  it("never decreases when an eligible line increases", () => {
    fc.assert(
      fc.property(budget, fc.nat(), fc.integer({ min: 1, max: MAX }), (b, pick, increase) => {
        const lines: Budget["lines"] = [...b.lines, { category: "salaries", amount: 0 }];
        const i = pick % lines.length;
        const line = lines[i]!;
        const eligible = FUNDED[b.program].has(line.category) ? line : { ...line, category: "salaries" as const };
        const grown = { ...eligible, amount: Math.min(MAX, eligible.amount + increase) };
        const smaller = calculateGrant(input({ ...b, lines: lines.with(i, eligible) }));
        const larger = calculateGrant(input({ ...b, lines: lines.with(i, grown) }));
        expect(larger.grantAmount).toBeGreaterThanOrEqual(smaller.grantAmount);
      }),
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = calculateGrant(value);
        expect(r.findings.some((f) => f.severity === "error")).toBe(true);
      }),
    );
  });

  it("never throws on budgets with stray values in every field", () => {
    const stray = fc.oneof(fc.anything(), fc.integer(), fc.double(), fc.string());
    fc.assert(
      fc.property(
        fc.record({
          program: fc.oneof(fc.constantFrom("prefectural", "intermediary"), stray),
          fiscalYear: fc.oneof(fc.constant(2026), stray),
          activities: fc.oneof(fc.array(fc.constantFrom("platform", "a1", "a7", "zz")), stray),
          otherIncome: fc.oneof(amount, stray),
          requestedAmount: fc.oneof(amount, stray),
          lines: fc.oneof(fc.array(fc.record({ category: fc.oneof(fc.constantFrom(...EXPENSE_CATEGORIES), stray), amount: fc.oneof(amount, stray) })), stray),
        }),
        (value) => {
          const r = calculateGrant(value);
          for (const n of [r.totalProjectCost, r.eligibleExpenses, r.selectedAmount, r.grantAmount, r.applicantShare]) {
            expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
          }
        },
      ),
    );
  });
});

describe("the fast check on a budget line", () => {
  it("accepts only what the schema accepts, and everything the schema accepts unchanged", () => {
    const anything = fc.oneof(fc.constant(undefined), fc.string(), fc.integer({ min: -1, max: MAX + 1 }), fc.double(), fc.constant(null));
    const line = fc.record({ category: anything, activity: anything, amount: anything, description: anything }, { requiredKeys: [] });
    fc.assert(
      fc.property(line, (candidate) => {
        const parsed = BudgetLineSchema.safeParse(candidate);
        const schemaAccepts = parsed.success && JSON.stringify(parsed.data) === JSON.stringify(candidate);
        expect(isWellFormedLine(candidate)).toBe(schemaAccepts);
      }),
      { numRuns: 2_000 },
    );
  });
});
