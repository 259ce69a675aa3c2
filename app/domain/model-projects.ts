/**
 * The published results of the local-platform model projects (地方版孤独・孤立対策官民連携プラットフォーム推進
 * 事業), shared as open data: who took part in a fiscal year, with what they had done (○) and planned (●),
 * or, for a year published only as totals, how many took part. See docs/domain.md §6.
 */
import { prefectureName, PREFECTURES } from "./prefectures";

/** The two groups every published list and total is split into. */
export const MODEL_PROJECT_GROUPS = ["prefecture_or_designated_city", "municipality"] as const;
export type ModelProjectGroup = (typeof MODEL_PROJECT_GROUPS)[number];

export const MODEL_PROJECT_GROUP_LABELS: Record<ModelProjectGroup, string> = {
  prefecture_or_designated_city: "都道府県・政令指定都市",
  municipality: "市区町村（政令指定都市除く）",
};

export interface ModelProjectParticipant {
  fiscalYear: number;
  group: ModelProjectGroup;
  prefectureCode: string;
  name: string;
  /** ふりがな; null where none is published (prefectures and designated cities). */
  reading: string | null;
  /** Taking part for the second year running (2年目). */
  secondYear: boolean;
  /** ○ これまでの取組 (現状). */
  currentSummary: string;
  /** ● 今後の取組. */
  planSummary: string;
  /** The bodies it works with, where the summary names them. */
  partnersNote: string | null;
}

/** A fiscal year's published totals by group. */
export interface ModelProjectYearTotals {
  fiscalYear: number;
  prefectureOrDesignatedCity: number;
  municipality: number;
}

export function totalOf(totals: ModelProjectYearTotals): number {
  return totals.prefectureOrDesignatedCity + totals.municipality;
}

/** The participants of each group, in the published order; both groups always present. */
export function byGroup<P extends { group: ModelProjectGroup }>(participants: readonly P[]): { group: ModelProjectGroup; participants: P[] }[] {
  return MODEL_PROJECT_GROUPS.map((group) => ({ group, participants: participants.filter((p) => p.group === group) }));
}

export interface PrefectureCount {
  prefectureCode: string;
  prefectureName: string;
  prefectureOrDesignatedCity: number;
  municipality: number;
  total: number;
}

/** How many participants each prefecture has, by group, in JIS order; prefectures with none are left out. */
export function countsByPrefecture(participants: readonly Pick<ModelProjectParticipant, "group" | "prefectureCode">[]): PrefectureCount[] {
  return PREFECTURES.map(([code, name]) => {
    const here = participants.filter((p) => p.prefectureCode === code);
    const prefectureOrDesignatedCity = here.filter((p) => p.group === "prefecture_or_designated_city").length;
    return {
      prefectureCode: code,
      prefectureName: name,
      prefectureOrDesignatedCity,
      municipality: here.length - prefectureOrDesignatedCity,
      total: here.length,
    };
  }).filter((c) => c.total > 0);
}

/** "神奈川県" for "14"; the code itself if it is none (never stored: the table checks it). */
export function participantPrefectureName(code: string): string {
  return prefectureName(code) ?? code;
}
