/**
 * The budget overview's charts, drawn on the server as SVG with recharts, so that they are in the page as
 * sent: they need no JavaScript, and the browser receives no charting code. Every chart has a fixed size
 * (nothing is measured) and no animation; its numbers are also in a table beside it on the page.
 *
 * recharts draws into a <div> with inline styles, which the Content-Security-Policy (style-src 'self')
 * refuses: only the <svg> is kept, without its style attributes, and the page sizes it by its viewBox.
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Line, XAxis, YAxis } from "recharts";
import { ORGANISATION_CHART_ROWS, type Funnel, type MonthlyPayments, type OrganisationMoney } from "~/domain/budget";
import { memoise } from "~/utils/memoise";

export const CHART_COLOURS = {
  decided: "#00118f",
  paid: "#3460fb",
  returned: "#c74700",
  cumulative: "#1a1a1a",
  funnel: "#0031d8",
} as const;

/** Every chart is drawn this wide and scaled down by its viewBox on narrow screens, never up. */
export const CHART_WIDTH = 480;
const AXIS = { fontSize: 14, fill: "#1a1a1a" };

/** 12,345,678 → "1,235万" (axis ticks only: the exact yen are in the table). */
function tenThousandYen(value: number): string {
  if (value === 0) return "0";
  const man = value / 10_000;
  return `${man.toLocaleString("ja-JP", { maximumFractionDigits: Math.abs(man) < 10 ? 1 : 0 })}万`;
}

/** A long name cut to fit the axis; the table beside the chart has it whole. */
function shortened(name: string, length = 13): string {
  return name.length > length ? `${name.slice(0, length - 1)}…` : name;
}

/** The <svg> of a chart, without recharts' wrapper and inline styles. */
export function svgOf(chart: ReactElement): string {
  const html = renderToStaticMarkup(chart);
  const start = html.indexOf("<svg");
  const end = html.lastIndexOf("</svg>");
  if (start < 0 || end < 0) throw new Error("the chart drew no SVG");
  return html
    .slice(start, end + "</svg>".length)
    .replace(/ style="[^"]*"/g, "")
    .replace("<svg", '<svg aria-hidden="true" focusable="false"');
}

/**
 * Decided, paid and returned side by side for the organisations with the largest decisions (at most
 * ORGANISATION_CHART_ROWS: a national call has hundreds, which no chart shows legibly).
 */
function drawOrganisationChart(all: readonly OrganisationMoney[]): string {
  const rows = all.slice(0, ORGANISATION_CHART_ROWS);
  const data = rows.map((r) => ({ ...r, name: shortened(r.organisationName) }));
  return svgOf(
    <BarChart
      id="budget-by-organisation"
      width={CHART_WIDTH}
      height={70 + rows.length * 54}
      data={data}
      layout="vertical"
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      barGap={1}
      barCategoryGap={8}
    >
      <CartesianGrid horizontal={false} stroke="#cccccc" />
      <XAxis type="number" tickFormatter={tenThousandYen} tick={AXIS} orientation="top" />
      <YAxis type="category" dataKey="name" width={190} tick={AXIS} interval={0} />
      <Bar dataKey="decided" name="交付決定額" fill={CHART_COLOURS.decided} isAnimationActive={false} />
      <Bar dataKey="paid" name="支払額" fill={CHART_COLOURS.paid} isAnimationActive={false} />
      <Bar dataKey="returned" name="返還額" fill={CHART_COLOURS.returned} isAnimationActive={false} />
    </BarChart>,
  );
}

/** How many applications reached each stage, as a funnel of horizontal bars with their counts. */
function drawFunnelChart(funnel: Funnel): string {
  const data = funnel.stages.map((s) => ({ name: s.label, count: s.count }));
  return svgOf(
    <BarChart
      id="budget-funnel"
      width={CHART_WIDTH}
      height={60 + data.length * 44}
      data={data}
      layout="vertical"
      margin={{ top: 8, right: 64, bottom: 8, left: 8 }}
    >
      <CartesianGrid horizontal={false} stroke="#cccccc" />
      <XAxis type="number" allowDecimals={false} tick={AXIS} orientation="top" />
      <YAxis type="category" dataKey="name" width={96} tick={AXIS} interval={0} />
      <Bar dataKey="count" name="件数" fill={CHART_COLOURS.funnel} isAnimationActive={false} barSize={26}>
        <LabelList dataKey="count" position="right" formatter={(n: number) => `${n}件`} fill="#1a1a1a" fontSize={14} />
      </Bar>
    </BarChart>,
  );
}

/**
 * A month's tick: "4" for 4月 (the axis is labelled （月）), and 前年度 / 翌年度 on two lines, which would
 * not fit beside the months on one.
 */
function MonthTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const label = payload?.value ?? "";
  const lines = label.endsWith("月") ? [label.slice(0, -1)] : [label.slice(0, 1), label.slice(1)];
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={AXIS.fontSize} fill={AXIS.fill}>
      {lines.map((line, i) => (
        <tspan key={line} x={x} dy={i === 0 ? "1.1em" : "1.15em"}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Paid and returned by month of the fiscal year, with the running total paid less returned up to `thisMonth`
 * ("2026-12") on the same scale: the months to come have no total yet.
 */
function drawPaymentsChart(months: readonly MonthlyPayments[], thisMonth: string): string {
  let running = 0;
  const data = months.map((m) => {
    running += m.paid - m.returned;
    // "before" and "after" are shown only when something was paid then, so they are never to come.
    const future = /^[0-9]{4}-[0-9]{2}$/.test(m.month) && m.month > thisMonth;
    return { name: m.label, paid: m.paid, returned: m.returned, cumulative: future ? null : running };
  });
  return svgOf(
    <ComposedChart id="budget-payments" width={CHART_WIDTH} height={340} data={data} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid vertical={false} stroke="#cccccc" />
      <XAxis
        dataKey="name"
        tick={<MonthTick />}
        interval={0}
        height={60}
        label={{ value: "（月）", position: "insideBottom", fontSize: AXIS.fontSize, fill: AXIS.fill }}
      />
      <YAxis tickFormatter={tenThousandYen} tick={AXIS} width={64} />
      <Bar dataKey="paid" name="支払額" fill={CHART_COLOURS.paid} isAnimationActive={false} />
      <Bar dataKey="returned" name="返還額" fill={CHART_COLOURS.returned} isAnimationActive={false} />
      <Line dataKey="cumulative" name="累計（支払−返還）" stroke={CHART_COLOURS.cumulative} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
    </ComposedChart>,
  );
}

/**
 * Drawing a chart takes milliseconds of the server's time (recharts lays it out in React); its figures change
 * only when money moves, so each process keeps the charts it drew for the last figures it was given.
 */
const REMEMBERED_CHARTS = 32;
export const organisationChart = memoise(drawOrganisationChart, REMEMBERED_CHARTS);
export const funnelChart = memoise(drawFunnelChart, REMEMBERED_CHARTS);
export const paymentsChart = memoise(drawPaymentsChart, REMEMBERED_CHARTS);
