import type { Kysely } from "kysely";
import { EMPTY_BUDGET_LINE, emptyDraft, type ApplicationDraft } from "../../../app/domain/application-draft";
import { addAttachment } from "../../../app/models/attachments.server";
import { createApplication, reviewApplication, saveDraft, submitApplication } from "../../../app/models/applications.server";
import { requiredAttachments } from "../../../app/domain/required-attachments";
import type { Programme } from "../../../app/domain/programmes";
import type { Database } from "../../../db/schema";
import { createUser } from "./accounts";

export type TestUser = Awaited<ReturnType<typeof createUser>>;

/** A moment inside the 2026 call once `openCall` has run (12:00 JST on 2026-11-27). */
export const DURING_CALL = new Date("2026-11-27T03:00:00Z");

/** The budget lines of `completeMenu1()` as yen: 謝金 10 × 20,000, 委託費 2,000,000, 補助金 1,500,000. */
export const MENU1_LINES = [
  { category: "honoraria", activity: "platform", description: "委員謝金", amount: 200_000 },
  { category: "outsourcing", activity: "a1", description: "調査委託", amount: 2_000_000 },
  { category: "subsidies", activity: "a7", description: "居場所補助", amount: 1_500_000 },
] as const;

/** A Menu 1 draft that passes every check (one warning: 委託費 above 50% of C): platform + ①③⑦, three lines. */
export function completeMenu1(): ApplicationDraft {
  const draft = emptyDraft("prefectural");
  draft.purpose = "県内の官民連携プラットフォームを構築し、孤独・孤立の実態を把握する。";
  draft.activities = [
    { code: "platform", content: "プラットフォームの設置と運営", months: [4, 5, 6], indicators: "会議4回" },
    { code: "a1", content: "取組方針の作成", months: [7, 8], indicators: "方針の策定" },
    { code: "a3", content: "情報共有会", months: [9], indicators: "参加50団体" },
    { code: "a7", content: "居場所づくり", months: [10, 11], indicators: "10か所" },
  ];
  draft.platformMembers = [{ name: "特定非営利活動法人 とやま", kind: "npo", role: "事務局" }];
  draft.lines = [
    { ...EMPTY_BUDGET_LINE, category: "honoraria", activity: "platform", description: "委員謝金", quantity: "10", unitPrice: "20,000" },
    { ...EMPTY_BUDGET_LINE, category: "outsourcing", activity: "a1", description: "調査委託", amount: "2,000,000" },
    { ...EMPTY_BUDGET_LINE, category: "subsidies", activity: "a7", description: "居場所補助", amount: "１，５００，０００円" },
  ];
  return draft;
}

/** Opens the 2026 call from 2026-04-01 to 2026-12-25 for both programmes. */
export async function openCall(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("programme_parameters")
    .set({ application_opens_at: new Date("2026-04-01T00:00:00+09:00"), application_closes_at: new Date("2026-12-25T23:59:59.999+09:00") })
    .where("fiscal_year", "=", 2026)
    .execute();
}

export interface SubmittedApplication {
  id: number;
  officer: TestUser;
  reviewer: TestUser;
}

/**
 * A Menu 1 application of a fresh prefecture (2026 unless told), saved with `draft`, submitted as version 1
 * at `at` and taken under review. Pass `reviewer` to share one reviewer between several applications.
 * The 2026 call is opened here; another year's call must be open already.
 */
/** A small PDF, as an officer would attach. */
export const SMALL_PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/** Attaches one file of each document a submission of this programme needs (the first kind of each requirement). */
export async function attachRequired(
  db: Kysely<Database>,
  officer: TestUser,
  applicationId: number,
  programme: Programme = "prefectural",
  draft: Pick<ApplicationDraft, "consortium"> = { consortium: false },
): Promise<void> {
  for (const requirement of requiredAttachments(programme, draft)) {
    const documentType = requirement.documents[0]!;
    const added = await addAttachment(db, officer.viewer, "192.0.2.1", applicationId, { documentType, fileName: `${documentType}.pdf`, bytes: SMALL_PDF });
    if (added.status !== "done") throw new Error(`not attached: ${JSON.stringify(added)}`);
  }
}

export async function submittedApplication(
  db: Kysely<Database>,
  {
    reviewer,
    draft = completeMenu1(),
    fiscalYear = 2026,
    at = DURING_CALL,
  }: { reviewer?: TestUser; draft?: ApplicationDraft; fiscalYear?: number; at?: Date } = {},
): Promise<SubmittedApplication> {
  await openCall(db);
  const officer = await createUser(db, "prefecture_officer");
  const created = await createApplication(db, officer.viewer, "192.0.2.1", fiscalYear, at);
  if (created.status !== "done") throw new Error(JSON.stringify(created));
  const saved = await saveDraft(db, officer.viewer, "192.0.2.1", created.id, { revision: 1, draft }, at);
  if (saved.status !== "done") throw new Error(`draft not saved: ${saved.status}`);
  await attachRequired(db, officer, created.id, "prefectural", draft);
  const submitted = await submitApplication(db, officer.viewer, "192.0.2.1", created.id, { revision: saved.revision, acknowledgeWarnings: true }, at);
  if (submitted.status !== "done") throw new Error(`not submitted: ${JSON.stringify(submitted)}`);
  const theReviewer = reviewer ?? (await createUser(db, "reviewer"));
  const review = await reviewApplication(db, theReviewer.viewer, "192.0.2.9", created.id, "start_review", [], at);
  if (review.status !== "done") throw new Error(`review not started: ${JSON.stringify(review)}`);
  return { id: created.id, officer, reviewer: theReviewer };
}

/** A change request's lines: those of `completeMenu1()` with these amounts, in order. */
export const withAmounts = (amounts: readonly number[]) => MENU1_LINES.map((line, i) => ({ ...line, amount: amounts[i] ?? line.amount }));
