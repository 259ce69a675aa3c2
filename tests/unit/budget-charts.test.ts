import { describe, expect, it } from "vitest";
import { organisationChart } from "../../app/charts/budget-charts.server";
import { ORGANISATION_CHART_ROWS } from "../../app/domain/budget";

describe("the organisations' chart on /budget", () => {
  it("draws the organisations with the largest decisions only, however many there are", () => {
    const rows = Array.from({ length: 90 }, (_, i) => ({
      organisationName: `団体${String(i + 1).padStart(2, "0")}`,
      programme: "intermediary" as const,
      decided: (100 - i) * 1_000_000,
      paid: 0,
      returned: 0,
    }));
    const svg = organisationChart(rows);
    expect(svg).toContain(`団体${String(ORGANISATION_CHART_ROWS).padStart(2, "0")}`);
    expect(svg).not.toContain(`団体${ORGANISATION_CHART_ROWS + 1}`);
    // Its height follows the rows drawn, not the organisations there are.
    expect(Number(/height="(\d+)"/.exec(svg)?.[1])).toBeLessThan(70 + (ORGANISATION_CHART_ROWS + 1) * 54);
  });
});
