/**
 * The widths of a table's columns. Pure: the caller measures text.
 */
import type { Column } from "./blocks";
import type { Weight } from "./page-flow";

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The least a column without `widestValue` keeps when others are widened: about three characters. */
const MIN_FLEXIBLE_WIDTH = 36;

/**
 * Each column's width in points. A column takes its share of `total`; a column with a `widestValue`
 * (an amount column) takes at least the width of that value, of its title and of its widest cell on one
 * line (`padding` on both sides), and the columns without one share what is left in proportion to their
 * shares. Were that to leave them less than a few characters each, the widened columns give way (their
 * cells then break across lines, but lose nothing).
 */
export function columnWidths(
  columns: readonly Column[],
  rows: readonly { cells: readonly string[]; weight: Weight }[],
  measure: (text: string, weight: Weight) => number,
  total: number,
  padding: number,
): number[] {
  const widest = (texts: readonly [string, Weight][]) =>
    Math.max(0, ...texts.flatMap(([text, weight]) => text.split("\n").map((line) => measure(line, weight))));
  const shares = columns.map((c) => c.width * total);
  const extra = columns.map((c, i) =>
    c.widestValue === undefined
      ? 0
      : Math.max(
          0,
          2 * padding + widest([[c.widestValue, "bold"], [c.title, "bold"], ...rows.map((r): [string, Weight] => [r.cells[i] ?? "", r.weight])]) - shares[i]!,
        ),
  );
  const flexible = columns.filter((c) => c.widestValue === undefined).length;
  const flexibleShares = sum(shares.filter((_, i) => columns[i]!.widestValue === undefined));
  if (flexible === 0) return shares;
  // The widened columns take what they need, as long as the others keep MIN_FLEXIBLE_WIDTH each.
  const allowed = Math.max(0, Math.min(sum(extra), flexibleShares - MIN_FLEXIBLE_WIDTH * flexible));
  const taken = sum(extra) > 0 ? allowed / sum(extra) : 0;
  return columns.map((c, i) => (c.widestValue === undefined ? (shares[i]! * (flexibleShares - allowed)) / flexibleShares : shares[i]! + extra[i]! * taken));
}
