import { useFieldArray, type FieldValues } from "react-hook-form";
import { MENU2_PLAN_FIELDS } from "~/domain/application-draft";
import { formatYen, tidyYenInput } from "~/domain/money";
import { assessChange, grantAfterChange, type ChangeBase } from "~/domain/plan-change";
import type { BudgetLineSnapshot, PlanItem } from "~/domain/proceedings";
import { EXPENSE_CATEGORIES, EXPENSE_CATEGORY_NAMES, expenseCategoryName, MENU1_ACTIVITIES, type Programme } from "~/domain/programmes";
import { readLineRows, readPlanParts } from "~/domain/steps/change-form";
import type { FormControl, FormField as Field, FormRegister, FormWatch } from "~/forms/use-validated-form";
import { fieldId, inputClass, Notice, primaryButtonClass, secondaryButtonClass, TextAreaField } from "./forms";

/**
 * The change of a decided budget and plan (変更交付申請, 軽微な変更の届出): the lines in force as rows to edit,
 * add or remove, the plan's parts, and — as it is typed — the grant it comes to, the categories that move by
 * more than the threshold and whether the change needs approval. Without JavaScript the rows are posted as
 * they stand (a blank row is ignored, so the spare row at the end adds a line) and the server says the same.
 */

/** What the form starts with: the lines in force, one spare row, and the plan in force. */
export function changeDefaults(programme: Programme, lines: readonly BudgetLineSnapshot[], plan: readonly PlanItem[]): FieldValues {
  // Each row remembers the line in force it started from (its place), so that 変更前 stays beside it when rows are removed.
  const rows = lines.map((l, i) => ({
    origin: String(i),
    category: l.category,
    activity: l.activity,
    description: l.description,
    amount: tidyYenInput(String(l.amount)),
  }));
  const content = new Map(plan.map((p) => [p.key, p.content]));
  const parts =
    programme === "prefectural"
      ? Object.fromEntries(MENU1_ACTIVITIES.map((a) => [a.code, { selected: content.has(a.code) ? "on" : "", content: content.get(a.code) ?? "" }]))
      : Object.fromEntries(MENU2_PLAN_FIELDS.map(([key]) => [key, { content: content.get(key) ?? "" }]));
  return { lines: [...rows, SPARE_ROW], plan: parts };
}

const SPARE_ROW = { origin: "", category: "", activity: "", description: "", amount: "" };

interface EditorProps {
  programme: Programme;
  base: ChangeBase;
  field: Field;
  register: FormRegister;
  watch: FormWatch;
  control: FormControl;
}

export function ChangeEditor(props: EditorProps) {
  return (
    <>
      <PlanParts {...props} />
      <LineRows {...props} />
      <ChangeAssessmentPanel {...props} />
    </>
  );
}

/** The change as typed so far, assessed: rows that cannot be read yet are left out. */
function useTypedChange({ programme, base, watch }: Pick<EditorProps, "programme" | "base" | "watch">) {
  const rows = readLineRows(watch("lines")).value;
  const lines = rows.filter((l): l is BudgetLineSnapshot => l !== null);
  const plan = readPlanParts(programme, watch("plan")).value ?? base.plan;
  return assessChange(base, { lines, plan });
}

function ChangeAssessmentPanel({ programme, base, watch }: EditorProps) {
  const assessment = useTypedChange({ programme, base, watch });
  const minor = assessment.needsApproval.length === 0;
  const unchanged = !assessment.budgetChanged && assessment.planEdits.length === 0;
  return (
    <section aria-labelledby="change-assessment-heading" className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
      <h2 id="change-assessment-heading" className="text-std-18B-160">
        変更後の見込み（入力に合わせて計算します）
      </h2>
      <div aria-live="polite" className="space-y-3">
        <p>
          変更後の算定額 <strong className="tabular-nums">{formatYen(assessment.calculation.grantAmount)}</strong>（交付決定額 {formatYen(base.decidedAmount)}）
        </p>
        <p>{grantAfterChange(assessment, base.decidedAmount)}</p>
        {unchanged ? (
          <p>まだ変更はありません。</p>
        ) : minor ? (
          <Notice tone="info">
            <p className="font-bold">軽微な変更です（承認は不要です）。</p>
            <p>
              いずれの経費区分の増減も{assessment.limitPercent}
              %以内で、事業の内容も変わりません。「軽微な変更として届け出る」で届け出ると、変更後の経費の内訳がすぐに適用されます（交付決定額は変わりません）。
            </p>
          </Notice>
        ) : (
          <Notice tone="warning">
            <p className="font-bold">承認が必要な変更です（変更交付申請）。</p>
            <ul className="mt-2 list-disc pl-6">
              {assessment.needsApproval.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </Notice>
        )}
      </div>
      <CategoryChanges before={base.lines} after={readLineRows(watch("lines")).value} limitPercent={assessment.limitPercent} moved={assessment.moved} />
    </section>
  );
}

/** Each category's total before and after, with its change in percent, those beyond the threshold marked. */
function CategoryChanges({
  before,
  after,
  limitPercent,
  moved,
}: {
  before: readonly BudgetLineSnapshot[];
  after: readonly (BudgetLineSnapshot | null)[];
  limitPercent: number;
  moved: readonly { category: string }[];
}) {
  const total = (lines: readonly (BudgetLineSnapshot | null)[], category: string) =>
    lines.reduce((sum, l) => (l?.category === category ? sum + l.amount : sum), 0);
  const categories = [...new Set([...before.map((l) => l.category), ...after.flatMap((l) => (l?.category ? [l.category] : []))])];
  const over = new Set(moved.map((m) => m.category));
  return (
    <div className="space-y-2">
      <p id="category-changes-caption" className="text-std-16B-170">
        経費区分ごとの増減（{limitPercent}%を超えると承認が必要）
      </p>
      <div className="relative overflow-x-auto">
        <table aria-labelledby="category-changes-caption" className="w-full min-w-[30rem] border-collapse text-left">
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="p-2">
                経費区分
              </th>
              <th scope="col" className="p-2 text-right">
                変更前
              </th>
              <th scope="col" className="p-2 text-right">
                変更後
              </th>
              <th scope="col" className="p-2 text-right">
                増減
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => {
              const [b, a] = [total(before, category), total(after, category)];
              const percent = b === 0 ? (a > 0 ? "新規" : "—") : `${a - b > 0 ? "+" : ""}${Math.trunc(((a - b) * 100) / b)}%`;
              return (
                <tr key={category} className={`border-b border-solid-gray-200 ${over.has(category) ? "bg-solid-gray-50 font-bold" : ""}`}>
                  <th scope="row" className="min-w-32 p-2 text-left font-normal">
                    {expenseCategoryName(category)}
                    {over.has(category) ? <span className="block text-dns-14B-130">承認が必要</span> : null}
                  </th>
                  <td className="whitespace-nowrap p-2 text-right tabular-nums">{formatYen(b)}</td>
                  <td className="whitespace-nowrap p-2 text-right tabular-nums">{formatYen(a)}</td>
                  <td className="whitespace-nowrap p-2 text-right tabular-nums">{percent}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const categoryOptions = (programme: Programme) => [
  ["", "選択"] as const,
  ...EXPENSE_CATEGORIES.filter((c) => programme === "prefectural" || c !== "subsidies").map((c) => [c, EXPENSE_CATEGORY_NAMES[c]] as const),
];
const activityOptions = [["", "選択"] as const, ...MENU1_ACTIVITIES.map((a) => [a.code, `${a.label} ${a.name}`] as const)];

/** The budget's rows: each editable, removable; new rows added at the end. */
function LineRows({ programme, base, field, register, watch, control }: EditorProps) {
  const rows = useFieldArray({ control, name: "lines" });
  const menu1 = programme === "prefectural";
  return (
    <div className="space-y-2">
      <div className="relative overflow-x-auto" id={fieldId("lines")} tabIndex={-1}>
        <table className="w-full min-w-[48rem] border-collapse text-left">
          <caption className="mb-2 text-left text-std-18B-160">変更後の経費の内訳</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="w-10 p-2">
                行
              </th>
              <th scope="col" className="p-2">
                経費区分
              </th>
              {menu1 ? (
                <th scope="col" className="p-2">
                  活動
                </th>
              ) : null}
              <th scope="col" className="p-2">
                内容
              </th>
              <th scope="col" className="p-2 text-right">
                変更前
              </th>
              <th scope="col" className="w-44 p-2">
                変更後（円）
              </th>
              <th scope="col" className="p-2">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.fields.map((row, i) => {
              const origin: unknown = watch(`lines.${i}.origin`);
              const was = typeof origin === "string" && origin !== "" ? base.lines[Number(origin)] : undefined;
              return (
                <tr key={row.id} className="border-b border-solid-gray-200 align-top">
                  <td className="p-2">
                    {i + 1}
                    <input type="hidden" {...register(`lines.${i}.origin`)} defaultValue={field(`lines.${i}.origin`).defaultValue} />
                  </td>
                  <td className="p-2">
                    <Cell field={field} name={`lines.${i}.category`} label={`${i + 1}行目 経費区分`} options={categoryOptions(programme)} />
                  </td>
                  {menu1 ? (
                    <td className="p-2">
                      <Cell field={field} name={`lines.${i}.activity`} label={`${i + 1}行目 活動`} options={activityOptions} />
                    </td>
                  ) : null}
                  <td className="min-w-48 p-2">
                    <Cell field={field} name={`lines.${i}.description`} label={`${i + 1}行目 内容`} />
                  </td>
                  <td className="whitespace-nowrap p-2 text-right tabular-nums">{was ? formatYen(was.amount) : "追加"}</td>
                  <td className="p-2">
                    <Cell field={field} name={`lines.${i}.amount`} label={`${i + 1}行目 変更後の金額`} numeric />
                  </td>
                  <td className="p-2">
                    <button type="button" onClick={() => rows.remove(i)} className="text-dns-14N-130 text-key-800 underline" aria-label={`${i + 1}行目を削除`}>
                      削除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-dns-16N-130 text-solid-gray-700">
        明細をやめる場合は「削除」を押すか、その行の経費区分・内容・金額を空にします（空の行は含めません）。変更前の列は、変更前のその行の金額です。
      </p>
      <button type="button" onClick={() => rows.append(SPARE_ROW)} className={secondaryButtonClass}>
        明細を追加
      </button>
    </div>
  );
}

/** An input or select in a table cell, named by its label for screen readers, with its message under it. */
function Cell({
  field,
  name,
  label,
  numeric = false,
  options,
}: {
  field: Field;
  name: string;
  label: string;
  numeric?: boolean;
  options?: readonly (readonly [string, string])[];
}) {
  const { error, defaultValue, ...input } = field(name);
  const id = fieldId(name);
  const aria = { id, "aria-label": label, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
  return (
    <>
      {options ? (
        <select {...input} {...aria} defaultValue={defaultValue} className={inputClass}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...input}
          {...aria}
          defaultValue={defaultValue}
          inputMode={numeric ? "numeric" : undefined}
          className={`${inputClass} ${numeric ? "text-right" : ""}`}
        />
      )}
      {error ? (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The plan's parts: Menu 1's activities, ticked to carry out, each with its content; Menu 2's four parts. */
function PlanParts({ programme, base, field, register, watch }: EditorProps) {
  const was = new Map(base.plan.map((p) => [p.key, p.content]));
  if (programme !== "prefectural") {
    return (
      <fieldset className="space-y-3">
        <legend className="text-std-18B-160">事業の内容</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">事業の内容を変える場合は、その欄を書き換えます（承認が必要な変更になります）。</p>
        {MENU2_PLAN_FIELDS.map(([key, label]) => (
          <TextAreaField key={key} {...field(`plan.${key}.content`)} label={label} />
        ))}
      </fieldset>
    );
  }
  return (
    <fieldset className="space-y-3" id={fieldId("plan")} tabIndex={-1}>
      <legend className="text-std-18B-160">実施する事業</legend>
      <p className="text-dns-16N-130 text-solid-gray-700">
        活動の追加・取りやめや内容の変更は、承認が必要な変更になります。1 プラットフォームの構築は必須です。
      </p>
      {MENU1_ACTIVITIES.map((activity) => {
        const name = `plan.${activity.code}`;
        const ticked: unknown = watch(`${name}.selected`);
        const selected = activity.code === "platform" || ticked === "on" || ticked === true;
        return (
          <div key={activity.code} className="space-y-2 rounded-8 border border-solid-gray-420 p-4">
            {activity.code === "platform" ? (
              <p className="text-std-16B-170">
                {activity.label} {activity.name}（必須）
              </p>
            ) : (
              <label className="flex items-start gap-2 text-std-16B-170">
                <input
                  type="checkbox"
                  value="on"
                  {...register(`${name}.selected`)}
                  defaultChecked={field(`${name}.selected`).defaultValue === "on"}
                  className="mt-1 size-5 shrink-0"
                />
                <span>
                  {activity.label} {activity.name}
                  {selected && !was.has(activity.code) ? "（追加）" : !selected && was.has(activity.code) ? "（取りやめ）" : ""}
                </span>
              </label>
            )}
            {selected ? <TextAreaField {...field(`${name}.content`)} label={`${activity.label} の内容`} required /> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The buttons: a minor change is filed as such (or, if the applicant prefers, asked for approval); a change that
 * needs approval only as a 変更交付申請. Each button posts to its step's page, whichever page the form is on.
 */
export function ChangeSubmit({ applicationId, programme, base, watch }: { applicationId: number; programme: Programme; base: ChangeBase; watch: FormWatch }) {
  const assessment = useTypedChange({ programme, base, watch });
  const changed = assessment.budgetChanged || assessment.planEdits.length > 0;
  const minor = changed && assessment.needsApproval.length === 0;
  const to = (step: string) => `/applications/${applicationId}/steps/${step}`;
  const request = (
    <button type="submit" formAction={to("request_change")} className={minor ? secondaryButtonClass : primaryButtonClass}>
      {minor ? "変更交付申請として提出する（承認を求める）" : "変更交付申請を提出する"}
    </button>
  );
  return (
    <div className="flex flex-wrap items-center gap-4">
      {minor ? (
        <button type="submit" formAction={to("notify_minor_change")} className={primaryButtonClass}>
          軽微な変更として届け出る
        </button>
      ) : null}
      {request}
    </div>
  );
}
