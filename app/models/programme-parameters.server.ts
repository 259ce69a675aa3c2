import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ExpenseCategory, ProgrammeParameters } from "~/domain/programmes";

/** The programme parameters stored for one fiscal year, or for every year, as the domain knows them. */
export async function listProgrammeParameters(
  db: Kysely<Database>,
  fiscalYear?: number,
): Promise<ProgrammeParameters[]> {
  let query = db.selectFrom("programme_parameters").selectAll();
  if (fiscalYear !== undefined) query = query.where("fiscal_year", "=", fiscalYear);
  const rows = await query.orderBy("fiscal_year").orderBy("programme", "desc").execute();
  return rows.map((row) => ({
    fiscalYear: row.fiscal_year,
    programme: row.programme,
    rate: { numerator: row.rate_numerator, denominator: row.rate_denominator },
    baseAmount: row.base_amount,
    ceiling: row.ceiling,
    programmeBudget: row.programme_budget,
    eligibleCategories: row.eligible_categories as ExpenseCategory[],
    assetRestrictionThreshold: row.asset_restriction_threshold,
    outsourcingWarningPercent: row.outsourcing_warning_percent,
  }));
}
