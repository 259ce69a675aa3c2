import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { fieldId, inputClass } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { PrefectureChecklist } from "~/components/prefecture-checklist";
import { PRODUCT_NAME } from "~/components/site-header";
import { tidyYenInput } from "~/domain/money";
import {
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_NAMES,
  findProgrammeParameters,
  MENU1_ACTIVITIES,
  PROGRAMME_NAMES,
  PROGRAMMES,
} from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { formValues, readForm } from "~/forms/read-form";
import {
  applyIntent,
  EMPTY_LINE,
  initialSimulatorValues,
  MAX_FORM_LINES,
  readSimulatorValues,
  simulate,
  SimulatorValuesSchema,
  type SimulatorValues,
} from "~/forms/simulator";
import { listProgrammeParameters } from "~/models/programme-parameters.server";

export const meta: MetaFunction = () => [
  { title: `交付額シミュレーター | ${PRODUCT_NAME}` },
  { name: "description", content: "孤独・孤立対策推進交付金の交付額を、予算の内訳から試算できます。ログインは不要です。" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  return { parameters: await listProgrammeParameters(context.db) };
}

/**
 * Without JavaScript the form posts here: read with the form's schema, a row added or removed as the
 * button asks, and the page shown again with the figures recomputed from the values. Nothing is stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  const posted = formValues(await request.formData());
  const read = await readForm(SimulatorValuesSchema, posted);
  // The schema keeps whatever was typed and never refuses; the fallback only satisfies the type.
  const values = read.ok ? read.value : initialSimulatorValues();
  return { values: applyIntent(values, posted.intent) };
}

const messageId = (path: string) => `${fieldId(path)}-message`;

function FieldMessage({ path, messages }: { path: string; messages: Record<string, string> }) {
  const message = messages[path];
  if (!message) return null;
  return (
    <p id={messageId(path)} className="mt-1 text-dns-16N-130 text-error-2">
      {message}
    </p>
  );
}

/** aria attributes that tie a field to its message, when it has one. */
function described(path: string, messages: Record<string, string>) {
  return messages[path]
    ? { "aria-invalid": true as const, "aria-describedby": messageId(path) }
    : { "aria-invalid": false as const };
}

export default function Simulator() {
  const { parameters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // What the page starts with: the values posted without JavaScript, or the usual empty budget.
  const [defaults] = useState<SimulatorValues>(() => actionData?.values ?? initialSimulatorValues());
  const { register, control, setValue, watch } = useForm<SimulatorValues>({ defaultValues: defaults });
  const { fields: lines, append, remove } = useFieldArray({ control, name: "lines" });
  // The figures are live: every change re-reads the form with its schema and runs the rules again.
  const values = readSimulatorValues(watch());
  const { result, findings, fieldMessages } = simulate(values, parameters);

  const years = [...new Set(parameters.map((p) => p.fiscalYear))];
  const selectedParameters = findProgrammeParameters(parameters, Number(values.fiscalYear), values.program);
  const menu1 = values.program === "prefectural";

  /** An amount field: tidied into the usual form ("1,200,000") when the person leaves it. */
  const amount = (name: "otherIncome" | "requestedAmount" | `lines.${number}.amount`) =>
    register(name, { onBlur: (e: { target: { value: string } }) => setValue(name, tidyYenInput(e.target.value)) });
  const toggle = (list: readonly string[], value: string, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-std-32B-150">交付額シミュレーター</h1>
        <p className="max-w-3xl">
          予算の内訳と収入を入力すると、交付額と自己負担額を試算します。入力内容はこの画面の中だけで計算され、保存されません。
          ログインは不要です。
        </p>
      </header>

      <Form
        method="post"
        noValidate
        className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
        onSubmit={(event) => {
          // With JavaScript the figures are already live; the button only matters without it.
          event.preventDefault();
          document.getElementById("result-heading")?.focus();
        }}
      >
        <div className="space-y-8">
          <fieldset className="space-y-3">
            <legend className="mb-2 text-std-20B-150">事業区分と年度</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {PROGRAMMES.map((programme) => (
                <label key={programme} className="flex items-center gap-2">
                  <input
                    type="radio"
                    {...register("program")}
                    value={programme}
                    defaultChecked={defaults.program === programme}
                    className="size-5"
                  />
                  {PROGRAMME_NAMES[programme]}
                </label>
              ))}
            </div>
            <div className="max-w-xs">
              <label htmlFor="fiscalYear" className="block text-std-16B-170">
                年度
              </label>
              <select id="fiscalYear" {...register("fiscalYear")} defaultValue={defaults.fiscalYear} className={inputClass}>
                {years.map((year) => (
                  <option key={year} value={year}>
                    {fiscalYearLabel(year)}
                  </option>
                ))}
              </select>
            </div>
            <noscript>
              <p className="text-dns-16N-130 text-solid-gray-700">
                事業区分や年度を切り替えたときは「再計算する」を押すと、入力欄と結果が切り替わります。
              </p>
            </noscript>
          </fieldset>

          {menu1 ? (
            <fieldset className="space-y-2" aria-describedby={fieldMessages.activities ? messageId("activities") : undefined}>
              <legend className="mb-2 text-std-20B-150">実施する事業</legend>
              <p className="text-dns-16N-130 text-solid-gray-700">
                プラットフォームの構築は必須です。①～⑩から2つ以上を選んでください。
              </p>
              <Controller
                control={control}
                name="activities"
                render={({ field }) => (
                  <ul id={fieldId("activities")} tabIndex={-1} className="grid gap-1 sm:grid-cols-2">
                    {MENU1_ACTIVITIES.map((activity) => (
                      <li key={activity.code}>
                        <label className="flex items-start gap-2">
                          <input
                            type="checkbox"
                            name={field.name}
                            value={activity.code}
                            checked={values.activities.includes(activity.code)}
                            onChange={(e) => field.onChange(toggle(values.activities, activity.code, e.target.checked))}
                            onBlur={field.onBlur}
                            className="mt-1 size-5 shrink-0"
                          />
                          <span>
                            {activity.code === "platform" ? "" : `${activity.label} `}
                            {activity.name}
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              />
              <FieldMessage path="activities" messages={fieldMessages} />
            </fieldset>
          ) : (
            <fieldset className="space-y-3">
              <legend className="mb-2 text-std-20B-150">活動区域</legend>
              <p className="text-dns-16N-130 text-solid-gray-700">
                メニュー2は原則として複数の都道府県にまたがる区域で行います。活動する都道府県をすべて選んでください。
              </p>
              <div id={fieldId("areaPrefectures")} tabIndex={-1}>
                <Controller
                  control={control}
                  name="areaPrefectures"
                  render={({ field }) => <PrefectureChecklist selected={values.areaPrefectures} onChange={field.onChange} />}
                />
                <FieldMessage path="areaPrefectures" messages={fieldMessages} />
              </div>
              <div>
                <label htmlFor={fieldId("areaJustification")} className="block text-std-16B-170">
                  1つの都道府県で行う理由（該当する場合）
                </label>
                <textarea
                  id={fieldId("areaJustification")}
                  {...register("areaJustification")}
                  rows={3}
                  defaultValue={defaults.areaJustification}
                  className={inputClass}
                  {...described("areaJustification", fieldMessages)}
                />
                <FieldMessage path="areaJustification" messages={fieldMessages} />
              </div>
            </fieldset>
          )}

          <fieldset className="space-y-3">
            <legend className="mb-2 text-std-20B-150">所要額の内訳</legend>
            <p className="text-dns-16N-130 text-solid-gray-700">
              金額は円単位で入力します。全角数字、カンマ、「円」も使えます（例：１，２００，０００円）。空の行は計算に含めません。
            </p>
            <div id={fieldId("lines")} tabIndex={-1} className="space-y-4">
              {lines.map((line, row) => (
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
                        {...described(`lines.${row}.category`, fieldMessages)}
                      >
                        <option value="">選択してください</option>
                        {EXPENSE_CATEGORIES.map((category) => (
                          <option key={category} value={category}>
                            {EXPENSE_CATEGORY_NAMES[category]}
                          </option>
                        ))}
                      </select>
                      <FieldMessage path={`lines.${row}.category`} messages={fieldMessages} />
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
                          {...described(`lines.${row}.activity`, fieldMessages)}
                        >
                          <option value="">選択してください</option>
                          {MENU1_ACTIVITIES.map((activity) => (
                            <option key={activity.code} value={activity.code}>
                              {activity.code === "platform" ? "プラットフォームの構築" : `${activity.label} ${activity.name}`}
                            </option>
                          ))}
                        </select>
                        <FieldMessage path={`lines.${row}.activity`} messages={fieldMessages} />
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
                        {...described(`lines.${row}.amount`, fieldMessages)}
                      />
                      <FieldMessage path={`lines.${row}.amount`} messages={fieldMessages} />
                    </div>
                  </div>
                  <button
                    type="submit"
                    name="intent"
                    value={`remove-line:${row}`}
                    formNoValidate
                    onClick={(e) => {
                      e.preventDefault();
                      remove(row);
                    }}
                    className="mt-3 text-dns-16N-130 text-key-800 underline"
                  >
                    明細 {row + 1} を削除
                  </button>
                </fieldset>
              ))}
            </div>
            <FieldMessage path="lines" messages={fieldMessages} />
            <button
              type="submit"
              name="intent"
              value="add-line"
              disabled={lines.length >= MAX_FORM_LINES}
              onClick={(e) => {
                e.preventDefault();
                append({ ...EMPTY_LINE }, { shouldFocus: false });
              }}
              className="rounded-8 border border-key-800 px-4 py-2 text-key-800 hover:bg-key-50"
            >
              明細を1行追加
            </button>
          </fieldset>

          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-std-20B-150">収入と申請額</legend>
            <div>
              <label htmlFor={fieldId("otherIncome")} className="block text-std-16B-170">
                寄付金その他の収入額（円）
              </label>
              <input
                id={fieldId("otherIncome")}
                {...amount("otherIncome")}
                inputMode="numeric"
                autoComplete="off"
                placeholder="0"
                defaultValue={defaults.otherIncome}
                className={`${inputClass} text-right`}
                {...described("otherIncome", fieldMessages)}
              />
              <FieldMessage path="otherIncome" messages={fieldMessages} />
            </div>
            <div>
              <label htmlFor={fieldId("requestedAmount")} className="block text-std-16B-170">
                交付申請額（円・任意）
              </label>
              <input
                id={fieldId("requestedAmount")}
                {...amount("requestedAmount")}
                inputMode="numeric"
                autoComplete="off"
                placeholder="空欄なら交付額の上限"
                defaultValue={defaults.requestedAmount}
                className={`${inputClass} text-right`}
                {...described("requestedAmount", fieldMessages)}
              />
              <FieldMessage path="requestedAmount" messages={fieldMessages} />
            </div>
          </fieldset>

          <button type="submit" name="intent" value="recalculate" className="rounded-8 bg-key-800 px-6 py-3 text-std-16B-170 text-white hover:bg-key-900">
            再計算する
          </button>
        </div>

        <GrantSummary
          title="試算結果"
          result={result}
          findings={findings}
          menu1={menu1}
          missingParameters={!selectedParameters}
        />
      </Form>
    </div>
  );
}
