/**
 * Scored selection of proposals to a call (docs/domain.md §6): who may score and see scores, each
 * reviewer's weighted score, the ranking with the spread between reviewers, the running total of proposed
 * budgets against the call's budget, and the rule that selection stays within that budget. Pure: the
 * services read the rows and store what these functions decide.
 */

/** Every criterion is scored on this scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/**
 * Reviewers disagree too much when their weighted scores for a proposal lie this far apart or more (on the
 * 1–5 scale): the ranking flags it so that the panel talks before selecting.
 */
export const LARGE_SPREAD = 1.5;

export interface Criterion {
  position: number;
  name: string;
  weight: number;
}

/** One reviewer's submitted scores for one proposal: a score per criterion position. */
export interface ReviewerScores {
  reviewerId: number;
  scores: Readonly<Record<number, number>>;
}

/**
 * A reviewer's weighted score as an exact fraction: Σ(weight × score) over Σ weight. Throws when a
 * criterion is missing or out of the scale (the service stores only complete, valid sets).
 */
export function weightedScore(criteria: readonly Criterion[], scores: ReviewerScores["scores"]): { sum: number; weight: number } {
  let sum = 0;
  let weight = 0;
  for (const c of criteria) {
    const score = scores[c.position];
    if (score === undefined || !Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) {
      throw new RangeError(`criterion ${c.position} has no score from ${SCORE_MIN} to ${SCORE_MAX}`);
    }
    sum += c.weight * score;
    weight += c.weight;
  }
  return { sum, weight };
}

export interface ProposalToRank {
  proposalId: number;
  organisation: string;
  /** The proposal's budget in yen (integer). */
  budget: number;
  /** The submitted scores of reviewers without a conflict on it. */
  reviews: readonly ReviewerScores[];
}

export interface RankedProposal {
  proposalId: number;
  organisation: string;
  budget: number;
  /** 1, 2, … in order of the mean; equal means share a rank. null while nobody has scored it. */
  rank: number | null;
  /** Mean of the reviewers' weighted scores (1–5), rounded to two decimals for display; null when unscored. */
  mean: number | null;
  reviewers: number;
  /** Highest minus lowest reviewer's weighted score, two decimals; null with fewer than two reviewers. */
  spread: number | null;
  largeSpread: boolean;
  /** Proposed budgets of this and every proposal ranked above it, in yen. */
  runningTotal: number;
  /** Whether the running total is still within the call's budget. */
  withinBudget: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The ranking: by the mean of the reviewers' weighted scores, highest first, compared exactly (as
 * fractions, so no rounding decides an order); equal means by the smaller budget, then the earlier
 * proposal. Unscored proposals come last. The running total adds the proposed budgets in that order.
 */
export function rankProposals(criteria: readonly Criterion[], proposals: readonly ProposalToRank[], callBudget: number): RankedProposal[] {
  const scored = proposals.map((p) => {
    const each = p.reviews.map((r) => weightedScore(criteria, r.scores));
    // The mean of fractions sum_i / weight over n reviewers: Σ sum_i / (weight × n), with one weight for all.
    const numerator = each.reduce((total, w) => total + w.sum, 0);
    const denominator = each.length === 0 ? 0 : each[0]!.weight * each.length;
    const values = each.map((w) => w.sum / w.weight);
    return { p, numerator, denominator, values };
  });
  scored.sort((a, b) => {
    if (a.denominator === 0 || b.denominator === 0) return (a.denominator === 0 ? 1 : 0) - (b.denominator === 0 ? 1 : 0) || a.p.proposalId - b.p.proposalId;
    const byMean = b.numerator * a.denominator - a.numerator * b.denominator;
    return byMean || a.p.budget - b.p.budget || a.p.proposalId - b.p.proposalId;
  });

  let runningTotal = 0;
  let rank = 0;
  return scored.map((s, i) => {
    runningTotal += s.p.budget;
    const previous = scored[i - 1];
    const tiesPrevious = previous && previous.denominator > 0 && s.numerator * previous.denominator === previous.numerator * s.denominator;
    if (s.denominator > 0 && !tiesPrevious) rank = i + 1;
    const spread = s.values.length >= 2 ? Math.max(...s.values) - Math.min(...s.values) : null;
    return {
      proposalId: s.p.proposalId,
      organisation: s.p.organisation,
      budget: s.p.budget,
      rank: s.denominator > 0 ? rank : null,
      mean: s.denominator > 0 ? round2(s.numerator / s.denominator) : null,
      reviewers: s.values.length,
      spread: spread === null ? null : round2(spread),
      largeSpread: spread !== null && spread >= LARGE_SPREAD,
      runningTotal,
      withinBudget: runningTotal <= callBudget,
    };
  });
}

/**
 * Whether a reviewer may see the other reviewers' scores of a proposal: never with a conflict of interest
 * on it, and only once their own scores for it are submitted (so that nobody anchors on the others').
 */
export function maySeeOthersScores(viewer: { conflicted: boolean; submittedOwn: boolean }): boolean {
  return !viewer.conflicted && viewer.submittedOwn;
}

/**
 * Why a selection with this contract amount cannot be made, or null: the amount is a whole number of yen
 * from 1 to the proposal's budget, and with the call's selections so far it stays within the call's budget.
 */
export function selectionProblem(amount: number, proposalBudget: number, call: { totalBudget: number; alreadySelected: number }): string | null {
  if (!Number.isSafeInteger(amount) || amount < 1) return "契約額は1円以上の整数で入力してください。";
  if (amount > proposalBudget) return `契約額は提案額（${proposalBudget.toLocaleString("ja-JP")}円）以下にしてください。`;
  const room = call.totalBudget - call.alreadySelected;
  if (amount > room) {
    return `この公募の予算総額（${call.totalBudget.toLocaleString("ja-JP")}円）を超えます。採択済みの契約額は${call.alreadySelected.toLocaleString("ja-JP")}円で、残りは${Math.max(0, room).toLocaleString("ja-JP")}円です。`;
  }
  return null;
}
