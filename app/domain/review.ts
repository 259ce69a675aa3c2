/**
 * The reviewer's side of a submitted version (docs/domain.md §5 "Review"): what a return comment may be
 * attached to, and the checklist a reviewer ticks per programme. Pure: the service reads the version and
 * the ticks, the pages show them.
 */
import { lineAmount, MENU2_PLAN_FIELDS, type ApplicationDraft } from "./application-draft";
import { ATTACHMENT_DOCUMENT_TYPES, type AttachmentDocumentType } from "./file-types";
import { formatYen } from "./money";
import { prefectureName } from "./prefectures";
import { expenseCategoryName, type Programme } from "./programmes";
import type { SubmittedSnapshot } from "./submitted-version";

// ---------------------------------------------------------------------------------------------------
// Return comments: each on a section, a field or a budget line of the submitted version.

export type CommentTargetKind = "section" | "field" | "line";

export interface CommentTarget {
  /** The draft path the comment is shown beside: "activities", "otherIncome", "lines.3". */
  path: string;
  kind: CommentTargetKind;
}

/** Sections of each programme's form, in the order the form shows them. */
const SECTIONS: Record<Programme, readonly string[]> = {
  prefectural: ["activities", "platformMembers", "delegations", "lines", "attachments"],
  intermediary: ["members", "areaPrefectures", "plan", "lines", "attachments"],
};

const FIELDS: Record<Programme, readonly string[]> = {
  prefectural: ["purpose", "otherIncome", "otherIncomeSource", "requestedAmount"],
  intermediary: ["purpose", "areaJustification", ...MENU2_PLAN_FIELDS.map(([key]) => `plan.${key}`), "otherIncome", "otherIncomeSource", "requestedAmount"],
};

const LINE_PATH = /^lines\.(0|[1-9][0-9]{0,2})$/;

/** Whether a path names a section, a field, or one budget line ("lines.3": the 4th row of the form). */
export function commentTargetKind(path: string): CommentTargetKind {
  if (LINE_PATH.test(path)) return "line";
  return Object.values(SECTIONS).some((sections) => sections.includes(path)) ? "section" : "field";
}

/** The row of the form a line target names ("lines.3" → 3), or null. */
export function lineIndexOf(path: string): number | null {
  const match = LINE_PATH.exec(path);
  return match ? Number(match[1]) : null;
}

const isBlankLine = (line: ApplicationDraft["lines"][number]) =>
  !line.category && !line.activity && !line.description.trim() && !line.amount.trim() && !line.quantity.trim() && !line.unitPrice.trim();

/**
 * What a return comment may be attached to in a submitted version: its programme's sections and fields,
 * and each budget line it has, named by its row in the form ("lines.3"). A line keeps its row when the
 * applicant reopens the draft, since the draft is the submitted one until they change it.
 */
export function commentTargets(version: { programme: Programme; draft: ApplicationDraft }): CommentTarget[] {
  const { programme, draft } = version;
  const lines = draft.lines.flatMap((line, i) => (isBlankLine(line) ? [] : [{ path: `lines.${i}`, kind: "line" as const }]));
  return [
    ...SECTIONS[programme].map((path) => ({ path, kind: "section" as const })),
    ...FIELDS[programme].map((path) => ({ path, kind: "field" as const })),
    ...lines,
  ];
}

/** A budget line as a person recognises it: "印刷製本費・啓発チラシ・300,000円". */
export function lineSummary(line: ApplicationDraft["lines"][number]): string {
  const amount = lineAmount(line);
  return [expenseCategoryName(line.category) || "経費区分なし", line.description.trim(), amount.ok ? formatYen(amount.value) : ""].filter(Boolean).join("・");
}

/** The paths of `comments` that the version has no target for, by their position in the list. */
export function unknownTargets(version: { programme: Programme; draft: ApplicationDraft }, paths: readonly string[]): number[] {
  const known = new Set(commentTargets(version).map((t) => t.path));
  return paths.flatMap((path, i) => (known.has(path) ? [] : [i]));
}

/** How many comments one return may carry, and how long each may be. */
export const RETURN_COMMENTS_MAX = 30;
export const REVIEW_TEXT_MAX = 4000;

// ---------------------------------------------------------------------------------------------------
// The review checklist (審査チェックリスト) [review aid]: what the reviewer confirms for each programme.

export interface ChecklistItem {
  code: string;
  label: string;
  /** Attachments that show the item is met: the checklist names the ones the version has. */
  documents?: readonly AttachmentDocumentType[];
}

const ELIGIBLE_EXPENSES: ChecklistItem = {
  code: "eligible_expenses",
  label: "経費が対象経費の区分に当たり、積算が妥当である（飲食・懇親会などは対象外経費に計上されている）",
};
const ACKNOWLEDGED_WARNINGS: ChecklistItem = { code: "acknowledged_warnings", label: "申請者が提出時に確認した確認事項（警告）の内容を確認した" };

export const REVIEW_CHECKLISTS: Record<Programme, readonly ChecklistItem[]> = {
  prefectural: [
    { code: "budget_extract", label: "予算書抄本（交付金を計上した予算の抄本）が添付されている", documents: ["budget_extract"] },
    { code: "platform_and_activities", label: "地方版官民連携プラットフォームの構築と、①〜⑩のうち2つ以上の取組が計画されている" },
    { code: "platform_members", label: "プラットフォームの構成団体が記載されている" },
    { code: "activity_plans", label: "取組ごとの実施内容・実施月・指標が具体的である" },
    { code: "delegations", label: "委託・補助の相手先と内容が記載され、補助による実施は⑦・⑧に限られている" },
    ELIGIBLE_EXPENSES,
    ACKNOWLEDGED_WARNINGS,
  ],
  intermediary: [
    { code: "articles", label: "規約・定款が添付されている", documents: ["rules", "articles"] },
    { code: "reports", label: "事業報告書・財務諸表が添付されている", documents: ["annual_report", "financial_statements"] },
    { code: "consortium_members", label: "代表団体とコンソーシアムの構成団体（名称・法人番号・分担）が記載されている" },
    { code: "activity_area", label: "活動区域が原則として複数の都道府県にまたがる（1つの場合はその理由が妥当である）" },
    { code: "plan", label: "事業計画（伴走支援・ネットワークづくりなど）が具体的である" },
    ELIGIBLE_EXPENSES,
    ACKNOWLEDGED_WARNINGS,
  ],
};

/** The states in which the checklist may be ticked: while the application is being reviewed. */
export const CHECKLIST_STATES = ["submitted", "under_review"] as const;

/** The codes of `ticked` that belong to the programme's checklist, in its order (others are no item of it). */
export function checklistCodes(programme: Programme, ticked: readonly string[]): string[] {
  const wanted = new Set(ticked);
  return REVIEW_CHECKLISTS[programme].filter((item) => wanted.has(item.code)).map((item) => item.code);
}

/** Which items a save ticks and which it unticks, given what is ticked now. */
export function checklistChanges(
  programme: Programme,
  current: ReadonlyMap<string, boolean>,
  ticked: readonly string[],
): { ticked: string[]; unticked: string[] } {
  const next = new Set(checklistCodes(programme, ticked));
  const items = REVIEW_CHECKLISTS[programme].map((i) => i.code);
  return {
    ticked: items.filter((code) => next.has(code) && !current.get(code)),
    unticked: items.filter((code) => !next.has(code) && current.get(code) === true),
  };
}

/**
 * What the submitted version shows about an item, beside its box: the files attached of the kinds it asks
 * for, the members, the area. A review aid: the reviewer still decides whether the item is met.
 */
export function checklistHint(item: ChecklistItem, snapshot: Pick<SubmittedSnapshot, "draft" | "attachments" | "acknowledgedWarnings">): string {
  const { draft } = snapshot;
  if (item.documents) {
    const files = snapshot.attachments.filter((a) => (item.documents as readonly string[]).includes(a.document_type));
    const kinds = item.documents.map((d) => ATTACHMENT_DOCUMENT_TYPES[d]).join("・");
    return files.length === 0 ? `${kinds}の添付はありません。` : `添付：${files.map((f) => f.file_name).join("、")}`;
  }
  switch (item.code) {
    case "platform_and_activities": {
      const others = draft.activities.filter((a) => a.code !== "platform").length;
      return `${draft.activities.some((a) => a.code === "platform") ? "プラットフォームの構築あり" : "プラットフォームの構築なし"}、①〜⑩から${others}件`;
    }
    case "platform_members": {
      const names = draft.platformMembers.map((m) => m.name.trim()).filter(Boolean);
      return names.length === 0 ? "構成団体の記載はありません。" : `${names.length}団体：${names.join("、")}`;
    }
    case "activity_plans":
      return `${draft.activities.length}件の取組`;
    case "delegations": {
      const commissions = draft.delegations.filter((d) => d.method === "commission").length;
      const subsidies = draft.delegations.length - commissions;
      return draft.delegations.length === 0 ? "委託・補助はありません。" : `委託${commissions}件・補助${subsidies}件`;
    }
    case "consortium_members":
      return draft.members
        .map((m, i) => `${i === 0 ? "代表団体" : `構成団体${i}`} ${m.name.trim() || "（名称なし）"}（${m.corporateNumber.trim() || "法人番号なし"}）`)
        .join("、");
    case "activity_area": {
      const names = draft.areaPrefectures.map((code) => prefectureName(code) ?? code);
      return names.length === 0 ? "活動区域の記載はありません。" : `${names.length}都道府県：${names.join("、")}`;
    }
    case "acknowledged_warnings":
      return snapshot.acknowledgedWarnings.length === 0 ? "確認事項はありません。" : `${snapshot.acknowledgedWarnings.length}件`;
    default:
      return "";
  }
}
