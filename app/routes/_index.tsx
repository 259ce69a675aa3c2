import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ProgrammeFigures, programmeFigureValues } from "~/components/programme-figures";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { ApplicationList } from "~/components/application-list";
import { can } from "~/domain/permissions";
import { applicationOverview } from "~/models/application-overview.server";
import { listProgrammeYears } from "~/models/programme-parameters.server";
import { currentFiscalYearOf } from "~/utils/fiscal-year.server";
import { listCalls } from "~/models/calls.server";
import { CALL_KINDS, CALL_KIND_NAMES, mayPropose } from "~/domain/calls";
import { formatWarekiDateTime } from "~/domain/wareki";

export const meta: MetaFunction = () => [
  { title: PRODUCT_NAME },
  { name: "description", content: "孤独・孤立対策推進交付金の交付申請・審査・予算管理を行うシステムです。" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  const fiscalYear = currentFiscalYearOf(context);
  // The current year's menus, and the next year's once an administrator has started it (its window may be announced).
  const programmeYears = await listProgrammeYears(context.db, [fiscalYear, fiscalYear + 1]);
  const seesApplications = viewer && (can(viewer.role, "view:application:own") || can(viewer.role, "view:application:any"));
  return {
    years: [fiscalYear, fiscalYear + 1]
      .map((year) => ({
        fiscalYear: year,
        programmes: programmeYears.filter((p) => p.parameters.fiscalYear === year).map(({ parameters, window }) => programmeFigureValues(parameters, window)),
      }))
      .filter((y, i) => i === 0 || y.programmes.length > 0),
    signedIn: viewer !== null,
    overview: seesApplications ? await applicationOverview(context.db, viewer, fiscalYear) : null,
    openCalls: viewer && can(viewer.role, "edit:proposal:own") ? await openCallsFor(context.db, viewer.organisationKind) : null,
  };
}

/** The calls open now that the organisation may propose to (the first page of them). */
async function openCallsFor(db: LoaderFunctionArgs["context"]["db"], organisationKind: Parameters<typeof mayPropose>[1]) {
  const kinds = CALL_KINDS.filter((kind) => mayPropose(kind, organisationKind));
  const { calls, total } = await listCalls(db, { publishedBy: new Date(), openOnly: true, kinds });
  return { calls, total };
}

export default function Index() {
  const { years, signedIn, overview, openCalls } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-10">
      {params.get("notice") === "signed-out" && !signedIn ? <Notice tone="success">ログアウトしました。</Notice> : null}
      <section aria-labelledby="page-heading" className="space-y-4">
        <h1 id="page-heading" className="text-std-32B-150 text-solid-gray-900">
          孤独・孤立対策推進交付金
        </h1>
        <p className="max-w-3xl">
          都道府県・中間支援組織の皆さまが交付申請書をオンラインで作成・提出し、内閣府 孤独・孤立対策推進室が審査、
          交付決定、額の確定から支払・返還までを一つの記録で管理するシステムです。
        </p>
        <p className="flex flex-wrap gap-4">
          {signedIn ? null : (
            <Link to="/login" className="inline-block rounded-8 border border-key-800 px-6 py-3 text-std-16B-170 text-key-800 hover:bg-key-50">
              ログイン
            </Link>
          )}
          <Link to="/simulator" className="inline-block rounded-8 bg-key-800 px-6 py-3 text-std-16B-170 text-white hover:bg-key-900">
            交付額シミュレーターで試算する
          </Link>
        </p>
      </section>

      {overview ? (
        <section aria-labelledby="applications-heading" className="space-y-4">
          <h2 id="applications-heading" className="text-std-24B-150">
            交付申請
          </h2>
          <ApplicationList {...overview} />
        </section>
      ) : null}

      {openCalls ? (
        <section aria-labelledby="calls-heading" className="space-y-4">
          <h2 id="calls-heading" className="text-std-24B-150">
            応募できる公募
          </h2>
          {openCalls.total === 0 ? (
            <p>
              いま応募できる公募はありません。過去の公募は
              <Link to="/calls" className="text-key-800 underline">
                公募の一覧
              </Link>
              で見られます。
            </p>
          ) : (
            <ul className="space-y-3">
              {openCalls.calls.map((c) => (
                <li key={c.id} className="rounded-12 border border-solid-gray-420 p-4">
                  <Link to={`/calls/${c.id}`} className="text-std-18B-160 text-key-800 underline break-words">
                    {c.title}
                  </Link>
                  <p className="text-dns-16N-130 text-solid-gray-700">
                    {CALL_KIND_NAMES[c.kind]}・締切 {formatWarekiDateTime(c.closesAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/proposals" className="text-key-800 underline">
              作成中・提出した企画提案を見る
            </Link>
          </p>
        </section>
      ) : null}

      {years.map(({ fiscalYear, programmes }) => (
        <section key={fiscalYear} aria-labelledby={`menus-heading-${fiscalYear}`} className="space-y-4">
          <h2 id={`menus-heading-${fiscalYear}`} className="text-std-24B-150">
            {fiscalYearLabel(fiscalYear)}の交付メニュー
          </h2>
          {programmes.length === 0 ? (
            <p>この年度の交付要件はまだ登録されていません。</p>
          ) : (
            <ul className="grid gap-6 md:grid-cols-2">
              {programmes.map((p) => (
                <li key={p.programme} className="rounded-12 border border-solid-gray-420 p-6">
                  <h3 className="mb-4 text-std-20B-150">{PROGRAMME_NAMES[p.programme]}</h3>
                  <ProgrammeFigures figures={p} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
