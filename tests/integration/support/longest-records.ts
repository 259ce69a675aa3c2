import { corporateNumberCheckDigit } from "../../../app/domain/corporate-number";
import { calculateGrant } from "../../../app/domain/grant-calculation";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../../app/domain/application-draft";
import { LONG_TEXT_MAX } from "../../../app/domain/form-fields";
import { MAX_YEN } from "../../../app/domain/money";
import { MENU1_ACTIVITY_CODES } from "../../../app/domain/programmes";
import type { PartySnapshot } from "../../../app/domain/proceedings";
import type { ApplicationRecord } from "../../../app/pdf/application-form";

/** The limits of the forms the records come from (application-draft.ts, organisation-profile.ts, accounts.ts). */
const SHORT_TEXT_MAX = 200;
const PROFILE_NAME_MAX = 100;

/**
 * Text of exactly `length` characters that never repeats itself: every sentence carries `label` and a
 * running number, so a stretch of a dozen characters is found in one place of a document only. Mixes
 * kanji, kana, brackets, punctuation, numbers, Latin words and line breaks, as people write.
 */
export function longText(label: string, length: number): string {
  let text = "";
  for (let n = 1; [...text].length < length; n++) {
    text += `${label}${n}：「居場所」を設け、延べ${(n * 37).toLocaleString("en-US")}人が参加した（Zoom併用・${n}回目）。`;
    if (n % 6 === 0) text += "\n";
  }
  return [...text].slice(0, length).join("");
}

const NPO_BASE = "230005012345";

/** An applicant whose every field is as long as the profile form allows. */
export function longestParty(label: string): PartySnapshot {
  return {
    name: longText(`${label}名`, SHORT_TEXT_MAX),
    representative_title: longText(`${label}役`, PROFILE_NAME_MAX),
    representative_name: longText(`${label}氏`, PROFILE_NAME_MAX),
    postal_code: "930-8501",
    address: longText(`${label}所`, SHORT_TEXT_MAX),
    contact_person: longText(`${label}担`, PROFILE_NAME_MAX),
    contact_phone: "0766-123-4567",
    contact_email: `${"kodoku.koritsu.taisaku".repeat(3)}@${"section".repeat(4)}.pref.toyama.example.lg.jp`,
  };
}

/** Budget lines at the largest amount a field accepts, each with the longest description. */
function longestLines(count: number, activity: string): ApplicationDraft["lines"] {
  return Array.from({ length: count }, (_, i) => ({
    ...EMPTY_BUDGET_LINE,
    category: i % 2 ? "travel" : "honoraria",
    activity,
    description: longText(`明細${i + 1}の`, SHORT_TEXT_MAX),
    amount: String(MAX_YEN),
  }));
}

/** A Menu 1 application with every text at its limit: every activity, members, delegations and lines. */
export function longestMenu1Record(): ApplicationRecord {
  const draft = emptyDraft("prefectural");
  draft.purpose = longText("目的", LONG_TEXT_MAX);
  draft.activities = MENU1_ACTIVITY_CODES.map((code) => ({
    code,
    content: longText(`内容${code}の`, LONG_TEXT_MAX),
    months: [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3],
    indicators: longText(`指標${code}の`, LONG_TEXT_MAX),
  }));
  draft.platformMembers = Array.from({ length: 3 }, (_, i) => ({
    name: longText(`構成${i + 1}の`, SHORT_TEXT_MAX),
    kind: "social_welfare" as const,
    role: longText(`役割${i + 1}の`, SHORT_TEXT_MAX),
  }));
  draft.delegations = Array.from({ length: 3 }, (_, i) => ({
    activity: "a7",
    method: "subsidy" as const,
    recipient: longText(`相手${i + 1}の`, SHORT_TEXT_MAX),
    content: longText(`委託${i + 1}の`, SHORT_TEXT_MAX),
  }));
  draft.lines = longestLines(6, "a7");
  const calculation = calculateGrant({
    program: "prefectural",
    fiscalYear: 2026,
    activities: [...MENU1_ACTIVITY_CODES],
    otherIncome: 0,
    lines: draft.lines.map((l) => ({ category: l.category, activity: l.activity, amount: Number(l.amount) })),
  });
  return {
    version: 1,
    programme: "prefectural",
    fiscalYear: 2026,
    organisation: longestParty("県"),
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}

/** A Menu 2 consortium application with every text at its limit. */
export function longestMenu2Record(): ApplicationRecord {
  const draft = emptyDraft("intermediary");
  const corporateNumber = `${corporateNumberCheckDigit(NPO_BASE)}${NPO_BASE}`;
  draft.purpose = longText("目的", LONG_TEXT_MAX);
  draft.consortium = true;
  draft.members = Array.from({ length: 3 }, (_, i) => ({
    name: longText(`団体${i + 1}の`, SHORT_TEXT_MAX),
    corporateNumber,
    role: longText(`役割${i + 1}の`, SHORT_TEXT_MAX),
    share: longText(`分担${i + 1}の`, SHORT_TEXT_MAX),
  }));
  draft.areaPrefectures = ["16"];
  draft.areaJustification = longText("理由", LONG_TEXT_MAX);
  draft.plan = {
    npoSupport: longText("伴走", LONG_TEXT_MAX),
    networking: longText("連携", LONG_TEXT_MAX),
    tiesModels: longText("緩やか", LONG_TEXT_MAX),
    digitalisation: longText("デジタル", LONG_TEXT_MAX),
  };
  draft.lines = longestLines(6, "");
  draft.otherIncome = String(MAX_YEN);
  const calculation = calculateGrant({
    program: "intermediary",
    fiscalYear: 2026,
    areaPrefectures: draft.areaPrefectures,
    areaJustification: draft.areaJustification,
    otherIncome: MAX_YEN,
    lines: draft.lines.map((l) => ({ category: l.category, amount: Number(l.amount) })),
  });
  return {
    version: 1,
    programme: "intermediary",
    fiscalYear: 2026,
    organisation: longestParty("法人"),
    draft,
    calculation,
    requestedAmount: calculation.grantAmount,
    date: "2026-11-27T01:00:00.000Z",
  };
}

/** Every text a person typed into the record, by a name for messages. */
export function typedTexts(record: ApplicationRecord): [string, string][] {
  const { organisation: o, draft: d } = record;
  const texts: [string, string][] = [
    ...Object.entries(o).map(([key, value]): [string, string] => [`organisation.${key}`, value]),
    ["purpose", d.purpose],
    ...d.activities.flatMap((a, i): [string, string][] => [
      [`activities.${i}.content`, a.content],
      [`activities.${i}.indicators`, a.indicators],
    ]),
    ...d.platformMembers.flatMap((m, i): [string, string][] => [
      [`platformMembers.${i}.name`, m.name],
      [`platformMembers.${i}.role`, m.role],
    ]),
    ...d.delegations.flatMap((x, i): [string, string][] => [
      [`delegations.${i}.recipient`, x.recipient],
      [`delegations.${i}.content`, x.content],
    ]),
    ...d.members.flatMap((m, i): [string, string][] => [
      [`members.${i}.name`, m.name],
      [`members.${i}.corporateNumber`, m.corporateNumber],
      [`members.${i}.role`, m.role],
      [`members.${i}.share`, m.share],
    ]),
    ...(record.programme === "intermediary"
      ? [
          ["areaJustification", d.areaJustification] as [string, string],
          ...Object.entries(d.plan).map(([key, value]): [string, string] => [`plan.${key}`, value]),
        ]
      : []),
    ...d.lines.map((l, i): [string, string] => [`lines.${i}.description`, l.description]),
  ];
  return texts.filter(([, value]) => value !== "");
}
