import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, newAccount, signIn, signOut } from "./support/accounts";
import { startApplication, waitUntilSaved } from "./support/applications";
import { freePort } from "./support/ports";

test("a prefecture officer signs in, sees who they are, and signs out", async ({ page }) => {
  await signIn(page, ACCOUNTS.toyama);

  const status = page.getByRole("group", { name: "ログイン状態" });
  await expect(status).toContainText("富山 太郎");
  await expect(status).toContainText("富山県");
  await page.getByRole("button", { name: "ログアウト" }).click();

  await expect(page.getByRole("status")).toContainText("ログアウトしました");
  await expect(status).toContainText("ログイン");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
});

test("a wrong password and an unknown e-mail get the same message, and the e-mail stays typed", async ({ page }) => {
  for (const email of [ACCOUNTS.fukuoka, "nobody@demo.example"]) {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("not the password");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByRole("alert")).toContainText("メールアドレスまたはパスワードが正しくありません。");
    await expect(page.getByLabel("メールアドレス")).toHaveValue(email);
  }
});

test("signing in from a protected page comes back to it", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faudit/);
  await page.getByLabel("メールアドレス").fill(ACCOUNTS.reviewer);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("操作履歴");
});

test("a prefecture officer gets 404 on another prefecture's record, the same as for a record that does not exist", async ({ page }) => {
  await signIn(page, ACCOUNTS.administrator);
  await page.goto("/admin/organisations?kind=prefecture");
  const fukuokaHref = await page.getByRole("link", { name: "福岡県" }).getAttribute("href");
  const fukuokaId = fukuokaHref!.split("/").pop()!;
  await signOut(page);

  await signIn(page, ACCOUNTS.toyama);
  await page.getByRole("link", { name: "組織の情報" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("富山県");

  const other = await page.goto(`/organisations/${fukuokaId}`);
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  const missing = await page.goto("/organisations/999999");
  expect(missing?.status()).toBe(404);
});

test("an administrator issues an account whose owner sets a password from the one-time link and signs in", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.administrator);
  await page.goto("/admin/organisations?kind=npo");
  await page.getByRole("link", { name: "特定非営利活動法人 よりそい居場所の会" }).click();
  const email = `new-${Date.now()}@demo.example`;
  await page.getByLabel("氏名").fill("居場所 はな");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "発行する" }).click();
  const link = await page.getByTestId("password-link").textContent();
  expect(link).toMatch(/\/password\/set\//);

  const newcomer = await browser.newPage();
  await newcomer.goto(link!);
  await newcomer.getByLabel(/^新しいパスワード(?!（確認）)/).fill("short");
  await newcomer.getByLabel("新しいパスワード（確認）").fill("short");
  await newcomer.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(newcomer.getByRole("alert")).toContainText("12文字以上");
  await newcomer.getByLabel(/^新しいパスワード(?!（確認）)/).fill("いばしょ は みんなの ばしょ");
  await newcomer.getByLabel("新しいパスワード（確認）").fill("いばしょ は みんなの ばしょ");
  await newcomer.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(newcomer.getByRole("status")).toContainText("パスワードを設定しました");
  await signIn(newcomer, email, "いばしょ は みんなの ばしょ");

  // The link works once only.
  await newcomer.goto(link!);
  await expect(newcomer.getByText("このリンクは使えません")).toBeVisible();
  await newcomer.close();
});

test("what was typed after the session cookie was deleted comes back after signing in again", async ({ page }) => {
  const officer = await newAccount("intermediary");
  await signIn(page, officer.email, officer.password);
  await startApplication(page);
  await page.getByLabel("事業の目的").fill("最初に保存された目的");
  await waitUntilSaved(page);

  await page.context().clearCookies();
  await page.getByLabel("事業の目的").fill("クッキーが消えた後に書き足した目的");
  await expect(page.getByTestId("save-status")).toContainText("ログインの有効期限が切れました");
  await page.getByRole("button", { name: "下書きを保存" }).click();

  await expect(page).toHaveURL(/\/login\?.*restore=/);
  await expect(page.getByRole("status")).toContainText("入力中だった内容は保存してあり");
  await page.getByLabel("メールアドレス").fill(officer.email);
  await page.getByLabel("パスワード").fill(officer.password);
  await page.getByRole("button", { name: "ログイン" }).click();

  await expect(page).toHaveURL(/\/applications\/\d+\?restore=/);
  await expect(page.getByText("ログインし直す前に入力していた内容を戻しました")).toBeVisible();
  await expect(page.getByLabel("事業の目的")).toHaveValue("クッキーが消えた後に書き足した目的");
  await page.getByRole("button", { name: "下書きを保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "下書きを保存しました" })).toBeVisible();
  await page.goto(page.url().replace(/\?.*$/, ""));
  await expect(page.getByLabel("事業の目的")).toHaveValue("クッキーが消えた後に書き足した目的");
});

test.describe("when the session runs out", () => {
  let port: number;
  let server: ReturnType<typeof spawn>;
  test.beforeAll(async () => {
    port = await freePort();
    server = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        PGLITE_DATA_DIR: "memory://",
        SEED_DEMO_DATA: "true",
        LOG_LEVEL: "warn",
        SESSION_IDLE_MINUTES: "0.1",
      },
      stdio: "ignore",
    });
    for (let i = 0; i < 150; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the short-session server did not start");
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });
  // The port is known once beforeAll has run; Playwright needs the empty pattern to see no fixture is used.
  // eslint-disable-next-line no-empty-pattern
  test.use({ baseURL: async ({}, use) => use(`http://127.0.0.1:${port}`) });

  test("what the officer typed comes back after signing in again", async ({ page }) => {
    await signIn(page, ACCOUNTS.toyama);
    const signedInAt = Date.now();
    await page.getByRole("link", { name: "組織の情報" }).click();
    const address = page.getByLabel("所在地");
    await address.fill("富山県富山市新総曲輪1番7号 県庁東別館3階");
    await page.waitForTimeout(Math.max(0, signedInAt + 7_000 - Date.now()));
    await address.press("Enter");

    await expect(page).toHaveURL(/\/login\?.*expired=1/);
    await expect(page.getByRole("status")).toContainText("入力中だった内容は保存してあり");
    await page.getByLabel("メールアドレス").fill(ACCOUNTS.toyama);
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();

    await expect(page).toHaveURL(/\/organisations\/\d+\?restore=/);
    await expect(page.getByText("ログインし直す前に入力していた内容を戻しました")).toBeVisible();
    await expect(page.getByLabel("所在地")).toHaveValue("富山県富山市新総曲輪1番7号 県庁東別館3階");
  });

  test("a warning offers to stay signed in, and staying keeps the session going", async ({ page }) => {
    await signIn(page, ACCOUNTS.sendai);
    const signedInAt = Date.now();
    const warning = page.getByRole("alertdialog", { name: "まもなく自動的にログアウトします" });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole("button", { name: "ログインを続ける" })).toBeFocused();

    await page.waitForTimeout(Math.max(0, signedInAt + 3_500 - Date.now()));
    await warning.getByRole("button", { name: "ログインを続ける" }).click();
    await page.waitForTimeout(Math.max(0, signedInAt + 7_500 - Date.now()));
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウント");
  });
});
