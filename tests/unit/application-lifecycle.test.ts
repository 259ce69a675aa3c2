import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../app/domain/roles";
import { ACTION_LABELS, LIFECYCLE_ACTIONS, allowedActions, hasDraft, transition, type LifecycleAction } from "../../app/domain/application-lifecycle";
import { canClose } from "../../app/domain/ledger";
import { APPLICATION_STATES, STATE_LABELS, type ApplicationState } from "../../app/domain/application-states";

const APPLICANTS: Role[] = ["prefecture_officer", "intermediary_officer"];
const REVIEWER: Role[] = ["reviewer"];

/** Every allowed (state, action) with where it leads and who may take it; everything else is refused. */
const EXPECTED: Partial<Record<ApplicationState, Partial<Record<LifecycleAction, [ApplicationState, Role[]]>>>> = {
  draft: { edit: ["draft", APPLICANTS], submit: ["submitted", APPLICANTS] },
  submitted: { start_review: ["under_review", REVIEWER] },
  under_review: { return: ["returned", REVIEWER], decide: ["decided", REVIEWER], reject: ["rejected", REVIEWER] },
  returned: { edit: ["returned", APPLICANTS], resubmit: ["submitted", APPLICANTS] },
  decided: {
    cancel: ["cancelled", REVIEWER],
    request_change: ["change_requested", APPLICANTS],
    withdraw: ["withdrawn", APPLICANTS],
    request_discontinuation: ["discontinuation_requested", APPLICANTS],
    report: ["reported", APPLICANTS],
  },
  discontinuation_requested: {
    cancel: ["cancelled", REVIEWER],
    approve_discontinuation: ["withdrawn", REVIEWER],
    refuse_discontinuation: ["decided", REVIEWER],
  },
  change_requested: {
    cancel: ["cancelled", REVIEWER],
    approve_change: ["decided", REVIEWER],
    refuse_change: ["decided", REVIEWER],
    withdraw: ["withdrawn", APPLICANTS],
  },
  withdrawn: { report: ["reported", APPLICANTS], close: ["closed", REVIEWER], cancel: ["cancelled", REVIEWER] },
  reported: { confirm: ["confirmed", REVIEWER], cancel: ["cancelled", REVIEWER] },
  confirmed: { close: ["closed", REVIEWER], cancel: ["cancelled", REVIEWER] },
  cancelled: { close: ["closed", REVIEWER] },
  rejected: {},
  closed: {},
};

const table = APPLICATION_STATES.flatMap((state) =>
  LIFECYCLE_ACTIONS.flatMap((action) =>
    ROLES.map((role) => {
      const rule = EXPECTED[state]?.[action];
      const to = rule && rule[1].includes(role) ? rule[0] : undefined;
      return { state, action, role, to, verdict: to ? `leads to ${to}` : "is refused" };
    }),
  ),
);

describe("transition", () => {
  it("covers every state, action and role", () => {
    expect(table).toHaveLength(13 * 18 * 5);
  });

  it.each(table)("$action from $state by $role $verdict", ({ state, action, role, to }) => {
    const result = transition(state, action, role);
    if (to) {
      expect(result).toEqual({ ok: true, to });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/[ぁ-んァ-ン一-龯]/);
    }
  });

  it.each([
    { name: "editing a submitted application", state: "submitted", action: "edit", role: "prefecture_officer", reason: "提出済みの申請は編集できません" },
    { name: "editing one under review", state: "under_review", action: "edit", role: "intermediary_officer", reason: "提出済みの申請は編集できません" },
    { name: "editing a decided one points to a change request", state: "decided", action: "edit", role: "prefecture_officer", reason: "変更交付申請" },
    { name: "an officer deciding", state: "under_review", action: "decide", role: "prefecture_officer", reason: "この操作は審査担当者のみ行えます" },
    { name: "an administrator deciding", state: "under_review", action: "decide", role: "administrator", reason: "管理者は審査の判断を行えません" },
    { name: "a proposer officer submitting a grant application", state: "draft", action: "submit", role: "proposer_officer", reason: "申請者" },
    { name: "a reviewer submitting for the applicant", state: "draft", action: "submit", role: "reviewer", reason: "申請者" },
    { name: "anything on a closed application", state: "closed", action: "report", role: "prefecture_officer", reason: "「完了」で終了しています" },
    { name: "anything on a rejected application", state: "rejected", action: "resubmit", role: "prefecture_officer", reason: "「不交付」で終了しています" },
    {
      name: "deciding before the review has started",
      state: "submitted",
      action: "decide",
      role: "reviewer",
      reason: "「提出済み」の申請には「交付決定」を行えません",
    },
  ] satisfies { name: string; state: ApplicationState; action: LifecycleAction; role: Role; reason: string }[])(
    "explains the refusal of $name",
    ({ state, action, role, reason }) => {
      const result = transition(state, action, role);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(reason);
    },
  );

  it("follows an application from draft to closed through a return and a change", () => {
    const steps: [LifecycleAction, Role, ApplicationState][] = [
      ["submit", "prefecture_officer", "submitted"],
      ["start_review", "reviewer", "under_review"],
      ["return", "reviewer", "returned"],
      ["resubmit", "prefecture_officer", "submitted"],
      ["start_review", "reviewer", "under_review"],
      ["decide", "reviewer", "decided"],
      ["request_change", "prefecture_officer", "change_requested"],
      ["approve_change", "reviewer", "decided"],
      ["report", "prefecture_officer", "reported"],
      ["confirm", "reviewer", "confirmed"],
      ["close", "reviewer", "closed"],
    ];
    let state: ApplicationState = "draft";
    for (const [action, role, expected] of steps) {
      const result = transition(state, action, role);
      expect(result).toEqual({ ok: true, to: expected });
      if (result.ok) state = result.to;
    }
  });

  it("reaches every state from draft, and leaves only rejected and closed without a way on", () => {
    const reached = new Set<ApplicationState>(["draft"]);
    const queue: ApplicationState[] = ["draft"];
    const deadEnds: ApplicationState[] = [];
    for (let state = queue.shift(); state; state = queue.shift()) {
      const next = LIFECYCLE_ACTIONS.flatMap((a) => ROLES.map((r) => transition(state!, a, r))).flatMap((r) => (r.ok && r.to !== state ? [r.to] : []));
      if (next.length === 0) deadEnds.push(state);
      for (const to of new Set(next.filter((s) => !reached.has(s)))) {
        reached.add(to);
        queue.push(to);
      }
    }
    expect([...reached].sort()).toEqual([...APPLICATION_STATES].sort());
    expect(deadEnds.sort()).toEqual(["closed", "rejected"]);
  });
});

describe("allowedActions", () => {
  it.each(APPLICATION_STATES.flatMap((state) => ROLES.map((role) => ({ state, role }))))(
    "lists what $role may do with a $state application",
    ({ state, role }) => {
      const expected = Object.entries(EXPECTED[state] ?? {})
        .filter(([, rule]) => rule[1].includes(role))
        .map(([action]) => action);
      expect([...allowedActions(state, role)].sort()).toEqual(expected.sort());
    },
  );

  it("gives an administrator nothing to do in an application's lifecycle", () => {
    expect(APPLICATION_STATES.flatMap((s) => allowedActions(s, "administrator"))).toEqual([]);
  });
});

describe("hasDraft", () => {
  it("holds while the application can be edited: a draft, or returned for correction", () => {
    expect(APPLICATION_STATES.filter(hasDraft)).toEqual(["draft", "returned"]);
  });
});

describe("labels", () => {
  it("names every state and action in Japanese", () => {
    for (const label of [...Object.values(STATE_LABELS), ...Object.values(ACTION_LABELS)]) {
      // Kana and kanji, with 「・」 and the brackets of 「中止（廃止）」.
      expect(label).toMatch(/^[ぁ-んァ-ン一-龯・（）]+$/);
    }
    expect(STATE_LABELS.decided).toBe("交付決定");
    expect(ACTION_LABELS.confirm).toBe("額の確定");
  });
});

describe("canClose", () => {
  it.each([
    { name: "paid exactly the confirmed amount", confirmedAmount: 4_000_000, paid: 4_000_000, returned: 0, ok: true, reason: "" },
    { name: "overpaid and the excess returned", confirmedAmount: 3_500_000, paid: 4_000_000, returned: 500_000, ok: true, reason: "" },
    { name: "withdrawn with nothing paid", confirmedAmount: 0, paid: 0, returned: 0, ok: true, reason: "" },
    { name: "withdrawn with the advance returned in full", confirmedAmount: 0, paid: 2_000_000, returned: 2_000_000, ok: true, reason: "" },
    { name: "the settlement payment still due", confirmedAmount: 4_000_000, paid: 2_000_000, returned: 0, ok: false, reason: "残り2,000,000円の精算払" },
    { name: "one yen short", confirmedAmount: 4_000_000, paid: 3_999_999, returned: 0, ok: false, reason: "残り1円の精算払" },
    { name: "an overpayment not yet returned", confirmedAmount: 3_500_000, paid: 4_000_000, returned: 0, ok: false, reason: "500,000円の返還" },
    { name: "one yen too much returned", confirmedAmount: 3_500_000, paid: 4_000_000, returned: 500_001, ok: false, reason: "残り1円の精算払" },
  ])("with $name: closes = $ok", ({ name: _, ok, reason, ...settlement }) => {
    const result = canClose(settlement);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("refuses amounts that are not whole yen as a programmer's error", () => {
    expect(() => canClose({ confirmedAmount: 0.5, paid: 0.5, returned: 0 })).toThrow(RangeError);
  });
});
