import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

async function startApplication(page: Page) {
  await page.getByRole("link", { name: "交付申請", exact: true }).click();
  await page.getByRole("button", { name: /令和8年度の交付申請を作成する/ }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
}

async function line(page: Page, n: number, values: { category: string; activity?: string; member?: string; description?: string; amount?: string; quantity?: string; unitPrice?: string }) {
  if (n > 3) await page.getByRole("button", { name: "明細を1行追加" }).click();
  await page.getByLabel(`明細${n} 経費区分`).selectOption({ label: values.category });
  if (values.activity) await page.getByLabel(`明細${n} 活動`).selectOption(values.activity);
  if (values.member) await page.getByLabel(`明細${n} 構成団体`).selectOption({ label: values.member });
  if (values.description) await page.getByLabel(`明細${n} 内容`).fill(values.description);
  if (values.quantity) await page.getByLabel(`明細${n} 数量`).fill(values.quantity);
  if (values.unitPrice) await page.getByLabel(`明細${n} 単価`).fill(values.unitPrice);
  if (values.amount) await page.getByLabel(`明細${n} 金額`).fill(values.amount);
}

async function waitUntilSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText(/保存しました \d\d:\d\d/, { timeout: 15_000 });
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

test("a prefecture officer prepares a Menu 1 application, finds it saved after a reload, and submits version 1", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.fukuoka);
  await startApplication(page);

  await page.getByLabel("事業の目的").fill("県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握して支援につなげる。");
  await page.getByLabel("1 実施内容").fill("プラットフォームの設置と運営（年4回の会議）");
  await page.getByRole("group", { name: "1 実施月" }).getByLabel("4月").check();
  for (const [label, content] of [["②", "実態調査"], ["④", "普及啓発"], ["⑦", "居場所の設置"]] as const) {
    await page.getByLabel(new RegExp(`^${label}`)).check();
    await page.getByLabel(`${label} 実施内容`).fill(content);
    await page.getByRole("group", { name: `${label} 実施月` }).getByLabel("6月").check();
  }
  await page.getByRole("button", { name: "構成団体を追加" }).click();
  await page.getByLabel("構成団体1 名称").fill("特定非営利活動法人 ふくおかつながり");
  await page.getByLabel("役割").first().fill("事務局");

  await line(page, 1, { category: "諸謝金", activity: "platform", description: "委員謝金", quantity: "8", unitPrice: "25,000" });
  await line(page, 2, { category: "旅費", activity: "platform", description: "委員旅費", amount: "120,000" });
  await line(page, 3, { category: "委託費", activity: "a2", description: "実態調査委託", amount: "2,500,000" });
  await line(page, 4, { category: "印刷製本費", activity: "a4", description: "啓発チラシ", amount: "３００，０００円" });
  await line(page, 5, { category: "通信運搬費", activity: "a4", description: "郵送料", amount: "80000" });
  await line(page, 6, { category: "補助金", activity: "a7", description: "居場所設置補助", amount: "2,000,000" });
  await line(page, 7, { category: "会議費", activity: "platform", description: "会場費", amount: "60,000" });
  await line(page, 8, { category: "対象外経費", activity: "platform", description: "懇親会（自己負担）", amount: "50,000" });

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

  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status")).toContainText("第1版として提出しました");
  await page.getByRole("link", { name: "第1版", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("第1版");
  await expect(page.getByText("2,630,000円").first()).toBeVisible();
  await expectNoSeriousViolations(page);

  const pdfLink = await page.getByRole("link", { name: "交付申請書（PDF）をダウンロード" }).getAttribute("href");
  const pdf = await page.request.get(pdfLink!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(
    `filename*=UTF-8''${encodeURIComponent("交付申請書_福岡県_令和8年度_v1.pdf")}`,
  );
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/applications");
  await expect(page.getByRole("table", { name: "交付申請の一覧" })).toContainText("提出済み（第1版）");
  await expect(page.getByRole("table", { name: "交付申請の一覧" })).toContainText("2,630,000円");
  await expectNoSeriousViolations(page);
});

test("an intermediary officer prepares a Menu 2 application for a three-member consortium over two prefectures", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.mirai);
  await startApplication(page);

  await page.getByLabel("事業の目的").fill("小規模なNPOの運営基盤を強化し、地域のつながりを広げる。");
  await page.getByLabel("コンソーシアム（複数の法人）で申請する").check();
  await expect(page.getByLabel("代表団体 名称")).toHaveValue("一般社団法人 みらい共生支援機構");
  await page.getByLabel("法人番号（13桁）").first().fill("2990100000022");
  for (const [i, name, number] of [[1, "特定非営利活動法人 さくら", "5990100000044"], [2, "株式会社 つなぐ", "2990100000055"]] as const) {
    await page.getByRole("button", { name: "構成団体を追加" }).click();
    await page.getByLabel(`構成団体${i} 名称`).fill(name);
    await page.getByLabel("法人番号（13桁）").nth(i).fill(number);
  }
  await page.getByLabel("東京都").check();
  await page.getByLabel("神奈川県").check();
  await page.getByLabel("小規模なNPO等への支援（伴走支援・専門家派遣・講習会など）").fill("会計・広報の講習会と専門家派遣");

  await line(page, 1, { category: "諸謝金", member: "一般社団法人 みらい共生支援機構", description: "講師謝金", amount: "600,000" });
  await line(page, 2, { category: "委託費", member: "特定非営利活動法人 さくら", description: "伴走支援", amount: "5,000,000" });
  await line(page, 3, { category: "旅費", member: "株式会社 つなぐ", description: "専門家旅費", amount: "1,400,000" });
  await page.getByLabel("寄付金その他の収入額（円）").fill("500,000");

  // A = C = 7,000,000; E = min(7,000,000, 6,500,000, 9,000,000) = 6,500,000; grant = floor(6,500,000 × 2/3, 1,000) = 4,333,000.
  const summary = page.getByRole("region", { name: "交付額の算定" });
  await expect(summary.getByTestId("grant-amount")).toHaveText("4,333,000円");
  await expect(page.getByRole("table", { name: "構成団体ごとの合計" })).toContainText("5,000,000円");
  await waitUntilSaved(page);
  await page.screenshot({ path: "test-results/screenshots/application-menu2.png", fullPage: true });
  await expectNoSeriousViolations(page);

  await page.reload();
  await expect(page.getByLabel("構成団体2 名称")).toHaveValue("株式会社 つなぐ");
  // 委託費 5,000,000 is over half of C: a warning to acknowledge before submitting.
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByText("確認事項があります")).toBeVisible();
  await page.getByLabel("確認事項を確認しました").check();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status")).toContainText("第1版として提出しました");
});

test("bad input gets its message at its field and nothing typed is lost", async ({ page }) => {
  await signIn(page, ACCOUNTS.toyama);
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

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer saves a draft, adds a budget row and keeps every value, with the server's checks", async ({ page }) => {
    await signIn(page, ACCOUNTS.tsunagari);
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

test("an officer attaches a PDF and sees its SHA-256; a file whose content does not match its name is refused", async ({ page }) => {
  await signIn(page, ACCOUNTS.toyama);
  await page.goto("/applications");
  await page.getByRole("link", { name: /令和8年度/ }).click();

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

  const download = await page.request.get(await page.getByRole("link", { name: "規約.pdf" }).getAttribute("href").then((h) => h!));
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain("filename*=UTF-8''%E8%A6%8F%E7%B4%84.pdf");
  expect(createHash("sha256").update(await download.body()).digest("hex")).toBe(sha256);
});
