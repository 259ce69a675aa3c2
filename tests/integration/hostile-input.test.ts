import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { EMAIL_MAX, LONG_TEXT_MAX } from "../../app/domain/form-fields";
import { STEP_ACTIONS } from "../../app/domain/steps";
import { createApplication } from "../../app/models/applications.server";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { DURING_CALL, submittedApplication } from "./support/submitted-application";
import { createTestDatabase, ENGINES } from "./support/test-database";

/**
 * A bounded run of hostile input against every route of the app: each loader and action is called with
 * malformed URL parameters, query strings, bodies of the wrong kind and form or JSON fields holding values
 * no page sends, by each kind of visitor. Nothing may answer 5xx (or throw anything but a Response), a
 * refused request (4xx) may change no table, and no stored text may exceed its limit.
 */

type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };

// Every route module: the files directly in app/routes and each folder route's route.tsx.
const MODULES = import.meta.glob<RouteModule>(["../../app/routes/*.{ts,tsx}", "../../app/routes/*/route.tsx"], { eager: true });
const ROUTES = Object.entries(MODULES).map(([file, module]) => ({
  name: file.replace("../../app/routes/", "").replace(/(\/route)?\.tsx?$/, ""),
  module,
}));

/** Values no page sends: structure names, numbers beyond every range, broken text, text beyond every limit. */
const LONG = "長".repeat(LONG_TEXT_MAX + 1);
/** One character beyond the longest text any field takes; ASCII keeps the thousands of requests that carry it light. */
const TOO_LONG = "x".repeat(LONG_TEXT_MAX + 1);
const HOSTILE_VALUES = [
  "",
  "a\u0000b",
  "\ud800",
  "😀",
  LONG,
  "constructor",
  "__proto__",
  "toString",
  "1.5",
  "1e309",
  "-3",
  "99999999999999999999",
  "NaN",
  "2025-13-45",
  "<script>alert(1)</script>",
];
const HOSTILE_PARAMS = ["abc", "1.5", "1e20", "-1", "0", "99999999999", "%00", "__proto__"];
const HOSTILE_QUERIES = [
  "page=1e309&fiscalYear=-3&state=__proto__&restore=%00",
  "compare=99999999999&version=1.5&organisation=1.5&from=2025-13-45&to=%ud800",
  `q=${encodeURIComponent(LONG)}&action=${encodeURIComponent("a\u0000")}`,
  "page=-1&page=2&fiscalYear=2026&fiscalYear=abc",
];
const INTENTS = [
  "save",
  "submit",
  "add:lines",
  "remove:lines:0",
  "start_review",
  "return",
  "add_comment_row",
  "add_note",
  "save_checklist",
  "create",
  "disable",
  "enable",
  "add:constructor",
  "remove:__proto__:0",
];
/** Every field name the app's forms post, and the nested names of the application form. */
const FIELDS = [
  ...["acknowledgeWarnings", "activities", "activityCodes", "amount", "areaPrefectures", "claimAmount", "comment", "commentPath", "completedOn"],
  ...["conditions", "consortium", "decidedAmount", "documentType", "dueOn", "email", "fiscalYear", "kind", "organisation", "otherIncomeActual"],
  ...["paidOn", "password", "passwordConfirmation", "currentPassword", "newPassword", "newPasswordConfirmation", "reason", "redirectTo"],
  ...["restore", "revision", "summary", "userId", "displayName", "role", "name", "corporateNumber", "representativeTitle", "representativeName"],
  ...["postalCode", "address", "contactPerson", "contactPhone", "contactEmail", "note", "direction", "accountType", "purpose", "otherIncome"],
  ...["requestedAmount", "after.0", "actual.0", "lines.0.category", "lines.0.description", "lines.0.amount", "lines.0.quantity", "members.0.name"],
  ...["comments.0.target", "comments.0.body", "comments.1.target", "comments.1.body", "reviewNote", "checked", "confirmIrreversible"],
];
const MALFORMED_BODIES: [string, string | undefined, BodyInit | undefined][] = [
  ["no body", undefined, undefined],
  ["JSON to a form", "application/json", '{"revision":1,"draft":"x"}'],
  ["broken JSON", "application/json", '{"revision":'],
  ["text", "text/plain", "a=1"],
  ["cut-off multipart", "multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="reason"\r\n\r\nabc'],
  ["multipart without a boundary", "multipart/form-data", "reason=abc"],
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, chance: (p: number) => next() < p };
}

/** The status a route's answer stands for: a Response, Remix's `data()` (its init), a plain value (200), or an error (a 500). */
async function statusOf(run: () => unknown): Promise<number | string> {
  const answer = await Promise.resolve()
    .then(run)
    .then(
      (value) => value,
      (thrown: unknown) => thrown,
    );
  if (answer instanceof Response) return answer.status;
  if (answer && typeof answer === "object" && "init" in answer) return (answer as { init?: { status?: number } }).init?.status ?? 200;
  if (answer instanceof Error) return `${answer.name}: ${answer.message.slice(0, 200)}`;
  return 200;
}

/**
 * A fingerprint of every table but the sessions (whose last use any request may touch) and the input kept for
 * visitors without a session (kept only by a post answered with a redirect to sign in, never by a refusal).
 */
async function tableFingerprint(database: AppDatabase): Promise<Map<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('sessions', 'stashed_form_inputs', 'kysely_migration', 'kysely_migration_lock')
    order by table_name`.execute(database.db);
  const parts = tables.rows.map(
    (t) => `select '${t.table_name}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t.table_name} x`,
  );
  const result = await sql<{ t: string; h: string }>`${sql.raw(parts.join(" union all "))}`.execute(database.db);
  return new Map(result.rows.map((r) => [r.t, r.h]));
}

/**
 * The tables a refusal writes to by design: a failed sign-in is an attempt, counted and audited; a request to
 * the public API counts towards its address's rate limit, refused or not.
 */
const RECORDED_REFUSALS: Record<string, string[]> = {
  login: ["sign_in_attempts", "sign_in_counters", "audit_events"],
  "api.v1.simulations": ["request_counters"],
};

function changedTables(before: Map<string, string>, after: Map<string, string>, except: string[] = []): string[] {
  return [...after].filter(([table, hash]) => before.get(table) !== hash && !except.includes(table)).map(([table]) => table);
}

/** Requests drawn at random (GETs, malformed bodies, JSON), beside the systematic pass over every form. */
const RANDOM_REQUESTS = 600;
const STEPS = STEP_ACTIONS;
const VISITORS = ["anonymous", "officer", "drafter", "reviewer", "administrator"] as const;
type Visitor = (typeof VISITORS)[number];

/** The URL path of a route file's name with its parameters filled in. */
function pathOf(routeName: string, params: Record<string, string>): string {
  const segments = routeName
    .replace(/_\./g, ".")
    .replace(/\$([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name]!))
    .split(".")
    .filter((part) => part !== "_index")
    .map((part) => part.replace(/_$/, ""));
  return `/${segments.join("/")}`;
}

interface Probe {
  description: string;
  route: (typeof ROUTES)[number];
  params: Record<string, string>;
  request: Request;
  posting: boolean;
}

describe.each(ENGINES)("%s: hostile input to every route", (engine) => {
  let database: AppDatabase;
  let context: AppLoadContext;
  const cookies: Record<Visitor, string> = { anonymous: "", officer: "", drafter: "", reviewer: "", administrator: "" };
  /** The records each visitor's requests name: its own application and organisation (a reviewer's: the submitted one). */
  const own: Record<Visitor, { application: string; organisation: string }> = {} as never;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const submitted = await submittedApplication(database.db);
    const drafter = await createUser(database.db, "intermediary_officer");
    const draft = await createApplication(database.db, drafter.viewer, "192.0.2.1", 2026, DURING_CALL);
    if (draft.status !== "done") throw new Error(JSON.stringify(draft));
    const administrator = await createUser(database.db, "administrator");
    const client = { ip: null, userAgent: null };
    for (const [who, userId] of [
      ["officer", submitted.officer.id],
      ["drafter", drafter.id],
      ["reviewer", submitted.reviewer.id],
      ["administrator", administrator.id],
    ] as const) {
      cookies[who] = `${SESSION_COOKIE}=${(await startSession(database.db, SESSIONS, userId, client)).token}`;
    }
    const officerRecords = { application: String(submitted.id), organisation: String(submitted.officer.organisationId) };
    Object.assign(own, {
      anonymous: officerRecords,
      officer: officerRecords,
      drafter: { application: String(draft.id), organisation: String(drafter.organisationId) },
      reviewer: officerRecords,
      administrator: { application: String(submitted.id), organisation: String(drafter.organisationId) },
    });
    context = { db: database.db, engine, clientIp: "192.0.2.1", secure: false, cspNonce: "test", sessions: SESSIONS } as unknown as AppLoadContext;
  });
  afterAll(() => database?.close());

  /** The visitor's own records as the route's parameters: `id` is an organisation on organisation pages, else an application. */
  function paramsFor(routeName: string, who: Visitor, step: string): Record<string, string> {
    const params: Record<string, string> = {};
    for (const [, name] of routeName.matchAll(/\$([A-Za-z]+)/g)) {
      params[name!] = name === "id" ? (routeName.includes("organisations") ? own[who].organisation : own[who].application) : name === "step" ? step : "1";
    }
    return params;
  }

  function formPost(route: Probe["route"], who: Visitor, variant: string, value: (field: string) => string, label: string): Probe {
    const params = paramsFor(route.name, who, variant);
    const form = new URLSearchParams();
    form.set("intent", variant);
    for (const field of FIELDS) form.append(field, value(field));
    const request = new Request(`http://localhost${pathOf(route.name, params)}`, {
      method: "POST",
      headers: { cookie: cookies[who], "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    return { description: `POST ${request.url} as ${who}, ${variant}, every field ${label}`, route, params, request, posting: true };
  }

  /** Every form action, as every visitor, with every intent (or step), every field holding text beyond every limit, then another hostile value. */
  function* systematicProbes(random: ReturnType<typeof generator>): Generator<Probe> {
    for (const route of ROUTES.filter((r) => r.module.action)) {
      for (const who of VISITORS) {
        for (const variant of route.name.includes("$step") ? STEPS : INTENTS) {
          yield formPost(route, who, variant, () => TOO_LONG, "too long");
          const value = random.pick(HOSTILE_VALUES);
          yield formPost(route, who, variant, () => value, JSON.stringify(value.slice(0, 30)));
        }
      }
    }
  }

  /** Loaders with hostile parameters and queries, and actions with bodies of the wrong kind or hostile JSON. */
  function* randomProbes(random: ReturnType<typeof generator>): Generator<Probe> {
    for (let n = 0; n < RANDOM_REQUESTS; n++) {
      const route = random.pick(ROUTES);
      const who = random.pick(VISITORS);
      const params = paramsFor(route.name, who, random.pick(STEPS));
      for (const name of Object.keys(params)) if (random.chance(0.4)) params[name] = random.pick(HOSTILE_PARAMS);
      const path = pathOf(route.name, params);
      const query = random.chance(0.6) ? `?${random.pick(HOSTILE_QUERIES)}` : "";
      const headers: Record<string, string> = { cookie: cookies[who] };
      const posting = Boolean(route.module.action) && (!route.module.loader || random.chance(0.6));
      if (!posting) {
        yield {
          description: `GET ${path}${query.slice(0, 80)} as ${who}`,
          route,
          params,
          request: new Request(`http://localhost${path}${query}`, { headers }),
          posting,
        };
      } else if (random.chance(0.5)) {
        const [kind, type, body] = random.pick(MALFORMED_BODIES);
        if (type) headers["content-type"] = type;
        const request = new Request(`http://localhost${path}${query}`, { method: "POST", headers, body });
        yield { description: `POST ${path} as ${who}: ${kind}`, route, params, request, posting };
      } else {
        const value = random.pick(HOSTILE_VALUES);
        const body = random.pick([
          { revision: value, draft: value },
          { revision: 1, draft: { purpose: value, lines: [{ amount: value, description: value }], members: value } },
          { lines: [{ category: value, amount: value }], otherIncome: value, fiscalYear: value },
          [value],
        ]);
        headers["content-type"] = "application/json";
        const request = new Request(`http://localhost${path}`, { method: "POST", headers, body: JSON.stringify(body) });
        yield { description: `POST ${path} as ${who}: JSON ${JSON.stringify(body).slice(0, 80)}`, route, params, request, posting };
      }
    }
  }

  it(
    "answers hostile requests to every route without a 5xx; a refused one changes nothing, and no text is stored beyond its limit",
    { timeout: 300_000 },
    async () => {
      const random = generator(engine === "pglite" ? 11 : 12);
      const failures: string[] = [];
      const changedByRefusal: string[] = [];
      const statuses = new Map<number, number>();

      for (const probes of [systematicProbes(random), randomProbes(random)]) {
        for (const { description, route, params, request, posting } of probes) {
          const before = await tableFingerprint(database);
          const run = posting ? route.module.action! : route.module.loader!;
          const status = await statusOf(() => run({ request, params, context } as ActionFunctionArgs));
          if (typeof status !== "number" || status >= 500) {
            failures.push(`${description} → ${status}`);
            continue;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 400) {
            const changed = changedTables(before, await tableFingerprint(database), RECORDED_REFUSALS[route.name]);
            if (changed.length > 0) changedByRefusal.push(`${description} → ${status}, changed ${changed.join(", ")}`);
          }
        }
      }

      expect(failures).toEqual([]);
      expect(changedByRefusal).toEqual([]);
      // The run reached past the guards: pages were shown, forms refused, and some requests not found or not allowed.
      for (const status of [200, 400, 404]) expect(statuses.get(status) ?? 0, `answers with ${status}`).toBeGreaterThan(0);
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(1500);
      // A bound on the run itself (every route × every hostile case), so that a loop gone wrong shows.
      expect(total).toBeLessThan(8000);

      // No text was stored beyond the longest any field allows.
      const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type = 'text'`.execute(database.db);
      const over: string[] = [];
      for (const { table_name, column_name } of columns.rows) {
        const { rows } = await sql<{ longest: number | null }>`
        select max(char_length(${sql.ref(column_name)}))::int as longest from ${sql.table(table_name)}`.execute(database.db);
        const limit = column_name === "email" ? EMAIL_MAX : LONG_TEXT_MAX;
        if ((rows[0]?.longest ?? 0) > limit) over.push(`${table_name}.${column_name}: ${rows[0]!.longest}`);
      }
      expect(over).toEqual([]);
    },
  );
});
