import { sql, type Kysely } from "kysely";

/**
 * 状況報告 (Subsidy Act §12, docs/domain.md §5): the reviewer's request for a report on how the work is going
 * (`status_report_request`, a numbered notice) and the grantee's answer (`status_report`) are records of
 * their own kinds.
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
];

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  await sql`alter table application_proceedings drop constraint application_proceedings_kind_check`.execute(db);
  await sql`alter table application_proceedings add constraint application_proceedings_kind_check check (kind in (${sql.join(kinds.map((k) => sql.lit(k)))}))`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await allowKinds(db, [...KINDS_BEFORE, "status_report_request", "status_report"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from application_proceedings where kind in ('status_report_request', 'status_report')`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
