import type { UseFieldArrayReturn, UseFormRegister, UseFormRegisterReturn } from "react-hook-form";
import { fieldId, inputClass } from "~/components/forms";
import { EXPENSE_CATEGORIES, EXPENSE_CATEGORY_NAMES, MENU1_ACTIVITIES } from "~/domain/programmes";
import { EMPTY_LINE, MAX_FORM_LINES, type SimulatorValues } from "~/forms/simulator";
import { described, FieldMessage } from "./field-message";

export type AmountField = "otherIncome" | "requestedAmount" | `lines.${number}.amount`;

/** 所要額の内訳: one box per budget line, each with its category, activity (Menu 1), content and amount. */
export function BudgetLines({
  form: { register, menu1 },
  lines,
  values,
  messages,
  amount,
}: {
  form: { register: UseFormRegister<SimulatorValues>; menu1: boolean };
  lines: UseFieldArrayReturn<SimulatorValues, "lines">;
  values: SimulatorValues;
  messages: Record<string, string>;
  amount: (name: AmountField) => UseFormRegisterReturn;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-std-20B-150">所要額の内訳</legend>
      <p className="text-dns-16N-130 text-solid-gray-700">
        金額は円単位で入力します。全角数字、カンマ、「円」も使えます（例：１，２００，０００円）。空の行は計算に含めません。
      </p>
      <div id={fieldId("lines")} tabIndex={-1} className="space-y-4">
        {lines.fields.map((line, row) => (
          <fieldset key={line.id} className="rounded-8 border border-solid-gray-420 p-4">
            <legend className="px-1 text-std-16B-170">明細 {row + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor={fieldId(`lines.${row}.category`)} className="block text-dns-16B-130">
                  経費区分
                </label>
                <select
                  id={fieldId(`lines.${row}.category`)}
                  {...register(`lines.${row}.category`)}
                  defaultValue={line.category}
                  className={inputClass}
                  {...described(`lines.${row}.category`, messages)}
                >
                  <option value="">選択してください</option>
                  {EXPENSE_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {EXPENSE_CATEGORY_NAMES[category]}
                    </option>
                  ))}
                </select>
                <FieldMessage path={`lines.${row}.category`} messages={messages} />
              </div>
              {menu1 ? (
                <div>
                  <label htmlFor={fieldId(`lines.${row}.activity`)} className="block text-dns-16B-130">
                    活動
                  </label>
                  <select
                    id={fieldId(`lines.${row}.activity`)}
                    {...register(`lines.${row}.activity`)}
                    defaultValue={values.lines[row]?.activity ?? line.activity}
                    className={inputClass}
                    {...described(`lines.${row}.activity`, messages)}
                  >
                    <option value="">選択してください</option>
                    {MENU1_ACTIVITIES.map((activity) => (
                      <option key={activity.code} value={activity.code}>
                        {activity.code === "platform" ? "プラットフォームの構築" : `${activity.label} ${activity.name}`}
                      </option>
                    ))}
                  </select>
                  <FieldMessage path={`lines.${row}.activity`} messages={messages} />
                </div>
              ) : (
                // Menu 2 lines have no activity; what was chosen under Menu 1 is kept in case of a switch back.
                <input type="hidden" name={`lines.${row}.activity`} value="" />
              )}
              <div>
                <label htmlFor={fieldId(`lines.${row}.description`)} className="block text-dns-16B-130">
                  内容
                </label>
                <input
                  id={fieldId(`lines.${row}.description`)}
                  {...register(`lines.${row}.description`)}
                  defaultValue={line.description}
                  className={inputClass}
                />
              </div>
              <div>
                <label htmlFor={fieldId(`lines.${row}.amount`)} className="block text-dns-16B-130">
                  金額（円）
                </label>
                <input
                  id={fieldId(`lines.${row}.amount`)}
                  {...amount(`lines.${row}.amount`)}
                  inputMode="numeric"
                  autoComplete="off"
                  defaultValue={line.amount}
                  className={`${inputClass} text-right`}
                  {...described(`lines.${row}.amount`, messages)}
                />
                <FieldMessage path={`lines.${row}.amount`} messages={messages} />
              </div>
            </div>
            <button
              type="submit"
              name="intent"
              value={`remove-line:${row}`}
              formNoValidate
              onClick={(e) => {
                e.preventDefault();
                lines.remove(row);
              }}
              className="mt-3 text-dns-16N-130 text-key-800 underline"
            >
              明細 {row + 1} を削除
            </button>
          </fieldset>
        ))}
      </div>
      <FieldMessage path="lines" messages={messages} />
      <button
        type="submit"
        name="intent"
        value="add-line"
        disabled={lines.fields.length >= MAX_FORM_LINES}
        onClick={(e) => {
          e.preventDefault();
          lines.append({ ...EMPTY_LINE }, { shouldFocus: false });
        }}
        className="rounded-8 border border-key-800 px-4 py-2 text-key-800 hover:bg-key-50"
      >
        明細を1行追加
      </button>
    </fieldset>
  );
}
