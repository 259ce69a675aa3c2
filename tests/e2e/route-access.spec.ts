import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, httpClient, newAccount, signIn, signOut } from "./support/accounts";
import { fillMenu1Application, startApplication, submitVersion1, waitUntilSaved } from "./support/applications";

/**
 * Every route of the built app × every role × own and other organisation, with the status each must get.
 * A route missing from EXPECTED fails the first test, so no route can ship without a decision on who may
 * reach it. "login" means a redirect to the sign-in page.
 */

type Who = "anonymous" | "prefecture" | "intermediary" | "proposer" | "reviewer" | "administrator";
type Expected = number | "login";
type Target = "own" | "other" | "none";

const EVERYONE_WHO: Who[] = ["anonymous", "prefecture", "intermediary", "proposer", "reviewer", "administrator"];
const EVERYONE = (status: Expected) => Object.fromEntries(EVERYONE_WHO.map((w) => [w, status])) as Record<Who, Expected>;
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
  // Open data: the model projects' published results, for everyone, signed in or not.
  "routes/model-projects": [{ method: "GET", path: "/model-projects", target: "none", expect: EVERYONE(200) }],
  "routes/model-projects[.]csv": [{ method: "GET", path: "/model-projects.csv", target: "none", expect: EVERYONE(200) }],
  "routes/api.v1.model-projects": [
    { method: "GET", path: "/api/v1/model-projects", target: "none", expect: EVERYONE(200) },
    { method: "POST", path: "/api/v1/model-projects", target: "none", expect: EVERYONE(405) },
  ],
  "routes/login": [{ method: "GET", path: "/login", target: "none", expect: { ...EVERYONE(302), anonymous: 200 } }],
  "routes/logout": [{ method: "GET", path: "/logout", target: "none", expect: EVERYONE(405) }],
  "routes/session.keepalive": [{ method: "POST", path: "/session/keepalive", target: "none", expect: { ...EVERYONE(200), anonymous: 401 } }],
  "routes/password.forgot": [
    { method: "GET", path: "/password/forgot", target: "none", expect: EVERYONE(200) },
    // Posted without an address: refused at the field, for anyone.
    { method: "POST", path: "/password/forgot", target: "none", expect: EVERYONE(400) },
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
      expect: ONLY({ prefecture: 302, intermediary: 302, proposer: 302, administrator: 302 }),
    },
    // An administrator edits any organisation's profile.
    { method: "POST", path: "/organisations/:org", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, proposer: 404, administrator: 302 }) },
  ],
  "routes/applications._index": [
    { method: "GET", path: "/applications", target: "none", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200, administrator: 200 }) },
    { method: "POST", path: "/applications", target: "none", expect: ONLY({ prefecture: 302, intermediary: 302 }) },
  ],
  "routes/applications[.]csv": [{ method: "GET", path: "/applications.csv", target: "none", expect: ONLY({ reviewer: 200, administrator: 200 }) }],
  "routes/applications[.]xlsx": [
    { method: "GET", path: "/applications.xlsx?state=closed", target: "none", expect: ONLY({ reviewer: 200, administrator: 200 }) },
  ],
  // JSON for everyone: the signed-out are told 401 rather than sent to a page.
  "routes/api.v1.applications": [
    { method: "GET", path: "/api/v1/applications", target: "none", expect: { ...ONLY({ reviewer: 200, administrator: 200 }), anonymous: 401 } },
    { method: "POST", path: "/api/v1/applications", target: "none", expect: EVERYONE(405) },
  ],
  "routes/applications.$id": [
    { method: "GET", path: "/applications/:app", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200, administrator: 200 }) },
    { method: "GET", path: "/applications/:app", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }) },
    // "check" is no button of the form: refused (400) for the owner; nobody else may post at all.
    { method: "POST", path: "/applications/:app", target: "own", expect: ONLY({ prefecture: 400, intermediary: 400 }) },
    { method: "POST", path: "/applications/:app", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.draft": [
    { method: "GET", path: "/applications/:app/draft", target: "own", expect: EVERYONE(405) },
    // Form data instead of JSON: refused before anything is read; unauthorised callers never get that far.
    { method: "POST", path: "/applications/:app/draft", target: "other", expect: { ...ONLY({ prefecture: 415, intermediary: 415 }), anonymous: 401 } },
  ],
  "routes/applications.$id_.versions.$version": [
    {
      method: "GET",
      path: "/applications/:submitted/versions/1",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }),
    },
    {
      method: "GET",
      path: "/applications/:app/versions/99",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
  ],
  "routes/applications.$id_.attachments": [
    {
      method: "GET",
      path: "/applications/:app/attachments",
      target: "own",
      expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200, administrator: 200 }),
    },
    {
      method: "GET",
      path: "/applications/:app/attachments",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }),
    },
    // Posted without a file: refused at the file field, and only for the applicant's own application.
    { method: "POST", path: "/applications/:app/attachments", target: "own", expect: ONLY({ prefecture: 400, intermediary: 400 }) },
    { method: "POST", path: "/applications/:app/attachments", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.attachments_.$attachmentId": [
    // Downloads themselves are tested in applications.spec.ts; here only who gets past the guard.
    {
      method: "GET",
      path: "/applications/:app/attachments/999999",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
    { method: "POST", path: "/applications/:app/attachments/999999", target: "own", expect: ONLY({ prefecture: 404, intermediary: 404 }) },
  ],
  "routes/applications.$id_.versions.$version_.pdf": [
    {
      method: "GET",
      path: "/applications/:submitted/versions/1/pdf",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }),
    },
    {
      method: "GET",
      path: "/applications/not-a-number/versions/1/pdf",
      target: "none",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
    {
      method: "GET",
      path: "/applications/:submitted/versions/first/pdf",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
  ],
  "routes/applications.$id_.versions.$version_.budget-statement[.]xlsx": [
    {
      method: "GET",
      path: "/applications/:submitted/versions/1/budget-statement.xlsx",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }),
    },
    {
      method: "GET",
      path: "/applications/:app/versions/99/budget-statement.xlsx",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
  ],
  "routes/applications.$id_.pdf": [
    { method: "GET", path: "/applications/:app/pdf", target: "own", expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200, administrator: 200 }) },
    { method: "GET", path: "/applications/:app/pdf", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200, administrator: 200 }) },
    // Submitted: no draft to print; the reviewer is sent to version 1's PDF.
    {
      method: "GET",
      path: "/applications/:submitted/pdf",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 302, administrator: 302 }),
    },
  ],
  "routes/applications.$id_.steps.$step": [
    // The page explains when a step cannot be taken now; posting it is refused (409) without a change.
    {
      method: "GET",
      path: "/applications/:app/steps/decide",
      target: "own",
      expect: ONLY({ prefecture: 200, intermediary: 200, reviewer: 200 }),
    },
    {
      method: "GET",
      path: "/applications/:app/steps/decide",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 200 }),
    },
    {
      method: "GET",
      path: "/applications/:app/steps/no-such-step",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }),
    },
    {
      method: "GET",
      path: "/applications/not-a-number/steps/decide",
      target: "none",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404 }),
    },
    { method: "POST", path: "/applications/:app/steps/decide", target: "own", expect: ONLY({ prefecture: 409, intermediary: 409, reviewer: 409 }) },
    { method: "POST", path: "/applications/:app/steps/report", target: "other", expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 409 }) },
  ],
  "routes/applications.$id_.assignment": [
    // Opened by address, it only links back to the application; a reviewer's page.
    { method: "GET", path: "/applications/:submitted/assignment", target: "other", expect: ONLY({ reviewer: 200 }) },
    // "check" is no intent of the form: refused (400) for a reviewer; nobody else may post at all.
    { method: "POST", path: "/applications/:submitted/assignment", target: "other", expect: ONLY({ reviewer: 400 }) },
    { method: "POST", path: "/applications/not-a-number/assignment", target: "none", expect: ONLY({ reviewer: 404 }) },
  ],
  "routes/applications.$id_.documents.$proceedingId": [
    // Documents themselves are tested in proceedings.spec.ts; here only who gets past the guard.
    {
      method: "GET",
      path: "/applications/:app/documents/999999",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
    {
      method: "GET",
      path: "/applications/:app/documents/999999",
      target: "other",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
    {
      method: "GET",
      path: "/applications/:app/documents/not-a-number",
      target: "own",
      expect: ONLY({ prefecture: 404, intermediary: 404, reviewer: 404, administrator: 404 }),
    },
  ],
  "routes/budget": [{ method: "GET", path: "/budget", target: "none", expect: ONLY({ reviewer: 200, administrator: 200 }) }],
  "routes/budget[.]csv": [{ method: "GET", path: "/budget.csv", target: "none", expect: ONLY({ reviewer: 200, administrator: 200 }) }],
  "routes/budget[.]xlsx": [{ method: "GET", path: "/budget.xlsx", target: "none", expect: ONLY({ reviewer: 200, administrator: 200 }) }],
  "routes/api.v1.budget": [
    { method: "GET", path: "/api/v1/budget", target: "none", expect: { ...ONLY({ reviewer: 200, administrator: 200 }), anonymous: 401 } },
    { method: "POST", path: "/api/v1/budget", target: "none", expect: EVERYONE(405) },
  ],
  // The demo's calls: #1 is open, #2 has not opened yet (db/seed/demo-data.ts).
  "routes/calls._index": [{ method: "GET", path: "/calls", target: "none", expect: EVERYONE(200) }],
  "routes/calls.$id": [
    { method: "GET", path: "/calls/1", target: "none", expect: EVERYONE(200) },
    { method: "GET", path: "/calls/2", target: "none", expect: EVERYONE(404) },
    { method: "GET", path: "/calls/not-a-number", target: "none", expect: EVERYONE(404) },
    // Applying: a municipality's officer opens (or finds) its proposal and is sent to it; nobody else may.
    { method: "POST", path: "/calls/1", target: "none", expect: ONLY({ proposer: 302 }) },
  ],
  // Proposals: ":proposal" is the proposer's own (a draft) or another municipality's; a reviewer sees only submitted ones.
  "routes/proposals._index": [{ method: "GET", path: "/proposals", target: "none", expect: ONLY({ proposer: 200, reviewer: 200 }) }],
  "routes/proposals.$id": [
    { method: "GET", path: "/proposals/:proposal", target: "own", expect: ONLY({ proposer: 200, reviewer: 404 }) },
    { method: "GET", path: "/proposals/:proposal", target: "other", expect: ONLY({ proposer: 404, reviewer: 404 }) },
    // "check" is no button of the form: refused (400) for the owner; nobody else may post at all.
    { method: "POST", path: "/proposals/:proposal", target: "own", expect: ONLY({ proposer: 400 }) },
    { method: "POST", path: "/proposals/:proposal", target: "other", expect: ONLY({ proposer: 404 }) },
  ],
  "routes/proposals.$id_.draft": [
    { method: "GET", path: "/proposals/:proposal/draft", target: "own", expect: EVERYONE(405) },
    { method: "POST", path: "/proposals/:proposal/draft", target: "other", expect: { ...ONLY({ proposer: 415 }), anonymous: 401 } },
  ],
  "routes/proposals.$id_.versions.$version": [
    { method: "GET", path: "/proposals/:proposal/versions/1", target: "own", expect: ONLY({ proposer: 404, reviewer: 404 }) },
    { method: "GET", path: "/proposals/:proposal/versions/1", target: "other", expect: ONLY({ proposer: 404, reviewer: 404 }) },
  ],
  "routes/proposals.$id_.versions.$version_.pdf": [
    { method: "GET", path: "/proposals/:proposal/versions/1/pdf", target: "own", expect: ONLY({ proposer: 404, reviewer: 404 }) },
    { method: "GET", path: "/proposals/:proposal/versions/1/pdf", target: "other", expect: ONLY({ proposer: 404, reviewer: 404 }) },
  ],
  // The demo reviewers are assigned to the demo's calls; other roles may not review.
  "routes/calls.$id_.review": [
    { method: "GET", path: "/calls/1/review", target: "none", expect: ONLY({ reviewer: 200 }) },
    { method: "GET", path: "/calls/999999/review", target: "none", expect: ONLY({ reviewer: 404 }) },
  ],
  "routes/proposals.$id_.review": [
    { method: "GET", path: "/proposals/999999/review", target: "none", expect: ONLY({ reviewer: 404 }) },
    { method: "POST", path: "/proposals/999999/review", target: "none", expect: ONLY({ reviewer: 404 }) },
  ],
  "routes/contracts._index": [{ method: "GET", path: "/contracts", target: "none", expect: ONLY({ proposer: 200, reviewer: 200 }) }],
  "routes/contracts.$id": [
    { method: "GET", path: "/contracts/999999", target: "none", expect: ONLY({ proposer: 404, reviewer: 404 }) },
    // Without a step the post is refused before anything is read.
    { method: "POST", path: "/contracts/999999", target: "none", expect: ONLY({ proposer: 400, reviewer: 400 }) },
  ],
  "routes/contracts.$id_.documents.$recordId": [
    { method: "GET", path: "/contracts/999999/documents/1", target: "none", expect: ONLY({ proposer: 404, reviewer: 404 }) },
  ],
  "routes/proposals.$id_.selection-notice": [
    { method: "GET", path: "/proposals/999999/selection-notice", target: "none", expect: ONLY({ proposer: 404, reviewer: 404 }) },
  ],
  "routes/admin.calls._index": [{ method: "GET", path: "/admin/calls", target: "none", expect: ONLY({ administrator: 200 }) }],
  "routes/admin.calls.new": [
    { method: "GET", path: "/admin/calls/new", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/calls/new", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.calls.$id": [
    { method: "GET", path: "/admin/calls/2", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "GET", path: "/admin/calls/999999", target: "none", expect: ONLY({ administrator: 404 }) },
    { method: "POST", path: "/admin/calls/2", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.programmes._index": [
    { method: "GET", path: "/admin/programmes", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/programmes", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.programmes.$year": [
    { method: "GET", path: "/admin/programmes/2026", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "GET", path: "/admin/programmes/2099", target: "none", expect: ONLY({ administrator: 404 }) },
    { method: "POST", path: "/admin/programmes/2026", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.programmes.$year_.$programme": [
    { method: "GET", path: "/admin/programmes/2026/intermediary", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "GET", path: "/admin/programmes/2026/unknown", target: "none", expect: ONLY({ administrator: 404 }) },
    { method: "POST", path: "/admin/programmes/2026/intermediary", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.programmes.$year_.extensions": [
    { method: "GET", path: "/admin/programmes/2026/extensions", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/programmes/2026/extensions", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.organisations._index": [
    { method: "GET", path: "/admin/organisations", target: "none", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/organisations", target: "none", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/admin.organisations.$id_.accounts.$userId": [
    { method: "GET", path: "/admin/organisations/:org/accounts/999999", target: "own", expect: ONLY({ administrator: 404 }) },
    { method: "POST", path: "/admin/organisations/:org/accounts/999999", target: "own", expect: ONLY({ administrator: 404 }) },
  ],
  "routes/admin.organisations.$id": [
    { method: "GET", path: "/admin/organisations/:org", target: "own", expect: ONLY({ administrator: 200 }) },
    { method: "GET", path: "/admin/organisations/:org", target: "other", expect: ONLY({ administrator: 200 }) },
    { method: "POST", path: "/admin/organisations/:org", target: "other", expect: ONLY({ administrator: 400 }) },
  ],
  "routes/notifications._index": [
    { method: "GET", path: "/notifications", target: "none", expect: SIGNED_IN(200) },
    // 「すべて既読にする」: one's own notifications only, then back to the list.
    { method: "POST", path: "/notifications", target: "none", expect: SIGNED_IN(302) },
  ],
  // Another's notification, or none, is not found.
  "routes/notifications.$id": [{ method: "GET", path: "/notifications/999999", target: "none", expect: SIGNED_IN(404) }],
  "routes/admin.outbox": [{ method: "GET", path: "/admin/outbox", target: "none", expect: ONLY({ administrator: 200 }) }],
};

test("every route of the app has an access decision in this test", async () => {
  const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as { routes: Record<string, unknown> };
  expect(Object.keys(build.routes).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test("every route answers every role, for its own and another organisation, as decided", async ({ page }) => {
  test.setTimeout(150_000);
  // Accounts of this test's own for the applicant roles (one at a time: each prefecture is taken once), and
  // another prefecture that submits version 1 of an application, so that the other organisation has one.
  const prefecture = await newAccount("prefecture");
  const intermediary = await newAccount("intermediary");
  const proposer = await newAccount("municipality");
  const applicant = await newAccount("prefecture");
  // The prefecture's and the intermediary's applications have something saved in them, so that a save
  // based on no revision (an empty form) would overwrite it.
  for (const officer of [prefecture, intermediary]) {
    await signIn(page, officer.email, officer.password);
    await startApplication(page);
    await page.getByLabel("事業の目的").fill("権限の確認のために入力した内容");
    await waitUntilSaved(page);
    await signOut(page);
  }
  await signIn(page, applicant.email, applicant.password);
  await startApplication(page);
  await fillMenu1Application(page);
  await submitVersion1(page);

  const contexts: Record<Who, APIRequestContext> = {
    anonymous: await httpClient(),
    prefecture: await httpClient(prefecture.email, prefecture.password),
    intermediary: await httpClient(intermediary.email, intermediary.password),
    proposer: await httpClient(proposer.email, proposer.password),
    reviewer: await httpClient(ACCOUNTS.reviewer),
    administrator: await httpClient(ACCOUNTS.administrator),
  };

  // Organisation ids as the administrator sees them: each role's own, and one that belongs to none of them.
  const adminPage = await (await contexts.administrator.get("/admin/organisations")).text();
  const idOf = (name: string) => new RegExp(`href="/admin/organisations/(\\d+)"[^>]*>${name}<`).exec(adminPage)?.[1];
  const other = idOf(applicant.organisation.name)!;
  const own: Record<Who, string> = {
    anonymous: other,
    prefecture: idOf(prefecture.organisation.name)!,
    intermediary: idOf(intermediary.organisation.name)!,
    proposer: idOf(proposer.organisation.name)!,
    reviewer: idOf("内閣府 孤独・孤立対策推進室")!,
    administrator: idOf("内閣府 孤独・孤立対策推進室")!,
  };
  expect(Object.values(own).every(Boolean) && other).toBeTruthy();

  // Applications: the prefecture's and the intermediary's (opened above), and the other one's with a version.
  const applicationOf = async (context: APIRequestContext) => {
    const response = await context.post("/applications", { form: { fiscalYear: "2026" }, maxRedirects: 0 });
    return /\/applications\/(\d+)/.exec(response.headers()["location"] ?? "")![1]!;
  };
  const prefectureApp = await applicationOf(contexts.prefecture);
  const intermediaryApp = await applicationOf(contexts.intermediary);
  const appOwn = (who: Who) => (who === "intermediary" ? intermediaryApp : prefectureApp);
  const appOther = (who: Who) => (who === "prefecture" ? intermediaryApp : prefectureApp);
  const reviewerList = await (await contexts.reviewer.get(`/applications?assignee=all&q=${encodeURIComponent(applicant.organisation.name)}`)).text();
  const submitted = new RegExp(`href="/applications/(\\d+)"(?:(?!</tr>).)*?${applicant.organisation.name}`).exec(reviewerList)?.[1];
  expect(submitted, `${applicant.organisation.name}'s submitted application`).toBeTruthy();

  // Proposals to call #1: the proposer's own, and another municipality's.
  const proposalOf = async (context: APIRequestContext) => {
    const response = await context.post("/calls/1", { form: {}, maxRedirects: 0 });
    return /\/proposals\/(\d+)/.exec(response.headers()["location"] ?? "")![1]!;
  };
  const otherProposer = await newAccount("municipality");
  const otherProposerContext = await httpClient(otherProposer.email, otherProposer.password);
  const proposalOwn = await proposalOf(contexts.proposer);
  const proposalOther = await proposalOf(otherProposerContext);
  await otherProposerContext.dispose();

  const failures: string[] = [];
  for (const [routeId, cases] of Object.entries(EXPECTED)) {
    for (const c of cases) {
      for (const who of Object.keys(c.expect) as Who[]) {
        const url = c.path
          .replace(":org", c.target === "own" ? own[who] : other)
          .replace(":app", c.target === "own" ? appOwn(who) : appOther(who))
          .replace(":submitted", submitted!)
          .replace(":proposal", c.target === "own" ? proposalOwn : proposalOther);
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
