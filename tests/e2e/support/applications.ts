import { expect, type Page } from "@playwright/test";

/**
 * The application form as an officer fills it in, with JavaScript. The two complete applications below are
 * the ones applications.spec.ts checks field by field; proceedings.spec.ts and route-access.spec.ts submit
 * the same ones for accounts of their own.
 */

export async function startApplication(page: Page) {
  await page.getByRole("link", { name: "交付申請", exact: true }).click();
  await page.getByRole("button", { name: /令和8年度の交付申請を作成する/ }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
}

export async function line(
  page: Page,
  n: number,
  values: { category: string; activity?: string; member?: string; description?: string; amount?: string; quantity?: string; unitPrice?: string },
) {
  if (n > 3) await page.getByRole("button", { name: "明細を1行追加" }).click();
  await page.getByLabel(`明細${n} 経費区分`).selectOption({ label: values.category });
  if (values.activity) await page.getByLabel(`明細${n} 活動`).selectOption(values.activity);
  if (values.member) await page.getByLabel(`明細${n} 構成団体`).selectOption({ label: values.member });
  if (values.description) await page.getByLabel(`明細${n} 内容`).fill(values.description);
  if (values.quantity) await page.getByLabel(`明細${n} 数量`).fill(values.quantity);
  if (values.unitPrice) await page.getByLabel(`明細${n} 単価`).fill(values.unitPrice);
  if (values.amount) await page.getByLabel(`明細${n} 金額`).fill(values.amount);
}

export async function waitUntilSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText(/保存しました \d\d:\d\d/, { timeout: 15_000 });
}

/**
 * A prefecture's Menu 1 application: four activities, one platform member, eight budget lines.
 * A = 5,310,000; C = 5,260,000; the grant is 2,630,000円.
 */
export async function fillMenu1Application(page: Page) {
  await page.getByLabel("事業の目的").fill("県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握して支援につなげる。");
  await page.getByLabel("1 実施内容").fill("プラットフォームの設置と運営（年4回の会議）");
  await page.getByRole("group", { name: "1 実施月" }).getByLabel("4月").check();
  for (const [label, content] of [
    ["②", "実態調査"],
    ["④", "普及啓発"],
    ["⑦", "居場所の設置"],
  ] as const) {
    await page.getByLabel(new RegExp(`^${label}`)).check();
    await page.getByLabel(`${label} 実施内容`).fill(content);
    await page
      .getByRole("group", { name: `${label} 実施月` })
      .getByLabel("6月")
      .check();
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
}

/**
 * An intermediary organisation's Menu 2 application for a three-member consortium over two prefectures,
 * represented by the signed-in officer's organisation (`representative`). The grant is 4,333,000円; its
 * 委託費 of 5,000,000 is over half of C, a warning to acknowledge before submitting.
 */
export async function fillMenu2Application(page: Page, representative: string) {
  await page.getByLabel("事業の目的").fill("小規模なNPOの運営基盤を強化し、地域のつながりを広げる。");
  await page.getByLabel("コンソーシアム（複数の法人）で申請する").check();
  await expect(page.getByLabel("代表団体 名称")).toHaveValue(representative);
  await page.getByLabel("法人番号（13桁）").first().fill("2990100000022");
  for (const [i, name, number] of [
    [1, "特定非営利活動法人 さくら", "5990100000044"],
    [2, "株式会社 つなぐ", "2990100000055"],
  ] as const) {
    await page.getByRole("button", { name: "構成団体を追加" }).click();
    await page.getByLabel(`構成団体${i} 名称`).fill(name);
    await page.getByLabel("法人番号（13桁）").nth(i).fill(number);
  }
  await page.getByLabel("東京都").check();
  await page.getByLabel("神奈川県").check();
  await page.getByLabel("小規模なNPO等への支援（伴走支援・専門家派遣・講習会など）", { exact: true }).fill("会計・広報の講習会と専門家派遣");
  await page.getByRole("group", { name: "小規模なNPO等への支援（伴走支援・専門家派遣・講習会など） 実施月" }).getByLabel("6月").check();

  await line(page, 1, { category: "諸謝金", member: representative, description: "講師謝金", amount: "600,000" });
  await line(page, 2, { category: "委託費", member: "特定非営利活動法人 さくら", description: "伴走支援", amount: "5,000,000" });
  await line(page, 3, { category: "旅費", member: "株式会社 つなぐ", description: "専門家旅費", amount: "1,400,000" });
  await page.getByLabel("寄付金その他の収入額（円）").fill("500,000");
}

/** Submits the application on the page once it is saved, acknowledging any warnings, as version 1. */
export async function submitVersion1(page: Page) {
  await waitUntilSaved(page);
  await submitAsVersion1(page);
}

const SMALL_PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/**
 * Attaches a small PDF for each document the page lists as still missing for submission, one after another
 * (the list follows the saved draft: a consortium's agreement appears once the draft says it is one).
 */
export async function attachRequired(page: Page) {
  const missing = page.getByRole("listitem").filter({ hasText: "✗ 未添付" });
  for (let attached = 0; (await missing.count()) > 0; attached += 1) {
    if (attached > 5) throw new Error("documents still missing after attaching each kind listed");
    const kind = /書類の種類「([^」]+)」/.exec((await missing.first().textContent()) ?? "")?.[1];
    if (!kind) throw new Error("a missing document without its kind");
    await page.getByLabel("書類の種類").selectOption({ label: kind });
    await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: `${kind}.pdf`, mimeType: "application/pdf", buffer: SMALL_PDF });
    await page.getByRole("button", { name: "添付する" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: `書類の種類「${kind}」` })).toContainText("✓ 添付済み");
  }
}

/** Submits what the page holds, with the documents it needs attached first, acknowledging any warnings, as version 1. */
export async function submitAsVersion1(page: Page) {
  await attachRequired(page);
  await page.getByRole("button", { name: "提出する" }).click();
  const submitted = page.getByRole("status").filter({ hasText: "第1版として提出しました" });
  const warnings = page.getByText("確認事項があります");
  await expect(submitted.or(warnings)).toBeVisible();
  if (await warnings.isVisible()) {
    await page.getByLabel("確認事項を確認しました").check();
    await page.getByRole("button", { name: "提出する" }).click();
  }
  await expect(submitted).toBeVisible();
}
