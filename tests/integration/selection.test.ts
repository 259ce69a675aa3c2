import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignCallReviewers, decideSelection, proposalForReview, reviewBoard, submitReview } from "../../app/models/selection.server";
import { modelProjectView } from "../../app/models/model-projects.server";
import { returnProposal } from "../../app/models/proposals.server";
import { seed } from "../../db/seed";
import { createUser } from "./support/accounts";
import { modelProjectCall, type TestUser } from "./support/model-project-call";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.50";

describe.each(ENGINES)("%s: scored selection of proposals", (engine) => {
  let database: TestDatabase;
  let admin: TestUser;
  let first: TestUser;
  let second: TestUser;
  let outsider: TestUser;
  let callId: number;
  let submittedProposal: Awaited<ReturnType<typeof modelProjectCall>>["submittedProposal"];

  const score = (a: number, b: number) => ({
    conflict: false as const,
    comment: "",
    scores: [
      { position: 1, score: a, comment: "" },
      { position: 2, score: b, comment: "" },
    ],
  });

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    ({ admin, first, second, outsider, callId, submittedProposal } = await modelProjectCall(database.db));
  });
  afterEach(() => database.close());

  const audit = () =>
    database.db.selectFrom("audit_events").select(["action", "record_id", "details"]).where("action", "like", "proposal.%").orderBy("id").execute();

  it("the administrator sets a call's reviewers: only enabled reviewers, each change audited with who was added and removed", async () => {
    const actor = { userId: admin.id, organisationId: admin.organisationId, ip: IP };
    const officer = await createUser(database.db, "proposer_officer");
    expect(await assignCallReviewers(database.db, actor, callId, [first.id, officer.id])).toEqual({
      status: "invalid",
      errors: { reviewerIds: "審査担当者（内閣府）のアカウントを選んでください。" },
    });
    expect(await assignCallReviewers(database.db, actor, callId, [second.id, outsider.id])).toEqual({ status: "done" });
    // The same set again changes nothing and writes nothing.
    expect(await assignCallReviewers(database.db, actor, callId, [outsider.id, second.id])).toEqual({ status: "done" });
    const events = await database.db.selectFrom("audit_events").select("details").where("action", "=", "call.reviewers_assigned").orderBy("id").execute();
    expect(events.map((e) => e.details)).toEqual([
      { added: [first.id, second.id], removed: [] },
      { added: [outsider.id], removed: [first.id] },
    ]);
    expect(await assignCallReviewers(database.db, actor, 987_654, [first.id])).toEqual({ status: "not-found" });
  });

  it("a reviewer not assigned to the call neither sees nor scores its proposals", async () => {
    const proposal = await submittedProposal(4_000_000);
    expect(await proposalForReview(database.db, outsider.viewer, proposal.id)).toBeNull();
    expect(await reviewBoard(database.db, outsider.viewer, callId)).toBeNull();
    expect(await submitReview(database.db, outsider.viewer, IP, proposal.id, score(5, 5))).toEqual({ status: "not-found" });
    expect(await audit()).toEqual([]);
  });

  it("a reviewer who declares a conflict cannot score the proposal nor see its scores, and cannot select it", async () => {
    const proposal = await submittedProposal(4_000_000);
    expect(await submitReview(database.db, second.viewer, IP, proposal.id, score(4, 4))).toEqual({ status: "done" });
    expect(await submitReview(database.db, first.viewer, IP, proposal.id, { conflict: true, reason: "提案団体の理事を務めている" })).toEqual({
      status: "done",
    });

    expect(await submitReview(database.db, first.viewer, IP, proposal.id, score(5, 5))).toEqual({
      status: "refused",
      reason: "この提案には利益相反を申告しています。採点はできません。",
    });
    const seen = await proposalForReview(database.db, first.viewer, proposal.id);
    expect(seen).toMatchObject({ maySee: false, others: [], own: { conflict: true } });
    expect(await decideSelection(database.db, first.viewer, IP, proposal.id, { selected: true, contractAmount: 1, reason: "x" })).toEqual({
      status: "refused",
      reason: "利益相反を申告した提案の採択・不採択は決められません。",
    });
    // The board shows no score of it to the conflicted reviewer.
    const board = await reviewBoard(database.db, first.viewer, callId);
    expect(board!.rows).toMatchObject([{ proposalId: proposal.id, mean: null, rank: null, ownReview: "conflict" }]);
    expect((await audit()).map((e) => e.action)).toEqual(["proposal.reviewed", "proposal.conflict_declared"]);
  });

  it("others' scores stay hidden until the reviewer has submitted their own", async () => {
    const proposal = await submittedProposal(4_000_000);
    await submitReview(database.db, second.viewer, IP, proposal.id, score(2, 3));
    const before = await proposalForReview(database.db, first.viewer, proposal.id);
    expect(before).toMatchObject({ maySee: false, others: [], scoredBy: 1, own: null });
    expect((await reviewBoard(database.db, first.viewer, callId))!.rows[0]).toMatchObject({ mean: null, ownReview: null });

    await submitReview(database.db, first.viewer, IP, proposal.id, score(4, 5));
    const after = await proposalForReview(database.db, first.viewer, proposal.id);
    expect(after!.maySee).toBe(true);
    expect(after!.others.map((r) => [r.reviewerId, r.scores])).toEqual([[second.id, { 1: 2, 2: 3 }]]);
    // Submitted once, then frozen.
    expect(await submitReview(database.db, first.viewer, IP, proposal.id, score(1, 1))).toEqual({
      status: "refused",
      reason: "この提案の採点は提出済みです。",
    });
    await expect(database.db.updateTable("proposal_scores").set({ score: 5 }).where("proposal_id", "=", proposal.id).execute()).rejects.toThrow(/frozen/);
  });

  it("a proposal is returned before scoring begins, and not once a reviewer has scored it or declared a conflict", async () => {
    const returnedEarly = await submittedProposal(4_000_000);
    expect(await returnProposal(database.db, first.viewer, IP, returnedEarly.id, "様式が不足しています。")).toEqual({ status: "done" });

    const scored = await submittedProposal(4_000_000);
    const conflicted = await submittedProposal(4_000_000);
    await submitReview(database.db, second.viewer, IP, scored.id, score(4, 4));
    await submitReview(database.db, second.viewer, IP, conflicted.id, { conflict: true, reason: "提案団体の理事を務めている" });
    for (const proposal of [scored, conflicted]) {
      expect(await returnProposal(database.db, first.viewer, IP, proposal.id, "様式が不足しています。")).toEqual({
        status: "refused",
        reason: "審査担当者の採点（または利益相反の申告）が始まった企画提案は差し戻せません。",
      });
    }
    const states = await database.db.selectFrom("proposals").select("state").orderBy("id").execute();
    expect(states.map((s) => s.state)).toEqual(["returned", "submitted", "submitted"]);
  });

  it("ranks by the weighted mean on a fixed example, with the spread and the running total against the budget", async () => {
    const a = await submittedProposal(5_000_000);
    const b = await submittedProposal(4_000_000);
    const c = await submittedProposal(3_000_000);
    // a: (40×5+60×4)/100 = 4.4 and (40×3+60×3)/100 = 3.0 → mean 3.7, spread 1.4
    // b: 5.0 and 4.6 → mean 4.8, spread 0.4
    // c: 1.0 and 5.0 → mean 3.0, spread 4.0 (flagged)
    for (const [proposal, mine, theirs] of [
      [a, score(5, 4), score(3, 3)],
      [b, score(5, 5), score(4, 5)],
      [c, score(1, 1), score(5, 5)],
    ] as const) {
      await submitReview(database.db, first.viewer, IP, proposal.id, mine);
      await submitReview(database.db, second.viewer, IP, proposal.id, theirs);
    }
    const board = await reviewBoard(database.db, first.viewer, callId);
    expect(board!.rows.map((r) => [r.proposalId, r.rank, r.mean, r.spread, r.largeSpread, r.runningTotal, r.withinBudget])).toEqual([
      [b.id, 1, 4.8, 0.4, false, 4_000_000, true],
      [a.id, 2, 3.7, 1.4, false, 9_000_000, true],
      [c.id, 3, 3, 4, true, 12_000_000, false],
    ]);
    expect(board!.proposedTotal).toBe(12_000_000);
  });

  it("selects within the call's budget and refuses a selection beyond it, telling the proposer either way", async () => {
    const a = await submittedProposal(5_000_000);
    const b = await submittedProposal(5_000_000);
    const c = await submittedProposal(3_000_000);
    expect(await decideSelection(database.db, first.viewer, IP, a.id, { selected: true, contractAmount: 5_000_001, reason: "先進的" })).toEqual({
      status: "invalid",
      errors: { contractAmount: "契約額は提案額（5,000,000円）以下にしてください。" },
    });
    expect(await decideSelection(database.db, first.viewer, IP, a.id, { selected: true, contractAmount: 4_500_000, reason: "先進的" })).toEqual({
      status: "done",
    });
    expect(await decideSelection(database.db, second.viewer, IP, b.id, { selected: true, contractAmount: 5_000_000, reason: "波及効果" })).toEqual({
      status: "done",
    });
    expect(await decideSelection(database.db, first.viewer, IP, c.id, { selected: true, contractAmount: 600_000, reason: "実現可能" })).toEqual({
      status: "invalid",
      errors: { contractAmount: "この公募の予算総額（10,000,000円）を超えます。採択済みの契約額は9,500,000円で、残りは500,000円です。" },
    });
    expect(await decideSelection(database.db, first.viewer, IP, c.id, { selected: false, reason: "予算の範囲を超えるため" })).toEqual({ status: "done" });
    // Decided once.
    expect(await decideSelection(database.db, second.viewer, IP, c.id, { selected: true, contractAmount: 500_000, reason: "再考" })).toMatchObject({
      status: "refused",
    });

    const states = await database.db.selectFrom("proposals").select(["id", "state"]).orderBy("id").execute();
    expect(states.map((s) => s.state)).toEqual(["selected", "selected", "not_selected"]);
    const mail = await database.db.selectFrom("outbound_messages").select(["recipient", "subject", "body"]).orderBy("id").execute();
    expect(mail.map((m) => [m.recipient, m.subject.slice(0, 4)])).toEqual([
      [a.proposer.email, "【採択】"],
      [b.proposer.email, "【採択】"],
      [c.proposer.email, "【不採択"],
    ]);
    expect(mail[0]!.body).toContain("契約予定額：4,500,000円");
    expect((await audit()).map((e) => e.action)).toEqual(["proposal.selected", "proposal.selected", "proposal.not_selected"]);
    // Scoring stops once decided.
    expect(await submitReview(database.db, first.viewer, IP, c.id, score(3, 3))).toMatchObject({ status: "refused" });
  });

  it("a body selected for a platform project is published on the open-data page with its ○ and ●, once", async () => {
    const draft = { currentSituation: "単身高齢者の見守りを続けてきた。", plans: "支援会議を孤独・孤立対策の場としても使う。", secondYear: true };
    const sendai = await submittedProposal(4_000_000, { name: "仙台市", draft });
    const unknown = await submittedProposal(1_000_000);
    await decideSelection(database.db, first.viewer, IP, sendai.id, { selected: true, contractAmount: 4_000_000, reason: "先進的" });
    // A proposal without its ○ and ● has nothing to publish.
    await decideSelection(database.db, first.viewer, IP, unknown.id, { selected: true, contractAmount: 1_000_000, reason: "妥当" });
    const view = await modelProjectView(database.db, new URLSearchParams({ fiscalYear: "2026" }));
    expect(view.totals).toEqual({ fiscalYear: 2026, prefectureOrDesignatedCity: 1, municipality: 0 });
    expect(view.participants).toEqual([
      {
        fiscalYear: 2026,
        group: "prefecture_or_designated_city",
        prefectureCode: "04",
        name: "仙台市",
        reading: null,
        secondYear: true,
        currentSummary: draft.currentSituation,
        planSummary: draft.plans,
        partnersNote: null,
      },
    ]);
  });

  it("two selections at once cannot together exceed the budget", async () => {
    const small = await submittedProposal(1_000_000);
    await decideSelection(database.db, first.viewer, IP, small.id, { selected: true, contractAmount: 1_000_000, reason: "小規模" });
    const a = await submittedProposal(5_000_000);
    const b = await submittedProposal(5_000_000);
    // 1,000,000 + 5,000,000 + 5,000,000 is over 10,000,000: whichever comes second under the call's lock is refused.
    const [one, two] = database.separateConnections(2);
    const results = await Promise.all([
      decideSelection(one!, first.viewer, IP, a.id, { selected: true, contractAmount: 5_000_000, reason: "A" }),
      decideSelection(two!, second.viewer, IP, b.id, { selected: true, contractAmount: 5_000_000, reason: "B" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["done", "invalid"]);
    const selected = await database.db.selectFrom("proposal_selections").select("contract_amount").where("selected", "=", true).execute();
    expect(selected.reduce((sum, r) => sum + Number(r.contract_amount), 0)).toBe(6_000_000);
  });
});
