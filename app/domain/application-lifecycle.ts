/**
 * The lifecycle of a grant application as a pure state machine (docs/domain.md §5, Subsidy Act §§5–18).
 * The service applies a transition and writes the audit row in one transaction; this module only says
 * whether it is allowed and where it leads.
 *
 * Settlement (精算払 or 返還) is recorded as payments while the application is `confirmed` or `withdrawn`;
 * `close` is allowed once `canClose` holds. Advance-payment claims (概算払) do not change the state.
 */

import { assertYen, formatYen } from "./money";
import type { Role } from "./roles";

export const APPLICATION_STATES = [
  "draft",
  "submitted",
  "under_review",
  "returned",
  "decided",
  "rejected",
  "change_requested",
  "withdrawn",
  "reported",
  "confirmed",
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
  withdrawn: "取下げ・中止",
  reported: "実績報告済み",
  confirmed: "額の確定",
  closed: "完了",
};

export const LIFECYCLE_ACTIONS = [
  "edit",
  "submit",
  "start_review",
  "return",
  "resubmit",
  "decide",
  "reject",
  "request_change",
  "approve_change",
  "refuse_change",
  "withdraw",
  "report",
  "confirm",
  "close",
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export const ACTION_LABELS: Record<LifecycleAction, string> = {
  edit: "編集",
  submit: "提出",
  start_review: "審査開始",
  return: "差戻し",
  resubmit: "再提出",
  decide: "交付決定",
  reject: "不交付決定",
  request_change: "変更交付申請",
  approve_change: "変更承認",
  refuse_change: "変更不承認",
  withdraw: "取下げ・中止",
  report: "実績報告",
  confirm: "額の確定",
  close: "完了",
};


/**
 * Who files grant applications. A proposer officer (市区町村・NPO) takes part in the model-project calls,
 * which are contracts with their own lifecycle, not in this one.
 */
export const APPLICANT_ROLES: readonly Role[] = ["prefecture_officer", "intermediary_officer"];

type Actor = "applicant" | "reviewer";

interface Transition {
  from: ApplicationState;
  action: LifecycleAction;
  to: ApplicationState;
  by: Actor;
}

const TRANSITIONS: readonly Transition[] = [
  { from: "draft", action: "edit", to: "draft", by: "applicant" },
  { from: "draft", action: "submit", to: "submitted", by: "applicant" },
  { from: "submitted", action: "start_review", to: "under_review", by: "reviewer" },
  { from: "under_review", action: "return", to: "returned", by: "reviewer" },
  { from: "under_review", action: "decide", to: "decided", by: "reviewer" },
  { from: "under_review", action: "reject", to: "rejected", by: "reviewer" },
  { from: "returned", action: "edit", to: "returned", by: "applicant" },
  { from: "returned", action: "resubmit", to: "submitted", by: "applicant" },
  { from: "decided", action: "request_change", to: "change_requested", by: "applicant" },
  { from: "change_requested", action: "approve_change", to: "decided", by: "reviewer" },
  { from: "change_requested", action: "refuse_change", to: "decided", by: "reviewer" },
  // 取下げ (Act §9) follows a decision; 中止・廃止 may come while a change is pending.
  { from: "decided", action: "withdraw", to: "withdrawn", by: "applicant" },
  { from: "change_requested", action: "withdraw", to: "withdrawn", by: "applicant" },
  { from: "decided", action: "report", to: "reported", by: "applicant" },
  // Work done before a discontinuation (廃止) is reported and confirmed like any other.
  { from: "withdrawn", action: "report", to: "reported", by: "applicant" },
  { from: "reported", action: "confirm", to: "confirmed", by: "reviewer" },
  { from: "confirmed", action: "close", to: "closed", by: "reviewer" },
  { from: "withdrawn", action: "close", to: "closed", by: "reviewer" },
];

const TERMINAL: ReadonlySet<ApplicationState> = new Set(["rejected", "closed"]);

export type TransitionResult = { ok: true; to: ApplicationState } | { ok: false; reason: string };

function actorOf(role: Role): Actor | undefined {
  if (APPLICANT_ROLES.includes(role)) return "applicant";
  return role === "reviewer" ? "reviewer" : undefined;
}

function stateReason(state: ApplicationState, action: LifecycleAction): string {
  if (TERMINAL.has(state)) return `この申請は「${STATE_LABELS[state]}」で終了しています。これ以上の操作はできません。`;
  if (action === "edit") {
    return state === "submitted" || state === "under_review"
      ? "提出済みの申請は編集できません。差戻しを受けた場合に修正できます。"
      : "交付決定後の申請は編集できません。内容を変える場合は変更交付申請を行ってください。";
  }
  return `「${STATE_LABELS[state]}」の申請には「${ACTION_LABELS[action]}」を行えません。`;
}

/** Where `action` by `role` leads from `state`, or why it is refused. */
export function transition(state: ApplicationState, action: LifecycleAction, role: Role): TransitionResult {
  const found = TRANSITIONS.find((t) => t.from === state && t.action === action);
  if (!found) return { ok: false, reason: stateReason(state, action) };
  if (actorOf(role) === found.by) return { ok: true, to: found.to };
  if (found.by === "applicant") {
    return { ok: false, reason: "この操作は申請者（都道府県または中間支援組織の担当者）のみ行えます。" };
  }
  return {
    ok: false,
    reason:
      role === "administrator"
        ? "管理者は審査の判断を行えません。この操作は審査担当者のみ行えます。"
        : "この操作は審査担当者のみ行えます。",
  };
}

/** The actions `role` may take from `state`, in lifecycle order. */
export function allowedActions(state: ApplicationState, role: Role): LifecycleAction[] {
  const actor = actorOf(role);
  return TRANSITIONS.filter((t) => t.from === state && t.by === actor).map((t) => t.action);
}

export interface Settlement {
  /** 確定額: the confirmed amount (0 when withdrawn with nothing confirmed). */
  confirmedAmount: number;
  /** Everything paid: advance payments (概算払) and the settlement payment (精算払). */
  paid: number;
  /** Everything repaid under a return order (返還命令). */
  returned: number;
}

/** An application closes only when paid − returned equals the confirmed amount. */
export function canClose({ confirmedAmount, paid, returned }: Settlement): { ok: true } | { ok: false; reason: string } {
  [confirmedAmount, paid, returned].forEach(assertYen);
  const net = paid - returned;
  if (net === confirmedAmount) return { ok: true };
  const detail = `支払額${formatYen(paid)}から返還額${formatYen(returned)}を差し引いた${formatYen(net)}が、確定額${formatYen(confirmedAmount)}と一致しません`;
  return net < confirmedAmount
    ? { ok: false, reason: `${detail}。残り${formatYen(confirmedAmount - net)}の精算払を記録してから完了にしてください。` }
    : { ok: false, reason: `${detail}。${formatYen(net - confirmedAmount)}の返還を記録してから完了にしてください。` };
}
