import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import type { z } from "zod";
import { notFound, requireAnyPermission } from "~/auth/viewer.server";
import { ErrorSummary, Notice, primaryButtonClass, TextAreaField, TextField } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { CONTRACT_STATE_LABELS, CONTRACT_STEPS, isContractStep, type ContractRecordBody, type ContractStep } from "~/domain/contracts";
import { japanToday } from "~/domain/japan-time";
import { formatYen } from "~/domain/money";
import { MEMBER_KINDS, type MemberKind } from "~/domain/proposal-draft";
import { formatWarekiDate, formatWarekiDateTime } from "~/domain/wareki";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { useValidatedForm } from "~/forms/use-validated-form";
import { findContractForViewer, takeContractStepFor } from "~/models/contracts.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `委託契約：${data?.contract.organisation ?? ""} | ${PRODUCT_NAME}` }];

const PERMISSIONS = ["view:proposal:own", "review:proposal:any"] as const;

/** GET /contracts/:id — a contract, its records and documents, and the steps the viewer's side may take now. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, [...PERMISSIONS]);
  const found = await findContractForViewer(context.db, viewer, idParam(params, "id"));
  if (!found) notFound();
  return found;
}

type ActionResult = { step: ContractStep; errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, [...PERMISSIONS]);
  const id = idParam(params, "id");
  const values = formValues(await postedForm(request));
  const step = values.step;
  if (!isContractStep(step)) throw new Response("この手続はありません。", { status: 400 });
  const parsed = await readForm(CONTRACT_STEPS[step].schema as z.ZodType<unknown>, values);
  if (!parsed.ok) return data<ActionResult>({ step, errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await takeContractStepFor(context.db, viewer, context.clientIp, id, step, parsed.value as never);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return data<ActionResult>({ step, errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused")
    return data<ActionResult>({ step, errors: nestErrors({ form: outcome.reason }), values }, { status: httpStatusOf(outcome) });
  return redirect(`/contracts/${id}?notice=${step}`);
}

const DONE: Record<ContractStep, string> = {
  progress_report: "中間報告を提出しました。",
  final_report: "成果報告を提出しました。",
  acceptance: "検収を記録しました。検収調書を発行できます。",
  payment: "支払を記録し、契約を完了しました。",
};

export default function ContractPage() {
  const { contract, records, steps, side } = useLoaderData<typeof loader>();
  const notice = useSearchParams()[0].get("notice");
  return (
    <div className="space-y-8">
      <p>
        <Link to="/contracts" className="text-key-800 underline">
          委託契約の一覧に戻る
        </Link>
      </p>
      {notice && isContractStep(notice) ? <Notice tone="success">{DONE[notice]}</Notice> : null}
      <div className="space-y-2">
        <h1 className="text-std-32B-150 break-words">委託契約：{contract.organisation}</h1>
        <p className="break-words text-solid-gray-700">{contract.callTitle}</p>
      </div>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-solid-gray-700">状況</dt>
        <dd>{CONTRACT_STATE_LABELS[contract.state]}</dd>
        <dt className="text-solid-gray-700">契約額</dt>
        <dd className="tabular-nums">{formatYen(contract.amount)}（委託費・全額）</dd>
        <dt className="text-solid-gray-700">契約期間</dt>
        <dd>
          {formatWarekiDate(contract.periodFrom)} 〜 {formatWarekiDate(contract.periodTo)}
        </dd>
        <dt className="text-solid-gray-700">成果物</dt>
        <dd className="whitespace-pre-wrap break-words">{contract.deliverables}</dd>
      </dl>
      <p className="flex flex-wrap gap-4">
        <a href={`/proposals/${contract.proposalId}/selection-notice`} className="text-key-800 underline">
          採択通知書（PDF）
        </a>
        {side === "reviewer" ? (
          <Link to={`/proposals/${contract.proposalId}/review`} className="text-key-800 underline">
            採点と採択の記録
          </Link>
        ) : null}
      </p>

      <section aria-labelledby="records" className="space-y-3">
        <h2 id="records" className="text-std-24B-150">
          記録
        </h2>
        <ol className="space-y-4">
          {records.map((r) => (
            <li key={r.id} className="space-y-2 rounded-8 border border-solid-gray-420 p-4">
              <h3 className="text-std-18B-160">
                {r.label}
                <span className="ml-2 text-dns-14N-130 font-normal text-solid-gray-700">
                  {formatWarekiDateTime(r.recordedAt)}・{r.recordedBy}
                </span>
              </h3>
              <RecordBody body={r.body} />
              {r.kind === "agreed" || r.kind === "acceptance" ? (
                <a href={`/contracts/${contract.id}/documents/${r.id}`} className="text-key-800 underline">
                  {r.kind === "agreed" ? "委託契約書（概要）" : "検収調書"}（PDF）
                </a>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {steps.map((step) => (
        <section key={step} aria-labelledby={`step-${step}`} className="max-w-3xl space-y-3 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
          <h2 id={`step-${step}`} className="text-std-24B-150">
            {CONTRACT_STEPS[step].label.replace(/する$/, "")}
          </h2>
          <StepForm step={step} amount={contract.amount} />
        </section>
      ))}
      {steps.length === 0 && contract.state !== "closed" ? (
        <p>{side === "proposer" ? "内閣府の検収・支払をお待ちください。" : "受託者の報告をお待ちください。"}</p>
      ) : null}
    </div>
  );
}

function RecordBody({ body }: { body: ContractRecordBody }) {
  const rows: [string, string][] = (() => {
    switch (body.kind) {
      case "agreed":
        return [["契約額", formatYen(body.amount)]];
      case "progress_report":
        return [
          ["これまでの実施内容", body.progress],
          ["課題と今後の予定", body.issues],
        ];
      case "final_report":
        return [
          ["実施内容", body.done],
          [
            "構成団体の増加",
            (Object.keys(MEMBER_KINDS) as MemberKind[])
              .filter((k) => body.membersGained[k] > 0)
              .map((k) => `${MEMBER_KINDS[k]} ${body.membersGained[k]}`)
              .join("、") || "なし",
          ],
          ["得られた知見・課題", body.lessons],
          ["他の地域が活用できること", body.reusable],
        ];
      case "acceptance":
        return [
          ["検収日", formatWarekiDate(body.inspectedOn)],
          ["所見", body.note || "—"],
        ];
      case "payment":
        return [
          ["支払日", formatWarekiDate(body.paidOn)],
          ["支払額", formatYen(body.amount)],
        ];
    }
  })();
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-solid-gray-700">{label}</dt>
          <dd className="whitespace-pre-wrap break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StepForm({ step, amount }: { step: ContractStep; amount: number }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.step === step;
  const today = japanToday(new Date());
  const defaults: Record<ContractStep, FieldValues> = {
    progress_report: {},
    final_report: { membersGained: Object.fromEntries(Object.keys(MEMBER_KINDS).map((k) => [k, "0"])) },
    acceptance: { inspectedOn: today },
    payment: { paidOn: today, amount: amount.toLocaleString("ja-JP") },
  };
  const values = mine ? actionData.values : defaults[step];
  const { formRef, onSubmit, errors, field } = useValidatedForm(CONTRACT_STEPS[step].schema as z.ZodType<FieldValues>, values);
  const shown = mine ? errors : {};
  const f = (name: string) => ({ ...field(name), error: shown[name] });
  return (
    <Form method="post" ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="step" value={step} />
      <ErrorSummary errors={shown} />
      {step === "progress_report" ? (
        <>
          <TextAreaField {...f("progress")} label="これまでの実施内容" required rows={5} />
          <TextAreaField {...f("issues")} label="課題と今後の予定" required rows={4} />
        </>
      ) : null}
      {step === "final_report" ? (
        <>
          <TextAreaField {...f("done")} label="実施内容" required rows={6} />
          <fieldset className="space-y-2">
            <legend className="text-std-16B-170">プラットフォームの構成団体の増加（種類ごとの団体数）</legend>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              {(Object.keys(MEMBER_KINDS) as MemberKind[]).map((k) => (
                <TextField key={k} {...f(`membersGained.${k}`)} label={MEMBER_KINDS[k]} inputMode="numeric" />
              ))}
            </div>
          </fieldset>
          <TextAreaField {...f("lessons")} label="得られた知見・課題" required rows={4} />
          <TextAreaField {...f("reusable")} label="他の地域が活用できること" required rows={4} />
        </>
      ) : null}
      {step === "acceptance" ? (
        <>
          <TextField {...f("inspectedOn")} label="検収日" type="date" required />
          <TextAreaField {...f("note")} label="検収の所見" rows={3} />
        </>
      ) : null}
      {step === "payment" ? (
        <>
          <TextField {...f("paidOn")} label="支払日" type="date" required />
          <TextField {...f("amount")} label="支払額（円）" hint={`委託費は契約額 ${formatYen(amount)} の全額を支払います。`} inputMode="numeric" required />
        </>
      ) : null}
      <button type="submit" className={primaryButtonClass}>
        {CONTRACT_STEPS[step].label}
      </button>
    </Form>
  );
}
