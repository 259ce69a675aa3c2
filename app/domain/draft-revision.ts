/**
 * Saving a draft kept as typed (decision 004), whatever form it is of: a save is based on a revision, and
 * is written only when that is still the latest one. The decision is pure, so the grant application and
 * the proposal (decision 012) take it the same way, and the answer has the same shape for both autosaves.
 */
import { changesBetween, type FieldChange } from "./field-changes";
import type { Conflict, Outcome } from "./outcome";

/**
 * What a save of a draft answers: done (the revision now stored), refused (the record cannot be edited),
 * or a conflict: another save came first, and the caller gets the current content and how it differs.
 */
export type DraftSaveOutcome<Draft> = Outcome<
  { revision: number; savedAt: string },
  Conflict<{
    revision: number;
    draft: Draft;
    updatedBy: string;
    updatedAt: string;
    /** What differs between what this save sent and what is stored. */
    changes: FieldChange[];
  }>
>;

/** What to do with a save: nothing (it changes nothing), refuse it as a conflict, or write it. */
export type SaveDecision = { kind: "unchanged" } | { kind: "conflict"; changes: FieldChange[] } | { kind: "write"; changes: FieldChange[] };

/**
 * Decides a save of `sent`, based on `sentRevision`, over what is `stored` at `currentRevision`. A save
 * based on an older revision that carries exactly what is stored overwrites nothing, so it is no conflict.
 */
export function decideSave<Draft>({
  stored,
  currentRevision,
  sent,
  sentRevision,
}: {
  stored: Draft;
  currentRevision: number;
  sent: Draft;
  sentRevision: number;
}): SaveDecision {
  if (currentRevision !== sentRevision) {
    const changes = changesBetween(sent, stored);
    return changes.length === 0 ? { kind: "unchanged" } : { kind: "conflict", changes };
  }
  const changes = changesBetween(stored, sent);
  return changes.length === 0 ? { kind: "unchanged" } : { kind: "write", changes };
}
