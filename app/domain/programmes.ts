/**
 * The two grant menus, their expense categories and their fiscal-year parameters (docs/domain.md §2).
 * Pure data: the database is seeded from these defaults and may hold later years an administrator adds.
 */

export const PROGRAMMES = ["prefectural", "intermediary"] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** Which programme each kind of organisation applies to. */
export const PROGRAMME_OF_KIND: Partial<Record<string, Programme>> = {
  prefecture: "prefectural",
  intermediary: "intermediary",
};

export const PROGRAMME_NAMES: Record<Programme, string> = {
  prefectural: "地方における孤独・孤立対策推進事業（メニュー1）",
  intermediary: "孤独・孤立対策担い手育成支援事業（メニュー2）",
};

export const EXPENSE_CATEGORIES = [
  "remuneration",
  "salaries",
  "allowances",
  "insurance",
  "honoraria",
  "travel",
  "supplies",
  "printing",
  "meetings",
  "communication",
  "services",
  "rent",
  "outsourcing",
  "equipment",
  "minor_repairs",
  "subsidies",
  "ineligible",
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const EXPENSE_CATEGORY_NAMES: Record<ExpenseCategory, string> = {
  remuneration: "報酬",
  salaries: "給料",
  allowances: "職員手当等",
  insurance: "保険料",
  honoraria: "諸謝金",
  travel: "旅費",
  supplies: "消耗品費",
  printing: "印刷製本費",
  meetings: "会議費",
  communication: "通信運搬費",
  services: "雑役務費",
  rent: "借料",
  outsourcing: "委託費",
  equipment: "備品費",
  minor_repairs: "改修費（軽微なものに限る）",
  subsidies: "補助金",
  ineligible: "対象外経費",
};

/** Categories both menus fund; `subsidies` is added for Menu 1 only, `ineligible` is never funded. */
const COMMON_ELIGIBLE: ExpenseCategory[] = EXPENSE_CATEGORIES.filter((c) => c !== "subsidies" && c !== "ineligible");

export interface Rate {
  numerator: number;
  denominator: number;
}

export interface ProgrammeParameters {
  /** Fiscal year by its starting calendar year: 2026 = 令和8年度. */
  fiscalYear: number;
  programme: Programme;
  rate: Rate;
  /** 交付基準額 (D), yen. */
  baseAmount: number;
  /** 交付上限額 = baseAmount × rate, yen. */
  ceiling: number;
  /** The programme's budget for the year, yen: decisions may not exceed it. */
  programmeBudget: number;
  eligibleCategories: ExpenseCategory[];
  /** `asset-restriction` fires for an equipment line at or above this amount, yen. */
  assetRestrictionThreshold: number;
  /** `outsourcing-share-high` fires when outsourcing is above this percentage of C. */
  outsourcingWarningPercent: number;
  /** 変更交付申請 is needed when an expense category moves by more than this percentage (the 20% rule). */
  changeThresholdPercent: number;
  /** 実績報告 is due this many days after the work is completed; null: one month after (the 交付要綱's rule). */
  reportDueDays: number | null;
  /** …and never later than this day, "MM-DD", of the calendar year after the fiscal year starts ("04-10": 10 April). */
  reportLatestMonthDay: string;
}

/** The rules of a programme-year added after the first parameters were stored, as they were before: for older snapshots. */
export const PARAMETER_DEFAULTS = {
  changeThresholdPercent: 20,
  reportDueDays: null,
  reportLatestMonthDay: "04-10",
} as const satisfies Partial<ProgrammeParameters>;

function defaultsFor(fiscalYear: number): ProgrammeParameters[] {
  return [
    {
      fiscalYear,
      programme: "prefectural",
      rate: { numerator: 1, denominator: 2 },
      baseAmount: 8_000_000,
      ceiling: 4_000_000,
      programmeBudget: 70_000_000,
      eligibleCategories: [...COMMON_ELIGIBLE, "subsidies"],
      assetRestrictionThreshold: 500_000,
      outsourcingWarningPercent: 50,
      ...PARAMETER_DEFAULTS,
    },
    {
      fiscalYear,
      programme: "intermediary",
      rate: { numerator: 2, denominator: 3 },
      baseAmount: 9_000_000,
      ceiling: 6_000_000,
      programmeBudget: 60_000_000,
      eligibleCategories: [...COMMON_ELIGIBLE],
      assetRestrictionThreshold: 500_000,
      outsourcingWarningPercent: 50,
      ...PARAMETER_DEFAULTS,
    },
  ];
}

/** The 令和6年度 figures of the grant rules, carried over unchanged to 令和7年度 and 令和8年度. */
export const DEFAULT_PROGRAMME_PARAMETERS: readonly ProgrammeParameters[] = [2024, 2025, 2026].flatMap(defaultsFor);

/**
 * Menu 1 activities (docs/domain.md §2): the mandatory platform (事業内容 1) and the optional works ①–⑩
 * (事業内容 2), of which a plan must choose two or more.
 */
export const MENU1_ACTIVITIES = [
  { code: "platform", label: "1", name: "地方版官民連携プラットフォームの構築" },
  { code: "a1", label: "①", name: "孤独・孤立対策の取組方針の作成" },
  { code: "a2", label: "②", name: "孤独・孤立の実態把握や地域資源の調査" },
  { code: "a3", label: "③", name: "関係者間の活動等に係る情報共有や相互啓発活動" },
  { code: "a4", label: "④", name: "住民への情報発信や普及啓発活動" },
  { code: "a5", label: "⑤", name: "人材確保・育成のための研修" },
  { code: "a6", label: "⑥", name: "地域協議会の設置" },
  { code: "a7", label: "⑦", name: "相談体制の整備や居場所の設置、交流機会の創出など当事者等への支援" },
  { code: "a8", label: "⑧", name: "⑦の活動を行う団体への支援（中間支援）" },
  { code: "a9", label: "⑨", name: "管内市区町村の後方支援" },
  { code: "a10", label: "⑩", name: "その他内閣府が必要と認める取組" },
] as const;
export type Menu1Activity = (typeof MENU1_ACTIVITIES)[number]["code"];
export const MENU1_ACTIVITY_CODES = MENU1_ACTIVITIES.map((a) => a.code) as [Menu1Activity, ...Menu1Activity[]];
export const isMenu1Activity = (code: string): code is Menu1Activity => MENU1_ACTIVITIES.some((a) => a.code === code);

/** "travel" → "旅費"; an unknown code is shown as it is. */
export function expenseCategoryName(code: string): string {
  return (EXPENSE_CATEGORY_NAMES as Record<string, string>)[code] ?? code;
}

/** "a2" → "② 孤独・孤立の実態把握や地域資源の調査"; an unknown code is shown as it is, a blank one as "—". */
export function activityLabel(code: string): string {
  const activity = MENU1_ACTIVITIES.find((a) => a.code === code);
  return activity ? `${activity.label} ${activity.name}` : code || "—";
}

/** Menu 1 work that may be subsidised (補助) rather than only commissioned: ⑦ and ⑧ (docs/domain.md §2). */
export const SUBSIDY_ACTIVITIES: ReadonlySet<string> = new Set(["a7", "a8"]);

/** The parameters of one programme in one fiscal year, or undefined when none are registered. */
export function findProgrammeParameters(list: readonly ProgrammeParameters[], fiscalYear: number, programme: Programme): ProgrammeParameters | undefined {
  return list.find((p) => p.fiscalYear === fiscalYear && p.programme === programme);
}
