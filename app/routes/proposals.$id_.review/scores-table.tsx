import type { proposalForReview } from "~/models/selection.server";

type Review = NonNullable<Awaited<ReturnType<typeof proposalForReview>>>;
export type Criteria = Review["criteria"];
type ReviewRow = Review["others"][number];

export function OwnReview({ own, criteria }: { own: ReviewRow; criteria: Criteria }) {
  if (own.conflict) return <p className="break-words">利益相反を申告しました：{own.comment}</p>;
  return <ScoresTable criteria={criteria} reviews={[own]} />;
}

export function ScoresTable({ criteria, reviews }: { criteria: Criteria; reviews: readonly ReviewRow[] }) {
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
