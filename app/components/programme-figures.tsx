import { formatYen } from "~/domain/money";
import type { ProgrammeParameters } from "~/domain/programmes";
import type { ApplicationWindow } from "~/domain/programme-years";
import { formatWarekiDateTime } from "~/domain/wareki";

/** A programme-year's figures as its pages show them: the rate, the amounts, and the window in Japan time. */
export interface ProgrammeFigureValues {
  programme: ProgrammeParameters["programme"];
  rate: string;
  baseAmount: number;
  ceiling: number;
  programmeBudget: number;
  window: string;
}

/** What a loader sends of a programme-year (from listProgrammeYears), for ProgrammeFigures. */
export function programmeFigureValues(parameters: ProgrammeParameters, window: ApplicationWindow | null): ProgrammeFigureValues {
  return {
    programme: parameters.programme,
    rate: `${parameters.rate.numerator}/${parameters.rate.denominator}`,
    baseAmount: parameters.baseAmount,
    ceiling: parameters.ceiling,
    programmeBudget: parameters.programmeBudget,
    window: window ? `${formatWarekiDateTime(window.opensAt)} 〜 ${formatWarekiDateTime(window.closesAt)}` : "未定",
  };
}

export function ProgrammeFigures({ figures }: { figures: ProgrammeFigureValues }) {
  const rows: [string, string][] = [
    ["交付率", figures.rate],
    ["交付基準額", formatYen(figures.baseAmount)],
    ["交付上限額", formatYen(figures.ceiling)],
    ["予算額", formatYen(figures.programmeBudget)],
    ["受付期間", figures.window],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-solid-gray-700">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
