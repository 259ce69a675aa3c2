import { describe, expect, it } from "vitest";
import {
  applicationNumberOf,
  checkApplication,
  EMPTY_BUDGET_LINE,
  emptyDraft,
  readDraft,
  readDraftToSave,
  type ApplicationDraft,
} from "../../app/domain/application-draft";
import { DEFAULT_PROGRAMME_PARAMETERS } from "../../app/domain/programmes";
import { formValues } from "../../app/forms/read-form";

const NO_MONTHS = { npoSupport: [], networking: [], tiesModels: [], digitalisation: [] };

/** A Menu 2 draft that passes every check of a submission. */
function completeMenu2(): ApplicationDraft {
  const draft = emptyDraft("intermediary");
  draft.purpose = "小規模なNPO等の運営基盤を強化する。";
  draft.members = [{ name: "特定非営利活動法人 つながり", corporateNumber: "5990100000011", role: "代表団体", share: "" }];
  draft.areaPrefectures = ["16", "17"];
  draft.plan = { npoSupport: "専門家を派遣する。", networking: "", tiesModels: "", digitalisation: "" };
  draft.planMonths = { ...NO_MONTHS, npoSupport: [6, 7] };
  draft.lines = [{ ...EMPTY_BUDGET_LINE, category: "travel", amount: "1,000,000" }];
  return draft;
}

const submissionFindings = (programme: "prefectural" | "intermediary", draft: ApplicationDraft) =>
  checkApplication(programme, 2026, draft, DEFAULT_PROGRAMME_PARAMETERS, { forSubmission: true }).findings.filter((f) => f.severity === "error");

describe("the 交付申請書's own 文書番号", () => {
  it("is read from a stored draft and from the posted form", () => {
    expect(readDraft({ documentNumber: "富山県厚第12号" }).documentNumber).toBe("富山県厚第12号");
    const form = new FormData();
    form.set("documentNumber", "つながり発第3号");
    expect(readDraft(formValues(form)).documentNumber).toBe("つながり発第3号");
  });

  it("reads as none in a draft stored before it existed, or when what is stored is not text", () => {
    expect(readDraft({ purpose: "目的" }).documentNumber).toBe("");
    expect(readDraft({ documentNumber: 12 }).documentNumber).toBe("");
    expect(emptyDraft("prefectural").documentNumber).toBe("");
  });

  it('applicationNumberOf gives it trimmed, and "" when there is none', () => {
    expect(applicationNumberOf({ ...emptyDraft("prefectural"), documentNumber: "　富山県厚第12号 " })).toBe("富山県厚第12号");
    expect(applicationNumberOf({ ...emptyDraft("prefectural"), documentNumber: "  " })).toBe("");
    expect(applicationNumberOf(emptyDraft("intermediary"))).toBe("");
    expect(applicationNumberOf(readDraft({}))).toBe("");
  });

  it("may be up to 40 characters: a longer one is kept as typed, and refused at its field", () => {
    const forty = "厚".repeat(38) + "第1";
    const draft = { ...completeMenu2(), documentNumber: forty };
    expect(submissionFindings("intermediary", draft)).toEqual([]);

    const longer = `${forty}号`;
    const { draft: saved, losses } = readDraftToSave({ ...draft, documentNumber: longer });
    expect(losses).toEqual({});
    expect(saved.documentNumber).toBe(longer);
    const check = checkApplication("intermediary", 2026, saved, DEFAULT_PROGRAMME_PARAMETERS);
    expect(check.findings).toEqual([
      expect.objectContaining({ path: "documentNumber", severity: "error", message: "文書番号は40文字以内で入力してください。" }),
    ]);
    expect(submissionFindings("prefectural", { ...emptyDraft("prefectural"), documentNumber: longer }).map((f) => f.path)).toContain("documentNumber");
  });

  it("counts characters as people see them, and not the spaces around the number", () => {
    const emoji = "𠮷".repeat(40);
    expect(checkApplication("intermediary", 2026, { ...completeMenu2(), documentNumber: ` ${emoji} ` }, DEFAULT_PROGRAMME_PARAMETERS).findings).toEqual([]);
  });
});

describe("Menu 2's months of each part of the plan", () => {
  it("are read from a stored draft, and from the posted form's ticked boxes as numbers", () => {
    const stored = readDraft({ planMonths: { npoSupport: [4, 5], networking: [6], tiesModels: [], digitalisation: [1, 2, 3] } });
    expect(stored.planMonths).toEqual({ npoSupport: [4, 5], networking: [6], tiesModels: [], digitalisation: [1, 2, 3] });

    const form = new FormData();
    form.set("plan.networking", "交流会");
    form.append("planMonths.networking", "6");
    form.append("planMonths.networking", "12");
    form.append("planMonths.digitalisation", "3");
    expect(readDraft(formValues(form)).planMonths).toEqual({ ...NO_MONTHS, networking: [6, 12], digitalisation: [3] });
  });

  it("read as none in a draft stored before they existed, or when what is stored is broken", () => {
    expect(readDraft({ plan: { npoSupport: "伴走支援" } }).planMonths).toEqual(NO_MONTHS);
    expect(readDraft({ planMonths: "nope" }).planMonths).toEqual(NO_MONTHS);
    expect(readDraft({ planMonths: { npoSupport: [13], networking: "x", tiesModels: 5 } }).planMonths).toEqual({ ...NO_MONTHS, tiesModels: [5] });
  });

  it("each empty draft has its own lists", () => {
    const a = readDraft({});
    a.planMonths.npoSupport.push(4);
    expect(readDraft({}).planMonths.npoSupport).toEqual([]);
  });

  it("are saved as sent by the autosave, without a loss", () => {
    const sent = { ...completeMenu2(), planMonths: { ...NO_MONTHS, npoSupport: [4, 5, 6], tiesModels: [3] } };
    const { draft, losses } = readDraftToSave(JSON.parse(JSON.stringify(sent)));
    expect(losses).toEqual({});
    expect(draft.planMonths).toEqual(sent.planMonths);
  });

  it("a submission needs the months of each part that has content, at that part's months", () => {
    const draft = completeMenu2();
    expect(submissionFindings("intermediary", draft)).toEqual([]);

    draft.plan.networking = "年4回の交流会";
    draft.plan.digitalisation = "マッチングサイト";
    draft.planMonths.digitalisation = [9];
    expect(submissionFindings("intermediary", draft)).toEqual([
      { code: "input-invalid", severity: "error", message: "実施する月を選んでください。", path: "planMonths.networking" },
    ]);

    draft.planMonths.npoSupport = [];
    expect(submissionFindings("intermediary", draft).map((f) => f.path)).toEqual(["planMonths.npoSupport", "planMonths.networking"]);
  });

  it("a part left empty, or only spaces, needs no months; and the months are not a draft's concern until it is submitted", () => {
    const draft = completeMenu2();
    draft.plan.tiesModels = "　 ";
    expect(submissionFindings("intermediary", draft)).toEqual([]);
    draft.plan.networking = "交流会";
    expect(checkApplication("intermediary", 2026, draft, DEFAULT_PROGRAMME_PARAMETERS).findings).toEqual([]);
  });

  it("are no concern of Menu 1", () => {
    const draft = emptyDraft("prefectural");
    draft.plan.npoSupport = "left over";
    expect(submissionFindings("prefectural", draft).map((f) => f.path)).not.toContain("planMonths.npoSupport");
  });
});

describe("an empty draft", () => {
  it("shares nothing with the next one: filling one's plan or lists leaves the other empty", () => {
    const first = emptyDraft("intermediary");
    first.plan.npoSupport = "専門家派遣";
    first.members.push({ name: "構成団体", corporateNumber: "", role: "", share: "" });
    first.planMonths.npoSupport.push(6);
    const second = emptyDraft("intermediary");
    expect(second.plan.npoSupport).toBe("");
    expect(second.members).toEqual([]);
    expect(second.planMonths.npoSupport).toEqual([]);
  });
});
