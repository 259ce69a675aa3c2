/**
 * The steps after submission, as one transaction each: lock the application, read what the step needs,
 * let the step's own rule (app/domain/steps/) decide, then append the frozen record its document is printed
 * from, move the state and write the audit row. A refusal or a field error changes nothing.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import { stepPermission } from "~/domain/application-lifecycle";
import type { ApplicationState } from "~/domain/application-states";
import { japanToday } from "~/domain/japan-time";
import { ledgerOf, type BudgetRoom, type BudgetStanding } from "~/domain/ledger";
import type { Outcome } from "~/domain/outcome";
import { sideOf } from "~/domain/permissions";
import type { ChangeBase } from "~/domain/plan-change";
import { currentBudget, currentPlan, NOTICE_KINDS, noticeNumber, type ProceedingRecord } from "~/domain/proceedings";
import type { Programme } from "~/domain/programmes";
import { STEPS, type StepAction, type StepInputs } from "~/domain/steps";
import { takeStep, type StepContext } from "~/domain/steps/step";
import { submittedVersionOf } from "~/domain/submitted-version";
import { fiscalYearOf } from "~/domain/wareki";
import { recordAuditEvent } from "./audit.server";
import { applicationStepNotice } from "~/domain/notifications";
import { applicationReviewers, notify, organisationMembers } from "./notifications.server";
import { PARTY_COLUMNS } from "./organisations.server";
import { documentSettingsFor } from "./programme-parameters.server";

type Trx = Transaction<Database>;

export type ProceedingOutcome = Outcome<{ proceedingId: number | null; to: ApplicationState }>;

/** The application, locked for the rest of the transaction, with the applicant as the records will show it. */
async function lockApplication(trx: Trx, id: number) {
  const row = await trx
    .selectFrom("applications")
    .innerJoin("organisations", "organisations.id", "applications.organisation_id")
    .select([
      "applications.organisation_id",
      "applications.programme",
      "applications.fiscal_year",
      "applications.state",
      "applications.latest_version",
      ...PARTY_COLUMNS,
    ])
    .where("applications.id", "=", id)
    .forUpdate(["applications"])
    .executeTakeFirst();
  if (!row) return undefined;
  const { organisation_id, programme, fiscal_year, state, latest_version, ...applicant } = row;
  return { organisation_id, programme, fiscal_year, state, latest_version, applicant };
}

async function latestVersion(db: Kysely<Database>, applicationId: number, version: number) {
  const row = await db
    .selectFrom("application_versions")
    .select(["snapshot", "submitted_at"])
    .where("application_id", "=", applicationId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row && submittedVersionOf(row.snapshot, row.submitted_at);
}

async function listRecords(db: Kysely<Database>, applicationId: number): Promise<ProceedingRecord[]> {
  const rows = await db.selectFrom("application_proceedings").select("record").where("application_id", "=", applicationId).orderBy("id").execute();
  return rows.map((r) => r.record);
}

/**
 * Each application's current commitment against its programme-year's budget (docs/domain.md §5): the amount
 * of its latest decision, approved change or discontinuation, or confirmation; 0 once withdrawn (an older
 * withdrawal, made when it also stood for 中止・廃止 and without a deadline, left the commitment as it was). One row (application_id, amount) per application
 * among those `where` selects (on `applications a`) that has one. The budget check of a decision, the budget
 * panel beside it and the budget overview all read it, so "committed" means one thing.
 */
export function currentCommitments(where: RawBuilder<unknown>) {
  return sql<{ application_id: number; amount: number }>`
    select distinct on (p.application_id) p.application_id, p.amount
    from application_proceedings p join applications a on a.id = p.application_id
    where ${where} and (p.kind in ('decision', 'change_approval', 'discontinuation_approval', 'confirmation', 'cancellation')
      or (p.kind = 'withdrawal' and p.record ? 'deadline'))
    order by p.application_id, p.id desc`;
}

/** The programme-year's commitments, summed apart for this application and for the others. */
async function commitments(db: Kysely<Database>, programme: Programme, fiscalYear: number, applicationId: number) {
  const year = sql`a.programme = ${programme} and a.fiscal_year = ${fiscalYear}`;
  const { rows } = await sql<{ elsewhere: string | number | null; here: string | number | null }>`
    select coalesce(sum(amount) filter (where application_id <> ${applicationId}), 0) as elsewhere,
           coalesce(sum(amount) filter (where application_id = ${applicationId}), 0) as here
    from (${currentCommitments(year)}) current_commitments`.execute(db);
  return { elsewhere: Number(rows[0]?.elsewhere ?? 0), here: Number(rows[0]?.here ?? 0) };
}

/**
 * What is left of the programme-year's budget for this application. The parameters row is locked first, so
 * two reviewers committing money at once are taken one after the other.
 */
export async function budgetRoom(trx: Trx, programme: Programme, fiscalYear: number, applicationId: number): Promise<BudgetRoom> {
  const parameters = await trx
    .selectFrom("programme_parameters")
    .select("programme_budget")
    .where("programme", "=", programme)
    .where("fiscal_year", "=", fiscalYear)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const { elsewhere } = await commitments(trx, programme, fiscalYear, applicationId);
  return { total: parameters.programme_budget, committedElsewhere: elsewhere };
}

/**
 * The programme-year's budget as the reviewer sees it beside one application, read without a lock (the
 * decision reads it again under one): the same figures budgetRoom gives, and this application's own.
 */
export async function budgetStanding(db: Kysely<Database>, programme: Programme, fiscalYear: number, applicationId: number): Promise<BudgetStanding | null> {
  const parameters = await db
    .selectFrom("programme_parameters")
    .select("programme_budget")
    .where("programme", "=", programme)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  if (!parameters) return null;
  const { elsewhere, here } = await commitments(db, programme, fiscalYear, applicationId);
  return { total: parameters.programme_budget, committedElsewhere: elsewhere, committedHere: here };
}

/** The advisory-lock class of notice numbering (any constant the app uses for nothing else). */
const NOTICE_LOCK = 5_101;

/**
 * The next 府孤第N号 of the fiscal year the notice is issued in. A transaction-scoped advisory lock on that
 * year takes concurrent notices one after the other, so two never get one number.
 */
async function nextNoticeSerial(trx: Trx, noticeYear: number): Promise<number> {
  await sql`select pg_advisory_xact_lock(${NOTICE_LOCK}, ${noticeYear})`.execute(trx);
  const row = await trx
    .selectFrom("application_proceedings")
    .select((eb) => eb.fn.max("notice_serial").as("last"))
    .where("notice_fiscal_year", "=", noticeYear)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/**
 * Takes one step on an application, with the input its form was read into (the step's schema). Another
 * organisation's application, or one the viewer takes no part in, is answered as not found.
 */
export async function takeProceedingStep<A extends StepAction>(
  db: Kysely<Database>,
  viewer: Viewer,
  ip: string,
  id: number,
  action: A,
  input: StepInputs[A],
  now = new Date(),
): Promise<ProceedingOutcome> {
  return db.transaction().execute(async (trx): Promise<ProceedingOutcome> => {
    const application = await lockApplication(trx, id);
    if (!application || sideOf(viewer, application.organisation_id) === null) return { status: "not-found" };
    const version = await latestVersion(trx, id, application.latest_version);
    if (!version) return { status: "not-found" };
    const allowed = stepPermission(action, application, viewer);
    if (!allowed.ok) return { status: "refused", reason: allowed.reason };

    const step = STEPS[action];
    const records = await listRecords(trx, id);
    const ctx: StepContext = {
      today: japanToday(now),
      application: { id, programme: application.programme, fiscalYear: application.fiscal_year, state: application.state },
      records,
      ledger: ledgerOf(records),
      version,
      budget: step.reservesBudget ? await budgetRoom(trx, application.programme, application.fiscal_year, id) : null,
    };
    const taken = takeStep(step, ctx, input);
    if (taken.status !== "done") return taken;

    let proceedingId: number | null = null;
    if (taken.record) {
      const noticeYear = NOTICE_KINDS.has(taken.record.kind) ? fiscalYearOf(now) : null;
      const serial = noticeYear === null ? null : await nextNoticeSerial(trx, noticeYear);
      // The document prints the grant year's settings as they stand now, frozen into the record.
      const documents = await documentSettingsFor(trx, application.fiscal_year);
      const { documentNumber: applicantNumber = "", ...body } = taken.record;
      const record: ProceedingRecord = {
        applicationId: id,
        programme: application.programme,
        fiscalYear: application.fiscal_year,
        applicant: application.applicant,
        // A notice takes the year's next number; an applicant's document keeps the number it was given, if any.
        documentNumber: serial === null ? applicantNumber : noticeNumber(serial, documents.documentNumberPrefix),
        documentDate: ctx.today,
        recordedBy: { userId: viewer.userId, name: viewer.displayName },
        documents,
        ...body,
      };
      const inserted = await trx
        .insertInto("application_proceedings")
        .values({
          application_id: id,
          kind: record.kind,
          notice_fiscal_year: noticeYear,
          notice_serial: serial,
          amount: taken.amount ?? 0,
          record: JSON.stringify(record),
          recorded_by: viewer.userId,
          recorded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      proceedingId = inserted.id;
    }
    if (allowed.to !== application.state) {
      await trx.updateTable("applications").set({ state: allowed.to, updated_at: now }).where("id", "=", id).execute();
    }
    await recordAuditEvent(
      trx,
      { userId: viewer.userId, organisationId: viewer.organisationId, ip },
      {
        action: step.audit,
        recordType: "application",
        recordId: id,
        subjectOrganisationId: application.organisation_id,
        details: { from: application.state, to: allowed.to, proceedingId, kind: taken.record?.kind ?? null, amount: taken.amount },
      },
    );
    // The other side is told: the applicant of a reviewer's step, the reviewers of an applicant's.
    await notify(
      trx,
      step.by === "reviewer" ? await organisationMembers(trx, application.organisation_id) : await applicationReviewers(trx, id),
      applicationStepNotice(
        { id, organisationName: application.applicant.name, programme: application.programme, fiscalYear: application.fiscal_year },
        { action, label: step.label, by: step.by },
        taken.amount,
      ),
      now,
    );
    return { status: "done", proceedingId, to: allowed.to };
  });
}

export interface ProceedingRow {
  id: number;
  kind: ProceedingRecord["kind"];
  amount: number;
  recorded_at: Date;
  recorded_by_name: string;
  record: ProceedingRecord;
}

/** An application's records in the order they were made (the caller has checked the viewer may see it). */
export async function listProceedings(db: Kysely<Database>, applicationId: number): Promise<ProceedingRow[]> {
  return db
    .selectFrom("application_proceedings")
    .innerJoin("users", "users.id", "application_proceedings.recorded_by")
    .select([
      "application_proceedings.id",
      "application_proceedings.kind",
      "application_proceedings.amount",
      "application_proceedings.recorded_at",
      "application_proceedings.record",
      "users.display_name as recorded_by_name",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("application_proceedings.id")
    .execute();
}

/**
 * What a step's form shows: the budget in force (change request, report), the amounts applied for, the
 * ledger and the records so far.
 */
export async function proceedingsSummary(db: Kysely<Database>, applicationId: number, latestVersionNumber: number) {
  const version = await latestVersion(db, applicationId, latestVersionNumber);
  if (!version) return null;
  const records = await listRecords(db, applicationId);
  const ledger = ledgerOf(records);
  const [lines, plan] = [currentBudget(records), currentPlan(records, version.plan)];
  const changeBase: ChangeBase = {
    // The calculation's input without the submitted lines, which the page need not carry.
    input: { ...version.input, lines: [] },
    parameters: version.parameters,
    otherIncome: version.calculation.otherIncome,
    lines,
    plan,
    decidedAmount: ledger.decidedAmount,
  };
  return {
    lines,
    plan,
    changeBase,
    otherIncome: version.calculation.otherIncome,
    requestedAmount: version.requestedAmount,
    /** The 20% rule as the submitted version's parameters have it. */
    changeThresholdPercent: version.parameters.changeThresholdPercent,
    ledger,
    records,
  };
}

/** One record of an application, if it belongs to it. */
export async function findProceeding(db: Kysely<Database>, applicationId: number, proceedingId: number) {
  return db
    .selectFrom("application_proceedings")
    .select(["id", "kind", "record"])
    .where("application_id", "=", applicationId)
    .where("id", "=", proceedingId)
    .executeTakeFirst();
}
