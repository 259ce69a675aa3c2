import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { APPLICATION_STATES, STATE_LABELS, type ApplicationState } from "~/domain/application-states";
import { formatYen } from "~/domain/money";
import { PREFECTURES } from "~/domain/prefectures";
import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { INBOX_PAGE_SIZE, INBOX_SORTS, inboxHref, type InboxFilter } from "~/forms/inbox-filter";
import { inputClass, secondaryButtonClass } from "./forms";
import { InboxDownloads } from "./inbox-downloads";

/** What the reviewer does next, in the reviewer's words (the applicant's list speaks to the applicant). */
const REVIEWER_NEXT_STEP: Record<ApplicationState, string> = {
  draft: "申請者が作成中です。",
  submitted: "審査を開始してください。",
  under_review: "審査し、交付決定・不交付・差戻しのいずれかを行ってください。",
  returned: "申請者の再提出を待っています。",
  decided: "概算払請求・変更申請・実績報告を待っています。",
  rejected: "対応は不要です（不交付）。",
  change_requested: "変更交付申請を審査してください。",
  withdrawn: "取下げ・中止の届を確認してください。",
  reported: "実績報告を審査し、額を確定してください。",
  confirmed: "精算払・返還を確認し、完了してください。",
  closed: "対応は不要です（完了）。",
};

export interface InboxItem {
  id: number;
  organisation: string;
  prefecture: string;
  fiscalYear: number;
  programme: Programme;
  state: ApplicationState;
  version: number;
  /** The first version's date in Japan, "YYYY/MM/DD". */
  submittedOn: string;
  /** Days since the latest version while the application waits on the reviewer. */
  daysWaiting: number | null;
  requestedAmount: number | null;
}

const SELECTABLE_STATES = APPLICATION_STATES.filter((s) => s !== "draft");

/** The reviewer's inbox: a filter in the address (works without JavaScript), counts per state, one page of rows. */
export function ReviewerInbox({
  filter,
  items,
  counts,
  total,
  pages,
  fiscalYears,
}: {
  filter: InboxFilter;
  items: InboxItem[];
  counts: Record<ApplicationState, number>;
  total: number;
  pages: number;
  fiscalYears: number[];
}) {
  const first = total === 0 ? 0 : (filter.page - 1) * INBOX_PAGE_SIZE + 1;
  const last = Math.min(total, filter.page * INBOX_PAGE_SIZE);
  return (
    <div className="space-y-4">
      <Form
        key={inboxHref(filter, { page: filter.page })}
        method="get"
        action="/applications"
        className="space-y-3 rounded-8 border border-solid-gray-420 p-4"
        aria-label="絞り込み"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Select name="fiscalYear" label="年度" value={filter.fiscalYear === null ? "" : String(filter.fiscalYear)}>
            <option value="">すべて</option>
            {fiscalYears.map((year) => (
              <option key={year} value={year}>
                {fiscalYearLabel(year)}
              </option>
            ))}
          </Select>
          <Select name="programme" label="事業" value={filter.programme ?? ""}>
            <option value="">すべて</option>
            {PROGRAMMES.map((p) => (
              <option key={p} value={p}>
                {PROGRAMME_NAMES[p]}
              </option>
            ))}
          </Select>
          <Select name="prefecture" label="都道府県" value={filter.prefecture ?? ""}>
            <option value="">すべて</option>
            {PREFECTURES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </Select>
          <div className="space-y-1">
            <label htmlFor="inbox-q" className="block text-std-16B-170">
              申請者名・法人番号
            </label>
            <input id="inbox-q" name="q" type="search" defaultValue={filter.q} maxLength={100} className={inputClass} />
          </div>
        </div>
        <fieldset>
          <legend className="text-std-16B-170">状態（件数は上の条件での件数）</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {SELECTABLE_STATES.map((state) => (
              <label key={state} className="inline-flex items-center gap-1">
                <input type="checkbox" name="state" value={state} defaultChecked={filter.states.includes(state)} />
                {STATE_LABELS[state]}（{counts[state].toLocaleString("ja-JP")}）
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <Select name="sort" label="並び順" value={filter.sort}>
            {Object.entries(INBOX_SORTS).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {label}
              </option>
            ))}
          </Select>
          <button type="submit" className={secondaryButtonClass}>
            絞り込む
          </button>
          <Link to="/applications" className="text-key-800 underline">
            条件をすべて外す
          </Link>
        </div>
      </Form>

      <p role="status">
        {total === 0
          ? "条件に合う申請はありません。"
          : `${total.toLocaleString("ja-JP")}件中 ${first.toLocaleString("ja-JP")}〜${last.toLocaleString("ja-JP")}件目`}
      </p>
      <InboxDownloads filter={filter} />

      {items.length > 0 ? (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[56rem] border-collapse text-left text-dns-16N-130">
            <caption className="sr-only">審査する交付申請の一覧</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="min-w-[10rem] py-2 pr-3">
                  申請者
                </th>
                <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                  都道府県
                </th>
                <th scope="col" className="py-2 pr-3">
                  年度・事業
                </th>
                <th scope="col" className="py-2 pr-3">
                  状態
                </th>
                <th scope="col" className="py-2 pr-3">
                  提出日
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  待ち日数
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  申請額
                </th>
                <th scope="col" className="py-2">
                  次にすること
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className="border-b border-solid-gray-200 align-top">
                  <td className="py-2 pr-3">
                    <Link to={`/applications/${a.id}`} className="text-key-800 underline">
                      {a.organisation}
                    </Link>
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{a.prefecture}</td>
                  <td className="py-2 pr-3">
                    {fiscalYearLabel(a.fiscalYear)} {PROGRAMME_NAMES[a.programme]}
                  </td>
                  <td className="py-2 pr-3">
                    {STATE_LABELS[a.state]}（第{a.version}版）
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{a.submittedOn}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{a.daysWaiting === null ? "—" : `${a.daysWaiting}日`}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{a.requestedAmount === null ? "—" : formatYen(a.requestedAmount)}</td>
                  <td className="py-2">{REVIEWER_NEXT_STEP[a.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {pages > 1 ? (
        <nav aria-label="ページ" className="flex flex-wrap items-center gap-4">
          {filter.page > 1 ? (
            <Link to={inboxHref(filter, { page: filter.page - 1 })} className="text-key-800 underline">
              前のページ
            </Link>
          ) : null}
          <span>
            {filter.page} / {pages} ページ
          </span>
          {filter.page < pages ? (
            <Link to={inboxHref(filter, { page: filter.page + 1 })} className="text-key-800 underline">
              次のページ
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function Select({ name, label, value, children }: { name: string; label: string; value: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`inbox-${name}`} className="block text-std-16B-170">
        {label}
      </label>
      <select id={`inbox-${name}`} name={name} defaultValue={value} className={inputClass}>
        {children}
      </select>
    </div>
  );
}
