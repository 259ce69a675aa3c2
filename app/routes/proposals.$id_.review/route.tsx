import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { AgreementSchema } from "~/domain/contracts";
import { formatYen } from "~/domain/money";
import type { Outcome } from "~/domain/outcome";
import { formatWarekiDateTime } from "~/domain/wareki";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { reviewSchema, SelectionSchema } from "~/forms/selection";
import { agreeContract, contractOfProposal } from "~/models/contracts.server";
import { decideSelection, proposalForReview, submitReview } from "~/models/selection.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";
import { idParam } from "~/utils/route-params.server";
import { AgreementForm, ReviewForm, SelectionForm, type ReviewActionResult } from "./review-forms";
import { OwnReview, ScoresTable } from "./scores-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `採点：${data?.proposal.organisation ?? "企画提案"} | ${PRODUCT_NAME}` }];

/** GET /proposals/:id/review — a submitted proposal as a reviewer assigned to its call scores and selects it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:proposal:any");
  const found = await proposalForReview(context.db, viewer, idParam(params, "id"));
  if (!found) notFound();
  return { ...found, contractId: await contractOfProposal(context.db, found.proposal.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:proposal:any");
  const id = idParam(params, "id");
  const found = await proposalForReview(context.db, viewer, id);
  if (!found) notFound();
  const values = formValues(await postedForm(request));
  const which = values.intent === "selection" ? "selection" : values.intent === "contract" ? "contract" : "review";
  const refuse = (errors: Record<string, string>, status: number) => data<ReviewActionResult>({ form: which, errors: nestErrors(errors), values }, { status });

  if (which === "contract") {
    const terms = await readForm(AgreementSchema, values);
    if (!terms.ok) return refuse(terms.errors, 400);
    const agreed = await agreeContract(context.db, viewer, context.clientIp, id, terms.value);
    if (agreed.status === "not-found") notFound();
    if (agreed.status !== "done") return refuse(agreed.status === "invalid" ? agreed.errors : { form: agreed.reason }, httpStatusOf(agreed));
    return redirect(`/contracts/${agreed.id}?notice=agreed`);
  }

  let outcome: Outcome;
  if (which === "review") {
    const review = await readForm(reviewSchema(found.criteria), values);
    if (!review.ok) return refuse(review.errors, 400);
    outcome = await submitReview(context.db, viewer, context.clientIp, id, review.value);
  } else {
    const selection = await readForm(SelectionSchema, values);
    if (!selection.ok) return refuse(selection.errors, 400);
    outcome = await decideSelection(context.db, viewer, context.clientIp, id, selection.value);
  }
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "invalid") return refuse(outcome.errors, 400);
  if (outcome.status === "refused") return refuse({ form: outcome.reason }, httpStatusOf(outcome));
  return redirect(`/proposals/${id}/review?notice=${which}`);
}

const NOTICES: Record<string, string> = { review: "採点を提出しました。", selection: "採択・不採択を決定し、提案団体に通知しました。" };

export default function ProposalReview() {
  const { proposal, criteria, own, maySee, others, scoredBy, selection, budget, contractId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
          <ReviewForm criteria={criteria} result={result} />
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
            <AgreementForm amount={selection.contract_amount ?? 0} result={result} />
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
          <SelectionForm totalAmount={proposal.totalAmount} budget={budget} result={result} />
        )}
      </section>
    </div>
  );
}
