import { Form } from "@remix-run/react";
import type { FieldValues } from "react-hook-form";
import { CALL_KIND_NAMES, CALL_KINDS, MAX_CRITERIA } from "~/domain/calls";
import { CallSchema } from "~/forms/call";
import { useValidatedForm } from "~/forms/use-validated-form";
import { ErrorSummary, fieldId, inputClass, primaryButtonClass, TextAreaField, TextField } from "./forms";

/**
 * The form of a call for proposals, to open one or to change one before it opens. The server reads it
 * with the same schema; a refused form comes back with what was typed (`values`) and the action's messages, shown at their fields.
 */
export function CallForm({ values, submitLabel }: { values: FieldValues; submitLabel: string }) {
  const { formRef, onSubmit, errors, field, register } = useValidatedForm(CallSchema, values);
  const criterionError = (i: number) => errors[`criteria.${i}.name`] ?? errors[`criteria.${i}.weight`];
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <ErrorSummary errors={errors} />
      <div className="space-y-1">
        <label htmlFor={fieldId("kind")} className="block text-std-16B-170">
          事業の種類
        </label>
        <select id={fieldId("kind")} {...register("kind")} defaultValue={field("kind").defaultValue} className={inputClass}>
          {CALL_KINDS.map((k) => (
            <option key={k} value={k}>
              {CALL_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </div>
      <TextField {...field("fiscalYear")} label="年度（西暦）" inputMode="numeric" required hint="例：2026（令和8年度）" />
      <TextField {...field("title")} label="公募名" required maxLength={200} />
      <TextAreaField {...field("description")} label="事業の概要" required rows={6} />
      <TextAreaField {...field("eligibility")} label="応募できる団体" required rows={3} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...field("opensAt")} label="公募開始日時（日本時間）" type="datetime-local" required />
        <TextField {...field("closesAt")} label="締切日時（日本時間）" type="datetime-local" required />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField {...field("ceilingPerProject")} label="1件あたりの上限額（円）" inputMode="numeric" required />
        <TextField {...field("totalBudget")} label="予算総額（円）" inputMode="numeric" required />
        <TextField {...field("projectsSought")} label="採択予定件数" inputMode="numeric" required />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-std-16B-170">評価項目と配点</legend>
        <p id="criteria-hint" className="text-dns-14N-130 text-solid-gray-700">
          評価者は各項目を1〜5点で採点し、配点で重み付けした平均で順位を付けます。使わない行は空欄のままにします（最大{MAX_CRITERIA}項目）。
        </p>
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="w-12 py-2">
                No.
              </th>
              <th scope="col" className="py-2">
                評価項目
              </th>
              <th scope="col" className="w-28 py-2">
                配点
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: MAX_CRITERIA }, (_, i) => (
              <tr key={i} className="border-b border-solid-gray-200 align-top">
                <td className="py-2 tabular-nums">{i + 1}</td>
                <td className="py-2 pr-2">
                  <input
                    id={fieldId(`criteria.${i}.name`)}
                    {...register(`criteria.${i}.name`)}
                    defaultValue={field(`criteria.${i}.name`).defaultValue}
                    aria-label={`${i + 1}行目の評価項目`}
                    aria-invalid={errors[`criteria.${i}.name`] ? true : undefined}
                    aria-describedby={criterionError(i) ? `criteria-${i}-error` : "criteria-hint"}
                    maxLength={100}
                    className={inputClass}
                  />
                  {criterionError(i) ? (
                    <p id={`criteria-${i}-error`} className="text-dns-16N-130 text-error-2">
                      {criterionError(i)}
                    </p>
                  ) : null}
                </td>
                <td className="py-2">
                  <input
                    id={fieldId(`criteria.${i}.weight`)}
                    {...register(`criteria.${i}.weight`)}
                    defaultValue={field(`criteria.${i}.weight`).defaultValue}
                    aria-label={`${i + 1}行目の配点`}
                    aria-invalid={errors[`criteria.${i}.weight`] ? true : undefined}
                    aria-describedby={criterionError(i) ? `criteria-${i}-error` : undefined}
                    inputMode="numeric"
                    className={inputClass}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <button type="submit" className={primaryButtonClass}>
        {submitLabel}
      </button>
    </Form>
  );
}
