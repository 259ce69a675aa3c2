import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { look } from "./support/look";
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

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("scoring, selection, the contract's reports, acceptance and payment are plain forms the server takes", async ({ page }) => {
    test.setTimeout(180_000);
    const title = `令和8年度 官民連携プラットフォーム フォーム ${randomUUID().slice(0, 8)}`;
    await signIn(page, ACCOUNTS.administrator);
    await page.goto("/admin/calls/new");
    await fillCall(page, { title, opensInDays: 0, closesInDays: 30 });
    await page.getByRole("button", { name: "公募を作成する" }).click();
    const callId = /\/admin\/calls\/(\d+)/.exec(page.url())![1]!;
    await page.getByRole("region", { name: "審査担当者" }).getByLabel("審査 一郎").check();
    await page.getByRole("button", { name: "審査担当者を保存する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "審査担当者を指定しました。" })).toBeVisible();
    await signOut(page);

    const proposer = await newAccount("municipality");
    await signIn(page, proposer.email, proposer.password);
    await applyToCall(page, callId);
    await fillProposal(page, { withJavaScript: false });
    await page.getByRole("button", { name: "提出する" }).click();
    await expect(page.getByText("第1版として提出しました。")).toBeVisible();
    await signOut(page);

    await signIn(page, ACCOUNTS.reviewer);
    await page.goto(`/calls/${callId}/review`);
    await page
      .getByRole("table", { name: /企画提案の順位/ })
      .getByRole("link", { name: proposer.organisation.name })
      .click();
    // A score left out is reported at its field, and the others stay chosen.
    for (const name of CRITERIA.slice(1)) {
      await page
        .getByRole("group", { name: new RegExp(`^${name}（配点`) })
        .getByLabel(/^点数/)
        .selectOption("4");
    }
    await page.getByRole("button", { name: "採点を提出する" }).click();
    await expect(page.getByRole("group", { name: /^先進性（配点/ })).toContainText("先進性の点数を1〜5から選んでください。");
    await expect(page.getByRole("group", { name: /^波及効果（配点/ }).getByLabel(/^点数/)).toHaveValue("4");
    await score(page, [5, 4, 4, 4, 4]);

    // A contract amount above the proposal's budget is refused at its field; then 採択 at the budget.
    await page.getByLabel(/^契約額（円/).fill("2,000,001");
    await page.getByLabel("理由（提案団体に通知します）").fill("実現可能性が高い。");
    await page.getByRole("button", { name: "決定して通知する" }).click();
    await expect(page.getByLabel(/^契約額（円/)).toHaveAccessibleDescription(/契約額は提案額（2,000,000円）以下にしてください。/);
    await expect(page.getByLabel("理由（提案団体に通知します）")).toHaveValue("実現可能性が高い。");
    await page.getByLabel(/^契約額（円/).fill("2,000,000");
    await page.getByRole("button", { name: "決定して通知する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "採択・不採択を決定し、提案団体に通知しました。" })).toBeVisible();
    await page.getByLabel("契約期間の開始日").fill("2026-04-01");
    await page.getByLabel("契約期間の終了日").fill("2027-03-31");
    await page.getByLabel("成果物").fill("事業報告書（電子データ）");
    await page.getByRole("button", { name: "委託契約を締結する" }).click();
    await expect(page).toHaveURL(/\/contracts\/\d+/);
    const contractPath = new URL(page.url()).pathname;
    await signOut(page);

    await signIn(page, proposer.email, proposer.password);
    await page.goto(contractPath);
    const progress = page.getByRole("region", { name: "中間報告を提出" });
    await progress.getByLabel("これまでの実施内容").fill("設立準備会を2回開いた。");
    await progress.getByLabel("課題と今後の予定").fill("企業の参加を広げる。");
    await progress.getByRole("button", { name: "中間報告を提出する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "中間報告を提出しました。" })).toBeVisible();
    await expect(page.getByRole("region", { name: "中間報告を提出" })).toHaveCount(0);
    const final = page.getByRole("region", { name: "成果報告を提出" });
    await final.getByLabel("実施内容").fill("プラットフォームを設立した。");
    await final.getByLabel("企業").fill("2");
    await final.getByLabel("得られた知見・課題").fill("小さく始めること。");
    await final.getByLabel("他の地域が活用できること").fill("会則のひな形。");
    await final.getByRole("button", { name: "成果報告を提出する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "成果報告を提出しました。" })).toBeVisible();
    await expect(page.getByRole("region", { name: "記録" })).toContainText("企業 2");
    await signOut(page);

    await signIn(page, ACCOUNTS.reviewer);
    await page.goto(contractPath);
    await page.getByRole("button", { name: "検収する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "検収を記録しました。" })).toBeVisible();
    const payment = page.getByRole("region", { name: "支払を記録して完了" });
    await payment.getByLabel("支払額（円）").fill("1,999,999");
    await payment.getByRole("button", { name: "支払を記録して完了する" }).click();
    await expect(payment.getByLabel("支払額（円）")).toHaveAccessibleDescription(/委託費は契約額（2,000,000円）の全額を支払います。/);
    await payment.getByLabel("支払額（円）").fill("2,000,000");
    await payment.getByRole("button", { name: "支払を記録して完了する" }).click();
    await expect(page.getByRole("main")).toContainText("支払済み・完了");
    await expect(page.getByRole("region", { name: "記録" }).getByRole("heading", { level: 3 })).toHaveText([
      /^委託契約の締結/,
      /^中間報告/,
      /^成果報告/,
      /^検収/,
      /^支払/,
    ]);
  });
});
