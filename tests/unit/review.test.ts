import { describe, expect, it } from "vitest";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../app/domain/application-draft";
import { remainingAfter, remainingBudget } from "../../app/domain/ledger";
import {
  checklistChanges,
  checklistHint,
  commentTargetKind,
  commentTargets,
  REVIEW_CHECKLISTS,
  unknownTargets,
  type ChecklistItem,
} from "../../app/domain/review";
import { readForm } from "../../app/forms/read-form";
import { commentTargetLabel, commentTargetOptions, returnCommentsSchema, typedCommentRows } from "../../app/forms/review";

/** A Menu 1 draft with three lines in rows 0, 2 and 3 (row 1 left empty, as people leave rows). */
function menu1(): ApplicationDraft {
  const draft = emptyDraft("prefectural");
  draft.lines = [
    { ...EMPTY_BUDGET_LINE, category: "honoraria", activity: "platform", description: "委員謝金", quantity: "8", unitPrice: "25,000" },
    { ...EMPTY_BUDGET_LINE },
    { ...EMPTY_BUDGET_LINE, category: "printing", activity: "a4", description: "啓発チラシ", amount: "３００，０００円" },
    { ...EMPTY_BUDGET_LINE, category: "outsourcing", activity: "a2", amount: "abc" },
  ];
  return draft;
}

describe("what a return comment may be attached to", () => {
  it("offers a Menu 1 version's sections, fields and each budget line it has, by its row in the form", () => {
    expect(commentTargets({ programme: "prefectural", draft: menu1() })).toEqual([
      { path: "activities", kind: "section" },
      { path: "platformMembers", kind: "section" },
      { path: "delegations", kind: "section" },
      { path: "lines", kind: "section" },
      { path: "attachments", kind: "section" },
      { path: "purpose", kind: "field" },
      { path: "otherIncome", kind: "field" },
      { path: "otherIncomeSource", kind: "field" },
      { path: "requestedAmount", kind: "field" },
      { path: "lines.0", kind: "line" },
      { path: "lines.2", kind: "line" },
      // A line whose amount cannot be read is still a line the reviewer may comment on.
      { path: "lines.3", kind: "line" },
    ]);
  });

  it("offers a Menu 2 version's consortium, area and plan, and none of Menu 1's", () => {
    const paths = commentTargets({ programme: "intermediary", draft: emptyDraft("intermediary") }).map((t) => t.path);
    expect(paths).toEqual(expect.arrayContaining(["members", "areaPrefectures", "plan", "areaJustification", "plan.npoSupport", "plan.digitalisation"]));
    expect(paths).not.toContain("platformMembers");
    expect(paths).not.toContain("delegations");
  });

  it.each([
    ["lines.3", "line"],
    ["lines.0", "line"],
    ["lines", "section"],
    ["lines.3.amount", "field"],
    ["lines.03", "field"],
    ["delegations", "section"],
    ["plan", "section"],
    ["plan.networking", "field"],
    ["purpose", "field"],
  ] as const)("reads %s as a %s", (path, kind) => {
    expect(commentTargetKind(path)).toBe(kind);
  });

  it("names the comments whose target the version lacks, by their position", () => {
    const version = { programme: "prefectural" as const, draft: menu1() };
    expect(unknownTargets(version, ["lines.0", "lines.1", "members", "purpose", "__proto__", "lines.2"])).toEqual([1, 2, 4]);
    expect(unknownTargets(version, [])).toEqual([]);
  });

  it("names a line by its row and what it was, and a section by the form's own heading", () => {
    const draft = menu1();
    expect(commentTargetLabel("lines.2", draft)).toBe("所要額の明細 3行目（印刷製本費・啓発チラシ・300,000円）");
    expect(commentTargetLabel("lines.0", draft)).toBe("所要額の明細 1行目（諸謝金・委員謝金・200,000円）");
    expect(commentTargetLabel("lines.3", draft)).toBe("所要額の明細 4行目（委託費）");
    // Without the version (or past its lines): the row alone.
    expect(commentTargetLabel("lines.9", draft)).toBe("所要額の明細 10行目");
    expect(commentTargetLabel("delegations")).toBe("委託・補助");
    expect(commentTargetLabel("otherIncomeSource")).toBe("収入の内訳");
    expect(commentTargetOptions({ programme: "prefectural", draft }).find((o) => o.path === "lines.2")).toEqual({
      path: "lines.2",
      kind: "line",
      label: "所要額の明細 3行目（印刷製本費・啓発チラシ・300,000円）",
    });
  });
});

describe("the return form", () => {
  const targets = ["purpose", "activities", "lines.0", "lines.2"];
  const read = (comments: unknown) => readForm(returnCommentsSchema(targets), { comments });

  it("reads the rows typed in, skipping empty ones, each with its row", async () => {
    expect(
      await read([
        { target: "lines.2", body: "  チラシの部数を示してください。 " },
        { target: "", body: "" },
        { target: "activities", body: "⑦の場所を記載してください。" },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { row: 0, path: "lines.2", body: "チラシの部数を示してください。" },
        { row: 2, path: "activities", body: "⑦の場所を記載してください。" },
      ],
    });
  });

  it.each([
    ["no comment at all", [{ target: "", body: "" }], { "comments.0.body": "差戻しの理由を1つ以上記入してください。" }],
    ["nothing posted", undefined, { "comments.0.body": "差戻しの理由を1つ以上記入してください。" }],
    ["a comment without a target", [{ target: "", body: "直してください" }], { "comments.0.target": "コメント1の対象を選んでください。" }],
    [
      "a target the version does not have",
      [
        { target: "purpose", body: "ok" },
        { target: "lines.1", body: "空の行" },
      ],
      { "comments.1.target": "コメント2の対象は提出された版にありません。対象を選び直してください。" },
    ],
    ["a target without a comment", [{ target: "purpose", body: "   " }], { "comments.0.body": "コメント1を入力してください。" }],
    [
      "a comment over 4,000 characters",
      [{ target: "purpose", body: "長".repeat(4001) }],
      { "comments.0.body": "コメント1は4,000文字以内で入力してください。" },
    ],
    [
      "more comments than one return carries",
      Array.from({ length: 31 }, () => ({ target: "purpose", body: "x" })),
      { "comments.30.body": "一度に差し戻せるコメントは30件までです。" },
    ],
  ])("refuses %s, with the message at the row's field", async (_, comments, errors) => {
    expect(await read(comments)).toEqual({ ok: false, errors });
  });

  it("accepts exactly 4,000 characters and 30 comments", async () => {
    expect((await read([{ target: "purpose", body: "長".repeat(4000) }])).ok).toBe(true);
    expect((await read(Array.from({ length: 30 }, () => ({ target: "purpose", body: "x" })))).ok).toBe(true);
  });

  it("gives back the rows as typed, whatever they hold, and no more than one past the limit", () => {
    expect(typedCommentRows({ comments: [{ target: "lines.0", body: "a" }, "junk", { target: 5 }] })).toEqual([
      { target: "lines.0", body: "a" },
      { target: "", body: "" },
      { target: "", body: "" },
    ]);
    expect(typedCommentRows({ comments: "not rows" })).toEqual([]);
    expect(typedCommentRows({ comments: Array.from({ length: 100 }, () => ({})) })).toHaveLength(31);
  });
});

describe("the review checklist", () => {
  it("asks each programme what its grant rules require", () => {
    const codes = (p: "prefectural" | "intermediary") => REVIEW_CHECKLISTS[p].map((i) => i.code);
    expect(codes("prefectural")).toEqual(expect.arrayContaining(["budget_extract", "platform_and_activities", "platform_members", "delegations"]));
    expect(codes("intermediary")).toEqual(expect.arrayContaining(["articles", "consortium_members", "activity_area"]));
    for (const list of Object.values(REVIEW_CHECKLISTS)) expect(new Set(list.map((i) => i.code)).size).toBe(list.length);
  });

  it.each<[string, [string, boolean][], string[], { ticked: string[]; unticked: string[] }]>([
    ["ticks what was not ticked", [], ["budget_extract"], { ticked: ["budget_extract"], unticked: [] }],
    ["unticks what was ticked", [["budget_extract", true]], [], { ticked: [], unticked: ["budget_extract"] }],
    ["ticks again what was unticked", [["budget_extract", false]], ["budget_extract"], { ticked: ["budget_extract"], unticked: [] }],
    ["changes nothing when nothing moved", [["delegations", true]], ["delegations"], { ticked: [], unticked: [] }],
    ["ignores codes of no item, and the other programme's", [], ["articles", "nonsense"], { ticked: [], unticked: [] }],
    ["lists the changes in the checklist's order", [], ["delegations", "budget_extract"], { ticked: ["budget_extract", "delegations"], unticked: [] }],
  ])("%s", (_, current, ticked, expected) => {
    expect(checklistChanges("prefectural", new Map(current), ticked)).toEqual(expected);
  });

  it("says beside each item what the submitted version shows", () => {
    const item = (code: string): ChecklistItem => [...REVIEW_CHECKLISTS.prefectural, ...REVIEW_CHECKLISTS.intermediary].find((i) => i.code === code)!;
    const draft = emptyDraft("prefectural");
    draft.activities.push({ code: "a2", content: "", months: [], indicators: "" }, { code: "a7", content: "", months: [], indicators: "" });
    draft.platformMembers = [{ name: "NPO法人 ふくおか", kind: "npo", role: "" }];
    draft.delegations = [
      { activity: "a2", method: "commission", recipient: "調査会社", content: "" },
      { activity: "a7", method: "subsidy", recipient: "NPO", content: "" },
    ];
    const attachment = (document_type: string, file_name: string) => ({
      id: 1,
      document_type,
      file_name,
      content_type: "application/pdf",
      size_bytes: 1,
      sha256: "0".repeat(64),
      uploaded_at: "",
    });
    const snapshot = { draft, attachments: [attachment("budget_extract", "予算書抄本.pdf"), attachment("rules", "規約.pdf")], acknowledgedWarnings: [] };

    expect(checklistHint(item("budget_extract"), snapshot)).toBe("添付：予算書抄本.pdf");
    expect(checklistHint(item("articles"), snapshot)).toBe("添付：規約.pdf");
    expect(checklistHint(item("reports"), snapshot)).toBe("事業報告書・財務諸表の添付はありません。");
    expect(checklistHint(item("platform_and_activities"), snapshot)).toBe("プラットフォームの構築あり、①〜⑩から2件");
    expect(checklistHint(item("platform_members"), snapshot)).toBe("1団体：NPO法人 ふくおか");
    expect(checklistHint(item("delegations"), snapshot)).toBe("委託1件・補助1件");
    expect(checklistHint(item("acknowledged_warnings"), snapshot)).toBe("確認事項はありません。");
  });
});

describe("the programme-year's budget beside one application", () => {
  const standing = { total: 70_000_000, committedElsewhere: 12_000_000, committedHere: 2_630_000 };

  it("leaves what no application is committed to", () => {
    expect(remainingBudget(standing)).toBe(55_370_000);
  });

  it("after a decision, counts this application at the amount decided instead of what it held", () => {
    expect(remainingAfter(standing, 3_000_000)).toBe(55_000_000);
    expect(remainingAfter(standing, 60_000_000)).toBe(-2_000_000);
  });
});
