import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { invalid, notFound, refused, type Outcome } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import { maySeeOthersScores, rankProposals, selectionProblem, type RankedProposal } from "~/domain/selection";
import { readProposalSnapshot, type ProposalState } from "~/domain/proposals";
import { fiscalYearLabel } from "~/domain/wareki";
import type { ReviewInput, SelectionInput } from "~/forms/selection";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent, type Actor } from "./audit.server";
import { notify, organisationMembers } from "./notifications.server";
import { publishSelectedParticipant } from "./model-projects.server";

/** A proposal is scored and selected once submitted; these are the states it can be in from then on. */
const UNDER_SELECTION: ProposalState[] = ["submitted", "selected", "not_selected"];

const actorOf = (viewer: Viewer, ip: string): Actor => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

/** The reviewers assigned to a call, by name. */
export async function listCallReviewers(db: Kysely<Database>, callId: number) {
  return db
    .selectFrom("call_reviewers")
    .innerJoin("users", "users.id", "call_reviewers.reviewer_id")
    .select(["users.id", "users.display_name as name"])
    .where("call_reviewers.call_id", "=", callId)
    .orderBy("users.id")
    .execute();
}

/** Sets who reviews a call's proposals (every id must be an enabled reviewer's), audited with who was added and removed. */
export async function assignCallReviewers(
  db: Kysely<Database>,
  actor: Actor & { userId: number },
  callId: number,
  reviewerIds: readonly number[],
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const call = await trx.selectFrom("calls").select("id").where("id", "=", callId).forUpdate().executeTakeFirst();
    if (!call) return notFound;
    const wanted = [...new Set(reviewerIds)];
    const reviewers =
      wanted.length === 0
        ? []
        : await trx.selectFrom("users").select("id").where("id", "in", wanted).where("role", "=", "reviewer").where("disabled_at", "is", null).execute();
    if (reviewers.length !== wanted.length) return invalid({ reviewerIds: "審査担当者（内閣府）のアカウントを選んでください。" });
    const before = (await trx.selectFrom("call_reviewers").select("reviewer_id").where("call_id", "=", callId).execute()).map((r) => Number(r.reviewer_id));
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return { status: "done" };
    if (removed.length > 0) await trx.deleteFrom("call_reviewers").where("call_id", "=", callId).where("reviewer_id", "in", removed).execute();
    if (added.length > 0) {
      await trx
        .insertInto("call_reviewers")
        .values(added.map((id) => ({ call_id: callId, reviewer_id: id, assigned_by: actor.userId })))
        .execute();
    }
    await recordAuditEvent(trx, actor, { action: "call.reviewers_assigned", recordType: "call", recordId: callId, details: { added, removed } });
    return { status: "done" };
  });
}

export async function isCallReviewer(db: Kysely<Database>, callId: number, userId: number): Promise<boolean> {
  return (
    (await db.selectFrom("call_reviewers").select("reviewer_id").where("call_id", "=", callId).where("reviewer_id", "=", userId).executeTakeFirst()) !==
    undefined
  );
}

async function criteriaOf(db: Kysely<Database>, callId: number) {
  return db.selectFrom("call_criteria").select(["position", "name", "weight"]).where("call_id", "=", callId).orderBy("position").execute();
}

/** Every submitted review of these proposals, with the scores of those that are not conflicts. */
async function reviewsOf(db: Kysely<Database>, proposalIds: readonly number[]) {
  if (proposalIds.length === 0) return [];
  const [reviews, scores] = await Promise.all([
    db
      .selectFrom("proposal_reviews")
      .innerJoin("users", "users.id", "proposal_reviews.reviewer_id")
      .select(["proposal_reviews.proposal_id", "proposal_reviews.reviewer_id", "proposal_reviews.conflict", "proposal_reviews.comment", "users.display_name"])
      .where("proposal_reviews.proposal_id", "in", proposalIds)
      .orderBy("proposal_reviews.reviewer_id")
      .execute(),
    db.selectFrom("proposal_scores").select(["proposal_id", "reviewer_id", "position", "score", "comment"]).where("proposal_id", "in", proposalIds).execute(),
  ]);
  return reviews.map((r) => {
    const own = scores.filter((s) => Number(s.proposal_id) === Number(r.proposal_id) && Number(s.reviewer_id) === Number(r.reviewer_id));
    return {
      proposalId: Number(r.proposal_id),
      reviewerId: Number(r.reviewer_id),
      reviewerName: r.display_name,
      conflict: r.conflict,
      comment: r.comment,
      scores: Object.fromEntries(own.map((s) => [s.position, s.score])) as Record<number, number>,
      comments: Object.fromEntries(own.map((s) => [s.position, s.comment])) as Record<number, string>,
    };
  });
}

type Review = Awaited<ReturnType<typeof reviewsOf>>[number];

/** What the viewer may know of a proposal's reviews: their own, and the others' once allowed. */
function visibleReviews(reviews: readonly Review[], viewerId: number) {
  const own = reviews.find((r) => r.reviewerId === viewerId) ?? null;
  const maySee = maySeeOthersScores({ conflicted: own?.conflict ?? false, submittedOwn: own !== null && !own.conflict });
  return { own, maySee, others: maySee ? reviews.filter((r) => r.reviewerId !== viewerId && !r.conflict) : [] };
}

export interface BoardRow extends RankedProposal {
  ownReview: "scored" | "conflict" | null;
  state: string;
  contractAmount: number | null;
}

/**
 * The reviewers' board of a call: its submitted proposals, ranked by the scores the viewer may see (those
 * they have scored themselves), then those whose scores are still hidden from them; with the running total
 * of proposed budgets and what has been selected. Only for a reviewer assigned to the call.
 */
export async function reviewBoard(db: Kysely<Database>, viewer: Viewer, callId: number) {
  if (!isRecordId(callId)) return null;
  const call = await db
    .selectFrom("calls")
    .select(["id", "title", "fiscal_year", "total_budget", "projects_sought"])
    .where("id", "=", callId)
    .executeTakeFirst();
  if (!call || !(await isCallReviewer(db, callId, viewer.userId))) return null;
  const [criteria, proposals, reviewers] = await Promise.all([
    criteriaOf(db, callId),
    db
      .selectFrom("proposals")
      .innerJoin("organisations", "organisations.id", "proposals.organisation_id")
      .innerJoin("proposal_versions as v", (join) => join.onRef("v.proposal_id", "=", "proposals.id").onRef("v.version", "=", "proposals.latest_version"))
      .leftJoin("proposal_selections as s", "s.proposal_id", "proposals.id")
      .select(["proposals.id", "proposals.state", "organisations.name", "v.total_amount", "s.contract_amount"])
      .where("proposals.call_id", "=", callId)
      .where("proposals.state", "in", UNDER_SELECTION)
      .orderBy("proposals.id")
      .execute(),
    listCallReviewers(db, callId),
  ]);
  const reviews = await reviewsOf(
    db,
    proposals.map((p) => Number(p.id)),
  );
  const seen = proposals.map((p) => ({
    p,
    ...visibleReviews(
      reviews.filter((r) => r.proposalId === Number(p.id)),
      viewer.userId,
    ),
  }));
  const budget = Number(call.total_budget);
  const ranked = rankProposals(
    criteria,
    seen
      .filter((s) => s.maySee)
      .map((s) => ({
        proposalId: Number(s.p.id),
        organisation: s.p.name,
        budget: Number(s.p.total_amount),
        reviews: [s.own!, ...s.others].map((r) => ({ reviewerId: r.reviewerId, scores: r.scores })),
      })),
    budget,
  );
  const hidden = seen
    .filter((s) => !s.maySee)
    .map((s): RankedProposal => ({
      proposalId: Number(s.p.id),
      organisation: s.p.name,
      budget: Number(s.p.total_amount),
      rank: null,
      mean: null,
      reviewers: 0,
      spread: null,
      largeSpread: false,
      runningTotal: 0,
      withinBudget: true,
    }));
  const byId = new Map(seen.map((s) => [Number(s.p.id), s]));
  const rows: BoardRow[] = [...ranked, ...hidden].map((r) => {
    const s = byId.get(r.proposalId)!;
    return {
      ...r,
      ownReview: s.own ? (s.own.conflict ? "conflict" : "scored") : null,
      state: s.p.state,
      contractAmount: s.p.contract_amount === null ? null : Number(s.p.contract_amount),
    };
  });
  const selectedTotal = rows.reduce((sum, r) => sum + (r.contractAmount ?? 0), 0);
  return {
    call: { id: Number(call.id), title: call.title, fiscalYear: call.fiscal_year, totalBudget: budget, projectsSought: call.projects_sought },
    criteria,
    reviewers,
    rows,
    selectedTotal,
    proposedTotal: rows.reduce((sum, r) => sum + r.budget, 0),
  };
}

/**
 * A submitted proposal as a reviewer assigned to its call sees it for scoring: the call's criteria, the
 * version to score, the viewer's own review, the others' (only once allowed), and the selection.
 */
export async function proposalForReview(db: Kysely<Database>, viewer: Viewer, proposalId: number) {
  if (!isRecordId(proposalId)) return null;
  const proposal = await db
    .selectFrom("proposals")
    .innerJoin("organisations", "organisations.id", "proposals.organisation_id")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("proposal_versions as v", (join) => join.onRef("v.proposal_id", "=", "proposals.id").onRef("v.version", "=", "proposals.latest_version"))
    .select([
      "proposals.id",
      "proposals.call_id",
      "proposals.state",
      "proposals.latest_version",
      "organisations.name as organisation_name",
      "calls.title as call_title",
      "calls.total_budget",
      "v.total_amount",
    ])
    .where("proposals.id", "=", proposalId)
    .where("proposals.state", "in", UNDER_SELECTION)
    .executeTakeFirst();
  if (!proposal || !(await isCallReviewer(db, Number(proposal.call_id), viewer.userId))) return null;
  const [criteria, reviews, selection, alreadySelected] = await Promise.all([
    criteriaOf(db, Number(proposal.call_id)),
    reviewsOf(db, [proposalId]),
    db
      .selectFrom("proposal_selections")
      .select(["selected", "contract_amount", "reason", "decided_at"])
      .where("proposal_id", "=", proposalId)
      .executeTakeFirst(),
    selectedTotalOf(db, Number(proposal.call_id)),
  ]);
  const { own, maySee, others } = visibleReviews(reviews, viewer.userId);
  return {
    proposal: {
      id: Number(proposal.id),
      callId: Number(proposal.call_id),
      state: proposal.state,
      version: proposal.latest_version,
      organisation: proposal.organisation_name,
      callTitle: proposal.call_title,
      totalAmount: Number(proposal.total_amount),
    },
    criteria,
    own,
    maySee,
    others,
    /** How many reviewers without a conflict have scored it (a number only: who and how stays hidden). */
    scoredBy: reviews.filter((r) => !r.conflict).length,
    selection: selection && { ...selection, contract_amount: selection.contract_amount === null ? null : Number(selection.contract_amount) },
    budget: { total: Number(proposal.total_budget), selected: alreadySelected },
  };
}

async function selectedTotalOf(db: Kysely<Database>, callId: number): Promise<number> {
  const row = await db
    .selectFrom("proposal_selections")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>("contract_amount"), eb.val("0")).as("total"))
    .where("call_id", "=", callId)
    .where("selected", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Locks a submitted proposal for a reviewer assigned to its call; null when it is not one they may act on. */
async function lockForReviewer(db: Kysely<Database>, viewer: Viewer, proposalId: number) {
  if (!isRecordId(proposalId)) return null;
  const row = await db
    .selectFrom("proposals")
    .select(["id", "call_id", "state", "latest_version", "organisation_id"])
    .where("id", "=", proposalId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !UNDER_SELECTION.includes(row.state) || !(await isCallReviewer(db, Number(row.call_id), viewer.userId))) {
    return null;
  }
  return row;
}

/**
 * Submits a reviewer's review of a proposal once: a conflict of interest (then they never score it nor see
 * its scores), or a score for every criterion. Frozen once stored; refused after the selection is made.
 */
export async function submitReview(db: Kysely<Database>, viewer: Viewer, ip: string, proposalId: number, input: ReviewInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await lockForReviewer(trx, viewer, proposalId);
    if (!row) return notFound;
    if (row.state !== "submitted") return refused("採択・不採択が決まった提案は採点できません。");
    const done = await trx
      .selectFrom("proposal_reviews")
      .select("conflict")
      .where("proposal_id", "=", proposalId)
      .where("reviewer_id", "=", viewer.userId)
      .executeTakeFirst();
    if (done) return refused(done.conflict ? "この提案には利益相反を申告しています。採点はできません。" : "この提案の採点は提出済みです。");
    const criteria = await criteriaOf(trx, Number(row.call_id));
    if (!input.conflict && input.scores.length !== criteria.length) return invalid({ form: "評価項目が変わりました。画面を読み込み直してください。" });
    await trx
      .insertInto("proposal_reviews")
      .values({
        proposal_id: proposalId,
        reviewer_id: viewer.userId,
        conflict: input.conflict,
        comment: input.conflict ? input.reason : input.comment,
        version: row.latest_version,
      })
      .execute();
    if (!input.conflict) {
      await trx
        .insertInto("proposal_scores")
        .values(input.scores.map((s) => ({ proposal_id: proposalId, reviewer_id: viewer.userId, position: s.position, score: s.score, comment: s.comment })))
        .execute();
    }
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: input.conflict ? "proposal.conflict_declared" : "proposal.reviewed",
      recordType: "proposal",
      recordId: proposalId,
      details: input.conflict ? { version: row.latest_version } : { version: row.latest_version, scores: input.scores.map((s) => s.score) },
    });
    return { status: "done" };
  });
}

/**
 * Selects (採択) a proposal with the contract amount agreed, or not, each with its reason. Under the call's
 * lock, so that two selections at once cannot together exceed its budget. The proposer's accounts are
 * told by mail (the outbox), and the selection is audited.
 */
export async function decideSelection(db: Kysely<Database>, viewer: Viewer, ip: string, proposalId: number, input: SelectionInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await lockForReviewer(trx, viewer, proposalId);
    if (!row) return notFound;
    if (row.state !== "submitted") return refused("この提案の採択・不採択は既に決まっています。");
    const own = await trx
      .selectFrom("proposal_reviews")
      .select("conflict")
      .where("proposal_id", "=", proposalId)
      .where("reviewer_id", "=", viewer.userId)
      .executeTakeFirst();
    if (own?.conflict) return refused("利益相反を申告した提案の採択・不採択は決められません。");
    const call = await trx
      .selectFrom("calls")
      .select(["id", "kind", "title", "fiscal_year", "total_budget"])
      .where("id", "=", row.call_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const version = await trx
      .selectFrom("proposal_versions")
      .select(["total_amount", "snapshot"])
      .where("proposal_id", "=", proposalId)
      .where("version", "=", row.latest_version)
      .executeTakeFirstOrThrow();
    if (input.selected) {
      const problem = selectionProblem(input.contractAmount, Number(version.total_amount), {
        totalBudget: Number(call.total_budget),
        alreadySelected: await selectedTotalOf(trx, Number(call.id)),
      });
      if (problem) return invalid({ contractAmount: problem });
    }
    await trx
      .insertInto("proposal_selections")
      .values({
        proposal_id: proposalId,
        call_id: call.id,
        selected: input.selected,
        contract_amount: input.selected ? input.contractAmount : null,
        reason: input.reason,
        version: row.latest_version,
        decided_by: viewer.userId,
      })
      .execute();
    await trx
      .updateTable("proposals")
      .set({ state: input.selected ? "selected" : "not_selected", updated_at: new Date() })
      .where("id", "=", proposalId)
      .execute();
    if (input.selected && call.kind === "model-platform") {
      const organisation = await trx
        .selectFrom("organisations")
        .select(["name", "location_prefecture_code"])
        .where("id", "=", row.organisation_id)
        .executeTakeFirstOrThrow();
      const { draft } = readProposalSnapshot(version.snapshot);
      await publishSelectedParticipant(trx, {
        fiscalYear: call.fiscal_year,
        name: organisation.name,
        prefectureCode: organisation.location_prefecture_code,
        secondYear: draft.secondYear,
        currentSituation: draft.currentSituation,
        plans: draft.plans,
      });
    }
    const outcome = input.selected ? "採択" : "不採択";
    await notify(trx, await organisationMembers(trx, Number(row.organisation_id)), {
      kind: input.selected ? "proposal.selected" : "proposal.not_selected",
      title: `【${outcome}】${call.title}`,
      body: [
        `${fiscalYearLabel(call.fiscal_year)}「${call.title}」への企画提案は、${outcome}となりました。`,
        ...(input.selected ? [`契約予定額：${input.contractAmount.toLocaleString("ja-JP")}円`] : []),
        `理由：${input.reason}`,
      ].join("\n"),
      link: `/proposals/${proposalId}`,
    });
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: input.selected ? "proposal.selected" : "proposal.not_selected",
      recordType: "proposal",
      recordId: proposalId,
      subjectOrganisationId: Number(row.organisation_id),
      details: { version: row.latest_version, contractAmount: input.selected ? input.contractAmount : null, reason: input.reason },
    });
    return { status: "done" };
  });
}

/**
 * What the 採択通知書 (or 不採択通知書) of a proposal prints, for its proposer's organisation and the
 * reviewers of its call; null before a selection is made or for anyone else.
 */
export async function selectionNoticeFor(db: Kysely<Database>, viewer: Viewer, proposalId: number) {
  if (!isRecordId(proposalId)) return null;
  const row = await db
    .selectFrom("proposal_selections as s")
    .innerJoin("proposals", "proposals.id", "s.proposal_id")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("proposal_versions as v", (join) => join.onRef("v.proposal_id", "=", "s.proposal_id").onRef("v.version", "=", "s.version"))
    .select([
      "proposals.organisation_id",
      "proposals.call_id",
      "calls.title",
      "calls.fiscal_year",
      "s.selected",
      "s.contract_amount",
      "s.reason",
      "s.decided_at",
      "v.snapshot",
    ])
    .where("s.proposal_id", "=", proposalId)
    .executeTakeFirst();
  if (!row) return null;
  const own = can(viewer.role, "view:proposal:own") && Number(row.organisation_id) === viewer.organisationId;
  if (!own && !(can(viewer.role, "review:proposal:any") && (await isCallReviewer(db, Number(row.call_id), viewer.userId)))) return null;
  return {
    call: { title: row.title, fiscalYear: row.fiscal_year },
    contractor: row.snapshot.organisation,
    selected: row.selected,
    contractAmount: row.contract_amount === null ? null : Number(row.contract_amount),
    reason: row.reason,
    decidedAt: new Date(row.decided_at),
  };
}
