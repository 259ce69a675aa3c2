/**
 * The load generator of the HTTP benchmarks, run as a process of its own (so that it does not share the
 * server's CPU accounting or event loop): reads one job as JSON from its first argument, drives the server with
 * autocannon for the job's duration, and prints the result as JSON on standard output.
 *
 * A job is a fixed request (GET or POST, with headers and body; `manyClients`: each from another address;
 * `paths`: each request the next of these addresses, in turn), or
 * `autosave`: each connection saves the draft of one signed-in applicant, one save after another, with the
 * revision the last save answered, as the application form's autosave does.
 */
import autocannon from "autocannon";

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  autosave?: { cookie: string; path: string; revision: number; draft: unknown }[];
  /** Each request from another client address (X-Forwarded-For; the server must trust its proxy). */
  manyClients?: boolean;
  /** Each request to the next of these paths (on the job's server), in turn: many documents rather than one. */
  paths?: string[];
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
  bytesPerRequest: number;
}

/**
 * Autosave: one loop per applicant (a connection each), saving its draft one save after another with the
 * revision the last save answered, as the application form does. autocannon prepares requests ahead of their
 * answers, which would send a revision already spent, so these loops are plain fetches.
 */
async function autosave(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = Date.now() + job.seconds * 1000;
  await Promise.all(
    job.autosave!.slice(0, job.connections).map(async (applicant, i) => {
      let { revision } = applicant;
      // An earlier run has saved since the revision was read: the first answer says the current one.
      let synced = false;
      for (let edit = 1; Date.now() < end; edit += 1) {
        const started = performance.now();
        try {
          const response = await fetch(new URL(applicant.path, job.url), {
            method: "POST",
            // A write from the page's own origin, as the browser sends it.
            headers: { ...job.headers, origin: new URL(job.url).origin, cookie: applicant.cookie, "content-type": "application/json" },
            body: JSON.stringify({ revision, draft: { ...(applicant.draft as object), purpose: `負荷試験による自動保存 ${i}-${edit}` } }),
          });
          const text = await response.text();
          bytes += text.length;
          const answer = (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {}) as { revision?: number };
          if (response.status === 409 && !synced && typeof answer.revision === "number") revision = answer.revision;
          else if (response.status === 200 && typeof answer.revision === "number") revision = answer.revision;
          else errors += 1;
          synced = true;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length / job.seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    bytesPerRequest: sorted.length > 0 ? bytes / sorted.length : 0,
  };
}

/** The same request, each time from another address, as many clients of a public API would send it. */
function manyClientRequests(job: LoadJob): autocannon.Request[] {
  let client = 0;
  return [
    {
      method: job.method ?? "GET",
      ...(job.body === undefined ? {} : { body: job.body }),
      setupRequest: (request) => {
        client += 1;
        return { ...request, headers: { ...job.headers, "x-forwarded-for": `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}` } };
      },
    },
  ];
}

/** The same request, each time to the next of the job's paths. */
function pathsInTurn(job: LoadJob, paths: string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: job.method ?? "GET",
      headers: job.headers ?? {},
      setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
    },
  ];
}

const job = JSON.parse(process.argv[2] ?? "{}") as LoadJob;

async function withAutocannon(): Promise<LoadResult> {
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    ...(job.manyClients
      ? { requests: manyClientRequests(job) }
      : job.paths
        ? { requests: pathsInTurn(job, job.paths) }
        : { method: job.method ?? "GET", headers: job.headers ?? {}, ...(job.body === undefined ? {} : { body: job.body }) }),
  });
  const answered = result.requests.total;
  return {
    requests: answered,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bytesPerRequest: answered > 0 ? result.throughput.total / answered : 0,
  };
}

process.stdout.write(JSON.stringify(job.autosave ? await autosave(job) : await withAutocannon()));
