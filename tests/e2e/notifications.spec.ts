import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { mailCatcherURL } from "../../playwright.config";
import { ACCOUNTS, newAccount, signIn, signOut } from "./support/accounts";
import { fillMenu1Application, startApplication, submitVersion1 } from "./support/applications";

/**
 * Notifications in the browser: a prefecture submits, the reviewer returns the application, and the
 * prefecture's officer sees the notification with the unread count in the header, opens it (which leads to
 * the application and marks it read), and receives the e-mail through the test mail server. The reviewer
 * marks every notification read without JavaScript.
 */

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

async function mailTo(address: string): Promise<CaughtMail[]> {
  const client = await playwrightRequest.newContext({ baseURL: mailCatcherURL });
  try {
    const all = (await (await client.get("/messages")).json()) as CaughtMail[];
    return all.filter((m) => m.to.includes(address));
  } finally {
    await client.dispose();
  }
}

const RETURN_COMMENT = "事業の目的に、実態把握の対象と方法を具体的に記載してください。";

test("an officer is told of a return in the header, opens the notification to reach the application, and gets the e-mail", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const officer = await newAccount("prefecture");

  await signIn(page, officer.email, officer.password);
  await expect(page.getByRole("link", { name: "お知らせ", exact: true })).toBeVisible();
  await startApplication(page);
  const applicationPath = new URL(page.url()).pathname;
  await fillMenu1Application(page);
  await submitVersion1(page);
  await signOut(page);

  // The reviewer starts the review and returns the application with a comment.
  await signIn(page, ACCOUNTS.reviewer);
  await expect(page.getByRole("link", { name: /^お知らせ（未読\d+件）$/ })).toBeVisible();
  await page.goto(applicationPath);
  await page.getByRole("button", { name: "審査を開始する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "審査を開始しました" })).toBeVisible();
  const returnForm = page.getByRole("region", { name: "差戻し", exact: true });
  const first = returnForm.getByRole("group", { name: "コメント1" });
  await first.getByLabel("対象").selectOption({ label: "事業の目的" });
  await first.getByLabel("コメント").fill(RETURN_COMMENT);
  await returnForm.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByRole("status").filter({ hasText: "申請を差し戻しました" })).toBeVisible();
  await signOut(page);

  // The officer sees one unread notification in the header and opens the list.
  await signIn(page, officer.email, officer.password);
  const unread = page.getByRole("banner").getByRole("link", { name: "お知らせ（未読1件）" });
  await expect(unread).toBeVisible();
  await unread.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "お知らせ" })).toBeVisible();
  await expect(page.getByText("全1件のうち、未読が1件あります。")).toBeVisible();
  const list = page.getByRole("list", { name: "お知らせの一覧" });
  const notice = list.getByRole("link", { name: /^【差戻し】/ });
  await expect(notice).toBeVisible();
  await expect(list).toContainText("内閣府が「差戻し」を行いました");
  await expect(list).toContainText("未読");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/screenshots/notifications-1280.png", fullPage: true });
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/notifications-390.png", fullPage: true });
  await expectNoSeriousViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Opening it leads to the application, and it is read: the header no longer counts it.
  await notice.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${applicationPath}$`));
  await expect(page.getByRole("banner").getByRole("link", { name: "お知らせ", exact: true })).toBeVisible();
  await page.goto("/notifications");
  await expect(page.getByText("全1件。未読はありません。")).toBeVisible();
  await expect(page.getByRole("list", { name: "お知らせの一覧" })).toContainText("既読");

  // The same notice arrived by e-mail, its Japanese intact.
  // (Its account's one-time password link went to the same address before.)
  const returned = async () => (await mailTo(officer.email)).filter((m) => m.subject.startsWith("【差戻し】"));
  await expect.poll(async () => (await returned()).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await returned();
  expect(mail!.subject).toMatch(/^【差戻し】.+（令和8年度）$/);
  expect(mail!.text).toContain("内閣府が「差戻し」を行いました。");
  expect(mail!.text).toContain("提出された版：第1版");
  await signOut(page);

  // The administrator sees the message sent in the outbox.
  await signIn(page, ACCOUNTS.administrator);
  await page.getByRole("link", { name: "送信メール" }).click();
  const sent = page.getByRole("listitem").filter({ hasText: officer.email }).first();
  await expect(sent).toContainText("【差戻し】");
  await expect(sent.getByTestId("outbox-status")).toContainText("送信済み");
  await expectNoSeriousViolations(page);
  await signOut(page);

  // Without JavaScript, the reviewer marks every notification read at once.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await signIn(noScript, ACCOUNTS.reviewer);
  await noScript
    .getByRole("banner")
    .getByRole("link", { name: /^お知らせ（未読\d+件）$/ })
    .click();
  await noScript.getByRole("button", { name: "すべて既読にする" }).click();
  await expect(noScript.getByRole("status").filter({ hasText: "すべてのお知らせを既読にしました。" })).toBeVisible();
  await expect(noScript.getByRole("banner").getByRole("link", { name: "お知らせ", exact: true })).toBeVisible();
  await expect(noScript.getByRole("button", { name: "すべて既読にする" })).toHaveCount(0);
  await plain.close();
});
