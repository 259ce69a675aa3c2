import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { checkApplication, EMPTY_BUDGET_LINE, emptyDraft, lineAmount, readDraft } from "../../app/domain/application-draft";
import { fieldLabel } from "../../app/forms/application";
import { formValues } from "../../app/forms/read-form";

describe("a budget line's amount", () => {
  it.each([
    [{ amount: "１，２００，０００円" }, { ok: true, value: 1_200_000 }],
    [
      { quantity: "8", unitPrice: "25,000" },
      { ok: true, value: 200_000 },
    ],
    [
      { quantity: "８", unitPrice: "２５，０００円", amount: "ignored when quantity and price are given" },
      { ok: true, value: 200_000 },
    ],
  ])("reads %j", (typed, expected) => {
    expect(lineAmount({ ...EMPTY_BUDGET_LINE, ...typed })).toEqual(expected);
  });

  it.each([
    [{ amount: "abc" }, "amount"],
    [{ quantity: "0", unitPrice: "1000" }, "quantity"],
    [{ quantity: "1.5", unitPrice: "1000" }, "quantity"],
    [{ quantity: "3", unitPrice: "" }, "unitPrice"],
    [{ quantity: "9999999", unitPrice: "9,999,999,999" }, "unitPrice"],
  ])("points %j at the field to fix", (typed, path) => {
    expect(lineAmount({ ...EMPTY_BUDGET_LINE, ...typed })).toMatchObject({ ok: false, path });
  });
});

describe("the application form", () => {
  it("reads the posted form into the draft: ticked activities with their fields, rows, and text as typed", () => {
    const form = new FormData();
    form.set("purpose", "目的");
    form.append("activityCodes", "a3");
    form.set("activities.0.code", "platform");
    form.set("activities.0.content", "運営");
    form.append("activities.0.months", "4");
    form.append("activities.0.months", "5");
    form.set("activities.1.code", "a3");
    form.set("activities.1.content", "情報共有");
    form.set("activities.2.code", "a9");
    form.set("activities.2.content", "ticked off: dropped");
    form.set("lines.0.category", "travel");
    form.set("lines.0.activity", "platform");
    form.set("lines.0.amount", "-5,000");
    form.set("otherIncome", "abc");

    const draft = readDraft(formValues(form));

    expect(draft.purpose).toBe("目的");
    expect(draft.activities).toEqual([
      { code: "platform", content: "運営", months: [4, 5], indicators: "" },
      { code: "a3", content: "情報共有", months: [], indicators: "" },
    ]);
    expect(draft.lines).toEqual([{ ...EMPTY_BUDGET_LINE, category: "travel", activity: "platform", amount: "-5,000" }]);
    expect(draft.otherIncome).toBe("abc");
  });

  it("reads anything stored as a draft without throwing, dropping what does not fit", () => {
    expect(readDraft({ purpose: 42, lines: "nope", activities: [{ code: "zz" }] })).toEqual(readDraft({}));
  });

  it("points the rules' findings at the form's rows, skipping blank rows", () => {
    const draft = emptyDraft("prefectural");
    draft.activities.push({ code: "a3", content: "x", months: [6], indicators: "" }, { code: "a7", content: "y", months: [6], indicators: "" });
    draft.lines = [{ ...EMPTY_BUDGET_LINE }, { ...EMPTY_BUDGET_LINE, category: "subsidies", activity: "a3", amount: "100,000" }];

    const check = checkApplication("prefectural", 2026, draft, DEFAULT_PROGRAMME_PARAMETERS);

    expect(check.findings.map((f) => `${f.code}@${f.path}`)).toEqual(["subsidy-activity-restricted@lines.1.activity"]);
    expect(check.lineAmounts).toEqual([null, 100_000]);
    expect(check.requestedAmount).toBe(check.result.grantAmount);
  });

  it("adds the completeness checks only for a submission", () => {
    const draft = emptyDraft("intermediary");
    draft.lines = [{ ...EMPTY_BUDGET_LINE, category: "travel", amount: "1,000,000" }];
    draft.areaPrefectures = ["13", "14"];
    const codes = (forSubmission: boolean) =>
      checkApplication("intermediary", 2026, draft, DEFAULT_PROGRAMME_PARAMETERS, { forSubmission }).findings.map((f) => f.path);
    expect(codes(false)).toEqual([]);
    expect(codes(true)).toEqual(expect.arrayContaining(["purpose", "plan.npoSupport"]));
  });

  it("names fields the way people read them", () => {
    expect(fieldLabel("lines.3.amount")).toBe("所要額の明細 4行目 金額");
    expect(fieldLabel("members.0.corporateNumber")).toBe("構成団体 1番目 法人番号");
  });
});
