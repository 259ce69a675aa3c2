/**
 * 企画提案書: a submitted version of a proposal (企画提案) to a call of the model projects, in the same
 * official style and from the same building blocks as the 交付申請書 (letterhead.ts, parts.ts), built from
 * the frozen snapshot and nothing else.
 */
import { CALL_KIND_NAMES } from "~/domain/calls";
import { formatYen, formatYenWithKin } from "~/domain/money";
import { checkProposal, MEMBER_KINDS, PROPOSAL_ACTIVITIES, totalsByCategory } from "~/domain/proposal-draft";
import type { ProposalSnapshot } from "~/domain/proposals";
import { fiscalYearLabel } from "~/domain/wareki";
import type { Block, DocumentSpec } from "./blocks";
import { applicantSender, letterhead } from "./letterhead";
import { amountColumn, amountTable, heading, preamble, text } from "./parts";

/** Who proposals are addressed to: the office that runs the model projects. */
export const PROPOSAL_ADDRESSEE = "内閣府孤独・孤立対策推進室長";

export function proposalFormDocument(snapshot: ProposalSnapshot): DocumentSpec {
  const { organisation: org, draft, call } = snapshot;
  const year = fiscalYearLabel(call.fiscalYear);
  const title = `${year}${CALL_KIND_NAMES[call.kind]}企画提案書`;
  const date = new Date(snapshot.submittedAt);
  const { rowAmounts } = checkProposal(draft, { kind: call.kind, ceiling: call.ceiling });
  const budget = draft.budget.flatMap((row, i) => {
    const amount = rowAmounts[i];
    return amount === null || amount === undefined ? [] : [[row.category, row.description, formatYen(amount)]];
  });
  const long = (value: string): Block => text(value.trim() || "—", { indent: 1 });

  const blocks: Block[] = [
    // The title alone, centred; the long name of the project under it rather than broken across the title.
    ...letterhead({ documentNumber: "", date, addressee: `${PROPOSAL_ADDRESSEE}　殿`, sender: applicantSender(org), title: "企画提案書" }),
    text(`（${year}　${CALL_KIND_NAMES[call.kind]}）`, { align: "center" }),
    ...preamble(`「${call.title}」の公募について、下記のとおり企画を提案します。`),
    text(`1　提案額　　${formatYenWithKin(snapshot.total)}（委託：上限額 ${formatYen(call.ceiling)}）`, { spaceBefore: 8 }),
    text(`2　提案の回数　　${draft.secondYear ? "2回目" : "1回目"}`),
    text(`3　担当者　　${org.contact_person}　電話 ${org.contact_phone}　${org.contact_email}`),
    heading("4　現状・これまでの取組（○）"),
    long(draft.currentSituation),
    heading("5　今後の取組（●）"),
    long(draft.plans),
  ];
  let n = 6;
  if (draft.secondYear) blocks.push(heading(`${n++}　1回目（前年度）の成果`), long(draft.firstYearResults));
  blocks.push(
    heading(`${n++}　実施する取組`),
    ...PROPOSAL_ACTIVITIES.filter((a) => draft.activities.includes(a.code)).map((a) =>
      text(`・${a.label}${a.required && call.kind === "model-platform" ? "（◎）" : ""}`, { indent: 1 }),
    ),
    heading(`${n++}　プラットフォームの構成団体（予定）`),
    {
      kind: "table",
      columns: [
        { title: "種別", width: 0.2 },
        { title: "団体数", width: 0.12, align: "right" },
        { title: "団体名", width: 0.68 },
      ],
      rows: draft.members.map((m) => [MEMBER_KINDS[m.kind], m.count, m.names]),
    },
    heading(`${n++}　実施スケジュール`),
    {
      kind: "table",
      columns: [
        { title: "時期", width: 0.3 },
        { title: "実施内容", width: 0.7 },
      ],
      rows: draft.schedule.filter((s) => s.months.trim() || s.what.trim()).map((s) => [s.months, s.what]),
    },
    heading(`${n++}　所要額`),
    {
      kind: "table",
      columns: [{ title: "費目", width: 0.22 }, { title: "内容", width: 0.5 }, amountColumn("金額", 0.28)],
      rows: [...budget, ["合計", "", formatYen(snapshot.total)]],
      emphasiseLast: true,
    },
    heading(`${n++}　費目ごとの合計`),
    amountTable(
      "費目",
      ["金額"],
      [...totalsByCategory(draft, rowAmounts).map((t) => [t.category, formatYen(t.amount)]), ["合計（提案額）", formatYen(snapshot.total)]],
      { total: true },
    ),
  );
  return { title: `${title}（第${snapshot.version}版）`, author: org.name, date, draft: false, blocks };
}
