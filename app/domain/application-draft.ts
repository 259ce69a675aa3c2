/**
 * The application draft (交付申請): what the applicant typed, kept as text so that nothing is ever lost,
 * and how it becomes the rules' input (docs/domain.md §3–4). The browser runs this on every keystroke (as
 * the form's resolver) and the server on every save and submit, so both show the same figures and messages.
 */
import { z } from "zod";
import { isValidCorporateNumber } from "./corporate-number";
import { longText, lossesOf, rows, shortText, tickBox, ticked } from "./draft-text";
import { calculateGrant, type Finding, type GrantInput, type GrantResult } from "./grant-calculation";
import { MAX_YEN, parseYen } from "./money";
import type { FieldErrors } from "./outcome";
import { MENU1_ACTIVITY_CODES, SUBSIDY_ACTIVITIES, type Programme, type ProgrammeParameters } from "./programmes";

export const PLATFORM_MEMBER_KINDS = {
  npo: "NPO",
  social_welfare: "社会福祉法人",
  company: "企業",
  municipality: "市区町村",
  other: "その他",
} as const;

export const DELEGATION_METHODS = { commission: "委託", subsidy: "補助" } as const;

export const MENU2_PLAN_FIELDS = [
  ["npoSupport", "小規模なNPO等への支援（伴走支援・専門家派遣・講習会など）"],
  ["networking", "NPO等の連携・ネットワークづくり"],
  ["tiesModels", "既存の分野を超えた緩やかなつながりのモデルづくり"],
  ["digitalisation", "デジタル化の支援（物資・サービスのマッチングなど）"],
] as const;

export { LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT } from "./draft-text";
const text = longText;
const list = rows;

/**
 * The longest 文書番号 the applicant's own documents carry (「富山県厚第123号」), as on the forms of the steps
 * after submission. The draft keeps up to SHORT_TEXT_LIMIT, so nothing typed is lost; the rules refuse more.
 */
export const DOCUMENT_NUMBER_LIMIT = 40;

/** The months of a fiscal year, in its order. */
export const FISCAL_YEAR_MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3] as const;

/** Months of the fiscal year in which a piece of work runs: 4 … 12, 1 … 3. */
const months = ticked(z.coerce.number().int().min(1).max(12), FISCAL_YEAR_MONTHS.length);

export const ActivityPlanSchema = z.object({
  code: z.enum(MENU1_ACTIVITY_CODES),
  content: text,
  months,
  indicators: text,
});

export const BudgetLineValuesSchema = z.object({
  category: shortText,
  activity: shortText,
  /** Menu 2 consortium: the member (by position) the line belongs to; "" for the lead or undivided. */
  member: shortText,
  description: shortText,
  amount: shortText,
  quantity: shortText,
  unitPrice: shortText,
});

const DraftFieldsSchema = z.object({
  /** The 交付申請書's number in the applicant's own registry; "" prints a blank number. */
  documentNumber: shortText,
  purpose: text,
  // Menu 1
  activities: list(ActivityPlanSchema, MENU1_ACTIVITY_CODES.length),
  platformMembers: list(
    z.object({ name: shortText, kind: z.enum(Object.keys(PLATFORM_MEMBER_KINDS) as [keyof typeof PLATFORM_MEMBER_KINDS]).catch("other"), role: shortText }),
    100,
  ),
  delegations: list(
    z.object({
      activity: shortText,
      method: z.enum(["commission", "subsidy"]).catch("commission"),
      recipient: shortText,
      content: shortText,
    }),
    100,
  ),
  // Menu 2
  consortium: tickBox,
  members: list(z.object({ name: shortText, corporateNumber: shortText, role: shortText, share: shortText }), 30),
  areaPrefectures: ticked(z.string().regex(/^\d{2}$/), 47),
  areaJustification: text,
  plan: z
    .object({ npoSupport: text, networking: text, tiesModels: text, digitalisation: text })
    .catch(() => ({ npoSupport: "", networking: "", tiesModels: "", digitalisation: "" })),
  /** The months each part of the plan runs, as Menu 1's activities have theirs; drafts from before read as none. */
  planMonths: z
    .object({ npoSupport: months, networking: months, tiesModels: months, digitalisation: months })
    .catch(() => ({ npoSupport: [], networking: [], tiesModels: [], digitalisation: [] })),
  // Budget
  lines: list(BudgetLineValuesSchema, 500),
  otherIncome: shortText,
  otherIncomeSource: shortText,
  requestedAmount: shortText,
});

/**
 * The form posts the Menu 1 activities as ticked boxes ("activityCodes", the platform always) beside the
 * fields typed for each ("activities.N.code" names which activity row N holds): the ticked ones are kept,
 * each with what was typed for it, in the order of the list of activities.
 */
function activitiesFromTicks(values: unknown): unknown {
  if (values === null || typeof values !== "object" || !("activityCodes" in values)) return values;
  const { activityCodes, ...rest } = values;
  const ticked = new Set(["platform", ...[activityCodes].flat().map(String)]);
  const typed = "activities" in rest && Array.isArray(rest.activities) ? rest.activities : [];
  const byCode = new Map(typed.map((row: unknown) => [row !== null && typeof row === "object" && "code" in row ? row.code : undefined, row]));
  const activities = MENU1_ACTIVITY_CODES.filter((code) => ticked.has(code)).map(
    (code) => byCode.get(code) ?? { code, content: "", months: [], indicators: "" },
  );
  return { ...rest, activities };
}

/**
 * The application draft: what is stored, what the autosave sends, and what the form posts (read by
 * app/forms/read-form.ts formValues) all read through this one schema.
 */
export const ApplicationDraftSchema = z.preprocess(activitiesFromTicks, DraftFieldsSchema);

export type ApplicationDraft = z.infer<typeof ApplicationDraftSchema>;
export type BudgetLineValues = z.infer<typeof BudgetLineValuesSchema>;

export const EMPTY_BUDGET_LINE: BudgetLineValues = {
  category: "",
  activity: "",
  member: "",
  description: "",
  amount: "",
  quantity: "",
  unitPrice: "",
};

/** Whatever is stored or sent, read as a draft: unknown keys dropped, broken parts emptied, never thrown. */
export function readDraft(value: unknown): ApplicationDraft {
  const parsed = ApplicationDraftSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : DraftFieldsSchema.parse({});
}

export function emptyDraft(programme: Programme): ApplicationDraft {
  const draft = readDraft({});
  draft.lines = Array.from({ length: 3 }, () => ({ ...EMPTY_BUDGET_LINE }));
  if (programme === "prefectural") draft.activities = [{ code: "platform", content: "", months: [], indicators: "" }];
  return draft;
}

const LONG_FIELDS = /^(purpose|areaJustification|plan\.\w+|activities\.\d+\.(content|indicators))$/;

/**
 * A draft sent to be saved, and what of it the draft would not keep as sent: a message per field (too long,
 * not one of its choices, more rows than a draft holds). A save with any of these is refused, so that
 * "saved" always means that what was sent is what is stored.
 */
export function readDraftToSave(sent: unknown): { draft: ApplicationDraft; losses: FieldErrors } {
  const draft = readDraft(sent);
  return { draft, losses: lossesOf(sent, draft, (path) => LONG_FIELDS.test(path)) };
}

/** The 交付申請書's own 文書番号 as the applicant typed it, trimmed; "" when it has none. */
export function applicationNumberOf(draft: ApplicationDraft): string {
  return draft.documentNumber.trim();
}

/** A draft pre-filled from what the organisation already knows. */
export function initialDraft(programme: Programme, organisation: { name: string; corporateNumber: string }): ApplicationDraft {
  const draft = emptyDraft(programme);
  if (programme === "intermediary") {
    draft.members = [{ name: organisation.name, corporateNumber: organisation.corporateNumber, role: "代表団体", share: "" }];
  }
  return draft;
}

/** The lists of a draft a person adds rows to, each with what a new row holds. */
export const NEW_ROWS = {
  lines: (): BudgetLineValues => ({ ...EMPTY_BUDGET_LINE }),
  platformMembers: (): ApplicationDraft["platformMembers"][number] => ({ name: "", kind: "npo", role: "" }),
  delegations: (): ApplicationDraft["delegations"][number] => ({ activity: "", method: "commission", recipient: "", content: "" }),
  members: (): ApplicationDraft["members"][number] => ({ name: "", corporateNumber: "", role: "", share: "" }),
};
export type RowList = keyof typeof NEW_ROWS;

// ---------------------------------------------------------------------------------------------------
// Draft → the rules' input, and every check on it.

const isBlankLine = (l: BudgetLineValues) =>
  !l.category && !l.activity && !l.description.trim() && !l.amount.trim() && !l.quantity.trim() && !l.unitPrice.trim();

/** A line's amount: typed directly, or quantity × unit price. */
export function lineAmount(line: BudgetLineValues): { ok: true; value: number } | { ok: false; path: "amount" | "quantity" | "unitPrice"; message: string } {
  if (line.quantity.trim() || line.unitPrice.trim()) {
    const quantity = line.quantity.normalize("NFKC").replaceAll(",", "").trim();
    if (!/^\d{1,7}$/.test(quantity) || Number(quantity) === 0) {
      return { ok: false, path: "quantity", message: "数量は1以上の整数で入力してください。" };
    }
    const price = parseYen(line.unitPrice);
    if (!price.ok) return { ok: false, path: "unitPrice", message: price.message };
    const value = Number(quantity) * price.value;
    if (!Number.isSafeInteger(value) || value > MAX_YEN) {
      return { ok: false, path: "unitPrice", message: "数量×単価が大きすぎます。金額を確認してください。" };
    }
    return { ok: true, value };
  }
  const amount = parseYen(line.amount);
  return amount.ok ? amount : { ok: false, path: "amount", message: amount.message };
}

export interface ApplicationCheck {
  input: GrantInput;
  result: GrantResult;
  /** Every finding, the rules' and the form's own, with paths naming the form's fields. */
  findings: Finding[];
  /** The amount applied for: as typed, or the computed grant when left blank. */
  requestedAmount: number;
  /** A line's amount by form row (null where it cannot be read), for per-category and per-activity totals. */
  lineAmounts: (number | null)[];
}

/**
 * The rules number the lines they were given; a form skips its blank and unreadable rows. Points each
 * finding back at the row of the form (`formRowOf[i]` is the form row of the rules' line i).
 */
export function pointAtFormRows(findings: readonly Finding[], formRowOf: readonly number[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    path: f.path.replace(/^lines\.(\d+)/, (_, i: string) => `lines.${formRowOf[Number(i)] ?? i}`),
  }));
}

function required(path: string, message: string): Finding {
  return { code: "input-invalid", severity: "error", message, path };
}

/**
 * The draft keeps a longer 文書番号 as typed (nothing typed is lost); the rules refuse it at every check, as
 * the steps' forms do, counting characters as people see them.
 */
function documentNumberFindings(draft: ApplicationDraft): Finding[] {
  if ([...applicationNumberOf(draft)].length <= DOCUMENT_NUMBER_LIMIT) return [];
  return [required("documentNumber", `文書番号は${DOCUMENT_NUMBER_LIMIT}文字以内で入力してください。`)];
}

/** Checks that only matter for a submission: the plan must be filled in, not just the budget. */
function completenessFindings(programme: Programme, draft: ApplicationDraft): Finding[] {
  const findings: Finding[] = [];
  if (!draft.purpose.trim()) findings.push(required("purpose", "事業の目的を入力してください。"));
  if (programme === "prefectural") {
    draft.activities.forEach((a, i) => {
      if (!a.content.trim()) findings.push(required(`activities.${i}.content`, "この事業の実施内容を入力してください。"));
      if (a.months.length === 0) findings.push(required(`activities.${i}.months`, "実施する月を選んでください。"));
    });
    draft.platformMembers.forEach((m, i) => {
      if (!m.name.trim()) findings.push(required(`platformMembers.${i}.name`, "構成団体の名称を入力するか、この行を削除してください。"));
    });
    draft.delegations.forEach((d, i) => {
      if (!d.recipient.trim()) findings.push(required(`delegations.${i}.recipient`, "委託先・補助先を入力するか、この行を削除してください。"));
      if (d.method === "subsidy" && !SUBSIDY_ACTIVITIES.has(d.activity)) {
        findings.push(required(`delegations.${i}.activity`, "補助による実施は活動⑦または⑧に限られます。"));
      }
    });
  } else {
    draft.members.forEach((m, i) => {
      if (!m.name.trim()) findings.push(required(`members.${i}.name`, "構成団体の名称を入力してください。"));
      const number = m.corporateNumber.normalize("NFKC").trim();
      if (!isValidCorporateNumber(number)) {
        findings.push(required(`members.${i}.corporateNumber`, "法人番号は13桁で、検査用数字が合うものを入力してください。"));
      }
    });
    if (draft.consortium && draft.members.length < 2) {
      findings.push(required("members", "コンソーシアムの場合は、代表団体のほかに構成団体を1つ以上入力してください。"));
    }
    if (MENU2_PLAN_FIELDS.every(([key]) => !draft.plan[key].trim())) {
      findings.push(required("plan.npoSupport", "事業計画の内容を1つ以上入力してください。"));
    }
    // A part left empty is not carried out, so it has no months.
    for (const [key] of MENU2_PLAN_FIELDS) {
      if (draft.plan[key].trim() && draft.planMonths[key].length === 0) findings.push(required(`planMonths.${key}`, "実施する月を選んでください。"));
    }
  }
  return findings;
}

/**
 * Runs the rules on a draft. Blank budget rows are ignored; an amount that cannot be read is reported at
 * its field and left out of the totals. `forSubmission` adds the completeness checks of the plan.
 */
export function checkApplication(
  programme: Programme,
  fiscalYear: number,
  draft: ApplicationDraft,
  parameters: readonly ProgrammeParameters[],
  { forSubmission = false } = {},
): ApplicationCheck {
  const unreadable: Finding[] = [];
  const formRowOf: number[] = [];
  const lineAmounts: (number | null)[] = [];
  const lines: GrantInput["lines"] = [];
  draft.lines.forEach((line, row) => {
    if (isBlankLine(line)) return lineAmounts.push(null);
    const amount = lineAmount(line);
    if (!amount.ok) {
      unreadable.push({ code: "amount-invalid", severity: "error", message: amount.message, path: `lines.${row}.${amount.path}` });
      return lineAmounts.push(null);
    }
    lineAmounts.push(amount.value);
    formRowOf.push(row);
    lines.push({
      category: line.category,
      amount: amount.value,
      ...(programme === "prefectural" ? { activity: line.activity } : {}),
      ...(line.description.trim() ? { description: line.description.trim() } : {}),
    });
  });

  const readOptional = (path: string, raw: string): number | undefined => {
    if (!raw.trim()) return undefined;
    const parsed = parseYen(raw);
    if (parsed.ok) return parsed.value;
    unreadable.push({ code: "amount-invalid", severity: "error", message: parsed.message, path });
    return undefined;
  };
  const otherIncome = readOptional("otherIncome", draft.otherIncome) ?? 0;
  const typedRequest = readOptional("requestedAmount", draft.requestedAmount);

  const input: GrantInput = {
    program: programme,
    fiscalYear,
    ...(programme === "prefectural"
      ? { activities: draft.activities.map((a) => a.code) }
      : { areaPrefectures: draft.areaPrefectures, areaJustification: draft.areaJustification }),
    otherIncome,
    ...(typedRequest !== undefined ? { requestedAmount: typedRequest } : {}),
    lines,
  };
  const result = calculateGrant(input, parameters);
  const findings = [
    ...documentNumberFindings(draft),
    ...unreadable,
    ...pointAtFormRows(result.findings, formRowOf),
    ...(forSubmission ? completenessFindings(programme, draft) : []),
  ];
  return { input, result, findings, requestedAmount: typedRequest ?? result.grantAmount, lineAmounts };
}

/** The first message for each field, keyed by the field's name. */
export function messagesByField(findings: readonly Finding[]): Record<string, Finding> {
  const byField: Record<string, Finding> = {};
  for (const f of findings) byField[f.path] ??= f;
  return byField;
}

/** Totals of the readable lines by category and by activity (Menu 1) or member (Menu 2), in yen. */
export function budgetTotals(draft: ApplicationDraft, lineAmounts: readonly (number | null)[]) {
  const byCategory = new Map<string, number>();
  const byActivity = new Map<string, number>();
  const byMember = new Map<string, number>();
  draft.lines.forEach((line, i) => {
    const amount = lineAmounts[i];
    if (amount === null || amount === undefined) return;
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + amount);
    byActivity.set(line.activity, (byActivity.get(line.activity) ?? 0) + amount);
    byMember.set(line.member, (byMember.get(line.member) ?? 0) + amount);
  });
  return { byCategory, byActivity, byMember };
}
