import { sql, type Kysely } from "kysely";

/**
 * Two new kinds of record (docs/domain.md §5): 軽微な変更の届出, a change of the budget that needs no approval,
 * and 延滞金・加算金の受領, a charge received on a return order. Neither moves the grant's money, so the
 * summary and the commitment ignore both.
 */
const NEW_KINDS = ["minor_change", "charge_receipt"];
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
  "settlement_claim",
  "cancellation",
];

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  await sql`alter table application_proceedings drop constraint application_proceedings_kind_check`.execute(db);
  await sql`alter table application_proceedings add constraint application_proceedings_kind_check check (kind in (${sql.join(kinds.map((k) => sql.lit(k)))}))`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await allowKinds(db, [...KINDS_BEFORE, ...NEW_KINDS]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from application_proceedings where kind in (${sql.join(NEW_KINDS.map((k) => sql.lit(k)))})`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
