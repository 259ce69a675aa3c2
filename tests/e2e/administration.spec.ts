import { expect, test } from "@playwright/test";
import { look } from "./support/look";
import { ACCOUNTS, newAccount, signIn, signOut } from "./support/accounts";

/**
 * The administrator's work on accounts, and what people see when a page is not theirs: a forgotten password
 * from the sign-in page to a new link, a change refused at its field, the 403 and 404 pages, and the
 * applications read without the reviewers' actions.
 */

test("a forgotten password: the request reaches the administrator, who re-issues the link, and the owner signs in again", async ({ page }) => {
  const owner = await newAccount("npo", { displayName: "忘却 花子" });
  await page.goto("/login");
  await page.getByRole("link", { name: "パスワードを忘れた場合" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("パスワードを忘れた場合");
  await page.getByRole("button", { name: "管理者に再発行を依頼する" }).click();
  await expect(page.getByLabel("アカウントのメールアドレス")).toHaveAccessibleDescription(/メールアドレスを正しく入力してください/);
  await page.getByLabel("アカウントのメールアドレス").fill(owner.email.toUpperCase());
  await page.getByRole("button", { name: "管理者に再発行を依頼する" }).click();
  await expect(page.getByRole("status")).toContainText("依頼を受け付けました。");
  await look(page, "password-forgot");

  await signIn(page, ACCOUNTS.administrator);
  await page.goto("/admin/organisations");
  const requests = page.getByRole("region", { name: /^パスワード再設定の依頼/ });
  const request = requests.getByRole("listitem").filter({ hasText: owner.email });
  await expect(request).toContainText(`${owner.organisation.name}・忘却 花子`);
  await look(page, "admin-password-requests");
  await request.getByRole("link", { name: new RegExp(owner.organisation.name) }).click();
  await page.getByRole("button", { name: "忘却 花子のパスワード設定用リンクを再発行する" }).click();
  await expect(page.getByRole("status")).toContainText(`${owner.email} のパスワード設定用リンクを再発行しました`);
  const link = await page.getByTestId("password-link").textContent();
  await page.goto("/admin/organisations");
  await expect(page.getByRole("region", { name: /^パスワード再設定の依頼/ })).not.toContainText(owner.email);
  await signOut(page);

  const newPassword = "a brand new passphrase 2026";
  await page.goto(new URL(link!).pathname);
  await page.getByLabel(/^新しいパスワード(?!（確認）)/).fill(newPassword);
  await page.getByLabel("新しいパスワード（確認）").fill(newPassword);
  await page.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, owner.email, newPassword);
});

test("a page of another role says so, with the way out; an unknown address says it is not found", async ({ page }) => {
  await signIn(page, ACCOUNTS.toyama);
  const response = await page.goto("/admin/organisations");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("このページを開く権限がありません");
  await expect(page.getByRole("main")).toContainText("都道府県担当者");
  await expect(page.getByRole("main")).toContainText("何も変更されていません。");
  await expect(page.getByRole("main")).not.toContainText("保存されていない可能性");
  await look(page, "forbidden");
  await page.getByRole("button", { name: "ログアウトして別のアカウントでログインする" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toHaveCount(0);

  const missing = await page.goto("/calls/999999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await expect(page.getByRole("navigation", { name: "移動先" }).getByRole("link", { name: "ログインする" })).toBeVisible();
});

test("an administrator reads every application without the reviewers' buttons", async ({ page }) => {
  await signIn(page, ACCOUNTS.administrator);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "交付申請" }).click();
  const assignee = page.getByLabel("担当");
  await expect(assignee).toHaveValue("all");
  await expect(assignee.locator("option", { hasText: "自分が担当" })).toHaveCount(0);
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("button", { name: /^担当する/ })).toHaveCount(0);
  await look(page, "admin-applications");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an account's change is a plain form: an administrator's own role is refused at its field and what was typed stays", async ({ page }) => {
    await signIn(page, ACCOUNTS.administrator);
    await page.goto("/admin/organisations");
    await page.getByRole("link", { name: "内閣府 孤独・孤立対策推進室" }).click();
    const row = page.getByRole("row").filter({ hasText: ACCOUNTS.administrator });
    await row.getByRole("link", { name: /のアカウントを変更する$/ }).click();
    await page.getByLabel("氏名").fill("管理 太郎（変更）");
    await page.getByLabel("役割").selectOption("reviewer");
    await page.getByRole("button", { name: "変更を保存する" }).click();
    await expect(page.getByLabel("役割")).toHaveAccessibleDescription("自分の役割は変更できません。ほかの管理者に依頼してください。");
    await expect(page.getByLabel("氏名")).toHaveValue("管理 太郎（変更）");
    await expect(page.getByLabel("役割")).toHaveValue("reviewer");
  });
});
