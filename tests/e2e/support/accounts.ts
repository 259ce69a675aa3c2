import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL } from "../../../playwright.config";

/**
 * The demo accounts seeded for the browser tests' server (db/seed/demo-data.ts). Tests only read through
 * them, or sign in as the reviewer and the administrator; a test that starts, submits or changes anything of
 * an organisation's makes its own account with newAccount, so that no test depends on another's leftovers.
 */
export const DEMO_PASSWORD = "demo-password-2026";
export const ACCOUNTS = {
  administrator: "admin@demo.example",
  reviewer: "reviewer@demo.example",
  reviewer2: "reviewer2@demo.example",
  toyama: "toyama@demo.example",
  fukuoka: "fukuoka@demo.example",
  tsunagari: "tsunagari@demo.example",
  mirai: "mirai@demo.example",
  sendai: "sendai@demo.example",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ログアウトしました" })).toBeVisible();
}

export type OrganisationKind = "prefecture" | "intermediary" | "municipality" | "npo";

const ROLE_OF_KIND: Record<OrganisationKind, string> = {
  prefecture: "prefecture_officer",
  intermediary: "intermediary_officer",
  municipality: "proposer_officer",
  npo: "proposer_officer",
};

export interface TestAccount {
  email: string;
  password: string;
  displayName: string;
  organisation: { id: string; name: string };
}

/** Unique within a run and across runs on the same server: ASCII letters and digits only. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
}

/** An HTTP client that posts as a same-origin form would, and does not follow redirects. */
export async function httpClient(email?: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL }, maxRedirects: 0 });
  if (email) {
    const response = await context.post("/login", { form: { email, password, redirectTo: "/" } });
    expect(response.status(), `sign-in of ${email}`).toBe(302);
  }
  return context;
}

/** The organisation's profile filled in by its own officer, as applications need before they are submitted. */
export async function completeProfile(organisationId: string, email: string, password: string) {
  const officer = await httpClient(email, password);
  try {
    const saved = await officer.post(`/organisations/${organisationId}`, {
      form: {
        representativeTitle: "代表理事",
        representativeName: "試験 花子",
        postalCode: "100-8914",
        address: "東京都千代田区永田町1-6-1",
        contactPerson: "事務局 試験 太郎",
        contactPhone: "03-0000-0000",
        contactEmail: email,
        corporateNumber: "",
      },
    });
    expect(saved.status(), `the profile of organisation ${organisationId}`).toBe(302);
  } finally {
    await officer.dispose();
  }
}

/**
 * A new account, with its password set, for one test alone: made through the administrator's pages as an
 * administrator would, then the password is set from the one-time link as the account's owner would.
 * Intermediary organisations, municipalities and NPOs are registered new ("<organisationName> <suffix>").
 * Prefectures are reference data and cannot be added, so the account goes to a prefecture that has no
 * account yet, and therefore no application: each call takes another one. The organisation's profile is
 * filled in unless `completeProfile` is false.
 */
export async function newAccount(
  kind: OrganisationKind,
  options: { organisationName?: string; displayName?: string; /** Fill in what documents print (default true). */ completeProfile?: boolean } = {},
): Promise<TestAccount> {
  const suffix = uniqueSuffix();
  const admin = await httpClient(ACCOUNTS.administrator);
  try {
    let organisation: { id: string; name: string };
    if (kind === "prefecture") {
      const list = await admin.get("/admin/organisations?kind=prefecture");
      expect(list.status()).toBe(200);
      // Each row: the name linked to its page, the corporate number, then the number of accounts.
      const rows = [...(await list.text()).matchAll(/href="\/admin\/organisations\/(\d+)">([^<]+)<\/a><\/td><td[^>]*>[^<]*<\/td><td[^>]*>(\d+)<\/td>/g)];
      const unused = rows.find((row) => row[3] === "0");
      expect(unused, "a prefecture with no account yet").toBeTruthy();
      organisation = { id: unused![1]!, name: unused![2]! };
    } else {
      const name = `${options.organisationName ?? `試験用の${kind}`} ${suffix}`;
      const created = await admin.post("/admin/organisations", { form: { kind, name, corporateNumber: "" } });
      expect(created.status(), `registering ${name}`).toBe(302);
      const id = /^\/admin\/organisations\/(\d+)/.exec(created.headers()["location"] ?? "")?.[1];
      expect(id, `the page of ${name}`).toBeTruthy();
      organisation = { id: id!, name };
    }

    const email = `e2e-${kind}-${suffix}@e2e.example`;
    const displayName = options.displayName ?? "試験 太郎";
    const issued = await admin.post(`/admin/organisations/${organisation.id}`, {
      form: { intent: "create", displayName, email, role: ROLE_OF_KIND[kind] },
    });
    expect(issued.status(), `issuing ${email}`).toBe(200);
    const link = /data-testid="password-link">([^<]+)</.exec(await issued.text())?.[1];
    expect(link, `the one-time link for ${email}`).toMatch(/\/password\/set\//);

    const password = `e2e-password-${suffix}`;
    const owner = await httpClient();
    try {
      const set = await owner.post(new URL(link!).pathname, { form: { password, passwordConfirmation: password } });
      expect(set.status(), `setting the password of ${email}`).toBe(302);
    } finally {
      await owner.dispose();
    }
    if (options.completeProfile ?? true) await completeProfile(organisation.id, email, password);
    return { email, password, displayName, organisation };
  } finally {
    await admin.dispose();
  }
}
