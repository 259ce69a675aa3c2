import type { ReactNode } from "react";
import type { FieldValues } from "react-hook-form";
import type { BudgetStanding, Ledger } from "~/domain/ledger";
import { confirmedAmountOf, netPaid, settlementBalance } from "~/domain/ledger";
import { formatYen, parseYen, tidyYenInput } from "~/domain/money";
import {
  ACCOUNT_TYPES,
  type BudgetLineSnapshot,
  CHARGE_NAMES,
  type ChangeRequestRecord,
  type ChargeKind,
  DEFAULT_WITHDRAWAL_DAYS,
  type DiscontinuationRequestRecord,
  type Payee,
  type PerformanceReportRecord,
  type PlanItem,
  type StatusReportRequestRecord,
} from "~/domain/proceedings";
import type { ChangeBase } from "~/domain/plan-change";
import type { RepaymentStanding } from "~/domain/subsidy-charges";
import { claimLabel, type OpenClaim } from "~/domain/claims";
import { activityLabel, expenseCategoryName, type Programme } from "~/domain/programmes";
import type { StepAction } from "~/domain/steps";
import { CANCELLATION_CONFIRMATION } from "~/domain/steps/cancel";
import { DECISION_CONFIRMATION } from "~/domain/steps/decide";
import { fiscalYearLabel, formatWarekiDate } from "~/domain/wareki";
import type { FormControl, FormField as Field, FormRegister, FormWatch } from "~/forms/use-validated-form";
import { BudgetStandingPanel } from "./budget-standing";
import { ChangeEditor, ChangeSubmit, changeDefaults } from "./change-editor";
import { fieldId, inputClass, Notice, TextAreaField, TextField } from "./forms";

/**
 * What each step's form shows (the fields its schema in app/domain/steps/ reads), and what it starts with.
 * The compiler asks for one entry per step.
 */

/** What a step's page knows of the application: the budget in force, the money so far, the last requests. */
export interface StepPageData {
  application: { id: number; name: string; fiscalYear: number; programme: Programme };
  lines: BudgetLineSnapshot[];
  /** The plan in force (Menu 1's activities or Menu 2's parts of the work). */
  plan: PlanItem[];
  /** What a change starts from, for the two steps that change the budget and plan; null for the others. */
  changeBase: ChangeBase | null;
  otherIncome: number;
  requestedAmount: number;
  ledger: Ledger | null;
  changeRequest: ChangeRequestRecord | null;
  report: PerformanceReportRecord | null;
  /** The pending request to stop the work (中止・廃止), for the reviewer's answer. */
  discontinuationRequest: DiscontinuationRequestRecord | null;
  /** The request for a status report waiting for its answer. */
  statusRequest: StatusReportRequestRecord | null;
  /** The claims a payment may pay now, oldest first (支払・返還の記録). */
  claims: OpenClaim[];
  /** The account on the organisation's profile, offered by a payment claim; null when none is registered. */
  payee: Payee | null;
  /** What was paid beyond the confirmed amount (a return order asks for it back). */
  overpaid: number;
  today: string;
  /** The latest return order with its charges, for recording a charge received; null for the other steps. */
  repayment: RepaymentStanding | null;
  /** The programme-year's budget, for a step that commits money of it (交付決定, 変更の承認). */
  budget: BudgetStanding | null;
}

type FieldsProps = { page: StepPageData; field: Field; register: FormRegister; watch: FormWatch; control: FormControl };

interface StepForm {
  /** What the form starts with, as its schema's field paths. */
  defaults?: (page: StepPageData) => FieldValues;
  Fields: (props: FieldsProps) => ReactNode;
  /** The buttons, where they are more than the step's own submit button. */
  Buttons?: (props: FieldsProps) => ReactNode;
}

const yen = (amount: number) => tidyYenInput(String(amount));

const Yen = ({ field, name, label, hint }: { field: Field; name: string; label: string; hint?: string }) => (
  <TextField {...field(name)} label={label} hint={hint} inputMode="numeric" required />
);
const LongText = ({ field, name, label, required = false, hint }: { field: Field; name: string; label: string; required?: boolean; hint?: string }) => (
  <TextAreaField {...field(name)} label={label} hint={hint} required={required} />
);
const DateInput = ({ field, name, label, hint }: { field: Field; name: string; label: string; hint?: string }) => (
  <TextField {...field(name)} label={label} hint={hint} type="date" required />
);

const reason = (label: string, hint?: string): StepForm => ({
  Fields: ({ field }) => <LongText field={field} name="reason" label={label} required hint={hint} />,
});

/** 変更交付申請 and 軽微な変更の届出: the same editor, whose buttons follow what the change typed needs. */
function changeForm(): StepForm {
  return {
    defaults: (page) => changeDefaults(page.application.programme, page.lines, page.plan),
    Fields: ({ page, field, register, watch, control }) =>
      page.changeBase ? (
        <>
          <ChangeEditor programme={page.application.programme} base={page.changeBase} field={field} register={register} watch={watch} control={control} />
          <LongText
            field={field}
            name="reason"
            label="変更の理由"
            required
            hint="経費区分の間で20%を超える増減がある場合や、事業の内容を変える場合は承認が必要です（変更交付申請）。それ以外は軽微な変更として届け出ます。"
          />
        </>
      ) : null,
    Buttons: ({ page, watch }) =>
      page.changeBase ? <ChangeSubmit applicationId={page.application.id} programme={page.application.programme} base={page.changeBase} watch={watch} /> : null,
  };
}

export const STEP_FORMS: { [A in StepAction]: StepForm } = {
  decide: {
    defaults: (page) => ({ decidedAmount: yen(page.requestedAmount), withdrawalDays: String(DEFAULT_WITHDRAWAL_DAYS) }),
    Fields: ({ page, field, register, watch }) => (
      <>
        <Yen field={field} name="decidedAmount" label="交付決定額（円）" hint={`交付申請額 ${formatYen(page.requestedAmount)} 以下`} />
        <BudgetAfter page={page} watch={watch} name="decidedAmount" />
        <LongText field={field} name="conditions" label="交付の条件" hint="交付要綱に定める条件のほかに付す条件があれば記入してください。" />
        <TextField
          {...field("withdrawalDays")}
          label="申請の取下げ期間（日）"
          hint={`交付決定の日から数えた日数。期限の日付が交付決定通知書に記載されます（通常${DEFAULT_WITHDRAWAL_DAYS}日）。`}
          inputMode="numeric"
          required
        />
        <Confirmation field={field} register={register} name="confirmIrreversible" label={DECISION_CONFIRMATION}>
          交付決定をすると交付決定通知書が発行され、取り消すことはできません（額を変えるには変更交付決定を行います）。
        </Confirmation>
      </>
    ),
  },
  reject: reason("不交付の理由", "申請者に通知されます。"),
  request_change: changeForm(),
  notify_minor_change: changeForm(),
  approve_change: {
    defaults: (page) => ({ decidedAmount: page.changeRequest ? yen(page.changeRequest.requestedAmount) : "" }),
    Fields: ({ page, field, watch }) => (
      <>
        {page.changeRequest ? (
          <p>
            変更交付申請額：{formatYen(page.changeRequest.requestedAmount)}（変更前の交付決定額 {formatYen(page.changeRequest.decidedAmount)}）
            <br />
            変更の理由：{page.changeRequest.reason}
          </p>
        ) : null}
        <Yen field={field} name="decidedAmount" label="変更後の交付決定額（円）" />
        <BudgetAfter page={page} watch={watch} name="decidedAmount" />
        <LongText field={field} name="comment" label="交付の条件" />
      </>
    ),
  },
  refuse_change: reason("不承認の理由", "申請者に通知されます。"),
  withdraw: {
    Fields: ({ field }) => (
      <>
        <p>
          交付申請を取り下げると、交付決定はなかったものとなり、交付金は交付されません（受け取った交付金は返還します）。取下げは交付決定通知書に記載の期限までにできます。期限を過ぎて事業をやめる場合は、中止（廃止）の承認申請をしてください。
        </p>
        <LongText field={field} name="reason" label="取下げの理由" required />
      </>
    ),
  },
  request_discontinuation: {
    Fields: ({ page, field }) => (
      <>
        <p>
          事業を中止（廃止）するには、内閣府の承認が必要です。承認を受けた後、中止（廃止）までに実施した事業について実績報告を提出し、交付額が確定されます。
        </p>
        <DateInput field={field} name="stopOn" label="中止（廃止）の予定日" />
        <LongText field={field} name="reason" label="中止（廃止）の理由" required />
        <LongText field={field} name="doneSoFar" label="中止（廃止）までに実施した事業の内容" required />
        <Yen
          field={field}
          name="expectedAmount"
          label="中止（廃止）までの事業に係る交付金の見込額（円）"
          hint={page.ledger ? `交付決定額 ${formatYen(page.ledger.decidedAmount)} 以下` : undefined}
        />
      </>
    ),
  },
  approve_discontinuation: {
    defaults: (page) => ({ decidedAmount: page.discontinuationRequest ? yen(page.discontinuationRequest.expectedAmount) : "" }),
    Fields: ({ page, field }) => (
      <>
        <DiscontinuationRequestSummary page={page} />
        <Yen
          field={field}
          name="decidedAmount"
          label="承認後の交付決定額（円）"
          hint="中止（廃止）までの事業に必要な額。これまでの交付決定額との差額は予算に戻ります。"
        />
        <LongText field={field} name="comment" label="承認の条件" hint="例：中止（廃止）までに実施した事業について、速やかに実績報告を提出すること。" />
      </>
    ),
  },
  refuse_discontinuation: {
    Fields: ({ page, field }) => (
      <>
        <DiscontinuationRequestSummary page={page} />
        <LongText field={field} name="reason" label="不承認の理由" required hint="申請者に通知されます。事業は交付決定のとおり続けることになります。" />
      </>
    ),
  },
  claim_payment: {
    defaults: (page) => ({ ...page.payee, accountType: page.payee?.accountType || "普通" }),
    Fields: ({ page, field, register }) => (
      <>
        <Yen
          field={field}
          name="claimAmount"
          label="今回の請求額（円）"
          hint={page.ledger ? `交付決定額 ${formatYen(page.ledger.decidedAmount)}、請求済み ${formatYen(page.ledger.claimed)}` : undefined}
        />
        <PayeeFields page={page} field={field} register={register} />
      </>
    ),
  },
  claim_settlement: {
    defaults: (page) => ({ ...page.payee, accountType: page.payee?.accountType || "普通" }),
    Fields: ({ page, field, register }) => (
      <>
        {page.ledger ? (
          <p>
            {`今回の請求額：${formatYen(Math.max(0, settlementBalance(page.ledger)))}（確定額 ${formatYen(page.ledger.confirmedAmount ?? 0)} から既受領額 ${formatYen(netPaid(page.ledger))} を差し引いた額）`}
          </p>
        ) : null}
        <PayeeFields page={page} field={field} register={register} />
      </>
    ),
  },
  report: {
    defaults: (page) => ({ otherIncomeActual: yen(page.otherIncome) }),
    Fields: ({ page, field }) => {
      const { fiscalYear } = page.application;
      const range = `${fiscalYearLabel(fiscalYear)}（${fiscalYear}-04-01〜${fiscalYear + 1}-03-31）の日付`;
      return (
        <>
          <LineAmounts lines={page.lines} name="actual" label="実績額（円）" field={field} />
          <Yen field={field} name="otherIncomeActual" label="寄付金その他の収入の実績額（円）" />
          <DateInput
            field={field}
            name="completedOn"
            label="事業の完了日"
            hint={`${range}。完了の日から1か月以内、かつ翌年度の4月10日までに報告してください。`}
          />
          <LongText field={field} name="summary" label="事業の実施状況" required hint="実施した事業の内容と成果を記入してください。" />
        </>
      );
    },
  },
  confirm: {
    Fields: ({ page, field }) => {
      const { report } = page;
      if (!report) return null;
      const decided = page.ledger?.decidedAmount ?? 0;
      const recomputed = report.calculationActual.grantAmount;
      return (
        <>
          {report.documentDate > report.dueOn ? (
            <Notice tone="warning">
              実績報告は期限（{formatWarekiDate(report.dueOn)}）を過ぎて、{formatWarekiDate(report.documentDate)}に提出されました。
            </Notice>
          ) : null}
          <p>
            実績報告に基づく算定額 {formatYen(recomputed)} と交付決定額 {formatYen(decided)}
            のうち少ない額 {formatYen(confirmedAmountOf(decided, recomputed))} を確定額とし、額の確定通知書を発行します。
          </p>
          <Findings report={report} field={field} />
        </>
      );
    },
  },
  request_status_report: {
    Fields: ({ field }) => (
      <>
        <p>
          事業の遂行の状況の報告を求めます（補助金等に係る予算の執行の適正化に関する法律第12条）。依頼の文書（遂行状況報告の依頼）が発行され、申請者に通知されます。
        </p>
        <LongText field={field} name="matters" label="報告を求める事項" required hint="例：事業の進捗、参加者数、これまでの支出の状況" />
        <DateInput field={field} name="dueOn" label="提出期限" hint="明日以降の日付" />
      </>
    ),
  },
  report_status: {
    Fields: ({ page, field }) => (
      <>
        {page.statusRequest ? (
          <dl className="space-y-1">
            <dt className="text-std-16B-170">依頼</dt>
            <dd>{`${formatWarekiDate(page.statusRequest.documentDate)}付け${page.statusRequest.documentNumber}（提出期限 ${formatWarekiDate(page.statusRequest.dueOn)}）`}</dd>
            <dt className="text-std-16B-170">報告を求められた事項</dt>
            <dd className="whitespace-pre-wrap">{page.statusRequest.matters}</dd>
          </dl>
        ) : null}
        <LongText field={field} name="progress" label="事業の遂行の状況" required />
        <Yen field={field} name="spentToDate" label="これまでに支出した額（円）" hint="交付金以外の財源による支出も含めた額" />
      </>
    ),
  },
  cancel: {
    Fields: ({ page, field, register }) => {
      const base = page.ledger ? (page.ledger.confirmedAmount ?? page.ledger.decidedAmount) : 0;
      return (
        <>
          <p>
            {`補助金等に係る予算の執行の適正化に関する法律第17条により、交付決定の全部又は一部を取り消します。取消後の交付額は、${page.ledger?.confirmedAmount === null ? "交付決定額" : "確定額"} ${formatYen(base)} から取り消す額を差し引いた額です。支払済みの額がこれを超えるときは、返還命令を発行します（受領の日から年10.95%の加算金がかかります）。`}
          </p>
          <Yen field={field} name="cancelledAmount" label="取り消す額（円）" hint={`全部を取り消す場合は ${formatYen(base)}`} />
          <LongText
            field={field}
            name="reason"
            label="取消の理由"
            required
            hint="該当する事実と、交付の条件・法令のどの規定に違反したかを記入してください。申請者に通知されます。"
          />
          <Confirmation field={field} register={register} name="confirmIrreversible" label={CANCELLATION_CONFIRMATION}>
            取消をすると交付決定取消通知書が発行され、元に戻すことはできません。
          </Confirmation>
        </>
      );
    },
  },
  order_repayment: {
    Fields: ({ page, field }) => (
      <>
        <p>返還を命ずる額：{formatYen(Math.max(0, page.overpaid))}（支払済みの額から確定額を差し引いた額）</p>
        <DateInput field={field} name="dueOn" label="納期限" hint="明日以降の日付" />
      </>
    ),
  },
  record_payment: {
    defaults: (page) => ({ direction: "paid", claim: page.claims[0] ? String(page.claims[0].claim.ordinal) : "" }),
    Fields: ({ page, field, register }) => (
      <>
        <fieldset className="space-y-2">
          <legend className="text-std-16B-170">区分</legend>
          {(
            [
              ["paid", "支払（概算払・精算払）"],
              ["returned", "返還の受領"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" {...register("direction")} value={value} defaultChecked={field("direction").defaultValue === value} />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="space-y-1">
          {page.claims.length > 0 ? (
            <label htmlFor={fieldId("claim")} className="block text-std-16B-170">
              支払う請求（支払の場合）
            </label>
          ) : (
            <p className="text-std-16B-170">支払う請求（支払の場合）</p>
          )}
          <p id={`${fieldId("claim")}-hint`} className="text-dns-16N-130 text-solid-gray-700">
            {page.claims.length === 0
              ? "支払の対象となる請求はありません。概算払は概算払請求を、精算払は精算払請求を受けてから記録します。"
              : "支払は、選んだ請求に対するものとして記録されます。"}
          </p>
          {page.claims.length > 0 ? (
            <select
              id={fieldId("claim")}
              {...register("claim")}
              defaultValue={field("claim").defaultValue}
              aria-describedby={`${fieldId("claim")}-hint`}
              className={inputClass}
            >
              {page.claims.map((c) => (
                <option key={c.claim.ordinal} value={String(c.claim.ordinal)}>
                  {`${claimLabel(c.claim)} 未払 ${formatYen(c.unpaid)}`}
                </option>
              ))}
            </select>
          ) : null}
        </div>
        <Yen field={field} name="amount" label="金額（円）" />
        <DateInput field={field} name="paidOn" label="支払日・受領日" hint={`今日（${page.today}）以前の日付`} />
        <TextField {...field("note")} label="摘要" />
      </>
    ),
  },
  record_charge: {
    defaults: (page) => {
      const charge = page.repayment && page.repayment.outstanding.late === 0 ? "additional" : "late";
      return { charge, amount: page.repayment ? yen(page.repayment.outstanding[charge]) : "" };
    },
    Fields: ({ page, field, register }) => (
      <>
        <p>
          返還命令に係る延滞金（納期限の翌日から）・加算金（受領の日から）は、年10.95%の割合で計算しています（補助金等に係る予算の執行の適正化に関する法律第19条）。
        </p>
        <fieldset className="space-y-2">
          <legend className="text-std-16B-170">区分</legend>
          {(Object.keys(CHARGE_NAMES) as ChargeKind[]).map((charge) => (
            <label key={charge} className="flex items-center gap-2">
              <input type="radio" {...register("charge")} value={charge} defaultChecked={field("charge").defaultValue === charge} />
              {`${CHARGE_NAMES[charge]}（未納 ${formatYen(page.repayment?.outstanding[charge] ?? 0)}）`}
            </label>
          ))}
        </fieldset>
        <Yen field={field} name="amount" label="金額（円）" />
        <DateInput field={field} name="receivedOn" label="受領日" hint={`今日（${page.today}）以前の日付`} />
        <TextField {...field("note")} label="摘要" />
      </>
    ),
  },
  close: {
    Fields: () => <p>支払額から返還額を差し引いた額が確定額と一致していることを確認して、この申請を完了にします。</p>,
  },
};

/**
 * The programme-year's budget beside the amount being decided, and what would be left after it: follows
 * the field as it is typed, and without JavaScript shows the amount the form was last given.
 */
function BudgetAfter({ page, watch, name }: { page: StepPageData; watch: FormWatch; name: string }) {
  if (!page.budget) return null;
  const typed: unknown = watch(name);
  const amount = parseYen(typeof typed === "string" ? typed : "");
  return (
    <BudgetStandingPanel
      standing={page.budget}
      programme={page.application.programme}
      fiscalYear={page.application.fiscalYear}
      amount={amount.ok ? amount.value : null}
    />
  );
}

/**
 * Per line of the report: the part of its actual spending the reviewer does not accept, and why. The grant is
 * then recomputed from what remains when the confirmation is made; the notice lists these lines.
 */
function Findings({ report, field }: { report: PerformanceReportRecord; field: Field }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-std-18B-160">交付の対象と認めない経費（ある場合のみ）</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            <th scope="col" className="p-2">
              行
            </th>
            <th scope="col" className="p-2">
              経費区分・内容
            </th>
            <th scope="col" className="p-2 text-right">
              実績額
            </th>
            <th scope="col" className="p-2">
              認めない額（円）
            </th>
            <th scope="col" className="p-2">
              認めない理由
            </th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((line, i) => {
            const what = `${expenseCategoryName(line.category)}・${line.description || "内容なし"}`;
            return (
              <tr key={i} className="border-b border-solid-gray-200 align-top">
                <td className="p-2">{i + 1}</td>
                <th scope="row" className="p-2 text-left font-normal">
                  {what}
                </th>
                <td className="whitespace-nowrap p-2 text-right tabular-nums">{formatYen(line.actual)}</td>
                <td className="w-40 p-2">
                  <CellInput field={field} name={`disallowed.${i}`} label={`${i + 1}行目 認めない額（${what}）`} inputMode="numeric" />
                </td>
                <td className="min-w-48 p-2">
                  <CellInput field={field} name={`reasons.${i}`} label={`${i + 1}行目 認めない理由（${what}）`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** An input in a table cell, named by its label for screen readers, with its message under it. */
function CellInput({
  field,
  name,
  label,
  inputMode,
  required = false,
}: {
  field: Field;
  name: string;
  label: string;
  inputMode?: "numeric";
  required?: boolean;
}) {
  const { error, ...input } = field(name);
  const id = fieldId(input.name);
  return (
    <>
      <input
        id={id}
        {...input}
        inputMode={inputMode}
        aria-label={label}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** 振込先: the account a claim names, started from the organisation's profile. */
function PayeeFields({ page, field, register }: Pick<FieldsProps, "page" | "field" | "register">) {
  return (
    <fieldset className="space-y-4">
      <legend className="text-std-18B-160">振込先</legend>
      <p className="text-dns-16N-130 text-solid-gray-700">
        {page.payee
          ? "組織の情報に登録された口座です。今回だけ別の口座にする場合は書き換えてください（組織の情報は変わりません）。"
          : "組織の情報に口座を登録しておくと、次からここに表示されます。"}
      </p>
      <TextField {...field("bankName")} label="金融機関名" required />
      <TextField {...field("branchName")} label="支店名" required />
      <div className="space-y-1">
        <label htmlFor={fieldId("accountType")} className="block text-std-16B-170">
          預金種別
        </label>
        <select id={fieldId("accountType")} {...register("accountType")} defaultValue={field("accountType").defaultValue} className={inputClass}>
          {ACCOUNT_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <TextField {...field("accountNumber")} label="口座番号" hint="7桁の数字" inputMode="numeric" required />
      <TextField {...field("accountHolder")} label="口座名義" required />
    </fieldset>
  );
}

/** The grantee's request to stop the work, as the reviewer answers it. */
function DiscontinuationRequestSummary({ page }: { page: StepPageData }) {
  const request = page.discontinuationRequest;
  if (!request) return null;
  return (
    <dl className="space-y-1">
      <dt className="text-std-16B-170">承認申請</dt>
      <dd>{`${formatWarekiDate(request.documentDate)}付け　中止（廃止）の予定日 ${formatWarekiDate(request.stopOn)}`}</dd>
      <dt className="text-std-16B-170">理由</dt>
      <dd className="whitespace-pre-wrap">{request.reason}</dd>
      <dt className="text-std-16B-170">中止（廃止）までに実施した事業の内容</dt>
      <dd className="whitespace-pre-wrap">{request.doneSoFar}</dd>
      <dt className="text-std-16B-170">交付金の見込額</dt>
      <dd>{`${formatYen(request.expectedAmount)}（交付決定額 ${formatYen(request.decidedAmount)}）`}</dd>
    </dl>
  );
}

/** A box that must be ticked before a step that cannot be undone, with its message beside it. */
function Confirmation({ field, register, name, label, children }: { field: Field; register: FormRegister; name: string; label: string; children: ReactNode }) {
  const { error, defaultValue } = field(name);
  const id = fieldId(name);
  return (
    <fieldset className="space-y-2 rounded-8 border-2 border-warning-orange-2 p-4" aria-describedby={`${id}-hint`}>
      <legend className="px-1 text-std-16B-170">取り消せない操作の確認</legend>
      <p id={`${id}-hint`}>{children}</p>
      <label className="flex items-start gap-2 text-std-16B-170">
        <input
          id={id}
          type="checkbox"
          value="on"
          {...register(name, { disableProgressiveEnhancement: true })}
          defaultChecked={defaultValue === "on"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 size-5 shrink-0"
        />
        {label}
      </label>
      {error ? (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One amount field per budget line (変更後 or 実績額), each labelled by its row for screen readers. */
function LineAmounts({ lines, name, label, field }: { lines: BudgetLineSnapshot[]; name: string; label: string; field: Field }) {
  return (
    <div className="relative overflow-x-auto">
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
                  <CellInput
                    field={field}
                    name={`${name}.${i}`}
                    label={`${i + 1}行目 ${label}（${expenseCategoryName(line.category)}・${line.description || "内容なし"}）`}
                    inputMode="numeric"
                    required
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
