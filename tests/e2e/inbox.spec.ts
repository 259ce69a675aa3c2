import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

// The demo's 富山県 令和7年度 grant, seeded already closed, is the one application these filters find.

test("a reviewer narrows the inbox by year, prefecture and state, and the address keeps the view", async ({ page }) => {
  await signIn(page, ACCOUNTS.reviewer);
  await page.getByRole("link", { name: "交付申請", exact: true }).click();
  const filters = page.getByRole("form", { name: "絞り込み" });
  await filters.getByLabel("年度").selectOption({ label: "令和7年度" });
  await filters.getByLabel("都道府県").selectOption({ label: "富山県" });
  await filters.getByRole("button", { name: "絞り込む" }).click();

  await expect(page).toHaveURL(/fiscalYear=2025/);
  await expect(page).toHaveURL(/prefecture=16/);
  await expect(filters.getByLabel(/^完了（1）/)).toBeVisible();
  const table = page.getByRole("table", { name: "審査する交付申請の一覧" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("富山県");
  await expect(table).toContainText("対応は不要です（完了）");
  await expect(page.getByRole("status").filter({ hasText: "1件中 1〜1件目" })).toBeVisible();

  await filters.getByLabel(/^審査中/).check();
  await filters.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/state=under_review/);
  await expect(page.getByText("条件に合う申請はありません。")).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.goto("/applications?fiscalYear=2025&prefecture=16");
  await page.screenshot({ path: "test-results/screenshots/inbox-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/inbox-390.png", fullPage: true });
  // At 390 px the table scrolls inside its own box; the page never becomes wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the inbox's filter is a plain form: the server filters and the values stay chosen", async ({ page }) => {
    await signIn(page, ACCOUNTS.reviewer);
    await page.goto("/applications");
    const filters = page.getByRole("form", { name: "絞り込み" });
    await filters.getByLabel("年度").selectOption({ label: "令和7年度" });
    await filters.getByLabel(/^完了/).check();
    await filters.getByRole("button", { name: "絞り込む" }).click();
    await expect(page).toHaveURL(/fiscalYear=2025&.*state=closed/);
    await expect(page.getByRole("table", { name: "審査する交付申請の一覧" })).toContainText("富山県");
    await expect(filters.getByLabel("年度")).toHaveValue("2025");
    await expect(filters.getByLabel(/^完了/)).toBeChecked();
  });
});
