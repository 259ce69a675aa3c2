import { expect, type Page } from "@playwright/test";

/** The demo accounts seeded for the browser tests' server (db/seed/demo-data.ts). */
export const DEMO_PASSWORD = "demo-password-2026";
export const ACCOUNTS = {
  administrator: "admin@demo.example",
  reviewer: "reviewer@demo.example",
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
  await expect(page.getByRole("status")).toContainText("ログアウトしました");
}
