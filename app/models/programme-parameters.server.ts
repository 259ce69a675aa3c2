import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, ProgrammeParametersTable } from "../../db/schema";
import { readDocumentSettings, type DocumentSettings } from "~/domain/document-settings";
import { validateProgrammeParameters } from "~/domain/grant-calculation";
import { type ExpenseCategory, type Programme, type ProgrammeParameters } from "~/domain/programmes";
import { changedCalculationFields, type ApplicationWindow } from "~/domain/programme-years";
import type { Outcome } from "~/domain/outcome";
import { recordAuditEvent, type Actor } from "./audit.server";

function fromRow(row: Selectable<ProgrammeParametersTable>): ProgrammeParameters {
  return {
    fiscalYear: row.fiscal_year,
    programme: row.programme,
    rate: { numerator: row.rate_numerator, denominator: row.rate_denominator },
    baseAmount: row.base_amount,
    ceiling: row.ceiling,
    programmeBudget: row.programme_budget,
    eligibleCategories: row.eligible_categories as ExpenseCategory[],
    assetRestrictionThreshold: row.asset_restriction_threshold,
    outsourcingWarningPercent: row.outsourcing_warning_percent,
    changeThresholdPercent: row.change_threshold_percent,
    reportDueDays: row.report_due_days,
    reportLatestMonthDay: row.report_latest_month_day,
  };
}

const windowOf = (row: Selectable<ProgrammeParametersTable>): ApplicationWindow | null =>
  row.application_opens_at && row.application_closes_at ? { opensAt: new Date(row.application_opens_at), closesAt: new Date(row.application_closes_at) } : null;

/** The row that stores one programme-year's parameters (also used by the seed). */
export function programmeParametersRow(p: ProgrammeParameters): Insertable<ProgrammeParametersTable> {
  return {
    fiscal_year: p.fiscalYear,
    programme: p.programme,
    rate_numerator: p.rate.numerator,
    rate_denominator: p.rate.denominator,
    base_amount: p.baseAmount,
    ceiling: p.ceiling,
    programme_budget: p.programmeBudget,
    eligible_categories: p.eligibleCategories,
    asset_restriction_threshold: p.assetRestrictionThreshold,
    outsourcing_warning_percent: p.outsourcingWarningPercent,
    change_threshold_percent: p.changeThresholdPercent,
    report_due_days: p.reportDueDays,
    report_latest_month_day: p.reportLatestMonthDay,
  };
}

/** The programme parameters stored for one fiscal year, or for every year, as the domain knows them. */
export async function listProgrammeParameters(db: Kysely<Database>, fiscalYear?: number): Promise<ProgrammeParameters[]> {
  let query = db.selectFrom("programme_parameters").selectAll();
  if (fiscalYear !== undefined) query = query.where("fiscal_year", "=", fiscalYear);
  const rows = await query.orderBy("fiscal_year").orderBy("programme", "desc").execute();
  return rows.map(fromRow);
}

/** One programme of one year as the administrator edits it: its parameters and its application window. */
export interface ProgrammeYear {
  parameters: ProgrammeParameters;
  window: ApplicationWindow | null;
  /** A version has been submitted under these parameters: their calculation figures can no longer change. */
  inUse: boolean;
}

/** The programmes of the given fiscal years (Menu 1 first), with their windows. */
export async function listProgrammeYears(db: Kysely<Database>, fiscalYears: readonly number[]): Promise<ProgrammeYear[]> {
  if (fiscalYears.length === 0) return [];
  const rows = await db
    .selectFrom("programme_parameters")
    .selectAll()
    .select((eb) =>
      // A summary exists from an application's first version on (migration 008): the narrow table, not the
      // applications with their drafts, which a home page would otherwise scan for every programme-year.
      eb
        .exists(
          eb
            .selectFrom("application_summaries")
            .whereRef("application_summaries.fiscal_year", "=", "programme_parameters.fiscal_year")
            .whereRef("application_summaries.programme", "=", "programme_parameters.programme")
            .select(eb.lit(1).as("one")),
        )
        .as("in_use"),
    )
    .where("fiscal_year", "in", fiscalYears)
    .orderBy("fiscal_year")
    .orderBy("programme", "desc")
    .execute();
  return rows.map((row) => ({ parameters: fromRow(row), window: windowOf(row), inUse: Boolean(row.in_use) }));
}

/** The fiscal years with programme parameters, newest first. */
export async function listParameterYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("programme_parameters").select("fiscal_year").distinct().orderBy("fiscal_year", "desc").execute();
  return rows.map((r) => r.fiscal_year);
}

/**
 * Adds or replaces one programme's parameters for a fiscal year (creating the year if needed), with its
 * audit row, in one transaction. Parameters that break the rules are refused with the reasons, one a line.
 */
export async function saveProgrammeParameters(db: Kysely<Database>, actor: Actor, parameters: ProgrammeParameters): Promise<Outcome> {
  return saveProgrammeYear(db, actor, parameters);
}

/**
 * Saves a programme-year: its parameters and, when given (null clears it), its application window. Once a
 * version has been submitted under the year's parameters, a change to the figures the grant is computed with
 * (rate, base amount, ceiling, eligible categories, asset threshold) is refused at each changed field
 * (docs/decisions/016-programme-years.md); the budget, the window and the review aids stay editable.
 */
export async function saveProgrammeYear(
  db: Kysely<Database>,
  actor: Actor,
  parameters: ProgrammeParameters,
  window?: ApplicationWindow | null,
): Promise<Outcome> {
  const problems = validateProgrammeParameters(parameters);
  if (problems.length > 0) return { status: "invalid", errors: { form: problems.join("\n") } };
  if (window && window.opensAt.getTime() >= window.closesAt.getTime()) {
    return { status: "invalid", errors: { closesAt: "受付終了日時は受付開始日時より後にしてください。" } };
  }

  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await trx
      .insertInto("fiscal_years")
      .values({ year: parameters.fiscalYear })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
    const before = await trx
      .selectFrom("programme_parameters")
      .selectAll()
      .where("fiscal_year", "=", parameters.fiscalYear)
      .where("programme", "=", parameters.programme)
      .forUpdate()
      .executeTakeFirst();
    if (before) {
      const changed = changedCalculationFields(fromRow(before), parameters);
      if (changed.length > 0 && (await submittedUnder(trx, parameters.fiscalYear, parameters.programme))) {
        return {
          status: "invalid",
          errors: Object.fromEntries(
            changed.map(([field, label]) => [
              field,
              `この年度の申請がすでに提出されているため、${label}は変更できません（提出された申請はその時の値で計算されています）。`,
            ]),
          ),
        };
      }
    }
    const row = {
      ...programmeParametersRow(parameters),
      ...(window === undefined ? {} : { application_opens_at: window?.opensAt ?? null, application_closes_at: window?.closesAt ?? null }),
    };
    await trx
      .insertInto("programme_parameters")
      .values(row)
      .onConflict((oc) => oc.columns(["fiscal_year", "programme"]).doUpdateSet({ ...row, updated_at: new Date() }))
      .execute();
    const windowAudit = (w: ApplicationWindow | null | undefined) => (w ? { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() } : null);
    await recordAuditEvent(trx, actor, {
      action: before ? "programme_parameters.updated" : "programme_parameters.created",
      recordType: "programme_parameters",
      recordId: `${parameters.fiscalYear}/${parameters.programme}`,
      details: {
        before: before ? fromRow(before) : null,
        after: parameters,
        ...(window === undefined ? {} : { windowBefore: windowAudit(before && windowOf(before)), windowAfter: windowAudit(window) }),
      },
    });
    return { status: "done" };
  });
}

async function submittedUnder(db: Kysely<Database>, fiscalYear: number, programme: Programme): Promise<boolean> {
  const row = await db
    .selectFrom("application_versions")
    .innerJoin("applications", "applications.id", "application_versions.application_id")
    .select("applications.id")
    .where("applications.fiscal_year", "=", fiscalYear)
    .where("applications.programme", "=", programme)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * 「この年度をもとに次の年度を始める」: copies a year's parameters of both programmes and its document settings into
 * the next fiscal year, with no application window yet (the administrator sets the new one). Refused when the
 * next year has parameters already, or the year has none to copy.
 */
export async function startNextYear(db: Kysely<Database>, actor: Actor, fromYear: number): Promise<Outcome<{ fiscalYear: number }>> {
  const next = fromYear + 1;
  return db
    .transaction()
    .execute(async (trx): Promise<Outcome<{ fiscalYear: number }>> => {
      const source = await trx.selectFrom("programme_parameters").selectAll().where("fiscal_year", "=", fromYear).execute();
      if (source.length === 0) return { status: "not-found" };
      await trx
        .insertInto("fiscal_years")
        .values({ year: next })
        .onConflict((oc) => oc.column("year").doNothing())
        .execute();
      const inserted = await trx
        .insertInto("programme_parameters")
        .values(source.map((row) => programmeParametersRow({ ...fromRow(row), fiscalYear: next })))
        .onConflict((oc) => oc.columns(["fiscal_year", "programme"]).doNothing())
        .returning("programme")
        .execute();
      if (inserted.length < source.length) {
        // Another administrator (or an earlier press) started it: nothing of this attempt is kept.
        throw new NextYearExists();
      }
      const settings = await trx.selectFrom("fiscal_year_document_settings").select("settings").where("fiscal_year", "=", fromYear).executeTakeFirst();
      if (settings) {
        await trx
          .insertInto("fiscal_year_document_settings")
          .values({ fiscal_year: next, settings: JSON.stringify(readDocumentSettings(settings.settings)), updated_by: actor.userId })
          .onConflict((oc) => oc.column("fiscal_year").doNothing())
          .execute();
      }
      await recordAuditEvent(trx, actor, {
        action: "programme_year.started",
        recordType: "fiscal_year",
        recordId: next,
        details: { from: fromYear, programmes: inserted.map((r) => r.programme), parameters: source.map((row) => fromRow(row)) },
      });
      return { status: "done", fiscalYear: next };
    })
    .catch((error: unknown) => {
      if (error instanceof NextYearExists)
        return { status: "refused", reason: `${next}年度（次の年度）はすでに始まっています。次の年度の画面で変更してください。` } as const;
      throw error;
    });
}

class NextYearExists extends Error {}

/** What the documents of a fiscal year print: its stored settings, or the defaults. */
export async function documentSettingsFor(db: Kysely<Database>, fiscalYear: number): Promise<DocumentSettings> {
  const row = await db.selectFrom("fiscal_year_document_settings").select("settings").where("fiscal_year", "=", fiscalYear).executeTakeFirst();
  return readDocumentSettings(row?.settings);
}

/** Replaces a fiscal year's document settings, with the values before and after in the audit trail. */
export async function saveDocumentSettings(db: Kysely<Database>, actor: Actor, fiscalYear: number, settings: DocumentSettings): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const year = await trx.selectFrom("fiscal_years").select("year").where("year", "=", fiscalYear).executeTakeFirst();
    if (!year) return { status: "not-found" };
    const before = await trx
      .selectFrom("fiscal_year_document_settings")
      .select("settings")
      .where("fiscal_year", "=", fiscalYear)
      .forUpdate()
      .executeTakeFirst();
    const stored = JSON.stringify(settings);
    await trx
      .insertInto("fiscal_year_document_settings")
      .values({ fiscal_year: fiscalYear, settings: stored, updated_by: actor.userId })
      .onConflict((oc) => oc.column("fiscal_year").doUpdateSet({ settings: stored, updated_by: actor.userId, updated_at: new Date() }))
      .execute();
    await recordAuditEvent(trx, actor, {
      action: "document_settings.updated",
      recordType: "fiscal_year",
      recordId: fiscalYear,
      details: { before: readDocumentSettings(before?.settings), after: settings },
    });
    return { status: "done" };
  });
}
