import type { ReactNode } from "react";
import { PageLinks } from "./page-links";
import { Form, Link } from "@remix-run/react";
import { APPLICATION_STATES, STATE_LABELS, type ApplicationState } from "~/domain/application-states";
import { formatYen } from "~/domain/money";
import { PREFECTURES } from "~/domain/prefectures";
import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { INBOX_PAGE_SIZE, INBOX_SORTS, inboxHref, type InboxFilter } from "~/forms/inbox-filter";
import { ASSIGNMENT_NOTICES } from "./assignment-panel";
import { FilterSelect, Notice, inputClass, secondaryButtonClass } from "./forms";
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
  discontinuation_requested: "中止（廃止）の承認申請を審査してください。",
  withdrawn: "取下げ・中止を確認し、実績報告を待つか完了してください。",
  reported: "実績報告を審査し、額を確定してください。",
  confirmed: "精算払・返還を確認し、完了してください。",
  cancelled: "返還命令を発行し、返還を確認して完了してください。",
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
  /** Days since it came to the reviewer, while it waits on the reviewer. */
  daysWaiting: number | null;
  requestedAmount: number | null;
  /** The decided amount in force; null before a decision. */
  decidedAmount: number | null;
  /** Paid less returned (既交付額). */
  netPaid: number;
  /** Warnings the applicant acknowledged in the latest version. */
  findings: number;
  reportLate: boolean;
  assignee: { id: number; name: string } | null;
}

const SELECTABLE_STATES = APPLICATION_STATES.filter((s) => s !== "draft");

/**
 * The reviewer's inbox: a filter in the address (works without JavaScript), counts per state, one page of
 * rows. By default the applications the viewer is in charge of; an empty view links to the others.
 */
export function ReviewerInbox({
  filter,
  items,
  counts,
  total,
  pages,
  fiscalYears,
  reviewers,
  viewerId,
  canAssign,
  notice,
}: {
  filter: InboxFilter;
  items: InboxItem[];
  counts: Record<ApplicationState, number>;
  total: number;
  pages: number;
  fiscalYears: number[];
  /** Every reviewer account, for the 担当 filter. */
  reviewers: { id: number; name: string; active: boolean }[];
  viewerId: number;
  /** Whether the viewer takes applications (a reviewer); an administrator reads the same list without the buttons. */
  canAssign: boolean;
  /** A change of assignment just made, from a row of this page. */
  notice: { intent: string; organisation: string } | null;
}) {
  const first = total === 0 ? 0 : (filter.page - 1) * INBOX_PAGE_SIZE + 1;
  const last = Math.min(total, filter.page * INBOX_PAGE_SIZE);
  const here = inboxHref(filter, { page: filter.page });
  return (
    <div className="space-y-4">
      {notice ? <Notice tone="success">{`${notice.organisation}：${ASSIGNMENT_NOTICES[notice.intent]}`}</Notice> : null}
      <Form key={here} method="get" action="/applications" className="space-y-3 rounded-8 border border-solid-gray-420 p-4" aria-label="絞り込み">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <FilterSelect form="inbox" name="assignee" label="担当" value={String(filter.assignee)}>
            {canAssign ? <option value="me">自分が担当</option> : null}
            <option value="nobody">未割当</option>
            <option value="all">すべて</option>
            {reviewers
              .filter((r) => r.id !== viewerId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.active ? r.name : `${r.name}（無効）`}
                </option>
              ))}
          </FilterSelect>
          <FilterSelect form="inbox" name="fiscalYear" label="年度" value={filter.fiscalYear === null ? "" : String(filter.fiscalYear)}>
            <option value="">すべて</option>
            {fiscalYears.map((year) => (
              <option key={year} value={year}>
                {fiscalYearLabel(year)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect form="inbox" name="programme" label="事業" value={filter.programme ?? ""}>
            <option value="">すべて</option>
            {PROGRAMMES.map((p) => (
              <option key={p} value={p}>
                {PROGRAMME_NAMES[p]}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect form="inbox" name="prefecture" label="都道府県" value={filter.prefecture ?? ""}>
            <option value="">すべて</option>
            {PREFECTURES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </FilterSelect>
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
                {`${STATE_LABELS[state]}（${counts[state].toLocaleString("ja-JP")}）`}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-std-16B-170">注意が必要なもの</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" name="findings" value="1" defaultChecked={filter.findings} />
              申請者が確認事項（警告）を確認して提出したもの
            </label>
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />
              実績報告が期限に遅れているもの
            </label>
          </div>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect form="inbox" name="sort" label="並び順" value={filter.sort}>
            {Object.entries(INBOX_SORTS).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {label}
              </option>
            ))}
          </FilterSelect>
          <button type="submit" className={secondaryButtonClass}>
            絞り込む
          </button>
          <Link to="/applications" className="text-key-800 underline">
            条件をすべて外す
          </Link>
        </div>
      </Form>

      <p role="status">
        {total > 0
          ? `${total.toLocaleString("ja-JP")}件中 ${first.toLocaleString("ja-JP")}〜${last.toLocaleString("ja-JP")}件目`
          : filter.assignee === "me"
            ? "あなたが担当する申請は、この条件ではありません。"
            : "条件に合う申請はありません。"}
      </p>
      <InboxDownloads filter={filter} />
      {total === 0 && filter.assignee === "me" ? (
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <Link to={inboxHref(filter, { assignee: "nobody" })} className="text-key-800 underline">
              担当者が決まっていない申請を見る（未割当）
            </Link>
          </li>
          <li>
            <Link to={inboxHref(filter, { assignee: "all" })} className="text-key-800 underline">
              すべての審査担当者の申請を見る
            </Link>
          </li>
        </ul>
      ) : null}

      {items.length > 0 ? (
        // At 390 px the table scrolls inside this box (reachable by keyboard); the page never widens.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to be scrolled by keyboard
        <div className="relative overflow-x-auto" role="region" aria-labelledby="inbox-caption" tabIndex={0}>
          <table className="inbox-table w-full min-w-[72rem] border-collapse text-left text-dns-16N-130">
            <caption id="inbox-caption" className="sr-only">
              審査する交付申請の一覧
            </caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="min-w-[10rem]">
                  申請者
                </th>
                <th scope="col" className="whitespace-nowrap">
                  都道府県
                </th>
                <th scope="col">年度・事業</th>
                <th scope="col">状態</th>
                <th scope="col">提出日</th>
                <th scope="col" className="text-right">
                  待ち日数
                </th>
                <th scope="col" className="text-right">
                  申請額
                </th>
                <th scope="col" className="text-right">
                  交付決定額
                </th>
                <th scope="col" className="text-right">
                  支払済額
                  <span className="block text-dns-14N-130">（返還差引後）</span>
                </th>
                <th scope="col">担当</th>
                <th scope="col">次にすること</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/applications/${a.id}`} className="text-key-800 underline">
                      {a.organisation}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">{a.prefecture}</td>
                  <td>{`${fiscalYearLabel(a.fiscalYear)} ${PROGRAMME_NAMES[a.programme]}`}</td>
                  <td>
                    {`${STATE_LABELS[a.state]}（第${a.version}版）`}
                    {a.findings > 0 ? <Flag>{`確認事項${a.findings}件`}</Flag> : null}
                    {a.reportLate ? <Flag>実績報告の遅れ</Flag> : null}
                  </td>
                  <td className="tabular-nums">{a.submittedOn}</td>
                  <td className="amount">{a.daysWaiting === null ? "—" : `${a.daysWaiting}日`}</td>
                  <td className="amount">{a.requestedAmount === null ? "—" : formatYen(a.requestedAmount)}</td>
                  <td className="amount">{a.decidedAmount === null ? "—" : formatYen(a.decidedAmount)}</td>
                  <td className="amount">{a.decidedAmount === null && a.netPaid === 0 ? "—" : formatYen(a.netPaid)}</td>
                  <td>
                    {a.assignee ? (
                      `${a.assignee.name}${a.assignee.id === viewerId ? "（あなた）" : ""}`
                    ) : canAssign ? (
                      <>
                        <span className="block">未割当</span>
                        {/* Every row's button posts the one form below the table, to its own application. */}
                        <button
                          type="submit"
                          form="inbox-take"
                          formAction={`/applications/${a.id}/assignment`}
                          name="intent"
                          value="take"
                          className={`${secondaryButtonClass} mt-1 whitespace-nowrap`}
                          aria-label={`担当する（${a.organisation}）`}
                        >
                          担当する
                        </button>
                      </>
                    ) : (
                      "未割当"
                    )}
                  </td>
                  <td>{REVIEWER_NEXT_STEP[a.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canAssign ? (
            <form id="inbox-take" method="post">
              <input type="hidden" name="current" value="" />
              <input type="hidden" name="redirectTo" value={here} />
            </form>
          ) : null}
        </div>
      ) : null}

      <PageLinks current={filter.page} pages={pages} hrefFor={(page) => inboxHref(filter, { page })} />
    </div>
  );
}

function Flag({ children }: { children: ReactNode }) {
  return <span className="mt-1 block w-fit rounded-4 border border-warning-orange-2 px-1 text-dns-14N-130">{children}</span>;
}
