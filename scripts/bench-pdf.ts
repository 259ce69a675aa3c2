/**
 * How fast and how small the 交付申請書 is: `npm run bench:pdf`. A Menu 1 application with 3 activities and
 * 30 budget lines, generated 50 times after a warm-up; prints the median and 95th percentile time and the
 * file size, beside the same document with the whole font embedded. `--out FILE` also writes the PDF.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { calculateGrant } from "../app/domain/grant-calculation";
import { EMPTY_BUDGET_LINE, emptyDraft } from "../app/forms/application";
import { applicationFormDocument } from "../app/pdf/application-form";
import { renderPdf } from "../app/pdf/render.server";

const draft = emptyDraft("prefectural");
draft.purpose = "県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握したうえで、当事者と支援団体をつなぐ。";
draft.activities = [
  { code: "platform", content: "地方版官民連携プラットフォームの設置と運営（年4回の会議、分科会）", months: [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3], indicators: "会議4回・参加30団体" },
  { code: "a2", content: "県民アンケートと地域資源の調査", months: [6, 7, 8], indicators: "回答1,000件" },
  { code: "a7", content: "居場所の設置と相談会の開催", months: [9, 10, 11, 12], indicators: "居場所10か所" },
];
const categories = ["honoraria", "travel", "supplies", "printing", "meetings", "communication", "outsourcing", "subsidies"];
draft.lines = Array.from({ length: 30 }, (_, i) => ({
  ...EMPTY_BUDGET_LINE,
  category: categories[i % categories.length]!,
  activity: i % categories.length === 7 ? "a7" : ["platform", "a2", "a7"][i % 3]!,
  description: `明細${i + 1}（会場費・資料作成等）`,
  amount: String(50_000 + i * 1_000),
}));
const calculation = calculateGrant({
  program: "prefectural",
  fiscalYear: 2026,
  activities: ["platform", "a2", "a7"],
  otherIncome: 0,
  lines: draft.lines.map((l) => ({ category: l.category, activity: l.activity, amount: Number(l.amount) })),
});
const spec = applicationFormDocument({
  version: 1,
  programme: "prefectural",
  fiscalYear: 2026,
  organisation: {
    name: "富山県",
    representative_title: "富山県知事",
    representative_name: "富山 一郎",
    postal_code: "930-8501",
    address: "富山県富山市新総曲輪1番7号",
    contact_person: "厚生部 厚生企画課",
    contact_phone: "076-444-3200",
    contact_email: "kodoku@pref.example.lg.jp",
  },
  draft,
  calculation,
  requestedAmount: calculation.grantAmount,
  date: "2026-11-27T01:00:00.000Z",
});

const out = process.argv.indexOf("--out");
let bytes = await renderPdf(spec);
for (let i = 0; i < 5; i++) bytes = await renderPdf(spec);
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  bytes = await renderPdf(spec);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`交付申請書, Menu 1, 3 activities, 30 lines, Node ${process.version}`);
console.log(`  median ${times[24]!.toFixed(1)} ms, p95 ${times[47]!.toFixed(1)} ms over 50 runs`);
console.log(`  size ${(bytes.byteLength / 1024).toFixed(1)} KB`);
if (out > 0) writeFileSync(process.argv[out + 1]!, bytes);

const whole: number[] = [];
let wholeBytes = bytes;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  wholeBytes = await renderPdf(spec, { wholeFont: true });
  whole.push(performance.now() - t0);
}
whole.sort((a, b) => a - b);
console.log(`  the same with the whole font embedded: median ${whole[1]!.toFixed(1)} ms, size ${(wholeBytes.byteLength / 1024).toFixed(1)} KB`);
