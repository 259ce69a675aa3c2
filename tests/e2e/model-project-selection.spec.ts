import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, newAccount, signIn, signOut } from "./support/accounts";
import { waitUntilSaved } from "./support/applications";
import { fillCall } from "./support/calls";
import { applyToCall, fillProposal } from "./support/proposals";

/**
 * A model project from call to open data: an administrator opens a call and assigns both demo reviewers;
 * 仙台市 and another municipality propose; one reviewer scores 仙台市 and declares a conflict on the other;
 * the second sees the first's scores only after scoring, selects 仙台市 and agrees the contract; 仙台市
 * reports; the report is accepted; 仙台市 is on the public page of the year.
 */

async function look(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screenshots/${name}-390.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const CRITERIA = ["先進性", "実現可能性", "官民連携の広がり", "波及効果", "経費の妥当性"];

async function score(page: Page, points: number[]) {
  for (const [i, name] of CRITERIA.entries()) {
    await page
      .getByRole("group", { name: new RegExp(`^${name}（配点`) })
      .getByLabel(/^点数/)
      .selectOption(String(points[i]));
  }
  await page.getByRole("button", { name: "採点を提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "採点を提出しました。" })).toBeVisible();
}

async function submitProposal(page: Page, callId: string) {
  await applyToCall(page, callId);
  // Without the blank row the JavaScript variant adds.
  await fillProposal(page, { withJavaScript: false });
  await waitUntilSaved(page);
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText("第1版として提出しました。")).toBeVisible();
}

test("a call is scored with a conflict declared, 仙台市 is selected and contracted, its report accepted, and it is published", async ({ page }) => {
  test.setTimeout(240_000);
  const title = `令和8年度 官民連携プラットフォーム 選定 ${randomUUID().slice(0, 8)}`;
  await signIn(page, ACCOUNTS.administrator);
  await page.goto("/admin/calls/new");
  await fillCall(page, { title, opensInDays: 0, closesInDays: 30 });
  await page.getByRole("button", { name: "公募を作成する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const callId = /\/admin\/calls\/(\d+)/.exec(page.url())![1]!;
  const reviewers = page.getByRole("region", { name: "審査担当者" });
  await reviewers.getByLabel("審査 一郎").check();
  await reviewers.getByLabel("審査 二葉").check();
  await reviewers.getByRole("button", { name: "審査担当者を保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "審査担当者を指定しました。" })).toBeVisible();
  await signOut(page);

  await signIn(page, ACCOUNTS.sendai);
  await submitProposal(page, callId);
  await signOut(page);
  const other = await newAccount("municipality");
  await signIn(page, other.email, other.password);
  await submitProposal(page, callId);
  await signOut(page);

  // The first reviewer scores 仙台市 and declares a conflict on the other proposal.
  await signIn(page, ACCOUNTS.reviewer);
  await page.goto(`/calls/${callId}`);
  await page.getByRole("link", { name: "審査の状況（採点と順位）" }).click();
  const board = page.getByRole("table", { name: /企画提案の順位/ });
  await expect(board.getByRole("row")).toHaveCount(3);
  await board.getByRole("link", { name: "仙台市" }).click();
  await expect(page.getByText(/自分の採点を提出すると表示されます（採点済み 0人）/)).toBeVisible();
  await score(page, [5, 4, 4, 3, 4]);
  await page.getByRole("link", { name: "審査の状況に戻る" }).click();
  await board.getByRole("link", { name: other.organisation.name }).click();
  await page.getByLabel(/^利益相反があります/).check();
  await page.getByLabel("利益相反の内容（利益相反がある場合）").fill("提案団体の委員を務めている。");
  await page.getByRole("button", { name: "利益相反を申告する" }).click();
  await expect(page.getByText("利益相反を申告したため、この提案の採点は表示されません。")).toBeVisible();
  await expect(page.getByText("利益相反を申告した提案の採択・不採択は、ほかの審査担当者が決めます。")).toBeVisible();
  await signOut(page);

  // The second sees the first's scores only once their own are in, then selects 仙台市 and contracts.
  await signIn(page, ACCOUNTS.reviewer2);
  await page.goto(`/calls/${callId}/review`);
  await board.getByRole("link", { name: "仙台市" }).click();
  await expect(page.getByRole("region", { name: "ほかの審査担当者の採点" })).not.toContainText("審査 一郎");
  await score(page, [4, 4, 5, 4, 4]);
  await expect(page.getByRole("region", { name: "ほかの審査担当者の採点" }).getByRole("columnheader", { name: "審査 一郎" })).toBeVisible();
  await look(page, "proposal-review");
  await page.getByLabel("理由（提案団体に通知します）").fill("官民連携の広がりが期待できる。");
  await page.getByRole("button", { name: "決定して通知する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "採択・不採択を決定し、提案団体に通知しました。" })).toBeVisible();
  await page.getByLabel("契約期間の開始日").fill("2026-04-01");
  await page.getByLabel("契約期間の終了日").fill("2027-03-31");
  await page.getByLabel("成果物").fill("事業報告書（電子データ）");
  await page.getByRole("button", { name: "委託契約を締結する" }).click();
  await expect(page).toHaveURL(/\/contracts\/\d+/);
  const contractPath = new URL(page.url()).pathname;
  await page.goto(`/calls/${callId}/review`);
  await expect(board.getByRole("row", { name: /仙台市/ })).toContainText("採択");
  await look(page, "call-review-board");
  await signOut(page);

  // 仙台市 reports; the reviewer accepts.
  await signIn(page, ACCOUNTS.sendai);
  await page.goto(contractPath);
  const final = page.getByRole("region", { name: "成果報告を提出" });
  await final.getByLabel("実施内容").fill("プラットフォームを設立し、研修会を3回開いた。");
  await final.getByLabel("NPO").fill("3");
  await final.getByLabel("得られた知見・課題").fill("行政からの押し付けにしないこと。");
  await final.getByLabel("他の地域が活用できること").fill("設立規約のひな形。");
  await final.getByRole("button", { name: "成果報告を提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "成果報告を提出しました。" })).toBeVisible();
  await signOut(page);

  await signIn(page, ACCOUNTS.reviewer2);
  await page.goto(contractPath);
  await page.getByRole("button", { name: "検収する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "検収を記録しました。" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "検収調書（PDF）" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^検収調書_仙台市_令和8年度\.pdf$/);
  await look(page, "contract");
  await signOut(page);

  await page.goto("/model-projects?fiscalYear=2026");
  await expect(page.getByRole("main")).toContainText("仙台市");
  await expect(page.getByRole("main")).toContainText("「仙台市つながる支援連絡会議」を孤独・孤立対策の情報共有の場として活用する。");
});
