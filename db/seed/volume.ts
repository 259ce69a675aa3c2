import { sql, type Kysely } from "kysely";
import { emptyDraft, checkApplication, EMPTY_BUDGET_LINE, type ApplicationDraft, type BudgetLineValues } from "../../app/domain/application-draft";
import type { ApplicationState } from "../../app/domain/application-states";
import { corporateNumberCheckDigit } from "../../app/domain/corporate-number";
import { japanToday } from "../../app/domain/japan-time";
import { ledgerOf } from "../../app/domain/ledger";
import {
  commitmentAfter,
  currentBudget,
  NOTICE_KINDS,
  noticeNumber,
  reportDueOn,
  type PartySnapshot,
  type ProceedingRecord,
} from "../../app/domain/proceedings";
import { PREFECTURES } from "../../app/domain/prefectures";
import { MENU1_ACTIVITIES, type ExpenseCategory, type Programme, type ProgrammeParameters } from "../../app/domain/programmes";
import { STEPS, type StepAction, type StepInputs } from "../../app/domain/steps";
import { takeStep, type StepContext } from "../../app/domain/steps/step";
import { submittedVersionOf, type SubmittedSnapshot, type SubmittedVersion } from "../../app/domain/submitted-version";
import { fiscalYearOf } from "../../app/domain/wareki";
import { listProgrammeParameters } from "../../app/models/programme-parameters.server";
import type { Database } from "../schema";
import { CABINET_OFFICE_NAME } from "./reference-data";

/**
 * Volume data for measuring the reviewer's inbox (`npm run seed:volume`): N submitted applications of
 * prefectures and of invented intermediary organisations across the 47 prefectures, each taken through
 * its lifecycle by the same rules the services use — the draft checked by `checkApplication` and frozen as
 * a SubmittedSnapshot, every step after submission made by its step's own `take` — then written with
 * multi-row inserts. The steps of all applications are taken in the order of their dates, so that
 * decisions stay within each programme-year's budget (an application that would go over it is rejected).
 *
 * Additive: each run adds N applications of new organisations (their names and 法人番号 carry on from
 * the previous run's) and fills the prefectures' programme-years that have none yet.
 */

export interface VolumeResult {
  applications: number;
  organisations: number;
  byState: Record<string, number>;
  proceedings: number;
  auditEvents: number;
  assigned: number;
}

const YEARS = [2024, 2025, 2026] as const;
const DAY = 86_400_000;
const IP = "127.0.0.1";

// ---------------------------------------------------------------------------------------------------
// Randomness, seeded so that a run on the same database state gives the same data.

type Random = () => number;
function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const chance = (random: Random, p: number) => random() < p;
/** Whole thousands of yen between low and high. */
const yen = (random: Random, low: number, high: number) => between(random, low / 1000, high / 1000) * 1000;
function weighted<T extends string>(random: Random, weights: Partial<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries.at(-1)![0];
}
const jst = (date: string, minutes = 600) => new Date(Date.parse(`${date}T00:00:00+09:00`) + minutes * 60_000);
const addDays = (at: Date, days: number, random?: Random) => new Date(at.getTime() + days * DAY + (random ? between(random, 0, 300) * 60_000 : 0));

// ---------------------------------------------------------------------------------------------------
// Organisations and their applications' drafts.

const LEGAL_FORMS = ["特定非営利活動法人", "一般社団法人", "公益財団法人", "認定特定非営利活動法人", "社会福祉法人"];
const THEMES = [
  "つながりサポートセンター",
  "地域共生ネットワーク",
  "居場所づくり協議会",
  "ひとり親支援の会",
  "若者サポートステーション",
  "市民活動支援センター",
  "よりそいネット",
  "多世代交流ひろば",
  "ささえあいの家",
  "こども食堂ネットワーク",
  "ひきこもり支援機構",
  "シニア共助会",
  "NPOサポートセンター",
  "まちづくり基金",
  "ボランティア協会",
];
const CITY_OF: Record<string, string> = Object.fromEntries(
  PREFECTURES.map(([code, name]) => [code, name === "北海道" ? "札幌市" : name === "東京都" ? "千代田区" : `${name.replace(/[都府県]$/, "")}市`]),
);

function volumeOrganisation(serial: number) {
  const form = LEGAL_FORMS[serial % LEGAL_FORMS.length]!;
  const [code, prefecture] = PREFECTURES[Math.floor(serial / LEGAL_FORMS.length) % PREFECTURES.length]!;
  const theme = THEMES[Math.floor(serial / (LEGAL_FORMS.length * PREFECTURES.length)) % THEMES.length]!;
  const round = Math.floor(serial / (LEGAL_FORMS.length * PREFECTURES.length * THEMES.length));
  const place = prefecture.replace(/[都府県]$/, "");
  const base12 = String(810_000_000_000 + serial);
  return {
    code,
    row: {
      kind: "intermediary" as const,
      name: `${form} ${place}${theme}${round > 0 ? `第${round + 1}` : ""}`,
      corporate_number: `${corporateNumberCheckDigit(base12)}${base12}`,
      representative_title: "理事長",
      representative_name: `${pick(mulberry32(serial), ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"])} ${pick(mulberry32(serial + 7), ["和子", "健一", "陽子", "誠", "恵美", "大輔"])}`,
      postal_code: `${String(100 + (serial % 800)).padStart(3, "0")}-${String(serial % 10_000).padStart(4, "0")}`,
      address: `${prefecture}${CITY_OF[code]}中央${(serial % 9) + 1}丁目${(serial % 20) + 1}番${(serial % 12) + 1}号`,
      contact_person: "事務局",
      contact_phone: `0${(serial % 9) + 1}-0000-${String(serial % 10_000).padStart(4, "0")}`,
      contact_email: `office-${serial}@volume.example`,
    },
  };
}

const line = (category: ExpenseCategory, activity: string, description: string, amount: number): BudgetLineValues => ({
  ...EMPTY_BUDGET_LINE,
  category,
  activity,
  description,
  amount: amount.toLocaleString("en-US"),
});

const ACTIVITY_CONTENT: Record<string, [string, string]> = {
  platform: ["官民連携プラットフォームの運営（年4回の全体会議と分科会）", "会議4回・参加40団体"],
  a1: ["孤独・孤立対策の取組方針の策定", "方針の策定・公表"],
  a2: ["住民5,000人を対象とする実態調査", "回答1,500件"],
  a3: ["関係団体の情報共有会・相互研修", "参加60団体"],
  a4: ["相談窓口の周知と啓発イベント", "イベント3回・来場600人"],
  a5: ["相談員・支援者の養成研修", "修了者80人"],
  a6: ["地域協議会の設置と運営", "協議会2回"],
  a7: ["居場所の設置と交流会の開催", "居場所8か所・延べ1,200人"],
  a8: ["居場所を運営する団体への中間支援", "支援団体15団体"],
  a9: ["市町村の担当者会議と個別支援", "全市町村との会議"],
  a10: ["オンライン相談の試行", "相談300件"],
};
const MENU1_CATEGORIES: [ExpenseCategory, string][] = [
  ["honoraria", "有識者謝金"],
  ["travel", "委員旅費"],
  ["printing", "啓発チラシ印刷"],
  ["meetings", "会場使用料"],
  ["communication", "郵送料"],
  ["supplies", "消耗品"],
  ["services", "手話通訳等"],
  ["rent", "会場借上げ"],
  ["outsourcing", "調査・運営委託"],
];

function prefecturalDraft(random: Random, prefecture: string): ApplicationDraft {
  const draft = emptyDraft("prefectural");
  draft.purpose = `${prefecture}内の官民連携プラットフォームを通じて、孤独・孤立の実態を把握し、相談と居場所づくりを進める。`;
  const codes = MENU1_ACTIVITIES.map((a) => a.code).filter((c) => c !== "platform");
  const chosen = codes.filter(() => chance(random, 0.35));
  while (chosen.length < 2) {
    const c = pick(random, codes);
    if (!chosen.includes(c)) chosen.push(c);
  }
  const activities = ["platform", ...codes.filter((c) => chosen.includes(c))] as ApplicationDraft["activities"][number]["code"][];
  draft.activities = activities.map((code) => ({
    code,
    content: ACTIVITY_CONTENT[code]![0],
    months: [5, 7, 9, 11, 1].filter(() => chance(random, 0.7)).concat([2]),
    indicators: ACTIVITY_CONTENT[code]![1],
  }));
  draft.platformMembers = [
    { name: `社会福祉法人 ${prefecture}社会福祉協議会`, kind: "social_welfare", role: "事務局" },
    { name: `特定非営利活動法人 ${prefecture.replace(/[都府県]$/, "")}つながりネット`, kind: "npo", role: "居場所の運営" },
  ];
  const count = between(random, 8, 12);
  draft.lines = Array.from({ length: count }, (_, i) => {
    const activity = activities[i % activities.length]!;
    if ((activity === "a7" || activity === "a8") && chance(random, 0.5))
      return line("subsidies", activity, "居場所運営団体への補助", yen(random, 200_000, 900_000));
    const [category, description] = pick(random, MENU1_CATEGORIES);
    return line(category, activity, description, yen(random, 40_000, category === "outsourcing" ? 900_000 : 500_000));
  });
  if (draft.lines.some((l) => l.category === "outsourcing")) {
    draft.delegations = [
      {
        activity: draft.lines.find((l) => l.category === "outsourcing")!.activity,
        method: "commission",
        recipient: "株式会社 地域総合研究所",
        content: "調査・運営の委託",
      },
    ];
  }
  return draft;
}

const MENU2_CATEGORIES: [ExpenseCategory, string, number][] = [
  ["salaries", "コーディネーター人件費", 900_000],
  ["honoraria", "専門家派遣謝金", 300_000],
  ["travel", "伴走支援旅費", 250_000],
  ["supplies", "消耗品", 120_000],
  ["printing", "事例集印刷", 200_000],
  ["meetings", "交流会会場費", 150_000],
  ["communication", "オンライン会議費", 100_000],
  ["services", "ウェブサイト更新", 200_000],
  ["rent", "事務所借料", 300_000],
  ["insurance", "ボランティア保険", 60_000],
];

function intermediaryDraft(random: Random, organisation: { name: string; corporate_number: string }, code: string): ApplicationDraft {
  const draft = emptyDraft("intermediary");
  draft.purpose = "地域で緩やかなつながりをつくる小規模なNPO等を見つけ、伴走支援と連携づくりを通じて運営基盤を強化する。";
  draft.members = [{ name: organisation.name, corporateNumber: organisation.corporate_number, role: "代表団体", share: "" }];
  const neighbours = PREFECTURES.map(([c]) => c as string).filter((c) => Math.abs(Number(c) - Number(code)) <= 2 && c !== code);
  if (chance(random, 0.08)) {
    draft.areaPrefectures = [code];
    draft.areaJustification = "県内全域の小規模団体を対象とし、まず県内での連携の基盤をつくるため。";
  } else {
    draft.areaPrefectures = [code, ...neighbours.filter(() => chance(random, 0.6))];
    if (draft.areaPrefectures.length < 2) draft.areaPrefectures.push(neighbours[0]!);
  }
  draft.plan = {
    npoSupport: "会計・広報・資金調達の講習会と、専門家による伴走支援を行う。",
    networking: chance(random, 0.7) ? "分野を超えた団体の交流会を年4回開く。" : "",
    tiesModels: chance(random, 0.4) ? "商店街や学校と連携した緩やかなつながりのモデルをつくる。" : "",
    digitalisation: chance(random, 0.3) ? "物資とサービスのマッチングサイトの運用を支援する。" : "",
  };
  // Fixed months for each part carried out, so the random draws (and all that follows them) stay as they were.
  draft.planMonths = {
    npoSupport: [6, 7, 8, 9, 10, 11, 12, 1, 2],
    networking: draft.plan.networking ? [6, 9, 12, 3] : [],
    tiesModels: draft.plan.tiesModels ? [10, 11, 12, 1, 2] : [],
    digitalisation: draft.plan.digitalisation ? [7, 8, 9] : [],
  };
  const count = between(random, 8, 12);
  draft.lines = Array.from({ length: count }, () => {
    const [category, description, high] = pick(random, MENU2_CATEGORIES);
    return line(category, "", description, yen(random, 20_000, high));
  });
  // Findings the reviewer is shown, at about the rate they occur: each is a warning the applicant acknowledged.
  if (chance(random, 0.06)) draft.lines.push(line("equipment", "", "相談用ノートパソコン一式", yen(random, 500_000, 800_000)));
  if (chance(random, 0.05)) draft.lines.push(line("minor_repairs", "", "居場所のバリアフリー改修", yen(random, 100_000, 400_000)));
  if (chance(random, 0.1)) draft.lines.push(line("ineligible", "", "交流会の懇親会費", yen(random, 30_000, 100_000)));
  if (chance(random, 0.3)) draft.otherIncome = yen(random, 50_000, 300_000).toLocaleString("en-US");
  return draft;
}

// ---------------------------------------------------------------------------------------------------
// The lifecycle, planned per application and taken in date order across all of them.

type Stage = "submitted" | "under_review" | "returned" | "rejected" | "decided" | "change_requested" | "withdrawn" | "reported" | "confirmed" | "closed";

const STAGES_BY_YEAR: Record<number, Partial<Record<Stage, number>>> = {
  2026: { submitted: 20, under_review: 18, returned: 5, rejected: 8, decided: 27, change_requested: 8, withdrawn: 4, reported: 5, confirmed: 3, closed: 2 },
  2025: { rejected: 15, decided: 8, change_requested: 2, withdrawn: 5, reported: 10, confirmed: 20, closed: 40 },
  2024: { rejected: 15, decided: 2, withdrawn: 5, reported: 2, confirmed: 8, closed: 68 },
};

type Planned =
  | {
      kind:
        | "submit"
        | "start_review"
        | "return"
        | "decide"
        | "reject"
        | "pay_claim"
        | "confirm"
        | "settle"
        | "repay"
        | "close"
        | "withdraw"
        | "request_discontinuation"
        | "approve_discontinuation";
    }
  | { kind: "claim"; share: number }
  | { kind: "request_change" }
  | { kind: "answer_change"; approve: boolean }
  | { kind: "report"; completedOn: string; actualShare: number };

interface Person {
  userId: number;
  name: string;
  organisationId: number;
}

interface SimRecord {
  record: ProceedingRecord;
  amount: number;
  at: Date;
  noticeYear: number | null;
  serial: number | null;
  by: Person;
  id?: number;
}

interface SimAudit {
  at: Date;
  actor: Person;
  action: string;
  details: Record<string, unknown>;
  proceeding?: SimRecord;
  /** The organisation whose trail shows it, when not the applicant's (an assignment is the office's own). */
  subject?: number;
}

interface SimApplication {
  organisationId: number;
  party: PartySnapshot;
  snapshotOrganisation: SubmittedSnapshot["organisation"];
  officer: Person;
  reviewer: Person;
  assigned: boolean;
  programme: Programme;
  fiscalYear: number;
  draft: ApplicationDraft;
  createdAt: Date;
  state: ApplicationState;
  versions: { snapshot: SubmittedSnapshot; grant: number; requested: number; at: Date; submitted: SubmittedVersion }[];
  records: SimRecord[];
  audits: SimAudit[];
  comments: { version: number; at: Date }[];
  assignedAt: Date | null;
  plan: { at: Date; step: Planned }[];
  stopped: boolean;
  updatedAt: Date;
}

function planLifecycle(random: Random, fiscalYear: number, now: Date): { at: Date; step: Planned }[] {
  const stage = weighted<Stage>(random, STAGES_BY_YEAR[fiscalYear]!);
  const plan: { at: Date; step: Planned }[] = [];
  const push = (at: Date, step: Planned) => plan.push({ at, step });
  const early = stage !== "submitted" && stage !== "under_review" && stage !== "returned";
  // Those still waiting were submitted any time this year; the others early in the call.
  const submitSpan = fiscalYear === YEARS.at(-1) && !early ? Math.max(1, Math.floor((now.getTime() - jst(`${fiscalYear}-04-10`).getTime()) / DAY) - 2) : 60;
  let t = addDays(jst(`${fiscalYear}-04-10`), between(random, 0, submitSpan), random);
  push(t, { kind: "submit" });
  if (stage === "submitted") return plan;
  t = addDays(t, between(random, 1, 15), random);
  push(t, { kind: "start_review" });
  if (stage === "under_review") return plan;
  if (stage === "returned" || chance(random, 0.12)) {
    t = addDays(t, between(random, 3, 15), random);
    push(t, { kind: "return" });
    if (stage === "returned") return plan;
    t = addDays(t, between(random, 3, 12), random);
    push(t, { kind: "submit" });
    t = addDays(t, between(random, 1, 5), random);
    push(t, { kind: "start_review" });
  }
  t = addDays(t, between(random, 10, 40), random);
  if (stage === "rejected") {
    push(t, { kind: "reject" });
    return plan;
  }
  push(t, { kind: "decide" });
  const decidedAt = t;
  const yearEnd = jst(`${fiscalYear + 1}-03-31`);
  if (stage !== "withdrawn" && chance(random, 0.7)) {
    t = addDays(t, between(random, 20, 60), random);
    push(t, { kind: "claim", share: between(random, 30, 90) / 100 });
    t = addDays(t, between(random, 5, 14), random);
    push(t, { kind: "pay_claim" });
  }
  if (stage === "change_requested" || (stage !== "withdrawn" && chance(random, 0.1))) {
    t = addDays(t, between(random, 30, 90), random);
    push(t, { kind: "request_change" });
    if (stage !== "change_requested") {
      t = addDays(t, between(random, 7, 25), random);
      push(t, { kind: "answer_change", approve: chance(random, 0.75) });
    }
  }
  if (stage === "withdrawn") {
    // Withdrawn within the decision's 15 days (取下げ), or stopped later with the reviewer's approval (中止),
    // its report still owed.
    if (chance(random, 0.6)) {
      t = addDays(decidedAt, between(random, 2, 12), random);
      push(t, { kind: "withdraw" });
      if (chance(random, 0.5)) push(addDays(t, between(random, 10, 30), random), { kind: "close" });
    } else {
      t = addDays(decidedAt, between(random, 30, 120), random);
      push(t, { kind: "request_discontinuation" });
      t = addDays(t, between(random, 5, 20), random);
      push(t, { kind: "approve_discontinuation" });
    }
    return plan;
  }
  if (stage === "decided" || stage === "change_requested") return plan;
  // The work is completed at the end of the fiscal year (this year's early finishers a few months in).
  const completed =
    fiscalYear === YEARS.at(-1) ? addDays(t, between(random, 20, 60)) : chance(random, 0.8) ? yearEnd : addDays(yearEnd, -between(random, 20, 60));
  const completedOn = japanToday(completed);
  const due = jst(reportDueOn(completedOn, fiscalYear));
  // Most report on time; about one in seven after the due date.
  t = chance(random, 0.15)
    ? addDays(due, between(random, 1, 40), random)
    : addDays(due, -between(random, 0, Math.min(25, Math.floor((due.getTime() - completed.getTime()) / DAY))), random);
  if (t <= completed) t = addDays(completed, 1, random);
  push(t, { kind: "report", completedOn, actualShare: chance(random, 0.3) ? between(random, 70, 95) / 100 : 1 });
  if (stage === "reported") return plan;
  t = addDays(t, between(random, 15, 45), random);
  push(t, { kind: "confirm" });
  if (stage === "confirmed") return plan;
  t = addDays(t, between(random, 7, 20), random);
  push(t, { kind: "settle" });
  t = addDays(t, between(random, 10, 25), random);
  push(t, { kind: "repay" });
  t = addDays(t, between(random, 3, 10), random);
  push(t, { kind: "close" });
  return plan;
}

const PAYEE = { bankName: "ゆうちょ銀行", branchName: "〇一八店", accountType: "普通" as const, accountNumber: "1234567", accountHolder: "トクヒ）ツナガリ" };

class Simulation {
  private committed = new Map<string, number>();
  private commitmentOf = new Map<SimApplication, number>();
  private serials = new Map<number, number>();
  refusals = 0;

  constructor(
    private parameters: ProgrammeParameters[],
    existingCommitments: Map<string, number>,
    lastSerials: Map<number, number>,
    private random: Random,
  ) {
    this.committed = new Map(existingCommitments);
    this.serials = new Map(lastSerials);
  }

  private audit(app: SimApplication, at: Date, actor: Person, action: string, details: Record<string, unknown>, proceeding?: SimRecord) {
    app.audits.push({ at, actor, action, details, ...(proceeding ? { proceeding } : {}) });
    app.updatedAt = at;
  }

  private submit(app: SimApplication, at: Date) {
    const parameters = this.parameters.filter((p) => p.fiscalYear === app.fiscalYear);
    const check = checkApplication(app.programme, app.fiscalYear, app.draft, parameters, { forSubmission: true });
    const errors = check.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw new Error(`volume seed: a generated draft has errors: ${errors.map((e) => e.code).join(", ")}`);
    const version = app.versions.length + 1;
    const snapshot: SubmittedSnapshot = {
      version,
      programme: app.programme,
      fiscalYear: app.fiscalYear,
      organisation: app.snapshotOrganisation,
      draft: app.draft,
      calculation: check.result,
      requestedAmount: check.requestedAmount,
      acknowledgedWarnings: check.findings.filter((f) => f.severity === "warning"),
      attachments: [],
      parameters: parameters.find((p) => p.programme === app.programme)!,
      submittedAt: at.toISOString(),
      submittedBy: { userId: app.officer.userId, name: app.officer.name },
    };
    app.versions.push({ snapshot, grant: check.result.grantAmount, requested: check.requestedAmount, at, submitted: submittedVersionOf(snapshot, at) });
    const from = app.state;
    app.state = "submitted";
    this.audit(app, at, app.officer, from === "returned" ? "application.resubmitted" : "application.submitted", {
      from,
      to: "submitted",
      version,
      grantAmount: check.result.grantAmount,
      requestedAmount: check.requestedAmount,
    });
    // Some are taken by a reviewer as soon as they arrive, the others when the review starts.
    if (app.assigned && version === 1 && chance(this.random, 0.5)) this.assign(app, addDays(at, 0, this.random));
  }

  private assign(app: SimApplication, at: Date) {
    app.assignedAt = at;
    app.audits.push({
      at,
      actor: app.reviewer,
      action: "application.assigned",
      details: { how: "take", reviewerId: app.reviewer.userId, reviewerName: app.reviewer.name, previousReviewerId: null, previousReviewerName: null },
      subject: app.reviewer.organisationId,
    });
  }

  private step<A extends StepAction>(app: SimApplication, action: A, input: StepInputs[A], at: Date): boolean {
    const step = STEPS[action];
    if (!step.from.includes(app.state)) return false;
    const key = `${app.fiscalYear}:${app.programme}`;
    const mine = this.commitmentOf.get(app) ?? 0;
    const records = app.records.map((r) => r.record);
    const ctx: StepContext = {
      today: japanToday(at),
      application: { id: 0, programme: app.programme, fiscalYear: app.fiscalYear, state: app.state },
      records,
      ledger: ledgerOf(records),
      version: app.versions.at(-1)!.submitted,
      budget: step.reservesBudget
        ? {
            total: this.parameters.find((p) => p.fiscalYear === app.fiscalYear && p.programme === app.programme)!.programmeBudget,
            committedElsewhere: (this.committed.get(key) ?? 0) - mine,
          }
        : null,
    };
    const taken = takeStep(step, ctx, input);
    if (taken.status !== "done") {
      this.refusals += 1;
      return false;
    }
    const by = step.by === "reviewer" ? app.reviewer : app.officer;
    let made: SimRecord | undefined;
    if (taken.record) {
      const noticeYear = NOTICE_KINDS.has(taken.record.kind) ? fiscalYearOf(at) : null;
      const serial = noticeYear === null ? null : (this.serials.get(noticeYear) ?? 0) + 1;
      if (noticeYear !== null) this.serials.set(noticeYear, serial!);
      const record = {
        applicationId: 0,
        programme: app.programme,
        fiscalYear: app.fiscalYear,
        applicant: app.party,
        documentNumber: serial === null ? "" : noticeNumber(serial),
        documentDate: ctx.today,
        recordedBy: { userId: by.userId, name: by.name },
        ...taken.record,
      } as ProceedingRecord;
      made = { record, amount: taken.amount ?? 0, at, noticeYear, serial, by };
      app.records.push(made);
      const amount = commitmentAfter(record);
      if (amount !== null) {
        this.committed.set(key, (this.committed.get(key) ?? 0) - mine + amount);
        this.commitmentOf.set(app, amount);
      }
    }
    const from = app.state;
    app.state = step.to ?? app.state;
    this.audit(app, at, by, step.audit, { from, to: app.state, proceedingId: null, kind: taken.record?.kind ?? null, amount: taken.amount }, made);
    return true;
  }

  /** Takes one planned step; false stops the application's plan there. */
  take(app: SimApplication, at: Date, planned: Planned): boolean {
    const random = this.random;
    const records = app.records.map((r) => r.record);
    const ledger = ledgerOf(records);
    const today = japanToday(at);
    switch (planned.kind) {
      case "submit":
        if (app.state !== "draft" && app.state !== "returned") return false;
        if (app.state === "returned") app.draft = { ...app.draft, purpose: `${app.draft.purpose}（ご指摘を受けて対象と指標を明確にしました。）` };
        this.submit(app, at);
        return true;
      case "start_review":
        if (app.state !== "submitted") return false;
        app.state = "under_review";
        this.audit(app, at, app.reviewer, "application.review_started", { from: "submitted", to: "under_review", version: app.versions.length, comments: 0 });
        if (app.assigned && app.assignedAt === null) this.assign(app, at);
        return true;
      case "return":
        if (app.state !== "under_review") return false;
        app.state = "returned";
        app.comments.push({ version: app.versions.length, at });
        this.audit(app, at, app.reviewer, "application.returned", { from: "under_review", to: "returned", version: app.versions.length, comments: 1 });
        return true;
      case "decide": {
        const requested = app.versions.at(-1)!.requested;
        if (this.step(app, "decide", { decidedAmount: requested, conditions: "事業の成果を年度末までに報告すること。" }, at)) return true;
        // Over the programme-year's budget: not granted.
        this.step(app, "reject", { reason: "予算の範囲内で交付を決定することができないため。" }, at);
        return false;
      }
      case "reject":
        return this.step(app, "reject", { reason: "事業計画が交付要綱の対象となる取組に当たらないため。" }, at);
      case "claim": {
        const amount = Math.floor((ledger.decidedAmount * planned.share) / 1000) * 1000;
        return amount > 0 && this.step(app, "claim_payment", { claimAmount: amount, ...PAYEE }, at);
      }
      case "pay_claim": {
        const amount = Math.min(ledger.claimed, ledger.decidedAmount) - ledger.paid + ledger.returned;
        return amount > 0 && this.step(app, "record_payment", { direction: "paid", amount, paidOn: today, note: "概算払" }, at);
      }
      case "request_change": {
        const lines = currentBudget(records).map((l, i) =>
          i === 0 ? { ...l, amount: Math.round((l.amount * between(random, 60, 130)) / 100_000) * 1000 } : l,
        );
        return this.step(app, "request_change", { lines, reason: "実施内容の一部見直しにより、経費の配分を変更するため。" }, at);
      }
      case "answer_change": {
        const request = records.findLast((r) => r.kind === "change_request");
        if (planned.approve && request?.kind === "change_request" && request.requestedAmount >= ledger.paid - ledger.returned) {
          if (this.step(app, "approve_change", { decidedAmount: request.requestedAmount, comment: "変更後の計画に沿って実施すること。" }, at)) return true;
        }
        return this.step(app, "refuse_change", { reason: "変更の必要性が認められないため。" }, at);
      }
      case "withdraw":
        return this.step(app, "withdraw", { reason: "交付決定の条件に沿った実施体制を整えられないため。" }, at);
      case "request_discontinuation": {
        const expectedAmount = Math.floor((ledger.decidedAmount * between(random, 20, 60)) / 100_000) * 1000;
        const stopOn = today < `${app.fiscalYear + 1}-03-31` ? today : `${app.fiscalYear + 1}-03-31`;
        const input = {
          stopOn,
          reason: "委託先が撤退し、事業の継続が困難となったため。",
          doneSoFar: "相談窓口の開設準備と関係機関との協議を行った。",
          expectedAmount,
        };
        return this.step(app, "request_discontinuation", input, at);
      }
      case "approve_discontinuation": {
        const request = records.findLast((r) => r.kind === "discontinuation_request");
        const decidedAmount = request?.kind === "discontinuation_request" ? request.expectedAmount : 0;
        return this.step(app, "approve_discontinuation", { decidedAmount, comment: "" }, at);
      }
      case "report": {
        const lines = currentBudget(records);
        const actual = lines.map((l) => Math.floor((l.amount * planned.actualShare) / 1000) * 1000);
        const version = app.versions.at(-1)!.submitted;
        const summary = "計画した取組を実施し、参加団体と利用者の数はおおむね指標に達した。";
        return this.step(app, "report", { actual, otherIncomeActual: version.calculation.otherIncome, completedOn: planned.completedOn, summary }, at);
      }
      case "confirm":
        return this.step(app, "confirm", {}, at);
      case "settle": {
        const balance = (ledger.confirmedAmount ?? 0) - (ledger.paid - ledger.returned);
        if (balance > 0) {
          return (
            this.step(app, "claim_settlement", { ...PAYEE }, at) &&
            this.step(app, "record_payment", { direction: "paid", amount: balance, paidOn: today, note: "精算払" }, at)
          );
        }
        if (balance < 0) return this.step(app, "order_repayment", { dueOn: japanToday(addDays(at, 30)) }, at);
        return true;
      }
      case "repay": {
        const excess = ledger.paid - ledger.returned - (ledger.confirmedAmount ?? 0);
        return excess <= 0 || this.step(app, "record_payment", { direction: "returned", amount: excess, paidOn: today, note: "返還" }, at);
      }
      case "close":
        return this.step(app, "close", {}, at);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing it down.

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function ensureReviewers(db: Kysely<Database>): Promise<Person[]> {
  const office = await db
    .selectFrom("organisations")
    .select("id")
    .where("kind", "=", "cabinet_office")
    .where("name", "=", CABINET_OFFICE_NAME)
    .executeTakeFirstOrThrow();
  const names = ["審査 一花", "審査 二郎", "審査 三奈", "審査 四郎", "審査 五月"];
  await db
    .insertInto("users")
    .values(
      names.map((display_name, i) => ({
        organisation_id: office.id,
        email: `reviewer-${i + 1}@volume.example`,
        display_name,
        role: "reviewer" as const,
        password_hash: null,
      })),
    )
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "organisation_id"])
    .where("role", "=", "reviewer")
    .where("disabled_at", "is", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, organisationId: r.organisation_id }));
}

export async function seedVolume(db: Kysely<Database>, { applications, now = new Date() }: { applications: number; now?: Date }): Promise<VolumeResult> {
  const parameters = (await Promise.all(YEARS.map((y) => listProgrammeParameters(db, y)))).flat();
  if (parameters.length < YEARS.length * 2) throw new Error("programme parameters for 2024–2026 are missing: run npm run seed first");
  const reviewers = await ensureReviewers(db);
  const offset = Number(
    (
      await db
        .selectFrom("organisations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("contact_email", "like", "%@volume.example")
        .executeTakeFirstOrThrow()
    ).n,
  );
  const random = mulberry32(20_261_205 + offset);

  // The prefectures' programme-years without an application come first, then intermediaries fill the rest.
  const prefectures = await db
    .selectFrom("organisations")
    .select([
      "id",
      "name",
      "prefecture_code",
      "corporate_number",
      "representative_title",
      "representative_name",
      "postal_code",
      "address",
      "contact_person",
      "contact_phone",
      "contact_email",
    ])
    .where("kind", "=", "prefecture")
    .orderBy("prefecture_code")
    .execute();
  const taken = new Set(
    (await db.selectFrom("applications").select(["organisation_id", "fiscal_year"]).where("programme", "=", "prefectural").execute()).map(
      (a) => `${a.organisation_id}:${a.fiscal_year}`,
    ),
  );
  const prefectureSlots = YEARS.flatMap((year) => prefectures.filter((p) => !taken.has(`${p.id}:${year}`)).map((p) => ({ organisation: p, year })));
  const prefecturalCount = Math.min(prefectureSlots.length, Math.floor(applications / 4));
  const intermediaryCount = applications - prefecturalCount;
  // Most applications are of the current year; the organisations that applied earlier apply again.
  const perYear = { 2026: Math.ceil(intermediaryCount * 0.6), 2025: Math.ceil(intermediaryCount * 0.25), 2024: 0 };
  perYear[2024] = intermediaryCount - perYear[2026] - perYear[2025];
  const organisationCount = Math.max(perYear[2026], perYear[2025], perYear[2024]);

  const generated = Array.from({ length: organisationCount }, (_, i) => volumeOrganisation(offset + i));
  const created: { id: number; corporate_number: string | null }[] = [];
  await inChunks(generated, 500, async (chunk) => {
    created.push(
      ...(await db
        .insertInto("organisations")
        .values(chunk.map((g) => g.row))
        .returning(["id", "corporate_number"])
        .execute()),
    );
  });
  const idOf = new Map(created.map((c) => [c.corporate_number, c.id]));
  const organisations = generated.map((g) => ({ ...g.row, id: idOf.get(g.row.corporate_number)!, code: g.code, prefecture_code: null }));

  // One officer per organisation, who filed its applications (no password: these accounts cannot sign in).
  const officerRows = [
    ...organisations.map((o) => ({
      organisation_id: o.id,
      email: o.contact_email,
      display_name: `${o.representative_name.split(" ")[0]} 担当`,
      role: "intermediary_officer" as const,
    })),
    ...prefectures.map((p) => ({
      organisation_id: p.id,
      email: `pref-${p.prefecture_code}@volume.example`,
      display_name: `${p.name} 担当`,
      role: "prefecture_officer" as const,
    })),
  ];
  await inChunks(officerRows, 1000, async (chunk) => {
    await db
      .insertInto("users")
      .values(chunk.map((r) => ({ ...r, password_hash: null })))
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
  });
  const officers = new Map(
    (
      await db
        .selectFrom("users")
        .select(["id", "organisation_id", "display_name"])
        .where("email", "like", "%@volume.example")
        .where("role", "!=", "reviewer")
        .execute()
    ).map((u) => [u.organisation_id, { userId: u.id, name: u.display_name, organisationId: u.organisation_id }]),
  );

  const sims: SimApplication[] = [];
  const simulate = (
    organisation: { id: number; name: string; corporate_number: string | null; prefecture_code: string | null } & Omit<PartySnapshot, "name">,
    programme: Programme,
    fiscalYear: number,
    draft: ApplicationDraft,
  ) => {
    const { id, corporate_number, prefecture_code, ...rest } = organisation;
    const party: PartySnapshot = {
      name: rest.name,
      representative_title: rest.representative_title,
      representative_name: rest.representative_name,
      postal_code: rest.postal_code,
      address: rest.address,
      contact_person: rest.contact_person,
      contact_phone: rest.contact_phone,
      contact_email: rest.contact_email,
    };
    const plan = planLifecycle(random, fiscalYear, now).filter((p) => p.at < now);
    const firstAt = plan[0]?.at ?? now;
    sims.push({
      organisationId: id,
      party,
      snapshotOrganisation: { ...party, corporate_number, prefecture_code },
      officer: officers.get(id)!,
      reviewer: pick(random, reviewers),
      assigned: chance(random, 0.85),
      programme,
      fiscalYear,
      draft,
      createdAt: addDays(firstAt, -between(random, 5, 30)),
      state: "draft",
      versions: [],
      records: [],
      audits: [],
      comments: [],
      assignedAt: null,
      plan,
      stopped: false,
      updatedAt: firstAt,
    });
  };
  for (const { organisation, year } of prefectureSlots.slice(0, prefecturalCount)) {
    simulate(organisation, "prefectural", year, prefecturalDraft(random, organisation.name));
  }
  for (const year of YEARS) {
    for (const organisation of organisations.slice(0, perYear[year])) {
      simulate(organisation, "intermediary", year, intermediaryDraft(random, organisation, organisation.code));
    }
  }

  // Every step of every application, in date order: the budget is taken first come, first served.
  const existing = await sql<{ key: string; total: string | number }>`
    select a.fiscal_year || ':' || a.programme as key, sum(c.amount) as total from (
      select distinct on (p.application_id) p.application_id, p.amount from application_proceedings p
      where p.kind in ('decision', 'change_approval', 'confirmation') order by p.application_id, p.id desc
    ) c join applications a on a.id = c.application_id group by 1`.execute(db);
  const serials = await sql<{ year: number; last: number }>`
    select notice_fiscal_year as year, max(notice_serial) as last from application_proceedings
    where notice_fiscal_year is not null group by 1`.execute(db);
  const simulation = new Simulation(
    parameters,
    new Map(existing.rows.map((r) => [r.key, Number(r.total)])),
    new Map(serials.rows.map((r) => [r.year, r.last])),
    random,
  );
  const events = sims.flatMap((app) => app.plan.map((p, order) => ({ app, order, ...p }))).sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const event of events) {
    if (event.app.stopped) continue;
    if (!simulation.take(event.app, event.at, event.step)) event.app.stopped = true;
  }
  const submitted = sims.filter((s) => s.versions.length > 0);

  // Applications, then what refers to them.
  const ids: number[] = [];
  await inChunks(submitted, 500, async (chunk) => {
    const rows = await db
      .insertInto("applications")
      .values(
        chunk.map((s) => ({
          organisation_id: s.organisationId,
          programme: s.programme,
          fiscal_year: s.fiscalYear,
          state: s.state,
          draft: JSON.stringify(s.draft),
          revision: 1 + s.versions.length,
          latest_version: s.versions.length,
          created_by: s.officer.userId,
          updated_by: s.officer.userId,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })),
      )
      .returning(["id", "organisation_id", "programme", "fiscal_year"])
      .execute();
    const byKey = new Map(rows.map((r) => [`${r.organisation_id}:${r.programme}:${r.fiscal_year}`, r.id]));
    ids.push(...chunk.map((s) => byKey.get(`${s.organisationId}:${s.programme}:${s.fiscalYear}`)!));
  });
  submitted.forEach((s, i) => s.records.forEach((r) => (r.record.applicationId = ids[i]!)));

  const versions = submitted.flatMap((s, i) =>
    s.versions.map((v) => ({
      application_id: ids[i]!,
      version: v.snapshot.version,
      snapshot: JSON.stringify(v.snapshot),
      grant_amount: v.grant,
      requested_amount: v.requested,
      submitted_by: s.officer.userId,
      submitted_at: v.at,
    })),
  );
  await inChunks(versions, 200, async (chunk) => {
    await db.insertInto("application_versions").values(chunk).execute();
  });

  // Records in the order they were made, so that ids follow dates (the summaries take the latest by id).
  const indexOf = new Map(submitted.map((s, i) => [s, i]));
  const records = submitted.flatMap((s) => s.records.map((r) => ({ s, r }))).sort((a, b) => a.r.at.getTime() - b.r.at.getTime());
  await inChunks(records, 300, async (chunk) => {
    const rows = await db
      .insertInto("application_proceedings")
      .values(
        chunk.map(({ s, r }) => ({
          application_id: ids[indexOf.get(s)!]!,
          kind: r.record.kind,
          notice_fiscal_year: r.noticeYear,
          notice_serial: r.serial,
          amount: r.amount,
          record: JSON.stringify(r.record),
          recorded_by: r.by.userId,
          recorded_at: r.at,
        })),
      )
      .returning(["id", "application_id", "recorded_at"])
      .execute();
    // An application's records are days apart: its id and the time name each one.
    const idOfRecord = new Map(rows.map((row) => [`${row.application_id}:${row.recorded_at.getTime()}`, row.id]));
    for (const { s, r } of chunk) r.id = idOfRecord.get(`${ids[indexOf.get(s)!]}:${r.at.getTime()}`);
  });

  const comments = submitted.flatMap((s, i) =>
    s.comments.map((c) => ({
      application_id: ids[i]!,
      version: c.version,
      path: "purpose",
      body: "事業の対象者と成果指標を具体的に記載してください。",
      created_by: s.reviewer.userId,
      created_at: c.at,
    })),
  );
  await inChunks(comments, 1000, async (chunk) => {
    await db.insertInto("application_comments").values(chunk).execute();
  });

  const assignments = submitted.flatMap((s, i) =>
    s.assignedAt ? [{ application_id: ids[i]!, reviewer_id: s.reviewer.userId, assigned_by: s.reviewer.userId, assigned_at: s.assignedAt }] : [],
  );
  await inChunks(assignments, 1000, async (chunk) => {
    await db.insertInto("application_assignments").values(chunk).execute();
  });

  const audits = submitted
    .flatMap((s, i) =>
      [
        { at: s.createdAt, actor: s.officer, action: "application.created", details: { programme: s.programme, fiscalYear: s.fiscalYear } } as SimAudit,
        ...s.audits,
      ].map((a) => ({ a, s, id: ids[i]! })),
    )
    .sort((x, y) => x.a.at.getTime() - y.a.at.getTime());
  await inChunks(audits, 1000, async (chunk) => {
    await db
      .insertInto("audit_events")
      .values(
        chunk.map(({ a, s, id }) => ({
          occurred_at: a.at,
          actor_user_id: a.actor.userId,
          actor_organisation_id: a.actor.organisationId,
          action: a.action,
          record_type: "application",
          record_id: String(id),
          subject_organisation_id: a.subject ?? s.organisationId,
          details: JSON.stringify(a.proceeding ? { ...a.details, proceedingId: a.proceeding.id } : a.details),
          ip_address: IP,
        })),
      )
      .execute();
  });
  // Fresh statistics and visibility for the planner after a bulk load (index-only scans need the latter).
  await sql`vacuum analyze organisations, users, applications, application_versions, application_proceedings, application_summaries, application_assignments, audit_events`.execute(
    db,
  );

  const byState: Record<string, number> = {};
  for (const s of submitted) byState[s.state] = (byState[s.state] ?? 0) + 1;
  return {
    applications: submitted.length,
    organisations: organisations.length,
    byState,
    proceedings: records.length,
    auditEvents: audits.length,
    assigned: assignments.length,
  };
}
