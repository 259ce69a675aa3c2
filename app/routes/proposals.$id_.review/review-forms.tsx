import { Form } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { ErrorSummary, fieldId, inputClass, primaryButtonClass, TextAreaField, TextField } from "~/components/forms";
import { AgreementSchema } from "~/domain/contracts";
import { formatYen } from "~/domain/money";
import { SCORE_MAX, SCORE_MIN } from "~/domain/selection";
import { reviewSchema, SelectionSchema } from "~/forms/selection";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { Criteria } from "./scores-table";

/**
 * The reviewer's three forms on a proposal: the review (scores or a conflict), the selection, and the
 * contract's terms once selected. The page holds them together; a refused post comes back to the form it
 * came from (`result.form`) with what was typed.
 */

export type ReviewActionResult = { form: "review" | "selection" | "contract"; errors: HookFormErrors; values: FieldValues };
/** What a form reads of a refused post (its messages reach the fields through the form library). */
type Returned = Pick<ReviewActionResult, "form" | "values">;

/** Only the messages of this form's own fields (the page has two forms). */
const ownErrors = (errors: Record<string, string>, fields: readonly string[]) =>
  Object.fromEntries(Object.entries(errors).filter(([name]) => fields.some((f) => name === f || name.startsWith(`${f}.`))));

export function ReviewForm({ criteria, result }: { criteria: Criteria; result?: Returned }) {
  const values = result?.form === "review" ? result.values : { conflict: "no" };
  const { formRef, onSubmit, errors, field, register, watch } = useValidatedForm(reviewSchema(criteria), values);
  const shown = ownErrors(errors, ["form", "conflict", "conflictReason", "comment", "scores"]);
  const conflict = watch("conflict") ?? values.conflict;
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5">
      <input type="hidden" name="intent" value="review" />
      <ErrorSummary errors={shown} />
      <fieldset className="space-y-2">
        <legend className="text-std-16B-170">利益相反</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="no" {...register("conflict")} defaultChecked={values.conflict !== "yes"} className="size-5" />
          利益相反はありません（採点します）
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" value="yes" {...register("conflict")} defaultChecked={values.conflict === "yes"} className="size-5" />
          利益相反があります（この提案を採点せず、ほかの審査担当者の採点も見ません）
        </label>
      </fieldset>
      <TextAreaField {...field("conflictReason")} label="利益相反の内容（利益相反がある場合）" rows={2} />
      {conflict === "yes" ? null : (
        <>
          {criteria.map((c, i) => (
            <fieldset key={c.position} className="space-y-2 rounded-8 border border-solid-gray-420 p-4">
              <legend className="px-1 text-std-16B-170">
                {c.name}（配点 {c.weight}）
              </legend>
              <div className="space-y-1">
                <label htmlFor={fieldId(`scores.${i}.score`)} className="block">
                  点数（{SCORE_MIN}〜{SCORE_MAX}）
                </label>
                <select
                  id={fieldId(`scores.${i}.score`)}
                  {...register(`scores.${i}.score`)}
                  defaultValue={field(`scores.${i}.score`).defaultValue}
                  aria-invalid={shown[`scores.${i}.score`] ? true : undefined}
                  aria-describedby={shown[`scores.${i}.score`] ? `${fieldId(`scores.${i}.score`)}-error` : undefined}
                  className={`${inputClass} max-w-40`}
                >
                  <option value="">選んでください</option>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
                {shown[`scores.${i}.score`] ? (
                  <p id={`${fieldId(`scores.${i}.score`)}-error`} className="text-error-2">
                    {shown[`scores.${i}.score`]}
                  </p>
                ) : null}
              </div>
              <TextAreaField {...field(`scores.${i}.comment`)} label="所見" rows={2} />
            </fieldset>
          ))}
          <TextAreaField {...field("comment")} label="総合所見" rows={3} />
        </>
      )}
      <p className="text-dns-16N-130">提出した採点は変更できません。</p>
      <button type="submit" className={primaryButtonClass}>
        {conflict === "yes" ? "利益相反を申告する" : "採点を提出する"}
      </button>
    </Form>
  );
}

export function SelectionForm({ totalAmount, budget, result }: { totalAmount: number; budget: { total: number; selected: number }; result?: Returned }) {
  const values = result?.form === "selection" ? result.values : { outcome: "selected", contractAmount: totalAmount.toLocaleString("ja-JP") };
  const { formRef, onSubmit, errors, field, register } = useValidatedForm(SelectionSchema, values);
  const shown = ownErrors(errors, ["form", "outcome", "contractAmount", "reason"]);
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <input type="hidden" name="intent" value="selection" />
      <ErrorSummary errors={shown} />
      <p>
        予算総額 {formatYen(budget.total)} のうち、採択済みの契約額は {formatYen(budget.selected)}、残りは {formatYen(budget.total - budget.selected)} です。
      </p>
      <fieldset className="space-y-2">
        <legend className="text-std-16B-170">結果</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="selected" {...register("outcome")} defaultChecked={values.outcome !== "not_selected"} className="size-5" />
          採択する
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" value="not_selected" {...register("outcome")} defaultChecked={values.outcome === "not_selected"} className="size-5" />
          採択しない
        </label>
      </fieldset>
      <TextField {...field("contractAmount")} label="契約額（円・採択する場合）" hint={`提案額 ${formatYen(totalAmount)} 以下`} inputMode="numeric" />
      <TextAreaField {...field("reason")} label="理由（提案団体に通知します）" required rows={3} />
      <button type="submit" className={primaryButtonClass}>
        決定して通知する
      </button>
    </Form>
  );
}

export function AgreementForm({ amount, result }: { amount: number; result?: Returned }) {
  const values = result?.form === "contract" ? result.values : {};
  const { formRef, onSubmit, errors, field } = useValidatedForm(AgreementSchema, values);
  const shown = ownErrors(errors, ["form", "periodFrom", "periodTo", "deliverables"]);
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="max-w-3xl space-y-4">
      <input type="hidden" name="intent" value="contract" />
      <ErrorSummary errors={shown} />
      <p>契約額は採択時に決めた {formatYen(amount)} です（委託費・全額）。</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...field("periodFrom")} label="契約期間の開始日" type="date" required />
        <TextField {...field("periodTo")} label="契約期間の終了日" type="date" required />
      </div>
      <TextAreaField {...field("deliverables")} label="成果物" required rows={3} />
      <button type="submit" className={primaryButtonClass}>
        委託契約を締結する
      </button>
    </Form>
  );
}
