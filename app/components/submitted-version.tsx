import type { ReactNode } from "react";
import { DELEGATION_METHODS, lineAmount, MENU2_PLAN_FIELDS, PLATFORM_MEMBER_KINDS } from "~/domain/application-draft";
import { ATTACHMENT_DOCUMENT_TYPES } from "~/domain/file-types";
import { formatYen } from "~/domain/money";
import { prefectureName } from "~/domain/prefectures";
import { activityLabel, expenseCategoryName } from "~/domain/programmes";
import type { SubmittedSnapshot } from "~/domain/submitted-version";

/**
 * What was submitted as one version, read-only: the plan (with the 委託・補助 and the platform's or the
 * consortium's members), the budget lines numbered by their row in the form, the other income and its
 * breakdown, the warnings the applicant acknowledged, and the attachments. The version page and the
 * reviewer's workspace both show a version with it.
 *
 * `level` is the heading level of its sections; `linkable` the attachments that can still be downloaded
 * (a file removed after a return is listed with its hash, without a link).
 */
export function SubmittedVersionContent({
  applicationId,
  snapshot,
  linkable,
  level = 2,
}: {
  applicationId: number;
  snapshot: Pick<SubmittedSnapshot, "programme" | "draft" | "calculation" | "requestedAmount" | "acknowledgedWarnings" | "attachments">;
  linkable: readonly number[];
  level?: 2 | 3;
}) {
  const { draft } = snapshot;
  const menu1 = snapshot.programme === "prefectural";
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const heading = level === 2 ? "text-std-24B-150" : "text-std-20B-150";
  const sub = "text-std-18B-160";
  return (
    <div className="space-y-8">
      <section aria-labelledby="submitted-plan-heading" className="space-y-3">
        <H id="submitted-plan-heading" className={heading}>
          事業計画
        </H>
        {draft.documentNumber.trim() ? <p>文書番号：{draft.documentNumber.trim()}</p> : null}
        <Sub className={sub}>事業の目的</Sub>
        <Text value={draft.purpose} />
        {menu1 ? (
          <>
            <Sub className={sub}>実施する事業</Sub>
            <ul className="space-y-3">
              {draft.activities.map((a) => (
                <li key={a.code} className="rounded-8 border border-solid-gray-200 p-3">
                  <p className="text-std-16B-170">{activityLabel(a.code)}</p>
                  <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-dns-16N-130">
                    <dt className="text-solid-gray-700">実施内容</dt>
                    <dd className="whitespace-pre-wrap break-words">{a.content || "（記載なし）"}</dd>
                    <dt className="text-solid-gray-700">実施月</dt>
                    <dd>{a.months.length ? a.months.map((m) => `${m}月`).join("・") : "（記載なし）"}</dd>
                    <dt className="text-solid-gray-700">指標</dt>
                    <dd className="break-words">{a.indicators || "（記載なし）"}</dd>
                  </dl>
                </li>
              ))}
            </ul>
            <Sub className={sub}>プラットフォームの構成団体</Sub>
            <List
              empty="記載はありません。"
              items={draft.platformMembers.map((m) => `${m.name}（${PLATFORM_MEMBER_KINDS[m.kind]}${m.role ? `・${m.role}` : ""}）`)}
            />
            <Sub className={sub}>委託・補助により実施する事業</Sub>
            {draft.delegations.length === 0 ? (
              <p>委託・補助はありません。</p>
            ) : (
              <Table caption="委託・補助により実施する事業" head={["事業", "方法", "委託先・補助先", "内容"]}>
                {draft.delegations.map((d, i) => (
                  <tr key={i} className="border-b border-solid-gray-200 align-top">
                    <td className="py-1 pr-2">{activityLabel(d.activity) || "—"}</td>
                    <td className="py-1 pr-2 whitespace-nowrap">{DELEGATION_METHODS[d.method]}</td>
                    <td className="py-1 pr-2 break-words">{d.recipient || "—"}</td>
                    <td className="py-1 break-words">{d.content || "—"}</td>
                  </tr>
                ))}
              </Table>
            )}
          </>
        ) : (
          <>
            <Sub className={sub}>実施体制{draft.consortium ? "（コンソーシアム）" : ""}</Sub>
            <List
              empty="記載はありません。"
              items={draft.members.map(
                (m, i) =>
                  `${i === 0 ? "代表団体" : `構成団体${i}`}：${m.name}（法人番号 ${m.corporateNumber || "なし"}）${m.role ? ` ${m.role}` : ""}${m.share ? ` 分担：${m.share}` : ""}`,
              )}
            />
            <Sub className={sub}>活動区域</Sub>
            <p>{draft.areaPrefectures.map((c) => prefectureName(c) ?? c).join("、") || "（記載なし）"}</p>
            {draft.areaJustification ? (
              <>
                <Sub className={sub}>1つの都道府県で行う理由</Sub>
                <Text value={draft.areaJustification} />
              </>
            ) : null}
            {MENU2_PLAN_FIELDS.map(([key, label]) =>
              draft.plan[key] ? (
                <div key={key} className="space-y-1">
                  <Sub className={sub}>{label}</Sub>
                  <Text value={draft.plan[key]} />
                  <p className="text-dns-16N-130">
                    実施月：{draft.planMonths[key].length ? draft.planMonths[key].map((m) => `${m}月`).join("・") : "（記載なし）"}
                  </p>
                </div>
              ) : null,
            )}
          </>
        )}
      </section>

      <section aria-labelledby="submitted-budget-heading" className="space-y-3">
        <H id="submitted-budget-heading" className={heading}>
          所要額
        </H>
        <Table
          caption="所要額の明細"
          minWidth="min-w-[36rem]"
          head={["行", "経費区分", ...(menu1 ? ["活動"] : draft.consortium ? ["構成団体"] : []), "内容", "金額"]}
          numeric={[false, false, ...(menu1 || draft.consortium ? [false] : []), false, true]}
        >
          {draft.lines.map((line, i) => {
            const amount = lineAmount(line);
            if (!line.category && !amount.ok) return null;
            return (
              <tr key={i} className="border-b border-solid-gray-200 align-top">
                <th scope="row" className="py-1 pr-2 text-left font-normal tabular-nums">
                  {i + 1}
                </th>
                <td className="py-1 pr-2 whitespace-nowrap">{expenseCategoryName(line.category)}</td>
                {menu1 ? (
                  <td className="py-1 pr-2">{activityLabel(line.activity)}</td>
                ) : draft.consortium ? (
                  <td className="py-1 pr-2">{line.member === "" ? "全体" : (draft.members[Number(line.member)]?.name ?? "—")}</td>
                ) : null}
                <td className="py-1 pr-2 break-words">
                  {line.description}
                  {line.quantity.trim() ? <span className="block text-dns-14N-130 text-solid-gray-700">{`${line.quantity} × ${line.unitPrice}`}</span> : null}
                </td>
                <td className="py-1 text-right whitespace-nowrap tabular-nums">{amount.ok ? formatYen(amount.value) : "—"}</td>
              </tr>
            );
          })}
        </Table>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
          <dt>寄付金その他の収入額</dt>
          <dd className="text-right tabular-nums">{formatYen(snapshot.calculation.otherIncome)}</dd>
          <dt>収入の内訳</dt>
          <dd className="text-right break-words">{draft.otherIncomeSource || "（記載なし）"}</dd>
          <dt className="font-bold">交付申請額</dt>
          <dd className="text-right font-bold tabular-nums">{formatYen(snapshot.requestedAmount)}</dd>
        </dl>
      </section>

      <section aria-labelledby="submitted-warnings-heading" className="space-y-3">
        <H id="submitted-warnings-heading" className={heading}>
          申請者が確認した確認事項
        </H>
        {snapshot.acknowledgedWarnings.length === 0 ? (
          <p>提出時の確認事項はありませんでした。</p>
        ) : (
          <>
            <p className="text-dns-16N-130 text-solid-gray-700">申請者は、提出の際に次の確認事項を確認したとしています。</p>
            <ul className="list-disc space-y-1 pl-6 text-orange-1000">
              {snapshot.acknowledgedWarnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="submitted-attachments-heading" className="space-y-3">
        <H id="submitted-attachments-heading" className={heading}>
          添付書類
        </H>
        {snapshot.attachments.length === 0 ? (
          <p>添付書類はありません。</p>
        ) : (
          <ul className="space-y-2">
            {snapshot.attachments.map((a) => (
              <li key={a.sha256 + a.file_name}>
                <span className="text-dns-14N-130 text-solid-gray-700">
                  {ATTACHMENT_DOCUMENT_TYPES[a.document_type as keyof typeof ATTACHMENT_DOCUMENT_TYPES] ?? a.document_type}：
                </span>
                {linkable.includes(a.id) ? (
                  <a href={`/applications/${applicationId}/attachments/${a.id}`} className="break-all text-key-800 underline">
                    {a.file_name}
                  </a>
                ) : (
                  <span className="break-all">{a.file_name}（削除済み）</span>
                )}
                （{Math.ceil(a.size_bytes / 1024).toLocaleString("ja-JP")} KB）
                <span className="block break-all font-mono text-dns-14N-130">SHA-256: {a.sha256}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Text({ value }: { value: string }) {
  return <p className="whitespace-pre-wrap break-words">{value || "（記載なし）"}</p>;
}

function List({ items, empty }: { items: string[]; empty: string }) {
  return items.length === 0 ? (
    <p>{empty}</p>
  ) : (
    <ul className="list-disc space-y-1 pl-6">
      {items.map((item, i) => (
        <li key={i} className="break-words">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** A table that scrolls in its own box when the screen is narrower than it. */
function Table({
  caption,
  head,
  numeric = [],
  minWidth = "",
  children,
}: {
  caption: string;
  head: string[];
  numeric?: boolean[];
  /** Narrower than this, the table scrolls in its box rather than squeezing its columns. */
  minWidth?: string;
  children: ReactNode;
}) {
  // A box that may scroll sideways is reachable by keyboard, so its hidden columns can be scrolled to (the
  // scrollable-region pattern axe asks for, which this lint rule does not know).
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className={`w-full border-collapse text-left text-dns-16N-130 ${minWidth}`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            {head.map((h, i) => (
              <th key={h} scope="col" className={`py-2 pr-2 ${numeric[i] ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
