import { Form } from "@remix-run/react";
import type { FieldValues } from "react-hook-form";
import { DOCUMENT_KINDS } from "~/domain/document-settings";
import { DeadlineExtensionSchema, DOCUMENT_KIND_NAMES, DocumentSettingsSchema, ProgrammeYearSchema } from "~/forms/programme-year";
import { useValidatedForm } from "~/forms/use-validated-form";
import { ErrorSummary, fieldId, inputClass, primaryButtonClass, TextField } from "./forms";

/**
 * The administrator's forms of a programme-year. Each is read by the server with the same schema; a refused
 * form comes back with what was typed (`values`) and the messages, shown at their fields.
 */

export function ProgrammeParametersForm({ values, inUse }: { values: FieldValues; inUse: boolean }) {
  const { formRef, onSubmit, errors, field } = useValidatedForm(ProgrammeYearSchema, values);
  const fixed = inUse ? { readOnly: true, hint: "提出された申請があるため変更できません。" } : {};
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <ErrorSummary errors={errors} />
      <fieldset className="space-y-4">
        <legend className="text-std-20B-150">交付額の計算</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("rateNumerator")} {...fixed} label="交付率（分子）" inputMode="numeric" required />
          <TextField {...field("rateDenominator")} {...fixed} label="交付率（分母）" inputMode="numeric" required />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("baseAmount")} {...fixed} label="交付基準額（円）" inputMode="numeric" required />
          <TextField
            {...field("ceiling")}
            {...fixed}
            label="交付上限額（円）"
            inputMode="numeric"
            required
            hint={inUse ? fixed.hint : "交付基準額×交付率と同じ額（1円単位）にします。"}
          />
        </div>
        <TextField
          {...field("assetRestrictionThreshold")}
          {...fixed}
          label="財産処分制限の基準額（円）"
          inputMode="numeric"
          required
          hint={inUse ? fixed.hint : "この額以上の備品費に警告を出します。"}
        />
        <TextField {...field("programmeBudget")} label="予算額（円）" inputMode="numeric" required hint="交付決定の合計はこの額を超えられません。" />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-std-20B-150">受付期間（日本時間）</legend>
        <p id="window-hint" className="text-dns-14N-130 text-solid-gray-700">
          未定のときは両方とも空欄にします。終了日時を過ぎた提出は、締切を延長した組織のものだけ受け付けます。
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("opensAt")} label="受付開始日時" type="datetime-local" />
          <TextField {...field("closesAt")} label="受付終了日時" type="datetime-local" />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-std-20B-150">実績報告の期限</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("reportDueDays")} label="事業完了後の日数" inputMode="numeric" hint="空欄のときは完了の1か月後（交付要綱のとおり）。" />
          <TextField {...field("reportLatestMonthDay")} label="最終期限（翌年の月-日）" required hint="例：04-10（年度の翌年4月10日）" />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-std-20B-150">審査の目安（規則ではなく審査の補助です）</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            {...field("changeThresholdPercent")}
            label="変更交付申請が必要となる増減（%）"
            inputMode="numeric"
            required
            hint="経費区分ごとの増減がこの割合を超えると変更交付申請が必要です（通常20%）。"
          />
          <TextField
            {...field("outsourcingWarningPercent")}
            label="委託費割合の警告（%）"
            inputMode="numeric"
            required
            hint="委託費が対象経費のこの割合を超えると警告します（通常50%）。"
          />
        </div>
      </fieldset>
      <button type="submit" className={primaryButtonClass}>
        交付要件を保存する
      </button>
    </Form>
  );
}

export function DocumentSettingsForm({ values }: { values: FieldValues }) {
  const { formRef, onSubmit, errors, field, register } = useValidatedForm(DocumentSettingsSchema, values);
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary errors={errors} />
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <TextField {...field("signatoryTitle")} label="署名者の官職" required hint="通知の発信者、申請書の宛先として印字します。" />
        <TextField {...field("signatoryName")} label="署名者の氏名" hint="空欄のときは官職のみを印字します。" />
        <TextField {...field("documentNumberPrefix")} label="文書番号の記号" required hint="「府孤」なら 府孤第N号 と印字します。" />
        <div className="flex items-center gap-2 self-end pb-2">
          <input
            id={fieldId("sealOmitted")}
            type="checkbox"
            // Posted with the form as it stands; the schema reads "on" or nothing.
            name="sealOmitted"
            defaultChecked={values.sealOmitted === "on"}
            className="size-5"
          />
          <label htmlFor={fieldId("sealOmitted")}>通知に「（公印省略）」を印字する</label>
        </div>
      </div>
      <table className="w-full max-w-4xl border-collapse text-left">
        <caption className="text-left text-std-16B-170">文書ごとの様式番号と交付要綱の条項（空欄のときは印字しません）</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            <th scope="col" className="py-2 pr-2">
              文書
            </th>
            <th scope="col" className="py-2 pr-2">
              様式番号
            </th>
            <th scope="col" className="py-2">
              交付要綱の条項
            </th>
          </tr>
        </thead>
        <tbody>
          {DOCUMENT_KINDS.map((kind) => {
            const error = errors[`forms.${kind}`] ?? errors[`articles.${kind}`];
            return (
              <tr key={kind} className="border-b border-solid-gray-200 align-top">
                <th scope="row" className="py-2 pr-2 font-normal">
                  {DOCUMENT_KIND_NAMES[kind]}
                </th>
                <td className="py-2 pr-2">
                  <input
                    id={fieldId(`forms.${kind}`)}
                    {...register(`forms.${kind}`)}
                    defaultValue={field(`forms.${kind}`).defaultValue}
                    aria-label={`${DOCUMENT_KIND_NAMES[kind]}の様式番号`}
                    aria-invalid={errors[`forms.${kind}`] ? true : undefined}
                    aria-describedby={error ? `documents-${kind}-error` : undefined}
                    maxLength={20}
                    className={inputClass}
                  />
                </td>
                <td className="py-2">
                  <input
                    id={fieldId(`articles.${kind}`)}
                    {...register(`articles.${kind}`)}
                    defaultValue={field(`articles.${kind}`).defaultValue}
                    aria-label={`${DOCUMENT_KIND_NAMES[kind]}が引用する交付要綱の条項`}
                    aria-invalid={errors[`articles.${kind}`] ? true : undefined}
                    aria-describedby={error ? `documents-${kind}-error` : undefined}
                    className={inputClass}
                  />
                  {error ? (
                    <p id={`documents-${kind}-error`} className="text-dns-16N-130 text-error-2">
                      {error}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className={primaryButtonClass}>
        文書の設定を保存する
      </button>
    </Form>
  );
}

export function DeadlineExtensionForm({ values, organisations }: { values: FieldValues; organisations: { id: number; name: string; programme: string }[] }) {
  const { formRef, onSubmit, errors, field, register } = useValidatedForm(DeadlineExtensionSchema, values);
  const orgError = errors.organisationId;
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <ErrorSummary errors={errors} />
      <div className="space-y-1">
        <label htmlFor={fieldId("organisationId")} className="block text-std-16B-170">
          組織
        </label>
        <select
          id={fieldId("organisationId")}
          {...register("organisationId")}
          defaultValue={field("organisationId").defaultValue}
          aria-invalid={orgError ? true : undefined}
          aria-describedby={orgError ? `${fieldId("organisationId")}-error` : undefined}
          className={inputClass}
        >
          <option value="">選んでください</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {orgError ? (
          <p id={`${fieldId("organisationId")}-error`} className="text-dns-16N-130 text-error-2">
            {orgError}
          </p>
        ) : null}
      </div>
      <TextField {...field("closesAt")} label="延長後の締切日時（日本時間）" type="datetime-local" required />
      <TextField {...field("reason")} label="延長の理由" required maxLength={1000} hint="組織の画面に表示されます。" />
      <button type="submit" className={primaryButtonClass}>
        締切を延長する
      </button>
    </Form>
  );
}
