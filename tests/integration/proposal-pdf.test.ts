import { writeFile, mkdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT } from "../../app/domain/draft-text";
import { EXPENSE_CATEGORIES, MAX_MEMBER_ROWS, MAX_SCHEDULE_ROWS, PROPOSAL_ACTIVITIES, type ProposalDraft } from "../../app/domain/proposal-draft";
import type { ProposalSnapshot } from "../../app/domain/proposals";
import { A4, MARGIN } from "../../app/pdf/page-flow";
import { proposalFormDocument } from "../../app/pdf/proposal-form";
import { renderPdf } from "../../app/pdf/render.server";
import { missingFrom, pdfLines, pdfText } from "./support/pdf-text";

const PAGE_NUMBER = /^\d+ \/ \d+$/;
/** Text of `length` characters that breaks only where the layout breaks it. */
const filler = (seed: string, length: number) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

function snapshotOf(draft: ProposalDraft, total: number): ProposalSnapshot {
  return {
    version: 2,
    call: {
      id: 1,
      kind: "model-platform",
      fiscalYear: 2026,
      title: "令和8年度 地方版孤独・孤立対策官民連携プラットフォーム推進事業",
      ceiling: 9_999_999_999,
      closesAt: "2027-01-15T08:00:00.000Z",
    },
    organisation: {
      name: "仙台市",
      representative_title: "仙台市長",
      representative_name: "郡 和子",
      postal_code: "980-8671",
      address: "宮城県仙台市青葉区国分町3-7-1",
      contact_person: "健康福祉局 地域福祉推進課",
      contact_phone: "022-214-8158",
      contact_email: "fuk005510@city.sendai.jp",
    },
    draft,
    total,
    submittedAt: "2026-12-10T03:00:00.000Z",
    submittedBy: { userId: 1, name: "仙台 三郎" },
  };
}

/** The longest proposal the form keeps: every text at its limit, every list at its most rows. */
function longestDraft(): { draft: ProposalDraft; total: number } {
  const budget = EXPENSE_CATEGORIES.map((category, i) => ({
    category,
    description: filler(`${category}の内容${i}`, SHORT_TEXT_LIMIT),
    amount: "1,111,111,111",
  }));
  return {
    draft: {
      currentSituation: filler("これまで、単身高齢者等を対象とした見守り事業を実施してきた。", LONG_TEXT_LIMIT),
      plans: filler("支援会議を孤独・孤立対策の情報共有の場として活用していく。", LONG_TEXT_LIMIT),
      members: Array.from({ length: MAX_MEMBER_ROWS }, (_, i) => ({
        kind: "npo" as const,
        count: "9999",
        names: filler(`NPO法人つながり${i}、`, LONG_TEXT_LIMIT / 8),
      })),
      activities: PROPOSAL_ACTIVITIES.map((a) => a.code),
      schedule: Array.from({ length: MAX_SCHEDULE_ROWS }, (_, i) => ({
        months: filler(`${i + 1}月`, 40),
        what: filler("研修会の開催と振り返り", SHORT_TEXT_LIMIT),
      })),
      budget,
      secondYear: true,
      firstYearResults: filler("前年度は15団体が参加する協議会を設立した。", LONG_TEXT_LIMIT),
    },
    total: 1_111_111_111 * budget.length,
  };
}

describe("企画提案書", () => {
  it("prints every character of the longest proposal, inside the margins", async () => {
    const { draft, total } = longestDraft();
    const pdf = await renderPdf(proposalFormDocument(snapshotOf(draft, total)));
    if (process.env.PROPOSAL_PDF_OUT) {
      await mkdir(process.env.PROPOSAL_PDF_OUT, { recursive: true });
      await writeFile(`${process.env.PROPOSAL_PDF_OUT}/proposal-longest.pdf`, pdf);
    }
    const { pages, title } = await pdfText(pdf);
    expect(title).toBe("令和8年度地方版孤独・孤立対策官民連携プラットフォーム推進事業企画提案書（第2版）");
    const typed = [
      draft.currentSituation,
      draft.plans,
      draft.firstYearResults,
      ...draft.members.flatMap((m) => [m.names]),
      ...draft.schedule.flatMap((s) => [s.months, s.what]),
      ...draft.budget.map((b) => b.description),
    ];
    expect(typed.map((value) => missingFrom(pages, value)).filter((rest) => rest !== "")).toEqual([]);
    const all = pages.join("");
    expect(all).toContain("金9,999,999,999円");
    expect(all).toContain("内閣府孤独・孤立対策推進室長");
    const outside = (await pdfLines(pdf)).flatMap((lines) =>
      lines
        .filter((line) => !PAGE_NUMBER.test(line.text))
        .filter((line) => line.y < MARGIN.bottom || line.y > A4.height - MARGIN.top || line.left < MARGIN.left - 1 || line.right > A4.width - MARGIN.right + 1),
    );
    expect(outside).toEqual([]);
  });

  it("prints a short proposal with its total and the ceiling", async () => {
    const draft: ProposalDraft = {
      currentSituation: "見守り事業を実施してきた。",
      plans: "イベントを開催したい。",
      members: [{ kind: "government", count: "1", names: "仙台市" }],
      activities: ["platform", "awareness", "pilot"],
      schedule: [{ months: "4月〜6月", what: "設立" }],
      budget: [{ category: "謝金", description: "講師", amount: "1,200,000" }],
      secondYear: false,
      firstYearResults: "",
    };
    const pdf = await renderPdf(proposalFormDocument({ ...snapshotOf(draft, 1_200_000), call: { ...snapshotOf(draft, 0).call, ceiling: 5_000_000 } }));
    if (process.env.PROPOSAL_PDF_OUT) await writeFile(`${process.env.PROPOSAL_PDF_OUT}/proposal-short.pdf`, pdf);
    const text = (await pdfText(pdf)).pages.join("");
    expect(text).toContain("金1,200,000円（委託：上限額 5,000,000円）");
    expect(text).toContain("官民連携プラットフォームの構築（◎）");
    expect(text).not.toContain("1回目（前年度）の成果");
  });
});
