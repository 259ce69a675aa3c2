import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import {
  availableContractSteps,
  CONTRACT_RECORD_LABELS,
  takeContractStep,
  type ContractRecordBody,
  type ContractState,
  type ContractStep,
  type ContractStepInput,
} from "~/domain/contracts";
import { notFound, refused, type Outcome } from "~/domain/outcome";
import { can } from "~/domain/permissions";
import type { z } from "zod";
import type { AgreementSchema } from "~/domain/contracts";
import { isRecordId } from "~/utils/route-params.server";
import { recordAuditEvent, type Actor } from "./audit.server";
import { callReviewers, notify, organisationMembers } from "./notifications.server";
import { isCallReviewer } from "./selection.server";

const actorOf = (viewer: Viewer, ip: string): Actor => ({ userId: viewer.userId, organisationId: viewer.organisationId, ip });

export const CONTRACTS_PAGE_SIZE = 50;

/** Which side of a contract the viewer is on: its contractor's officer, a reviewer of its call, or neither. */
async function sideOf(db: Kysely<Database>, viewer: Viewer, contract: { organisation_id: number; call_id: number }): Promise<"proposer" | "reviewer" | null> {
  if (can(viewer.role, "edit:proposal:own") && Number(contract.organisation_id) === viewer.organisationId) return "proposer";
  if (can(viewer.role, "review:proposal:any") && (await isCallReviewer(db, Number(contract.call_id), viewer.userId))) return "reviewer";
  return null;
}

/**
 * Agrees the contract of a selected proposal at the amount agreed at its selection, with its period and
 * deliverables: the contract and its first record, audited, in one transaction. Once only.
 */
export async function agreeContract(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  proposalId: number,
  input: z.output<typeof AgreementSchema>,
): Promise<Outcome<{ id: number }>> {
  if (!isRecordId(proposalId)) return notFound;
  return db.transaction().execute(async (trx): Promise<Outcome<{ id: number }>> => {
    const proposal = await trx
      .selectFrom("proposals")
      .innerJoin("proposal_selections as s", "s.proposal_id", "proposals.id")
      .innerJoin("calls", "calls.id", "proposals.call_id")
      .select(["proposals.id", "proposals.call_id", "proposals.organisation_id", "proposals.state", "s.contract_amount", "calls.title"])
      .where("proposals.id", "=", proposalId)
      .forUpdate(["proposals"])
      .executeTakeFirst();
    if (!proposal || !can(viewer.role, "review:proposal:any") || !(await isCallReviewer(trx, Number(proposal.call_id), viewer.userId))) return notFound;
    if (proposal.state !== "selected" || proposal.contract_amount === null) return refused("採択された提案だけが契約できます。");
    if (await trx.selectFrom("contracts").select("id").where("proposal_id", "=", proposalId).executeTakeFirst())
      return refused("この提案の委託契約は締結済みです。");
    const amount = Number(proposal.contract_amount);
    const { id } = await trx
      .insertInto("contracts")
      .values({
        proposal_id: proposalId,
        call_id: proposal.call_id,
        organisation_id: proposal.organisation_id,
        amount,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        deliverables: input.deliverables,
        created_by: viewer.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const body: ContractRecordBody = { kind: "agreed", ...input, amount };
    await trx
      .insertInto("contract_records")
      .values({ contract_id: id, kind: "agreed", body: JSON.stringify(body), amount, recorded_by: viewer.userId })
      .execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: "contract.agreed",
      recordType: "contract",
      recordId: id,
      subjectOrganisationId: Number(proposal.organisation_id),
      details: { proposalId, amount, periodFrom: input.periodFrom, periodTo: input.periodTo },
    });
    await notify(trx, await organisationMembers(trx, Number(proposal.organisation_id)), {
      kind: "contract.agreed",
      title: `【委託契約】${proposal.title}`,
      body: `委託契約（契約額 ${amount.toLocaleString("ja-JP")}円）を締結しました。`,
      link: `/contracts/${id}`,
    });
    return { status: "done", id: Number(id) };
  });
}

/** A contract with its records as the viewer may see it (its contractor, or a reviewer of its call), or null. */
export async function findContractForViewer(db: Kysely<Database>, viewer: Viewer, id: number) {
  if (!isRecordId(id)) return null;
  const row = await db
    .selectFrom("contracts")
    .innerJoin("organisations", "organisations.id", "contracts.organisation_id")
    .innerJoin("calls", "calls.id", "contracts.call_id")
    .select([
      "contracts.id",
      "contracts.proposal_id",
      "contracts.call_id",
      "contracts.organisation_id",
      "contracts.amount",
      "contracts.period_from",
      "contracts.period_to",
      "contracts.deliverables",
      "contracts.state",
      "organisations.name as organisation_name",
      "calls.title as call_title",
      "calls.fiscal_year",
    ])
    .where("contracts.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const side = await sideOf(db, viewer, row);
  if (!side) return null;
  const records = await db
    .selectFrom("contract_records")
    .innerJoin("users", "users.id", "contract_records.recorded_by")
    .select(["contract_records.id", "contract_records.kind", "contract_records.body", "contract_records.recorded_at", "users.display_name"])
    .where("contract_id", "=", id)
    .orderBy("contract_records.id")
    .execute();
  const contract = {
    id: Number(row.id),
    proposalId: Number(row.proposal_id),
    callId: Number(row.call_id),
    organisation: row.organisation_name,
    callTitle: row.call_title,
    fiscalYear: row.fiscal_year,
    amount: Number(row.amount),
    periodFrom: row.period_from,
    periodTo: row.period_to,
    deliverables: row.deliverables,
    state: row.state,
  };
  return {
    side,
    contract,
    records: records.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      label: CONTRACT_RECORD_LABELS[r.kind],
      body: r.body,
      recordedAt: r.recorded_at,
      recordedBy: r.display_name,
    })),
    steps: availableContractSteps({ state: row.state, amount: contract.amount, periodFrom: row.period_from, records: records.map((r) => r.kind) }, side),
  };
}

/** The contract of a proposal, if there is one (its id). */
export async function contractOfProposal(db: Kysely<Database>, proposalId: number): Promise<number | null> {
  const row = await db.selectFrom("contracts").select("id").where("proposal_id", "=", proposalId).executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** A page of contracts: the organisation's own for a contractor, every one for a reviewer. */
export async function listContracts(db: Kysely<Database>, viewer: Viewer, page = 1) {
  let query = db
    .selectFrom("contracts")
    .innerJoin("organisations", "organisations.id", "contracts.organisation_id")
    .innerJoin("calls", "calls.id", "contracts.call_id");
  if (!can(viewer.role, "review:proposal:any")) query = query.where("contracts.organisation_id", "=", viewer.organisationId);
  const [rows, count] = await Promise.all([
    query
      .select(["contracts.id", "contracts.amount", "contracts.state", "contracts.period_to", "organisations.name", "calls.title"])
      .orderBy("contracts.id", "desc")
      .limit(CONTRACTS_PAGE_SIZE)
      .offset((page - 1) * CONTRACTS_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    contracts: rows.map((r) => ({
      id: Number(r.id),
      amount: Number(r.amount),
      state: r.state as ContractState,
      periodTo: r.period_to,
      organisation: r.name,
      callTitle: r.title,
    })),
    total: Number(count.n),
    page,
    pageSize: CONTRACTS_PAGE_SIZE,
  };
}

/** Takes a step of a contract under its row lock: the record appended and frozen, the state moved, audited. */
export async function takeContractStepFor<S extends ContractStep>(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  contractId: number,
  step: S,
  input: ContractStepInput<S>,
): Promise<Outcome> {
  if (!isRecordId(contractId)) return notFound;
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx
      .selectFrom("contracts")
      .innerJoin("calls", "calls.id", "contracts.call_id")
      .select(["contracts.id", "contracts.organisation_id", "contracts.call_id", "contracts.amount", "contracts.state", "contracts.period_from", "calls.title"])
      .where("contracts.id", "=", contractId)
      .forUpdate(["contracts"])
      .executeTakeFirst();
    if (!row) return notFound;
    const side = await sideOf(trx, viewer, row);
    if (!side) return notFound;
    const kinds = (await trx.selectFrom("contract_records").select("kind").where("contract_id", "=", contractId).orderBy("id").execute()).map((r) => r.kind);
    const taken = takeContractStep({ state: row.state, amount: Number(row.amount), periodFrom: row.period_from, records: kinds }, side, step, input);
    if (taken.status !== "done") return taken;
    const amount = taken.record.kind === "payment" ? taken.record.amount : null;
    await trx
      .insertInto("contract_records")
      .values({ contract_id: contractId, kind: taken.record.kind, body: JSON.stringify(taken.record), amount, recorded_by: viewer.userId })
      .execute();
    if (taken.to !== row.state) await trx.updateTable("contracts").set({ state: taken.to, updated_at: new Date() }).where("id", "=", contractId).execute();
    await recordAuditEvent(trx, actorOf(viewer, ip), {
      action: `contract.${step}`,
      recordType: "contract",
      recordId: contractId,
      subjectOrganisationId: Number(row.organisation_id),
      details: { from: row.state, to: taken.to, ...(amount === null ? {} : { amount }) },
    });
    // The other side is told: the contractor of a reviewer's record, the call's reviewers of a report.
    const label = CONTRACT_RECORD_LABELS[taken.record.kind];
    await notify(trx, side === "reviewer" ? await organisationMembers(trx, Number(row.organisation_id)) : await callReviewers(trx, Number(row.call_id)), {
      kind: `contract.${step}`,
      title: `【${label}】${row.title}`,
      body: side === "reviewer" ? `委託契約の${label}を記録しました。` : `受託者が委託契約の${label}を提出しました。`,
      link: `/contracts/${contractId}`,
    });
    return { status: "done" };
  });
}

/** The contractor as its latest submitted proposal printed it (its documents are addressed so). */
export async function contractorOf(db: Kysely<Database>, proposalId: number) {
  const row = await db
    .selectFrom("proposals")
    .innerJoin("proposal_versions as v", (join) => join.onRef("v.proposal_id", "=", "proposals.id").onRef("v.version", "=", "proposals.latest_version"))
    .select("v.snapshot")
    .where("proposals.id", "=", proposalId)
    .executeTakeFirstOrThrow();
  return row.snapshot.organisation;
}
