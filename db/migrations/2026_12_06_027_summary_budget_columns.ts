import { sql, type Kysely } from "kysely";

/**
 * What the budget overview sums, kept on each application's summary as its records and versions are made, so
 * that a programme-year's figures are one pass over its summaries (app/models/budget.server.ts
 * `applicationTotals`, docs/performance.md):
 * - `grant_amount`: the latest submitted version's computed grant;
 * - `committed_amount`: what it holds of its programme-year's budget, the amount of its latest decision,
 *   approved change, approved discontinuation, confirmation or cancellation, or of a withdrawal within the
 *   decision's period (0), as `currentCommitments` reads it from the records;
 * - `kinds`: the kinds of record it has, in the order of their first record.
 * Both tables are append-only, so following their inserts is enough. Each trigger's name sorts after the
 * trigger that makes the summary row, so it runs after it.
 */
const COMMITTING = sql`new.kind in ('decision', 'change_approval', 'discontinuation_approval', 'confirmation', 'cancellation')
  or (new.kind = 'withdrawal' and new.record ? 'deadline')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table application_summaries
      add column grant_amount bigint,
      add column committed_amount bigint not null default 0,
      add column kinds text[] not null default '{}'`.execute(db);

  await sql`
    update application_summaries s set grant_amount = v.grant_amount
    from application_versions v where v.application_id = s.application_id and v.version = s.latest_version`.execute(db);
  await sql`
    update application_summaries s set kinds = k.kinds
    from (select application_id, array_agg(kind order by first_id) as kinds
          from (select application_id, kind::text as kind, min(id) as first_id from application_proceedings group by 1, 2) firsts
          group by application_id) k
    where k.application_id = s.application_id`.execute(db);
  await sql`
    update application_summaries s set committed_amount = c.amount
    from (select distinct on (application_id) application_id, amount from application_proceedings
          where kind in ('decision', 'change_approval', 'discontinuation_approval', 'confirmation', 'cancellation')
            or (kind = 'withdrawal' and record ? 'deadline')
          order by application_id, id desc) c
    where c.application_id = s.application_id`.execute(db);

  await sql`
    create function application_summaries_follow_versions_grant() returns trigger language plpgsql as $$
    begin
      update application_summaries set grant_amount = new.grant_amount where application_id = new.application_id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_versions_grant
    after insert on application_versions
    for each row execute function application_summaries_follow_versions_grant()`.execute(db);

  await sql`
    create function application_summaries_follow_proceedings_budget() returns trigger language plpgsql as $$
    begin
      update application_summaries set
        committed_amount = case when ${COMMITTING} then new.amount else committed_amount end,
        kinds = case when new.kind::text = any(kinds) then kinds else kinds || new.kind::text end
      where application_id = new.application_id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_proceedings_budget
    after insert on application_proceedings
    for each row execute function application_summaries_follow_proceedings_budget()`.execute(db);
  await sql`analyze application_summaries`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger application_summaries_follow_proceedings_budget on application_proceedings`.execute(db);
  await sql`drop function application_summaries_follow_proceedings_budget()`.execute(db);
  await sql`drop trigger application_summaries_follow_versions_grant on application_versions`.execute(db);
  await sql`drop function application_summaries_follow_versions_grant()`.execute(db);
  await sql`alter table application_summaries drop column grant_amount, drop column committed_amount, drop column kinds`.execute(db);
}
