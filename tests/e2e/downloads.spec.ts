import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

// The demo's 富山県 令和7年度 grant, seeded already closed, is the one application the filter below finds.

async function downloadBy(page: Page, link: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

test("a reviewer downloads the filtered inbox as CSV and Excel, and a version's 所要額調書 as Excel", async ({ page }) => {
  await signIn(page, ACCOUNTS.reviewer);
  await page.goto("/applications?fiscalYear=2025&prefecture=16");
  await expect(page.getByRole("link", { name: "CSV形式" })).toHaveAttribute("href", "/applications.csv?fiscalYear=2025&prefecture=16");

  const csv = await downloadBy(page, "CSV形式");
  expect(csv.download.suggestedFilename()).toMatch(/^申請一覧_\d{8}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^富山県,/);
  expect(lines[2]).toMatch(/^合計（1件）,/);

  const xlsx = await downloadBy(page, "Excel形式");
  expect(xlsx.download.suggestedFilename()).toMatch(/^申請一覧_\d{8}\.xlsx$/);
  const inbox = new ExcelJS.Workbook();
  await inbox.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
  expect(inbox.getWorksheet("申請一覧")!.getCell("A2").value).toBe("富山県");

  const id = /\/applications\/(\d+)$/.exec((await page.getByRole("link", { name: "富山県" }).getAttribute("href"))!)![1];
  await page.goto(`/applications/${id}/versions/1`);
  const statement = await downloadBy(page, "所要額調書（Excel）をダウンロード");
  expect(statement.download.suggestedFilename()).toBe("所要額調書_富山県_令和7年度_v1.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(statement.bytes).buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["所要額調書", "経費の内訳"]);
  expect(workbook.getWorksheet("所要額調書")!.getCell("B4").value).toBe("富山県");
});
