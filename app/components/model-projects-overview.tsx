import { Form } from "@remix-run/react";
import {
  byGroup,
  MODEL_PROJECT_GROUP_LABELS,
  participantPrefectureName,
  totalOf,
  type ModelProjectGroup,
  type ModelProjectParticipant,
  type ModelProjectYearTotals,
  type PrefectureCount,
} from "~/domain/model-projects";
import { PREFECTURES } from "~/domain/prefectures";
import { fiscalYearLabel } from "~/domain/wareki";
import { modelProjectQuery, type ModelProjectFilter } from "~/forms/model-project-filter";
import { FilterSelect, secondaryButtonClass } from "./forms";

export interface ModelProjectsOverviewProps {
  filter: ModelProjectFilter;
  years: ModelProjectYearTotals[];
  totals: ModelProjectYearTotals | null;
  listed: boolean;
  participants: ModelProjectParticipant[];
  counts: PrefectureCount[];
  chart: string | null;
}

/** The colours of the chart's two groups (app/charts/model-project-charts.server.tsx), for its legend. */
const SERIES: Record<ModelProjectGroup, string> = {
  prefecture_or_designated_city: "bg-[#00118f]",
  municipality: "bg-[#3460fb]",
};

const TABLE_LABEL = "都道府県別の取組団体数";
const cell = "py-2 pl-3 text-right tabular-nums whitespace-nowrap";

/** The published results of the local-platform model projects: who took part in a year and what they do. */
export function ModelProjectsOverview(props: ModelProjectsOverviewProps) {
  const { filter, years, totals } = props;
  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <h1 className="text-std-32B-150">
          地方版孤独・孤立対策官民連携プラットフォーム推進事業<span className="block text-std-24B-150">取組団体の一覧</span>
        </h1>
        <p className="max-w-4xl">
          地方公共団体が官・民・NPO等の関係者とプラットフォームを設置し、連携して孤独・孤立対策に取り組むモデル事業（委託）の取組団体と、その取組の概要です。成果を全国で共有するため、オープンデータとしてCSVとJSONでも提供しています。
        </p>
      </div>

      {totals === null ? (
        <p>公表されている年度はまだありません。</p>
      ) : (
        <>
          <FilterForm filter={filter} years={years} />
          <YearSection {...props} totals={totals} />
        </>
      )}
    </div>
  );
}

function FilterForm({ filter, years }: { filter: ModelProjectFilter; years: ModelProjectYearTotals[] }) {
  return (
    <Form
      method="get"
      action="/model-projects"
      aria-label="表示する年度と都道府県"
      className="flex flex-wrap items-end gap-3 rounded-8 border border-solid-gray-420 p-4"
    >
      <FilterSelect form="model-projects" name="fiscalYear" label="年度" value={String(filter.fiscalYear ?? "")}>
        {years.map((y) => (
          <option key={y.fiscalYear} value={y.fiscalYear}>
            {fiscalYearLabel(y.fiscalYear)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect form="model-projects" name="prefecture" label="都道府県" value={filter.prefectureCode ?? ""}>
        <option value="">すべて</option>
        {PREFECTURES.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </FilterSelect>
      <button type="submit" className={secondaryButtonClass}>
        表示する
      </button>
    </Form>
  );
}

function YearSection({ filter, totals, listed, participants, counts, chart }: ModelProjectsOverviewProps & { totals: ModelProjectYearTotals }) {
  const year = fiscalYearLabel(totals.fiscalYear);
  const query = modelProjectQuery(filter);
  const prefecture = filter.prefectureCode ? participantPrefectureName(filter.prefectureCode) : null;
  return (
    <>
      <section aria-labelledby="year-heading" className="space-y-4">
        <h2 id="year-heading" className="text-std-24B-150">
          {year}の取組団体（{totalOf(totals)}団体）
        </h2>
        <p>
          都道府県・政令指定都市 {totals.prefectureOrDesignatedCity}団体、市区町村 {totals.municipality}団体
        </p>
        {listed ? (
          <p className="flex flex-wrap gap-x-4 gap-y-1">
            <a href={`/model-projects.csv${query}`} className="text-key-800 underline" download>
              CSV でダウンロード
            </a>
            <a href={`/api/v1/model-projects${query}`} className="text-key-800 underline">
              JSON（API）
            </a>
          </p>
        ) : (
          <>
            <p>{year}は、団体ごとの一覧ではなく合計のみが公表されています。</p>
            <TotalsTable totals={totals} />
            <p>
              <a href={`/api/v1/model-projects${query}`} className="text-key-800 underline">
                JSON（API）
              </a>
            </p>
          </>
        )}
      </section>

      {listed ? (
        <>
          {prefecture ? (
            <p role="status" className="rounded-8 bg-solid-gray-50 p-4">
              {prefecture}の団体のみ表示しています（{participants.length}団体）。
              <a href={`/model-projects${modelProjectQuery({ ...filter, prefectureCode: null })}`} className="ml-2 text-key-800 underline">
                すべての都道府県を表示
              </a>
            </p>
          ) : null}
          {byGroup(participants).map(({ group, participants: members }) => (
            <GroupSection key={group} group={group} participants={members} />
          ))}
          <CountsFigure counts={counts} svg={chart} year={year} filter={filter} />
        </>
      ) : null}
    </>
  );
}

function TotalsTable({ totals }: { totals: ModelProjectYearTotals }) {
  const caption = `${fiscalYearLabel(totals.fiscalYear)}の取組団体数`;
  return (
    <table className="border-collapse text-left">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-solid-gray-600">
          <th scope="col" className="py-2 pr-3">
            区分
          </th>
          <th scope="col" className={cell}>
            団体数
          </th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-b border-solid-gray-200">
          <th scope="row" className="py-2 pr-3 font-normal">
            {MODEL_PROJECT_GROUP_LABELS.prefecture_or_designated_city}
          </th>
          <td className={cell}>{totals.prefectureOrDesignatedCity}団体</td>
        </tr>
        <tr className="border-b border-solid-gray-200">
          <th scope="row" className="py-2 pr-3 font-normal">
            {MODEL_PROJECT_GROUP_LABELS.municipality}
          </th>
          <td className={cell}>{totals.municipality}団体</td>
        </tr>
        <tr>
          <th scope="row" className="py-2 pr-3">
            合計
          </th>
          <td className={`${cell} font-bold`}>{totalOf(totals)}団体</td>
        </tr>
      </tbody>
    </table>
  );
}

function GroupSection({ group, participants }: { group: ModelProjectGroup; participants: ModelProjectParticipant[] }) {
  const id = `group-${group}`;
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-std-24B-150">
        {MODEL_PROJECT_GROUP_LABELS[group]}（{participants.length}団体）
      </h2>
      {participants.length === 0 ? (
        <p>この区分に該当する団体はありません。</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" data-group={group}>
          {participants.map((p) => (
            <li key={p.name} className="min-w-0">
              <ParticipantCard participant={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ParticipantCard({ participant: p }: { participant: ModelProjectParticipant }) {
  const headingId = `participant-${p.prefectureCode}-${p.name}`;
  return (
    <article aria-labelledby={headingId} className="h-full space-y-3 rounded-8 border border-solid-gray-420 p-4" data-participant={p.name}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-dns-16N-130 text-solid-gray-700">{participantPrefectureName(p.prefectureCode)}</span>
        <h3 id={headingId} className="text-std-20B-150">
          {p.reading ? (
            <ruby>
              {p.name}
              <rp>（</rp>
              <rt className="text-dns-14N-130 font-normal">{p.reading}</rt>
              <rp>）</rp>
            </ruby>
          ) : (
            p.name
          )}
        </h3>
        {p.secondYear ? <span className="rounded-4 border border-key-800 px-2 text-dns-14B-130 text-key-800">2年目</span> : null}
      </div>
      <dl className="space-y-3">
        <div>
          <dt className="font-bold">○ 現状（これまでの取組）</dt>
          <dd>{p.currentSummary}</dd>
        </div>
        <div>
          <dt className="font-bold">● 今後の取組</dt>
          <dd>{p.planSummary}</dd>
        </div>
        {p.partnersNote ? (
          <div>
            <dt className="font-bold">連携する団体</dt>
            <dd>{p.partnersNote}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}

/** The chart with its description and the same numbers in a table beside it. */
function CountsFigure({ counts, svg, year, filter }: { counts: PrefectureCount[]; svg: string | null; year: string; filter: ModelProjectFilter }) {
  if (svg === null) return null;
  const most = Math.max(...counts.map((c) => c.total));
  const description = `${year}の取組団体がある${counts.length}都道府県について、団体数を区分別に積み上げた横棒グラフです。最も多いのは${counts
    .filter((c) => c.total === most)
    .map((c) => c.prefectureName)
    .join("・")}の${most}団体です。`;
  return (
    <section aria-labelledby="chart-heading" className="space-y-3">
      <h2 id="chart-heading" className="text-std-24B-150">
        都道府県別の取組団体数
      </h2>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <figure className="min-w-0 space-y-2">
          <figcaption id="chart-description" className="text-dns-16N-130">
            {description}
          </figcaption>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-dns-14N-130" aria-label="凡例">
            {(["prefecture_or_designated_city", "municipality"] as const).map((g) => (
              <li key={g} className="flex items-center gap-2">
                <span aria-hidden="true" className={`inline-block h-3 w-4 ${SERIES[g]}`} />
                {MODEL_PROJECT_GROUP_LABELS[g]}
              </li>
            ))}
          </ul>
          <div
            role="img"
            aria-labelledby="chart-heading"
            aria-describedby="chart-description"
            className="w-full max-w-[30rem] [&_svg]:h-auto [&_svg]:w-full"
            data-chart="model-projects-by-prefecture"
            // Markup recharts drew on the server from this page's own counts (escaped by React).
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        </figure>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must be reachable by keyboard */}
        <div role="region" aria-label={TABLE_LABEL} tabIndex={0} className="relative min-w-0 max-w-full overflow-x-auto">
          <table className="w-full border-collapse text-left text-dns-14N-130 sm:text-dns-16N-130">
            <caption className="sr-only">{TABLE_LABEL}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className="py-2 pr-3">
                  都道府県
                </th>
                <th scope="col" className={cell}>
                  都道府県・政令指定都市
                </th>
                <th scope="col" className={cell}>
                  市区町村
                </th>
                <th scope="col" className={cell}>
                  計
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.prefectureCode} className="border-b border-solid-gray-200" data-prefecture={c.prefectureCode}>
                  <th scope="row" className="py-2 pr-3 font-normal">
                    <a href={`/model-projects${modelProjectQuery({ ...filter, prefectureCode: c.prefectureCode })}`} className="text-key-800 underline">
                      {c.prefectureName}
                    </a>
                  </th>
                  <td className={cell}>{c.prefectureOrDesignatedCity}</td>
                  <td className={cell}>{c.municipality}</td>
                  <td className={`${cell} font-bold`}>{c.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
