import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireVisibleVersion } from "~/auth/visible-version.server";
import { inputClass } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { PRODUCT_NAME } from "~/components/site-header";
import { SubmittedVersionContent } from "~/components/submitted-version";
import { formatYen } from "~/domain/money";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import { readSnapshot } from "~/domain/submitted-version";
import { fieldLabel } from "~/forms/application";
import { changesBetween } from "~/domain/field-changes";
import { getVersion, listVersions } from "~/models/applications.server";
import { listAttachments } from "~/models/attachments.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `第${data.version}版 ${fiscalYearLabel(data.fiscalYear)} 交付申請 | ${PRODUCT_NAME}` : PRODUCT_NAME },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { application, version } = await requireVisibleVersion(request, context, params);
  const number = version.version;

  const versions = await listVersions(context.db, application.id);
  const compareTo = Number(new URL(request.url).searchParams.get("compare")) || number - 1;
  const other = compareTo > 0 && compareTo !== number ? await getVersion(context.db, application.id, compareTo) : undefined;
  const snapshot = readSnapshot(version.snapshot);
  const changes = other
    ? changesBetween(readSnapshot(other.snapshot).draft, snapshot.draft).concat(
        other.requested_amount !== version.requested_amount
          ? [{ path: "requestedAmount", before: formatYen(other.requested_amount), after: formatYen(version.requested_amount) }]
          : [],
      )
    : null;
  return {
    applicationId: application.id,
    organisationName: application.organisation_name,
    programme: application.programme,
    fiscalYear: application.fiscal_year,
    version: number,
    submittedAt: version.submitted_at,
    snapshot,
    versions: versions.map((v) => v.version),
    compareTo: other ? compareTo : null,
    changes,
    linkable: (await listAttachments(context.db, application.id)).map((a) => a.id),
  };
}

export default function VersionPage() {
  const { applicationId, organisationName, programme, fiscalYear, version, submittedAt, snapshot, versions, compareTo, changes, linkable } =
    useLoaderData<typeof loader>();
  const menu1 = programme === "prefectural";
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/applications/${applicationId}`} className="text-key-800 underline">
          申請のページへ戻る
        </Link>
      </p>
      <div>
        <p className="text-dns-16N-130 text-solid-gray-700">
          {organisationName}・{PROGRAMME_NAMES[programme]}
        </p>
        <h1 className="text-std-32B-150">
          {fiscalYearLabel(fiscalYear)} 交付申請 第{version}版
        </h1>
        <p>
          {formatWarekiDateTime(submittedAt)} 提出（{snapshot.submittedBy.name}）・申請額 {formatYen(snapshot.requestedAmount)}
        </p>
        <p className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <a href={`/applications/${applicationId}/versions/${version}/pdf`} className="text-key-800 underline" download>
            交付申請書（PDF）をダウンロード
          </a>
          <a href={`/applications/${applicationId}/versions/${version}/budget-statement.xlsx`} className="text-key-800 underline" download>
            所要額調書（Excel）をダウンロード
          </a>
        </p>
      </div>

      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-std-24B-150">
          変更点
        </h2>
        {versions.length > 1 ? (
          <Form method="get" className="flex items-end gap-3">
            <div>
              <label htmlFor="compare" className="block text-dns-16B-130">
                比較する版
              </label>
              <select id="compare" name="compare" defaultValue={compareTo ?? ""} className={inputClass}>
                {versions
                  .filter((v) => v !== version)
                  .map((v) => (
                    <option key={v} value={v}>
                      第{v}版
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="rounded-8 border border-key-800 px-4 py-2 text-key-800">
              比較する
            </button>
          </Form>
        ) : null}
        {changes === null ? (
          <p>最初に提出した版です。</p>
        ) : changes.length === 0 ? (
          <p>第{compareTo}版から変更はありません。</p>
        ) : (
          <table className="w-full border-collapse text-left text-dns-16N-130">
            <caption className="mb-2 text-left">
              第{compareTo}版からの変更（{changes.length}件）
            </caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2 pr-3">
                  項目
                </th>
                <th scope="col" className="py-2 pr-3">
                  第{compareTo}版
                </th>
                <th scope="col" className="py-2">
                  第{version}版
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.path} className="border-b border-solid-gray-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {fieldLabel(c.path)}
                  </th>
                  <td className="py-2 pr-3">{c.before || "（空欄）"}</td>
                  <td className="py-2">{c.after || "（空欄）"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <SubmittedVersionContent applicationId={applicationId} snapshot={snapshot} linkable={linkable} />
        <GrantSummary title="交付額の算定（提出時）" result={snapshot.calculation} findings={[]} menu1={menu1} />
      </div>
    </div>
  );
}
