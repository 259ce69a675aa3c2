/**
 * Calls for proposals (公募) of the local-platform model projects (docs/domain.md §6): the two kinds, who
 * may answer each, the criteria a call is scored on by default, and where a call stands at an instant.
 */
import type { OrganisationKind } from "./roles";

export const CALL_KINDS = ["model-platform", "model-npo"] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_KIND_NAMES: Record<CallKind, string> = {
  "model-platform": "地方版孤独・孤立対策官民連携プラットフォーム推進事業",
  "model-npo": "地域における孤独・孤立対策に関するNPO等の取組モデル",
};

/**
 * Which organisations may propose to a call of each kind. Designated cities (政令指定都市) are
 * municipalities here; prefectures take part through the grant's Menu 1, not through these calls.
 */
export const ELIGIBLE_ORGANISATION_KINDS: Record<CallKind, readonly OrganisationKind[]> = {
  "model-platform": ["municipality"],
  "model-npo": ["npo"],
};

export function mayPropose(kind: CallKind, organisationKind: OrganisationKind): boolean {
  return ELIGIBLE_ORGANISATION_KINDS[kind].includes(organisationKind);
}

/** The criteria a new call starts with (weights out of 100), as the model projects have been judged. */
export const DEFAULT_CRITERIA: readonly { name: string; weight: number }[] = [
  { name: "先進性", weight: 20 },
  { name: "実現可能性", weight: 25 },
  { name: "官民連携の広がり", weight: 25 },
  { name: "波及効果", weight: 15 },
  { name: "経費の妥当性", weight: 15 },
];

/** The most criteria a call has (the form's rows). */
export const MAX_CRITERIA = 8;

export type CallPhase = "scheduled" | "open" | "closed";

export const CALL_PHASE_LABELS: Record<CallPhase, string> = { scheduled: "公募開始前", open: "公募中", closed: "締切済み" };

/** Before its window, within it (from its opening instant to just before its closing one), or after it. */
export function callPhase(call: { opensAt: Date; closesAt: Date }, now: Date): CallPhase {
  if (now.getTime() < call.opensAt.getTime()) return "scheduled";
  return now.getTime() < call.closesAt.getTime() ? "open" : "closed";
}

/** A call is changed only before it opens: once proposers may read it, what they answer stays as published. */
export function isCallEditable(call: { opensAt: Date }, now: Date): boolean {
  return now.getTime() < call.opensAt.getTime();
}
