/**
 * The documents of the model projects' selection and contracts (docs/domain.md §6–7), each built from its
 * stored record and nothing else: the 採択通知書 (or 不採択通知書) of a selection, the 委託契約書（概要） of an
 * agreement, and the 検収調書 of an acceptance. The Cabinet Office's documents, so addressed to the
 * contractor and signed as 内閣総理大臣; their 文書番号 is left for the registry to fill in.
 */
import { formatYenWithKin as kin } from "~/domain/money";
import type { PartySnapshot } from "~/domain/proceedings";
import { MEMBER_KINDS, type MemberKind } from "~/domain/proposal-draft";
import { fiscalYearLabel, formatWarekiDate } from "~/domain/wareki";
import type { DocumentSpec } from "./blocks";
import { letterhead, noticeAddressee, PRIME_MINISTER } from "./letterhead";
import { detail, item, preamble, text } from "./parts";

export interface CallOfDocument {
  title: string;
  fiscalYear: number;
}

const spec = (title: string, date: Date | string, blocks: DocumentSpec["blocks"]): DocumentSpec => ({
  title,
  author: "内閣府",
  date: typeof date === "string" ? new Date(`${date}T00:00:00+09:00`) : date,
  draft: false,
  blocks,
});

/** Text as paragraphs under an item (a line break in what was typed starts a new paragraph). */
const paragraphs = (body: string) =>
  body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map(detail);

export function selectionNoticeDocument(record: {
  call: CallOfDocument;
  contractor: PartySnapshot;
  selected: boolean;
  contractAmount: number | null;
  reason: string;
  decidedAt: Date;
}): DocumentSpec {
  const title = `${fiscalYearLabel(record.call.fiscalYear)}${record.selected ? "採択通知書" : "不採択通知書"}`;
  return spec(title, record.decidedAt, [
    ...letterhead({ documentNumber: "", date: record.decidedAt, addressee: noticeAddressee(record.contractor), sender: [PRIME_MINISTER], title }),
    ...preamble(
      `「${record.call.title}」に応募のあった企画提案について審査した結果、下記のとおり${record.selected ? "採択する" : "採択しない"}こととしたので通知する。`,
    ),
    item(1, "公募", record.call.title),
    item(2, "審査の結果", record.selected ? "採択" : "不採択"),
    ...(record.selected && record.contractAmount !== null
      ? [item(3, "契約予定額", kin(record.contractAmount)), detail("委託契約の締結に当たり、契約期間及び成果物を別途定める。")]
      : []),
    item(record.selected ? 4 : 3, "理由"),
    ...paragraphs(record.reason),
  ]);
}

export function contractSummaryDocument(record: {
  call: CallOfDocument;
  contractor: PartySnapshot;
  amount: number;
  periodFrom: string;
  periodTo: string;
  deliverables: string;
  agreedAt: Date;
}): DocumentSpec {
  const title = `${fiscalYearLabel(record.call.fiscalYear)}委託契約書（概要）`;
  return spec(title, record.agreedAt, [
    ...letterhead({ documentNumber: "", date: record.agreedAt, addressee: noticeAddressee(record.contractor), sender: [PRIME_MINISTER], title }),
    ...preamble(`委託者 内閣府（以下「甲」という。）と受託者 ${record.contractor.name}（以下「乙」という。）は、下記のとおり委託契約を締結する。`),
    item(1, "委託業務の名称", record.call.title),
    item(2, "契約金額", `${kin(record.amount)}（委託費・全額）`),
    item(3, "契約期間", `${formatWarekiDate(record.periodFrom)}から${formatWarekiDate(record.periodTo)}まで`),
    item(4, "成果物"),
    ...paragraphs(record.deliverables),
    item(5, "報告"),
    detail("乙は、業務の中間報告及び業務完了後の成果報告を甲に提出する。"),
    item(6, "検収及び支払"),
    detail("甲は、成果報告を検収した後、契約金額の全額を支払う。"),
    text("（本書は契約の概要を示すものであり、契約条項の全文は契約書本体による。）", { size: 9, spaceBefore: 16 }),
  ]);
}

export function acceptanceDocument(record: {
  call: CallOfDocument;
  contractor: PartySnapshot;
  amount: number;
  periodFrom: string;
  periodTo: string;
  deliverables: string;
  finalReport: { done: string; membersGained: Record<MemberKind, number>; reportedAt: Date };
  inspectedOn: string;
  note: string;
}): DocumentSpec {
  const title = `${fiscalYearLabel(record.call.fiscalYear)}検収調書`;
  const gained = (Object.keys(MEMBER_KINDS) as MemberKind[])
    .filter((k) => record.finalReport.membersGained[k] > 0)
    .map((k) => `${MEMBER_KINDS[k]} ${record.finalReport.membersGained[k]}`);
  return spec(title, record.inspectedOn, [
    ...letterhead({ documentNumber: "", date: record.inspectedOn, addressee: noticeAddressee(record.contractor), sender: [PRIME_MINISTER], title }),
    ...preamble(
      `「${record.call.title}」の委託業務について、${formatWarekiDate(record.finalReport.reportedAt)}付けで提出された成果報告を検収したので、下記のとおり調書を作成する。`,
    ),
    item(1, "受託者", record.contractor.name),
    item(2, "契約金額", kin(record.amount)),
    item(3, "契約期間", `${formatWarekiDate(record.periodFrom)}から${formatWarekiDate(record.periodTo)}まで`),
    item(4, "成果物"),
    ...paragraphs(record.deliverables),
    item(5, "実施内容（成果報告による）"),
    ...paragraphs(record.finalReport.done),
    item(6, "プラットフォームの構成団体の増加", gained.length === 0 ? "なし" : gained.join("、")),
    item(7, "検収日", formatWarekiDate(record.inspectedOn)),
    item(8, "検収結果", "合格"),
    ...(record.note.trim() ? [item(9, "所見"), ...paragraphs(record.note)] : []),
  ]);
}
