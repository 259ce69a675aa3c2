import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signIn } from "./support/accounts";
import { attachRequired, fillMenu1Application, fillMenu2Application, line, startApplication, submitAsVersion1, waitUntilSaved } from "./support/applications";

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

test("a prefecture officer prepares a Menu 1 application, finds it saved after a reload, and submits version 1", async ({ page }) => {
  test.setTimeout(90_000);
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  await fillMenu1Application(page);

  // A = 200,000 + 120,000 + 2,500,000 + 300,000 + 80,000 + 2,000,000 + 60,000 + 50,000 = 5,310,000; C = 5,260,000.
  const summary = page.getByRole("region", { name: "交付額の算定" });
  await expect(summary.getByTestId("grant-amount")).toHaveText("2,630,000円");
  await expect(summary).toContainText("5,310,000円");
  await waitUntilSaved(page);
  await page.screenshot({ path: "test-results/screenshots/application-menu1.png", fullPage: true });
  await expectNoSeriousViolations(page);

  await page.reload();
  await expect(page.getByLabel("明細4 金額")).toHaveValue("300,000");
  await expect(page.getByLabel("明細1 数量")).toHaveValue("8");
  await expect(page.getByLabel("④ 実施内容")).toHaveValue("普及啓発");
  await expect(page.getByRole("region", { name: "交付額の算定" }).getByTestId("grant-amount")).toHaveText("2,630,000円");

  // While it is a draft, the page offers its 下書き as PDF.
  const draftLink = page.getByRole("link", { name: "保存した内容を交付申請書（PDF・下書き）で確認する" });
  const draftHref = (await draftLink.getAttribute("href"))!;
  const draftPdf = await page.request.get(draftHref);
  expect(draftPdf.headers()["content-type"]).toBe("application/pdf");
  expect(draftPdf.headers()["content-disposition"]).toContain(encodeURIComponent("_下書き.pdf"));

  // Without the documents Menu 1 needs, submitting is refused, naming them; the page lists each as missing.
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "提出に必要な添付書類が足りません" })).toContainText(
    "予算書抄本（交付金を計上した予算の抄本）、官民連携プラットフォームの規約",
  );
  await expect(page.getByRole("listitem").filter({ hasText: "✗ 未添付" })).toHaveCount(2);
  await attachRequired(page);
  await expect(page.getByRole("listitem").filter({ hasText: "✓ 添付済み" })).toHaveCount(2);
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "第1版として提出しました" })).toBeVisible();
  // Submitted: no 下書き any more, but the submitted version's PDF; the draft's address leads to it.
  await expect(page.getByRole("link", { name: /下書き/ })).toHaveCount(0);
  const versionHref = await page.getByRole("link", { name: "第1版の交付申請書（PDF）" }).getAttribute("href");
  expect(versionHref).toBe(draftHref.replace(/\/pdf$/, "/versions/1/pdf"));
  const stale = await page.request.get(draftHref, { maxRedirects: 0 });
  expect(stale.status()).toBe(302);
  expect(stale.headers()["location"]).toBe(versionHref);

  await page.getByRole("link", { name: "第1版", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("第1版");
  await expect(page.getByText("2,630,000円").first()).toBeVisible();
  await expectNoSeriousViolations(page);

  const pdfLink = await page.getByRole("link", { name: "交付申請書（PDF）をダウンロード" }).getAttribute("href");
  const pdf = await page.request.get(pdfLink!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(`交付申請書_${officer.organisation.name}_令和8年度_v1.pdf`)}`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/applications");
  await expect(page.getByRole("table", { name: "交付申請の一覧" })).toContainText("提出済み（第1版）");
  await expect(page.getByRole("table", { name: "交付申請の一覧" })).toContainText("2,630,000円");
  await expectNoSeriousViolations(page);
});

test("an intermediary officer prepares a Menu 2 application for a three-member consortium over two prefectures", async ({ page }) => {
  test.setTimeout(90_000);
  const officer = await newAccount("intermediary", { organisationName: "一般社団法人 みらい共生支援機構" });
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  await fillMenu2Application(page, officer.organisation.name);

  // A = C = 7,000,000; E = min(7,000,000, 6,500,000, 9,000,000) = 6,500,000; grant = floor(6,500,000 × 2/3, 1,000) = 4,333,000.
  const summary = page.getByRole("region", { name: "交付額の算定" });
  await expect(summary.getByTestId("grant-amount")).toHaveText("4,333,000円");
  await expect(page.getByRole("table", { name: "構成団体ごとの合計" })).toContainText("5,000,000円");
  await waitUntilSaved(page);
  await page.screenshot({ path: "test-results/screenshots/application-menu2.png", fullPage: true });
  await expectNoSeriousViolations(page);

  await page.reload();
  await expect(page.getByLabel("構成団体2 名称")).toHaveValue("株式会社 つなぐ");
  // A consortium attaches its agreement too.
  await expect(page.getByRole("listitem").filter({ hasText: "コンソーシアム協定書" })).toContainText("✗ 未添付");
  await attachRequired(page);
  // 委託費 5,000,000 is over half of C: a warning to acknowledge before submitting.
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText("確認事項があります")).toBeVisible();
  await page.getByLabel("確認事項を確認しました").check();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "第1版として提出しました" })).toBeVisible();
});

test("bad input gets its message at its field and nothing typed is lost", async ({ page }) => {
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);

  await page.getByLabel(/^③/).check();
  await line(page, 1, { category: "旅費", activity: "platform", amount: "-5,000" });
  await line(page, 2, { category: "消耗品費", activity: "platform", amount: "abc" });
  await line(page, 3, { category: "補助金", activity: "a3", amount: "100,000" });

  await expect(page.getByLabel("明細1 金額")).toHaveAccessibleDescription(/マイナスは入力できません/);
  await expect(page.getByLabel("明細2 金額")).toHaveAccessibleDescription(/数字で入力してください/);
  await expect(page.getByLabel("明細3 活動")).toHaveAccessibleDescription(/⑦または⑧/);
  await expect(page.getByLabel("明細2 金額")).toHaveAttribute("aria-invalid", "true");
  await waitUntilSaved(page);

  await page.reload();
  await expect(page.getByLabel("明細1 金額")).toHaveValue("-5,000");
  await expect(page.getByLabel("明細2 金額")).toHaveValue("abc");
  await expect(page.getByLabel("明細3 活動")).toHaveValue("a3");

  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("alert")).toContainText("修正が必要な項目があるため、提出できませんでした");
  await expect(page.getByRole("alert").getByRole("link", { name: /⑦または⑧/ })).toBeVisible();
  await expect(page.getByLabel("明細2 金額")).toHaveValue("abc");
});

test("after a refused submission the messages follow what is typed, not what was refused", async ({ page }) => {
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);

  await page.getByRole("button", { name: "提出する" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("修正が必要な項目があるため、提出できませんでした");
  await expect(summary.getByRole("link", { name: "事業の目的を入力してください。" })).toBeVisible();

  await page.getByLabel("事業の目的").fill("目的を入力した。");
  await line(page, 1, { category: "旅費", activity: "platform", amount: "たくさん" });
  await expect(summary.getByRole("link", { name: "事業の目的を入力してください。" })).toHaveCount(0);
  await expect(page.getByLabel("明細1 金額")).toHaveAccessibleDescription(/数字で入力してください/);
  await expect(summary.getByRole("link", { name: /数字で入力してください/ })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer saves a draft, adds a budget row and keeps every value, with the server's checks", async ({ page }) => {
    const officer = await newAccount("intermediary", { organisationName: "特定非営利活動法人 つながり創造ネットワーク" });
    await signIn(page, officer.email, officer.password);
    await page.goto("/applications");
    await page.getByRole("button", { name: /令和8年度の交付申請を作成する/ }).click();
    await expect(page).toHaveURL(/\/applications\/\d+$/);

    await page.getByLabel("事業の目的").fill("JavaScriptなしでも入力できることの確認");
    await page.getByLabel("明細1 経費区分").selectOption({ label: "旅費" });
    await page.getByLabel("明細1 金額").fill("１２０，０００円");
    await page.getByLabel("明細2 経費区分").selectOption({ label: "借料" });
    await page.getByLabel("明細2 金額").fill("abc");
    await page.getByRole("button", { name: "明細を1行追加" }).click();

    await expect(page.getByLabel("明細4 経費区分")).toBeVisible();
    await expect(page.getByLabel("事業の目的")).toHaveValue("JavaScriptなしでも入力できることの確認");
    await expect(page.getByLabel("明細1 金額")).toHaveValue("１２０，０００円");
    await expect(page.getByLabel("明細2 金額")).toHaveValue("abc");
    await expect(page.getByLabel("明細2 金額")).toHaveAccessibleDescription(/数字で入力してください/);
    await expect(page.getByRole("region", { name: "交付額の算定" })).toContainText("120,000円");

    await page.getByRole("button", { name: "提出する" }).click();
    await expect(page.getByRole("alert")).toContainText("提出できませんでした");
    await expect(page.getByLabel("明細2 金額")).toHaveValue("abc");
  });
});

test("an application is not submitted while the organisation's profile lacks what the 交付申請書 prints; the page links to it", async ({ page }) => {
  const officer = await newAccount("intermediary", { completeProfile: false });
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  const missing = "所在地、代表者の役職、代表者の氏名、担当者、電話番号";
  await expect(page.getByRole("status").filter({ hasText: `提出の前に、組織の情報に未登録の項目（${missing}）を登録してください` })).toBeVisible();

  await fillMenu2Application(page, officer.organisation.name);
  await waitUntilSaved(page);
  await page.getByRole("button", { name: "提出する" }).click();
  const refusal = page.getByRole("status").filter({ hasText: `組織の情報に未登録の項目（${missing}）があるため、提出できません。` });
  await expect(refusal).toBeVisible();
  await expect(page.getByLabel("事業の目的")).toHaveValue("小規模なNPOの運営基盤を強化し、地域のつながりを広げる。");
  await expect(page.getByRole("status").filter({ hasText: "提出しました" })).toHaveCount(0);

  await refusal.getByRole("link", { name: "組織の情報を登録する" }).click();
  await expect(page).toHaveURL(new RegExp(`/organisations/${officer.organisation.id}$`));
  await page.getByLabel("代表者の役職").fill("代表理事");
  await page.getByLabel("代表者の氏名").fill("試験 花子");
  await page.getByLabel("所在地").fill("東京都千代田区永田町1-6-1");
  await page.getByLabel("担当者（部署・氏名）").fill("事務局 試験 太郎");
  await page.getByLabel("電話番号").fill("03-0000-0000");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page).toHaveURL(/notice=saved/);
  await page.goBack();
  await page.goBack();
  await page.reload();
  await expect(page.getByLabel("事業の目的")).toHaveValue("小規模なNPOの運営基盤を強化し、地域のつながりを広げる。");
  await expect(page.getByRole("status").filter({ hasText: "未登録の項目" })).toHaveCount(0);
  await submitAsVersion1(page);
});

test("an officer attaches a PDF and sees its SHA-256; a file whose content does not match its name, or too large to send, is refused", async ({ page }) => {
  const officer = await newAccount("prefecture");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);

  const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  await page.getByLabel("書類の種類").selectOption({ label: "規約" });
  await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "規約.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "添付する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "添付しました" })).toContainText(sha256);
  await expect(page.getByRole("table", { name: "添付書類の一覧" })).toContainText(sha256);

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "定款.pdf", mimeType: "application/pdf", buffer: png });
  await page.getByRole("button", { name: "添付する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "中身はPNG画像です" })).toBeVisible();

  // A 20 MB file is refused before it is sent, beside the form, which keeps what was chosen.
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/attachments")) uploads.push(request.url());
  });
  await page.getByLabel("書類の種類").selectOption({ label: "事業報告書" });
  const large = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]);
  await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "事業報告書.pdf", mimeType: "application/pdf", buffer: large });
  await expect(page.getByRole("alert").filter({ hasText: "ファイルが大きすぎます（20.1MB）。1ファイル10MBまでです。" })).toBeVisible();
  await page.getByRole("button", { name: "添付する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "ファイルが大きすぎます" })).toBeVisible();
  await expect(page.getByLabel("書類の種類").locator("option:checked")).toHaveText("事業報告書");
  expect(await page.getByLabel("ファイル", { exact: true }).evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe("事業報告書.pdf");
  await expect(page.getByLabel("事業の目的")).toBeVisible();
  expect(uploads).toEqual([]);

  const download = await page.request.get(
    await page
      .getByRole("link", { name: "規約.pdf" })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain("filename*=UTF-8''%E8%A6%8F%E7%B4%84.pdf");
  expect(
    createHash("sha256")
      .update(await download.body())
      .digest("hex"),
  ).toBe(sha256);
});
