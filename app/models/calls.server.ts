import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isCallEditable, type CallKind } from "~/domain/calls";
import { invalid, notFound, refused, type Outcome } from "~/domain/outcome";
import type { CallInput } from "~/forms/call";
import { recordAuditEvent, type Actor } from "./audit.server";

/** A call as the pages read it: its window as instants, its amounts in integer yen, its criteria in order. */
export interface Call {
  id: number;
  kind: CallKind;
  fiscalYear: number;
  title: string;
  description: string;
  eligibility: string;
  opensAt: Date;
  closesAt: Date;
  ceilingPerProject: number;
  totalBudget: number;
  projectsSought: number;
  criteria: { name: string; weight: number }[];
}

export const CALLS_PAGE_SIZE = 20;

const CALL_COLUMNS = [
  "id",
  "kind",
  "fiscal_year",
  "title",
  "description",
  "eligibility",
  "opens_at",
  "closes_at",
  "ceiling_per_project",
  "total_budget",
  "projects_sought",
] as const;

type CallRow = Pick<Database["calls"], (typeof CALL_COLUMNS)[number]> & { opens_at: Date; closes_at: Date; id: number };

function callOf(row: CallRow, criteria: Call["criteria"]): Call {
  return {
    id: Number(row.id),
    kind: row.kind,
    fiscalYear: row.fiscal_year,
    title: row.title,
    description: row.description,
    eligibility: row.eligibility,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    ceilingPerProject: Number(row.ceiling_per_project),
    totalBudget: Number(row.total_budget),
    projectsSought: row.projects_sought,
    criteria,
  };
}

/** One call with its criteria; `null` when there is none, or when `publishedBy` is given and it has not opened by then. */
export async function findCall(db: Kysely<Database>, id: number, { publishedBy }: { publishedBy?: Date } = {}): Promise<Call | null> {
  let query = db.selectFrom("calls").select(CALL_COLUMNS).where("id", "=", id);
  if (publishedBy) query = query.where("opens_at", "<=", publishedBy);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const criteria = await db.selectFrom("call_criteria").select(["name", "weight"]).where("call_id", "=", id).orderBy("position").execute();
  return callOf(row as CallRow, criteria);
}

/**
 * A page of calls, the latest window first, without their criteria (a list shows none): every call for
 * the administrator, or only those published by `publishedBy` (opened: open now or closed). `openOnly`
 * keeps those whose window holds `publishedBy`; `kinds` keeps some kinds.
 */
export async function listCalls(
  db: Kysely<Database>,
  { page = 1, publishedBy, openOnly = false, kinds }: { page?: number; publishedBy?: Date; openOnly?: boolean; kinds?: readonly CallKind[] } = {},
): Promise<{ calls: Omit<Call, "criteria" | "description">[]; total: number; page: number; pageSize: number }> {
  let query = db.selectFrom("calls");
  if (publishedBy) query = query.where("opens_at", "<=", publishedBy);
  if (publishedBy && openOnly) query = query.where("closes_at", ">", publishedBy);
  if (kinds) query = kinds.length === 0 ? query.where((eb) => eb.val(false)) : query.where("kind", "in", kinds);
  const [rows, count] = await Promise.all([
    query
      .select(CALL_COLUMNS)
      .orderBy("closes_at", "desc")
      .orderBy("id", "desc")
      .limit(CALLS_PAGE_SIZE)
      .offset((page - 1) * CALLS_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    calls: rows.map((row) => {
      const { criteria: _criteria, description: _description, ...call } = callOf(row as CallRow, []);
      return call;
    }),
    total: Number(count.n),
    page,
    pageSize: CALLS_PAGE_SIZE,
  };
}

const columnsOf = (input: CallInput) => ({
  kind: input.kind,
  fiscal_year: input.fiscalYear,
  title: input.title,
  description: input.description,
  eligibility: input.eligibility,
  opens_at: input.opensAt,
  closes_at: input.closesAt,
  ceiling_per_project: input.ceilingPerProject,
  total_budget: input.totalBudget,
  projects_sought: input.projectsSought,
});

/** What is audited of a call: everything it publishes, dates as ISO instants. */
const auditedOf = (input: Omit<CallInput, "kind"> & { kind: CallKind }) => ({
  ...input,
  opensAt: input.opensAt.toISOString(),
  closesAt: input.closesAt.toISOString(),
});

async function ensureFiscalYear(db: Kysely<Database>, fiscalYear: number): Promise<boolean> {
  return (await db.selectFrom("fiscal_years").select("year").where("year", "=", fiscalYear).executeTakeFirst()) !== undefined;
}

/** Opens a call (it is published when its window opens), with its criteria, audited. */
export async function createCall(db: Kysely<Database>, actor: Actor & { userId: number }, input: CallInput): Promise<Outcome<{ id: number }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ id: number }>> => {
    if (!(await ensureFiscalYear(trx, input.fiscalYear))) return invalid({ fiscalYear: "この年度は登録されていません。" });
    const { id } = await trx
      .insertInto("calls")
      .values({ ...columnsOf(input), created_by: actor.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertCriteria(trx, Number(id), input.criteria);
    await recordAuditEvent(trx, actor, { action: "call.created", recordType: "call", recordId: id, details: auditedOf(input) });
    return { status: "done", id: Number(id) };
  });
}

/**
 * Changes a call that has not opened yet (checked under the row's lock, so a call that opens meanwhile is
 * not changed); the trail keeps what it was and what it became.
 */
export async function updateCall(db: Kysely<Database>, actor: Actor, id: number, input: CallInput, now = new Date()): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx.selectFrom("calls").select(CALL_COLUMNS).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) return notFound;
    const before = callOf(
      row as CallRow,
      await trx.selectFrom("call_criteria").select(["name", "weight"]).where("call_id", "=", id).orderBy("position").execute(),
    );
    if (!isCallEditable(before, now)) return refused("この公募は既に始まっているため、変更できません。");
    if (!(await ensureFiscalYear(trx, input.fiscalYear))) return invalid({ fiscalYear: "この年度は登録されていません。" });
    await trx
      .updateTable("calls")
      .set({ ...columnsOf(input), updated_at: now })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("call_criteria").where("call_id", "=", id).execute();
    await insertCriteria(trx, id, input.criteria);
    const { id: _id, ...was } = before;
    await recordAuditEvent(trx, actor, {
      action: "call.updated",
      recordType: "call",
      recordId: id,
      details: { before: auditedOf(was), after: auditedOf(input) },
    });
    return { status: "done" };
  });
}

async function insertCriteria(db: Kysely<Database>, callId: number, criteria: CallInput["criteria"]) {
  await db
    .insertInto("call_criteria")
    .values(criteria.map((c, i) => ({ call_id: callId, position: i + 1, name: c.name, weight: c.weight })))
    .execute();
}
