import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { takeStashedInput } from "~/auth/stash.server";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextField } from "~/components/forms";
import { LedgerFigures } from "~/components/proceedings-panel";
import { PRODUCT_NAME } from "~/components/site-header";
import { STEP_FORMS, type StepPageData } from "~/components/step-fields";
import { availableSteps, stepPermission } from "~/domain/application-lifecycle";
import { japanToday } from "~/domain/japan-time";
import { ledgerOf, settlementBalance } from "~/domain/ledger";
import { formatYen } from "~/domain/money";
import { categoriesMovedOverLimit, latestOf, openStatusReportRequest, type ProceedingRecord } from "~/domain/proceedings";
import { openClaims } from "~/domain/claims";
import { repaymentStanding } from "~/domain/subsidy-charges";
import { expenseCategoryName } from "~/domain/programmes";
import { isStepAction, STEPS, stepHeading, stepSchema, type StepAction } from "~/domain/steps";
import { fiscalYearLabel } from "~/domain/wareki";
import { formOf, formValues, nestErrors, readForm, typedValues } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { findApplicationForViewer } from "~/models/applications.server";
import { budgetStanding, proceedingsSummary, takeProceedingStep } from "~/models/proceedings.server";
import { payeeOf } from "~/models/organisations.server";
import { idParam } from "~/utils/route-params.server";
import { postedForm } from "~/utils/posted-form.server";

/**
 * /applications/:id/steps/:step — one step after submission (decide, reject, change, claim, report,
 * confirm, order back, record a payment, close) as its own form, read with the step's schema
 * (app/domain/steps/). Works without JavaScript; a field error comes back beside its field with everything
 * typed kept.
 */

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  // The steps are the applicant's and the reviewer's to take; an administrator reads the application only.
  const viewer = await requireAnyPermission(request, context, ["edit:application:own", "decide:application:any"]);
  const step = params.step;
  if (!isStepAction(step)) notFound();
  const application = await findApplicationForViewer(context.db, viewer, idParam(params, "id"));
  if (!application) notFound();
  const summary = await proceedingsSummary(context.db, application.id, application.latest_version);
  const records = summary?.records ?? [];
  const today = japanToday(new Date());
  const allowed = availableSteps(viewer, application, records, today).includes(step);
  // The viewer may take this step from this state, but there is nothing to act on: the step says why.
  const unavailable = !allowed && stepPermission(step, application, viewer).ok ? (STEPS[step].unavailable?.(ledgerOf(records), records, today) ?? null) : null;
  return { viewer, step, application, summary, records, allowed, unavailable };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, step, application, summary, records, allowed, unavailable } = await load(request, context, params);
  const stashed = await takeStashedInput(context.db, request, viewer.userId);
  const ledger = summary?.ledger ?? null;
  const page: StepPageData = {
    application: { id: application.id, name: application.organisation_name, fiscalYear: application.fiscal_year, programme: application.programme },
    lines: summary ? [...summary.lines] : [],
    plan: summary ? [...summary.plan] : [],
    changeBase: summary && (step === "request_change" || step === "notify_minor_change") ? summary.changeBase : null,
    otherIncome: summary?.otherIncome ?? 0,
    requestedAmount: summary?.requestedAmount ?? 0,
    ledger,
    changeRequest: latestOf(records, "change_request") ?? null,
    statusRequest: openStatusReportRequest(records) ?? null,
    discontinuationRequest: latestOf(records, "discontinuation_request") ?? null,
    claims: openClaims(records),
    payee: step === "claim_payment" || step === "claim_settlement" ? await payeeOf(context.db, application.organisation_id) : null,
    report: latestOf(records, "performance_report") ?? null,
    overpaid: ledger && ledger.confirmedAmount !== null ? -settlementBalance(ledger) : 0,
    today: japanToday(new Date()),
    repayment: step === "record_charge" ? repaymentStanding(records, japanToday(new Date())) : null,
    budget: STEPS[step].reservesBudget ? await budgetStanding(context.db, application.programme, application.fiscal_year, application.id) : null,
  };
  return {
    step,
    page,
    allowed,
    unavailable,
    movedCategories: movedCategories(step, records, summary?.changeThresholdPercent),
    limitPercent: summary?.changeThresholdPercent ?? 20,
    restored: stashed && typedValues(formOf(stashed)),
  };
}

/**
 * Review aid: expense categories that moved by more than the version's threshold (20% unless set otherwise) — in the change being decided, or between
 * the budget in force and the actual spending being confirmed (docs/domain.md §5).
 */
function movedCategories(step: StepAction, records: ProceedingRecord[], limitPercent?: number) {
  if (step === "approve_change" || step === "refuse_change") {
    const request = latestOf(records, "change_request");
    return request ? categoriesMovedOverLimit(request.before, request.after, limitPercent) : [];
  }
  if (step === "confirm") {
    const report = latestOf(records, "performance_report");
    return report
      ? categoriesMovedOverLimit(
          report.lines,
          report.lines.map((l) => ({ ...l, amount: l.actual })),
          limitPercent,
        )
      : [];
  }
  return [];
}

const notAllowed = (step: StepAction) => `この申請の現在の状態では「${stepHeading(step)}」は行えないか、行う権限がありません。`;

type ActionResult = { errors?: HookFormErrors; refused?: string; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, step, application, summary, allowed, unavailable } = await load(request, context, params);
  const values = formValues(await postedForm(request));
  if (!allowed) {
    return data<ActionResult>({ refused: unavailable ?? notAllowed(step), values }, { status: 409 });
  }
  const parsed = await readForm(stepSchema(step, { lineCount: summary?.lines.length ?? 0, programme: application.programme }), values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });

  const outcome = await takeProceedingStep(context.db, viewer, context.clientIp, application.id, step, parsed.value);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "refused") return data<ActionResult>({ refused: outcome.reason, values }, { status: 409 });
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  return redirect(`/applications/${application.id}?notice=${step}#proceedings-heading`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${stepHeading(data.step)}｜${data.page.application.name}｜${PRODUCT_NAME}` : PRODUCT_NAME },
];

export default function StepPage() {
  const { step, page, allowed, unavailable, movedCategories, limitPercent, restored } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { Fields, Buttons, defaults } = STEP_FORMS[step];
  const { formRef, onSubmit, errors, field, register, watch, control } = useValidatedForm(
    stepSchema(step, { lineCount: page.lines.length, programme: page.application.programme }),
    result?.values ?? (restored && formValues(formOf(restored))) ?? defaults?.(page) ?? {},
  );
  const back = `/applications/${page.application.id}`;

  return (
    <div className="max-w-5xl space-y-6">
      <p>
        <Link to={back} className="text-key-800 underline">
          ← 申請に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">{stepHeading(step)}</h1>
      <p className="text-std-18N-160">
        {page.application.name}　{fiscalYearLabel(page.application.fiscalYear)}
      </p>
      {/* A refused post keeps its form, so that what was typed is not lost even when the step closed meanwhile. */}
      {!allowed && !result && !restored ? (
        <Notice tone="warning">
          {unavailable ?? notAllowed(step)}
          <Link to={back} className="ml-2 underline">
            申請のページへ
          </Link>
        </Notice>
      ) : (
        <>
          {result?.refused ? <Notice tone="warning">{result.refused}</Notice> : null}
          {restored && !result ? <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ登録されていません。</Notice> : null}
          <ErrorSummary errors={errors} />
          {page.ledger ? <LedgerFigures ledger={page.ledger} requestedAmount={page.requestedAmount} /> : null}
          {movedCategories.length > 0 ? (
            <Notice tone="warning">
              <p className="font-bold">
                {step === "confirm"
                  ? `予算額から${limitPercent}%を超えて増減した経費区分があります。`
                  : `この変更で${limitPercent}%を超えて増減する経費区分があります。`}
              </p>
              <ul className="mt-2 list-disc pl-6">
                {movedCategories.map((c) => (
                  <li key={c.category}>
                    {expenseCategoryName(c.category)}：{formatYen(c.before)} → {formatYen(c.after)}（{c.percent > 0 ? "+" : ""}
                    {c.percent}%）
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <Form method="post" ref={formRef} onSubmit={onSubmit} className="space-y-6" noValidate>
            {/* The applicant's own documents carry the number its registry gives them, cited back by the notices. */}
            {STEPS[step].by === "applicant" ? (
              <TextField
                {...field("documentNumber")}
                label="文書番号（任意）"
                hint="貴団体の文書番号（例：富山県厚第123号）。空欄の場合は、番号欄を空けて印刷します。"
              />
            ) : null}
            <Fields page={page} field={field} register={register} watch={watch} control={control} />
            {Buttons ? (
              <Buttons page={page} field={field} register={register} watch={watch} control={control} />
            ) : (
              <button type="submit" className={primaryButtonClass}>
                {STEPS[step].submit}
              </button>
            )}
          </Form>
        </>
      )}
    </div>
  );
}
