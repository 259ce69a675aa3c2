/**
 * The grant calculation and the checks on a budget (docs/domain.md §3–4). Pure and synchronous: the same
 * function gives the applied, decided, changed and confirmed amounts from the lines it is given.
 *
 * Input that does not fit the schema is reported as findings, never thrown, and the totals are computed
 * from the lines that can be read. Only a programmer error (parameters for another programme or year,
 * or parameters that break their own rules) throws.
 */

import { z } from "zod";
import { MAX_YEN, formatYen } from "./money";
import { PREFECTURES } from "./prefectures";
import {
  activityLabel,
  DEFAULT_PROGRAMME_PARAMETERS,
  EXPENSE_CATEGORIES,
  expenseCategoryName,
  MENU1_ACTIVITIES,
  MENU1_ACTIVITY_CODES,
  PROGRAMMES,
  PROGRAMME_NAMES,
  SUBSIDY_ACTIVITIES,
  findProgrammeParameters,
  type Programme,
  type ProgrammeParameters,
} from "./programmes";
import { fiscalYearLabel } from "./wareki";

/** More lines than any real budget statement; it keeps every sum of amounts a safe integer. */
export const MAX_BUDGET_LINES = 10_000;

function yenSchema(field: string) {
  return z
    .number({
      error: (issue) => (issue.input === undefined ? `${field}を入力してください。` : `${field}は数値（1円単位の整数）で入力してください。`),
    })
    .int({ error: `${field}は1円単位の整数で入力してください。` })
    .min(0, { error: `${field}にマイナスは入力できません。0円以上にしてください。` })
    .max(MAX_YEN, { error: `${field}は${formatYen(MAX_YEN)}以下にしてください。` });
}

const PREFECTURE_CODES = PREFECTURES.map(([code]) => code) as [string, ...string[]];

export const BudgetLineSchema = z.object({
  category: z.string({ error: "経費区分を選択してください。" }).min(1, { error: "経費区分を選択してください。" }),
  activity: z.string({ error: "活動の指定が正しくありません。" }).optional(),
  amount: yenSchema("金額"),
  description: z.string({ error: "内容は文字で入力してください。" }).optional(),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

const ActivitySchema = z.enum(MENU1_ACTIVITY_CODES, {
  error: "不明な活動です。「プラットフォームの構築」または①～⑩から選択してください。",
});
const PrefectureCodeSchema = z.enum(PREFECTURE_CODES, { error: "不明な都道府県です。一覧から選択してください。" });

export const GrantInputSchema = z.object({
  program: z.enum(PROGRAMMES, { error: "事業区分（メニュー1またはメニュー2）を選択してください。" }),
  fiscalYear: z.number({ error: "年度を指定してください。" }).int({ error: "年度は西暦の整数で指定してください（例：2026）。" }),
  activities: z.array(ActivitySchema, { error: "活動は一覧から選択してください。" }).optional(),
  areaPrefectures: z.array(PrefectureCodeSchema, { error: "活動区域は都道府県の一覧から選択してください。" }).optional(),
  areaJustification: z.string({ error: "理由は文字で入力してください。" }).optional(),
  otherIncome: yenSchema("寄付金その他の収入額"),
  requestedAmount: yenSchema("交付申請額").optional(),
  lines: z
    .array(BudgetLineSchema, { error: "所要額の明細（経費の内訳）がありません。" })
    .max(MAX_BUDGET_LINES, { error: `明細は${MAX_BUDGET_LINES.toLocaleString("ja-JP")}行以内にしてください。` }),
});
export type GrantInput = z.infer<typeof GrantInputSchema>;

export const FINDING_CODES = [
  "input-invalid",
  "empty-budget",
  "amount-invalid",
  "category-not-eligible",
  "platform-required",
  "activities-too-few",
  "activity-not-selected",
  "subsidy-activity-restricted",
  "other-income-exceeds-cost",
  "requested-exceeds-maximum",
  "area-justification-required",
  "area-single-prefecture",
  "asset-restriction",
  "minor-repairs-review",
  "outsourcing-share-high",
] as const;

export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  /** An error blocks submission; a warning is shown to the applicant and flagged to the reviewer. */
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  /** The field the finding is about: "lines.3.amount", "activities", "otherIncome", … */
  path: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;
export type FindingCode = Finding["code"];

export const GrantResultSchema = z.object({
  /** A 総事業費. */
  totalProjectCost: z.number(),
  /** B 寄付金その他の収入額. */
  otherIncome: z.number(),
  /** C 対象経費. */
  eligibleExpenses: z.number(),
  /** D 交付基準額. */
  baseAmount: z.number(),
  /** E 選定額 = min(C, A − B, D). */
  selectedAmount: z.number(),
  rate: z.object({ numerator: z.number(), denominator: z.number() }),
  ceiling: z.number(),
  grantAmount: z.number(),
  /** 自己負担 / 地方負担 = C − grant. */
  applicantShare: z.number(),
  findings: z.array(FindingSchema),
});
export type GrantResult = z.infer<typeof GrantResultSchema>;

const WARNINGS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  "area-single-prefecture",
  "asset-restriction",
  "minor-repairs-review",
  "outsourcing-share-high",
]);

function finding(code: FindingCode, path: string, message: string): Finding {
  return { code, severity: WARNINGS.has(code) ? "warning" : "error", message, path };
}

const AMOUNT_PATH = /^(otherIncome|requestedAmount|lines\.[0-9]+\.amount)$/;

/** Parses one field; an unreadable value becomes findings and undefined. */
function read<T>(schema: z.ZodType<T>, value: unknown, path: string, findings: Finding[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [path, ...issue.path.map(String)].filter((p) => p !== "").join(".");
    findings.push(finding(AMOUNT_PATH.test(at) ? "amount-invalid" : "input-invalid", at, issue.message));
  }
  return undefined;
}

/**
 * True for a line the schema would accept as it is. Checking this by hand first keeps a 500-line budget
 * fast; anything it does not recognise goes through the schema, which says what is wrong.
 */
export function isWellFormedLine(item: unknown): item is BudgetLine {
  if (typeof item !== "object" || item === null) return false;
  const { category, activity, amount, description } = item as Record<string, unknown>;
  return (
    typeof category === "string" &&
    category !== "" &&
    typeof amount === "number" &&
    Number.isSafeInteger(amount) &&
    amount >= 0 &&
    amount <= MAX_YEN &&
    (activity === undefined || typeof activity === "string") &&
    (description === undefined || typeof description === "string")
  );
}

/** Parses a list item by item, so one bad item does not hide the others: unreadable items become undefined. */
function readList<T>(
  list: z.ZodArray<z.ZodType<T>>,
  value: unknown,
  path: string,
  findings: Finding[],
  wellFormed: (item: unknown) => item is T = (_item): _item is T => false,
): (T | undefined)[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_BUDGET_LINES) return read(list, value, path, findings);
  return value.map((item, i) => (wellFormed(item) ? item : read(list.element, item, `${path}.${i}`, findings)));
}

/** What could be read of an input, field by field. */
function readInput(raw: unknown, findings: Finding[]) {
  const isObject = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  if (!isObject) findings.push(finding("input-invalid", "", "申請内容を読み取れませんでした。"));
  // Not an object: one finding says so, rather than one per missing field.
  const sink = isObject ? findings : [];
  const input = (isObject ? raw : {}) as Record<string, unknown>;
  const shape = GrantInputSchema.shape;
  const optionalList = <T>(list: z.ZodArray<z.ZodType<T>>, key: string): T[] =>
    input[key] === undefined ? [] : (readList(list, input[key], key, sink) ?? []).filter((item): item is T => item !== undefined);
  return {
    program: read(shape.program, input.program, "program", sink),
    fiscalYear: read(shape.fiscalYear, input.fiscalYear, "fiscalYear", sink),
    activities: optionalList(shape.activities.unwrap(), "activities"),
    areaPrefectures: optionalList(shape.areaPrefectures.unwrap(), "areaPrefectures"),
    areaJustification: read(shape.areaJustification, input.areaJustification, "areaJustification", sink),
    otherIncome: read(shape.otherIncome, input.otherIncome, "otherIncome", sink),
    requestedAmount: read(shape.requestedAmount, input.requestedAmount, "requestedAmount", sink),
    lines: readList(shape.lines, input.lines, "lines", sink, isWellFormedLine),
  };
}

function yearLabel(fiscalYear: number): string {
  return fiscalYear >= 2019 ? fiscalYearLabel(fiscalYear) : `${fiscalYear}年度`;
}

function selectParameters(
  given: ProgrammeParameters | readonly ProgrammeParameters[],
  program: Programme | undefined,
  fiscalYear: number | undefined,
  findings: Finding[],
): ProgrammeParameters | undefined {
  let chosen: ProgrammeParameters | undefined;
  if (!Array.isArray(given)) {
    chosen = given as ProgrammeParameters;
    if (program !== undefined && chosen.programme !== program) {
      throw new Error(`parameters are for ${chosen.programme}, the input is for ${program}`);
    }
    if (fiscalYear !== undefined && chosen.fiscalYear !== fiscalYear) {
      throw new Error(`parameters are for fiscal year ${chosen.fiscalYear}, the input is for ${fiscalYear}`);
    }
  } else if (program !== undefined && fiscalYear !== undefined) {
    chosen = findProgrammeParameters(given, fiscalYear, program);
    if (!chosen) {
      findings.push(
        finding(
          "input-invalid",
          "fiscalYear",
          `${yearLabel(fiscalYear)}の${PROGRAMME_NAMES[program]}の交付基準額等が登録されていません。年度を確認してください。`,
        ),
      );
    }
  }
  const problems = chosen ? validateProgrammeParameters(chosen) : [];
  if (problems.length > 0) throw new Error(`invalid programme parameters: ${problems.join(" ")}`);
  return chosen;
}

/** floor(amount × numerator / (denominator × 1000)) × 1000, exact for any safe integers. */
function applyRate(amount: number, { numerator, denominator }: ProgrammeParameters["rate"]): number {
  return Number((BigInt(amount) * BigInt(numerator)) / (BigInt(denominator) * 1000n)) * 1000;
}

/**
 * Computes A–E, the grant and the applicant's share of one budget, with the findings of docs/domain.md §4.
 * Without `parameters` the defaults for the input's fiscal year and programme are used.
 */
export function calculateGrant(input: unknown, parameters: ProgrammeParameters | readonly ProgrammeParameters[] = DEFAULT_PROGRAMME_PARAMETERS): GrantResult {
  const findings: Finding[] = [];
  const x = readInput(input, findings);
  const params = selectParameters(parameters, x.program, x.fiscalYear, findings);
  const program = x.program ?? params?.programme;
  const menu1 = program === "prefectural";
  const selected: ReadonlySet<string> = new Set(x.activities);

  if (menu1) {
    if (!selected.has("platform")) {
      findings.push(finding("platform-required", "activities", "メニュー1では「地方版官民連携プラットフォームの構築」が必須です。活動に追加してください。"));
    }
    const works = [...selected].filter((a) => a !== "platform").length;
    if (works < 2) {
      findings.push(finding("activities-too-few", "activities", `メニュー1では①～⑩の活動から2つ以上を選択してください（現在${works}つ）。`));
    }
  }
  if (program === "intermediary" && new Set(x.areaPrefectures).size < 2) {
    if (!x.areaJustification?.trim()) {
      findings.push(
        finding(
          "area-justification-required",
          "areaJustification",
          "メニュー2の事業は原則として一つの都道府県を超えた区域で行うものです。活動区域が1都道府県以下の場合は、その理由を記入してください。",
        ),
      );
    } else {
      findings.push(
        finding(
          "area-single-prefecture",
          "areaPrefectures",
          "活動区域が1都道府県以下です。メニュー2の事業は原則として一つの都道府県を超えた区域で行うものです。記入された理由を審査で確認します。",
        ),
      );
    }
  }

  if (x.lines?.length === 0) {
    findings.push(finding("empty-budget", "lines", "所要額の明細がありません。経費の内訳を1行以上入力してください。"));
  }
  const eligible = new Set<string>(params?.eligibleCategories);
  let totalProjectCost = 0;
  let eligibleExpenses = 0;
  let outsourcing = 0;
  (x.lines ?? []).forEach((line, i) => {
    if (!line) return;
    const at = `lines.${i}`;
    totalProjectCost += line.amount;
    if (eligible.has(line.category)) {
      eligibleExpenses += line.amount;
      if (line.category === "outsourcing") outsourcing += line.amount;
    } else if (params && line.category !== "ineligible") {
      const known = (EXPENSE_CATEGORIES as readonly string[]).includes(line.category);
      findings.push(
        finding(
          "category-not-eligible",
          `${at}.category`,
          known
            ? `「${expenseCategoryName(line.category)}」は${PROGRAMME_NAMES[params.programme]}の対象経費ではありません。自己資金で支払う場合は「対象外経費」として計上してください。`
            : `経費区分「${line.category}」は登録されていません。一覧から選択してください。`,
        ),
      );
    }
    if (menu1) {
      if (line.activity === undefined || line.activity === "") {
        findings.push(finding("activity-not-selected", `${at}.activity`, "この明細の活動を選択してください。"));
      } else if (!selected.has(line.activity)) {
        findings.push(
          finding(
            "activity-not-selected",
            `${at}.activity`,
            MENU1_ACTIVITIES.some((a) => a.code === line.activity)
              ? `活動「${activityLabel(line.activity)}」は事業計画で選択されていません。事業計画に活動を追加するか、明細の活動を変更してください。`
              : `活動「${line.activity}」は登録されていません。事業計画で選択した活動から選んでください。`,
          ),
        );
      }
      if (line.category === "subsidies" && !SUBSIDY_ACTIVITIES.has(line.activity ?? "")) {
        findings.push(
          finding(
            "subsidy-activity-restricted",
            `${at}.activity`,
            "補助金は活動⑦または⑧にのみ計上できます。この明細の活動を⑦または⑧にするか、委託費など他の経費区分で計上してください。",
          ),
        );
      }
    }
    if (params && line.category === "equipment" && line.amount >= params.assetRestrictionThreshold) {
      findings.push(
        finding(
          "asset-restriction",
          `${at}.amount`,
          `${formatYen(params.assetRestrictionThreshold)}以上の備品は財産処分制限の対象です。事業終了後も処分（売却・譲渡・廃棄など）に承認が必要になります。`,
        ),
      );
    }
    if (line.category === "minor_repairs") {
      findings.push(
        finding(
          "minor-repairs-review",
          `${at}.category`,
          "【審査上の確認事項】改修費は軽微なものに限られます。規則による誤りではありませんが、審査担当者が改修の内容と規模を確認します。内容欄に工事の内容を具体的に記入してください。",
        ),
      );
    }
  });

  const otherIncome = x.otherIncome ?? 0;
  const baseAmount = params?.baseAmount ?? 0;
  const selectedAmount = Math.max(0, Math.min(eligibleExpenses, totalProjectCost - otherIncome, baseAmount));
  const grantAmount = params ? applyRate(selectedAmount, params.rate) : 0;

  // Checks on totals only when every line was read: totals of a partial budget would mislead.
  const complete = x.lines !== undefined && x.lines.every((line) => line !== undefined);
  if (complete && x.otherIncome !== undefined && otherIncome > totalProjectCost) {
    findings.push(
      finding(
        "other-income-exceeds-cost",
        "otherIncome",
        `寄付金その他の収入額（${formatYen(otherIncome)}）が総事業費（${formatYen(totalProjectCost)}）を超えています。金額を確認してください。`,
      ),
    );
  }
  if (complete && params && x.requestedAmount !== undefined && x.requestedAmount > grantAmount) {
    findings.push(
      finding(
        "requested-exceeds-maximum",
        "requestedAmount",
        `交付申請額（${formatYen(x.requestedAmount)}）が算定された交付額（${formatYen(grantAmount)}）を超えています。${formatYen(grantAmount)}以下にしてください。`,
      ),
    );
  }
  if (complete && params && BigInt(outsourcing) * 100n > BigInt(eligibleExpenses) * BigInt(params.outsourcingWarningPercent)) {
    findings.push(
      finding(
        "outsourcing-share-high",
        "lines",
        `【審査上の確認事項】委託費（${formatYen(outsourcing)}）が対象経費（${formatYen(eligibleExpenses)}）の${params.outsourcingWarningPercent}%を超えています。規則による誤りではありませんが、委託の必要性と内容を事業計画で説明してください。`,
      ),
    );
  }

  return {
    totalProjectCost,
    otherIncome,
    eligibleExpenses,
    baseAmount,
    selectedAmount,
    rate: params ? { numerator: params.rate.numerator, denominator: params.rate.denominator } : { numerator: 0, denominator: 1 },
    ceiling: params?.ceiling ?? 0,
    grantAmount,
    applicantShare: Math.max(0, eligibleExpenses - grantAmount),
    findings,
  };
}

const isYen = (value: number) => Number.isSafeInteger(value) && value >= 0;

/**
 * The problems, in Japanese, that make programme parameters unusable (empty when they are sound).
 * The database enforces the ceiling rule too.
 */
export function validateProgrammeParameters(p: ProgrammeParameters): string[] {
  const problems: string[] = [];
  if (!PROGRAMMES.includes(p.programme)) problems.push(`事業区分「${String(p.programme)}」は登録されていません。`);
  if (!Number.isSafeInteger(p.fiscalYear)) problems.push("年度は西暦の整数にしてください。");
  const { numerator, denominator } = p.rate;
  const rateOk = Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator) && numerator > 0 && numerator <= denominator;
  if (!rateOk) problems.push("交付率は0より大きく1以下の分数（分子・分母は整数）にしてください。");
  const amounts = [
    [p.baseAmount, "交付基準額"],
    [p.ceiling, "交付上限額"],
    [p.programmeBudget, "予算額"],
    [p.assetRestrictionThreshold, "財産処分制限の基準額"],
  ] as const;
  for (const [value, label] of amounts) {
    if (!isYen(value)) problems.push(`${label}は0円以上の整数（円）にしてください。`);
  }
  if (rateOk && isYen(p.baseAmount) && isYen(p.ceiling) && BigInt(p.ceiling) * BigInt(denominator) !== BigInt(p.baseAmount) * BigInt(numerator)) {
    problems.push(
      `交付上限額（${formatYen(p.ceiling)}）は交付基準額（${formatYen(p.baseAmount)}）×交付率（${numerator}/${denominator}）と一致させてください。`,
    );
  }
  if (!Number.isInteger(p.outsourcingWarningPercent) || p.outsourcingWarningPercent < 0 || p.outsourcingWarningPercent > 100) {
    problems.push("委託費割合の警告基準は0～100の整数（%）にしてください。");
  }
  if (!Number.isInteger(p.changeThresholdPercent) || p.changeThresholdPercent < 1 || p.changeThresholdPercent > 100) {
    problems.push("変更交付申請が必要となる増減の割合は1～100の整数（%）にしてください。");
  }
  if (p.reportDueDays !== null && (!Number.isInteger(p.reportDueDays) || p.reportDueDays < 1 || p.reportDueDays > 365)) {
    problems.push("実績報告の期限（完了後の日数）は1～365の整数にしてください。");
  }
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(p.reportLatestMonthDay)) {
    problems.push("実績報告の最終期限は月日（例：04-10）で指定してください。");
  }
  for (const category of p.eligibleCategories) {
    if (!(EXPENSE_CATEGORIES as readonly string[]).includes(category)) {
      problems.push(`経費区分「${category}」は登録されていません。`);
    } else if (category === "ineligible") {
      problems.push("「対象外経費」は対象経費にできません。");
    } else if (category === "subsidies" && p.programme !== "prefectural") {
      problems.push("「補助金」はメニュー1でのみ対象経費にできます。");
    }
  }
  return problems;
}
