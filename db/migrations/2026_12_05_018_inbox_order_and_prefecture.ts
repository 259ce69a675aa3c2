import { sql, type Kysely } from "kysely";

/**
 * The inbox's usual pages read an index alone (docs/performance.md):
 *
 * - `application_summaries.prefecture_code`: the organisation's `location_prefecture_code`, copied, so that a
 *   prefecture's applications are counted and paged without joining the organisations. It follows a
 *   change of the organisation's prefecture or address.
 * - `application_summaries.waiting_rank`: 0 while the application waits on the reviewer, 1 otherwise, the
 *   first key of the inbox's default order ("waiting longest first"). The states are frozen here as they
 *   are in `WAITING_ON_REVIEWER` (app/models/inbox.server.ts); a test holds the two together.
 * - Indexes for a prefecture's applications by state, and for a reviewer's own applications and the whole
 *   list in the default order, so that the first page stops after its 50 rows; and for the reviewers among
 *   the users.
 */

/**
 * Migration 008's trigger function that adds or updates an application's summary with each version; with
 * the prefecture, it also copies the organisation's `location_prefecture_code` (this migration), without it
 * it is 008's own again (undoing this one).
 */
async function followVersions(db: Kysely<any>, { withPrefecture }: { withPrefecture: boolean }) {
  const column = withPrefecture ? sql`prefecture_code,` : sql``;
  const value = withPrefecture ? sql`o.location_prefecture_code,` : sql``;
  const organisation = withPrefecture ? sql`join organisations o on o.id = a.organisation_id` : sql``;
  await sql`
    create or replace function application_summaries_follow_versions() returns trigger language plpgsql as $$
    begin
      insert into application_summaries as s
        (application_id, organisation_id, ${column} programme, fiscal_year, state, latest_version, reviewer_id,
         first_submitted_at, latest_submitted_at, waiting_since, requested_amount, acknowledged_warnings)
      select a.id, a.organisation_id, ${value} a.programme, a.fiscal_year, a.state, new.version,
        (select reviewer_id from application_assignments where application_id = a.id),
        new.submitted_at, new.submitted_at, new.submitted_at, new.requested_amount,
        case when jsonb_typeof(new.snapshot -> 'acknowledgedWarnings') = 'array'
          then jsonb_array_length(new.snapshot -> 'acknowledgedWarnings') else 0 end
      from applications a ${organisation}
      where a.id = new.application_id
      on conflict (application_id) do update set
        state = excluded.state,
        latest_version = excluded.latest_version,
        first_submitted_at = case when new.version = 1 then excluded.first_submitted_at
          else coalesce(s.first_submitted_at, excluded.first_submitted_at) end,
        latest_submitted_at = excluded.latest_submitted_at,
        waiting_since = excluded.waiting_since,
        requested_amount = excluded.requested_amount,
        acknowledged_warnings = excluded.acknowledged_warnings;
      return null;
    end
    $$`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table application_summaries add column prefecture_code text`.execute(db);
  await sql`
    update application_summaries s set prefecture_code = o.location_prefecture_code
    from organisations o where o.id = s.organisation_id`.execute(db);
  await sql`
    alter table application_summaries add column waiting_rank smallint not null
    generated always as (case when state in ('submitted', 'under_review', 'change_requested', 'withdrawn', 'reported') then 0 else 1 end) stored`.execute(db);

  await followVersions(db, { withPrefecture: true });

  await sql`
    create function application_summaries_follow_organisations() returns trigger language plpgsql as $$
    begin
      update application_summaries set prefecture_code = new.location_prefecture_code where organisation_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_organisations
    after update on organisations
    for each row when (old.location_prefecture_code is distinct from new.location_prefecture_code)
    execute function application_summaries_follow_organisations()`.execute(db);

  // A prefecture's counts per state read this index alone; its pages by state start from it.
  await db.schema.createIndex("application_summaries_prefecture_state_idx").on("application_summaries").columns(["prefecture_code", "state"]).execute();
  // "Assigned to me", "nobody" and "all" in the default order: the first page is the index's first rows.
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
  // The reviewers, among thousands of applicants' accounts (the inbox's 担当 filter).
  await db.schema.createIndex("users_role_idx").on("users").column("role").execute();
  await sql`analyze application_summaries`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_role_idx").execute();
  await db.schema.dropIndex("application_summaries_waiting_idx").execute();
  await db.schema.dropIndex("application_summaries_reviewer_waiting_idx").execute();
  await db.schema.dropIndex("application_summaries_prefecture_state_idx").execute();
  await sql`drop trigger application_summaries_follow_organisations on organisations`.execute(db);
  await sql`drop function application_summaries_follow_organisations()`.execute(db);
  await followVersions(db, { withPrefecture: false });
  await sql`alter table application_summaries drop column waiting_rank`.execute(db);
  await sql`alter table application_summaries drop column prefecture_code`.execute(db);
}
