import { formatYen } from "~/domain/money";
import { checkProposal, MEMBER_KINDS, PROPOSAL_ACTIVITIES, totalsByCategory, type ProposalDraft, type ProposalRules } from "~/domain/proposal-draft";

/**
 * A proposal read, not edited: a submitted version, or the latest one on the reviewer's page. Everything
 * the proposer typed is shown, with line breaks kept.
 */
export function ProposalView({ draft, rules }: { draft: ProposalDraft; rules: ProposalRules }) {
  const { total, rowAmounts } = checkProposal(draft, rules);
  const budget = draft.budget.map((row, i) => ({ row, amount: rowAmounts[i] })).filter(({ row }) => row.category || row.description || row.amount);
  return (
    <div className="space-y-6">
      <Part title="○ 現状・これまでの取組">
        <Text value={draft.currentSituation} />
      </Part>
      <Part title="● 今後の取組">
        <Text value={draft.plans} />
      </Part>
      {draft.secondYear ? (
        <Part title="1回目（前年度）の成果（2回目の提案）">
          <Text value={draft.firstYearResults} />
        </Part>
      ) : null}
      <Part title="実施する取組">
        <ul className="list-disc pl-6">
          {PROPOSAL_ACTIVITIES.filter((a) => draft.activities.includes(a.code)).map((a) => (
            <li key={a.code}>
              {a.label}
              {a.required && rules.kind === "model-platform" ? "（◎）" : ""}
            </li>
          ))}
        </ul>
      </Part>
      <Part title="プラットフォームの構成団体">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[20rem] border-collapse text-left">
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="p-2">
                  種別
                </th>
                <th scope="col" className="p-2 text-right">
                  団体数
                </th>
                <th scope="col" className="p-2">
                  団体名
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.members.map((m, i) => (
                <tr key={i} className="border-b border-solid-gray-200 align-top">
                  <td className="p-2 whitespace-nowrap">{MEMBER_KINDS[m.kind]}</td>
                  <td className="p-2 text-right tabular-nums">{m.count}</td>
                  <td className="p-2 whitespace-pre-wrap break-words">{m.names}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Part>
      <Part title="実施スケジュール">
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[minmax(8rem,auto)_1fr]">
          {draft.schedule.map((s, i) => (
            <div key={i} className="contents">
              <dt className="font-bold break-words">{s.months}</dt>
              <dd className="break-words">{s.what}</dd>
            </div>
          ))}
        </dl>
      </Part>
      <Part title="所要額（委託：上限額以内、全額）">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[20rem] border-collapse text-left">
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="p-2">
                  費目
                </th>
                <th scope="col" className="p-2">
                  内容
                </th>
                <th scope="col" className="p-2 text-right">
                  金額
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.map(({ row, amount }, i) => (
                <tr key={i} className="border-b border-solid-gray-200 align-top">
                  <td className="p-2 whitespace-nowrap">{row.category}</td>
                  <td className="p-2 break-words">{row.description}</td>
                  <td className="p-2 text-right tabular-nums whitespace-nowrap">{amount === null || amount === undefined ? row.amount : formatYen(amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {totalsByCategory(draft, rowAmounts).map((t) => (
                <tr key={t.category}>
                  <th scope="row" colSpan={2} className="p-2 text-right font-normal">
                    {t.category} 小計
                  </th>
                  <td className="p-2 text-right tabular-nums">{formatYen(t.amount)}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-solid-gray-900">
                <th scope="row" colSpan={2} className="p-2 text-right">
                  合計（提案額）
                </th>
                <td className="p-2 text-right font-bold tabular-nums">{formatYen(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="text-dns-16N-130 text-solid-gray-700">この公募の1件あたりの上限額：{formatYen(rules.ceiling)}</p>
      </Part>
    </div>
  );
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-std-20B-150">{title}</h3>
      {children}
    </section>
  );
}

function Text({ value }: { value: string }) {
  return value.trim() ? <p className="whitespace-pre-wrap break-words">{value}</p> : <p className="text-solid-gray-700">（記入なし）</p>;
}
