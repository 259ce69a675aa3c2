/**
 * How fast calculateGrant runs on a large budget: `npx tsx scripts/bench-calc.ts`.
 * Builds a 500-line Menu 1 budget, warms up, then calculates for about two seconds.
 */
import { performance } from "node:perf_hooks";
import { calculateGrant, type GrantInput } from "../app/domain/grant-calculation";
import { EXPENSE_CATEGORIES } from "../app/domain/programmes";

const LINES = 500;
const DURATION_MS = 2_000;

const activities = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"] as const;
const input: GrantInput = {
  program: "prefectural",
  fiscalYear: 2026,
  activities: ["platform", ...activities],
  otherIncome: 250_000,
  lines: Array.from({ length: LINES }, (_, i) => ({
    category: EXPENSE_CATEGORIES[i % EXPENSE_CATEGORIES.length] ?? "supplies",
    activity: i % 3 === 0 ? "platform" : (activities[i % activities.length] ?? "a1"),
    amount: 10_000 + ((i * 7_919) % 900_000),
    description: `明細${i + 1}`,
  })),
};

let sink = 0;
for (let i = 0; i < 200; i++) sink += calculateGrant(input).grantAmount;

const times: number[] = [];
const started = performance.now();
while (performance.now() - started < DURATION_MS) {
  const t0 = performance.now();
  sink += calculateGrant(input).grantAmount;
  times.push(performance.now() - t0);
}
const elapsed = performance.now() - started;
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;

console.log(`calculateGrant, ${LINES}-line budget, Node ${process.version}`);
console.log(`  ${times.length} calculations in ${(elapsed / 1000).toFixed(2)} s`);
console.log(`  ${Math.round((times.length / elapsed) * 1000).toLocaleString("en-US")} calculations/s`);
console.log(`  median ${(median * 1000).toFixed(1)} µs per call`);
if (sink < 0) console.log(sink); // keeps the results alive
