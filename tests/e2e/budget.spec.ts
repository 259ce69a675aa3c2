import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, newAccount, signIn, signOut, type TestAccount } from "./support/accounts";
import { fillMenu1Application, startApplication, submitVersion1 } from "./support/applications";

/**
 * The budget at a glance, as a reviewer sees it. The demo's 富山県 令和7年度 grant (seeded closed) gives
 * 令和7年度 exact figures; for 令和8年度 this test decides and pays one application of its own and leaves
 * another awaiting a decision, and compares the page with the API and the download, whatever other tests
 * have added to the year.
 */

const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const yen = (text: string) => Number(text.replace(/[^0-9-]/g, ""));

/** A new prefecture submits the complete Menu 1 application (2,630,000円) and signs out; its officer. */
async function submitted(page: Page): Promise<TestAccount> {
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  await fillMenu1Application(page);
  await submitVersion1(page);
  await signOut(page);
  return officer;
}

async function openStep(page: Page, organisation: string, name: string) {
  await page.goto(`/applications?assignee=all&q=${encodeURIComponent(organisation)}`);
  await page
    .getByRole("table", { name: /交付申請の一覧/ })
    .getByRole("row", { name: organisation })
    .getByRole("link")
    .first()
    .click();
  if (name === "審査を開始する") return page.getByRole("button", { name }).click();
  await page.getByRole("navigation", { name: "次の手続" }).getByRole("link", { name, exact: true }).click();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

test("a reviewer reads the year's budget, its charts and what needs doing, and downloads the ledger", async ({ page }) => {
  test.setTimeout(150_000);
  const grantee = await submitted(page);
  const decided = grantee.organisation.name;
  const waiting = (await submitted(page)).organisation.name;

  await signIn(page, ACCOUNTS.reviewer);
  await openStep(page, decided, "審査を開始する");
  await page.getByRole("navigation", { name: "次の手続" }).getByRole("link", { name: "交付決定", exact: true }).click();
  await page.getByLabel("この交付決定は取り消せないことを確認しました").check();
  await page.getByRole("button", { name: "交付を決定する", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "交付を決定しました" })).toBeVisible();
  const application = page.url().replace(/[?#].*$/, "");
  await signOut(page);
  // The grantee claims the advance the reviewer then pays.
  await signIn(page, grantee.email, grantee.password);
  await page.goto(`${application}/steps/claim_payment`);
  await page.getByLabel(/今回の請求額/).fill("1,000,000");
  await page.getByLabel("金融機関名").fill("北陸銀行");
  await page.getByLabel("支店名").fill("県庁支店");
  await page.getByLabel("口座番号").fill("1234567");
  await page.getByLabel("口座名義").fill("ケンチョウ");
  await page.getByRole("button", { name: "概算払を請求する", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "概算払を請求しました" })).toBeVisible();
  await signOut(page);
  await signIn(page, ACCOUNTS.reviewer);
  await openStep(page, decided, "支払・返還の記録");
  await expect(page.getByLabel("支払う請求（支払の場合）")).toContainText("1回目の請求");
  await page.getByLabel(/^金額/).fill("1,000,000");
  await page.getByLabel("支払日・受領日").fill(todayInJapan());
  await page.getByRole("button", { name: "記録する", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "支払・返還を記録しました" })).toBeVisible();

  // Nothing the page draws is refused by the Content-Security-Policy, and it hydrates without a complaint.
  const complaints: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") complaints.push(message.text());
  });
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "予算執行状況" }).click();
  await expect(page).toHaveURL(/\/budget$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("予算執行状況");
  const figures = page.getByRole("table", { name: "令和8年度の予算の状況（円）" });
  await expect(figures).toBeVisible();

  // The page's figures are the API's, cell by cell.
  const api = await (await page.request.get("/api/v1/budget?fiscalYear=2026")).json();
  for (const programme of api.programmes as Record<string, number | string>[]) {
    for (const key of ["budget", "applied", "decided", "paid", "returned", "confirmed", "remaining", "remainingAfterUnderReview"]) {
      const cell = figures.locator(`td[data-programme="${programme.programme}"][data-figure="${key}"]`);
      expect(yen((await cell.textContent())!.split("円")[0]!), `${programme.programme} ${key}`).toBe(programme[key]);
    }
  }
  const menu1 = (api.programmes as Record<string, number>[])[0]!;
  expect(menu1.decided).toBeGreaterThanOrEqual(2_630_000);
  expect(menu1.paid).toBeGreaterThanOrEqual(1_000_000);
  expect(menu1.applied).toBeGreaterThanOrEqual(2_630_000);

  // The charts are SVG in the page as the server sent it, each with a name, a description and a table.
  const html = await (await page.request.get("/budget")).text();
  expect(html.match(/<svg [^>]*class="recharts-surface"/g)?.length).toBe(3);
  for (const name of ["団体別の交付決定額・支払額・返還額", "手続の進み具合", "月別の支払額・返還額"]) {
    const chart = page.getByRole("img", { name });
    await expect(chart).toBeVisible();
    await expect(chart.locator("svg")).toHaveCount(1);
  }
  const byOrganisation = page.getByRole("table", { name: "団体別の交付決定額・支払額・返還額（円）" });
  await expect(byOrganisation.getByRole("row", { name: new RegExp(decided) })).toContainText("2,630,000円");
  await expect(page.getByRole("region", { name: /待ち日数の長い申請/ }).getByRole("link", { name: waiting })).toBeVisible();

  // The ledger downloads with a byte order mark and the page's totals.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV でダウンロード" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("予算執行状況_令和8年度.csv");
  const bytes = await (await import("node:fs/promises")).readFile((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const totals = bytes.toString("utf8").trimEnd().split("\r\n").at(-1)!.split(",");
  expect(totals[0]).toBe("合計");
  expect(totals.slice(6).map(Number)).toEqual([api.total.decided, api.total.paid, api.total.returned, api.total.confirmed]);

  await page.reload();
  await expect(figures).toBeVisible();
  expect(complaints).toEqual([]);

  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/screenshots/budget-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/budget-390.png", fullPage: true });
  // At 390 px the charts scale down by their viewBox and the tables scroll in their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

test("the demo's closed 令和7年度 grant gives that year's figures exactly", async ({ page }) => {
  await signIn(page, ACCOUNTS.reviewer);
  await page.goto("/budget");
  const form = page.getByRole("form", { name: "表示する年度と事業" });
  await form.getByLabel("年度").selectOption({ label: "令和7年度" });
  await form.getByLabel("事業").selectOption("prefectural");
  await form.getByRole("button", { name: "表示する" }).click();
  await expect(page).toHaveURL(/fiscalYear=2025&programme=prefectural/);
  const figures = page.getByRole("table", { name: "令和7年度の予算の状況（円）" });
  // Decided 3,400,000円; reported spending gives 3,310,000円, paid in two (1,700,000 + 1,610,000).
  const row = (name: string) => figures.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(row("予算額")).toContainText("70,000,000円");
  await expect(row("交付決定額")).toContainText("3,400,000円");
  await expect(row("確定額")).toContainText("3,310,000円");
  await expect(row("支払額")).toContainText("3,310,000円");
  await expect(row("残額")).toContainText("66,690,000円");
  await expect(page.getByRole("table", { name: "月別の支払額・返還額と累計（円）" }).getByRole("row", { name: /令和7年7月/ })).toContainText("1,700,000円");
  await page.screenshot({ path: "test-results/screenshots/budget-2025-1280.png", fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the year is chosen by a plain form and the charts are there as drawn by the server", async ({ page }) => {
    await signIn(page, ACCOUNTS.reviewer);
    await page.goto("/budget?fiscalYear=not-a-year&programme=nothing");
    await expect(page.getByRole("table", { name: "令和8年度の予算の状況（円）" })).toBeVisible();
    const form = page.getByRole("form", { name: "表示する年度と事業" });
    await form.getByLabel("年度").selectOption({ label: "令和7年度" });
    await form.getByRole("button", { name: "表示する" }).click();
    await expect(page).toHaveURL(/fiscalYear=2025/);
    await expect(form.getByLabel("年度")).toHaveValue("2025");
    await expect(page.getByRole("img", { name: "月別の支払額・返還額" }).locator("svg path.recharts-rectangle").first()).toBeVisible();
  });
});

test("an applicant has no budget link and is refused the page and the API", async ({ page }) => {
  await signIn(page, ACCOUNTS.toyama);
  await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "予算執行状況" })).toHaveCount(0);
  expect((await page.request.get("/budget")).status()).toBe(403);
  expect((await page.request.get("/budget.csv")).status()).toBe(403);
  expect((await page.request.get("/api/v1/budget")).status()).toBe(403);
});
