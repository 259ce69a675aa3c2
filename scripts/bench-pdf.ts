/**
 * How fast and how small the 交付申請書 is: `npm run bench:pdf`. A Menu 1 application with 3 activities and
 * 30 budget lines, generated 50 times after a warm-up; prints the median and 95th percentile time and the
 * file size, beside the same document with the whole font embedded. `--out FILE` also writes the PDF. It
 * times the drawing itself: the server's renderPdf would answer the same document from memory.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { applicationFormDocument } from "../app/pdf/application-form";
import { drawPdf } from "../app/pdf/draw.server";
import { record } from "../tests/integration/support/application-record";

// The same typical application the document tests use: 富山県, Menu 1, 3 activities, 30 budget lines.
const spec = applicationFormDocument(record(30));

const out = process.argv.indexOf("--out");
let bytes = await drawPdf(spec);
for (let i = 0; i < 5; i++) bytes = await drawPdf(spec);
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  bytes = await drawPdf(spec);
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
  wholeBytes = await drawPdf(spec, { wholeFont: true });
  whole.push(performance.now() - t0);
}
whole.sort((a, b) => a - b);
console.log(`  the same with the whole font embedded: median ${whole[1]!.toFixed(1)} ms, size ${(wholeBytes.byteLength / 1024).toFixed(1)} KB`);
