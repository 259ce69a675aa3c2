import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, newAccount, signIn, signOut, type TestAccount } from "./support/accounts";
import { fillMenu1Application, fillMenu2Application, startApplication, submitVersion1 } from "./support/applications";
import { look } from "./support/look";

/**
 * After submission, in the browser: the reviewer decides, the applicant claims, reports and changes, the
 * reviewer confirms, orders an overpayment back and closes; every notice and request downloads as a PDF.
 * Each test first submits, with an account of its own, the application applications.spec.ts checks
 * (a prefecture's Menu 1: 2,630,000円; an intermediary's Menu 2: 4,333,000円).
 */

const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

async function openApplicationOf(page: Page, organisation: RegExp | string) {
  // Every reviewer's applications: these are nobody's yet.
  await page.goto(typeof organisation === "string" ? `/applications?assignee=all&q=${encodeURIComponent(organisation)}` : "/applications?assignee=all");
  await page
    .getByRole("table", { name: /交付申請の一覧/ })
    .getByRole("row", { name: organisation })
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
}

/** A new account of `kind` submits version 1 of the complete application of its menu, then signs out. */
async function submittedApplication(page: Page, kind: "prefecture" | "intermediary"): Promise<TestAccount> {
  const officer = await newAccount(kind, kind === "intermediary" ? { organisationName: "一般社団法人 みらい共生支援機構" } : {});
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  if (kind === "prefecture") await fillMenu1Application(page);
  else await fillMenu2Application(page, officer.organisation.name);
  await submitVersion1(page);
  await signOut(page);
  return officer;
}

/** A new account's application, submitted, then decided by the reviewer at the amount it comes to; signed out. */
async function decidedApplication(page: Page, kind: "prefecture" | "intermediary"): Promise<TestAccount> {
  const officer = await submittedApplication(page, kind);
  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, officer.organisation.name);
  await page.getByRole("button", { name: "審査を開始する" }).click();
  await step(page, "交付決定");
  await page.getByLabel("この交付決定は取り消せないことを確認しました").check();
  await register(page, "交付を決定する");
  await expectRegistered(page, "交付を決定しました");
  await signOut(page);
  return officer;
}

async function step(page: Page, name: string) {
  await page.getByRole("navigation", { name: "次の手続" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

async function register(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
}

async function expectRegistered(page: Page, message: string) {
  await expect(page.getByRole("status").filter({ hasText: message })).toBeVisible();
}

async function expectPdf(page: Page, linkName: string, fileName: string) {
  const href = await page.getByRole("link", { name: linkName }).last().getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

test("a Menu 1 grant from decision to closing: advance payment, lower spending, an overpayment ordered back", async ({ page }) => {
  test.setTimeout(150_000);
  const officer = await submittedApplication(page, "prefecture");
  const prefecture = officer.organisation.name;
  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, prefecture);
  await expectPdf(page, "第1版の交付申請書（PDF）", `交付申請書_${prefecture}_令和8年度_v1.pdf`);
  await page.getByRole("button", { name: "審査を開始する" }).click();

  await step(page, "交付決定");
  await expect(page.getByLabel(/交付決定額/)).toHaveValue("2,630,000");
  await page.getByLabel(/交付決定額/).fill("3,000,000");
  await page.getByLabel("交付の条件").fill("事業の進捗を四半期ごとに報告すること。");
  await page.getByLabel("この交付決定は取り消せないことを確認しました").check();
  await register(page, "交付を決定する");
  // Over the amount applied for: the message is at the field, and what was typed is still there.
  await expect(page.getByRole("alert")).toContainText("交付申請額2,630,000円以下");
  await expect(page.getByLabel(/交付決定額/)).toHaveValue("3,000,000");
  await expect(page.getByLabel("交付の条件")).toHaveValue("事業の進捗を四半期ごとに報告すること。");
  await expectNoSeriousViolations(page);
  await page.getByLabel(/交付決定額/).fill("2,630,000");
  await register(page, "交付を決定する");
  await expectRegistered(page, "交付を決定しました");
  const records = page.getByRole("table", { name: "手続の記録" });
  await expect(records).toContainText("交付決定通知書");
  await expect(records).toContainText(/府孤第\d+号/);
  await expect(records).toContainText("2,630,000円");
  const decisionNumber = (await records.textContent())!.match(/府孤第\d+号/)![0];
  await expectPdf(page, "交付決定通知書（PDF）", `交付決定通知書_${prefecture}_令和8年度_${decisionNumber}.pdf`);
  await signOut(page);

  // The applicant sees the notice, claims an advance payment and, once paid, reports lower spending.
  await signIn(page, officer.email, officer.password);
  await openApplicationOf(page, /令和8年度/);
  await expectPdf(page, "交付決定通知書（PDF）", `交付決定通知書_${prefecture}_令和8年度_${decisionNumber}.pdf`);
  await expectPdf(page, "第1版の交付申請書（PDF）", `交付申請書_${prefecture}_令和8年度_v1.pdf`);
  await step(page, "概算払請求");
  await page.getByLabel(/今回の請求額/).fill("2,630,000");
  await page.getByLabel("金融機関名").fill("ふくおか銀行");
  await page.getByLabel("支店名").fill("県庁支店");
  await page.getByLabel("口座番号").fill("１２３４５６７");
  await page.getByLabel("口座名義").fill("フクオカケン");
  await register(page, "概算払を請求する");
  await expectRegistered(page, "概算払を請求しました");
  await expectPdf(page, "概算払請求書（PDF）", `概算払請求書_${prefecture}_令和8年度_${todayInJapan()}.pdf`);
  await signOut(page);

  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, prefecture);
  await step(page, "支払・返還の記録");
  await page.getByLabel(/^金額/).fill("2,630,000");
  await page.getByLabel("支払日・受領日").fill(todayInJapan());
  await register(page, "記録する");
  await expectRegistered(page, "支払・返還を記録しました");
  await signOut(page);

  await signIn(page, officer.email, officer.password);
  await openApplicationOf(page, /令和8年度/);
  await step(page, "実績報告");
  const actual = ["200,000", "120,000", "2,000,000", "300,000", "80,000", "2,000,000", "60,000", "50,000"];
  for (const [i, amount] of actual.entries()) await page.getByLabel(`${i + 1}行目 実績額（円）`).fill(amount);
  await page.getByLabel("事業の完了日").fill(todayInJapan());
  await register(page, "実績報告を提出する");
  await expect(page.getByRole("alert")).toContainText("事業の実施状況を入力してください");
  await expect(page.getByLabel("3行目 実績額（円）")).toHaveValue("2,000,000");
  await page.getByLabel("事業の実施状況").fill("プラットフォーム会議を4回開き、実態調査を行った。");
  await register(page, "実績報告を提出する");
  await expectRegistered(page, "実績報告を提出しました");
  await expectPdf(page, "実績報告書（PDF）", `実績報告書_${prefecture}_令和8年度_${todayInJapan()}.pdf`);
  await signOut(page);

  // C falls by 500,000 to 4,760,000: the grant recomputed is 2,380,000, so 250,000 was overpaid.
  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, prefecture);
  await step(page, "額の確定");
  await expect(page.getByRole("main")).toContainText("2,380,000円 を確定額とし");
  await register(page, "額を確定する");
  await expectRegistered(page, "額を確定しました");
  await expect(page.getByRole("main")).toContainText("2,380,000円");
  await expectPdf(page, "額の確定通知書（PDF）", `額の確定通知書_${prefecture}_令和8年度_${(await records.textContent())!.match(/府孤第\d+号/g)!.at(-1)}.pdf`);

  await step(page, "完了にする");
  await register(page, "完了にする");
  await expect(page.getByRole("status").filter({ hasText: "250,000円の返還を記録してから" })).toBeVisible();

  await page.getByRole("link", { name: "← 申請に戻る" }).click();
  await step(page, "返還命令");
  await expect(page.getByRole("main")).toContainText("返還を命ずる額：250,000円");
  await page.getByLabel("納期限").fill(todayInJapan());
  await register(page, "返還命令書を発行する");
  await expect(page.getByRole("alert")).toContainText("納期限は明日以降");
  const due = new Date(Date.now() + 9 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("納期限").fill(due);
  await register(page, "返還命令書を発行する");
  await expectRegistered(page, "返還命令書を発行しました");
  // One order per confirmation: the step is no longer offered.
  await expect(page.getByRole("navigation", { name: "次の手続" }).getByRole("link", { name: "返還命令", exact: true })).toHaveCount(0);
  const orderNumber = (await records.textContent())!.match(/府孤第\d+号/g)!.at(-1);
  await expectPdf(page, "返還命令書（PDF）", `返還命令書_${prefecture}_令和8年度_${orderNumber}.pdf`);

  await step(page, "支払・返還の記録");
  await page.getByLabel("返還の受領").check();
  await page.getByLabel(/^金額/).fill("250,000");
  await page.getByLabel("支払日・受領日").fill(todayInJapan());
  await register(page, "記録する");
  await expectRegistered(page, "支払・返還を記録しました");
  await step(page, "完了にする");
  await register(page, "完了にする");
  await expectRegistered(page, "この申請を完了にしました");
  await expect(page.getByRole("navigation", { name: "次の手続" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/proceedings-closed.png", fullPage: true });
  await expectNoSeriousViolations(page);
});

test("a Menu 2 change request: the budget before and after, approved with a new decided amount", async ({ page }) => {
  test.setTimeout(120_000);
  const officer = await decidedApplication(page, "intermediary");
  const intermediary = officer.organisation.name;

  await signIn(page, officer.email, officer.password);
  await openApplicationOf(page, /令和8年度/);
  await step(page, "変更交付申請");
  await expect(page.getByLabel("2行目 変更後の金額")).toHaveValue("5,000,000");
  await page.getByLabel("2行目 変更後の金額").fill("3,900,000");
  await page.getByLabel("3行目 変更後の金額").fill("1,4000");
  await page.getByLabel("変更の理由").fill("伴走支援の対象団体数の見直しによる。");
  await register(page, "変更交付申請を提出する");
  await expect(page.getByRole("alert")).toContainText("3行目の金額");
  await expect(page.getByLabel("2行目 変更後の金額")).toHaveValue("3,900,000");
  await expect(page.getByLabel("変更の理由")).toHaveValue("伴走支援の対象団体数の見直しによる。");
  await page.screenshot({ path: "test-results/screenshots/change-request-error.png", fullPage: true });
  await expectNoSeriousViolations(page);
  await page.getByLabel("3行目 変更後の金額").fill("1,400,000");
  await register(page, "変更交付申請を提出する");
  await expectRegistered(page, "変更交付申請を提出しました");
  await expectPdf(page, "変更交付申請書（PDF）", `変更交付申請書_${intermediary}_令和8年度_${todayInJapan()}.pdf`);
  await signOut(page);

  // C = 5,900,000; E = min(5,900,000, 5,400,000, 9,000,000) = 5,400,000; × 2/3 → 3,600,000. 委託費 moved by −22%.
  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, intermediary);
  await step(page, "変更の承認（変更交付決定）");
  await expect(page.getByLabel(/変更後の交付決定額/)).toHaveValue("3,600,000");
  await expect(page.getByRole("status").filter({ hasText: "20%を超えて増減する経費区分" })).toContainText("委託費：5,000,000円 → 3,900,000円（-22%）");
  await register(page, "変更を承認する");
  await expectRegistered(page, "変更を承認しました");
  await expect(page.getByRole("main")).toContainText("3,600,000円");
  await expectPdf(
    page,
    "変更交付決定通知書（PDF）",
    `変更交付決定通知書_${intermediary}_令和8年度_${(await page.getByRole("table", { name: "手続の記録" }).textContent())!.match(/府孤第\d+号/g)!.at(-1)}.pdf`,
  );
  await page.screenshot({ path: "test-results/screenshots/proceedings-decided.png", fullPage: true });
});

test("a Menu 1 grantee changes its plan: a minor change filed at once, then activities and lines changed with approval", async ({ page }) => {
  test.setTimeout(150_000);
  const officer = await decidedApplication(page, "prefecture");
  const prefecture = officer.organisation.name;

  await signIn(page, officer.email, officer.password);
  await openApplicationOf(page, /令和8年度/);
  await step(page, "軽微な変更の届出");
  const assessment = page.getByRole("region", { name: /変更後の見込み/ });
  await expect(assessment).toContainText("まだ変更はありません");
  // 旅費 120,000 → 130,000: +8%, within 20%; the grant stays 2,630,000 (capped by the decided amount).
  await page.getByLabel("2行目 変更後の金額").fill("130,000");
  await expect(assessment).toContainText("軽微な変更です（承認は不要です）");
  await page.getByLabel("変更の理由").fill("委員の交通手段の見直しによる。");
  await register(page, "軽微な変更として届け出る");
  await expectRegistered(page, "軽微な変更を届け出ました");
  await expectPdf(page, "軽微な変更届（PDF）", `軽微な変更届_${prefecture}_令和8年度_${todayInJapan()}.pdf`);

  await step(page, "変更交付申請");
  // The budget in force is the one after the minor change.
  await expect(page.getByLabel("2行目 変更後の金額")).toHaveValue("130,000");
  await page.getByLabel(/^⑨ 管内市区町村の後方支援/).check();
  await page.getByLabel("⑨ の内容").fill("市町村担当者向けの説明会を2回開催する。");
  // The spare row at the end: a new 旅費 line for ⑨.
  await page.getByLabel("9行目 経費区分").selectOption({ label: "旅費" });
  await page.getByLabel("9行目 活動").selectOption({ label: "⑨ 管内市区町村の後方支援" });
  await page.getByLabel("9行目 内容").fill("説明会講師旅費");
  await page.getByLabel("9行目 変更後の金額").fill("100,000");
  // The 対象外経費 line is given up.
  await page.getByRole("button", { name: "8行目を削除" }).click();
  // The new line moved up to row 8 and had no amount before; 変更前 stays with the lines that had one.
  await expect(page.locator("tr").filter({ has: page.getByLabel("8行目 内容") })).toContainText("追加");
  await expect(page.locator("tr").filter({ has: page.getByLabel("7行目 内容") })).toContainText("60,000円");
  await expect(assessment).toContainText("承認が必要な変更です");
  await expect(assessment).toContainText("事業の内容を変更します（⑨ 管内市区町村の後方支援：追加）。");
  await expect(assessment).toContainText("経費区分「旅費」が20%を超えて増減します");
  await expect(page.getByRole("button", { name: "軽微な変更として届け出る" })).toHaveCount(0);
  await page.getByLabel("変更の理由").fill("市町村の後方支援を新たに行うため。");
  await look(page, "change-request-plan");
  await register(page, "変更交付申請を提出する");
  await expectRegistered(page, "変更交付申請を提出しました");
  await expectPdf(page, "変更交付申請書（PDF）", `変更交付申請書_${prefecture}_令和8年度_${todayInJapan()}.pdf`);
  await signOut(page);

  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, prefecture);
  await step(page, "変更の承認（変更交付決定）");
  await register(page, "変更を承認する");
  await expectRegistered(page, "変更を承認しました");
});

test("a cancelled grant: what was paid is ordered back with 加算金, and the application closes once the return and the 加算金 are received", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const officer = await decidedApplication(page, "prefecture");
  const prefecture = officer.organisation.name;

  await signIn(page, officer.email, officer.password);
  await openApplicationOf(page, /令和8年度/);
  await step(page, "概算払請求");
  await page.getByLabel(/今回の請求額/).fill("1,000,000");
  await page.getByLabel("金融機関名").fill("ふくおか銀行");
  await page.getByLabel("支店名").fill("県庁支店");
  await page.getByLabel("口座番号").fill("1234567");
  await page.getByLabel("口座名義").fill("フクオカケン");
  await register(page, "概算払を請求する");
  await expectRegistered(page, "概算払を請求しました");
  await signOut(page);

  await signIn(page, ACCOUNTS.reviewer);
  await openApplicationOf(page, prefecture);
  await step(page, "支払・返還の記録");
  await page.getByLabel(/^金額/).fill("1,000,000");
  await page.getByLabel("支払日・受領日").fill(todayInJapan());
  await register(page, "記録する");
  await expectRegistered(page, "支払・返還を記録しました");
  await step(page, "交付決定の取消");
  await page.getByLabel(/取り消す額/).fill("2,630,000");
  await page.getByLabel("取消の理由").fill("交付の条件に違反して、交付金を他の用途に使用したため。");
  await page.getByLabel("この取消は取り消せないことを確認しました").check();
  await register(page, "交付決定を取り消す");
  await expectRegistered(page, "交付決定を取り消しました");
  await step(page, "返還命令");
  const due = new Date(Date.now() + 9 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("納期限").fill(due);
  await register(page, "返還命令書を発行する");
  await expectRegistered(page, "返還命令書を発行しました");
  await step(page, "支払・返還の記録");
  await page.getByLabel("返還の受領").check();
  await page.getByLabel(/^金額/).fill("1,000,000");
  await page.getByLabel("支払日・受領日").fill(todayInJapan());
  await register(page, "記録する");
  await expectRegistered(page, "支払・返還を記録しました");

  // Received and returned today: one day counted, 1,000,000 × 10.95% ÷ 365 = 300円 of 加算金, still to come in.
  const repayment = page.getByRole("region", { name: "返還命令の状況" });
  await expect(repayment).toContainText("加算金300円");
  await expect(repayment).toContainText("延滞金・加算金の未納額300円");
  await step(page, "完了にする");
  await register(page, "完了にする");
  await expect(page.getByRole("status").filter({ hasText: "未納の加算金300円の受領を記録してから完了にしてください。" })).toBeVisible();

  await page.getByRole("link", { name: "← 申請に戻る" }).click();
  await step(page, "延滞金・加算金の受領");
  await expect(page.getByLabel("加算金（未納 300円）")).toBeChecked();
  await expect(page.getByLabel(/^金額/)).toHaveValue("300");
  await page.getByLabel(/^金額/).fill("301");
  await page.getByLabel("受領日").fill(todayInJapan());
  await register(page, "受領を記録する");
  await expect(page.getByRole("alert")).toContainText("未納の加算金300円以下にしてください。");
  await page.getByLabel(/^金額/).fill("300");
  await look(page, "charge-receipt");
  await register(page, "受領を記録する");
  await expectRegistered(page, "延滞金・加算金の受領を記録しました");
  await expect(page.getByRole("table", { name: "手続の記録" })).toContainText("加算金の受領");
  await step(page, "完了にする");
  await register(page, "完了にする");
  await expectRegistered(page, "この申請を完了にしました");
});

test("past the withdrawal period a grantee cannot just stop: it asks for approval to discontinue, and the reviewer approves", async ({ page }) => {
  test.setTimeout(120_000);
  // 富山県's 令和8年度 grant in the demo data: decided on 10 June 2026 (withdrawal possible until 25 June), half paid.
  await signIn(page, ACCOUNTS.toyama);
  await openApplicationOf(page, /令和8年度/);
  const applicationUrl = page.url();
  const next = page.getByRole("navigation", { name: "次の手続" });
  await expect(next.getByRole("link", { name: "事業の中止（廃止）の承認申請" })).toBeVisible();
  await expect(next.getByRole("link", { name: "交付申請の取下げ" })).toHaveCount(0);
  // Withdrawing is refused, with the date and the way forward.
  await page.goto(`${applicationUrl}/steps/withdraw`);
  await expect(page.getByRole("status").filter({ hasText: "申請を取り下げられるのは" })).toContainText(
    "交付決定通知書に記載の期限（令和8年6月25日）までです。事業をやめる場合は、中止（廃止）の承認申請をしてください。",
  );
  await expect(page.getByRole("button", { name: "交付申請を取り下げる" })).toHaveCount(0);

  await page.goto(applicationUrl);
  await step(page, "事業の中止（廃止）の承認申請");
  await page.getByLabel("中止（廃止）の予定日").fill("2027-01-31");
  await page.getByLabel("中止（廃止）の理由").fill("委託先が撤退し、居場所の運営を続けられなくなったため。");
  await page.getByLabel("中止（廃止）までに実施した事業の内容").fill("プラットフォーム会議を2回開催し、実態調査を終えた。");
  await page.getByLabel(/交付金の見込額/).fill("99,000,000");
  await register(page, "中止（廃止）の承認を申請する");
  await expect(page.getByRole("alert")).toContainText(/交付金の見込額は交付決定額[\d,]+円以下にしてください。/);
  await expect(page.getByLabel("中止（廃止）の理由")).toHaveValue("委託先が撤退し、居場所の運営を続けられなくなったため。");
  await page.getByLabel(/交付金の見込額/).fill("1,200,000");
  await register(page, "中止（廃止）の承認を申請する");
  await expectRegistered(page, "事業の中止（廃止）の承認を申請しました");
  await expect(page.getByRole("table", { name: "手続の記録" })).toContainText("事業中止（廃止）承認申請書");
  await expect(page.getByRole("main")).toContainText("中止（廃止）承認申請中");
  await expectPdf(page, "事業中止（廃止）承認申請書（PDF）", `事業中止（廃止）承認申請書_富山県_令和8年度_${todayInJapan()}.pdf`);
  await signOut(page);

  await signIn(page, ACCOUNTS.reviewer);
  await page.goto(applicationUrl);
  await step(page, "中止（廃止）の承認");
  await expect(page.getByRole("main")).toContainText("委託先が撤退し、居場所の運営を続けられなくなったため。");
  await expect(page.getByLabel(/承認後の交付決定額/)).toHaveValue("1,200,000");
  await look(page, "discontinuation-approval");
  await register(page, "中止（廃止）を承認する");
  await expectRegistered(page, "事業の中止（廃止）を承認しました");
  const records = page.getByRole("table", { name: "手続の記録" });
  await expect(records).toContainText("事業中止（廃止）承認通知書");
  await expect(page.getByRole("main")).toContainText("取下げ・中止");
  const number = (await records.textContent())!.match(/府孤第\d+号/g)!.at(-1);
  await expectPdf(page, "事業中止（廃止）承認通知書（PDF）", `事業中止（廃止）承認通知書_富山県_令和8年度_${number}.pdf`);
});
