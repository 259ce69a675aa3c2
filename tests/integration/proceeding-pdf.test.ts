import { describe, expect, it } from "vitest";
import type { BudgetLineSnapshot, ProceedingRecord } from "../../app/domain/proceedings";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { drawPdf } from "../../app/pdf/draw.server";
import { renderPdf } from "../../app/pdf/render.server";
import { menu2Record } from "./support/application-record";
import { pdfText } from "./support/pdf-text";
import {
  changeApprovalRecord,
  changeRefusalRecord,
  changeRequestRecord,
  changeRequestWithPlanRecord,
  formerChangeApprovalRecord,
  minorChangeRecord,
  confirmationRecord,
  confirmationWithFindingsRecord,
  decisionRecord,
  paymentClaimRecord,
  paymentRecord,
  performanceReportRecord,
  formerPerformanceReportRecord,
  rejectionRecord,
  withdrawalRecord,
  discontinuationApprovalRecord,
  discontinuationRefusalRecord,
  discontinuationRequestRecord,
  formerDecisionRecord,
  formerWithdrawalRecord,
  repaymentOrderRecord,
  cancellationRecord,
  repaymentOrderAfterCancellationRecord,
  settlementClaimRecord,
  statusReportRecord,
  statusReportRequestRecord,
} from "./support/proceeding-records";

/** The fixtures' dates, converted to 令和 by hand. */
const REIWA: Record<string, string> = {
  "2026-04-30": "令和8年4月30日",
  "2026-05-01": "令和8年5月1日",
  "2026-05-12": "令和8年5月12日",
  "2026-05-16": "令和8年5月16日",
  "2026-10-22": "令和8年10月22日",
  "2026-08-03": "令和8年8月3日",
  "2026-08-20": "令和8年8月20日",
  "2026-09-01": "令和8年9月1日",
  "2026-10-01": "令和8年10月1日",
  "2026-10-15": "令和8年10月15日",
  "2026-10-20": "令和8年10月20日",
  "2026-10-31": "令和8年10月31日",
  "2027-03-31": "令和9年3月31日",
  "2027-04-05": "令和9年4月5日",
  "2027-04-20": "令和9年4月20日",
  "2027-04-25": "令和9年4月25日",
  "2027-04-27": "令和9年4月27日",
  "2027-05-31": "令和9年5月31日",
  "2027-06-01": "令和9年6月1日",
  "2027-06-30": "令和9年6月30日",
};
function reiwa(date: string): string {
  const label = REIWA[date];
  if (!label) throw new Error(`no 令和 date written down for ${date}`);
  return label;
}

const yen = (n: number) => `${n.toLocaleString("en-US")}円`;
const kin = (n: number) => `金${yen(n)}`;
const signed = (n: number) => (n < 0 ? `△${yen(-n)}` : yen(n));
const total = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
/** 「富山県知事 富山 一郎 殿」 as read back: the representative by title and name, 富山県 not written twice. */
const TOYAMA_NOTICE = "富山県知事富山一郎殿";
const YEAR = "令和8年度孤独・孤立対策推進交付金";

/**
 * The text of each page with every space removed: the PDF reader turns the full-width spaces between a
 * label and its amount, and the gaps between table cells, into spaces or nothing.
 */
async function read(record: ProceedingRecord): Promise<{ pages: string[]; all: string; title: unknown }> {
  const { pages, title } = await pdfText(await renderPdf(proceedingDocument(record)));
  const flat = pages.map((p) => p.replace(/\s+/g, ""));
  return { pages: flat, all: flat.join("\n"), title };
}

function categoryTotals(lines: readonly { category: string; amount: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.category, (totals.get(l.category) ?? 0) + l.amount);
  return totals;
}

/** Pages of a long budget: the header on every page with budget lines, and 「i / N」 on every page. */
function expectBrokenAcrossPages(pages: string[], header: string) {
  const linePages = pages.filter((p) => /明細\d+/.test(p));
  expect(linePages.length).toBeGreaterThan(5);
  for (const page of linePages) expect(page).toContain(header);
  pages.forEach((page, i) => expect(page).toContain(`${i + 1}/${pages.length}`));
}

const PRINTED: [string, () => ProceedingRecord][] = [
  ["交付決定通知書", decisionRecord],
  ["不交付決定通知書", rejectionRecord],
  ["変更交付申請書", () => changeRequestRecord()],
  ["変更交付決定通知書", changeApprovalRecord],
  ["変更交付申請に対する不承認通知書", changeRefusalRecord],
  ["軽微な変更届", minorChangeRecord],
  ["交付申請取下げ書", withdrawalRecord],
  ["取下げ・中止（廃止）届", formerWithdrawalRecord],
  ["事業中止（廃止）承認申請書", () => discontinuationRequestRecord()],
  ["事業中止（廃止）承認通知書", discontinuationApprovalRecord],
  ["事業中止（廃止）不承認通知書", discontinuationRefusalRecord],
  ["概算払請求書", paymentClaimRecord],
  ["精算払請求書", settlementClaimRecord],
  ["実績報告書", () => performanceReportRecord()],
  ["額の確定通知書", () => confirmationRecord()],
  ["返還命令書", repaymentOrderRecord],
  ["交付決定取消通知書", () => cancellationRecord()],
  ["遂行状況報告の依頼", () => statusReportRequestRecord()],
  ["遂行状況報告書", () => statusReportRecord()],
];

describe("documents printed from proceedings", () => {
  it.each(PRINTED)("%s: titled with the fiscal year, dated from the record, the same bytes for the same record", async (name, make) => {
    const r = make();
    const spec = proceedingDocument(r);
    const notice = r.documentNumber.startsWith("府孤");
    expect(spec.title).toBe(`${YEAR}${name}`);
    expect(spec.author).toBe(notice ? "内閣府" : "富山県");
    expect(spec.date.getTime()).toBe(new Date(`${r.documentDate}T00:00:00+09:00`).getTime());
    expect(spec.draft).toBe(false);

    const [a, b] = [await drawPdf(spec), await drawPdf(proceedingDocument(make()))];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const { pages, title } = await read(r);
    expect(title).toBe(`${YEAR}${name}`);
    expect(pages[0]).toContain(`${YEAR}${name}`);
    expect(pages[0]).toContain(reiwa(r.documentDate));
    expect(pages[0]).toContain(r.documentNumber || "第号");
    expect(pages[0]).toContain(notice ? `${TOYAMA_NOTICE}内閣総理大臣` : "内閣総理大臣殿〒930-8501富山県富山市新総曲輪1番7号富山県富山県知事富山一郎");
  });

  it("refuses a payment, which is a ledger entry with no document", () => {
    expect(() => proceedingDocument(paymentRecord())).toThrow(/payment/);
  });

  it("addresses an applicant whose title does not name it by organisation, title and name", async () => {
    const application = menu2Record(8);
    const o = application.organisation;
    const { pages } = await read(decisionRecord(application));
    expect(pages[0]).toContain(`${o.name}${o.representative_title}${o.representative_name}殿`.replace(/\s+/g, ""));
    expect(pages[0]).toContain("孤独・孤立対策担い手育成支援事業（メニュー2）");
    const { rate } = application.calculation;
    expect(pages[0]).toContain(`交付率${rate.numerator}/${rate.denominator}`);
  });
});

describe("交付決定通知書", () => {
  it("says what was decided, on what, under which conditions, on two pages", async () => {
    const r = decisionRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(`${reiwa(r.applicationDate)}付けで申請のあった${YEAR}（地方における孤独・孤立対策推進事業（メニュー1））`);
    expect(pages[0]).toContain(`交付することに決定したので、適正化法第8条の規定により通知する`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}（交付申請額${kin(r.requestedAmount)}）`);
    expect(pages[0]).toContain(`A総事業費${yen(r.calculation.totalProjectCost)}`);
    expect(pages[0]).toContain(`C対象経費${yen(r.calculation.eligibleExpenses)}`);
    expect(pages[0]).toContain(`交付率${r.calculation.rate.numerator}/${r.calculation.rate.denominator}`);
    // The decided amount, not the amount computed when applying, which it may be less than.
    expect(pages[0]).toContain(`交付率${r.calculation.rate.numerator}/${r.calculation.rate.denominator}交付決定額${yen(r.decidedAmount)}`);
    expect(pages[0]).not.toContain("交付額（E×交付率");
  });

  it("rests on the Subsidy Act §6 and §8, says the work is as applied for, and gives the standard conditions, the decision's own, and the withdrawal date", async () => {
    const r = decisionRecord();
    const { all } = await read(r);
    expect(all).toContain(
      "補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）（以下「適正化法」という。）第6条第1項の規定に基づき、下記のとおり交付することに決定したので、適正化法第8条の規定により通知する。",
    );
    expect(all).toContain(`2交付の対象となる事業の内容${reiwa(r.applicationDate)}付けの交付申請書に記載のとおりとする。`);
    const standard = [
      "孤独・孤立対策推進交付金交付要綱に定めるところに従うこと。",
      "あらかじめ変更交付申請を行い、その承認を受けること（適正化法第7条第1項第1号及び第2号）。",
      "中止し、又は廃止する場合には、あらかじめ承認を受けること（適正化法第7条第1項第3号）。",
      "事情の変更により特別の必要が生じたときは、交付の決定の全部若しくは一部を取り消し",
      "報告を求められたときは、報告すること（適正化法第12条）。",
      "担保に供してはならない（適正化法第22条）。",
      "証拠書類とともに、事業の完了の日の属する年度の終了後5年間保存すること。",
      "交付要綱に定める期限までに実績報告書を提出すること（適正化法第14条）。",
    ];
    // Each in its place: condition (n) comes after its number and before the next one's.
    const text = all.replace(/\n/g, "");
    standard.forEach((condition, i) => {
      const at = text.indexOf(condition);
      expect(at, condition).toBeGreaterThan(text.indexOf(`（${i + 1}）`));
      expect(at, condition).toBeLessThan(text.indexOf(`（${i + 2}）`));
    });
    r.conditions.split("\n").forEach((condition, i) => expect(text).toContain(`（${standard.length + i + 1}）${condition}`));
    expect(all).toContain(
      `5申請の取下げこの決定の内容又はこれに付された条件に不服があるときは、適正化法第9条第1項の規定により、${reiwa("2026-05-16")}までに申請の取下げをすることができる。`,
    );
  });

  it("cites the 交付申請書 by its date and the applicant's own 文書番号, when it gave one; so does a rejection", async () => {
    const { all } = await read({ ...decisionRecord(), applicationNumber: "富山県厚第12号" });
    expect(all).toContain(`${reiwa("2026-04-30")}付け富山県厚第12号で申請のあった${YEAR}`);
    expect(all).toContain(`2交付の対象となる事業の内容${reiwa("2026-04-30")}付け富山県厚第12号の交付申請書に記載のとおりとする。`);
    const rejection = await read({ ...rejectionRecord(), applicationNumber: "富山県厚第12号" });
    expect(rejection.all).toContain(`${reiwa("2026-04-30")}付け富山県厚第12号で申請のあった${YEAR}`);
  });

  it("prints a decision made before the standard conditions as it was issued", async () => {
    const { pages } = await read(formerDecisionRecord());
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("（1）孤独・孤立対策推進交付金交付要綱に定めるところに従うこと。");
    expect(pages[0]).toContain("この通知を受けた日から15日以内に申請の取下げ");
    expect(pages[0]).not.toContain("適正化法");
  });
});

describe("不交付決定通知書", () => {
  it("gives the amount applied for and the reason, on one page", async () => {
    const r = rejectionRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.applicationDate)}付けで申請のあった`);
    expect(pages[0]).toContain("交付しないことに決定したので通知する");
    expect(pages[0]).toContain(`1交付申請額${kin(r.requestedAmount)}`);
    expect(pages[0]).toContain(`2理由${r.reason}`);
  });
});

describe("交付申請取下げ書 and the former 取下げ・中止（廃止）届", () => {
  it("withdraws under the Subsidy Act §9 citing the decision, with the decided amount, the deadline and the reason", async () => {
    const r = withdrawalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(
      `${reiwa(r.decision.documentDate)}付け${r.decision.documentNumber}で交付決定の通知があった${YEAR}（地方における孤独・孤立対策推進事業（メニュー1））について、下記の理由により、補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第9条第1項の規定に基づき、交付申請を取り下げます。`,
    );
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain(`2取下げの期限${reiwa("2026-05-16")}`);
    expect(pages[0]).toContain(`3取下げの理由${r.reason}`);
  });

  it("prints an older withdrawal, which also stood for 中止・廃止, as it was issued", async () => {
    const r = formerWithdrawalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.decision.documentDate)}付け${r.decision.documentNumber}で交付決定の通知があった`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain(`2理由${r.reason}`);
  });
});

describe("事業中止（廃止）承認申請書 and its approval or refusal", () => {
  it("the request cites the decision and asks for approval with the stop date, reasons, work done and expected grant", async () => {
    const r = discontinuationRequestRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.decision.documentDate)}付け${r.decision.documentNumber}で交付決定の通知があった`);
    expect(pages[0]).toContain("下記により中止（廃止）したいので、孤独・孤立対策推進交付金交付要綱の規定に基づき承認を申請します。");
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain(`2中止（廃止）の予定日${reiwa(r.stopOn)}`);
    expect(pages[0]).toContain(`3中止（廃止）の理由${r.reason}`);
    expect(pages[0]).toContain(`4中止（廃止）までに実施した事業の内容${r.doneSoFar}`);
    expect(pages[0]).toContain(`5中止（廃止）までの事業に係る交付金の見込額${kin(r.expectedAmount)}`);
  });

  it("keeps the longest reason and work done the form allows (4,000 characters each) whole, across pages", async () => {
    const [reason, doneSoFar] = ["中止の理由。".repeat(700).slice(0, 4000), "実施した内容。".repeat(600).slice(0, 4000)];
    const { pages } = await read(discontinuationRequestRecord(reason, doneSoFar));
    // The pages without their 「i / N」, run together.
    const all = pages.map((page) => page.replace(/\d+\/\d+$/, "")).join("");
    expect(pages.length).toBeGreaterThan(2);
    expect(all).toContain(`3中止（廃止）の理由${reason}4中止（廃止）までに実施した事業の内容${doneSoFar}5中止（廃止）までの事業に係る交付金の見込額`);
  });

  it("the approval rests on the Subsidy Act §7 condition, cites the request, and gives the amount before and after with its conditions", async () => {
    const r = discontinuationApprovalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(
      `${reiwa(r.decision.documentDate)}付け${r.decision.documentNumber}で交付決定した${YEAR}（地方における孤独・孤立対策推進事業（メニュー1））について、${reiwa(r.requestDate)}付け富山県厚第77号で申請のあった事業の中止（廃止）を、孤独・孤立対策推進交付金交付要綱及び補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第7条第1項第3号の条件に基づき、下記のとおり承認したので通知する。`,
    );
    expect(pages[0]).toContain(`1中止（廃止）の日${reiwa(r.stopOn)}`);
    expect(pages[0]).toContain(`2承認前の交付決定額${kin(r.previousAmount)}`);
    expect(pages[0]).toContain(`3承認後の交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain(`4承認の条件${r.comment}`);
  });

  it("the refusal keeps the decided amount and says the work goes on, with the reason", async () => {
    const r = discontinuationRefusalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("事業の中止（廃止）は、下記の理由により承認しないこととしたので通知する。");
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}（変更なし）`);
    expect(pages[0]).toContain(`3理由${r.comment}`);
    expect(pages[0]).toContain("引き続き実施すること。");
  });
});

describe("変更交付申請書", () => {
  it("gives the reason, the amounts and the budget before and after, by category and by line", async () => {
    const r = changeRequestRecord(8);
    const { pages, all } = await read(r);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(`${reiwa("2026-05-01")}付け府孤第3号で交付決定の通知があった`);
    expect(pages[0]).toContain(`1変更の理由${r.reason}`);
    expect(pages[0]).toContain(`交付決定額${kin(r.decidedAmount)}変更後の交付申請額${kin(r.requestedAmount)}`);

    const [before, after] = [categoryTotals(r.before), categoryTotals(r.after)];
    for (const [category, name] of [
      ["honoraria", "諸謝金"],
      ["travel", "旅費"],
      ["rent", "借料"],
    ] as const) {
      const [b, a] = [before.get(category) ?? 0, after.get(category) ?? 0];
      expect(all).toContain(`${name}${yen(b)}${yen(a)}${signed(a - b)}`);
    }
    const [sumBefore, sumAfter] = [total(r.before.map((l) => l.amount)), total(r.after.map((l) => l.amount))];
    expect(all).toContain(`合計${yen(sumBefore)}${yen(sumAfter)}${signed(sumAfter - sumBefore)}`);

    // The fixture keeps lines 1–7 (旅費 doubled), drops line 8 and adds a 借料 line.
    const line = (l: BudgetLineSnapshot) => l.description;
    r.after.slice(0, -1).forEach((l, i) => expect(all).toContain(`${line(l)}${yen(r.before[i]!.amount)}${yen(l.amount)}`));
    expect(all).toContain(`${line(r.before.at(-1)!)}${yen(r.before.at(-1)!.amount)}—`);
    expect(all).toContain(`${line(r.after.at(-1)!)}—${yen(r.after.at(-1)!.amount)}`);
    expect(all).toContain(`合計${yen(sumBefore)}${yen(sumAfter)}「—」`);

    const [cb, ca] = [r.calculationBefore, r.calculationAfter];
    expect(all).toContain(`A総事業費${yen(cb.totalProjectCost)}${yen(ca.totalProjectCost)}`);
    expect(all).toContain(`交付額（E×交付率、1,000円未満切り捨て）${yen(cb.grantAmount)}${yen(ca.grantAmount)}`);
    expect(pages[1]).toContain("2/2");
  });

  it("a change that edits the plan says what is added and what changes, before the budget", async () => {
    const r = changeRequestWithPlanRecord();
    const { all } = await read(r);
    const [, , a7, a9] = r.planAfter!;
    expect(all).toContain(
      `3事業の内容の変更⑦相談体制の整備や居場所の設置、交流機会の創出など当事者等への支援（内容の変更）変更前：居場所の設置変更後：${a7!.content}`,
    );
    expect(all).toContain(`⑨管内市区町村の後方支援（追加）内容：${a9!.content}`);
    // The items after it are numbered on.
    expect(all).toContain("4経費区分ごとの変更");
    expect(all).toContain("6交付額の算定（変更前・変更後）");
    // A request that leaves the plan alone has no such item.
    expect((await read(changeRequestRecord(8))).all).not.toContain("事業の内容の変更");
  });

  it("breaks a 200-line budget across pages with the table header on each", async () => {
    const { pages } = await read(changeRequestRecord(200));
    expect(pages).toHaveLength(11);
    expectBrokenAcrossPages(pages, "経費区分事業内容変更前変更後");
    expect(pages.join("")).toContain("明細200");
  });
});

describe("軽微な変更届", () => {
  it("cites the decision, says why the change is minor, keeps the decided amount and sets the lines before and after", async () => {
    const r = minorChangeRecord();
    const { pages, all } = await read(r);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(`${reiwa("2026-05-01")}付け府孤第3号で交付決定の通知があった`);
    expect(pages[0]).toContain("いずれの経費区分の増減も20パーセント以内であり、事業の内容の変更を伴わない軽微な変更です。");
    expect(pages[0]).toContain(`1変更の理由${r.reason}2交付決定額${kin(r.decidedAmount)}（変更なし）`);
    const [before, after] = [categoryTotals(r.before), categoryTotals(r.after)];
    const [b, a] = [before.get("travel")!, after.get("travel")!];
    expect(all).toContain(`旅費${yen(b)}${yen(a)}${signed(a - b)}`);
    expect(all).toContain(`${r.after[1]!.description}${yen(r.before[1]!.amount)}${yen(r.after[1]!.amount)}`);
  });
});

describe("実績報告書", () => {
  it("sets actual spending beside the budget, line by line and by category, and recomputes the grant", async () => {
    const r = performanceReportRecord(8);
    const { pages, all } = await read(r);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatch(new RegExp(`^第号${reiwa(r.documentDate)}`));
    expect(pages[0]).toContain(`${reiwa("2026-05-01")}付け府孤第3号で交付決定の通知があった`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain("に係る事業を完了したので");
    expect(pages[0]).toContain(`2事業の完了日${reiwa(r.completedOn)}`);
    expect(pages[0]).toContain(`3事業の実施状況${r.summary}`);

    const stopped = await read({ ...r, discontinued: true });
    expect(stopped.pages[0]).toContain("に係る事業を中止（廃止）したので");
    expect(stopped.pages[0]).toContain(`2事業の中止（廃止）日${reiwa(r.completedOn)}`);

    for (const l of r.lines) expect(all).toContain(`${l.description}${yen(l.amount)}${yen(l.actual)}${signed(l.actual - l.amount)}`);
    const [budget, actual] = [total(r.lines.map((l) => l.amount)), total(r.lines.map((l) => l.actual))];
    expect(all).toContain(`合計${yen(budget)}${yen(actual)}${signed(actual - budget)}差額は`);

    const [b, a] = [categoryTotals(r.lines), categoryTotals(r.lines.map((l) => ({ category: l.category, amount: l.actual })))];
    for (const [category, name] of [
      ["honoraria", "諸謝金"],
      ["travel", "旅費"],
    ] as const) {
      expect(all).toContain(`${name}${yen(b.get(category)!)}${yen(a.get(category)!)}${signed(a.get(category)! - b.get(category)!)}`);
    }
    const c = r.calculationActual;
    expect(all).toContain(`寄付金その他の収入予算額${yen(r.otherIncomeBudget)}実績額${yen(r.otherIncomeActual)}`);
    expect(all).toContain(`A総事業費${yen(c.totalProjectCost)}`);
    expect(all).toContain(`B寄付金その他の収入額${yen(c.otherIncome)}`);
    expect(all).toContain(`E選定額（C、A−B、Dのうち最も少ない額）${yen(c.selectedAmount)}`);
    expect(all).toContain(`交付額（E×交付率、1,000円未満切り捨て）${yen(c.grantAmount)}`);
  });

  it("ends with a 収支決算書 in the shape of the 収支予算書: the grant, other income by its source and own funds; spending by category; both totals the actual cost", async () => {
    const r = performanceReportRecord(2);
    const { all } = await read(r);
    const actual = r.lines.map((l) => ({ category: l.category, amount: l.actual }));
    const cost = total(actual.map((l) => l.amount));
    const grant = Math.min(r.decidedAmount, r.calculationActual.grantAmount);
    const own = cost - grant - r.otherIncomeActual;
    expect(own).toBeGreaterThan(0);
    expect(all).toContain(
      `7収支決算書（1）収入区分金額交付金${yen(grant)}寄付金その他の収入（県内企業からの寄付金）${yen(r.otherIncomeActual)}自己財源${yen(own)}合計${yen(cost)}`,
    );
    const byCategory = categoryTotals(actual);
    expect(all).toContain(`（2）支出経費区分金額諸謝金${yen(byCategory.get("honoraria")!)}旅費${yen(byCategory.get("travel")!)}合計${yen(cost)}`);
    // A report made before the statement was printed prints as it was issued.
    expect((await read(formerPerformanceReportRecord())).all).not.toContain("収支決算書");
  });

  it("breaks a 200-line report across pages with the table header on each", async () => {
    const { pages } = await read(performanceReportRecord(200));
    // Three amount columns, each wide enough for 「△10,000,000,000円」, leave the text columns narrow.
    expect(pages).toHaveLength(15);
    expectBrokenAcrossPages(pages, "経費区分事業内容予算額実績額差額");
    expect(pages.join("")).toContain("明細200");
  });
});

describe("概算払請求書", () => {
  it("claims an amount against the decided amount, with what remains and where to pay it, on one page", async () => {
    const r = paymentClaimRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatch(new RegExp(`^第号${reiwa(r.documentDate)}`));
    expect(pages[0]).toContain(`${reiwa("2026-05-01")}付け府孤第3号で交付決定の通知があった`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}`);
    expect(pages[0]).toContain(`2既請求額${kin(r.alreadyClaimed)}3既受領額${kin(r.alreadyReceived)}`);
    expect(pages[0]).toContain(`4今回請求額${kin(r.claimAmount)}`);
    expect(pages[0]).toContain(`5未請求額（1−2−4）${kin(r.decidedAmount - r.alreadyClaimed - r.claimAmount)}6振込先`);
    const p = r.payee;
    expect(pages[0]).toContain(`金融機関名${p.bankName}支店名${p.branchName}預金種別${p.accountType}口座番号${p.accountNumber}口座名義${p.accountHolder}`);
  });
});

describe("変更交付決定通知書 and 変更交付申請に対する不承認通知書", () => {
  it("approval: refers to the decision and the request, gives the amount before and after, and the conditions", async () => {
    const r = changeApprovalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa("2026-05-01")}付け府孤第3号で交付決定した`);
    // The request is cited by its date and the applicant's own number.
    expect(pages[0]).toContain(`${reiwa(r.changeRequestDate)}付け厚企第120号で申請のあった変更を承認し`);
    expect(pages[0]).toContain(`1変更前の交付決定額${kin(r.previousAmount)}2変更交付申請額${kin(r.requestedAmount)}3変更後の交付決定額${kin(r.decidedAmount)}`);
    // The allocation after the change, by category, adding up to the changed budget.
    const after = categoryTotals(changeRequestRecord().after);
    expect(pages[0]).toContain(
      `4変更後の経費の配分経費区分金額諸謝金${yen(after.get("honoraria")!)}旅費${yen(after.get("travel")!)}借料${yen(after.get("rent")!)}合計${yen(total([...after.values()]))}`,
    );
    expect(pages[0]).toContain(`5交付の対象となる事業の内容${reiwa(r.changeRequestDate)}付け変更交付申請書記載のとおり`);
    expect(pages[0]).toContain(`6交付の条件${r.comment}`);
  });

  it("approval made before the allocation was kept: prints as it was issued", async () => {
    const { pages } = await read(formerChangeApprovalRecord());
    expect(pages[0]).toContain("4交付の条件");
    expect(pages[0]).not.toContain("経費の配分");
  });

  it("refusal: the decided amount stays, with the reason", async () => {
    const r = changeRefusalRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(r.decidedAmount).toBe(r.previousAmount);
    expect(pages[0]).toContain(`${reiwa(r.changeRequestDate)}付け厚企第120号で申請のあった変更は、下記の理由により承認しない`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}（変更なし）2変更交付申請額${kin(r.requestedAmount)}3理由${r.comment}`);
  });
});

describe("交付決定取消通知書 and the 返還命令書 after it", () => {
  it("cancels under the Subsidy Act §17(1), notified as §8 provides, with the amounts, the reason and the 加算金 to come", async () => {
    const r = cancellationRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(
      `${reiwa(r.decision.documentDate)}付け${r.decision.documentNumber}で交付決定した${YEAR}（地方における孤独・孤立対策推進事業（メニュー1））について、下記の理由により、補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第17条第1項の規定に基づき、交付決定の全部を取り消したので、同条第3項において準用する同法第8条の規定により通知する。`,
    );
    expect(pages[0]).toContain(
      `1取消前の交付額${kin(r.previousAmount)}2取り消す額${kin(r.cancelledAmount)}3取消後の交付額${kin(0)}4既交付額${kin(r.netPaid)}5取消の理由${r.reason}`,
    );
    expect(pages[0]).toContain(`取消後の交付額を超える${kin(r.netPaid)}については、別途返還命令書により返還を命ずる。`);
    expect(pages[0]).toContain("同法第19条第1項の規定により、受領の日から納付の日までの日数に応じ、年10.95パーセントの割合で計算した加算金");
  });

  it("a part cancelled says so, and keeps the longest reason whole", async () => {
    const reason = "取消の理由。".repeat(700).slice(0, 4000);
    const r = { ...cancellationRecord(reason), cancelledAmount: 10_000, remainingAmount: cancellationRecord().previousAmount - 10_000 };
    const { pages } = await read(r);
    const all = pages.map((page) => page.replace(/\d+\/\d+$/, "")).join("");
    expect(all).toContain("交付決定の一部を取り消した");
    expect(all).toContain(`5取消の理由${reason}`);
  });

  it("the order after it rests on §18(1) and states both 加算金 (§19(1)) and 延滞金 (§19(2))", async () => {
    const r = repaymentOrderAfterCancellationRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa("2027-06-01")}付け府孤第50号で交付決定を取り消した`);
    expect(pages[0]).toContain("第18条第1項の規定により、下記のとおり交付金の返還を命ずる。");
    expect(pages[0]).toContain(`1取消後の交付額${kin(0)}2既交付額${kin(r.netPaid)}3返還額${kin(r.repaymentAmount)}4納期限${reiwa(r.dueOn)}`);
    expect(pages[0]).toContain(
      "同法第19条第1項の規定により、その受領の日から納付の日までの日数に応じ、年10.95パーセントの割合で計算した加算金を併せて納付しなければならない。",
    );
    expect(pages[0]).toContain("同条第2項の規定により、納期限の翌日から納付の日までの日数に応じ");
  });
});

describe("精算払請求書", () => {
  it("cites the confirmation and claims the confirmed amount less what was received, with where to pay it, on one page", async () => {
    const r = settlementClaimRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.confirmation.documentDate)}付け${r.confirmation.documentNumber}で額の確定の通知があった`);
    expect(pages[0]).toContain("下記のとおり精算払を請求します。");
    expect(r.claimAmount).toBe(r.confirmedAmount - r.alreadyReceived);
    expect(pages[0]).toContain(`1確定額${kin(r.confirmedAmount)}2既受領額${kin(r.alreadyReceived)}3今回請求額（1−2）${kin(r.claimAmount)}`);
    expect(pages[0]).toContain(`4振込先金融機関名${r.payee.bankName}`);
  });

  it("after a part was cancelled, cites the cancellation instead", async () => {
    const { pages } = await read({ ...settlementClaimRecord(), basis: "cancellation" });
    expect(pages[0]).toContain("付け府孤第41号で交付決定の一部取消しの通知があった");
  });
});

describe("額の確定通知書", () => {
  it("with findings: rests on the Subsidy Act §15 and lists each disallowed line with its reason and the total", async () => {
    const r = confirmationWithFindingsRecord();
    const { all } = await read(r);
    const text = all.replace(/\n/g, "");
    expect(text).toContain("の規定により、交付すべき額を下記のとおり確定したので通知する。");
    expect(text).toContain("及び補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第15条の規定により");
    expect(text).toContain(`3実績に基づく算定額（認めなかった経費を除く。）${kin(r.recomputedAmount)}`);
    expect(text).toContain("6交付の対象と認めなかった経費");
    const [first, second] = r.findings!;
    expect(text).toContain(`（1）実績報告書の1行目諸謝金（${first!.description}）実績額${yen(first!.actual)}のうち${yen(1_000)}理由：${first!.reason}`);
    expect(text).toContain(`（2）実績報告書の2行目`);
    expect(text).toContain(`理由：${second!.reason}`);
    expect(text).toContain(`認めなかった経費の合計${yen(1_500)}`);
  });

  it("prints a confirmation made before findings were kept as it was issued, without §15", async () => {
    const { all } = await read(confirmationRecord());
    expect(all).not.toContain("第15条");
    expect(all).not.toContain("認めなかった経費");
  });

  it("confirms the amount and, when more was paid, says how much is to be returned", async () => {
    const r = confirmationRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(r.netPaid).toBeGreaterThan(r.confirmedAmount);
    expect(pages[0]).toContain(`${reiwa(r.reportDate)}付けで提出のあった実績報告書`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}2確定額${kin(r.confirmedAmount)}`);
    expect(pages[0]).toContain(`3実績に基づく算定額${kin(r.recomputedAmount)}4既交付額${kin(r.netPaid)}`);
    expect(pages[0]).toContain(`5返還額${kin(r.netPaid - r.confirmedAmount)}`);
    expect(pages[0]).not.toContain("精算払額");
  });

  it("says how much is still to pay (精算払) when less was paid, and neither when the amounts match", async () => {
    const paidLess = confirmationRecord(25_000);
    const less = await read(paidLess);
    expect(less.pages[0]).toContain(`5精算払額${kin(paidLess.confirmedAmount - paidLess.netPaid)}`);
    expect(less.pages[0]).not.toContain("返還額");

    const even = await read(confirmationRecord(confirmationRecord().confirmedAmount));
    expect(even.pages[0]).toContain("5精算払額及び返還額なし");
  });
});

describe("返還命令書", () => {
  it("orders the overpayment back by a due date, with the 延滞金 sentence, on one page", async () => {
    const r = repaymentOrderRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.confirmation.documentDate)}付け府孤第41号で額を確定した`);
    expect(pages[0]).toContain(`1確定額${kin(r.confirmedAmount)}2既交付額${kin(r.netPaid)}`);
    expect(pages[0]).toContain(`3返還額${kin(r.netPaid - r.confirmedAmount)}`);
    expect(pages[0]).toContain(`4納期限${reiwa(r.dueOn)}`);
    expect(pages[0]).toContain("補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第18条第2項の規定により");
    expect(pages[0]).toContain("同法第19条第2項の規定により");
    expect(pages[0]).toContain("延滞金を納付しなければならない");
  });
});

describe("遂行状況報告", () => {
  it("the request cites the decision and Subsidy Act §12, with what to report and the due date, whole however long", async () => {
    const matters = "各取組の進捗と参加者数、支出の状況。".repeat(100).slice(0, 2000);
    const r = statusReportRequestRecord(matters);
    const { pages } = await read(r);
    // The pages without their 「i / N」, run together.
    const all = pages.map((page) => page.replace(/\d+\/\d+$/, "")).join("");
    expect(pages.length).toBeGreaterThan(1);
    expect(all).toContain(`${reiwa(r.decision.documentDate)}付け府孤第3号で交付決定した`);
    expect(all).toContain("補助金等に係る予算の執行の適正化に関する法律（昭和30年法律第179号）第12条の規定により");
    expect(all).toContain(`2提出期限${reiwa(r.dueOn)}`);
    expect(all).toContain(`1報告を求める事項${matters}2提出期限`);
  });

  it("the report cites the request by date and number, with the decided amount, what was spent and how it goes", async () => {
    const r = statusReportRecord();
    const { pages } = await read(r);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`${reiwa(r.request.documentDate)}付け府孤第21号で報告を求められた`);
    expect(pages[0]).toContain(`1交付決定額${kin(r.decidedAmount)}2これまでに支出した額${kin(30_000)}`);
    expect(pages[0]).toContain("延べ412人が利用した");
  });
});
