import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { STATE_LABELS } from "~/domain/application-states";
import {
  FIGURE_DEFINITIONS,
  FIGURE_KEYS,
  FIGURE_LABELS,
  type ActionList,
  type BudgetFigures,
  type Funnel,
  type MonthlyPayments,
  type NeedsAction,
  type OrganisationsMoney,
  type ProgrammeBudget,
} from "~/domain/budget";
import { formatYen } from "~/domain/money";
import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDate } from "~/domain/wareki";
import { budgetQuery, programmeShortName, type BudgetFilter } from "~/forms/budget-filter";
import { FilterSelect, secondaryButtonClass } from "./forms";

/** The colours of the charts' series (app/charts/budget-charts.server.tsx), for the legends. */
const SERIES = {
  decided: { label: "交付決定額", className: "bg-[#00118f]" },
  paid: { label: "支払額", className: "bg-[#3460fb]" },
  returned: { label: "返還額", className: "bg-[#c74700]" },
  cumulative: { label: "累計（支払−返還）", className: "bg-[#1a1a1a] h-1 self-center" },
} as const;

export interface BudgetOverviewProps {
  filter: BudgetFilter;
  years: number[];
  budgets: ProgrammeBudget[];
  total: BudgetFigures;
  organisations: OrganisationsMoney;
  funnel: Funnel;
  months: MonthlyPayments[];
  actions: NeedsAction;
  asOf: string;
  charts: { organisations: string | null; funnel: string | null; payments: string | null };
}

const TABLE_LABELS = {
  organisations: "団体別の交付決定額・支払額・返還額（円）",
  funnel: "手続の各段階まで進んだ申請の件数",
  payments: "月別の支払額・返還額と累計（円）",
};

const number = (n: number) => n.toLocaleString("ja-JP");
const cell = "py-2 pl-3 text-right tabular-nums whitespace-nowrap";

/**
 * A table that may be wider than a narrow screen scrolls in this box, which the keyboard can reach and
 * scroll too (WCAG 2.1.1), named after its table.
 */
function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must be reachable by keyboard
    <div role="region" aria-label={label} tabIndex={0} className={`relative max-w-full min-w-0 overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}

/** The budget at a glance: figures, charts with their tables, and what waits for the reviewer. */
export function BudgetOverview(props: BudgetOverviewProps) {
  const { filter, years, budgets, total, asOf } = props;
  const query = budgetQuery(filter);
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-std-32B-150">予算執行状況</h1>
        <p>交付決定・支払・返還・額の確定の記録から集計しています（{asOf} 現在）。金額はすべて円です。</p>
      </div>

      <Form method="get" action="/budget" aria-label="表示する年度と事業" className="flex flex-wrap items-end gap-3 rounded-8 border border-solid-gray-420 p-4">
        <FilterSelect form="budget" name="fiscalYear" label="年度" value={filter.fiscalYear === null ? "" : String(filter.fiscalYear)}>
          {years.map((year) => (
            <option key={year} value={year}>
              {fiscalYearLabel(year)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect form="budget" name="programme" label="事業" value={filter.programme ?? ""}>
          <option value="">すべて</option>
          {PROGRAMMES.map((p) => (
            <option key={p} value={p}>
              {PROGRAMME_NAMES[p]}
            </option>
          ))}
        </FilterSelect>
        <button type="submit" className={secondaryButtonClass}>
          表示する
        </button>
      </Form>

      {filter.fiscalYear === null ? (
        <p>予算額（事業の年度別の設定）が登録されていないため、表示できる年度がありません。</p>
      ) : (
        <>
          <section aria-labelledby="figures-heading" className="space-y-4">
            <div className="flex flex-wrap items-baseline justify-between gap-3">
              <h2 id="figures-heading" className="text-std-24B-150">
                {fiscalYearLabel(filter.fiscalYear)}の予算の状況
              </h2>
              <p className="flex flex-wrap gap-4">
                <a href={`/budget.csv${query}`} className="text-key-800 underline" download>
                  CSV でダウンロード
                </a>
                <a href={`/budget.xlsx${query}`} className="text-key-800 underline" download>
                  Excel でダウンロード
                </a>
              </p>
            </div>
            <FiguresTable fiscalYear={filter.fiscalYear} budgets={budgets} total={total} />
            <details className="rounded-8 border border-solid-gray-420 p-4">
              <summary className="cursor-pointer text-dns-16B-130">各項目の意味</summary>
              <dl className="mt-3 space-y-2">
                {FIGURE_KEYS.map((key) => (
                  <div key={key}>
                    <dt className="font-bold">{FIGURE_LABELS[key]}</dt>
                    <dd className="ml-4">{FIGURE_DEFINITIONS[key]}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </section>

          <section aria-labelledby="charts-heading" className="space-y-8">
            <h2 id="charts-heading" className="text-std-24B-150">
              グラフで見る
            </h2>
            <OrganisationsFigure organisations={props.organisations} svg={props.charts.organisations} query={query} />
            <FunnelFigure funnel={props.funnel} svg={props.charts.funnel} />
            <PaymentsFigure months={props.months} svg={props.charts.payments} />
          </section>
        </>
      )}

      <ActionLists actions={props.actions} programme={filter.programme} />
    </div>
  );
}

function FiguresTable({ fiscalYear, budgets, total }: { fiscalYear: number; budgets: ProgrammeBudget[]; total: BudgetFigures }) {
  const columns: { key: string; heading: string; figures: BudgetFigures }[] = budgets.map((b) => ({
    key: b.programme,
    heading: programmeShortName(b.programme),
    figures: b.figures,
  }));
  if (budgets.length > 1) columns.push({ key: "total", heading: "合計", figures: total });
  const counts: Partial<Record<keyof BudgetFigures, (f: BudgetFigures) => number>> = {
    applied: (f) => f.appliedCount,
    awaitingResubmission: (f) => f.awaitingResubmissionCount,
  };
  const caption = `${fiscalYearLabel(fiscalYear)}の予算の状況（円）`;
  return (
    <ScrollBox label={caption} className="lg:max-w-5xl">
      <table className="w-full border-collapse text-left text-dns-16N-130">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="sticky left-0 z-10 bg-white py-2 pr-3">
              項目
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="py-2 pl-3 text-right whitespace-nowrap">
                {c.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURE_KEYS.map((key) => (
            <tr key={key} className={`border-b border-solid-gray-200 ${key === "remaining" ? "bg-key-50 font-bold" : ""}`}>
              {/* The row's name stays in view while a narrow screen scrolls the amounts. */}
              <th scope="row" className={`sticky left-0 z-10 min-w-[9rem] py-2 pr-3 font-normal ${key === "remaining" ? "bg-key-50" : "bg-white"}`}>
                {FIGURE_LABELS[key]}
              </th>
              {columns.map((c) => {
                const amount = c.figures[key];
                const count = counts[key]?.(c.figures);
                return (
                  <td key={c.key} className={`${cell} ${amount < 0 ? "text-error-2" : ""}`} data-figure={key} data-programme={c.key}>
                    {formatYen(amount)}
                    {count !== undefined ? <span className="block text-dns-14N-130 text-solid-gray-700">{number(count)}件</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {columns.some((c) => c.figures.remaining < 0) ? (
        <p className="mt-2 text-error-2">残額がマイナスの事業は、予算に計上している額が予算額を超えています。</p>
      ) : null}
    </ScrollBox>
  );
}

function Legend({ series }: { series: (keyof typeof SERIES)[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-dns-14N-130" aria-hidden="true">
      {series.map((s) => (
        <li key={s} className="flex items-center gap-1">
          <span className={`inline-block h-3 w-4 ${SERIES[s].className}`} />
          {SERIES[s].label}
        </li>
      ))}
    </ul>
  );
}

/** A chart with its heading, what it shows in words, and the same numbers in a table beside it. */
function ChartFigure({
  id,
  title,
  description,
  legend,
  svg,
  empty,
  tableLabel,
  children,
}: {
  id: string;
  title: string;
  tableLabel: string;
  description: string;
  legend?: (keyof typeof SERIES)[];
  svg: string | null;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h3 id={`${id}-heading`} className="text-std-20B-150">
        {title}
      </h3>
      {svg === null ? (
        <p>{empty}</p>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <figure className="min-w-0 space-y-2">
            <figcaption id={`${id}-description`} className="text-dns-16N-130">
              {description}
            </figcaption>
            {legend ? <Legend series={legend} /> : null}
            <div
              role="img"
              aria-labelledby={`${id}-heading`}
              aria-describedby={`${id}-description`}
              className="w-full max-w-[30rem] [&_svg]:h-auto [&_svg]:w-full"
              data-chart={id}
              // Markup recharts drew on the server from this page's own figures (escaped by React).
              dangerouslySetInnerHTML={{ __html: svg }}
            />
          </figure>
          <ScrollBox label={tableLabel}>{children}</ScrollBox>
        </div>
      )}
    </section>
  );
}

function OrganisationsFigure({ organisations: { rows, count }, svg, query }: { organisations: OrganisationsMoney; svg: string | null; query: string }) {
  const top = rows[0];
  const shown = count > rows.length ? `全${number(count)}団体のうち交付決定額の大きい${number(rows.length)}団体` : `${number(count)}団体`;
  const description = top
    ? `${shown}の交付決定額・支払額・返還額を、交付決定額の大きい順に並べた横棒グラフです。最も大きいのは${top.organisationName}の${formatYen(top.decided)}です。`
    : "";
  return (
    <ChartFigure
      id="chart-organisations"
      title="団体別の交付決定額・支払額・返還額"
      description={description}
      legend={["decided", "paid", "returned"]}
      svg={svg}
      tableLabel={TABLE_LABELS.organisations}
      empty="この年度には、交付決定・支払・返還のある申請はまだありません。"
    >
      <table className="w-full border-collapse text-left text-dns-14N-130 sm:text-dns-16N-130">
        <caption className="sr-only">{TABLE_LABELS.organisations}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-3">
              団体
            </th>
            <th scope="col" className={cell}>
              交付決定額
            </th>
            <th scope="col" className={cell}>
              支払額
            </th>
            <th scope="col" className={cell}>
              返還額
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.organisationName} className="border-b border-solid-gray-200">
              <th scope="row" className="min-w-[9rem] py-2 pr-3 font-normal">
                {r.organisationName}
                <span className="block text-dns-14N-130 text-solid-gray-700">{programmeShortName(r.programme)}</span>
              </th>
              <td className={cell}>{formatYen(r.decided)}</td>
              <td className={cell}>{formatYen(r.paid)}</td>
              <td className={cell}>{formatYen(r.returned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > rows.length ? (
        <p className="mt-2 text-dns-14N-130">
          ほかの{number(count - rows.length)}団体の額は、申請ごとの
          <a href={`/budget.csv${query}`} className="text-key-800 underline" download>
            CSV
          </a>
          ・
          <a href={`/budget.xlsx${query}`} className="text-key-800 underline" download>
            Excel
          </a>
          のダウンロードにあります。
        </p>
      ) : null}
    </ChartFigure>
  );
}

function FunnelFigure({ funnel, svg }: { funnel: Funnel; svg: string | null }) {
  const [submitted, decided] = funnel.stages;
  const others = [
    funnel.returned > 0 ? `差戻し中${number(funnel.returned)}件` : null,
    funnel.rejected > 0 ? `不交付${number(funnel.rejected)}件` : null,
    funnel.withdrawn > 0 ? `取下げ・中止${number(funnel.withdrawn)}件` : null,
  ].filter(Boolean);
  const description = `提出された${number(submitted!.count)}件のうち、交付決定まで進んだのは${number(decided!.count)}件です。各段階まで進んだ件数を上から順に示します。${others.length > 0 ? `このほか${others.join("、")}があります。` : ""}`;
  return (
    <ChartFigure
      id="chart-funnel"
      title="手続の進み具合"
      description={description}
      svg={svg}
      tableLabel={TABLE_LABELS.funnel}
      empty="この年度に提出された申請はまだありません。"
    >
      <table className="w-full border-collapse text-left text-dns-14N-130 sm:text-dns-16N-130">
        <caption className="sr-only">{TABLE_LABELS.funnel}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-3">
              段階
            </th>
            <th scope="col" className={cell}>
              件数
            </th>
          </tr>
        </thead>
        <tbody>
          {funnel.stages.map((s) => (
            <tr key={s.stage} className="border-b border-solid-gray-200">
              <th scope="row" className="py-2 pr-3 font-normal">
                {s.label}
              </th>
              <td className={cell}>{number(s.count)}件</td>
            </tr>
          ))}
          {(
            [
              ["差戻し中", funnel.returned],
              ["不交付", funnel.rejected],
              ["取下げ・中止", funnel.withdrawn],
            ] as const
          ).map(([label, count]) => (
            <tr key={label} className="border-b border-solid-gray-200 text-solid-gray-700">
              <th scope="row" className="py-2 pr-3 font-normal">
                （{label}）
              </th>
              <td className={cell}>{number(count)}件</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}

function PaymentsFigure({ months, svg }: { months: MonthlyPayments[]; svg: string | null }) {
  const paid = months.reduce((sum, m) => sum + m.paid, 0);
  const returned = months.reduce((sum, m) => sum + m.returned, 0);
  const busiest = months.reduce<MonthlyPayments | undefined>((best, m) => (!best || m.paid > best.paid ? m : best), undefined);
  const description = `4月から3月までの月ごとの支払額と返還額の棒グラフに、支払から返還を差し引いた累計の折れ線を重ねています。支払は合計${formatYen(paid)}、返還は合計${formatYen(returned)}で、支払が最も多いのは${busiest?.longLabel ?? ""}です。`;
  let running = 0;
  return (
    <ChartFigure
      id="chart-payments"
      title="月別の支払額・返還額"
      description={description}
      legend={["paid", "returned", "cumulative"]}
      svg={svg}
      tableLabel={TABLE_LABELS.payments}
      empty="この年度の交付金の支払・返還はまだありません。"
    >
      <table className="w-full border-collapse text-left text-dns-14N-130 sm:text-dns-16N-130">
        <caption className="sr-only">{TABLE_LABELS.payments}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-3">
              月
            </th>
            <th scope="col" className={cell}>
              支払額
            </th>
            <th scope="col" className={cell}>
              返還額
            </th>
            <th scope="col" className={cell}>
              累計
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => {
            running += m.paid - m.returned;
            return (
              <tr key={m.month} className="border-b border-solid-gray-200">
                <th scope="row" className="py-2 pr-3 font-normal whitespace-nowrap">
                  {m.longLabel}
                </th>
                <td className={cell}>{formatYen(m.paid)}</td>
                <td className={cell}>{formatYen(m.returned)}</td>
                <td className={cell}>{formatYen(running)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ChartFigure>
  );
}

interface ActionBase {
  id: number;
  organisationName: string;
  programme: Programme;
  fiscalYear: number;
}

function ActionSection<T extends ActionBase>({
  id,
  title,
  list,
  none,
  detail,
}: {
  id: string;
  title: string;
  list: ActionList<T>;
  none: string;
  detail: (item: T) => ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2 rounded-8 border border-solid-gray-420 p-4">
      <h3 id={`${id}-heading`} className="text-std-20B-150">
        {title}
        <span className="whitespace-nowrap">（{number(list.count)}件）</span>
      </h3>
      {list.items.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ol className="space-y-2">
          {list.items.map((item) => (
            <li key={item.id} className="border-b border-solid-gray-200 pb-2 last:border-b-0">
              <Link to={`/applications/${item.id}`} className="text-key-800 underline">
                {item.organisationName}
              </Link>
              <span className="text-solid-gray-700">
                （{fiscalYearLabel(item.fiscalYear)} {programmeShortName(item.programme)}）
              </span>
              <span className="block text-dns-16N-130">{detail(item)}</span>
            </li>
          ))}
        </ol>
      )}
      {list.count > list.items.length ? <p className="text-dns-14N-130">ほかに{number(list.count - list.items.length)}件あります。</p> : null}
    </section>
  );
}

function ActionLists({ actions, programme }: { actions: NeedsAction; programme: Programme | null }) {
  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-std-24B-150">
        対応が必要なもの
      </h2>
      <p>すべての年度の{programme ? `${PROGRAMME_NAMES[programme]}の` : ""}申請から、急ぐものを各10件まで示します。</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ActionSection
          id="waiting"
          title="待ち日数の長い申請"
          list={actions.waiting}
          none="審査担当者の対応を待っている申請はありません。"
          detail={(a) => `${STATE_LABELS[a.state]}・${number(a.daysWaiting)}日待ち（${formatWarekiDate(a.waitingSince)}から）`}
        />
        <ActionSection
          id="reports-overdue"
          title="期限を過ぎた実績報告"
          list={actions.reportsOverdue}
          none="期限を過ぎた実績報告はありません。"
          detail={(r) =>
            r.reportedOn === null
              ? `未提出・期限${formatWarekiDate(r.dueOn)}から${number(r.daysLate)}日経過`
              : `${formatWarekiDate(r.reportedOn)}に提出（期限${formatWarekiDate(r.dueOn)}、${number(r.daysLate)}日遅れ）・額の確定待ち`
          }
        />
        <ActionSection
          id="settlements-due"
          title="精算が済んでいない額の確定"
          list={actions.settlementsDue}
          none="精算が済んでいない申請はありません。"
          detail={(s) =>
            s.balance > 0
              ? `精算払 ${formatYen(s.balance)}が未払い（確定額${formatYen(s.confirmed)}、既交付額${formatYen(s.netPaid)}）`
              : `${formatYen(-s.balance)}の返還命令が未発行（確定額${formatYen(s.confirmed)}、既交付額${formatYen(s.netPaid)}）`
          }
        />
        <ActionSection
          id="returns-outstanding"
          title="返還を待っている返還命令"
          list={actions.returnsOutstanding}
          none="返還を待っている返還命令はありません。"
          detail={(r) =>
            `残り${formatYen(r.outstanding)}（命令額${formatYen(r.ordered)}）・納期限${formatWarekiDate(r.dueOn)}${r.overdue ? "（納期限を過ぎています）" : ""}`
          }
        />
      </div>
    </section>
  );
}
