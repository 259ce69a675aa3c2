import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { callPhase, mayPropose } from "~/domain/calls";
import { decideSave, type DraftSaveOutcome } from "~/domain/draft-revision";
import type { Conflict, FieldErrors, Outcome } from "~/domain/outcome";
import { notFound, refused } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import { checkProposal, emptyProposalDraft, readProposalDraft, type ProposalDraft } from "~/domain/proposal-draft";
import { isProposalEditableState, mayReturn, RETURN_COMMENT_MAX, submissionOf, type ProposalSnapshot } from "~/domain/proposals";
import { formatWarekiDateTime } from "~/domain/wareki";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent } from "./audit.server";
import { findCall } from "./calls.server";
import { PARTY_COLUMNS } from "./organisations.server";

/**
 * Proposals (企画提案) to the calls of the model projects (docs/domain.md §6). Saving a draft decides as an
 * application's does (app/domain/draft-revision.ts); every change of state is audited in its transaction.
 */

const actorOf = (viewer: Viewer, ip: string) => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

export const PROPOSALS_PAGE_SIZE = 20;

/**
 * Opens the organisation's proposal to a call, or finds the one it already has (one per organisation and
 * call). Only an officer of an organisation the call is for, while the call is open.
 */
export async function openProposal(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  callId: number,
  now = new Date(),
): Promise<Outcome<{ id: number; created: boolean }>> {
  const call = await findCall(db, callId, { publishedBy: now });
  if (!call) return notFound;
  if (!can(viewer.role, "edit:proposal:own") || !mayPropose(call.kind, viewer.organisationKind)) {
    return refused("この組織はこの公募に応募できません。");
  }
  const existing = (executor: Kysely<Database>) =>
    executor.selectFrom("proposals").select("id").where("call_id", "=", callId).where("organisation_id", "=", viewer.organisationId).executeTakeFirst();
  const found = await existing(db);
  if (found) return { status: "done", id: found.id, created: false };
  if (callPhase(call, now) !== "open") return refused(`この公募の受付は${formatWarekiDateTime(call.closesAt)}に締め切りました。`);
  return db.transaction().execute(async (trx): Promise<Outcome<{ id: number; created: boolean }>> => {
    const inserted = await trx
      .insertInto("proposals")
      .values({
        call_id: callId,
        organisation_id: viewer.organisationId,
        draft: JSON.stringify(emptyProposalDraft(call.kind)),
        created_by: viewer.userId,
        updated_by: viewer.userId,
        created_at: now,
        updated_at: now,
      })
      // Two colleagues applying at once: the second finds the first one's proposal.
      .onConflict((oc) => oc.constraint("proposals_one_per_call_and_organisation").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { status: "done", id: (await existing(trx))!.id, created: false };
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "proposal.created",
      recordType: "proposal",
      recordId: inserted.id,
      subjectOrganisationId: viewer.organisationId,
      details: { callId },
    });
    return { status: "done", id: inserted.id, created: true };
  });
}

/**
 * The proposal as the viewer may see it, or undefined: a proposer sees its own organisation's, a reviewer
 * those submitted at least once; anything else is answered as missing.
 */
export async function findProposalForViewer(db: Kysely<Database>, viewer: Viewer, id: number) {
  if (!isRecordId(id)) return undefined;
  let query = db
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("organisations", "organisations.id", "proposals.organisation_id")
    .innerJoin("users as editor", "editor.id", "proposals.updated_by")
    .select([
      "proposals.id",
      "proposals.call_id",
      "proposals.organisation_id",
      "proposals.state",
      "proposals.draft",
      "proposals.revision",
      "proposals.latest_version",
      "proposals.updated_at",
      "calls.title as call_title",
      "calls.kind as call_kind",
      "calls.fiscal_year as call_fiscal_year",
      "calls.ceiling_per_project",
      "calls.opens_at",
      "calls.closes_at",
      "organisations.name as organisation_name",
      "editor.display_name as updated_by_name",
    ])
    .where("proposals.id", "=", id);
  if (can(viewer.role, "view:proposal:any")) query = query.where("proposals.latest_version", ">", 0);
  else if (can(viewer.role, "view:proposal:own")) query = query.where("proposals.organisation_id", "=", viewer.organisationId);
  else return undefined;
  const row = await query.executeTakeFirst();
  return (
    row && {
      ...row,
      draft: readProposalDraft(row.draft),
      ceiling_per_project: Number(row.ceiling_per_project),
      opens_at: new Date(row.opens_at),
      closes_at: new Date(row.closes_at),
    }
  );
}

export type ProposalRecord = NonNullable<Awaited<ReturnType<typeof findProposalForViewer>>>;

/** Whether the viewer may change the proposal's form now: an officer of its organisation, while a draft or returned. */
export function isProposalEditable(viewer: Viewer, proposal: Pick<ProposalRecord, "state" | "organisation_id">): boolean {
  return can(viewer.role, "edit:proposal:own") && viewer.organisationId === proposal.organisation_id && isProposalEditableState(proposal.state);
}

/** A page of proposals: the organisation's own (proposer), or every one submitted at least once (reviewer). */
export async function listProposalsForViewer(db: Kysely<Database>, viewer: Viewer, page = 1) {
  let query = db
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("organisations", "organisations.id", "proposals.organisation_id");
  if (can(viewer.role, "view:proposal:any")) query = query.where("proposals.latest_version", ">", 0);
  else query = query.where("proposals.organisation_id", "=", viewer.organisationId);
  const [rows, count] = await Promise.all([
    query
      .leftJoin("proposal_versions as v", (join) => join.onRef("v.proposal_id", "=", "proposals.id").onRef("v.version", "=", "proposals.latest_version"))
      .select([
        "proposals.id",
        "proposals.state",
        "proposals.latest_version",
        "proposals.updated_at",
        "calls.title as call_title",
        "organisations.name as organisation_name",
        "v.total_amount",
        "v.submitted_at",
      ])
      .orderBy("proposals.updated_at", "desc")
      .orderBy("proposals.id", "desc")
      .limit(PROPOSALS_PAGE_SIZE)
      .offset((page - 1) * PROPOSALS_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    proposals: rows.map((r) => ({ ...r, total_amount: r.total_amount === null ? null : Number(r.total_amount) })),
    total: Number(count.n),
    page,
    pageSize: PROPOSALS_PAGE_SIZE,
  };
}

export type ProposalSaveOutcome = DraftSaveOutcome<ProposalDraft>;

/**
 * Saves a proposal's draft if it was based on the latest revision; one based on an older revision is a
 * conflict with the current content and what differs, and the caller keeps its own input.
 */
export async function saveProposalDraft(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  { revision, draft }: { revision: number; draft: ProposalDraft },
  now = new Date(),
): Promise<ProposalSaveOutcome> {
  if (!isRecordId(id) || !can(viewer.role, "edit:proposal:own")) return notFound;
  return db.transaction().execute(async (trx): Promise<ProposalSaveOutcome> => {
    const current = await trx
      .selectFrom("proposals")
      .innerJoin("users", "users.id", "proposals.updated_by")
      .select(["proposals.state", "proposals.revision", "proposals.draft", "proposals.updated_at", "users.display_name"])
      .where("proposals.id", "=", id)
      .where("proposals.organisation_id", "=", viewer.organisationId)
      .forUpdate(["proposals"])
      .executeTakeFirst();
    if (!current) return notFound;
    if (!isProposalEditableState(current.state)) return refused("提出済みの企画提案は編集できません。");
    const stored = readProposalDraft(current.draft);
    const decision = decideSave({ stored, currentRevision: current.revision, sent: draft, sentRevision: revision, countRows: true });
    if (decision.kind === "unchanged") return { status: "done", revision: current.revision, savedAt: current.updated_at.toISOString() };
    if (decision.kind === "conflict") {
      return {
        status: "conflict",
        reason: "別の担当者が先に保存しました。",
        revision: current.revision,
        draft: stored,
        updatedBy: current.display_name,
        updatedAt: current.updated_at.toISOString(),
        changes: decision.changes,
      };
    }
    await trx
      .updateTable("proposals")
      .set({ draft: JSON.stringify(draft), revision: revision + 1, updated_by: viewer.userId, updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "proposal.draft_saved",
      recordType: "proposal",
      recordId: id,
      subjectOrganisationId: viewer.organisationId,
      details: { revision: revision + 1, changedFields: decision.changes.slice(0, 50).map((c) => c.path), changedCount: decision.changes.length },
    });
    return { status: "done", revision: revision + 1, savedAt: now.toISOString() };
  });
}

/** Besides the usual answers, a submission can find errors in the draft, each at its field. */
export type ProposalSubmitOutcome = Outcome<{ version: number }, Conflict | { status: "has-errors"; errors: FieldErrors }>;

/**
 * Submits the proposal as it is stored, while its call is open: errors (a budget over the call's ceiling
 * among them) refuse it. The content is frozen as the next numbered version, in the same transaction as
 * the change of state and its audit row.
 */
export async function submitProposal(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  { revision }: { revision: number },
  now = new Date(),
): Promise<ProposalSubmitOutcome> {
  if (!isRecordId(id) || !can(viewer.role, "edit:proposal:own")) return notFound;
  return db.transaction().execute(async (trx): Promise<ProposalSubmitOutcome> => {
    const proposal = await trx
      .selectFrom("proposals")
      .innerJoin("organisations", "organisations.id", "proposals.organisation_id")
      .select(["proposals.call_id", "proposals.state", "proposals.revision", "proposals.draft", "proposals.latest_version", ...PARTY_COLUMNS])
      .where("proposals.id", "=", id)
      .where("proposals.organisation_id", "=", viewer.organisationId)
      .forUpdate(["proposals"])
      .executeTakeFirst();
    if (!proposal) return notFound;
    const action = submissionOf(proposal.state);
    if (!action) return refused("この企画提案は提出済みです。");
    const call = await findCall(trx, proposal.call_id);
    if (!call) return notFound;
    const phase = callPhase(call, now);
    if (phase !== "open") {
      return refused(
        phase === "closed"
          ? `この公募の受付は${formatWarekiDateTime(call.closesAt)}に締め切りました。提出できません。`
          : `この公募の受付は${formatWarekiDateTime(call.opensAt)}からです。`,
      );
    }
    if (proposal.revision !== revision) {
      return { status: "conflict", reason: "提出の前に、別の担当者が内容を保存しました。最新の内容を確認してから提出してください。" };
    }
    const draft = readProposalDraft(proposal.draft);
    const check = checkProposal(draft, { kind: call.kind, ceiling: call.ceilingPerProject }, { forSubmission: true });
    if (Object.keys(check.errors).length > 0) return { status: "has-errors", errors: check.errors };

    const version = proposal.latest_version + 1;
    const { call_id: _call, state: _state, revision: _revision, draft: _draft, latest_version: _latest, ...organisation } = proposal;
    const snapshot: ProposalSnapshot = {
      version,
      call: {
        id: call.id,
        kind: call.kind,
        fiscalYear: call.fiscalYear,
        title: call.title,
        ceiling: call.ceilingPerProject,
        closesAt: call.closesAt.toISOString(),
      },
      organisation,
      draft,
      total: check.total,
      submittedAt: now.toISOString(),
      submittedBy: { userId: viewer.userId, name: viewer.displayName },
    };
    await trx
      .insertInto("proposal_versions")
      .values({ proposal_id: id, version, snapshot: JSON.stringify(snapshot), total_amount: check.total, submitted_by: viewer.userId, submitted_at: now })
      .execute();
    await trx
      .updateTable("proposals")
      .set({ state: "submitted", latest_version: version, updated_at: now, updated_by: viewer.userId })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: action === "resubmit" ? "proposal.resubmitted" : "proposal.submitted",
      recordType: "proposal",
      recordId: id,
      subjectOrganisationId: viewer.organisationId,
      details: { from: proposal.state, to: "submitted", version, totalAmount: check.total },
    });
    return { status: "done", version };
  });
}

/** Whether any reviewer has scored the proposal or declared a conflict on it. */
export async function reviewsStarted(db: Kysely<Database>, proposalId: number): Promise<boolean> {
  return (await db.selectFrom("proposal_reviews").select("reviewer_id").where("proposal_id", "=", proposalId).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * A reviewer returns a submitted proposal with a comment; the proposer sees it, corrects the draft and
 * resubmits as the next version. The comment is kept with the return in one transaction.
 */
export async function returnProposal(db: Kysely<Database>, viewer: Viewer, ip: string, id: number, comment: string, now = new Date()): Promise<Outcome> {
  if (!isRecordId(id) || !can(viewer.role, "review:proposal:any")) return notFound;
  const body = comment.trim();
  if (!body) return { status: "invalid", errors: { comment: "差戻しの理由を入力してください。" } };
  if ([...body].length > RETURN_COMMENT_MAX) {
    return { status: "invalid", errors: { comment: `差戻しの理由は${RETURN_COMMENT_MAX.toLocaleString("ja-JP")}文字以内で入力してください。` } };
  }
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const proposal = await trx
      .selectFrom("proposals")
      .select(["state", "organisation_id", "latest_version"])
      .where("id", "=", id)
      .where("latest_version", ">", 0)
      .forUpdate()
      .executeTakeFirst();
    if (!proposal) return notFound;
    if (proposal.state !== "submitted") return refused("提出されていない企画提案は差し戻せません。");
    if (!mayReturn(proposal.state, await reviewsStarted(trx, id))) {
      return refused("審査担当者の採点（または利益相反の申告）が始まった企画提案は差し戻せません。");
    }
    await trx
      .insertInto("proposal_comments")
      .values({ proposal_id: id, version: proposal.latest_version, body, created_by: viewer.userId, created_at: now })
      .execute();
    await trx.updateTable("proposals").set({ state: "returned", updated_at: now }).where("id", "=", id).execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "proposal.returned",
      recordType: "proposal",
      recordId: id,
      subjectOrganisationId: proposal.organisation_id,
      details: { from: proposal.state, to: "returned", version: proposal.latest_version },
    });
    return { status: "done" };
  });
}

/** The reviewer's comments returning the latest submitted version, in the order they were written. */
export async function latestProposalComments(db: Kysely<Database>, proposal: { id: number; latest_version: number }) {
  return db
    .selectFrom("proposal_comments")
    .innerJoin("users", "users.id", "proposal_comments.created_by")
    .select(["proposal_comments.body", "proposal_comments.created_at", "users.display_name"])
    .where("proposal_id", "=", proposal.id)
    .where("version", "=", proposal.latest_version)
    .orderBy("proposal_comments.id")
    .execute();
}

export async function listProposalVersions(db: Kysely<Database>, proposalId: number) {
  const rows = await db
    .selectFrom("proposal_versions")
    .innerJoin("users", "users.id", "proposal_versions.submitted_by")
    .select(["proposal_versions.version", "proposal_versions.submitted_at", "proposal_versions.total_amount", "users.display_name as submitted_by_name"])
    .where("proposal_id", "=", proposalId)
    .orderBy("version")
    .execute();
  return rows.map((r) => ({ ...r, total_amount: Number(r.total_amount) }));
}

export async function getProposalVersion(db: Kysely<Database>, proposalId: number, version: number) {
  if (!isRecordId(version)) return undefined;
  const row = await db
    .selectFrom("proposal_versions")
    .select(["version", "snapshot", "submitted_at", "total_amount"])
    .where("proposal_id", "=", proposalId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row && { ...row, total_amount: Number(row.total_amount) };
}

/** The organisation's proposal to a call, if it has one. */
export async function ownProposalTo(db: Kysely<Database>, viewer: Viewer, callId: number) {
  return db
    .selectFrom("proposals")
    .select(["id", "state"])
    .where("call_id", "=", callId)
    .where("organisation_id", "=", viewer.organisationId)
    .executeTakeFirst();
}
