/**
 * The head every official document shares (docs/domain.md §7): 様式 label, 文書番号 and date top right,
 * addressee top left, sender on the right, title centred in bold. No seal (押印不要).
 */
import type { PartySnapshot } from "~/domain/proceedings";
import { formatWarekiDate } from "~/domain/wareki";
import type { Block } from "./blocks";
import { text } from "./parts";

export interface Letterhead {
  /** 「様式第1号」, for a form that has a number. */
  form?: string;
  /** 文書番号 such as 「府孤第3号」; "" leaves a blank number (BLANK_DOCUMENT_NUMBER) for the sender's registry to fill in. */
  documentNumber: string;
  /** A calendar date "YYYY-MM-DD" or an instant (its date in Japan), printed in 令和. */
  date: string | Date;
  addressee: string;
  /** Lines on the right: the sender's address, name and representative. */
  sender: readonly string[];
  title: string;
}

export const BLANK_DOCUMENT_NUMBER = "第　　　　号";

/** What the applicant writes to, and what the Cabinet Office signs its notices as. */
export const PRIME_MINISTER = "内閣総理大臣";

/** Printed under the signatory of a notice when the fiscal year's document settings say so. */
export const SEAL_OMITTED = "（公印省略）";

export function letterhead(head: Letterhead): Block[] {
  return [
    ...(head.form ? [text(head.form, { size: 9 })] : []),
    text(head.documentNumber || BLANK_DOCUMENT_NUMBER, { align: "right" }),
    text(formatWarekiDate(head.date), { align: "right" }),
    text(head.addressee, { spaceBefore: 12 }),
    ...head.sender.map((line, i) => text(line, { align: "right", ...(i === 0 ? { spaceBefore: 12 } : {}) })),
    text(head.title, { size: 14, bold: true, align: "center", spaceBefore: 24, keepWithNext: true }),
  ];
}

/** An applicant signing its own document: 〒 and address, name, representative's title and name. */
export function applicantSender(party: PartySnapshot): string[] {
  return [
    `〒${party.postal_code || "　　　"}　${party.address || "（所在地未登録）"}`,
    party.name,
    `${party.representative_title}　${party.representative_name}`.trim() || "（代表者未登録）",
  ];
}

/**
 * How a notice addresses the applicant: to its representative by title and name. When the title already
 * names the organisation (「富山県知事」 of 富山県, 「仙台市長」 of 仙台市) the organisation is not written again:
 * 「富山県知事 富山 一郎 殿」. Any other title (「理事長」) is shared by many bodies, so the organisation comes
 * first: 「特定非営利活動法人つながり 理事長 山田 花子 殿」. Full-width spaces separate the parts; the name is
 * printed as registered. A part left blank is left out, so a representative without a name is addressed by
 * title alone (「富山県知事 殿」).
 */
export function noticeAddressee(party: PartySnapshot): string {
  const organisation = party.name.trim();
  const title = party.representative_title.trim();
  const titleNamesOrganisation = organisation !== "" && title.startsWith(organisation);
  const parts = [titleNamesOrganisation ? "" : organisation, title, party.representative_name.trim()].filter(Boolean);
  return `${parts.join("　")}　殿`;
}
