import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { fieldId, inputClass } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { PrefectureChecklist } from "~/components/prefecture-checklist";
import { PRODUCT_NAME } from "~/components/site-header";
import { tidyYenInput } from "~/domain/money";
import { findProgrammeParameters, MENU1_ACTIVITIES, PROGRAMME_NAMES, PROGRAMMES } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { formValues, readForm } from "~/forms/read-form";
import { applyIntent, initialSimulatorValues, readSimulatorValues, simulate, SimulatorValuesSchema, type SimulatorValues } from "~/forms/simulator";
import { listProgrammeParameters } from "~/models/programme-parameters.server";
import { BudgetLines, type AmountField } from "./budget-lines";
import { described, FieldMessage, messageId } from "./field-message";
import { postedForm } from "~/utils/posted-form.server";
import { currentFiscalYearOf } from "~/utils/fiscal-year.server";

export const meta: MetaFunction = () => [
  { title: `交付額シミュレーター | ${PRODUCT_NAME}` },
  { name: "description", content: "孤独・孤立対策推進交付金の交付額を、予算の内訳から試算できます。ログインは不要です。" },
];

/** The year the simulator starts on: the current fiscal year, or the latest with parameters when it has none yet. */
function startingYear(parameters: readonly { fiscalYear: number }[], current: number): number {
  const years = parameters.map((p) => p.fiscalYear);
  return years.includes(current) || years.length === 0 ? current : Math.max(...years);
}

export async function loader({ context }: LoaderFunctionArgs) {
  const parameters = await listProgrammeParameters(context.db);
  return { parameters, fiscalYear: startingYear(parameters, currentFiscalYearOf(context)) };
}

/**
 * Without JavaScript the form posts here: read with the form's schema, a row added or removed as the
 * button asks, and the page shown again with the figures recomputed from the values. Nothing is stored.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const posted = formValues(await postedForm(request));
  const read = await readForm(SimulatorValuesSchema, posted);
  const fiscalYear = startingYear(await listProgrammeParameters(context.db), currentFiscalYearOf(context));
  // The schema keeps whatever was typed and never refuses; the fallback only satisfies the type.
  const values = read.ok ? read.value : initialSimulatorValues("prefectural", fiscalYear);
  return { values: applyIntent({ ...values, fiscalYear: values.fiscalYear || String(fiscalYear) }, posted.intent) };
}

export default function Simulator() {
  const { parameters, fiscalYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // What the page starts with: the values posted without JavaScript, or the usual empty budget.
  const [defaults] = useState<SimulatorValues>(() => actionData?.values ?? initialSimulatorValues("prefectural", fiscalYear));
  const { register, control, setValue, watch } = useForm<SimulatorValues>({ defaultValues: defaults });
  const lines = useFieldArray({ control, name: "lines" });
  // The figures are live: every change re-reads the form with its schema and runs the rules again.
  const values = readSimulatorValues(watch());
  const { result, findings, fieldMessages } = simulate(values, parameters);

  const years = [...new Set(parameters.map((p) => p.fiscalYear))];
  const selectedParameters = findProgrammeParameters(parameters, Number(values.fiscalYear), values.program);
  const menu1 = values.program === "prefectural";

  const form = { register, menu1 };
  /** An amount field: tidied into the usual form ("1,200,000") when the person leaves it. */
  const amount = (name: AmountField) => register(name, { onBlur: (e: { target: { value: string } }) => setValue(name, tidyYenInput(e.target.value)) });
  const toggle = (list: readonly string[], value: string, on: boolean) => (on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value));

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-std-32B-150">交付額シミュレーター</h1>
        <p className="max-w-3xl">
          予算の内訳と収入を入力すると、交付額と自己負担額を試算します。入力内容はこの画面の中だけで計算され、保存されません。 ログインは不要です。
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
                  <input type="radio" {...register("program")} value={programme} defaultChecked={defaults.program === programme} className="size-5" />
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
              <p className="text-dns-16N-130 text-solid-gray-700">事業区分や年度を切り替えたときは「再計算する」を押すと、入力欄と結果が切り替わります。</p>
            </noscript>
          </fieldset>

          {menu1 ? (
            <fieldset className="space-y-2" aria-describedby={fieldMessages.activities ? messageId("activities") : undefined}>
              <legend className="mb-2 text-std-20B-150">実施する事業</legend>
              <p className="text-dns-16N-130 text-solid-gray-700">プラットフォームの構築は必須です。①～⑩から2つ以上を選んでください。</p>
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

          <BudgetLines form={form} lines={lines} values={values} messages={fieldMessages} amount={amount} />

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

        <GrantSummary title="試算結果" result={result} findings={findings} menu1={menu1} missingParameters={!selectedParameters} />
      </Form>
    </div>
  );
}
