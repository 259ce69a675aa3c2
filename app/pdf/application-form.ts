/**
 * 交付申請書（様式第1号）with 別紙1 事業計画書, 別紙2 所要額調書 and 別紙3 収支予算書, built from a frozen
 * version of an application (or a draft's preview) and nothing else.
 */
import { guidelinesCited, readDocumentSettings, signatory, type DocumentSettings } from "~/domain/document-settings";
import type { GrantResult } from "~/domain/grant-calculation";
import { formatYen, formatYenWithKin } from "~/domain/money";
import { prefectureName } from "~/domain/prefectures";
import type { PartySnapshot } from "~/domain/proceedings";
import { ATTACHMENT_DOCUMENT_TYPES } from "~/domain/file-types";
import { activityLabel, expenseCategoryName, PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import type { AttachmentSnapshot } from "~/domain/submitted-version";
import { fiscalYearLabel } from "~/domain/wareki";
import {
  applicationNumberOf,
  DELEGATION_METHODS,
  FISCAL_YEAR_MONTHS,
  lineAmount,
  MENU2_PLAN_FIELDS,
  PLATFORM_MEMBER_KINDS,
  type ApplicationDraft,
} from "~/domain/application-draft";
import type { Block, DocumentSpec } from "./blocks";
import { applicantSender, letterhead } from "./letterhead";
import {
  activityTotals,
  amountTable,
  calculationRows,
  categoryTotals,
  heading,
  incomeAndExpenditure,
  lineTable,
  preamble,
  rowsWithTotal,
  sum,
  text,
} from "./parts";

/** What the form says of an attached file: its kind and its name as uploaded. */
export type AttachedFile = Pick<AttachmentSnapshot, "document_type" | "file_name">;

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
  /**
   * The files attached to the version, in the order they were uploaded. Absent when the caller does not
   * know them: the form then says nothing of attachments rather than 「なし」, which would not be true.
   */
  attachments?: readonly AttachedFile[];
}

/** A budget line the document can print: a category given and an amount that reads. */
type PricedLine = Omit<ApplicationDraft["lines"][number], "amount"> & { amount: number };

export function applicationFormDocument(record: ApplicationRecord, { draft = false } = {}): DocumentSpec {
  const { organisation: org, draft: plan } = record;
  const year = fiscalYearLabel(record.fiscalYear);
  const menu1 = record.programme === "prefectural";
  const title = `${year}孤独・孤立対策推進交付金交付申請書`;
  const date = new Date(record.date);
  const settings = readDocumentSettings(record.documents);
  const lines: PricedLine[] = plan.lines.flatMap((line) => {
    const amount = lineAmount(line);
    return amount.ok && line.category !== "" ? [{ ...line, amount: amount.value }] : [];
  });
  const blocks: Block[] = [
    ...letterhead({
      form: settings.forms.application || undefined,
      documentNumber: applicationNumberOf(plan),
      date,
      addressee: `${signatory(settings)}　殿`,
      sender: applicantSender(org),
      title,
    }),
    ...preamble(
      `${year}において、孤独・孤立対策推進交付金（${PROGRAMME_NAMES[record.programme]}）の交付を受けたいので、${guidelinesCited(settings, "application")}の規定に基づき、下記のとおり申請します。`,
    ),
    ...bodyItems(record),
    { kind: "pageBreak" },
    ...planAppendix(plan, menu1),
    { kind: "pageBreak" },
    ...requirementsAppendix(record, lines),
    { kind: "pageBreak" },
    ...budgetStatementAppendix(record, lines),
  ];

  return {
    title: `${title}${record.version ? `（第${record.version}版）` : "（下書き）"}`,
    author: org.name,
    date,
    draft,
    blocks,
  };
}

/** The numbered items of the 記: the amount, what the appendices hold, the attachments and whom to call. */
function bodyItems(record: ApplicationRecord): Block[] {
  const org = record.organisation;
  const files = record.attachments;
  const items: [string, string | Block[]][] = [
    ["交付申請額", formatYenWithKin(record.requestedAmount)],
    ["事業名", PROGRAMME_NAMES[record.programme]],
    ["事業計画", "別紙1 事業計画書のとおり"],
    ["所要額", "別紙2 所要額調書のとおり"],
    ["収支予算", "別紙3 収支予算書のとおり"],
  ];
  // Unknown attachments print no item at all: 「なし」 would state something the record cannot vouch for.
  if (files) items.push(["添付書類", files.length ? attachmentList(files) : "なし"]);
  items.push(["担当者", `${org.contact_person}　電話 ${org.contact_phone}　${org.contact_email}`]);
  return items.flatMap(([label, content], i) => {
    const spacing = i === 0 ? { spaceBefore: 8 } : {};
    if (typeof content === "string") return [text(`${i + 1}　${label}　　${content}`, spacing)];
    return [text(`${i + 1}　${label}`, { ...spacing, keepWithNext: true }), ...content];
  });
}

/** Each attached file on a line of its own, by kind and name: 「（1）予算書抄本：補正予算書抄本.pdf」. */
function attachmentList(files: readonly AttachedFile[]): Block[] {
  const kind = (code: string) => (ATTACHMENT_DOCUMENT_TYPES as Record<string, string>)[code] ?? code;
  return files.map((f, i) => text(`（${i + 1}）${kind(f.document_type)}：${f.file_name}`, { indent: 1 }));
}

/** 別紙1 事業計画書: the purpose, then the plan of the programme. */
function planAppendix(plan: ApplicationDraft, menu1: boolean): Block[] {
  return [
    heading("別紙1　事業計画書", { size: 12, spaceBefore: 0 }),
    heading("1　事業の目的"),
    text(plan.purpose || "—", { indent: 1 }),
    ...(menu1 ? menu1Plan(plan) : menu2Plan(plan)),
  ];
}

function menu1Plan(plan: ApplicationDraft): Block[] {
  const blocks: Block[] = [];
  blocks.push(heading("2　実施する事業"), {
    kind: "table",
    columns: [
      { title: "事業", width: 0.3 },
      { title: "実施内容", width: 0.38 },
      { title: "実施月", width: 0.14 },
      { title: "指標", width: 0.18 },
    ],
    rows: plan.activities.map((a) => [activityLabel(a.code), a.content, monthsText(a.months), a.indicators]),
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
  return blocks;
}

function menu2Plan(plan: ApplicationDraft): Block[] {
  const blocks: Block[] = [];
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
  const parts = MENU2_PLAN_FIELDS.filter(([key]) => plan.plan[key].trim());
  for (const [key, label] of parts) blocks.push(text(`・${label}`, { indent: 1, keepWithNext: true }), text(plan.plan[key], { indent: 2 }));
  // The schedule of the parts carried out, as Menu 1's activities have theirs in 2.
  blocks.push(
    heading("5　実施スケジュール"),
    parts.length
      ? {
          kind: "table",
          columns: [
            { title: "事業の内容", width: 0.55 },
            // Widened to hold a whole year on one line, so that no 「12月」 is broken between its digits and 月.
            { title: "実施月", width: 0.45, widestValue: monthsText(FISCAL_YEAR_MONTHS) },
          ],
          rows: parts.map(([key, label]) => [label, monthsText(plan.planMonths[key])]),
        }
      : text("—", { indent: 1 }),
  );
  return blocks;
}

/** The months a piece of work runs, in the order given (the form keeps the fiscal year's): 「4月・5月・6月」. */
function monthsText(months: readonly number[]): string {
  return months.map((m) => `${m}月`).join("・");
}

/**
 * 別紙2 所要額調書: the lines, their totals by category and (Menu 1) by activity, and the calculation.
 * The sections are numbered as they come, since the activity totals are Menu 1's only.
 */
function requirementsAppendix(record: ApplicationRecord, lines: readonly PricedLine[]): Block[] {
  const menu1 = record.programme === "prefectural";
  const c = record.calculation;
  const sections: [string, Block][] = [
    [
      "経費の内訳",
      lineTable(
        menu1,
        ["金額"],
        lines.map((line) => ({ ...line, amounts: [formatYen(line.amount)] })),
        [formatYen(c.totalProjectCost)],
      ),
    ],
    [
      "経費区分ごとの合計",
      amountTable(
        "経費区分",
        ["金額"],
        categoryTotals(lines).map((t) => [expenseCategoryName(t.category), formatYen(t.amounts[0]!)]),
      ),
    ],
  ];
  if (menu1) sections.push(["事業ごとの合計", activityTable(record.draft, lines)]);
  sections.push(["交付額の算定", amountTable("区分", ["金額"], [...calculationRows(menu1, [c]), ["交付申請額", formatYen(record.requestedAmount)]])]);
  return [heading("別紙2　所要額調書", { size: 12, spaceBefore: 0 }), ...sections.flatMap(([title, table], i) => [heading(`${i + 1}　${title}`), table])];
}

/** Menu 1: what each activity of the plan costs (1, ①–⑩ as in 別紙1), and their total, which is A. */
function activityTable(plan: ApplicationDraft, lines: readonly PricedLine[]): Block {
  const totals = activityTotals(
    lines,
    plan.activities.map((a) => a.code),
  );
  return amountTable("事業", ["金額"], rowsWithTotal(totals.map((t) => ({ label: activityLabel(t.activity), amount: t.amount }))), { total: true });
}

/**
 * 別紙3 収支予算書: income (the grant applied for, other income named by its source, own funds) and
 * expenditure by category, each with a total; both totals are the total project cost, the sum of the lines.
 */
function budgetStatementAppendix(record: ApplicationRecord, lines: readonly PricedLine[]): Block[] {
  const totalCost = sum(lines.map((l) => l.amount));
  const statement = incomeAndExpenditure(
    lines,
    { label: "交付金（交付申請額）", amount: record.requestedAmount },
    {
      amount: record.calculation.otherIncome,
      source: record.draft.otherIncomeSource,
    },
  );
  return [
    heading("別紙3　収支予算書", { size: 12, spaceBefore: 0 }),
    heading("1　収入"),
    statement.income,
    ...(statement.excess > 0 ? [excessNote(record, totalCost, statement.excess)] : []),
    heading("2　支出"),
    statement.expenditure,
  ];
}

/** Says what a draft's income left out, so that no figure on the form is silently changed. */
function excessNote(record: ApplicationRecord, totalCost: number, excess: number): Block {
  const given = `交付申請額（${formatYen(record.requestedAmount)}）と寄付金その他の収入額（${formatYen(record.calculation.otherIncome)}）`;
  return text(`※${given}の合計が総事業費（${formatYen(totalCost)}）を超えるため、超える額（${formatYen(excess)}）は収入に計上していません。`, {
    indent: 1,
  });
}
