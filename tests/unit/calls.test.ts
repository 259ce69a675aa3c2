import { describe, expect, it } from "vitest";
import { callPhase, isCallEditable, mayPropose } from "../../app/domain/calls";
import { japanDateTimeInputValue, parseJapanDateTime, timeLeftUntil } from "../../app/domain/japan-time";
import { callFormValues, CallSchema } from "../../app/forms/call";
import { readForm } from "../../app/forms/read-form";

const VALID = {
  kind: "model-platform",
  fiscalYear: "２０２６",
  title: "  令和8年度 地方版プラットフォーム推進事業  ",
  description: "概要",
  eligibility: "市区町村",
  opensAt: "2026-12-01T10:00",
  closesAt: "2027-01-15T17:00",
  ceilingPerProject: "５，０００，０００円",
  totalBudget: "45,000,000",
  projectsSought: "9",
  criteria: [
    { name: "先進性", weight: "20" },
    { name: "", weight: "" },
    { name: "実現可能性", weight: "80" },
  ],
};

describe("the call form", () => {
  it("reads a call in integer yen, the window in Japan time, and leaves blank criteria rows out", async () => {
    const parsed = await readForm(CallSchema, VALID);
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: "model-platform",
        fiscalYear: 2026,
        title: "令和8年度 地方版プラットフォーム推進事業",
        description: "概要",
        eligibility: "市区町村",
        opensAt: new Date("2026-12-01T01:00:00Z"),
        closesAt: new Date("2027-01-15T08:00:00Z"),
        ceilingPerProject: 5_000_000,
        totalBudget: 45_000_000,
        projectsSought: 9,
        criteria: [
          { name: "先進性", weight: 20 },
          { name: "実現可能性", weight: 80 },
        ],
      },
    });
  });

  it("puts each problem at its field, in Japanese", async () => {
    const parsed = await readForm(CallSchema, {
      ...VALID,
      closesAt: "2026-12-01T10:00",
      ceilingPerProject: "50,000,000",
      criteria: [
        { name: "先進性", weight: "0" },
        { name: "", weight: "10" },
        { name: "先進性", weight: "10" },
      ],
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        closesAt: "締切日時は公募開始日時より後にしてください。",
        ceilingPerProject: "1件あたりの上限額は予算総額以下にしてください。",
        "criteria.0.weight": "1行目の配点は1から100までの整数で入力してください。",
        "criteria.1.name": "2行目の評価項目名を入力してください。",
      },
    });
    const none = await readForm(CallSchema, { ...VALID, criteria: [{ name: "", weight: "" }] });
    expect(none).toEqual({ ok: false, errors: { "criteria.0.name": "評価項目を1つ以上入力してください。" } });
    // A duplicated name is named; a date-time that does not exist is refused at its field.
    const again = await readForm(CallSchema, {
      ...VALID,
      opensAt: "2027-02-30T10:00",
      criteria: [
        { name: "先進性", weight: "5" },
        { name: "先進性", weight: "5" },
      ],
    });
    expect(again).toEqual({ ok: false, errors: { opensAt: "公募開始日時は日付と時刻（例：2027-01-10 09:00）で入力してください。" } });
    const duplicated = await readForm(CallSchema, {
      ...VALID,
      criteria: [
        { name: "先進性", weight: "5" },
        { name: "先進性", weight: "5" },
      ],
    });
    expect(duplicated).toEqual({ ok: false, errors: { "criteria.1.name": "評価項目「先進性」が重複しています。" } });
  });

  it("asks for every field of an empty form", async () => {
    const parsed = await readForm(CallSchema, {});
    expect(parsed.ok).toBe(false);
    expect(Object.keys((parsed as { errors: object }).errors).sort()).toEqual(
      ["ceilingPerProject", "closesAt", "description", "eligibility", "fiscalYear", "opensAt", "projectsSought", "title", "totalBudget"].sort(),
    );
  });

  it("shows a stored call as it was typed, and reads back to the same call", async () => {
    const parsed = await readForm(CallSchema, VALID);
    if (!parsed.ok) throw new Error("the valid form was refused");
    const shown = callFormValues(parsed.value);
    expect(shown).toMatchObject({ opensAt: "2026-12-01T10:00", closesAt: "2027-01-15T17:00", ceilingPerProject: "5,000,000" });
    expect(await readForm(CallSchema, shown)).toEqual(parsed);
  });

  it("starts a new call with the default criteria", () => {
    const rows = callFormValues({ fiscalYear: 2026 }).criteria as { name: string; weight: string }[];
    expect(rows.filter((r) => r.name).map((r) => `${r.name}:${r.weight}`)).toEqual([
      "先進性:20",
      "実現可能性:25",
      "官民連携の広がり:25",
      "波及効果:15",
      "経費の妥当性:15",
    ]);
  });
});

describe("a call's window", () => {
  const call = { opensAt: parseJapanDateTime("2026-12-01T10:00"), closesAt: parseJapanDateTime("2027-01-15T17:00") };

  it.each([
    ["2026-12-01T09:59", "scheduled", true],
    ["2026-12-01T10:00", "open", false],
    ["2027-01-15T16:59", "open", false],
    ["2027-01-15T17:00", "closed", false],
  ] as const)("at %s (Japan time) it is %s", (at, phase, editable) => {
    expect(callPhase(call, parseJapanDateTime(at))).toBe(phase);
    expect(isCallEditable(call, parseJapanDateTime(at))).toBe(editable);
  });

  it("reads and shows date-times in Japan time, refusing what does not exist", () => {
    expect(parseJapanDateTime("2027-01-01T00:30").toISOString()).toBe("2026-12-31T15:30:00.000Z");
    expect(japanDateTimeInputValue(new Date("2026-12-31T15:30:00Z"))).toBe("2027-01-01T00:30");
    for (const bad of ["2027-01-01 00:30", "2027-01-01T24:00", "2027-01-01T12:60", "2027-02-29T10:00", ""]) {
      expect(() => parseJapanDateTime(bad), bad).toThrow(RangeError);
    }
  });

  it("counts the time left to a deadline at an hour of the day", () => {
    expect(timeLeftUntil(parseJapanDateTime("2027-01-13T18:00"), call.closesAt)).toBe("締切まで あと2日");
    expect(timeLeftUntil(parseJapanDateTime("2027-01-15T09:30"), call.closesAt)).toBe("締切まで あと7時間");
    expect(timeLeftUntil(parseJapanDateTime("2027-01-15T17:00"), call.closesAt)).toBe("締切を過ぎました");
  });

  it("is answered by municipalities for a platform call and by NPOs for an NPO call", () => {
    expect([
      mayPropose("model-platform", "municipality"),
      mayPropose("model-platform", "npo"),
      mayPropose("model-npo", "npo"),
      mayPropose("model-npo", "prefecture"),
    ]).toEqual([true, false, true, false]);
  });
});
