/**
 * The application form: how its fields are named to people ("lines.3.amount" → "所要額の明細 4行目 金額",
 * for the reviewer's comments, the changes between versions and the error summary), its resolver (the
 * whole-draft rules of app/domain/application-draft.ts, run by react-hook-form in the browser), and the
 * rows a form without JavaScript adds and removes on the server.
 */
import type { FieldValues, Resolver } from "react-hook-form";
import { z } from "zod";
import { checkApplication, NEW_ROWS, readDraft, type ApplicationDraft, type ApplicationCheck, type RowList } from "~/domain/application-draft";
import { type Programme, type ProgrammeParameters } from "~/domain/programmes";
import { nestErrors } from "./read-form";

export interface DraftRulesContext {
  programme: Programme;
  fiscalYear: number;
  parameters: readonly ProgrammeParameters[];
}

/** Every check a submission must pass, on whatever the form holds now. */
export function checkDraft({ programme, fiscalYear, parameters }: DraftRulesContext, values: unknown): ApplicationCheck {
  return checkApplication(programme, fiscalYear, readDraft(values), parameters, { forSubmission: true });
}

/** The form's resolver: the draft as the rules read it, and the first error the rules find at each field. */
export function applicationResolver(context: DraftRulesContext): Resolver<ApplicationDraft> {
  return (values: FieldValues) => {
    const errors: Record<string, string> = {};
    for (const f of checkDraft(context, values).findings) if (f.severity === "error") errors[f.path] ??= f.message;
    return Object.keys(errors).length > 0 ? { values: {}, errors: nestErrors(errors) } : { values: readDraft(values), errors: {} };
  };
}

/** Starting an application: the fiscal year it is for (the current one when not given). */
export const newApplicationSchema = (currentFiscalYear: number) =>
  z.object({
    fiscalYear: z.preprocess(
      (value) => (value === undefined || value === "" ? currentFiscalYear : typeof value === "string" && /^[0-9]{4}$/.test(value) ? Number(value) : NaN),
      z
        .number({ error: "年度は西暦の4桁で指定してください。" })
        .int()
        .min(2000, { error: "年度は西暦の4桁で指定してください。" })
        .max(2100, { error: "年度は西暦の4桁で指定してください。" }),
    ),
  });

/** What a button of the form asks for: save, submit, or (without JavaScript) add or remove a row of a list. */
export type DraftIntent = { kind: "save" } | { kind: "submit" } | { kind: "add"; list: RowList } | { kind: "remove"; list: RowList; row: number };

const isRowList = (name: string): name is RowList => Object.hasOwn(NEW_ROWS, name);

/** Reads a button's intent ("save", "submit", "add:lines", "remove:lines:3"); anything else is no intent of this form. */
export function readDraftIntent(intent: string): DraftIntent | null {
  if (intent === "save" || intent === "submit") return { kind: intent };
  const [verb, list = "", row = ""] = intent.split(":");
  if (!isRowList(list)) return null;
  if (verb === "add" && intent === `add:${list}`) return { kind: "add", list };
  if (verb === "remove" && /^[0-9]{1,3}$/.test(row) && intent === `remove:${list}:${row}`) return { kind: "remove", list, row: Number(row) };
  return null;
}

/** Without JavaScript, rows are added and removed by the server, which saves the result. */
export function applyRowIntent(draft: ApplicationDraft, intent: DraftIntent): void {
  if (intent.kind !== "add" && intent.kind !== "remove") return;
  const rows: unknown[] = draft[intent.list];
  if (intent.kind === "add") rows.push(NEW_ROWS[intent.list]());
  else rows.splice(intent.row, 1);
}

const SECTION_LABELS: Record<string, string> = {
  documentNumber: "文書番号",
  purpose: "事業の目的",
  activities: "実施する事業",
  platformMembers: "プラットフォームの構成団体",
  delegations: "委託・補助",
  consortium: "コンソーシアム",
  members: "構成団体",
  areaPrefectures: "活動区域",
  areaJustification: "1つの都道府県で行う理由",
  plan: "事業計画",
  planMonths: "実施月",
  lines: "所要額の明細",
  otherIncome: "寄付金その他の収入額",
  otherIncomeSource: "収入の内訳",
  requestedAmount: "交付申請額",
};

const PART_LABELS: Record<string, string> = {
  content: "実施内容",
  months: "実施月",
  indicators: "指標",
  name: "名称",
  kind: "種別",
  role: "役割",
  method: "方法",
  recipient: "相手先",
  corporateNumber: "法人番号",
  share: "分担",
  category: "経費区分",
  activity: "活動",
  member: "構成団体",
  description: "内容",
  amount: "金額",
  quantity: "数量",
  unitPrice: "単価",
  code: "事業",
  npoSupport: "小規模なNPO等への支援",
  networking: "連携・ネットワークづくり",
  tiesModels: "つながりのモデルづくり",
  digitalisation: "デジタル化の支援",
};

/** "lines.3.amount" → "所要額の明細 4行目 金額": how a field is named to people. */
export function fieldLabel(path: string): string {
  const [section = "", ...rest] = path.split(".");
  const parts = [SECTION_LABELS[section] ?? section];
  for (const part of rest) {
    if (/^\d+$/.test(part)) parts.push(`${Number(part) + 1}${section === "lines" ? "行目" : "番目"}`);
    else parts.push(PART_LABELS[part] ?? part);
  }
  return parts.join(" ");
}
