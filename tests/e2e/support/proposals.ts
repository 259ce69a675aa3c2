import { expect, type Page } from "@playwright/test";

/** Filling in a proposal (企画提案) as a municipality does, for the browser tests. */

/** Opens a call's page and applies, or opens the proposal the organisation already has. */
export async function applyToCall(page: Page, callId: number | string) {
  await page.goto(`/calls/${callId}`);
  const existing = page.getByRole("link", { name: "この公募への企画提案を開く" });
  if (await existing.isVisible()) await existing.click();
  else await page.getByRole("button", { name: "この公募に応募する" }).click();
  await expect(page).toHaveURL(/\/proposals\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("企画提案");
}

export const group = (page: Page, name: string) => page.getByRole("group", { name });

export async function fillProposal(page: Page, { withJavaScript }: { withJavaScript: boolean }) {
  await page.getByLabel("○ 現状・これまでの取組").fill("単身高齢者等を対象とした各種見守りに係る事業を実施してきた。");
  await page.getByLabel("● 今後の取組").fill("「仙台市つながる支援連絡会議」を孤独・孤立対策の情報共有の場として活用する。");
  await page.getByLabel("人材確保・育成を目指す研修実施").check();
  const member1 = group(page, "構成団体 1行目");
  await member1.getByLabel("種別").selectOption({ label: "行政" });
  await member1.getByLabel("団体数").fill("1");
  await member1.getByLabel("団体名").fill("仙台市");
  await group(page, "スケジュール 1行目").getByLabel("時期").fill("4月〜6月");
  await group(page, "スケジュール 1行目").getByLabel("実施内容").fill("プラットフォームの設立");
  const line = async (n: number, category: string, description: string, amount: string) => {
    const row = group(page, `内訳 ${n}行目`);
    await row.getByLabel("費目").selectOption({ label: category });
    await row.getByLabel("内容").fill(description);
    await row.getByLabel("金額（円）").fill(amount);
  };
  await line(1, "謝金", "講師謝金", "1,200,000");
  await line(2, "会議費", "会場借上げ", "800,000");
  if (withJavaScript) await page.getByRole("button", { name: "構成団体の行を追加" }).click();
}
