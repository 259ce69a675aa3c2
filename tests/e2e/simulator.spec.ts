import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function fillLine(page: Page, row: number, line: { category: string; amount: string; activity?: string }) {
  const item = page.getByRole("group", { name: `明細 ${row + 1}` });
  await item.getByLabel("経費区分").selectOption({ label: line.category });
  if (line.activity) await item.getByLabel("活動", { exact: true }).selectOption({ label: line.activity });
  await item.getByLabel("金額（円）").fill(line.amount);
}

test("a visitor enters a Menu 2 budget and sees the grant, live, with the formula", async ({ page }) => {
  await page.goto("/simulator");
  await page.getByLabel("孤独・孤立対策担い手育成支援事業（メニュー2）").check();
  await page.getByLabel("東京都").check();
  await page.getByLabel("神奈川県").check();
  await fillLine(page, 0, { category: "旅費", amount: "7,000,000" });
  await fillLine(page, 1, { category: "対象外経費", amount: "２００，０００円" });
  await page.getByLabel("寄付金その他の収入額（円）").fill("500000");

  const result = page.getByRole("region", { name: "試算結果" });
  await expect(result.getByTestId("grant-amount")).toHaveText("4,466,000円");
  await expect(result).toContainText("6,700,000円です");
  await expect(result).toContainText("指摘事項はありません");
  // Leaving a field tidies what was typed into the usual form.
  await expect(page.getByRole("group", { name: "明細 2" }).getByLabel("金額（円）")).toHaveValue("200,000");
  await page.screenshot({ path: "test-results/screenshots/simulator-menu2.png", fullPage: true });
});

test("a bad amount gets its message at the field and keeps what was typed", async ({ page }) => {
  await page.goto("/simulator");
  const amount = page.getByRole("group", { name: "明細 1" }).getByLabel("金額（円）");
  await amount.fill("abc");

  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription(/金額は数字で入力してください/);
  await expect(amount).toHaveValue("abc");
  await expect(page.getByRole("region", { name: "試算結果" }).getByRole("link", { name: /金額は数字で入力/ })).toBeVisible();
});

test("a subsidy charged to activity ③ is flagged beside that line", async ({ page }) => {
  await page.goto("/simulator");
  await page.getByLabel(/^③/).check();
  await page.getByLabel(/^⑦/).check();
  await fillLine(page, 0, { category: "補助金", amount: "100000", activity: "③ 関係者間の活動等に係る情報共有や相互啓発活動" });

  const activity = page.getByRole("group", { name: "明細 1" }).getByLabel("活動", { exact: true });
  await expect(activity).toHaveAttribute("aria-invalid", "true");
  await expect(activity).toHaveAccessibleDescription(/⑦または⑧/);
});

test("the simulator has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/simulator");
  await page.getByRole("group", { name: "明細 1" }).getByLabel("金額（円）").fill("abc");
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("submitting recomputes on the server and keeps every value, and 明細を1行追加 adds a row", async ({ page }) => {
    await page.goto("/simulator");
    await page.getByLabel(/^①/).check();
    await page.getByLabel(/^②/).check();
    await fillLine(page, 0, { category: "旅費", amount: "1,000,999", activity: "① 孤独・孤立対策の取組方針の作成" });
    await fillLine(page, 1, { category: "借料", amount: "abc", activity: "② 孤独・孤立の実態把握や地域資源の調査" });
    await page.getByRole("button", { name: "再計算する" }).click();

    await expect(page.getByTestId("grant-amount")).toHaveText("500,000円");
    const second = page.getByRole("group", { name: "明細 2" }).getByLabel("金額（円）");
    await expect(second).toHaveValue("abc");
    await expect(second).toHaveAccessibleDescription(/数字で入力/);

    await page.getByRole("button", { name: "明細を1行追加" }).click();
    await expect(page.getByRole("group", { name: "明細 6" })).toBeVisible();
    await expect(page.getByRole("group", { name: "明細 1" }).getByLabel("金額（円）")).toHaveValue("1,000,999");
  });
});
