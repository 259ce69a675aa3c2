/**
 * The V8 heap settings the server runs with (`npm start`, `npm run start:cluster` and the benchmarks pass them
 * to node; a test holds package.json to them). Left to itself, V8 grows a busy process's heap towards a
 * limit set from the machine's memory and keeps what it grew: a process holding 50 MB of live objects sat at
 * 470 MB after 6 seconds of `GET /login` at 50 connections. An old generation of at most 384 MB makes it
 * collect sooner. The young generation trades memory for speed: under the application page at 50
 * connections (two runs each, docs/performance.md) the process peaked at 366 MB with V8's 16 MB per half,
 * 289 MB with 8 MB and 276 MB with 4 MB, while `GET /login` answered about 383, 325 and 309 requests/s.
 *
 * The largest live sets are the downloads: an Excel workbook of 10,000 applications holds about 100 MB
 * while it is written, which is why workbooks are written two at a time (app/exports/xlsx.server.ts). A
 * machine with memory to spare may raise the limit with NODE_OPTIONS, which comes after these and wins.
 */
export const HEAP_FLAGS = ["--max-old-space-size=384", "--max-semi-space-size=8"] as const;
