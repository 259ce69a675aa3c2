import { sql, type Kysely } from "kysely";

/**
 * 軽微な変更の届出 (docs/domain.md §5): a change of the budget that needs no approval is a record of its own
 * kind. It moves no money, so the summary and the commitment ignore it.
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
  await allowKinds(db, [...KINDS_BEFORE, "minor_change"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from application_proceedings where kind = 'minor_change'`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
