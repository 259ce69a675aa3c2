import { Form, Link } from "@remix-run/react";
import { STATE_LABELS, type ApplicationState } from "~/domain/application-states";
import { formatYen } from "~/domain/money";
import { PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { Notice, primaryButtonClass } from "./forms";

const NEXT_STEP: Record<ApplicationState, string> = {
  draft: "入力を続けて、締切までに提出してください。",
  submitted: "提出済みです。審査をお待ちください。",
  under_review: "審査中です。",
  returned: "差し戻されました。コメントのある項目を修正して再提出してください。",
  decided: "交付決定を受けました。",
  rejected: "不交付の決定を受けました。",
  change_requested: "変更交付申請の審査中です。",
  discontinuation_requested: "事業の中止（廃止）の承認申請の審査中です。",
  withdrawn: "取下げ・中止の手続き中です。",
  reported: "実績報告の審査中です。",
  confirmed: "額が確定しました。",
  cancelled: "交付決定が取り消されました。返還命令があれば納期限までに返還してください。",
  closed: "完了しました。",
};

export interface ApplicationListItem {
  id: number;
  programme: Programme;
  fiscal_year: number;
  state: ApplicationState;
  latest_version: number;
  organisation_name: string;
  requested_amount: number | null;
}

export function ApplicationList({
  applications,
  showOrganisation,
  canStart,
  extension = null,
}: {
  applications: ApplicationListItem[];
  showOrganisation: boolean;
  /** The programme-year this organisation may start an application for, when it has none yet. */
  canStart: { fiscalYear: number; programme: Programme; deadline: string | null } | null;
  /** The organisation's own later deadline of the current year (締切の延長), when it has one. */
  extension?: { fiscalYear: number; closesAt: string; reason: string } | null;
}) {
  return (
    <div className="space-y-4">
      {extension ? (
        <Notice>
          <p className="text-std-16B-170">
            {fiscalYearLabel(extension.fiscalYear)}の受付締切は、この組織について{extension.closesAt}まで延長されています。
          </p>
          <p>理由：{extension.reason}</p>
        </Notice>
      ) : null}
      {applications.length === 0 ? <p>申請はまだありません。</p> : null}
      {applications.length > 0 ? (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">交付申請の一覧</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2 pr-3">
                年度・事業
              </th>
              {showOrganisation ? (
                <th scope="col" className="py-2 pr-3">
                  申請者
                </th>
              ) : null}
              <th scope="col" className="py-2 pr-3">
                状態
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
            {applications.map((a) => (
              <tr key={a.id} className="border-b border-solid-gray-200 align-top">
                <td className="py-2 pr-3">
                  <Link to={`/applications/${a.id}`} className="text-key-800 underline">
                    {fiscalYearLabel(a.fiscal_year)} {PROGRAMME_NAMES[a.programme]}
                  </Link>
                </td>
                {showOrganisation ? <td className="py-2 pr-3">{a.organisation_name}</td> : null}
                <td className="py-2 pr-3">
                  {STATE_LABELS[a.state]}
                  {a.latest_version > 0 ? `（第${a.latest_version}版）` : ""}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{a.requested_amount === null ? "—" : formatYen(a.requested_amount)}</td>
                <td className="py-2">{NEXT_STEP[a.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canStart ? (
        <Form method="post" action="/applications">
          <input type="hidden" name="fiscalYear" value={canStart.fiscalYear} />
          <button type="submit" className={primaryButtonClass}>
            {fiscalYearLabel(canStart.fiscalYear)}の交付申請を作成する
          </button>
          {canStart.deadline ? <p className="mt-2 text-dns-16N-130">受付締切：{canStart.deadline}</p> : null}
        </Form>
      ) : null}
    </div>
  );
}
