import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ExpenseCategory, ProgrammeParameters } from "~/domain/programmes";

/** The programme parameters stored for one fiscal year, as the domain knows them. */
export async function listProgrammeParameters(
  db: Kysely<Database>,
  fiscalYear: number,
): Promise<ProgrammeParameters[]> {
  const rows = await db
    .selectFrom("programme_parameters")
    .selectAll()
    .where("fiscal_year", "=", fiscalYear)
    .orderBy("programme", "desc")
    .execute();
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
