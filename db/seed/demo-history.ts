import type { Kysely } from "kysely";
import { loadViewer, type Viewer } from "../../app/auth/viewer.server";
import { emptyDraft, EMPTY_BUDGET_LINE, type ApplicationDraft } from "../../app/domain/application-draft";
import type { StepAction, StepInputs } from "../../app/domain/steps";
import { createApplication, reviewApplication, saveDraft, submitApplication } from "../../app/models/applications.server";
import { changeAssignment } from "../../app/models/assignments.server";
import { addAttachment } from "../../app/models/attachments.server";
import { takeProceedingStep } from "../../app/models/proceedings.server";
import type { Database } from "../schema";

/**
 * Grants to look at in the demo, taken through the same services the pages use, so every notice and request
 * can be opened as a PDF: 富山県's 令和7年度 Menu 1 application, finished (submitted, decided, paid in
 * advance, reported, confirmed, settled and closed), and its 令和8年度 one, under way (decided in June, half
 * paid in advance, its withdrawal period over). Each is seeded once, outside the reference-data transaction
 * (each step is its own transaction), and only as demo data.
 */
const YEAR = 2025;
const RUNNING_YEAR = 2026;
const IP = "127.0.0.1";

function draft(): ApplicationDraft {
  const d = emptyDraft("prefectural");
  d.purpose = "県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握したうえで、居場所づくりを進める。";
  d.activities = [
    { code: "platform", content: "とやま孤独・孤立対策官民連携プラットフォームの運営（年4回）", months: [5, 8, 11, 2], indicators: "会議4回・参加30団体" },
    { code: "a2", content: "県民10,000人を対象とする実態調査", months: [6, 7, 8], indicators: "回答3,000件" },
    { code: "a7", content: "市町村と連携した居場所の設置", months: [9, 10, 11, 12], indicators: "居場所10か所" },
  ];
  d.platformMembers = [
    { name: "社会福祉法人 富山県社会福祉協議会", kind: "social_welfare", role: "事務局" },
    { name: "特定非営利活動法人 よりそい居場所の会", kind: "npo", role: "居場所の運営" },
  ];
  d.lines = [
    { ...EMPTY_BUDGET_LINE, category: "honoraria", activity: "platform", description: "有識者謝金", quantity: "12", unitPrice: "20,000" },
    { ...EMPTY_BUDGET_LINE, category: "travel", activity: "platform", description: "委員旅費", amount: "160,000" },
    { ...EMPTY_BUDGET_LINE, category: "outsourcing", activity: "a2", description: "実態調査委託", amount: "3,000,000" },
    { ...EMPTY_BUDGET_LINE, category: "printing", activity: "a2", description: "調査票印刷", amount: "400,000" },
    { ...EMPTY_BUDGET_LINE, category: "subsidies", activity: "a7", description: "居場所設置補助（10か所）", amount: "3,000,000" },
  ];
  return d;
}

/** A demo account acting outside any session, as the services need a viewer. */
async function viewerOf(db: Kysely<Database>, email: string): Promise<Viewer | null> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return user ? loadViewer(db, user.id, "demo-seed", new Date(0)) : null;
}

/** A one-page PDF standing in for the documents a real application would attach. */
const DEMO_PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+09:00`);

export async function seedDemoHistory(db: Kysely<Database>): Promise<void> {
  const officer = await viewerOf(db, "toyama@demo.example");
  const reviewer = await viewerOf(db, "reviewer@demo.example");
  if (!officer || !reviewer) return;
  await finishedGrant(db, officer, reviewer);
  await runningGrant(db, officer, reviewer);
}

/** Whether the organisation has an application of the year already (the story was seeded). */
async function hasApplication(db: Kysely<Database>, officer: Viewer, fiscalYear: number): Promise<boolean> {
  const found = await db
    .selectFrom("applications")
    .select("id")
    .where("organisation_id", "=", officer.organisationId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return found !== undefined;
}

/** Starts, fills, submits and takes for review the year's application; returns its id and the amount applied for. */
async function submitted(db: Kysely<Database>, officer: Viewer, reviewer: Viewer, fiscalYear: number, days: { start: string; submit: string; review: string }) {
  const created = await createApplication(db, officer, IP, fiscalYear, at(days.start));
  if (created.status !== "done") throw new Error(`demo history: ${JSON.stringify(created)}`);
  const id = created.id;
  const saved = await saveDraft(db, officer, IP, id, { revision: 1, draft: draft() }, at(days.start));
  if (saved.status !== "done") throw new Error(`demo history: save ${saved.status}`);
  for (const [documentType, fileName] of [
    ["budget_extract", "予算書抄本（孤独・孤立対策推進事業費）.pdf"],
    ["rules", "とやま孤独・孤立対策官民連携プラットフォーム規約.pdf"],
  ] as const) {
    const attached = await addAttachment(db, officer, IP, id, { documentType, fileName, bytes: DEMO_PDF });
    if (attached.status !== "done") throw new Error(`demo history: attach ${attached.status}`);
  }
  const sent = await submitApplication(db, officer, IP, id, { revision: saved.revision, acknowledgeWarnings: true }, at(days.submit));
  if (sent.status !== "done") throw new Error(`demo history: submit ${sent.status}`);
  const review = await reviewApplication(db, reviewer, IP, id, "start_review", [], at(days.review));
  if (review.status !== "done") throw new Error(`demo history: review ${review.status}`);
  const taken = await changeAssignment(db, reviewer, IP, id, { intent: "take", current: null }, at(days.review));
  if (taken.status !== "done") throw new Error(`demo history: assignment ${taken.status}`);
  const requested = (await db.selectFrom("application_versions").select("requested_amount").where("application_id", "=", id).executeTakeFirstOrThrow())
    .requested_amount;
  const step = async <A extends StepAction>(who: Viewer, action: A, input: StepInputs[A], day: string) => {
    const outcome = await takeProceedingStep(db, who, IP, id, action, input, at(day));
    if (outcome.status !== "done") throw new Error(`demo history: ${action} ${JSON.stringify(outcome)}`);
  };
  return { id, requested, step };
}

const PAYEE = { bankName: "北陸銀行", branchName: "県庁支店", accountType: "普通" as const, accountNumber: "1234567", accountHolder: "トヤマケン" };

/** 令和8年度: decided on 10 June (withdrawal possible until 25 June), half claimed and paid in July. */
async function runningGrant(db: Kysely<Database>, officer: Viewer, reviewer: Viewer): Promise<void> {
  if (await hasApplication(db, officer, RUNNING_YEAR)) return;
  const { requested, step } = await submitted(db, officer, reviewer, RUNNING_YEAR, { start: "2026-04-20", submit: "2026-05-08", review: "2026-05-11" });
  const half = Math.floor(requested / 2000) * 1000;
  await step(reviewer, "decide", { decidedAmount: requested, conditions: "実態調査の結果は、個人が特定されない形で公表すること。" }, "2026-06-10");
  await step(officer, "claim_payment", { claimAmount: half, ...PAYEE }, "2026-07-01");
  await step(reviewer, "record_payment", { direction: "paid", amount: half, paidOn: "2026-07-15", note: "概算払" }, "2026-07-15");
}

async function finishedGrant(db: Kysely<Database>, officer: Viewer, reviewer: Viewer): Promise<void> {
  if (await hasApplication(db, officer, YEAR)) return;

  await db
    .updateTable("programme_parameters")
    .set({ application_opens_at: new Date(`${YEAR}-04-01T00:00:00+09:00`), application_closes_at: new Date(`${YEAR}-05-31T23:59:00+09:00`) })
    .where("fiscal_year", "=", YEAR)
    .where("application_opens_at", "is", null)
    .execute();

  const { id, requested, step } = await submitted(db, officer, reviewer, YEAR, { start: "2025-04-21", submit: "2025-05-09", review: "2025-05-12" });
  const half = Math.floor(requested / 2000) * 1000;

  await step(reviewer, "decide", { decidedAmount: requested, conditions: "実態調査の結果は、個人が特定されない形で公表すること。" }, "2025-06-02");
  await step(officer, "claim_payment", { claimAmount: half, ...PAYEE }, "2025-07-01");
  await step(reviewer, "record_payment", { direction: "paid", amount: half, paidOn: "2025-07-15", note: "概算払" }, "2025-07-15");
  await step(
    officer,
    "report",
    {
      actual: [220_000, 148_000, 2_860_000, 392_000, 3_000_000],
      otherIncomeActual: 0,
      completedOn: "2026-03-31",
      summary: "プラットフォーム会議を4回開催し（延べ参加112団体）、実態調査（回答3,214件）を行った。居場所は県内10か所に開設し、延べ1,850人が利用した。",
    },
    "2026-04-08",
  );
  await step(reviewer, "confirm", {}, "2026-05-14");
  const { confirmed, paid } = await db
    .selectFrom("application_proceedings")
    .select((eb) => [
      eb.fn.max(eb.case().when("kind", "=", "confirmation").then(eb.ref("amount")).end()).as("confirmed"),
      eb.fn.sum(eb.case().when("kind", "=", "payment").then(eb.ref("amount")).end()).as("paid"),
    ])
    .where("application_id", "=", id)
    .executeTakeFirstOrThrow();
  await step(officer, "claim_settlement", { ...PAYEE }, "2026-05-20");
  await step(reviewer, "record_payment", { direction: "paid", amount: Number(confirmed) - Number(paid), paidOn: "2026-05-29", note: "精算払" }, "2026-05-29");
  await step(reviewer, "close", {}, "2026-06-01");
}
