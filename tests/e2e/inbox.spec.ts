import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { ACCOUNTS, newAccount, signIn, signOut, type TestAccount } from "./support/accounts";
import { fillMenu1Application, startApplication, submitVersion1 } from "./support/applications";

// The demo's 富山県 令和7年度 grant, seeded already closed and assigned to the demo reviewer (審査 一郎), is
// the one application these filters find among the demo's own.

const REVIEWER2 = "reviewer2@demo.example";

/** A row's 担当する, named for screen readers with the organisation it is for. */
const takeButton = (organisation: string) => new RegExp(`^担当する\\s*（${organisation}）$`);

/** A new prefecture's submitted application, nobody's yet. */
async function submittedApplication(page: Page): Promise<TestAccount> {
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  await fillMenu1Application(page);
  await submitVersion1(page);
  await signOut(page);
  return officer;
}

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

  await expect(table).toContainText("審査 一郎（あなた）");

  await filters.getByLabel(/^審査中/).check();
  await filters.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/state=under_review/);
  await expect(page.getByText("あなたが担当する申請は、この条件ではありません。")).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.goto("/applications?fiscalYear=2025&prefecture=16");
  await page.screenshot({ path: "test-results/screenshots/inbox-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/inbox-390.png", fullPage: true });
  // At 390 px the table scrolls inside its own box; the page never becomes wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("an empty view of one's own applications leads to those of nobody and of everyone", async ({ page }) => {
  await signIn(page, REVIEWER2);
  await page.getByRole("link", { name: "交付申請", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "あなたが担当する申請は、この条件ではありません。" })).toBeVisible();
  await expect(page.getByRole("link", { name: "担当者が決まっていない申請を見る（未割当）" })).toHaveAttribute("href", "/applications?assignee=nobody");
  await page.getByRole("link", { name: "すべての審査担当者の申請を見る" }).click();
  await expect(page).toHaveURL(/assignee=all/);
  await expect(page.getByRole("form", { name: "絞り込み" }).getByLabel("担当")).toHaveValue("all");
  const demo = page
    .getByRole("table", { name: "審査する交付申請の一覧" })
    .getByRole("row", { name: /富山県/ })
    .filter({ hasText: "令和7年度" });
  await expect(demo).toContainText("審査 一郎");
});

test("a reviewer takes an application from the inbox, gives it to another reviewer from its page, and it is released", async ({ page }) => {
  test.setTimeout(150_000);
  const officer = await submittedApplication(page);
  const name = officer.organisation.name;
  await signIn(page, ACCOUNTS.reviewer);
  await page.goto(`/applications?assignee=nobody&q=${encodeURIComponent(name)}`);
  const table = page.getByRole("table", { name: "審査する交付申請の一覧" });
  await expect(table.getByRole("row", { name: new RegExp(name) })).toContainText("未割当");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await table.getByRole("button", { name: takeButton(name) }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name}：担当になりました。` })).toBeVisible();
  await expect(page).toHaveURL(/assignee=nobody/);
  // Taken, it is no longer nobody's: it is in the reviewer's own list.
  await expect(page.getByText("条件に合う申請はありません。")).toBeVisible();
  await page.goto(`/applications?q=${encodeURIComponent(name)}`);
  await expect(table.getByRole("row", { name: new RegExp(name) })).toContainText("審査 一郎（あなた）");

  await table.getByRole("link", { name }).click();
  const panel = page.getByRole("region", { name: "担当者" });
  await expect(panel).toContainText("審査 一郎（あなた）");
  await panel.getByLabel("ほかの審査担当者に任せる").selectOption({ label: "審査 二葉" });
  await panel.getByRole("button", { name: "担当者にする" }).click();
  await expect(panel.getByRole("status")).toHaveText("担当者を変更しました。");
  await expect(panel).toContainText("審査 二葉");
  await panel.getByRole("button", { name: "担当を外す" }).click();
  await expect(panel.getByRole("status")).toHaveText("担当を外しました。");
  await expect(panel).toContainText("まだ決まっていません（未割当）。");
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

    await filters.getByLabel("担当").selectOption({ label: "すべて" });
    await filters.getByLabel("申請者が確認事項（警告）を確認して提出したもの").check();
    await filters.getByLabel("並び順").selectOption({ label: "交付決定額の大きい順" });
    await filters.getByRole("button", { name: "絞り込む" }).click();
    for (const part of ["assignee=all", "findings=1", "sort=decided"]) await expect(page).toHaveURL(new RegExp(part));
    await expect(filters.getByLabel("申請者が確認事項（警告）を確認して提出したもの")).toBeChecked();
    await expect(filters.getByLabel("担当")).toHaveValue("all");
  });

  test("a reviewer takes an unassigned application with the button in its row", async ({ page }) => {
    test.setTimeout(150_000);
    const officer = await test.step("an application nobody has", async () => {
      const context = await page.context().browser()!.newContext({ baseURL, javaScriptEnabled: true, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
      try {
        return await submittedApplication(await context.newPage());
      } finally {
        await context.close();
      }
    });
    const name = officer.organisation.name;
    await signIn(page, ACCOUNTS.reviewer);
    await page.goto(`/applications?assignee=all&q=${encodeURIComponent(name)}`);
    const row = page.getByRole("table", { name: "審査する交付申請の一覧" }).getByRole("row", { name: new RegExp(name) });
    await row.getByRole("button", { name: takeButton(name) }).click();
    await expect(page).toHaveURL(/\?q=.+&assignee=all&assignment=take&application=\d+$/);
    await expect(page.getByRole("status").filter({ hasText: `${name}：担当になりました。` })).toBeVisible();
    await expect(row).toContainText("審査 一郎（あなた）");
    await expect(row.getByRole("button")).toHaveCount(0);
  });
});
