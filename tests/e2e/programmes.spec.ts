import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn, signOut } from "./support/accounts";

/**
 * Programme years: an administrator starts 令和9年度 from 令和8年度 and announces its window; a prefecture sees
 * it on its home page beside the current year's. The server runs with CURRENT_FISCAL_YEAR=2026, so 令和9年度
 * is the next year there, shown once it has started, whatever the date the tests run on.
 */

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: `test-results/screenshots/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("an administrator starts 令和9年度 from 令和8年度 with a new window, and 富山県 sees it on its home page", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ACCOUNTS.administrator);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "年度と交付要件" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("年度と交付要件");
  await expect(page.getByRole("heading", { name: "令和8年度（現在の年度）" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  const fy2026 = page.getByRole("region", { name: "令和8年度（現在の年度）" });
  await fy2026.getByRole("button", { name: "この年度をもとに次の年度を始める" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("令和9年度の設定");
  await expect(page.getByRole("status").filter({ hasText: "この年度を始めました" })).toBeVisible();
  // Copied without a window: the administrator announces the new one.
  await expect(page.getByRole("main")).toContainText("未定");

  await page.getByRole("link", { name: /^交付要件を変更する\s*（地方における孤独・孤立対策推進事業（メニュー1））$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("令和9年度");
  // A ceiling that is not base × rate is refused at its field in the browser, and what was typed stays.
  const ceiling = page.getByLabel("交付上限額（円）");
  await ceiling.fill("4,500,000");
  await page.getByLabel("受付開始日時").fill("2027-04-01T10:00");
  await page.getByLabel("受付終了日時").fill("2027-05-31T17:00");
  await page.getByLabel("予算額（円）").fill("75,000,000");
  await page.getByRole("button", { name: "交付要件を保存する" }).click();
  await expect(ceiling).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert")).toContainText("交付上限額は交付基準額×交付率（4,000,000円）と同じ額にしてください。");
  await expect(page.getByLabel("予算額（円）")).toHaveValue("75,000,000");
  await screenshots(page, "programme-year-form-error");

  await ceiling.fill("4,000,000");
  await page.getByRole("button", { name: "交付要件を保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "交付要件を保存しました。" })).toBeVisible();
  const menu1 = page.getByRole("listitem").filter({ hasText: "地方における孤独・孤立対策推進事業（メニュー1）" });
  await expect(menu1).toContainText("75,000,000円");
  await expect(menu1).toContainText("令和9年4月1日 10:00 〜 令和9年5月31日 17:00");
  await expect(page.getByRole("textbox", { name: "署名者の官職" })).toHaveValue("内閣総理大臣");
  await expect(page.getByLabel("通知に「（公印省略）」を印字する")).not.toBeChecked();
  await screenshots(page, "programme-year");

  // Starting it again is refused: the button is gone from 令和8年度, and a second press answers why.
  await page.goto("/admin/programmes");
  await expect(page.getByRole("button", { name: "この年度をもとに次の年度を始める" })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "令和9年度" }).getByRole("button", { name: "この年度をもとに次の年度を始める" })).toBeVisible();
  await signOut(page);

  await signIn(page, ACCOUNTS.toyama);
  await page.goto("/");
  const next = page.getByRole("region", { name: "令和9年度の交付メニュー" });
  await expect(next).toBeVisible();
  await expect(next.getByRole("listitem").filter({ hasText: "メニュー1" })).toContainText("受付期間令和9年4月1日 10:00 〜 令和9年5月31日 17:00");
  await expect(page.getByRole("region", { name: "令和8年度の交付メニュー" })).toContainText("受付期間令和8年4月1日 00:00 〜 令和9年3月31日 23:59");
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "home-next-year-window");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an administrator's refused programme-year form comes back with the message at its field and what was typed, then saves", async ({ page }) => {
    await signIn(page, ACCOUNTS.administrator);
    await page.goto("/admin/programmes/2024/intermediary");
    await page.getByLabel("交付上限額（円）").fill("6,500,000");
    await page.getByLabel("予算額（円）").fill("61,000,000");
    await page.getByRole("button", { name: "交付要件を保存する" }).click();
    await expect(page.getByLabel("交付上限額（円）")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("交付上限額は交付基準額×交付率（6,000,000円）と同じ額にしてください。").first()).toBeVisible();
    await expect(page.getByLabel("交付上限額（円）")).toHaveValue("6,500,000");
    await expect(page.getByLabel("予算額（円）")).toHaveValue("61,000,000");

    await page.getByLabel("交付上限額（円）").fill("6,000,000");
    await page.getByRole("button", { name: "交付要件を保存する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "交付要件を保存しました。" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "メニュー2" })).toContainText("61,000,000円");
    await page.screenshot({ path: "test-results/screenshots/programme-year-no-js.png", fullPage: true });
  });
});
