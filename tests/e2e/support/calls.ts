import type { Page } from "@playwright/test";

/** Opening a call for proposals as an administrator does, for the browser tests. */

/** A date-time in Japan, `days` from now, as a date-time input takes it ("2027-01-10T09:00"). */
export const japanDateTime = (days: number) => new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 16);

export async function fillCall(page: Page, { title, opensInDays, closesInDays }: { title: string; opensInDays: number; closesInDays: number }) {
  await page.getByLabel("事業の種類").selectOption({ label: "地方版孤独・孤立対策官民連携プラットフォーム推進事業" });
  await page.getByLabel("公募名").fill(title);
  await page.getByLabel("事業の概要").fill("官民連携プラットフォームの構築と普及活動を委託します。");
  await page.getByLabel("応募できる団体").fill("市区町村（政令指定都市を含む）");
  await page.getByLabel("公募開始日時（日本時間）").fill(japanDateTime(opensInDays));
  await page.getByLabel("締切日時（日本時間）").fill(japanDateTime(closesInDays));
  await page.getByLabel("1件あたりの上限額（円）").fill("５，０００，０００");
  await page.getByLabel("予算総額（円）").fill("45,000,000");
  await page.getByLabel("採択予定件数").fill("9");
}
