import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { ACCOUNTS, DEMO_PASSWORD } from "./support/accounts";

/**
 * Every route of the built app × every role × own and other organisation, with the status each must get.
 * A route missing from EXPECTED fails the first test, so no route can ship without a decision on who may
 * reach it. "login" means a redirect to the sign-in page.
 */

type Who = "anonymous" | "prefecture" | "intermediary" | "proposer" | "reviewer" | "administrator";
type Expected = number | "login";
type Target = "own" | "other" | "none";

const WHO: Record<Exclude<Who, "anonymous">, string> = {
  prefecture: ACCOUNTS.toyama,
  intermediary: ACCOUNTS.tsunagari,
  proposer: ACCOUNTS.sendai,
  reviewer: ACCOUNTS.reviewer,
  administrator: ACCOUNTS.administrator,
};
const EVERYONE = (status: Expected) =>
  Object.fromEntries((["anonymous", ...Object.keys(WHO)] as Who[]).map((w) => [w, status])) as Record<Who, Expected>;
const SIGNED_IN = (status: Expected) => ({ ...EVERYONE(status), anonymous: "login" as const });
const ONLY = (allowed: Partial<Record<Who, Expected>>, others: Expected = 403) => ({
  ...SIGNED_IN(others),
  ...allowed,
});

interface Case {
  method: "GET" | "POST";
  /**
   * ":org" and ":app" are replaced by the viewer's own organisation or application, or by another
   * organisation's; ":submitted" by an application of another organisation with a submitted version 1.
   */
  path: string;
  target: Target;
  expect: Record<Who, Expected>;
}

const EXPECTED: Record<string, Case[]> = {
  root: [],
  "routes/_index": [{ method: "GET", path: "/", target: "none", expect: EVERYONE(200) }],
  "routes/simulator": [{ method: "GET", path: "/simulator", target: "none", expect: EVERYONE(200) }],
  "routes/api.v1.simulations": [{ method: "GET", path: "/api/v1/simulations", target: "none", expect: EVERYONE(405) }],
  "routes/login": [{ method: "GET", path: "/login", target: "none", expect: { ...EVERYONE(302), anonymous: 200 } }],
  "routes/logout": [{ method: "GET", path: "/logout", target: "none", expect: EVERYONE(405) }],
  "routes/session.keepalive": [
    { method: "POST", path: "/session/keepalive", target: "none", expect: { ...EVERYONE(200), anonymous: 401 } },
  ],
  "routes/password.set.$token": [{ method: "GET", path: "/password/set/not-a-token", target: "none", expect: EVERYONE(200) }],
  "routes/account": [
    { method: "GET", path: "/account", target: "none", expect: SIGNED_IN(200) },
    { method: "POST", path: "/account", target: "none", expect: SIGNED_IN(400) },
  ],
  "routes/audit": [{ method: "GET", path: "/audit", target: "none", expect: SIGNED_IN(200) }],
  "routes/organisations.$id": [
    { method: "GET", path: "/organisations/:org", target: "own", expect: SIGNED_IN(200) },
    {
      method: "GET",
      path: "/organisations/:org",
      target: "other",
      expect: { ...SIGNED_IN(404), reviewer: 200, administrator: 200 },
    },
    {
      method: "POST",
      path: "/organisations/:org",
      target: "own",
      expect: ONLY({ prefecture: 302, intermediary: 302, proposer: 302 }),
    },
    { method: "POST", path: "/organisations/:org", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, proposer: 404 }) },
  ],
  "routes/applications._index": [
    { method: "GET", path: "/applications", target: "none", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }) },
    { method: "POST", path: "/applications", target: "none", expect: ONLY({ prefecture: 302, intermediary: 302 }) },
  ],
  "routes/applications.$id": [
    { method: "GET", path: "/applications/:app", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
    // A save based on no revision is a conflict for the owner; nobody else may save at all.
    { method: "POST", path: "/applications/:app", target: "own", expect: ONLY({ prefecture: 409, intermediary: 409 }) },
    { method: "POST", path: "/applications/:app", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.draft": [
    { method: "GET", path: "/applications/:app/draft", target: "own", expect: EVERYONE(405) },
    // Form data instead of JSON: refused before anything is read; unauthorised callers never get that far.
    { method: "POST", path: "/applications/:app/draft", target: "other", expect: { ...ONLY({ prefecture: 415, intermediary: 415 }), anonymous: 401 } },
  ],
  "routes/applications.$id_.versions.$version": [
    { method: "GET", path: "/applications/:submitted/versions/1", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app/versions/99", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
  ],
  "routes/applications.$id_.attachments": [
    { method: "GET", path: "/applications/:app/attachments", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app/attachments", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
    // Posted without a file: refused at the file field, and only for the applicant's own application.
    { method: "POST", path: "/applications/:app/attachments", target: "own", expect: ONLY({ prefecture: 400, intermediary: 400 }) },
    { method: "POST", path: "/applications/:app/attachments", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.attachments_.$attachmentId": [
    // Downloads themselves are tested in applications.spec.ts; here only who gets past the guard.
    { method: "GET", path: "/applications/:app/attachments/999999", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "POST", path: "/applications/:app/attachments/999999", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.versions.$version_.pdf": [
    { method: "GET", path: "/applications/:submitted/versions/1/pdf", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
    { method: "GET", path: "/applications/not-a-number/versions/1/pdf", target: "none", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "GET", path: "/applications/:submitted/versions/first/pdf", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
  ],
  "routes/applications.$id_.pdf": [
    { method: "GET", path: "/applications/:app/pdf", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app/pdf", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
  ],
  "routes/applications.$id_.steps.$step": [
    // The page explains when a step cannot be taken now; posting it is refused (409) without a change.
    { method: "GET", path: "/applications/:app/steps/decide", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app/steps/decide", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }) },
    { method: "GET", path: "/applications/:app/steps/no-such-step", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "GET", path: "/applications/not-a-number/steps/decide", target: "none", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "POST", path: "/applications/:app/steps/decide", target: "own", expect: ONLY({ prefecture: 409, intermediary: 409, reviewer: 409 }) },
    { method: "POST", path: "/applications/:app/steps/report", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 409 }) },
  ],
  "routes/applications.$id_.documents.$proceedingId": [
    // Documents themselves are tested in proceedings.spec.ts; here only who gets past the guard.
    { method: "GET", path: "/applications/:app/documents/999999", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "GET", path: "/applications/:app/documents/999999", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
    { method: "GET", path: "/applications/:app/documents/not-a-number", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }) },
  ],
  "routes/admin.organisations._index": [
    { method: "GET", path: "/admin/organisations", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/organisations", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.organisations.$id": [
    { method: "GET", path: "/admin/organisations/:org", target: "own", expect: ONLY({ administrator: 200 }) },
    { method: "GET", path: "/admin/organisations/:org", target: "other", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/organisations/:org", target: "other", expect: ONLY({ administrator: 400 }) },
  ],
};

async function signedInContext(email: string | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL }, maxRedirects: 0 });
  if (email) {
    const response = await context.post("/login", { form: { email, password: DEMO_PASSWORD, redirectTo: "/" } });
    expect(response.status(), `sign-in of ${email}`).toBe(302);
  }
  return context;
}

test("every route of the app has an access decision in this test", async () => {
  const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as { routes: Record<string, unknown> };
  expect(Object.keys(build.routes).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test("every route answers every role, for its own and another organisation, as decided", async () => {
  test.setTimeout(120_000);
  const contexts = Object.fromEntries(
    await Promise.all(
      (["anonymous", ...Object.keys(WHO)] as Who[]).map(async (who) => [who, await signedInContext(who === "anonymous" ? null : WHO[who as keyof typeof WHO])] as const),
    ),
  ) as Record<Who, APIRequestContext>;

  // Organisation ids as the administrator sees them: each role's own, and one that belongs to none of them.
  const adminPage = await (await contexts.administrator.get("/admin/organisations")).text();
  const idOf = (name: string) => new RegExp(`href="/admin/organisations/(\\d+)"[^>]*>${name}<`).exec(adminPage)?.[1];
  const other = idOf("福岡県")!;
  const own: Record<Who, string> = {
    anonymous: other,
    prefecture: idOf("富山県")!,
    intermediary: idOf("特定非営利活動法人 つながり創造ネットワーク")!,
    proposer: idOf("仙台市")!,
    reviewer: idOf("内閣府 孤独・孤立対策推進室")!,
    administrator: idOf("内閣府 孤独・孤立対策推進室")!,
  };
  expect(Object.values(own).every(Boolean) && other).toBeTruthy();

  // Applications: Toyama's and Tsunagari's (opened here if the other tests have not), and one with a version.
  const applicationOf = async (context: APIRequestContext) => {
    const response = await context.post("/applications", { form: { fiscalYear: "2026" }, maxRedirects: 0 });
    return /\/applications\/(\d+)/.exec(response.headers()["location"] ?? "")![1]!;
  };
  const prefectureApp = await applicationOf(contexts.prefecture);
  const intermediaryApp = await applicationOf(contexts.intermediary);
  const appOwn = (who: Who) => (who === "intermediary" ? intermediaryApp : prefectureApp);
  const appOther = (who: Who) => (who === "prefecture" ? intermediaryApp : prefectureApp);
  const reviewerList = await (await contexts.reviewer.get("/applications")).text();
  const submitted = /href="\/applications\/(\d+)"(?:(?!<\/tr>).)*?福岡県/.exec(reviewerList)?.[1];
  expect(submitted, "Fukuoka's submitted application (tests/e2e/applications.spec.ts)").toBeTruthy();

  const failures: string[] = [];
  for (const [routeId, cases] of Object.entries(EXPECTED)) {
    for (const c of cases) {
      for (const who of Object.keys(c.expect) as Who[]) {
        const url = c.path
          .replace(":org", c.target === "own" ? own[who] : other)
          .replace(":app", c.target === "own" ? appOwn(who) : appOther(who))
          .replace(":submitted", submitted!);
        const response =
          c.method === "GET"
            ? await contexts[who].get(url, { maxRedirects: 0 })
            : await contexts[who].post(url, { form: { intent: "check" }, maxRedirects: 0 });
        const expected = c.expect[who];
        const location = response.headers()["location"] ?? "";
        const actual = response.status() === 302 && location.startsWith("/login") ? "login" : response.status();
        if (actual !== expected) failures.push(`${routeId} ${c.method} ${url} as ${who}: expected ${expected}, got ${actual} ${location}`);
      }
    }
  }
  expect(failures).toEqual([]);
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});
