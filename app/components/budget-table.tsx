import { budgetTotals, EMPTY_BUDGET_LINE, type ApplicationDraft } from "~/forms/application";
import { formatYen, tidyYenInput } from "~/domain/money";
import { EXPENSE_CATEGORIES, EXPENSE_CATEGORY_NAMES, MENU1_ACTIVITIES, type Programme } from "~/domain/programmes";
import { describedBy, Notes, type FieldNotes } from "./application-fields";
import { fieldId } from "./forms";

const cellInput =
  "w-full min-w-0 rounded-4 border border-solid-gray-600 bg-white px-2 py-1 text-dns-16N-130 aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-2";

/**
 * 所要額: one row per budget line, with either an amount or quantity × unit price, and the totals per
 * category and per activity (Menu 1) or consortium member (Menu 2).
 */
export function BudgetTable({
  draft,
  programme,
  notes,
  lineAmounts,
  update,
}: {
  draft: ApplicationDraft;
  programme: Programme;
  notes: Record<string, FieldNotes>;
  lineAmounts: readonly (number | null)[];
  update: (change: (d: ApplicationDraft) => void) => void;
}) {
  const menu1 = programme === "prefectural";
  const byMember = !menu1 && draft.consortium;
  const totals = budgetTotals(draft, lineAmounts);
  const setLine = (i: number, key: keyof ApplicationDraft["lines"][number], value: string) =>
    update((d) => void (d.lines[i]![key] = value));

  return (
    <div className="space-y-4">
      <p className="text-dns-16N-130 text-solid-gray-700">
        金額は円単位で入力します。全角数字・カンマ・「円」も使えます。数量と単価を入れると金額は自動で計算します。空の行は計算に含めません。
      </p>
      <div className="overflow-x-auto" id={fieldId("lines")} tabIndex={-1}>
        <table className="w-full min-w-[56rem] border-collapse text-left">
          <caption className="sr-only">所要額の明細</caption>
          <thead>
            <tr className="border-b border-solid-gray-420 text-dns-14B-130">
              <th scope="col" className="w-10 py-2">行</th>
              <th scope="col" className="py-2">経費区分</th>
              {menu1 ? <th scope="col" className="py-2">活動</th> : null}
              {byMember ? <th scope="col" className="py-2">構成団体</th> : null}
              <th scope="col" className="py-2">内容</th>
              <th scope="col" className="w-20 py-2">数量</th>
              <th scope="col" className="w-28 py-2">単価（円）</th>
              <th scope="col" className="w-32 py-2">金額（円）</th>
              <th scope="col" className="w-16 py-2">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.lines.map((line, i) => {
              const p = (key: string) => `lines.${i}.${key}`;
              const computed = Boolean(line.quantity.trim() || line.unitPrice.trim());
              return (
                <tr key={i} className="border-b border-solid-gray-200 align-top">
                  <th scope="row" className="py-2 pr-2 text-dns-14N-130">
                    {i + 1}
                  </th>
                  <td className="py-2 pr-2">
                    <select
                      id={fieldId(p("category"))}
                      name={p("category")}
                      aria-label={`明細${i + 1} 経費区分`}
                      value={line.category}
                      onChange={(e) => setLine(i, "category", e.target.value)}
                      className={cellInput}
                      {...describedBy(p("category"), notes[p("category")])}
                    >
                      <option value="">選択</option>
                      {EXPENSE_CATEGORIES.filter((c) => menu1 || c !== "subsidies").map((c) => (
                        <option key={c} value={c}>
                          {EXPENSE_CATEGORY_NAMES[c]}
                        </option>
                      ))}
                    </select>
                    <Notes path={p("category")} notes={notes[p("category")]} />
                  </td>
                  {menu1 ? (
                    <td className="py-2 pr-2">
                      <select
                        id={fieldId(p("activity"))}
                        name={p("activity")}
                        aria-label={`明細${i + 1} 活動`}
                        value={line.activity}
                        onChange={(e) => setLine(i, "activity", e.target.value)}
                        className={cellInput}
                        {...describedBy(p("activity"), notes[p("activity")])}
                      >
                        <option value="">選択</option>
                        {MENU1_ACTIVITIES.map((a) => (
                          <option key={a.code} value={a.code}>
                            {a.code === "platform" ? "1 プラットフォーム" : `${a.label} ${a.name}`}
                          </option>
                        ))}
                      </select>
                      <Notes path={p("activity")} notes={notes[p("activity")]} />
                    </td>
                  ) : null}
                  {byMember ? (
                    <td className="py-2 pr-2">
                      <select
                        id={fieldId(p("member"))}
                        name={p("member")}
                        aria-label={`明細${i + 1} 構成団体`}
                        value={line.member}
                        onChange={(e) => setLine(i, "member", e.target.value)}
                        className={cellInput}
                      >
                        <option value="">全体</option>
                        {draft.members.map((m, index) => (
                          <option key={index} value={String(index)}>
                            {m.name || `構成団体${index}`}
                          </option>
                        ))}
                      </select>
                    </td>
                  ) : null}
                  <td className="py-2 pr-2">
                    <input
                      id={fieldId(p("description"))}
                      name={p("description")}
                      aria-label={`明細${i + 1} 内容`}
                      value={line.description}
                      onChange={(e) => setLine(i, "description", e.target.value)}
                      className={cellInput}
                    />
                  </td>
                  <td className="py-2 pr-2">
                    <input
                      id={fieldId(p("quantity"))}
                      name={p("quantity")}
                      aria-label={`明細${i + 1} 数量`}
                      inputMode="numeric"
                      value={line.quantity}
                      onChange={(e) => setLine(i, "quantity", e.target.value)}
                      className={`${cellInput} text-right`}
                      {...describedBy(p("quantity"), notes[p("quantity")])}
                    />
                    <Notes path={p("quantity")} notes={notes[p("quantity")]} />
                  </td>
                  <td className="py-2 pr-2">
                    <input
                      id={fieldId(p("unitPrice"))}
                      name={p("unitPrice")}
                      aria-label={`明細${i + 1} 単価`}
                      inputMode="numeric"
                      value={line.unitPrice}
                      onChange={(e) => setLine(i, "unitPrice", e.target.value)}
                      onBlur={(e) => setLine(i, "unitPrice", tidyYenInput(e.target.value))}
                      className={`${cellInput} text-right`}
                      {...describedBy(p("unitPrice"), notes[p("unitPrice")])}
                    />
                    <Notes path={p("unitPrice")} notes={notes[p("unitPrice")]} />
                  </td>
                  <td className="py-2 pr-2">
                    {computed ? (
                      <>
                        <output id={fieldId(p("amount"))} aria-label={`明細${i + 1} 金額`} className="block py-1 text-right tabular-nums">
                          {lineAmounts[i] === null || lineAmounts[i] === undefined ? "—" : formatYen(lineAmounts[i]!)}
                        </output>
                        <input type="hidden" name={p("amount")} value={line.amount} />
                      </>
                    ) : (
                      <input
                        id={fieldId(p("amount"))}
                        name={p("amount")}
                        aria-label={`明細${i + 1} 金額`}
                        inputMode="numeric"
                        value={line.amount}
                        onChange={(e) => setLine(i, "amount", e.target.value)}
                        onBlur={(e) => setLine(i, "amount", tidyYenInput(e.target.value))}
                        className={`${cellInput} text-right`}
                        {...describedBy(p("amount"), notes[p("amount")])}
                      />
                    )}
                    <Notes path={p("amount")} notes={notes[p("amount")]} />
                  </td>
                  <td className="py-2">
                    <button
                      type="submit"
                      name="intent"
                      value={`remove:lines:${i}`}
                      formNoValidate
                      onClick={(e) => {
                        e.preventDefault();
                        update((d) => void d.lines.splice(i, 1));
                      }}
                      className="text-dns-14N-130 text-key-800 underline"
                      aria-label={`明細${i + 1}を削除`}
                    >
                      削除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Notes path="lines" notes={notes.lines} />
      <button
        type="submit"
        name="intent"
        value="add:lines"
        formNoValidate
        onClick={(e) => {
          e.preventDefault();
          update((d) => void d.lines.push({ ...EMPTY_BUDGET_LINE }));
        }}
        className="rounded-8 border border-key-800 px-4 py-2 text-key-800 hover:bg-key-50"
      >
        明細を1行追加
      </button>

      <div className="grid gap-6 sm:grid-cols-2">
        <TotalsTable
          caption="経費区分ごとの合計"
          rows={EXPENSE_CATEGORIES.filter((c) => totals.byCategory.has(c)).map((c) => [EXPENSE_CATEGORY_NAMES[c], totals.byCategory.get(c)!])}
        />
        {menu1 ? (
          <TotalsTable
            caption="活動ごとの合計"
            rows={MENU1_ACTIVITIES.filter((a) => totals.byActivity.has(a.code)).map((a) => [
              a.code === "platform" ? "1 プラットフォーム" : `${a.label} ${a.name}`,
              totals.byActivity.get(a.code)!,
            ])}
          />
        ) : byMember ? (
          <TotalsTable
            caption="構成団体ごとの合計"
            rows={[...totals.byMember.entries()].map(([member, amount]) => [
              member === "" ? "全体" : (draft.members[Number(member)]?.name ?? `構成団体${member}`),
              amount,
            ])}
          />
        ) : null}
      </div>
    </div>
  );
}

function TotalsTable({ caption, rows }: { caption: string; rows: [string, number][] }) {
  return (
    <table className="w-full border-collapse text-left text-dns-16N-130">
      <caption className="mb-1 text-left text-std-16B-170">{caption}</caption>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td className="py-1 text-solid-gray-700">明細を入力すると表示されます。</td>
          </tr>
        ) : (
          rows.map(([label, amount]) => (
            <tr key={label} className="border-b border-solid-gray-200">
              <th scope="row" className="py-1 pr-2 font-normal">
                {label}
              </th>
              <td className="py-1 text-right tabular-nums">{formatYen(amount)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
