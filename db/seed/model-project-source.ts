/**
 * Reads the published overview of the local-platform model projects (db/seed/sources/model-projects-r5.txt,
 * kept as published) into rows: the totals of every year it names, and the participants of its tables with
 * their ○ and ● summaries. Pure: the text in, rows out. The published text has a few slips; they are put
 * right by MODEL_PROJECT_CORRECTIONS after reading, each with its reason, never by editing the source
 * (docs/decisions/011-model-project-open-data.md).
 */
import { MODEL_PROJECT_GROUPS, type ModelProjectGroup, type ModelProjectParticipant, type ModelProjectYearTotals } from "../../app/domain/model-projects";
import { DESIGNATED_CITIES, prefectureCodeOf } from "../../app/domain/prefectures";
import { fiscalYearOfLabel } from "../../app/domain/wareki";

export interface ModelProjectSource {
  /** Every year the text gives totals for, newest first. */
  years: ModelProjectYearTotals[];
  /** The participants of the tables, in the published order: those of the newest year. */
  participants: ModelProjectParticipant[];
}

/** Which group a table heading starts, with the count it announces. */
const SECTION_HEADINGS: { group: ModelProjectGroup; pattern: RegExp }[] = [
  { group: "prefecture_or_designated_city", pattern: /^都道府県・政令指定都市\s*取組団体（(\d+)団体）/ },
  { group: "municipality", pattern: /^市区町村（政令指定都市除く）\s*取組団体（(\d+)団体）/ },
];

/** 「令和5年度 9団体」 followed by 「(■ : 都道府県・政令指定都市 4団体 □ : 市区町村 5団体)」. */
const YEAR_TOTALS = /(令和(?:元|\d+)年度)\s*(\d+)団体\s*\(\s*■\s*:\s*都道府県・政令指定都市\s*(\d+)団体\s*□\s*:\s*市区町村\s*(\d+)団体\s*\)/g;

const SECOND_YEAR_MARK = "2回目";

function fail(message: string): never {
  throw new Error(`model project source: ${message}`);
}

/** Text without tags, runs of white space as one space, trimmed. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The paragraphs of a cell: the contents of each <p>…</p>, tags and all. */
function paragraphs(cell: string): string[] {
  return [...cell.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.trim());
}

function yearTotals(text: string): ModelProjectYearTotals[] {
  const years = [...text.matchAll(YEAR_TOTALS)].map((m) => {
    const fiscalYear = fiscalYearOfLabel(m[1]!) ?? fail(`no fiscal year in ${m[1]}`);
    const [total, prefectureOrDesignatedCity, municipality] = [m[2], m[3], m[4]].map(Number) as [number, number, number];
    if (prefectureOrDesignatedCity + municipality !== total) fail(`${m[1]}: ${total}団体 is not ${prefectureOrDesignatedCity} + ${municipality}`);
    return { fiscalYear, prefectureOrDesignatedCity, municipality };
  });
  if (years.length === 0) fail("no year's totals");
  return years.sort((a, b) => b.fiscalYear - a.fiscalYear);
}

/**
 * The name cell: 「富山県」, 「北九州市 2回目」, 「神奈川県 <small>ざまし</small> 座間市」 or, wrapped in
 * paragraphs, 「<p>鳥取県 <small>とっとりし</small> 鳥取市</p> <p>2回目</p>」.
 */
function nameCell(cell: string, group: ModelProjectGroup) {
  const reading = /<small>([^<]*)<\/small>/.exec(cell)?.[1]?.trim() || null;
  const words = plain(cell.replace(/<small>[^<]*<\/small>/g, " ")).split(" ");
  const secondYear = words.includes(SECOND_YEAR_MARK);
  const rest = words.filter((w) => w !== SECOND_YEAR_MARK);
  if (rest.length === 2) {
    const [prefecture, name] = rest as [string, string];
    return { name, reading, secondYear, prefectureCode: prefectureCodeOf(prefecture) ?? fail(`${prefecture} is no prefecture`) };
  }
  if (rest.length !== 1) fail(`cannot read the name cell ${JSON.stringify(cell)}`);
  const name = rest[0]!;
  if (group === "municipality") fail(`${name} has no prefecture`);
  const prefectureCode = prefectureCodeOf(name) ?? DESIGNATED_CITIES[name] ?? fail(`${name} is neither a prefecture nor a designated city`);
  return { name, reading, secondYear, prefectureCode };
}

/**
 * The partner towns paragraphs: 「連携中枢都市圏を構成する6町 ※鳥取県内4町、兵庫県内2町」 then
 * 「(鳥取県 <small>…</small> 岩美郡岩美町、 <small>…</small> 同八頭郡若桜町、 … 兵庫県 <small>…</small> 美方郡香美町、 …)」,
 * as one note naming each town with its prefecture and reading (「同」 is the prefecture named before).
 */
function partnersNote(extra: string[]): string | null {
  if (extra.length === 0) return null;
  const [intro, list] = extra.length === 2 ? (extra as [string, string]) : fail(`unexpected paragraphs ${JSON.stringify(extra)}`);
  let prefecture = "";
  const towns = [...list.matchAll(/(?:([^\s(<、]+?[都道府県])\s+)?<small>([^<]+)<\/small>\s*(同)?([^、\s)<]+)/g)].map((m) => {
    if (m[1]) prefecture = m[1];
    if (!prefecture) fail(`no prefecture before ${m[4]}`);
    return `${prefecture}${m[4]}（${m[2]!.trim()}）`;
  });
  if (towns.length === 0) fail(`no towns in ${JSON.stringify(list)}`);
  const [heading, aside] = plain(intro).split(/\s*※\s*/);
  return `${heading}${aside ? `（${aside}）` : ""}：${towns.join("、")}`;
}

/** The summary cell: 「<p>○…</p> <p>●…</p>」 and, for some, paragraphs naming partners. */
function summaryCell(cell: string, name: string) {
  const parts = paragraphs(cell);
  const marked = (mark: string) => {
    const found = parts.filter((p) => p.startsWith(mark));
    if (found.length !== 1) fail(`${name}: ${found.length} paragraphs start with ${mark}`);
    return plain(found[0]!.slice(mark.length));
  };
  return {
    currentSummary: marked("○"),
    planSummary: marked("●"),
    partnersNote: partnersNote(parts.filter((p) => !p.startsWith("○") && !p.startsWith("●"))),
  };
}

/** Reads the text as published, before corrections (see readModelProjectSource). */
export function parseModelProjectSource(text: string): ModelProjectSource {
  const years = yearTotals(text);
  const newest = years[0]!;
  const participants: ModelProjectParticipant[] = [];
  const announced = new Map<ModelProjectGroup, number>();
  let group: ModelProjectGroup | null = null;

  for (const line of text.split(/\r?\n/)) {
    const heading = SECTION_HEADINGS.find((s) => s.pattern.test(line.trim()));
    if (heading) {
      group = heading.group;
      announced.set(group, Number(heading.pattern.exec(line.trim())![1]));
      continue;
    }
    const tab = line.indexOf("\t");
    if (group === null || tab < 0 || line.startsWith("団体名\t")) continue;
    const body = nameCell(line.slice(0, tab), group);
    participants.push({ fiscalYear: newest.fiscalYear, group, ...body, ...summaryCell(line.slice(tab + 1), body.name) });
  }

  // The tables must hold the counts their headings and the newest year's totals announce.
  for (const g of MODEL_PROJECT_GROUPS) {
    const listed = participants.filter((p) => p.group === g).length;
    const expected = g === "municipality" ? newest.municipality : newest.prefectureOrDesignatedCity;
    if (announced.get(g) !== listed || listed !== expected) {
      fail(`${g}: ${listed} listed, the heading says ${announced.get(g)} and the totals ${expected}`);
    }
  }
  return { years, participants };
}

type CorrectableField = "reading" | "currentSummary" | "planSummary" | "partnersNote";

export interface ModelProjectCorrection {
  /** The participant, by name. */
  name: string;
  field: CorrectableField;
  /** Every occurrence is replaced; it must occur at least once, so a correction never silently misses. */
  from: string;
  to: string;
  reason: string;
}

/**
 * The published text's slips, put right after reading. Anything not clearly a slip is kept as published
 * (wording, 取組み/取組, a clumsy sentence). Recorded in docs/decisions/011-model-project-open-data.md.
 */
export const MODEL_PROJECT_CORRECTIONS: readonly ModelProjectCorrection[] = [
  { name: "飯山市", field: "reading", from: "いこまし", to: "いいやまし", reason: "生駒市の読みが誤って付いている（飯山市は「いいやまし」）" },
  { name: "富山県", field: "planSummary", from: "いききたい", to: "いきたい", reason: "「き」の重複（2か所）" },
  { name: "北九州市", field: "planSummary", from: "いききたい", to: "いきたい", reason: "「き」の重複" },
  { name: "福山市", field: "currentSummary", from: "重層的支援整備体制事業", to: "重層的支援体制整備事業", reason: "社会福祉法の事業名の語順の入れ違い" },
  { name: "鳥取市", field: "partnersNote", from: "ちよう", to: "ちょう", reason: "ふりがなの拗音「ょ」が並字になっている（6町とも「～ちょう」）" },
  { name: "鳥取市", field: "partnersNote", from: "やすぐん", to: "やずぐん", reason: "八頭郡の読みは「やずぐん」" },
  { name: "鳥取市", field: "partnersNote", from: "やすちょう", to: "やずちょう", reason: "八頭町の読みは「やずちょう」（拗音の訂正の後に当てる）" },
];

/** The participants with the corrections applied, in order; a correction that finds nothing throws. */
export function applyCorrections(
  participants: readonly ModelProjectParticipant[],
  corrections: readonly ModelProjectCorrection[] = MODEL_PROJECT_CORRECTIONS,
): ModelProjectParticipant[] {
  const corrected = participants.map((p) => ({ ...p }));
  for (const c of corrections) {
    const participant = corrected.find((p) => p.name === c.name) ?? fail(`correction for ${c.name}, who is not listed`);
    const value = participant[c.field];
    if (value === null || !value.includes(c.from)) fail(`correction for ${c.name}: ${c.field} has no ${c.from}`);
    participant[c.field] = value.replaceAll(c.from, c.to);
  }
  return corrected;
}

/** The source read and corrected: what the seed stores. */
export function readModelProjectSource(text: string): ModelProjectSource {
  const source = parseModelProjectSource(text);
  return { years: source.years, participants: applyCorrections(source.participants) };
}
