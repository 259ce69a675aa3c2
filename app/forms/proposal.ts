/**
 * The proposal form: how its fields are named to people ("budget.2.amount" → "所要額の内訳 3行目 金額", for
 * the error summary and a colleague's changes), its resolver (the checks of app/domain/proposal-draft.ts,
 * run by react-hook-form in the browser), and the rows a form without JavaScript adds and removes on the
 * server.
 */
import type { FieldValues, Resolver } from "react-hook-form";
import { checkProposal, NEW_PROPOSAL_ROWS, readProposalDraft, type ProposalDraft, type ProposalRowList, type ProposalRules } from "~/domain/proposal-draft";
import { nestErrors } from "./read-form";

/** The proposal form's resolver: a submission's checks on whatever the form holds now. */
export function proposalResolver(rules: ProposalRules): Resolver<ProposalDraft> {
  return (values: FieldValues) => {
    const draft = readProposalDraft(values);
    const { errors } = checkProposal(draft, rules, { forSubmission: true });
    return Object.keys(errors).length > 0 ? { values: {}, errors: nestErrors(errors) } : { values: draft, errors: {} };
  };
}

/** What a button of the form asks for: save, submit, or (without JavaScript) add or remove a row of a list. */
export type ProposalIntent =
  { kind: "save" } | { kind: "submit" } | { kind: "add"; list: ProposalRowList } | { kind: "remove"; list: ProposalRowList; row: number };

const isRowList = (name: string): name is ProposalRowList => Object.hasOwn(NEW_PROPOSAL_ROWS, name);

/** Reads a button's intent ("save", "submit", "add:budget", "remove:budget:3"); anything else is none of this form's. */
export function readProposalIntent(intent: string): ProposalIntent | null {
  if (intent === "save" || intent === "submit") return { kind: intent };
  const [verb, list = "", row = ""] = intent.split(":");
  if (!isRowList(list)) return null;
  if (verb === "add" && intent === `add:${list}`) return { kind: "add", list };
  if (verb === "remove" && /^[0-9]{1,3}$/.test(row) && intent === `remove:${list}:${row}`) return { kind: "remove", list, row: Number(row) };
  return null;
}

/** Without JavaScript, rows are added and removed by the server, which saves the result. */
export function applyProposalRowIntent(draft: ProposalDraft, intent: ProposalIntent): void {
  if (intent.kind !== "add" && intent.kind !== "remove") return;
  const rows: unknown[] = draft[intent.list];
  if (intent.kind === "add") rows.push(NEW_PROPOSAL_ROWS[intent.list]());
  else rows.splice(intent.row, 1);
}

const SECTION_LABELS: Record<string, string> = {
  currentSituation: "現状・これまでの取組",
  plans: "今後の取組",
  members: "プラットフォームの構成団体",
  activities: "実施する取組",
  schedule: "実施スケジュール",
  budget: "所要額の内訳",
  secondYear: "2回目の提案",
  firstYearResults: "1回目の成果",
};

const PART_LABELS: Record<string, string> = {
  kind: "種別",
  count: "団体数",
  names: "団体名",
  months: "時期",
  what: "実施内容",
  category: "費目",
  description: "内容",
  amount: "金額",
};

/** "budget.2.amount" → "所要額の内訳 3行目 金額": how a field is named to people. */
export function proposalFieldLabel(path: string): string {
  const [section = "", ...rest] = path.split(".");
  const parts = [SECTION_LABELS[section] ?? section];
  for (const part of rest) parts.push(/^\d+$/.test(part) ? `${Number(part) + 1}行目` : (PART_LABELS[part] ?? part));
  return parts.join(" ");
}
