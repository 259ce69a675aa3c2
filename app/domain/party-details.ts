/**
 * What an applicant's official documents print about it (the 交付申請書's sender and contact lines): a
 * document is made only from a profile that has all of it, so none carries 「（未登録）」 (docs/domain.md §7).
 */
import type { PartySnapshot } from "./proceedings";

const PRINTED_DETAILS = [
  ["address", "所在地"],
  ["representative_title", "代表者の役職"],
  ["representative_name", "代表者の氏名"],
  ["contact_person", "担当者"],
  ["contact_phone", "電話番号"],
] as const satisfies readonly (readonly [keyof PartySnapshot, string])[];

/** The labels of the printed details the profile lacks, in the order the profile page lists them; [] when complete. */
export function missingPartyDetails(party: Pick<PartySnapshot, (typeof PRINTED_DETAILS)[number][0]>): string[] {
  return PRINTED_DETAILS.filter(([column]) => party[column].trim() === "").map(([, label]) => label);
}

/** The refusal of a submission while details are missing, naming them. */
export function missingPartyDetailsMessage(missing: string[]): string {
  return `組織の情報に未登録の項目（${missing.join("、")}）があるため、提出できません。交付申請書に記載される項目です。組織の情報を登録してから提出してください。`;
}
