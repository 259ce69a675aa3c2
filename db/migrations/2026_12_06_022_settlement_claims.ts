import { sql, type Kysely } from "kysely";

/**
 * 精算払請求 (docs/domain.md §5): the grantee's claim for what is still to be paid once the amount is
 * confirmed is a record of its own kind. (Each payment names the claim it pays inside its record.)
 */
const KINDS_BEFORE = [
  "decision",
  "rejection",
  "change_request",
  "change_approval",
  "change_refusal",
  "withdrawal",
  "payment_claim",
  "performance_report",
  "confirmation",
  "repayment_order",
  "payment",
  "status_report_request",
  "status_report",
  "discontinuation_request",
  "discontinuation_approval",
  "discontinuation_refusal",
];

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  await sql`alter table application_proceedings drop constraint application_proceedings_kind_check`.execute(db);
  await sql`alter table application_proceedings add constraint application_proceedings_kind_check check (kind in (${sql.join(kinds.map((k) => sql.lit(k)))}))`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await allowKinds(db, [...KINDS_BEFORE, "settlement_claim"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from application_proceedings where kind = 'settlement_claim'`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
