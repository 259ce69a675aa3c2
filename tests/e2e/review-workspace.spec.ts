import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, completeProfile, DEMO_PASSWORD, signIn, signOut } from "./support/accounts";
import { fillMenu1Application, startApplication, submitVersion1, waitUntilSaved } from "./support/applications";

/**
 * The reviewer's workspace, in the browser: the demo's 福岡県 submits the Menu 1 application
 * applications.spec.ts checks (grant 2,630,000円); the reviewer finds it through the inbox's filter, reviews
 * it with the submitted version in view, returns it with a comment on a budget line and one on a section,
 * the applicant sees each at its place and resubmits, and the reviewer decides with the budget in view.
 */

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

/** The remaining figure of the budget panel, in yen. */
async function remaining(page: Page): Promise<number> {
  const text = await page
    .getByRole("region", { name: /予算の状況/ })
    .getByTestId("budget-remaining")
    .textContent();
  return Number(text!.replace(/[^0-9]/g, ""));
}

const LINE_COMMENT = "啓発チラシの部数と単価の内訳を示してください。";
const SECTION_COMMENT = "⑦の居場所の設置場所と運営する団体を具体的に記載してください。";
const NOTE = "福岡県には前年度の実績報告の遅れあり。今回は提出期限を確認すること。";

test("a reviewer filters to 提出済み 福岡県, returns it with comments on a budget line and a section, and decides it with the budget in view", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);

  // 福岡県 fills in what its documents print, then submits version 1.
  await signIn(page, ACCOUNTS.fukuoka);
  await page.getByRole("link", { name: "組織の情報" }).click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  const organisationId = /\/organisations\/(\d+)/.exec(page.url())![1]!;
  await completeProfile(organisationId, ACCOUNTS.fukuoka, DEMO_PASSWORD);
  await startApplication(page);
  const applicationPath = new URL(page.url()).pathname;
  await fillMenu1Application(page);
  await submitVersion1(page);
  await signOut(page);

  // The reviewer narrows the inbox to 提出済み in 福岡県 and opens the application.
  await signIn(page, ACCOUNTS.reviewer);
  await page.getByRole("link", { name: "交付申請", exact: true }).click();
  const filters = page.getByRole("form", { name: "絞り込み" });
  await filters.getByLabel("担当").selectOption({ label: "すべて" });
  await filters.getByLabel("都道府県").selectOption({ label: "福岡県" });
  await filters.getByLabel(/^提出済み/).check();
  await filters.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/state=submitted/);
  await expect(page).toHaveURL(/assignee=all/);
  const inbox = page.getByRole("table", { name: "審査する交付申請の一覧" });
  await inbox.getByRole("link", { name: "福岡県" }).click();
  await expect(page).toHaveURL(new RegExp(`${applicationPath}$`));

  // The submitted version is in view beside the actions.
  const content = page.getByRole("region", { name: "提出された内容（第1版）" });
  await expect(content.getByRole("table", { name: "所要額の明細" })).toContainText("啓発チラシ");
  await expect(content).toContainText("委託・補助により実施する事業");
  await expect(content).toContainText("寄付金その他の収入額");
  await expect(content).toContainText("特定非営利活動法人 ふくおかつながり");
  await expect(content.getByTestId("grant-amount")).toHaveText("2,630,000円");
  await page.getByRole("button", { name: "審査を開始する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "審査を開始しました" })).toBeVisible();
  const before = await remaining(page);

  // The checklist of a prefecture's application: ticks are kept with who ticked them.
  const checklist = page.getByRole("region", { name: "審査チェックリスト" });
  await expect(checklist).toContainText("提出内容：添付：予算書抄本.pdf");
  await checklist.getByLabel("プラットフォームの構成団体が記載されている").check();
  await checklist.getByLabel(/①〜⑩のうち2つ以上の取組/).check();
  await checklist.getByRole("button", { name: "チェックリストを保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "審査チェックリストを保存しました" })).toBeVisible();
  await expect(page.getByRole("region", { name: "審査チェックリスト" }).getByLabel("プラットフォームの構成団体が記載されている")).toBeChecked();
  await expect(page.getByRole("region", { name: "審査チェックリスト" })).toContainText("確認：審査 一郎");

  const notes = page.getByRole("region", { name: "審査メモ", exact: true });
  await notes.getByRole("button", { name: "メモを残す" }).click();
  await expect(page.getByRole("region", { name: "審査メモ", exact: true }).getByText("審査メモを入力してください。")).toBeVisible();
  await expect(page.getByLabel("メモを追加")).toBeFocused();
  await page.getByLabel("メモを追加").fill(NOTE);
  await page.getByRole("region", { name: "審査メモ", exact: true }).getByRole("button", { name: "メモを残す" }).click();
  await expect(page.getByRole("region", { name: "審査メモ", exact: true }).getByTestId("review-note")).toHaveText(NOTE);
  await expect(page.getByLabel("メモを追加")).toHaveValue("");

  // Without JavaScript: one more comment row keeps what was typed, and a comment without a target is refused at its row.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await signIn(noScript, ACCOUNTS.reviewer);
  await noScript.goto(applicationPath);
  const plainForm = noScript.getByRole("region", { name: "差戻し", exact: true });
  await plainForm.getByRole("group", { name: "コメント1" }).getByLabel("対象").selectOption({ label: "事業の目的" });
  await plainForm.getByRole("group", { name: "コメント1" }).getByLabel("コメント").fill("目的をもう少し具体的に。");
  await plainForm.getByRole("button", { name: "コメント欄を追加" }).click();
  await expect(noScript.getByRole("region", { name: "差戻し", exact: true }).getByRole("group")).toHaveCount(4);
  await expect(noScript.getByRole("group", { name: "コメント1" }).getByLabel("コメント")).toHaveValue("目的をもう少し具体的に。");
  await noScript.getByRole("group", { name: "コメント4" }).getByLabel("コメント").fill("対象を選ばずに書いたコメント");
  await noScript.getByRole("button", { name: "差し戻す" }).click();
  await expect(noScript.getByRole("alert")).toContainText("コメント4の対象を選んでください。");
  await expect(noScript.getByRole("group", { name: "コメント4" }).getByLabel("コメント")).toHaveValue("対象を選ばずに書いたコメント");
  await expect(noScript.getByRole("group", { name: "コメント1" }).getByLabel("対象")).toHaveValue("purpose");
  await plain.close();

  // With JavaScript: a refused return keeps the rows and focuses the summary; a row is added in place.
  const returnForm = page.getByRole("region", { name: "差戻し", exact: true });
  const row = (n: number) => returnForm.getByRole("group", { name: `コメント${n}` });
  await row(1).getByLabel("コメント").fill(LINE_COMMENT);
  await returnForm.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByRole("alert")).toContainText("コメント1の対象を選んでください。");
  await expect(row(1).getByLabel("コメント")).toHaveValue(LINE_COMMENT);
  await row(1).getByLabel("対象").selectOption({ label: "所要額の明細 4行目（印刷製本費・啓発チラシ・300,000円）" });
  await row(2).getByLabel("対象").selectOption({ label: "実施する事業（全体）" });
  await row(2).getByLabel("コメント").fill(SECTION_COMMENT);
  await returnForm.getByRole("button", { name: "コメント欄を追加" }).click();
  await expect(row(4).getByLabel("対象")).toBeFocused();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/screenshots/review-workspace-1280.png", fullPage: true });
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/review-workspace-390.png", fullPage: true });
  await expectNoSeriousViolations(page);
  // At 390 px the content and the actions are stacked: nothing makes the page wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await returnForm.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByRole("status").filter({ hasText: "申請を差し戻しました" })).toBeVisible();
  await expect(page.getByRole("region", { name: "差戻しの履歴" })).toContainText(LINE_COMMENT);
  await signOut(page);

  // The applicant sees each comment at its place: beside the budget line and in the section, and read with them.
  await signIn(page, ACCOUNTS.fukuoka);
  await page.goto(applicationPath);
  await expect(page.getByRole("status").filter({ hasText: "2件のコメント" })).toContainText("所要額の明細 4行目（印刷製本費・啓発チラシ・300,000円）");
  await expect(page.getByLabel("明細4 金額")).toHaveAccessibleDescription(new RegExp(`審査担当者のコメント：\\s*${LINE_COMMENT}`));
  await expect(page.getByLabel("明細4 内容")).toHaveAccessibleDescription(new RegExp(LINE_COMMENT));
  await expect(page.getByLabel("明細3 金額")).not.toHaveAccessibleDescription(new RegExp(LINE_COMMENT));
  const activities = page.getByRole("group", { name: "実施する事業", exact: true });
  await expect(activities).toHaveAccessibleDescription(new RegExp(`審査担当者のコメント：\\s*${SECTION_COMMENT}`));
  await expect(activities.getByText(SECTION_COMMENT)).toBeVisible();
  // The 審査メモ and the checklist are the reviewer's own: nothing of them reaches the applicant's page or its data.
  expect(await page.content()).not.toContain(NOTE);
  await expect(page.getByText("審査メモ")).toHaveCount(0);
  await expect(page.getByText("審査チェックリスト")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/review-workspace-applicant-comments.png", fullPage: true });
  await expectNoSeriousViolations(page);

  await page.getByLabel("明細4 内容").fill("啓発チラシ（A4両面 10,000部）");
  await page.getByLabel("⑦ 実施内容").fill("県内3か所（福岡市・北九州市・久留米市）に居場所を設置し、NPO法人に運営を委託する");
  await waitUntilSaved(page);
  await page.getByRole("button", { name: "再提出する" }).click();
  const resubmitted = page.getByRole("status").filter({ hasText: "第2版として提出しました" });
  const warnings = page.getByText("確認事項があります");
  await expect(resubmitted.or(warnings)).toBeVisible();
  if (await warnings.isVisible()) {
    await page.getByLabel("確認事項を確認しました").check();
    await page.getByRole("button", { name: "再提出する" }).click();
  }
  await expect(resubmitted).toBeVisible();
  await signOut(page);

  // The reviewer decides version 2: the budget before and after is on the form, and the step must be confirmed.
  await signIn(page, ACCOUNTS.reviewer);
  await page.goto(applicationPath);
  await expect(page.getByRole("region", { name: "提出された内容（第2版）" })).toContainText("啓発チラシ（A4両面 10,000部）");
  await page.getByRole("button", { name: "審査を開始する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "審査を開始しました" })).toBeVisible();
  expect(await remaining(page)).toBe(before);
  await page.getByRole("navigation", { name: "次の手続" }).getByRole("link", { name: "交付決定", exact: true }).click();
  const budget = page.getByRole("region", { name: /予算の状況/ });
  await expect(budget.getByTestId("budget-remaining")).toHaveText(`${before.toLocaleString("ja-JP")}円`);
  await expect(budget.getByTestId("budget-after")).toHaveText(`${(before - 2_630_000).toLocaleString("ja-JP")}円`);
  await page.getByLabel(/交付決定額/).fill("2,000,000");
  await expect(budget.getByTestId("budget-after")).toHaveText(`${(before - 2_000_000).toLocaleString("ja-JP")}円`);
  await page.getByLabel(/交付決定額/).fill("2,630,000");
  await page.getByLabel("交付の条件").fill("事業の進捗を四半期ごとに報告すること。");
  await page.getByRole("button", { name: "交付を決定する" }).click();
  await expect(page.getByRole("alert")).toContainText("交付決定は取り消せません");
  await expect(page.getByLabel("この交付決定は取り消せないことを確認しました")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("交付の条件")).toHaveValue("事業の進捗を四半期ごとに報告すること。");
  await page.screenshot({ path: "test-results/screenshots/review-workspace-decide.png", fullPage: true });
  await expectNoSeriousViolations(page);
  await page.getByLabel("この交付決定は取り消せないことを確認しました").check();
  await page.getByRole("button", { name: "交付を決定する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "交付を決定しました" })).toBeVisible();
  expect(await remaining(page)).toBe(before - 2_630_000);
  await expect(page.getByRole("region", { name: /予算の状況/ }).getByTestId("budget-committed-here")).toHaveText("2,630,000円");
  // Decided: the checklist is kept as it was, read-only.
  await expect(page.getByRole("region", { name: "審査チェックリスト" }).getByLabel("プラットフォームの構成団体が記載されている")).toBeDisabled();
  await expectNoSeriousViolations(page);
});
