import { describe, expect, it } from "vitest";
import { maySeeOthersScores, rankProposals, selectionProblem, weightedScore, type Criterion } from "../../app/domain/selection";

const CRITERIA: Criterion[] = [
  { position: 1, name: "先進性", weight: 20 },
  { position: 2, name: "実現可能性", weight: 30 },
  { position: 3, name: "官民連携の広がり", weight: 50 },
];

const scores = (reviewerId: number, a: number, b: number, c: number) => ({ reviewerId, scores: { 1: a, 2: b, 3: c } });

describe("a reviewer's weighted score", () => {
  it("weighs each criterion by its points", () => {
    // (20×5 + 30×3 + 50×4) / 100 = 3.9
    expect(weightedScore(CRITERIA, { 1: 5, 2: 3, 3: 4 })).toEqual({ sum: 390, weight: 100 });
  });

  it("refuses a missing criterion or a score off the 1–5 scale", () => {
    expect(() => weightedScore(CRITERIA, { 1: 5, 2: 3 })).toThrow(RangeError);
    expect(() => weightedScore(CRITERIA, { 1: 6, 2: 3, 3: 4 })).toThrow(RangeError);
    expect(() => weightedScore(CRITERIA, { 1: 0, 2: 3, 3: 4 })).toThrow(RangeError);
    expect(() => weightedScore(CRITERIA, { 1: 2.5, 2: 3, 3: 4 })).toThrow(RangeError);
  });
});

describe("the ranking", () => {
  const ranked = rankProposals(
    CRITERIA,
    [
      // 3.9 and 4.5: mean 4.2, spread 0.6
      { proposalId: 1, organisation: "仙台市", budget: 5_000_000, reviews: [scores(10, 5, 3, 4), scores(11, 5, 5, 4)] },
      // 5.0 and 2.0: mean 3.5, spread 3.0 — flagged
      { proposalId: 2, organisation: "座間市", budget: 4_000_000, reviews: [scores(10, 5, 5, 5), scores(11, 2, 2, 2)] },
      // 4.2 from one reviewer: the same mean as 仙台市 but a smaller budget, so above it
      { proposalId: 3, organisation: "生駒市", budget: 3_000_000, reviews: [scores(11, 5, 4, 4)] },
      // Nobody has scored it yet.
      { proposalId: 4, organisation: "福山市", budget: 2_000_000, reviews: [] },
    ],
    10_000_000,
  );

  it("orders by the mean of weighted scores exactly, equal means by the smaller budget, the unscored last", () => {
    expect(ranked.map((r) => [r.organisation, r.rank, r.mean])).toEqual([
      ["生駒市", 1, 4.2],
      ["仙台市", 1, 4.2],
      ["座間市", 3, 3.5],
      ["福山市", null, null],
    ]);
  });

  it("shows the spread between reviewers and flags a large one", () => {
    expect(ranked.map((r) => [r.organisation, r.reviewers, r.spread, r.largeSpread])).toEqual([
      ["生駒市", 1, null, false],
      ["仙台市", 2, 0.6, false],
      ["座間市", 2, 3, true],
      ["福山市", 0, null, false],
    ]);
  });

  it("adds the proposed budgets in ranking order against the call's budget", () => {
    expect(ranked.map((r) => [r.runningTotal, r.withinBudget])).toEqual([
      [3_000_000, true],
      [8_000_000, true],
      [12_000_000, false],
      [14_000_000, false],
    ]);
  });

  it("does not let rounding decide an order: 4.001 above 3.997, both shown as 4", () => {
    const fine = [
      { position: 1, name: "A", weight: 1 },
      { position: 2, name: "B", weight: 999 },
    ];
    const close = rankProposals(
      fine,
      [
        { proposalId: 1, organisation: "甲", budget: 2, reviews: [{ reviewerId: 1, scores: { 1: 5, 2: 4 } }] },
        { proposalId: 2, organisation: "乙", budget: 1, reviews: [{ reviewerId: 1, scores: { 1: 1, 2: 4 } }] },
      ],
      10,
    );
    expect(close.map((r) => [r.organisation, r.rank, r.mean])).toEqual([
      ["甲", 1, 4],
      ["乙", 2, 4],
    ]);
  });
});

describe("who sees the others' scores", () => {
  it("only a reviewer without a conflict, once their own scores are in", () => {
    expect(maySeeOthersScores({ conflicted: false, submittedOwn: true })).toBe(true);
    expect(maySeeOthersScores({ conflicted: false, submittedOwn: false })).toBe(false);
    expect(maySeeOthersScores({ conflicted: true, submittedOwn: true })).toBe(false);
  });
});

describe("selection within the call's budget", () => {
  const call = { totalBudget: 10_000_000, alreadySelected: 8_000_000 };
  it("accepts a contract amount up to the proposal's budget and the budget left", () => {
    expect(selectionProblem(2_000_000, 3_000_000, call)).toBeNull();
  });
  it("refuses more than the proposal asked for, more than is left, or not a whole yen", () => {
    expect(selectionProblem(3_000_001, 3_000_000, { totalBudget: 100_000_000, alreadySelected: 0 })).toBe("契約額は提案額（3,000,000円）以下にしてください。");
    expect(selectionProblem(2_000_001, 3_000_000, call)).toBe(
      "この公募の予算総額（10,000,000円）を超えます。採択済みの契約額は8,000,000円で、残りは2,000,000円です。",
    );
    expect(selectionProblem(0, 3_000_000, call)).toBe("契約額は1円以上の整数で入力してください。");
    expect(selectionProblem(1.5, 3_000_000, call)).toBe("契約額は1円以上の整数で入力してください。");
  });
});
