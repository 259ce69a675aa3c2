/**
 * The states a grant application goes through (docs/domain.md §5) and who acts on it. The transitions
 * between them are in application-lifecycle.ts; the steps after submission in steps/.
 */
import type { Role } from "./roles";

export const APPLICATION_STATES = [
  "draft",
  "submitted",
  "under_review",
  "returned",
  "decided",
  "rejected",
  "change_requested",
  "discontinuation_requested",
  "withdrawn",
  "reported",
  "confirmed",
  "cancelled",
  "closed",
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Record<ApplicationState, string> = {
  draft: "作成中",
  submitted: "提出済み",
  under_review: "審査中",
  returned: "差戻し",
  decided: "交付決定",
  rejected: "不交付",
  change_requested: "変更交付申請中",
  discontinuation_requested: "中止（廃止）承認申請中",
  withdrawn: "取下げ・中止",
  reported: "実績報告済み",
  confirmed: "額の確定",
  cancelled: "交付決定取消",
  closed: "完了",
};

/** States an application ends in: nothing more can be done with it. */
export const TERMINAL_STATES: ReadonlySet<ApplicationState> = new Set(["rejected", "closed"]);

/**
 * Who files grant applications. A proposer officer (市区町村・NPO) takes part in the model-project calls,
 * which are contracts with their own lifecycle, not in this one.
 */
export const APPLICANT_ROLES: readonly Role[] = ["prefecture_officer", "intermediary_officer"];

/** The two sides of an application: the organisation that applies, and the Cabinet Office that decides. */
export type Actor = "applicant" | "reviewer";

/** The side a role acts for, if any (an administrator takes no part in an application's lifecycle). */
export function actorOf(role: Role): Actor | undefined {
  if (APPLICANT_ROLES.includes(role)) return "applicant";
  return role === "reviewer" ? "reviewer" : undefined;
}
