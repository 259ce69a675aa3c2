import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { ErrorSummary, fieldId, inputClass, Notice, primaryButtonClass, TextAreaField, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { formatYen } from "~/domain/money";
import { SCORE_MAX, SCORE_MIN } from "~/domain/selection";
import { formatWarekiDateTime } from "~/domain/wareki";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { reviewSchema, SelectionSchema } from "~/forms/selection";
import { useValidatedForm } from "~/forms/use-validated-form";
import { agreeContract, contractOfProposal } from "~/models/contracts.server";
import { decideSelection, proposalForReview, submitReview } from "~/models/selection.server";
import { AgreementSchema } from "~/domain/contracts";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `採点：${data?.proposal.organisation ?? "企画提案"} | ${PRODUCT_NAME}` }];

/** GET /proposals/:id/review — a submitted proposal as a reviewer assigned to its call scores and selects it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:proposal:any");
  const found = await proposalForReview(context.db, viewer, idParam(params, "id"));
  if (!found) notFound();
  return { ...found, contractId: await contractOfProposal(context.db, found.proposal.id) };
}

type ActionResult = { form: "review" | "selection" | "contract"; errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:proposal:any");
  const id = idParam(params, "id");
  const found = await proposalForReview(context.db, viewer, id);
  if (!found) notFound();
  const values = formValues(await postedForm(request));
  const which = values.intent === "selection" ? "selection" : values.intent === "contract" ? "contract" : "review";
  const refuse = (errors: Record<string, string>, status: number) => data<ActionResult>({ form: which, errors: nestErrors(errors), values }, { status });

  if (which === "contract") {
    const terms = await readForm(AgreementSchema, values);
    if (!terms.ok) return refuse(terms.errors, 400);
    const agreed = await agreeContract(context.db, viewer, context.clientIp, id, terms.value);
    if (agreed.status === "not-found") notFound();
    if (agreed.status !== "done") return refuse(agreed.status === "invalid" ? agreed.errors : { form: agreed.reason }, httpStatusOf(agreed));
    return redirect(`/contracts/${agreed.id}?notice=agreed`);
  }

  const parsed = which === "review" ? await readForm(reviewSchema(found.criteria), values) : await readForm(SelectionSchema, values);
  if (!parsed.ok) return refuse(parsed.errors, 400);
  const outcome =
    which === "review"
      ? await submitReview(context.db, viewer, context.clientIp, id, parsed.value as Parameters<typeof submitReview>[4])
      : await decideSelection(context.db, viewer, context.clientIp, id, parsed.value as Parameters<typeof decideSelection>[4]);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return refuse(outcome.errors, 400);
  if (outcome.status === "refused") return refuse({ form: outcome.reason }, httpStatusOf(outcome));
  return redirect(`/proposals/${id}/review?notice=${which}`);
}

const NOTICES: Record<string, string> = { review: "採点を提出しました。", selection: "採択・不採択を決定し、提案団体に通知しました。" };

export default function ProposalReview() {
  const { proposal, criteria, own, maySee, others, scoredBy, selection, budget, contractId } = useLoaderData<typeof loader>();
  const notice = NOTICES[useSearchParams()[0].get("notice") ?? ""];
  return (
    <div className="space-y-8">
      <p className="flex flex-wrap gap-4">
        <Link to={`/calls/${proposal.callId}/review`} className="text-key-800 underline">
          審査の状況に戻る
        </Link>
        <Link to={`/proposals/${proposal.id}/versions/${proposal.version}`} className="text-key-800 underline">
          企画提案（第{proposal.version}版）を読む
        </Link>
      </p>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <div className="space-y-1">
        <h1 className="text-std-32B-150 break-words">{proposal.organisation}の企画提案</h1>
        <p className="text-solid-gray-700 break-words">
          {proposal.callTitle}・提案額 {formatYen(proposal.totalAmount)}
        </p>
      </div>

      <section aria-labelledby="own-review" className="space-y-4">
        <h2 id="own-review" className="text-std-24B-150">
          あなたの採点
        </h2>
        {own ? (
          <OwnReview own={own} criteria={criteria} />
        ) : proposal.state === "submitted" ? (
          <ReviewForm criteria={criteria} />
        ) : (
          <p>採択・不採択が決まったため、採点は締め切りました。</p>
        )}
      </section>

      <section aria-labelledby="others" className="space-y-3">
        <h2 id="others" className="text-std-24B-150">
          ほかの審査担当者の採点
        </h2>
        {maySee ? (
          others.length === 0 ? (
            <p>ほかの審査担当者の採点はまだありません。</p>
          ) : (
            <ScoresTable criteria={criteria} reviews={others} />
          )
        ) : (
          <p>{own?.conflict ? "利益相反を申告したため、この提案の採点は表示されません。" : `自分の採点を提出すると表示されます（採点済み ${scoredBy}人）。`}</p>
        )}
      </section>

      {selection?.selected ? (
        <section aria-labelledby="contract" className="space-y-3">
          <h2 id="contract" className="text-std-24B-150">
            委託契約
          </h2>
          {contractId ? (
            <Link to={`/contracts/${contractId}`} className="text-key-800 underline">
              委託契約を見る
            </Link>
          ) : (
            <AgreementForm amount={selection.contract_amount ?? 0} />
          )}
        </section>
      ) : null}

      <section aria-labelledby="selection" className="space-y-3">
        <h2 id="selection" className="text-std-24B-150">
          採択・不採択
        </h2>
        {selection ? (
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="text-solid-gray-700">結果</dt>
            <dd>{selection.selected ? "採択" : "不採択"}</dd>
            {selection.contract_amount === null ? null : (
              <>
                <dt className="text-solid-gray-700">契約額</dt>
                <dd className="tabular-nums">{formatYen(selection.contract_amount)}</dd>
              </>
            )}
            <dt className="text-solid-gray-700">理由</dt>
            <dd className="whitespace-pre-wrap break-words">{selection.reason}</dd>
            <dt className="text-solid-gray-700">決定日時</dt>
            <dd>{formatWarekiDateTime(selection.decided_at)}</dd>
            <dt className="text-solid-gray-700">通知書</dt>
            <dd>
              <a href={`/proposals/${proposal.id}/selection-notice`} className="text-key-800 underline">
                {selection.selected ? "採択通知書" : "不採択通知書"}（PDF）
              </a>
            </dd>
          </dl>
        ) : own?.conflict ? (
          <p>利益相反を申告した提案の採択・不採択は、ほかの審査担当者が決めます。</p>
        ) : (
          <SelectionForm totalAmount={proposal.totalAmount} budget={budget} />
        )}
      </section>
    </div>
  );
}

type Criteria = ReturnType<typeof useLoaderData<typeof loader>>["criteria"];
type ReviewRow = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["own"]>;

/** Only the messages of this form's own fields (the page has two forms). */
const ownErrors = (errors: Record<string, string>, fields: readonly string[]) =>
  Object.fromEntries(Object.entries(errors).filter(([name]) => fields.some((f) => name === f || name.startsWith(`${f}.`))));

function ReviewForm({ criteria }: { criteria: Criteria }) {
  const actionData = useActionData<typeof action>();
  const values = actionData?.form === "review" ? actionData.values : { conflict: "no" };
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

function OwnReview({ own, criteria }: { own: ReviewRow; criteria: Criteria }) {
  if (own.conflict) return <p className="break-words">利益相反を申告しました：{own.comment}</p>;
  return <ScoresTable criteria={criteria} reviews={[own]} />;
}

function ScoresTable({ criteria, reviews }: { criteria: Criteria; reviews: readonly ReviewRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] border-collapse text-left">
        <caption className="sr-only">評価項目ごとの点数と所見</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            <th scope="col" className="py-2 pr-3">
              評価項目
            </th>
            {reviews.map((r) => (
              <th key={r.reviewerId} scope="col" className="py-2 pr-3">
                {r.reviewerName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.position} className="border-b border-solid-gray-200 align-top">
              <th scope="row" className="py-2 pr-3 font-normal">
                {c.name}（{c.weight}）
              </th>
              {reviews.map((r) => (
                <td key={r.reviewerId} className="py-2 pr-3">
                  <span className="font-bold tabular-nums">{r.scores[c.position]}</span>
                  {r.comments[c.position] ? <span className="block break-words text-dns-14N-130">{r.comments[c.position]}</span> : null}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-2 pr-3 font-normal">
              総合所見
            </th>
            {reviews.map((r) => (
              <td key={r.reviewerId} className="py-2 pr-3 break-words">
                {r.comment || "—"}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function SelectionForm({ totalAmount, budget }: { totalAmount: number; budget: { total: number; selected: number } }) {
  const actionData = useActionData<typeof action>();
  const values = actionData?.form === "selection" ? actionData.values : { outcome: "selected", contractAmount: totalAmount.toLocaleString("ja-JP") };
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

function AgreementForm({ amount }: { amount: number }) {
  const actionData = useActionData<typeof action>();
  const values = actionData?.form === "contract" ? actionData.values : {};
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
