/**
 * The model projects' chart, drawn on the server as SVG the way the budget charts are
 * (app/charts/budget-charts.server.tsx: fixed size, no animation, only the <svg> kept). Its numbers are also
 * in a table beside it on the page.
 */
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { PrefectureCount } from "~/domain/model-projects";
import { CHART_WIDTH, svgOf } from "./budget-charts.server";

export const MODEL_PROJECT_CHART_COLOURS = {
  prefectureOrDesignatedCity: "#00118f",
  municipality: "#3460fb",
} as const;

const AXIS = { fontSize: 14, fill: "#1a1a1a" };

/** Participants per prefecture as horizontal bars, each split into the two groups, with the total at its end. */
export function prefectureCountChart(counts: readonly PrefectureCount[]): string {
  const data = counts.map((c) => ({ name: c.prefectureName, ...c }));
  return svgOf(
    <BarChart
      id="model-projects-by-prefecture"
      width={CHART_WIDTH}
      height={60 + data.length * 40}
      data={data}
      layout="vertical"
      margin={{ top: 8, right: 56, bottom: 8, left: 8 }}
    >
      <CartesianGrid horizontal={false} stroke="#cccccc" />
      <XAxis type="number" domain={[0, "dataMax"]} allowDecimals={false} tick={AXIS} orientation="top" />
      <YAxis type="category" dataKey="name" width={84} tick={AXIS} interval={0} />
      <Bar
        dataKey="prefectureOrDesignatedCity"
        name="都道府県・政令指定都市"
        stackId="count"
        fill={MODEL_PROJECT_CHART_COLOURS.prefectureOrDesignatedCity}
        isAnimationActive={false}
        barSize={24}
      />
      <Bar dataKey="municipality" name="市区町村" stackId="count" fill={MODEL_PROJECT_CHART_COLOURS.municipality} isAnimationActive={false} barSize={24}>
        <LabelList dataKey="total" position="right" formatter={(n: number) => `${n}団体`} fill="#1a1a1a" fontSize={14} />
      </Bar>
    </BarChart>,
  );
}
