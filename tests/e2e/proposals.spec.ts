import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, newAccount, signIn, signOut } from "./support/accounts";
import { waitUntilSaved } from "./support/applications";
import { applyToCall, fillProposal, group } from "./support/proposals";

/**
 * Proposals (企画提案) to the demo's open call #1 (地方版プラットフォーム, ceiling 5,000,000円): 仙台市 applies
 * from the call's page, fills in the form (saved as it is typed), submits within the ceiling, downloads the
 * 企画提案書; a reviewer returns it and 仙台市 resubmits it as version 2. Without JavaScript, another
 * municipality does the same by posting the form.
 */

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("仙台市 applies to call #1, fills in the proposal, submits it within the ceiling; a reviewer returns it and it is resubmitted as version 2", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ACCOUNTS.sendai);
  await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "企画提案" })).toBeVisible();
  await applyToCall(page, 1);
  await expectNoSeriousAxeViolations(page);

  await fillProposal(page, { withJavaScript: true });
  const member2 = group(page, "構成団体 2行目");
  await member2.getByLabel("種別").selectOption({ label: "NPO" });
  await member2.getByLabel("団体数").fill("3");
  await member2.getByLabel("団体名").fill("NPO法人A、NPO法人B、NPO法人C");

  // Over the ceiling: the message is at the budget's total as it is typed, and submitting is refused there.
  const line3 = group(page, "内訳 3行目");
  await line3.getByLabel("費目").selectOption({ label: "委託費" });
  await line3.getByLabel("金額（円）").fill("3,000,001");
  await expect(page.getByText("所要額の合計5,000,001円が、この公募の上限額5,000,000円を超えています。")).toBeVisible();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "提出できませんでした" })).toBeVisible();
  await expect(page).toHaveURL(/\/proposals\/\d+$/);
  await line3.getByLabel("金額（円）").fill("3,000,000");
  await line3.getByLabel("内容").fill("調査委託");
  await expect(page.getByText("合計（提案額） 5,000,000円")).toBeVisible();
  await waitUntilSaved(page);

  // Saved: a reload shows what was typed.
  await page.reload();
  await expect(page.getByLabel("● 今後の取組")).toHaveValue("「仙台市つながる支援連絡会議」を孤独・孤立対策の情報共有の場として活用する。");
  await expect(group(page, "構成団体 2行目").getByLabel("団体名")).toHaveValue("NPO法人A、NPO法人B、NPO法人C");
  await expect(page.getByLabel("人材確保・育成を目指す研修実施")).toBeChecked();
  await expect(group(page, "内訳 3行目").getByLabel("金額（円）")).toHaveValue("3,000,000");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/screenshots/proposal-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/proposal-390.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText("第1版として提出しました。")).toBeVisible();
  // Read-only once submitted.
  await expect(page.getByLabel("● 今後の取組")).toHaveCount(0);
  await expect(page.getByText("「仙台市つながる支援連絡会議」を孤独・孤立対策の情報共有の場として活用する。")).toBeVisible();
  const proposalUrl = page.url();

  await page.getByRole("link", { name: "第1版" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("企画提案 第1版");
  await expectNoSeriousAxeViolations(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "企画提案書（PDF）をダウンロード" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^企画提案書_仙台市_v1\.pdf$/);
  const bytes = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe("%PDF-");
  await signOut(page);

  // The reviewer returns it with a comment.
  await signIn(page, ACCOUNTS.reviewer);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "企画提案" }).click();
  await page
    .getByRole("link", { name: /仙台市：/ })
    .first()
    .click();
  await page.getByLabel("差戻しの理由（提案者に表示されます）").fill("委託費の内訳を具体的に記入してください。");
  await page.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByText("企画提案を差し戻しました。")).toBeVisible();
  await signOut(page);

  // 仙台市 sees the comment, corrects and resubmits: version 2.
  await signIn(page, ACCOUNTS.sendai);
  await page.goto(proposalUrl);
  await expect(page.getByText("委託費の内訳を具体的に記入してください。")).toBeVisible();
  await group(page, "内訳 3行目").getByLabel("内容").fill("孤独・孤立の実態調査（委託）");
  await waitUntilSaved(page);
  await page.getByRole("button", { name: "再提出する" }).click();
  await expect(page.getByText("第2版として提出しました。")).toBeVisible();
  await expect(page.getByRole("link", { name: "第2版" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a municipality applies, saves, adds a row and submits by posting the form", async ({ page }) => {
    const officer = await newAccount("municipality");
    await signIn(page, officer.email, officer.password);
    await applyToCall(page, 1);
    await fillProposal(page, { withJavaScript: false });
    await page.getByRole("button", { name: "下書きを保存" }).click();
    await expect(page.getByText("下書きを保存しました。")).toBeVisible();
    await expect(page.getByLabel("○ 現状・これまでの取組")).toHaveValue("単身高齢者等を対象とした各種見守りに係る事業を実施してきた。");
    await expect(page.getByLabel("人材確保・育成を目指す研修実施")).toBeChecked();

    // A row added by the server, over the ceiling: refused with the message at the budget, nothing lost.
    await page.getByRole("button", { name: "内訳の行を追加" }).click();
    const line4 = group(page, "内訳 4行目");
    await line4.getByLabel("費目").selectOption({ label: "旅費" });
    await line4.getByLabel("金額（円）").fill("4,000,000");
    await page.getByRole("button", { name: "提出する" }).click();
    await expect(page.getByText("所要額の合計6,000,000円が、この公募の上限額5,000,000円を超えています。").first()).toBeVisible();
    await expect(group(page, "内訳 4行目").getByLabel("金額（円）")).toHaveValue("4,000,000");

    await group(page, "内訳 4行目").getByLabel("金額（円）").fill("100,000");
    await page.getByRole("button", { name: "提出する" }).click();
    await expect(page.getByText("第1版として提出しました。")).toBeVisible();
    await expect(page.getByRole("link", { name: "第1版" })).toBeVisible();
    // Read-only now: the form is gone, what was submitted is shown.
    await expect(page.getByLabel("○ 現状・これまでの取組")).toHaveCount(0);
  });
});
