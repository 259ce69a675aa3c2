import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, ProgrammeParametersTable } from "../../db/schema";
import { validateProgrammeParameters } from "~/domain/grant-calculation";
import type { ExpenseCategory, ProgrammeParameters } from "~/domain/programmes";
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
  };
}

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
  };
}

/** The programme parameters stored for one fiscal year, or for every year, as the domain knows them. */
export async function listProgrammeParameters(db: Kysely<Database>, fiscalYear?: number): Promise<ProgrammeParameters[]> {
  let query = db.selectFrom("programme_parameters").selectAll();
  if (fiscalYear !== undefined) query = query.where("fiscal_year", "=", fiscalYear);
  const rows = await query.orderBy("fiscal_year").orderBy("programme", "desc").execute();
  return rows.map(fromRow);
}

/**
 * Adds or replaces one programme's parameters for a fiscal year (creating the year if needed), with its
 * audit row, in one transaction. Parameters that break the rules are refused with the reasons, one a line.
 */
export async function saveProgrammeParameters(db: Kysely<Database>, actor: Actor, parameters: ProgrammeParameters): Promise<Outcome> {
  const problems = validateProgrammeParameters(parameters);
  if (problems.length > 0) return { status: "invalid", errors: { form: problems.join("\n") } };

  await db.transaction().execute(async (trx) => {
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
    const row = programmeParametersRow(parameters);
    await trx
      .insertInto("programme_parameters")
      .values(row)
      .onConflict((oc) => oc.columns(["fiscal_year", "programme"]).doUpdateSet({ ...row, updated_at: new Date() }))
      .execute();
    await recordAuditEvent(trx, actor, {
      action: before ? "programme_parameters.updated" : "programme_parameters.created",
      recordType: "programme_parameters",
      recordId: `${parameters.fiscalYear}/${parameters.programme}`,
      details: { before: before ? fromRow(before) : null, after: parameters },
    });
  });
  return { status: "done" };
}
