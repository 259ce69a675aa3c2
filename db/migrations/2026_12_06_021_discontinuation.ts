import { sql, type Kysely } from "kysely";

/**
 * 中止・廃止 needs approval (docs/domain.md §5): the grantee's request (`discontinuation_request`), and the
 * reviewer's approval or refusal (numbered notices), are records of their own kinds; while a request waits,
 * the application is `discontinuation_requested`, which waits on the reviewer. An approval sets the decided
 * amount, as an approved change does, and the request starts the reviewer's wait.
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
];
const NEW_KINDS = ["discontinuation_request", "discontinuation_approval", "discontinuation_refusal"];

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  await sql`alter table application_proceedings drop constraint application_proceedings_kind_check`.execute(db);
  await sql`alter table application_proceedings add constraint application_proceedings_kind_check check (kind in (${sql.join(kinds.map((k) => sql.lit(k)))}))`.execute(
    db,
  );
}

/** The summary's `waiting_rank` (0 while the reviewer has the next move) and the two indexes that read it. */
async function waitingRank(db: Kysely<any>, waitingStates: string[]) {
  await sql`alter table application_summaries drop column waiting_rank`.execute(db);
  await sql`
    alter table application_summaries add column waiting_rank smallint not null
    generated always as (case when state in (${sql.join(waitingStates.map((s) => sql.lit(s)))}) then 0 else 1 end) stored`.execute(db);
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

/** The summary follows each new record: the kinds that set the decided amount, and those that start the reviewer's wait. */
async function followProceedings(db: Kysely<any>, deciding: string[], applicantRequests: string[]) {
  const list = (kinds: string[]) => sql.join(kinds.map((k) => sql.lit(k)));
  await sql`
    create or replace function application_summaries_follow_proceedings() returns trigger language plpgsql as $$
    begin
      update application_summaries set
        decided_amount = case when new.kind in (${list(deciding)})
          then (new.record ->> 'decidedAmount')::bigint else decided_amount end,
        claimed_amount = claimed_amount + case when new.kind = 'payment_claim'
          then (new.record ->> 'claimAmount')::bigint else 0 end,
        paid_amount = paid_amount + case when new.kind = 'payment' and new.record ->> 'direction' = 'paid'
          then (new.record ->> 'amount')::bigint else 0 end,
        returned_amount = returned_amount + case when new.kind = 'payment' and new.record ->> 'direction' = 'returned'
          then (new.record ->> 'amount')::bigint else 0 end,
        confirmed_amount = case when new.kind = 'confirmation'
          then (new.record ->> 'confirmedAmount')::bigint else confirmed_amount end,
        reported_on = case when new.kind = 'performance_report'
          then (new.record ->> 'documentDate')::date else reported_on end,
        report_due_on = case when new.kind = 'performance_report'
          then (new.record ->> 'dueOn')::date else report_due_on end,
        waiting_since = case when new.kind in (${list(applicantRequests)})
          then new.recorded_at else waiting_since end
      where application_id = new.application_id;
      return null;
    end
    $$`.execute(db);
}

const WAITING_BEFORE = ["submitted", "under_review", "change_requested", "withdrawn", "reported"];

export async function up(db: Kysely<any>): Promise<void> {
  await allowKinds(db, [...KINDS_BEFORE, ...NEW_KINDS]);
  await waitingRank(db, [...WAITING_BEFORE, "discontinuation_requested"]);
  await followProceedings(
    db,
    ["decision", "change_approval", "discontinuation_approval"],
    ["change_request", "withdrawal", "discontinuation_request", "performance_report"],
  );
  await sql`analyze application_summaries`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await followProceedings(db, ["decision", "change_approval"], ["change_request", "withdrawal", "performance_report"]);
  await waitingRank(db, WAITING_BEFORE);
  await sql`delete from application_proceedings where kind in (${sql.join(NEW_KINDS.map((k) => sql.lit(k)))})`.execute(db);
  await allowKinds(db, KINDS_BEFORE);
}
