import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { PRODUCT_NAME } from "~/components/site-header";
import { formatYen } from "~/domain/money";
import { LARGE_SPREAD } from "~/domain/selection";
import { fiscalYearLabel } from "~/domain/wareki";
import { reviewBoard } from "~/models/selection.server";
import { idParam } from "~/utils/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `審査の状況：${data?.call.title ?? "公募"} | ${PRODUCT_NAME}` }];

/** GET /calls/:id/review — the ranking of a call's proposals, for the reviewers assigned to it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, context, "review:proposal:any");
  const board = await reviewBoard(context.db, viewer, idParam(params, "id"));
  if (!board) notFound();
  return board;
}

const OWN_REVIEW = { scored: "採点済み", conflict: "利益相反", none: "未採点" } as const;
const STATE = { submitted: "審査中", selected: "採択", not_selected: "不採択" } as Record<string, string>;

export default function CallReview() {
  const { call, criteria, reviewers, rows, selectedTotal, proposedTotal } = useLoaderData<typeof loader>();
  const cell = "py-2 pr-3 align-top";
  const money = `${cell} text-right tabular-nums whitespace-nowrap`;
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/calls/${call.id}`} className="text-key-800 underline">
          公募のページ
        </Link>
      </p>
      <h1 className="text-std-32B-150 break-words">審査の状況：{call.title}</h1>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-solid-gray-700">予算総額</dt>
        <dd className="tabular-nums">{formatYen(call.totalBudget)}</dd>
        <dt className="text-solid-gray-700">採択済みの契約額</dt>
        <dd className="tabular-nums">
          {formatYen(selectedTotal)}（残り {formatYen(call.totalBudget - selectedTotal)}）
        </dd>
        <dt className="text-solid-gray-700">提案額の合計</dt>
        <dd className="tabular-nums">
          {formatYen(proposedTotal)}（{rows.length}件、採択予定 {call.projectsSought}件程度）
        </dd>
        <dt className="text-solid-gray-700">評価項目（配点）</dt>
        <dd>{criteria.map((c) => `${c.name}（${c.weight}）`).join("、")}</dd>
        <dt className="text-solid-gray-700">審査担当者</dt>
        <dd>{reviewers.map((r) => r.name).join("、")}</dd>
      </dl>
      <p className="max-w-3xl text-dns-16N-130">
        平均点は、各審査担当者の評価項目ごとの点数（1〜5）を配点で重み付けした点数の平均です。ほかの審査担当者の点数は、自分の採点を提出した提案についてだけ表示します。
        審査担当者間の点数の差が{LARGE_SPREAD}点以上の提案には「要協議」と表示します。
      </p>
      {rows.length === 0 ? (
        <p>提出された企画提案はまだありません。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse text-left">
            <caption className="sr-only">企画提案の順位（{fiscalYearLabel(call.fiscalYear)}）</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className={cell}>
                  順位
                </th>
                <th scope="col" className={cell}>
                  提案団体
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  平均点
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  点数の差
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  提案額
                </th>
                <th scope="col" className={`${cell} text-right`}>
                  提案額の累計
                </th>
                <th scope="col" className={cell}>
                  あなたの採点
                </th>
                <th scope="col" className="py-2 align-top">
                  結果
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.proposalId} className="border-b border-solid-gray-200">
                  <td className={`${cell} tabular-nums`}>{r.rank ?? "—"}</td>
                  <td className={cell}>
                    <Link to={`/proposals/${r.proposalId}/review`} className="text-key-800 underline">
                      {r.organisation}
                    </Link>
                  </td>
                  <td className={money}>{r.mean === null ? "—" : r.mean.toFixed(2)}</td>
                  <td className={money}>
                    {r.spread === null ? "—" : r.spread.toFixed(2)}
                    {r.largeSpread ? <span className="ml-1 rounded-4 border border-warning-orange-2 px-1 text-dns-14N-130">要協議</span> : null}
                  </td>
                  <td className={money}>{formatYen(r.budget)}</td>
                  <td className={`${money} ${r.rank !== null && !r.withinBudget ? "text-error-2" : ""}`}>
                    {r.rank === null ? "—" : formatYen(r.runningTotal)}
                    {r.rank !== null && !r.withinBudget ? <span className="block text-dns-14N-130">予算総額を超えます</span> : null}
                  </td>
                  <td className={cell}>{OWN_REVIEW[r.ownReview ?? "none"]}</td>
                  <td className="py-2 align-top">
                    {STATE[r.state] ?? r.state}
                    {r.contractAmount === null ? null : <span className="block tabular-nums">{formatYen(r.contractAmount)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
