import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { takeStashedInput } from "~/auth/stash.server";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { ErrorSummary, fieldId, inputClass, Notice, primaryButtonClass, TextAreaField, TextField } from "~/components/forms";
import { LedgerFigures } from "~/components/proceedings-panel";
import { PRODUCT_NAME } from "~/components/site-header";
import { japanToday } from "~/domain/japan-time";
import { formatYen, tidyYenInput } from "~/domain/money";
import { categoriesMovedOverLimit, confirmedAmountOf, latestOf, settlementBalance, type BudgetLineSnapshot, type ProceedingRecord } from "~/domain/proceedings";
import { activityLabel, expenseCategoryName } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDate } from "~/domain/wareki";
import {
  ACCOUNT_TYPES,
  parseApproveChange,
  parseChangeRequest,
  parseDecide,
  parsePayment,
  parsePaymentClaim,
  parseReason,
  parseRepaymentOrder,
  parseReport,
  PROCEEDING_ACTION_LABELS,
  PROCEEDING_ACTIONS,
  PROCEEDING_BUTTONS,
  type Parsed,
  type ProceedingAction,
} from "~/forms/proceedings";
import { findApplicationForViewer } from "~/models/applications.server";
import { availableSteps, proceedingsSummary, takeProceedingStep } from "~/models/proceedings.server";

/**
 * /applications/:id/steps/:step — one step after submission (decide, reject, change, claim, report,
 * confirm, order back, record a payment, close) as its own form. Works without JavaScript; a field error
 * comes back beside its field with everything typed kept.
 */

function stepOf(raw: string | undefined): ProceedingAction {
  const step = PROCEEDING_ACTIONS.find((a) => a === raw);
  if (!step) notFound();
  return step;
}

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  const step = stepOf(params.step);
  const application = await findApplicationForViewer(context.db, viewer, Number(params.id));
  if (!application) notFound();
  return { viewer, step, application };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, step, application } = await load(request, context, params);
  // What was typed when the session ran out, kept while its author signed in again.
  const url = new URL(request.url);
  const stashed = await takeStashedInput(context.db, { id: url.searchParams.get("restore"), userId: viewer.userId, path: url.pathname });
  const restored = stashed && Object.fromEntries(Object.entries(stashed).map(([k, v]) => [k, [v].flat()[0] ?? ""]));
  const budget = await proceedingsSummary(context.db, application.id, application.latest_version);
  const ledger = budget?.ledger;
  const records = budget?.records ?? [];
  return {
    step,
    application: { id: application.id, name: application.organisation_name, fiscalYear: application.fiscal_year, programme: application.programme },
    allowed: availableSteps(viewer, application, records).includes(step),
    lines: budget ? [...budget.lines] : [],
    otherIncome: budget?.otherIncome ?? 0,
    requestedAmount: budget?.requestedAmount ?? 0,
    ledger: ledger ?? null,
    changeRequest: latestOf(records, "change_request") ?? null,
    report: latestOf(records, "performance_report") ?? null,
    movedCategories: movedCategories(step, records),
    overpaid: ledger && ledger.confirmedAmount !== null ? -settlementBalance(ledger) : 0,
    today: japanToday(new Date()),
    restored,
  };
}

/**
 * Review aid: expense categories that moved by more than 20% — in the change being decided, or between
 * the budget in force and the actual spending being confirmed (docs/domain.md §5).
 */
function movedCategories(step: ProceedingAction, records: ProceedingRecord[]) {
  if (step === "approve_change" || step === "refuse_change") {
    const request = latestOf(records, "change_request");
    return request ? categoriesMovedOverLimit(request.before, request.after) : [];
  }
  if (step === "confirm") {
    const report = latestOf(records, "performance_report");
    return report ? categoriesMovedOverLimit(report.lines, report.lines.map((l) => ({ ...l, amount: l.actual }))) : [];
  }
  return [];
}

type ActionResult = { errors?: Record<string, string>; refused?: string; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, step, application } = await load(request, context, params);
  const form = await request.formData();
  const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string"));
  const summary = await proceedingsSummary(context.db, application.id, application.latest_version);
  if (!availableSteps(viewer, application, summary?.records ?? []).includes(step)) {
    return data<ActionResult>({ refused: `この申請の現在の状態では「${PROCEEDING_ACTION_LABELS[step]}」は行えないか、行う権限がありません。`, values }, { status: 409 });
  }
  const lineCount = summary?.lines.length ?? 0;

  const parsers: Record<ProceedingAction, () => Parsed<unknown>> = {
    decide: () => parseDecide(form),
    reject: () => parseReason(form, "不交付の理由"),
    request_change: () => parseChangeRequest(form, lineCount),
    approve_change: () => parseApproveChange(form),
    refuse_change: () => parseReason(form, "不承認の理由"),
    withdraw: () => parseReason(form, "取下げ・中止の理由"),
    claim_payment: () => parsePaymentClaim(form),
    report: () => parseReport(form, lineCount),
    confirm: () => ({ ok: true, value: {} }),
    order_repayment: () => parseRepaymentOrder(form),
    record_payment: () => parsePayment(form),
    close: () => ({ ok: true, value: {} }),
  };
  const parsed = parsers[step]();
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values }, { status: 400 });

  const outcome = await takeProceedingStep(context.db, viewer, context.clientIp, application.id, step, parsed.value as never);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "refused") return data<ActionResult>({ refused: outcome.reason, values }, { status: 409 });
  if (outcome.status === "invalid") return data<ActionResult>({ errors: outcome.errors, values }, { status: 400 });
  return redirect(`/applications/${application.id}?notice=${step}#proceedings-heading`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${PROCEEDING_ACTION_LABELS[data.step]}｜${data.application.name}｜${PRODUCT_NAME}` : PRODUCT_NAME },
];

export default function StepPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { step, application, ledger } = loaded;
  const errors = result?.errors ?? {};
  const typed = result?.values ?? loaded.restored;
  const value = (name: string, fallback = "") => typed?.[name] ?? fallback;
  const back = `/applications/${application.id}`;

  return (
    <div className="max-w-5xl space-y-6">
      <p>
        <Link to={back} className="text-key-800 underline">
          ← 申請に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">{PROCEEDING_ACTION_LABELS[step]}</h1>
      <p className="text-std-18N-160">
        {application.name}　{fiscalYearLabel(application.fiscalYear)}
      </p>
      {/* A refused post keeps its form, so that what was typed is not lost even when the step closed meanwhile. */}
      {!loaded.allowed && !result && !loaded.restored ? (
        <Notice tone="warning">
          この申請の現在の状態では「{PROCEEDING_ACTION_LABELS[step]}」は行えないか、行う権限がありません。
          <Link to={back} className="ml-2 underline">
            申請のページへ
          </Link>
        </Notice>
      ) : (
        <>
          {result?.refused ? <Notice tone="warning">{result.refused}</Notice> : null}
          {loaded.restored && !result ? <Notice tone="warning">ログインし直す前に入力していた内容を戻しました。まだ登録されていません。</Notice> : null}
          <ErrorSummary errors={errors} />
          {ledger ? <LedgerFigures ledger={ledger} requestedAmount={loaded.requestedAmount} /> : null}
          {loaded.movedCategories.length > 0 ? (
            <Notice tone="warning">
              <p className="font-bold">{step === "confirm" ? "予算額から20%を超えて増減した経費区分があります。" : "この変更で20%を超えて増減する経費区分があります。"}</p>
              <ul className="mt-2 list-disc pl-6">
                {loaded.movedCategories.map((c) => (
                  <li key={c.category}>
                    {expenseCategoryName(c.category)}：{formatYen(c.before)} → {formatYen(c.after)}（{c.percent > 0 ? "+" : ""}
                    {c.percent}%）
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <Form method="post" className="space-y-6" noValidate>
            <StepFields step={step} loaded={loaded} errors={errors} value={value} />
            <button type="submit" className={primaryButtonClass}>
              {PROCEEDING_BUTTONS[step].submit}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type FieldsProps = { step: ProceedingAction; loaded: Loaded; errors: Record<string, string>; value: (name: string, fallback?: string) => string };

function StepFields({ step, loaded, errors, value }: FieldsProps) {
  const yen = (name: string, label: string, fallback: number | null, hint?: string) => (
    <TextField name={name} label={label} hint={hint} inputMode="numeric" required defaultValue={value(name, fallback === null ? "" : tidyYenInput(String(fallback)))} error={errors[name]} />
  );
  const text = (name: string, label: string, required: boolean, hint?: string) => (
    <TextAreaField name={name} label={label} hint={hint} required={required} defaultValue={value(name)} error={errors[name]} />
  );
  const date = (name: string, label: string, hint?: string) => (
    <TextField name={name} label={label} hint={hint} type="date" required defaultValue={value(name)} error={errors[name]} />
  );

  switch (step) {
    case "decide":
      return (
        <>
          {yen("decidedAmount", "交付決定額（円）", loaded.requestedAmount, `交付申請額 ${formatYen(loaded.requestedAmount)} 以下`)}
          {text("conditions", "交付の条件", false, "交付要綱に定める条件のほかに付す条件があれば記入してください。")}
        </>
      );
    case "reject":
      return text("reason", "不交付の理由", true, "申請者に通知されます。");
    case "refuse_change":
      return text("reason", "不承認の理由", true, "申請者に通知されます。");
    case "withdraw":
      return (
        <>
          <p>交付申請を取り下げるか、事業を中止（廃止）します。中止（廃止）までに行った事業は、このあと実績報告で報告できます。</p>
          {text("reason", "取下げ・中止の理由", true)}
        </>
      );
    case "approve_change":
      return (
        <>
          {loaded.changeRequest ? (
            <p>
              変更交付申請額：{formatYen(loaded.changeRequest.requestedAmount)}（変更前の交付決定額 {formatYen(loaded.changeRequest.decidedAmount)}）
              <br />
              変更の理由：{loaded.changeRequest.reason}
            </p>
          ) : null}
          {yen("decidedAmount", "変更後の交付決定額（円）", loaded.changeRequest?.requestedAmount ?? null)}
          {text("comment", "交付の条件", false)}
        </>
      );
    case "request_change":
      return (
        <>
          <LineAmounts lines={loaded.lines} name="after" label="変更後（円）" fallback={(l) => tidyYenInput(String(l.amount))} errors={errors} value={value} />
          {text("reason", "変更の理由", true, "経費区分の間で20%を超える増減がある場合や、事業の内容を変える場合に申請します。")}
        </>
      );
    case "claim_payment":
      return (
        <>
          {yen("claimAmount", "今回の請求額（円）", null, loaded.ledger ? `交付決定額 ${formatYen(loaded.ledger.decidedAmount)}、請求済み ${formatYen(loaded.ledger.claimed)}` : undefined)}
          <fieldset className="space-y-4">
            <legend className="text-std-18B-160">振込先</legend>
            <TextField name="bankName" label="金融機関名" required defaultValue={value("bankName")} error={errors.bankName} />
            <TextField name="branchName" label="支店名" required defaultValue={value("branchName")} error={errors.branchName} />
            <div className="space-y-1">
              <label htmlFor={fieldId("accountType")} className="block text-std-16B-170">
                預金種別
              </label>
              <select id={fieldId("accountType")} name="accountType" className={inputClass} defaultValue={value("accountType", "普通")}>
                {ACCOUNT_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </div>
            <TextField name="accountNumber" label="口座番号" hint="7桁の数字" inputMode="numeric" required defaultValue={value("accountNumber")} error={errors.accountNumber} />
            <TextField name="accountHolder" label="口座名義" required defaultValue={value("accountHolder")} error={errors.accountHolder} />
          </fieldset>
        </>
      );
    case "report":
      return (
        <>
          <LineAmounts lines={loaded.lines} name="actual" label="実績額（円）" fallback={() => ""} errors={errors} value={value} />
          {yen("otherIncomeActual", "寄付金その他の収入の実績額（円）", loaded.otherIncome)}
          {date("completedOn", "事業の完了日", `${fiscalYearRange(loaded)}。完了の日から1か月以内、かつ翌年度の4月10日までに報告してください。`)}
          {text("summary", "事業の実施状況", true, "実施した事業の内容と成果を記入してください。")}
        </>
      );
    case "confirm":
      return loaded.report ? (
        <>
          {loaded.report.documentDate > loaded.report.dueOn ? (
            <Notice tone="warning">
              実績報告は期限（{formatWarekiDate(loaded.report.dueOn)}）を過ぎて、{formatWarekiDate(loaded.report.documentDate)}に提出されました。
            </Notice>
          ) : null}
        <p>
          実績報告に基づく算定額 {formatYen(loaded.report.calculationActual.grantAmount)} と交付決定額 {formatYen(loaded.ledger?.decidedAmount ?? 0)}
          のうち少ない額 {formatYen(confirmedAmountOf(loaded.ledger?.decidedAmount ?? 0, loaded.report.calculationActual.grantAmount))} を確定額とし、額の確定通知書を発行します。
        </p>
        </>
      ) : null;
    case "order_repayment":
      return (
        <>
          <p>返還を命ずる額：{formatYen(Math.max(0, loaded.overpaid))}（支払済みの額から確定額を差し引いた額）</p>
          {date("dueOn", "納期限", "明日以降の日付")}
        </>
      );
    case "record_payment":
      return (
        <>
          <fieldset className="space-y-2">
            <legend className="text-std-16B-170">区分</legend>
            {(
              [
                ["paid", "支払（概算払・精算払）"],
                ["returned", "返還の受領"],
              ] as const
            ).map(([v, label]) => (
              <label key={v} className="flex items-center gap-2">
                <input type="radio" name="direction" value={v} defaultChecked={value("direction", "paid") === v} />
                {label}
              </label>
            ))}
          </fieldset>
          {yen("amount", "金額（円）", null)}
          {date("paidOn", "支払日・受領日", `今日（${loaded.today}）以前の日付`)}
          <TextField name="note" label="摘要" defaultValue={value("note")} error={errors.note} />
        </>
      );
    case "close":
      return <p>支払額から返還額を差し引いた額が確定額と一致していることを確認して、この申請を完了にします。</p>;
  }
}

function fiscalYearRange(loaded: Loaded) {
  return `${fiscalYearLabel(loaded.application.fiscalYear)}（${loaded.application.fiscalYear}-04-01〜${loaded.application.fiscalYear + 1}-03-31）の日付`;
}

/** One amount field per budget line (変更後 or 実績額), each labelled by its row for screen readers. */
function LineAmounts({
  lines,
  name,
  label,
  fallback,
  errors,
  value,
}: {
  lines: BudgetLineSnapshot[];
  name: string;
  label: string;
  fallback: (line: BudgetLineSnapshot) => string;
  errors: Record<string, string>;
  value: FieldsProps["value"];
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-std-18B-160">経費の内訳</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            <th scope="col" className="p-2">
              行
            </th>
            <th scope="col" className="p-2">
              経費区分
            </th>
            <th scope="col" className="p-2">
              内容
            </th>
            <th scope="col" className="p-2 text-right">
              予算額
            </th>
            <th scope="col" className="p-2">
              {label}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => {
            const field = `${name}.${i}`;
            const id = fieldId(field);
            return (
              <tr key={i} className="border-b border-solid-gray-200 align-top">
                <td className="p-2">{i + 1}</td>
                <td className="whitespace-nowrap p-2">{expenseCategoryName(line.category)}</td>
                <th scope="row" className="p-2 text-left font-normal">
                  {line.activity ? <span className="block text-dns-14N-130 text-solid-gray-700">{activityLabel(line.activity)}</span> : null}
                  {line.description || "—"}
                </th>
                <td className="whitespace-nowrap p-2 text-right tabular-nums">{formatYen(line.amount)}</td>
                <td className="w-48 p-2">
                  <input
                    id={id}
                    name={field}
                    inputMode="numeric"
                    aria-label={`${i + 1}行目 ${label}（${expenseCategoryName(line.category)}・${line.description || "内容なし"}）`}
                    required
                    aria-invalid={errors[field] ? true : undefined}
                    aria-describedby={errors[field] ? `${id}-error` : undefined}
                    defaultValue={value(field, fallback(line))}
                    className={inputClass}
                  />
                  {errors[field] ? (
                    <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
                      {errors[field]}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
