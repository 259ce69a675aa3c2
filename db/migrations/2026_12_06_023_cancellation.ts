import { sql, type Kysely } from "kysely";

/**
 * 交付決定の取消 (Subsidy Act §17, docs/domain.md §5): a numbered notice of its own kind, after which the
 * application is `cancelled` and waits on the reviewer (a return order, then closing). A cancellation fixes
 * the grant as a confirmation does: the summary's confirmed amount follows it.
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
];
const WAITING_BEFORE = ["submitted", "under_review", "change_requested", "discontinuation_requested", "withdrawn", "reported"];

const list = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  await sql`alter table application_proceedings drop constraint application_proceedings_kind_check`.execute(db);
  await sql`alter table application_proceedings add constraint application_proceedings_kind_check check (kind in (${list(kinds)}))`.execute(db);
}

async function waitingRank(db: Kysely<any>, waitingStates: string[]) {
  await sql`alter table application_summaries drop column waiting_rank`.execute(db);
  await sql`
    alter table application_summaries add column waiting_rank smallint not null
    generated always as (case when state in (${list(waitingStates)}) then 0 else 1 end) stored`.execute(db);
  await db.schema
    .createIndex("application_summaries_reviewer_waiting_idx")
    .on("application_summaries")
    .columns(["reviewer_id", "waiting_rank", "waiting_since", "application_id"])
    .execute();
  await db.schema
    .createIndex("application_summaries_waiting_idx")
    .on("application_summaries")
    .columns(["waiting_rank", "waiting_since", "application_id"])
    .execute();
}

/** The summary follows each new record; `cancellationFixes`: a cancellation sets the confirmed amount. */
async function followProceedings(db: Kysely<any>, { cancellationFixes }: { cancellationFixes: boolean }) {
  const confirmed = cancellationFixes
    ? sql`case when new.kind = 'confirmation' then (new.record ->> 'confirmedAmount')::bigint
          when new.kind = 'cancellation' then (new.record ->> 'remainingAmount')::bigint else confirmed_amount end`
    : sql`case when new.kind = 'confirmation' then (new.record ->> 'confirmedAmount')::bigint else confirmed_amount end`;
  await sql`
    create or replace function application_summaries_follow_proceedings() returns trigger language plpgsql as $$
    begin
      update application_summaries set
        decided_amount = case when new.kind in ('decision', 'change_approval', 'discontinuation_approval')
          then (new.record ->> 'decidedAmount')::bigint else decided_amount end,
        claimed_amount = claimed_amount + case when new.kind = 'payment_claim'
          then (new.record ->> 'claimAmount')::bigint else 0 end,
        paid_amount = paid_amount + case when new.kind = 'payment' and new.record ->> 'direction' = 'paid'
          then (new.record ->> 'amount')::bigint else 0 end,
        returned_amount = returned_amount + case when new.kind = 'payment' and new.record ->> 'direction' = 'returned'
          then (new.record ->> 'amount')::bigint else 0 end,
        confirmed_amount = ${confirmed},
        reported_on = case when new.kind = 'performance_report'
          then (new.record ->> 'documentDate')::date else reported_on end,
        report_due_on = case when new.kind = 'performance_report'
          then (new.record ->> 'dueOn')::date else report_due_on end,
        waiting_since = case when new.kind in ('change_request', 'withdrawal', 'discontinuation_request', 'performance_report')
          then new.recorded_at else waiting_since end
      where application_id = new.application_id;
      return null;
    end
    $$`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await allowKinds(db, [...KINDS_BEFORE, "cancellation"]);
  await waitingRank(db, [...WAITING_BEFORE, "cancelled"]);
  await followProceedings(db, { cancellationFixes: true });
  await sql`analyze application_summaries`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await followProceedings(db, { cancellationFixes: false });
  await waitingRank(db, WAITING_BEFORE);
  await sql`delete from application_proceedings where kind = 'cancellation'`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
