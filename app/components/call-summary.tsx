import { CALL_KIND_NAMES, CALL_PHASE_LABELS, type CallKind, type CallPhase } from "~/domain/calls";
import { formatYen } from "~/domain/money";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";

export interface CallSummaryData {
  kind: CallKind;
  fiscalYear: number;
  description: string;
  eligibility: string;
  opensAt: string | Date;
  closesAt: string | Date;
  ceilingPerProject: number;
  totalBudget: number;
  projectsSought: number;
  criteria: { name: string; weight: number }[];
}

export function CallPhaseBadge({ phase }: { phase: CallPhase }) {
  const colours = {
    scheduled: "border-solid-gray-600 text-solid-gray-800",
    open: "border-success-2 text-success-2",
    closed: "border-solid-gray-420 text-solid-gray-700",
  }[phase];
  return <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14N-130 ${colours}`}>{CALL_PHASE_LABELS[phase]}</span>;
}

/** What a call publishes: the programme, the window in Japan time, the amounts, who may apply and the criteria. */
export function CallSummary({ call }: { call: CallSummaryData }) {
  const totalWeight = call.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <div className="space-y-6">
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="text-solid-gray-700">事業</dt>
        <dd>{CALL_KIND_NAMES[call.kind]}</dd>
        <dt className="text-solid-gray-700">年度</dt>
        <dd>{fiscalYearLabel(call.fiscalYear)}</dd>
        <dt className="text-solid-gray-700">公募期間</dt>
        <dd>
          {formatWarekiDateTime(call.opensAt)} 〜 {formatWarekiDateTime(call.closesAt)}（日本時間）
        </dd>
        <dt className="text-solid-gray-700">1件あたりの上限額</dt>
        <dd className="tabular-nums">{formatYen(call.ceilingPerProject)}（委託費・全額）</dd>
        <dt className="text-solid-gray-700">予算総額</dt>
        <dd className="tabular-nums">{formatYen(call.totalBudget)}</dd>
        <dt className="text-solid-gray-700">採択予定件数</dt>
        <dd className="tabular-nums">{call.projectsSought}件程度</dd>
      </dl>
      <section aria-labelledby="call-description" className="space-y-2">
        <h2 id="call-description" className="text-std-20B-150">
          事業の概要
        </h2>
        <p className="whitespace-pre-wrap break-words">{call.description}</p>
      </section>
      <section aria-labelledby="call-eligibility" className="space-y-2">
        <h2 id="call-eligibility" className="text-std-20B-150">
          応募できる団体
        </h2>
        <p className="whitespace-pre-wrap break-words">{call.eligibility}</p>
      </section>
      <section aria-labelledby="call-criteria" className="space-y-2">
        <h2 id="call-criteria" className="text-std-20B-150">
          評価項目と配点
        </h2>
        <table className="w-full max-w-xl border-collapse text-left">
          <caption className="sr-only">評価項目と配点</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2">
                評価項目
              </th>
              <th scope="col" className="py-2 text-right">
                配点
              </th>
            </tr>
          </thead>
          <tbody>
            {call.criteria.map((c) => (
              <tr key={c.name} className="border-b border-solid-gray-200">
                <td className="py-2 break-words">{c.name}</td>
                <td className="py-2 text-right tabular-nums">{c.weight}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="py-2">
                合計
              </th>
              <td className="py-2 text-right tabular-nums">{totalWeight}</td>
            </tr>
          </tfoot>
        </table>
      </section>
    </div>
  );
}
