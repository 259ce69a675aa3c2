/**
 * 交付申請書（様式第1号）with 別紙1 事業計画書 and 別紙2 所要額調書, built from a frozen version of an
 * application (or a draft's preview) and nothing else.
 */
import { guidelinesCited, readDocumentSettings, signatory, type DocumentSettings } from "~/domain/document-settings";
import type { GrantResult } from "~/domain/grant-calculation";
import { formatYen, formatYenWithKin } from "~/domain/money";
import { prefectureName } from "~/domain/prefectures";
import type { PartySnapshot } from "~/domain/proceedings";
import { activityLabel, expenseCategoryName, PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { DELEGATION_METHODS, lineAmount, MENU2_PLAN_FIELDS, PLATFORM_MEMBER_KINDS, type ApplicationDraft } from "~/domain/application-draft";
import type { Block, DocumentSpec } from "./blocks";
import { applicantSender, letterhead } from "./letterhead";
import { amountTable, calculationRows, categoryTotals, heading, lineTable, preamble, text } from "./parts";

export interface ApplicationRecord {
  version: number | null;
  programme: Programme;
  fiscalYear: number;
  organisation: PartySnapshot;
  draft: ApplicationDraft;
  calculation: GrantResult;
  requestedAmount: number;
  /** When it was submitted (or, for a draft, last saved): the document's date. */
  date: string;
  /** The fiscal year's document settings as they stood at submission (a draft: as they stand); absent: the defaults. */
  documents?: DocumentSettings;
}

export function applicationFormDocument(record: ApplicationRecord, { draft = false } = {}): DocumentSpec {
  const { organisation: org, draft: plan, calculation: c } = record;
  const year = fiscalYearLabel(record.fiscalYear);
  const menu1 = record.programme === "prefectural";
  const title = `${year}孤独・孤立対策推進交付金交付申請書`;
  const date = new Date(record.date);
  const settings = readDocumentSettings(record.documents);
  const blocks: Block[] = [
    ...letterhead({
      form: settings.forms.application || undefined,
      documentNumber: "",
      date,
      addressee: `${signatory(settings)}　殿`,
      sender: applicantSender(org),
      title,
    }),
    ...preamble(
      `${year}において、孤独・孤立対策推進交付金（${PROGRAMME_NAMES[record.programme]}）の交付を受けたいので、${guidelinesCited(settings, "application")}の規定に基づき、下記のとおり申請します。`,
    ),
    text(`1　交付申請額　　${formatYenWithKin(record.requestedAmount)}`, { spaceBefore: 8 }),
    text(`2　事業名　　${PROGRAMME_NAMES[record.programme]}`),
    text("3　事業計画　　別紙1 事業計画書のとおり"),
    text("4　所要額　　別紙2 所要額調書のとおり"),
    text(`5　担当者　　${org.contact_person}　電話 ${org.contact_phone}　${org.contact_email}`),
    { kind: "pageBreak" },
    heading("別紙1　事業計画書", { size: 12, spaceBefore: 0 }),
    heading("1　事業の目的"),
    text(plan.purpose || "—", { indent: 1 }),
  ];

  if (menu1) {
    blocks.push(heading("2　実施する事業"), {
      kind: "table",
      columns: [
        { title: "事業", width: 0.3 },
        { title: "実施内容", width: 0.38 },
        { title: "実施月", width: 0.14 },
        { title: "指標", width: 0.18 },
      ],
      rows: plan.activities.map((a) => [activityLabel(a.code), a.content, a.months.map((m) => `${m}月`).join("・"), a.indicators]),
    });
    blocks.push(heading("3　地方版官民連携プラットフォームの構成団体"));
    blocks.push(
      plan.platformMembers.length
        ? {
            kind: "table",
            columns: [
              { title: "名称", width: 0.45 },
              { title: "種別", width: 0.2 },
              { title: "役割", width: 0.35 },
            ],
            rows: plan.platformMembers.map((m) => [m.name, PLATFORM_MEMBER_KINDS[m.kind], m.role]),
          }
        : text("—", { indent: 1 }),
    );
    if (plan.delegations.length) {
      blocks.push(heading("4　委託・補助により実施する事業"), {
        kind: "table",
        columns: [
          { title: "事業", width: 0.3 },
          { title: "方法", width: 0.1 },
          { title: "相手先", width: 0.3 },
          { title: "内容", width: 0.3 },
        ],
        rows: plan.delegations.map((d) => [activityLabel(d.activity), DELEGATION_METHODS[d.method], d.recipient, d.content]),
      });
    }
  } else {
    blocks.push(heading(`2　実施体制${plan.consortium ? "（コンソーシアム）" : ""}`), {
      kind: "table",
      columns: [
        { title: "団体名", width: 0.34 },
        { title: "法人番号", width: 0.2 },
        { title: "役割", width: 0.2 },
        { title: "分担する業務", width: 0.26 },
      ],
      rows: plan.members.map((m) => [m.name, m.corporateNumber, m.role, m.share]),
    });
    blocks.push(heading("3　活動区域"), text(plan.areaPrefectures.map((code) => prefectureName(code) ?? code).join("、") || "—", { indent: 1 }));
    if (plan.areaJustification.trim()) blocks.push(text(`（1つの都道府県で行う理由）${plan.areaJustification}`, { indent: 1 }));
    blocks.push(heading("4　事業の内容"));
    for (const [key, label] of MENU2_PLAN_FIELDS) {
      if (plan.plan[key].trim()) blocks.push(text(`・${label}`, { indent: 1, keepWithNext: true }), text(plan.plan[key], { indent: 2 }));
    }
  }

  const lines = plan.lines.flatMap((line) => {
    const amount = lineAmount(line);
    return amount.ok && line.category !== "" ? [{ ...line, amount: amount.value }] : [];
  });

  blocks.push(
    { kind: "pageBreak" },
    heading("別紙2　所要額調書", { size: 12, spaceBefore: 0 }),
    heading("1　経費の内訳"),
    lineTable(
      menu1,
      ["金額"],
      lines.map((line) => ({ ...line, amounts: [formatYen(line.amount)] })),
      [formatYen(c.totalProjectCost)],
    ),
    heading("2　経費区分ごとの合計"),
    amountTable(
      "経費区分",
      ["金額"],
      categoryTotals(lines).map((t) => [expenseCategoryName(t.category), formatYen(t.amounts[0]!)]),
    ),
    heading("3　交付額の算定"),
    amountTable("区分", ["金額"], [...calculationRows(menu1, [c]), ["交付申請額", formatYen(record.requestedAmount)]]),
  );

  return {
    title: `${title}${record.version ? `（第${record.version}版）` : "（下書き）"}`,
    author: org.name,
    date,
    draft,
    blocks,
  };
}
