/**
 * Where a proposal (企画提案) stands and what may happen to it next (docs/domain.md §6), and the frozen
 * version (第N版) a submission makes. Selection (採択) follows `submitted`: `selected` or `not_selected`.
 */
import type { CallKind } from "./calls";
import type { PartySnapshot } from "./proceedings";
import { readProposalDraft, type ProposalDraft } from "./proposal-draft";

export const PROPOSAL_STATES = ["draft", "submitted", "returned", "selected", "not_selected"] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = {
  draft: "作成中",
  submitted: "提出済み",
  returned: "差戻し",
  selected: "採択",
  not_selected: "不採択",
};

/** The proposer edits a proposal while it is a draft or has been returned; a submitted one is read-only. */
export function isProposalEditableState(state: ProposalState): boolean {
  return state === "draft" || state === "returned";
}

/** Submitting a draft makes version 1; resubmitting a returned one makes the next version. */
export function submissionOf(state: ProposalState): "submit" | "resubmit" | null {
  return state === "draft" ? "submit" : state === "returned" ? "resubmit" : null;
}

/**
 * A reviewer returns only what has been submitted and not yet returned, and only before any reviewer of the
 * call has scored it or declared a conflict on it: the reviews are frozen on the version they were made on.
 */
export const mayReturn = (state: ProposalState, reviewsStarted: boolean): boolean => state === "submitted" && !reviewsStarted;

/** The most characters of a reviewer's return comment. */
export const RETURN_COMMENT_MAX = 4000;

/** A submitted version of a proposal: the draft as submitted, with the call and the proposer as they then stood. */
export interface ProposalSnapshot {
  version: number;
  call: { id: number; kind: CallKind; fiscalYear: number; title: string; ceiling: number; closesAt: string };
  organisation: PartySnapshot;
  draft: ProposalDraft;
  /** The budget's total in yen: the contract price asked for (委託: paid in full, no rate). */
  total: number;
  /** ISO instant. */
  submittedAt: string;
  submittedBy: { userId: number; name: string };
}

/** A snapshot as stored: the draft read again through its schema, so an older shape still reads. */
export function readProposalSnapshot(stored: ProposalSnapshot): ProposalSnapshot {
  return { ...stored, draft: readProposalDraft(stored.draft) };
}
