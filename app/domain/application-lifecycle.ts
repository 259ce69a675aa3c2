/**
 * The lifecycle of a grant application as a pure state machine (docs/domain.md §5, Subsidy Act §§5–18):
 * the form's own transitions (edit, submit, review, return, resubmit) and those of the steps after
 * submission, derived from their definitions in steps/. The service applies a transition and writes the
 * audit row in one transaction; this module only says whether it is allowed and where it leads.
 *
 * Settlement (精算払 or 返還) is recorded as payments while the application is `confirmed` or `withdrawn`;
 * `close` is allowed once `canClose` holds. Steps with no state of their own (an advance-payment claim, a
 * return order, a payment) keep the state and are allowed by `stepPermission`.
 */
import { actorOf, TERMINAL_STATES, STATE_LABELS, type Actor, type ApplicationState } from "./application-states";
import { ledgerOf } from "./ledger";
import { sideOf } from "./permissions";
import type { ProceedingRecord } from "./proceedings";
import type { Role } from "./roles";
import { perStep, STEP_ACTIONS, STEPS, type StepAction } from "./steps";

/** Who is acting, as far as the rules care: a role, in an organisation. */
type Viewer = { role: Role; organisationId: number };

/** What is done with the application form itself, before a decision. */
type FormAction = "edit" | "submit" | "start_review" | "return" | "resubmit";

export type LifecycleAction = FormAction | StepAction;

interface Transition {
  from: ApplicationState;
  action: LifecycleAction;
  to: ApplicationState;
  by: Actor;
}

const FORM_TRANSITIONS: readonly Transition[] = [
  { from: "draft", action: "edit", to: "draft", by: "applicant" },
  { from: "draft", action: "submit", to: "submitted", by: "applicant" },
  { from: "submitted", action: "start_review", to: "under_review", by: "reviewer" },
  { from: "under_review", action: "return", to: "returned", by: "reviewer" },
  { from: "returned", action: "edit", to: "returned", by: "applicant" },
  { from: "returned", action: "resubmit", to: "submitted", by: "applicant" },
];

const STEP_TRANSITIONS: readonly Transition[] = STEP_ACTIONS.flatMap((action) => {
  const { from, to, by } = STEPS[action];
  return to === null ? [] : from.map((state) => ({ from: state, action, to, by }));
});

const TRANSITIONS = [...FORM_TRANSITIONS, ...STEP_TRANSITIONS];

/** The actions that move an application from one state to another (or keep it editable), in lifecycle order. */
export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = [...new Set(TRANSITIONS.map((t) => t.action))];

const FORM_ACTION_LABELS: Record<FormAction, string> = {
  edit: "編集",
  submit: "提出",
  start_review: "審査開始",
  return: "差戻し",
  resubmit: "再提出",
};

export const ACTION_LABELS: Record<LifecycleAction, string> = { ...FORM_ACTION_LABELS, ...perStep((action) => STEPS[action].label) };

export type TransitionResult = { ok: true; to: ApplicationState } | { ok: false; reason: string };

function stateReason(state: ApplicationState, action: LifecycleAction): string {
  if (TERMINAL_STATES.has(state)) return `この申請は「${STATE_LABELS[state]}」で終了しています。これ以上の操作はできません。`;
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
    reason: role === "administrator" ? "管理者は審査の判断を行えません。この操作は審査担当者のみ行えます。" : "この操作は審査担当者のみ行えます。",
  };
}

/**
 * Whether an application in `state` has a draft being edited (作成中, or 差戻し for correction): what a
 * preview marked 下書き prints. In every other state the submitted version is the application's text.
 */
export function hasDraft(state: ApplicationState): boolean {
  return TRANSITIONS.some((t) => t.from === state && t.action === "edit");
}

/** The actions `role` may take from `state`, in lifecycle order. */
export function allowedActions(state: ApplicationState, role: Role): LifecycleAction[] {
  const actor = actorOf(role);
  return TRANSITIONS.filter((t) => t.from === state && t.by === actor).map((t) => t.action);
}

/** An application as the steps see it: its state and the organisation that applied. */
export interface StepSubject {
  state: ApplicationState;
  organisation_id: number;
}

/** Whether `viewer` may take a step after submission on the application now, and where it leads. */
export function stepPermission(action: StepAction, application: StepSubject, viewer: Viewer): TransitionResult {
  const step = STEPS[action];
  const side = sideOf(viewer, application.organisation_id);
  const notTheirs = { ok: false, reason: step.by === "applicant" ? "この操作は申請者のみ行えます。" : "この操作は審査担当者のみ行えます。" } as const;
  if (step.to !== null) {
    const allowed = transition(application.state, action, viewer.role);
    // transition() knows roles, not organisations: an officer of another organisation is not the applicant.
    return allowed.ok && side !== step.by ? notTheirs : allowed;
  }
  if (side !== step.by) return notTheirs;
  if (!step.from.includes(application.state)) return { ok: false, reason: "この申請の現在の状態では、この操作は行えません。" };
  return { ok: true, to: application.state };
}

/** The steps the viewer may take now (`today` in Japan), in lifecycle order, leaving out those with nothing to act on. */
export function availableSteps(viewer: Viewer, application: StepSubject, records: readonly ProceedingRecord[], today: string): StepAction[] {
  if (sideOf(viewer, application.organisation_id) === null) return [];
  const ledger = ledgerOf(records);
  return STEP_ACTIONS.filter((action) => stepPermission(action, application, viewer).ok && !STEPS[action].unavailable?.(ledger, records, today));
}
