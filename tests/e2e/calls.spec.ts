import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn, signOut } from "./support/accounts";
import { fillCall, japanDateTime } from "./support/calls";

/**
 * Calls for proposals: an administrator opens one, it is published when its window opens, and a
 * municipality finds it on its home page. Each test makes its own calls with unique titles.
 */

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("an administrator opens a call, it is published, and 仙台市 finds it on its home page", async ({ page }) => {
  const title = `令和8年度 官民連携プラットフォーム 追加公募 ${randomUUID().slice(0, 8)}`;
  await signIn(page, ACCOUNTS.administrator);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "公募の管理" }).click();
  await page.getByRole("link", { name: "公募を作成する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("公募を作成する");
  // The default criteria are there to adjust.
  await expect(page.getByLabel("1行目の評価項目")).toHaveValue("先進性");
  await expect(page.getByLabel("5行目の配点")).toHaveValue("15");

  // A window that closes before it opens is refused at its field, and what was typed stays.
  await fillCall(page, { title, opensInDays: 0, closesInDays: -1 });
  await page.getByRole("button", { name: "公募を作成する" }).click();
  const closes = page.getByLabel("締切日時（日本時間）");
  await expect(closes).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert")).toContainText("締切日時は公募開始日時より後にしてください。");
  await expect(page.getByLabel("公募名")).toHaveValue(title);

  await closes.fill(japanDateTime(30));
  await page.getByLabel("2行目の配点").fill("30");
  await page.getByLabel("5行目の評価項目").fill("");
  await page.getByLabel("5行目の配点").fill("");
  await page.getByRole("button", { name: "公募を作成する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "公募を作成しました。" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // Open already: published as it stands, no longer editable.
  await expect(page.getByText("公募中", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "内容を変更できません" })).toBeVisible();
  const criteria = page.getByRole("table", { name: "評価項目と配点" });
  await expect(criteria.getByRole("row")).toHaveCount(1 + 4 + 1);
  await expect(criteria.getByRole("row", { name: "合計" })).toContainText("90");
  await signOut(page);

  // Everyone sees it on the list of calls.
  await page.goto("/calls");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("締切まで あと")).toBeVisible();
  await expect(page.getByText("1件あたりの上限額")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("5,000,000円");
  await expect(page.getByRole("status")).toContainText("この公募に応募できるのは市区町村です。");
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: "test-results/screenshots/call-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/call-390.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // 仙台市, a municipality, finds it among the calls it may answer.
  await signIn(page, ACCOUNTS.sendai);
  await page.goto("/");
  const open = page.getByRole("region", { name: "応募できる公募" });
  await expect(open.getByRole("link", { name: title })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a call that has not opened is changed by its form, and nobody else sees it yet", async ({ page }) => {
    const title = `令和8年度 NPO等モデル 予告 ${randomUUID().slice(0, 8)}`;
    await signIn(page, ACCOUNTS.administrator);
    await page.goto("/admin/calls/new");
    await fillCall(page, { title, opensInDays: 40, closesInDays: 70 });
    await page.getByLabel("事業の種類").selectOption({ label: "地域における孤独・孤立対策に関するNPO等の取組モデル" });
    await page.getByLabel("採択予定件数").fill("十");
    await page.getByRole("button", { name: "公募を作成する" }).click();
    // The server's check, at the field, with the rest kept.
    await expect(page.getByText("採択予定件数は1件から1000件までの整数で入力してください。").first()).toBeVisible();
    await expect(page.getByLabel("公募名")).toHaveValue(title);
    await page.getByLabel("採択予定件数").fill("10");
    await page.getByRole("button", { name: "公募を作成する" }).click();
    await expect(page.getByRole("status")).toHaveText("公募を作成しました。");
    await expect(page.getByText("公募開始前", { exact: true })).toBeVisible();
    const address = new URL(page.url()).pathname;

    await page.getByLabel("公募名").fill(`${title}（改）`);
    await page.getByRole("button", { name: "変更を保存する" }).click();
    await expect(page.getByRole("status")).toHaveText("公募を変更しました。");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title}（改）`);
    await expect(page.getByLabel("事業の種類")).toHaveValue("model-npo");

    // Not on the public list, and its page is not found, until it opens.
    await page.goto("/calls");
    await expect(page.getByRole("link", { name: `${title}（改）` })).toHaveCount(0);
    const id = address.split("/").pop();
    expect((await page.request.get(`/calls/${id}`)).status()).toBe(404);
  });
});
