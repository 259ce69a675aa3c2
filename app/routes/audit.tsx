import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/viewer.server";
import { inputClass } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { AUDIT_ACTIONS, auditActionLabel, recordLabel } from "~/domain/audit-actions";
import { can } from "~/domain/permissions";
import { formatWarekiDateTime } from "~/domain/wareki";
import { readAuditFilter } from "~/forms/audit-filter";
import { listAuditEvents } from "~/models/audit.server";
import { listOrganisations } from "~/models/organisations.server";

export const meta: MetaFunction = () => [{ title: `操作履歴 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:audit:own", "view:audit:any"]);
  const seesAll = can(viewer.role, "view:audit:any");
  const filter = readAuditFilter(new URL(request.url).searchParams);
  const result = await listAuditEvents(context.db, { organisationId: viewer.organisationId, seesAll }, filter);
  return {
    ...result,
    filter,
    seesAll,
    organisations: seesAll ? await listOrganisations(context.db) : [],
    viewerOrganisation: viewer.organisationName,
  };
}

export default function AuditTrail() {
  const { events, hasMore, page, filter, seesAll, organisations, viewerOrganisation } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => {
    const params = new URLSearchParams({
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.organisationId ? { organisation: String(filter.organisationId) } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      page: String(p),
    });
    return `/audit?${params}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">操作履歴</h1>
      <p>
        {seesAll
          ? "すべての組織の操作の記録です。記録は追加のみで、変更・削除はできません。"
          : `${viewerOrganisation}の記録に対する操作の記録です。記録は追加のみで、変更・削除はできません。`}
      </p>
      <Form method="get" className="grid gap-4 rounded-12 border border-solid-gray-420 p-4 sm:grid-cols-4">
        <div>
          <label htmlFor="filter-action" className="block text-dns-16B-130">
            操作
          </label>
          <select id="filter-action" name="action" defaultValue={filter.action} className={inputClass}>
            <option value="">すべて</option>
            {AUDIT_ACTIONS.map(({ action, label }) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {seesAll ? (
          <div>
            <label htmlFor="filter-organisation" className="block text-dns-16B-130">
              対象の組織
            </label>
            <select id="filter-organisation" name="organisation" defaultValue={filter.organisationId ?? ""} className={inputClass}>
              <option value="">すべて</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="filter-from" className="block text-dns-16B-130">
            期間（開始日）
          </label>
          <input id="filter-from" type="date" name="from" defaultValue={filter.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="filter-to" className="block text-dns-16B-130">
            期間（終了日）
          </label>
          <input id="filter-to" type="date" name="to" defaultValue={filter.to} className={inputClass} />
        </div>
        <div className="sm:col-span-4">
          <button type="submit" className="rounded-8 bg-key-800 px-5 py-2 text-white">
            絞り込む
          </button>
        </div>
      </Form>
      {events.length === 0 ? (
        <p>該当する記録はありません。</p>
      ) : (
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="sr-only">操作履歴（新しい順）</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2 pr-3">
                日時
              </th>
              <th scope="col" className="py-2 pr-3">
                操作
              </th>
              <th scope="col" className="py-2 pr-3">
                操作した人
              </th>
              <th scope="col" className="py-2 pr-3">
                対象
              </th>
              <th scope="col" className="py-2 pr-3">
                接続元
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-solid-gray-200 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">{formatWarekiDateTime(e.occurred_at)}</td>
                <td className="py-2 pr-3">{auditActionLabel(e.action)}</td>
                <td className="py-2 pr-3">{e.actor_name ?? (typeof e.details.email === "string" ? e.details.email : "—")}</td>
                <td className="py-2 pr-3">
                  {e.subject_name ?? "—"}
                  {e.record_type ? <span className="block text-solid-gray-700">{recordLabel(e.record_type, e.record_id)}</span> : null}
                </td>
                <td className="py-2 pr-3">{e.ip_address ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="ページ" className="flex gap-4">
        {page > 1 ? (
          <Link to={pageLink(page - 1)} className="text-key-800 underline">
            新しい記録へ
          </Link>
        ) : null}
        {hasMore ? (
          <Link to={pageLink(page + 1)} className="text-key-800 underline">
            古い記録へ
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
