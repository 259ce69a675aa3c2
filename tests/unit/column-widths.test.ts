import { describe, expect, it } from "vitest";
import { columnWidths } from "../../app/pdf/column-widths";

/** Every character 1 point wide in regular, 2 in bold. */
const measure = (text: string, weight: "regular" | "bold") => [...text].length * (weight === "bold" ? 2 : 1);
const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);

describe("table column widths", () => {
  it("gives each column its share when the amounts fit", () => {
    const columns = [
      { title: "区分", width: 0.6 },
      { title: "金額", width: 0.4, widestValue: "9円" },
    ];
    expect(columnWidths(columns, [{ cells: ["旅費", "1,000円"], weight: "regular" }], measure, 100, 3)).toEqual([60, 40]);
  });

  it("widens an amount column to its widest value, title or cell, taking the room from the text columns in proportion", () => {
    const columns = [
      { title: "経費区分", width: 0.3 },
      { title: "内容", width: 0.6 },
      { title: "金額", width: 0.1, widestValue: "△10,000,000,000円" }, // 16 characters, 32 points in bold
    ];
    const rows = [{ cells: ["旅費", "出張", "1,000円"], weight: "regular" as const }];
    const widths = columnWidths(columns, rows, measure, 200, 3);
    expect(widths[2]).toBeCloseTo(3 + 32 + 3, 9);
    expect(widths[0]! * 2).toBeCloseTo(widths[1]!, 9);
    expect(sum(widths)).toBeCloseTo(200, 9);
    // A total wider than the widest value widens the column further.
    const total = { cells: ["合計", "", "5,000,000,000,000円"], weight: "bold" as const };
    const withTotal = columnWidths(columns, [...rows, total], measure, 200, 3);
    expect(withTotal[2]).toBeCloseTo(3 + 2 * 18 + 3, 9);
    expect(sum(withTotal)).toBeCloseTo(200, 9);
  });

  it("leaves every text column a few characters, however wide the amounts", () => {
    const columns = [
      { title: "内容", width: 0.5 },
      { title: "金額", width: 0.5, widestValue: "1".repeat(500) },
    ];
    const widths = columnWidths(columns, [], measure, 200, 3);
    expect(widths[0]).toBeCloseTo(36, 9);
    expect(widths[1]).toBeCloseTo(164, 9);
    // Nor does an amount column ever get less than its share.
    expect(columnWidths(columns, [], measure, 60, 3)).toEqual([30, 30]);
  });
});
