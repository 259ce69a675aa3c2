import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/viewer.server";
import { Notice, secondaryButtonClass } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { formatYen } from "~/domain/money";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import { listParameterYears, listProgrammeYears, startNextYear } from "~/models/programme-parameters.server";
import { currentFiscalYearOf } from "~/utils/fiscal-year.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `年度と交付要件 | ${PRODUCT_NAME}` }];

/** GET /admin/programmes — every fiscal year with its two programmes, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:programme-parameters:any");
  const years = await listParameterYears(context.db);
  const programmeYears = await listProgrammeYears(context.db, years);
  return {
    currentFiscalYear: currentFiscalYearOf(context),
    years: years.map((year) => ({
      fiscalYear: year,
      hasNext: years.includes(year + 1),
      programmes: programmeYears
        .filter((p) => p.parameters.fiscalYear === year)
        .map(({ parameters: p, window }) => ({
          programme: p.programme,
          rate: `${p.rate.numerator}/${p.rate.denominator}`,
          baseAmount: p.baseAmount,
          ceiling: p.ceiling,
          window: window ? `${formatWarekiDateTime(window.opensAt)} 〜 ${formatWarekiDateTime(window.closesAt)}` : "未定",
        })),
    })),
  };
}

/** POST intent=start-next-year, fromYear: 「この年度をもとに次の年度を始める」. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:programme-parameters:any");
  const form = await postedForm(request);
  const from = String(form.get("fromYear") ?? "");
  if (form.get("intent") !== "start-next-year" || !/^[0-9]{4}$/.test(from)) return data({ message: "始める年度を選んでください。" }, { status: 400 });
  const outcome = await startNextYear(context.db, { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp }, Number(from));
  if (outcome.status === "done") return redirect(`/admin/programmes/${outcome.fiscalYear}?notice=started`);
  if (outcome.status === "refused") return data({ message: outcome.reason }, { status: 409 });
  return data({ message: "もとにする年度の交付要件が見つかりません。" }, { status: 404 });
}

export default function AdminProgrammes() {
  const { currentFiscalYear, years } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">年度と交付要件</h1>
      <p className="max-w-3xl">
        年度ごとの交付率・交付基準額・上限額・予算額・受付期間、審査の目安、文書に印字する内容、締切の延長を管理します。現在の年度は
        {fiscalYearLabel(currentFiscalYear)}です。
      </p>
      {refused ? <Notice tone="warning">{refused.message}</Notice> : null}
      {years.map((y) => (
        <section key={y.fiscalYear} aria-labelledby={`year-${y.fiscalYear}`} className="space-y-3 rounded-12 border border-solid-gray-420 p-4 sm:p-6">
          <h2 id={`year-${y.fiscalYear}`} className="text-std-24B-150">
            {fiscalYearLabel(y.fiscalYear)}
            {y.fiscalYear === currentFiscalYear ? "（現在の年度）" : ""}
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">{fiscalYearLabel(y.fiscalYear)}の交付要件</caption>
              <thead>
                <tr className="border-b border-solid-gray-420">
                  <th scope="col" className="py-2 pr-3">
                    事業
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    交付率
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    交付基準額
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    交付上限額
                  </th>
                  <th scope="col" className="py-2">
                    受付期間
                  </th>
                </tr>
              </thead>
              <tbody>
                {y.programmes.map((p) => (
                  <tr key={p.programme} className="border-b border-solid-gray-200 align-top">
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <Link to={`/admin/programmes/${y.fiscalYear}/${p.programme}`} className="text-key-800 underline">
                        {PROGRAMME_NAMES[p.programme]}
                      </Link>
                    </th>
                    <td className="py-2 pr-3">{p.rate}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatYen(p.baseAmount)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatYen(p.ceiling)}</td>
                    <td className="py-2">{p.window}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="flex flex-wrap items-center gap-4">
            <Link to={`/admin/programmes/${y.fiscalYear}`} className="text-key-800 underline">
              {fiscalYearLabel(y.fiscalYear)}の文書の設定と締切の延長
            </Link>
            {y.hasNext ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="start-next-year" />
                <input type="hidden" name="fromYear" value={y.fiscalYear} />
                <button type="submit" className={secondaryButtonClass}>
                  この年度をもとに次の年度を始める
                </button>
              </Form>
            )}
          </p>
        </section>
      ))}
    </div>
  );
}
