/**
 * The form an administrator opens a call for proposals (公募) with: one zod schema, read with readForm on
 * the server and useValidatedForm in the browser. Amounts are integer yen; the window is two date-times in
 * Japan time; criteria are rows `criteria.N.name` / `criteria.N.weight`, of which blank rows are left out.
 */
import { z } from "zod";
import { CALL_KINDS, DEFAULT_CRITERIA, MAX_CRITERIA, type CallKind } from "~/domain/calls";
import { choiceField, countField, dateTimeField, textField, yenField } from "~/domain/form-fields";
import { japanDateTimeInputValue } from "~/domain/japan-time";

const criterionRow = z
  .object({ name: z.unknown().optional(), weight: z.unknown().optional() })
  .optional()
  .transform((row) => ({ name: typeof row?.name === "string" ? row.name.trim() : "", weight: typeof row?.weight === "string" ? row.weight : "" }));

const weight = countField("配点", { min: 1, max: 100 });

export const CallSchema = z
  .object({
    kind: choiceField(CALL_KINDS),
    fiscalYear: countField("年度", { min: 2000, max: 2100 }),
    title: textField("公募名", { required: true, max: 200 }),
    description: textField("事業の概要", { required: true, max: 4000 }),
    eligibility: textField("応募できる団体", { required: true, max: 1000 }),
    opensAt: dateTimeField("公募開始日時"),
    closesAt: dateTimeField("締切日時"),
    ceilingPerProject: yenField("1件あたりの上限額", { positive: true }),
    totalBudget: yenField("予算総額", { positive: true }),
    projectsSought: countField("採択予定件数", { min: 1, max: 1000, unit: "件" }),
    criteria: z
      .array(criterionRow)
      .max(MAX_CRITERIA)
      .optional()
      .transform((rows) => rows ?? []),
  })
  .transform((form, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (form.closesAt.getTime() <= form.opensAt.getTime()) issue(["closesAt"], "締切日時は公募開始日時より後にしてください。");
    if (form.ceilingPerProject > form.totalBudget) issue(["ceilingPerProject"], "1件あたりの上限額は予算総額以下にしてください。");

    const criteria: { name: string; weight: number }[] = [];
    form.criteria.forEach((row, i) => {
      if (!row.name && !row.weight.trim()) return;
      if (!row.name) return issue(["criteria", i, "name"], `${i + 1}行目の評価項目名を入力してください。`);
      if ([...row.name].length > 100) return issue(["criteria", i, "name"], `${i + 1}行目の評価項目名は100文字以内で入力してください。`);
      if (criteria.some((c) => c.name === row.name)) return issue(["criteria", i, "name"], `評価項目「${row.name}」が重複しています。`);
      const parsed = weight.safeParse(row.weight);
      if (!parsed.success) return issue(["criteria", i, "weight"], `${i + 1}行目の${parsed.error.issues[0]!.message}`);
      criteria.push({ name: row.name, weight: parsed.data });
    });
    if (criteria.length === 0) issue(["criteria", 0, "name"], "評価項目を1つ以上入力してください。");
    return { ...form, criteria };
  });

export type CallInput = z.output<typeof CallSchema>;

/** What the form shows first: a call being edited as stored, or a new call with the default criteria. */
export function callFormValues(
  call:
    | (Omit<CallInput, "criteria" | "kind"> & { kind: CallKind; criteria: readonly { name: string; weight: number }[] })
    | { fiscalYear: number; kind?: CallKind },
): Record<string, unknown> {
  const criteria = "criteria" in call ? call.criteria : DEFAULT_CRITERIA;
  const rows = Array.from({ length: MAX_CRITERIA }, (_, i) => ({ name: criteria[i]?.name ?? "", weight: criteria[i] ? String(criteria[i].weight) : "" }));
  if (!("title" in call)) return { kind: call.kind ?? "model-platform", fiscalYear: String(call.fiscalYear), criteria: rows };
  return {
    kind: call.kind,
    fiscalYear: String(call.fiscalYear),
    title: call.title,
    description: call.description,
    eligibility: call.eligibility,
    opensAt: japanDateTimeInputValue(call.opensAt),
    closesAt: japanDateTimeInputValue(call.closesAt),
    ceilingPerProject: call.ceilingPerProject.toLocaleString("ja-JP"),
    totalBudget: call.totalBudget.toLocaleString("ja-JP"),
    projectsSought: String(call.projectsSought),
    criteria: rows,
  };
}
