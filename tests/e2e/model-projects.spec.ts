import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * The model projects' published results, as anyone sees them without signing in: the demo seed holds the
 * 令和5年度 participants (9) and the 令和4年度 totals (29) read from the published overview.
 */

async function expectNoSevereAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

const group = (page: Page, name: RegExp) => page.getByRole("region", { name });
const cards = (page: Page, name: RegExp) => group(page, name).getByRole("article");

async function expectNoPageWidening(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test("anyone reads 令和5年度's participants by group, with readings, 2年目 and both summaries, and the chart's table", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "モデル事業の取組団体" }).click();
  await expect(page).toHaveURL(/\/model-projects$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("取組団体の一覧");
  // The page opens on the latest year with participants; another test may have published one for this year.
  const chooser = page.getByRole("form", { name: "表示する年度と都道府県" });
  await chooser.getByLabel("年度").selectOption({ label: "令和5年度" });
  await chooser.getByRole("button", { name: "表示する" }).click();
  await expect(page).toHaveURL(/fiscalYear=2023/);
  await expect(page.getByRole("heading", { name: "令和5年度の取組団体（9団体）" })).toBeVisible();

  await expect(cards(page, /^都道府県・政令指定都市（4団体）/)).toHaveCount(4);
  await expect(cards(page, /^市区町村（政令指定都市除く）（5団体）/)).toHaveCount(5);
  const iiyama = page.getByRole("article", { name: /飯山市/ });
  await expect(iiyama.locator("rt")).toHaveText("いいやまし");
  await expect(iiyama).toContainText("長野県");
  await expect(page.getByRole("article").filter({ hasText: "2年目" })).toHaveCount(2);
  const tottori = page.getByRole("article", { name: /鳥取市/ });
  await expect(tottori).toContainText("2年目");
  await expect(tottori).toContainText("○ 現状（これまでの取組）");
  await expect(tottori).toContainText("● 今後の取組");
  await expect(tottori).toContainText("兵庫県美方郡新温泉町");

  const table = page.getByRole("table", { name: "都道府県別の取組団体数" });
  await expect(table.getByRole("row", { name: /福岡県/ })).toContainText("2");
  await expect(page.locator('[data-chart="model-projects-by-prefecture"] svg')).toBeVisible();

  const api = await (await page.request.get("/api/v1/model-projects?fiscalYear=2023")).json();
  // The page lists the API's participants, in its order, with its readings and 2年目 markers.
  const shown = await page.getByRole("article").evaluateAll((articles) =>
    articles.map((a) => ({
      name: a.getAttribute("data-participant"),
      reading: a.querySelector("rt")?.textContent ?? null,
      secondYear: a.textContent!.includes("2年目"),
    })),
  );
  expect(shown).toEqual(api.participants.map(({ name, reading, secondYear }: Record<string, unknown>) => ({ name, reading, secondYear })));

  await expectNoSevereAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/screenshots/model-projects-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoPageWidening(page);
  await page.screenshot({ path: "test-results/screenshots/model-projects-390.png", fullPage: true });
});

test("a year published only as totals shows its totals, and a filtered list stays accessible", async ({ page }) => {
  await page.goto("/model-projects?fiscalYear=2022");
  await expect(page.getByRole("table", { name: "令和4年度の取組団体数" })).toContainText("29団体");
  await expectNoSevereAxeViolations(page);
  await page.goto("/model-projects?fiscalYear=2023&prefecture=40");
  await expect(page.getByRole("article")).toHaveCount(2);
  await expectNoSevereAxeViolations(page);
});

// axe runs in the page, so the pages are checked with JavaScript above; here only what the server sends.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the year and prefecture chooser is a plain form: the server filters and the values stay chosen", async ({ page }) => {
    await page.goto("/model-projects");
    const form = page.getByRole("form", { name: "表示する年度と都道府県" });
    await form.getByLabel("年度").selectOption({ label: "令和5年度" });
    await form.getByLabel("都道府県").selectOption({ label: "福岡県" });
    await form.getByRole("button", { name: "表示する" }).click();
    await expect(page).toHaveURL(/fiscalYear=2023&prefecture=40/);
    await expect(form.getByLabel("都道府県")).toHaveValue("40");
    await expect(page.getByRole("status")).toContainText("福岡県の団体のみ表示しています（2団体）");
    await expect(cards(page, /^都道府県・政令指定都市（2団体）/)).toHaveCount(2);
    await expect(group(page, /^市区町村（政令指定都市除く）（0団体）/)).toContainText("該当する団体はありません");

    const csv = await page.request.get("/model-projects.csv?fiscalYear=2023&prefecture=40");
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    await form.getByLabel("年度").selectOption({ label: "令和4年度" });
    await form.getByLabel("都道府県").selectOption({ label: "すべて" });
    await form.getByRole("button", { name: "表示する" }).click();
    await expect(page.getByRole("heading", { name: "令和4年度の取組団体（29団体）" })).toBeVisible();
    const totals = page.getByRole("table", { name: "令和4年度の取組団体数" });
    await expect(totals.getByRole("row", { name: /都道府県・政令指定都市/ })).toContainText("12団体");
    await expect(totals.getByRole("row", { name: /市区町村/ })).toContainText("17団体");
    await expect(page.getByRole("article")).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoPageWidening(page);
  });
});
