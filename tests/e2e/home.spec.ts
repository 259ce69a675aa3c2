import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the home page greets in Japanese and shows this year's two menus from the database", async ({ page }) => {
  await page.goto("/");

  await expect(page).toHaveTitle(/孤独・孤立対策推進交付金/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("孤独・孤立対策推進交付金");
  await expect(page.getByRole("heading", { name: "令和8年度の交付メニュー" })).toBeVisible();
  const menus = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(menus).toHaveCount(2);
  await expect(menus.nth(0)).toContainText("4,000,000円");
  await expect(menus.nth(1)).toContainText("6,000,000円");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });
});

test("the home page has landmarks and no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/");

  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the first Tab reaches a visible skip link that moves focus to the main content", async ({ page }) => {
  await page.goto("/");

  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "本文へ移動" });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();

  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("an unknown address shows a Japanese not-found page with status 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await expect(page.getByRole("link", { name: "トップページへ戻る" })).toBeVisible();
});

test("pages are never kept, hashed assets are kept for a year, and both are sent compressed", async ({ request }) => {
  const page = await request.get("/login", { headers: { "accept-encoding": "gzip" } });
  expect(page.headers()["cache-control"]).toBe("no-store");
  expect(page.headers()["content-encoding"]).toBe("gzip");

  const script = /\/assets\/[^"]+\.js/.exec(await page.text())?.[0];
  expect(script, "the page loads its scripts from /assets").toBeTruthy();
  const asset = await request.get(script!, { headers: { "accept-encoding": "gzip" } });
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(asset.headers()["content-encoding"]).toBe("gzip");

  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["cache-control"]).toBe("public, max-age=3600");
  expect((await request.get("/favicon.svg/anything")).status()).toBe(404);
});
