import { Fragment } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { describedBy, Notes, ReviewerComments, useDraftField, type FieldNotes } from "~/components/application-fields";
import { fieldId } from "~/components/forms";
import { budgetTotals, NEW_ROWS, SHORT_TEXT_LIMIT, type ApplicationDraft } from "~/domain/application-draft";
import { formatYen, tidyYenInput } from "~/domain/money";
import { EXPENSE_CATEGORIES, EXPENSE_CATEGORY_NAMES, MENU1_ACTIVITIES, type Programme } from "~/domain/programmes";
import { RowButton } from "~/components/row-button";

const cellInput =
  "w-full min-w-0 rounded-4 border border-solid-gray-600 bg-white px-2 py-1 text-dns-16N-130 aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-2";

type LinePath = `lines.${number}.${keyof ApplicationDraft["lines"][number]}`;

/** One cell of a budget line: a text input, or a select when given options. */
function Cell({
  path,
  label,
  notes,
  numeric = false,
  options,
  rowComment,
}: {
  path: LinePath;
  label: string;
  notes?: FieldNotes;
  numeric?: boolean;
  options?: readonly (readonly [string, string])[];
  /** The id of the reviewer's comments on the whole line, read with each of its cells. */
  rowComment?: string;
}) {
  const field = useDraftField(path, numeric && !path.endsWith("quantity") ? tidyYenInput : undefined);
  const own = describedBy(path, notes);
  const described = [own["aria-describedby"], rowComment].filter(Boolean).join(" ");
  const aria = { id: fieldId(path), "aria-label": label, ...own, "aria-describedby": described || undefined };
  return (
    <>
      {options ? (
        <select {...field} {...aria} className={cellInput}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...field}
          {...aria}
          maxLength={SHORT_TEXT_LIMIT}
          inputMode={numeric ? "numeric" : undefined}
          className={`${cellInput} ${numeric ? "text-right" : ""}`}
        />
      )}
      {notes ? <Notes path={path} notes={notes} /> : null}
    </>
  );
}

const activityOptions = [
  ["", "選択"],
  ...MENU1_ACTIVITIES.map((a) => [a.code, a.code === "platform" ? "1 プラットフォーム" : `${a.label} ${a.name}`] as const),
] as const;

/**
 * 所要額: one row per budget line, with either an amount or quantity × unit price, and the totals per
 * category and per activity (Menu 1) or consortium member (Menu 2). `draft` is the form's current values.
 */
export function BudgetTable({
  draft,
  programme,
  notes,
  lineAmounts,
}: {
  draft: ApplicationDraft;
  programme: Programme;
  notes: Record<string, FieldNotes>;
  lineAmounts: readonly (number | null)[];
}) {
  const { control, register } = useFormContext<ApplicationDraft>();
  const rows = useFieldArray({ control, name: "lines" });
  const menu1 = programme === "prefectural";
  const byMember = !menu1 && draft.consortium;
  const totals = budgetTotals(draft, lineAmounts);
  const categories = [
    ["", "選択"],
    ...EXPENSE_CATEGORIES.filter((c) => menu1 || c !== "subsidies").map((c) => [c, EXPENSE_CATEGORY_NAMES[c]] as const),
  ] as const;
  // 行, 経費区分, (活動 | 構成団体), 内容, 数量, 単価, 金額, 操作
  const columns = 7 + (menu1 ? 1 : 0) + (byMember ? 1 : 0);
  const memberOptions = [["", "全体"], ...draft.members.map((m, index) => [String(index), m.name || `構成団体${index}`] as const)] as const;

  return (
    <div className="space-y-4">
      <p className="text-dns-16N-130 text-solid-gray-700">
        金額は円単位で入力します。全角数字・カンマ・「円」も使えます。数量と単価を入れると金額は自動で計算します。空の行は計算に含めません。
      </p>
      <Notes path="lines" notes={notes.lines} />
      <div className="relative overflow-x-auto" id={fieldId("lines")} tabIndex={-1}>
        <table className="w-full min-w-[56rem] border-collapse text-left">
          <caption className="sr-only">所要額の明細</caption>
          <thead>
            <tr className="border-b border-solid-gray-420 text-dns-14B-130">
              <th scope="col" className="w-10 py-2">
                行
              </th>
              <th scope="col" className="py-2">
                経費区分
              </th>
              {menu1 ? (
                <th scope="col" className="py-2">
                  活動
                </th>
              ) : null}
              {byMember ? (
                <th scope="col" className="py-2">
                  構成団体
                </th>
              ) : null}
              <th scope="col" className="py-2">
                内容
              </th>
              <th scope="col" className="w-20 py-2">
                数量
              </th>
              <th scope="col" className="w-28 py-2">
                単価（円）
              </th>
              <th scope="col" className="w-32 py-2">
                金額（円）
              </th>
              <th scope="col" className="w-16 py-2">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.fields.map((row, i) => {
              const p = <K extends keyof ApplicationDraft["lines"][number]>(key: K) => `lines.${i}.${key}` as const;
              const line = draft.lines[i] ?? row;
              const computed = Boolean(line.quantity.trim() || line.unitPrice.trim());
              const amount = lineAmounts[i];
              const rowComments = notes[`lines.${i}`]?.comments;
              const rowComment = rowComments?.length ? `${fieldId(`lines.${i}`)}-comment` : undefined;
              const cells = (
                <tr key={row.id} className={`${rowComment ? "bg-yellow-50" : "border-b border-solid-gray-200"} align-top`}>
                  <th scope="row" className="py-2 pr-2 text-dns-14N-130">
                    {i + 1}
                  </th>
                  <td className="py-2 pr-2">
                    <Cell path={p("category")} rowComment={rowComment} label={`明細${i + 1} 経費区分`} notes={notes[p("category")]} options={categories} />
                  </td>
                  {menu1 ? (
                    <td className="py-2 pr-2">
                      <Cell path={p("activity")} rowComment={rowComment} label={`明細${i + 1} 活動`} notes={notes[p("activity")]} options={activityOptions} />
                    </td>
                  ) : null}
                  {byMember ? (
                    <td className="py-2 pr-2">
                      <Cell path={p("member")} rowComment={rowComment} label={`明細${i + 1} 構成団体`} options={memberOptions} />
                    </td>
                  ) : null}
                  <td className="py-2 pr-2">
                    <Cell path={p("description")} rowComment={rowComment} label={`明細${i + 1} 内容`} />
                  </td>
                  <td className="py-2 pr-2">
                    <Cell path={p("quantity")} rowComment={rowComment} label={`明細${i + 1} 数量`} notes={notes[p("quantity")]} numeric />
                  </td>
                  <td className="py-2 pr-2">
                    <Cell path={p("unitPrice")} rowComment={rowComment} label={`明細${i + 1} 単価`} notes={notes[p("unitPrice")]} numeric />
                  </td>
                  <td className="py-2 pr-2">
                    {computed ? (
                      <>
                        <output
                          id={fieldId(p("amount"))}
                          aria-label={`明細${i + 1} 金額`}
                          aria-describedby={rowComment}
                          className="block py-1 text-right tabular-nums"
                        >
                          {amount === null || amount === undefined ? "—" : formatYen(amount)}
                        </output>
                        <input type="hidden" {...register(p("amount"))} defaultValue={line.amount} />
                        <Notes path={p("amount")} notes={notes[p("amount")]} />
                      </>
                    ) : (
                      <Cell path={p("amount")} rowComment={rowComment} label={`明細${i + 1} 金額`} notes={notes[p("amount")]} numeric />
                    )}
                  </td>
                  <td className="py-2">
                    <RowButton intent={`remove:lines:${i}`} label="削除" description={`明細${i + 1}を削除`} onClick={() => rows.remove(i)} small />
                  </td>
                </tr>
              );
              if (!rowComment || !rowComments) return cells;
              // The comments on the line are in a row of their own right under it, across the whole table.
              return (
                <Fragment key={row.id}>
                  {cells}
                  <tr className="border-b border-solid-gray-200 bg-yellow-50">
                    <td />
                    <td colSpan={columns - 1} className="pb-2 pr-2">
                      <ReviewerComments id={rowComment} comments={rowComments} />
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <RowButton intent="add:lines" label="明細を1行追加" onClick={() => rows.append(NEW_ROWS.lines())} boxed />

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
