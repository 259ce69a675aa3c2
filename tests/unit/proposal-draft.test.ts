import { describe, expect, it } from "vitest";
import {
  checkProposal,
  emptyProposalDraft,
  readProposalDraft,
  readProposalDraftToSave,
  totalsByCategory,
  type ProposalDraft,
} from "../../app/domain/proposal-draft";
import { LONG_TEXT_LIMIT } from "../../app/domain/draft-text";
import { applyProposalRowIntent, proposalFieldLabel, readProposalIntent } from "../../app/forms/proposal";
import { formOf, formValues } from "../../app/forms/read-form";

const PLATFORM = { kind: "model-platform", ceiling: 5_000_000 } as const;

function complete(): ProposalDraft {
  return {
    ...emptyProposalDraft("model-platform"),
    currentSituation: "見守り事業を実施してきた。",
    plans: "支援会議を活用する。",
    members: [{ kind: "council", count: "１", names: "仙台市社会福祉協議会" }],
    schedule: [{ months: "4月", what: "設立総会" }],
    budget: [{ category: "謝金", description: "講師", amount: "１，２００，０００円" }],
  };
}

describe("the proposal draft", () => {
  it("keeps what the form posts, as typed, through the same schema the autosave uses", () => {
    const form = formOf({
      currentSituation: "現状",
      "members.0.kind": "university",
      "members.0.count": "2",
      "members.0.names": "東北大学、宮城大学",
      activities: ["platform", "survey"],
      "schedule.0.months": "7月〜9月",
      "schedule.0.what": "研修",
      "budget.0.category": "旅費",
      "budget.0.description": "視察",
      "budget.0.amount": "abc",
      secondYear: "on",
    });
    const draft = readProposalDraft(formValues(form));
    expect(draft).toMatchObject({
      currentSituation: "現状",
      members: [{ kind: "university", count: "2", names: "東北大学、宮城大学" }],
      activities: ["platform", "survey"],
      schedule: [{ months: "7月〜9月", what: "研修" }],
      budget: [{ category: "旅費", description: "視察", amount: "abc" }],
      secondYear: true,
    });
    // No box ticked posts nothing: no activities, not a second year.
    expect(readProposalDraft(formValues(formOf({ plans: "x" })))).toMatchObject({ activities: [], secondYear: false });
  });

  it("refuses to save what it would not keep, with a message at the field, and reads anything without throwing", () => {
    const { losses } = readProposalDraftToSave({
      ...complete(),
      plans: "あ".repeat(LONG_TEXT_LIMIT + 1),
      budget: [{ category: "接待費", description: "", amount: "" }],
    });
    expect(losses.plans).toContain("4,000文字以内");
    expect(losses["budget.0.category"]).toBe("この内容は保存できません。入力し直してください。");
    expect(readProposalDraftToSave(complete()).losses).toEqual({});
    expect(readProposalDraftToSave("nonsense").losses).toHaveProperty("form");
    expect(readProposalDraft(null)).toEqual(readProposalDraft({}));
  });

  it("starts a platform proposal with the three required activities ticked", () => {
    expect(emptyProposalDraft("model-platform").activities).toEqual(["platform", "awareness", "pilot"]);
    expect(emptyProposalDraft("model-npo").activities).toEqual([]);
  });
});

describe("checks on a proposal", () => {
  it("accepts a complete proposal within the ceiling, reading amounts as typed (full-width, commas, 円)", () => {
    const check = checkProposal(complete(), PLATFORM, { forSubmission: true });
    expect(check.errors).toEqual({});
    expect(check.total).toBe(1_200_000);
  });

  it("holds the total to the call's ceiling: at most the ceiling, one yen over is refused at the budget", () => {
    const at = { ...complete(), budget: [{ category: "委託費" as const, description: "", amount: "5,000,000" }] };
    expect(checkProposal(at, PLATFORM).errors).toEqual({});
    const over = {
      ...complete(),
      budget: [
        { category: "委託費" as const, description: "", amount: "4,000,000" },
        { category: "旅費" as const, description: "", amount: "1,000,001" },
      ],
    };
    const check = checkProposal(over, PLATFORM);
    expect(check.total).toBe(5_000_001);
    expect(check.errors.budget).toBe("所要額の合計5,000,001円が、この公募の上限額5,000,000円を超えています。上限額以内にしてください。");
  });

  it("reports an unreadable amount and a missing category at their fields, and leaves blank rows alone", () => {
    const draft = {
      ...complete(),
      budget: [
        { category: "" as const, description: "資料", amount: "1.5" },
        { category: "" as const, description: "", amount: "" },
      ],
    };
    const { errors, rowAmounts } = checkProposal(draft, PLATFORM);
    expect(errors["budget.0.amount"]).toContain("整数");
    expect(errors["budget.0.category"]).toBe("費目を選んでください。");
    expect(errors).not.toHaveProperty("budget.1.amount");
    expect(rowAmounts).toEqual([null, null]);
  });

  it("requires for submission the texts, the members, the ◎ activities of a platform call, a schedule and a budget", () => {
    const empty = emptyProposalDraft("model-platform");
    empty.activities = ["platform", "survey"];
    const { errors } = checkProposal(empty, PLATFORM, { forSubmission: true });
    expect(errors).toMatchObject({
      currentSituation: "現状・これまでの取組を入力してください。",
      plans: "今後の取組を入力してください。",
      "members.0.count": "団体数は1以上の整数で入力してください。",
      "members.0.names": "団体名を入力するか、この行を削除してください。",
      schedule: "実施スケジュールを1行以上入力してください。",
      budget: "所要額の内訳を1行以上入力してください。",
    });
    expect(errors.activities).toBe("◎の取組（孤独・孤立に関する普及活動、支援団体間の連携による試行的事業）は必ず実施してください。");
    // While editing, only the budget is checked.
    expect(checkProposal(empty, PLATFORM).errors).toEqual({});
  });

  it("requires the first year's results of a second-year proposal", () => {
    const second = { ...complete(), secondYear: true };
    expect(checkProposal(second, PLATFORM, { forSubmission: true }).errors.firstYearResults).toBe("2回目の提案では、1回目（前年度）の成果を入力してください。");
    expect(checkProposal({ ...second, firstYearResults: "15団体が参加" }, PLATFORM, { forSubmission: true }).errors).toEqual({});
  });

  it("does not require the ◎ activities of an NPO call, but at least one", () => {
    const npo = { ...complete(), activities: [] };
    expect(checkProposal(npo, { kind: "model-npo", ceiling: 5_000_000 }, { forSubmission: true }).errors.activities).toBe(
      "実施する取組を1つ以上選んでください。",
    );
    expect(checkProposal({ ...npo, activities: ["training" as const] }, { kind: "model-npo", ceiling: 5_000_000 }, { forSubmission: true }).errors).toEqual({});
  });

  it("totals the budget by category in the order of the list", () => {
    const draft = {
      ...complete(),
      budget: [
        { category: "旅費" as const, description: "", amount: "100" },
        { category: "謝金" as const, description: "", amount: "200" },
        { category: "旅費" as const, description: "", amount: "300" },
      ],
    };
    expect(totalsByCategory(draft, checkProposal(draft, PLATFORM).rowAmounts)).toEqual([
      { category: "謝金", amount: 200 },
      { category: "旅費", amount: 400 },
    ]);
  });
});

describe("the proposal form", () => {
  it("names its fields to people", () => {
    expect(proposalFieldLabel("budget.2.amount")).toBe("所要額の内訳 3行目 金額");
    expect(proposalFieldLabel("plans")).toBe("今後の取組");
  });

  it("reads the buttons' intents, and adds and removes rows without JavaScript", () => {
    expect(readProposalIntent("remove:budget:1")).toEqual({ kind: "remove", list: "budget", row: 1 });
    expect(readProposalIntent("add:lines")).toBeNull();
    expect(readProposalIntent("remove:budget:x")).toBeNull();
    const draft = complete();
    applyProposalRowIntent(draft, { kind: "add", list: "schedule" });
    expect(draft.schedule).toEqual([
      { months: "4月", what: "設立総会" },
      { months: "", what: "" },
    ]);
    applyProposalRowIntent(draft, { kind: "remove", list: "schedule", row: 0 });
    expect(draft.schedule).toEqual([{ months: "", what: "" }]);
  });
});
