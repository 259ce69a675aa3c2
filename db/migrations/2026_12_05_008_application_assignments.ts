import { sql, type Kysely } from "kysely";

/**
 * The reviewer's inbox (docs/performance.md):
 *
 * - `application_assignments`: the reviewer in charge of an application (担当者), one at most; releasing
 *   deletes the row, and the audit trail keeps the history.
 * - `application_summaries`: one narrow row per submitted application with everything the inbox filters and
 *   sorts on, so that its page reads neither the applications' drafts, nor the submitted snapshots, nor the
 *   records: state, programme-year, organisation and assignee, the dates of the first and latest versions,
 *   since when it waits on the reviewer, the amount applied for, the warnings the applicant acknowledged,
 *   and the ledger (docs/domain.md §5) summed exactly as `ledgerOf` sums it. Triggers keep it in the same
 *   transaction as each version, record, change of state and assignment, whichever code makes them.
 * - `organisations.location_prefecture_code`: a prefecture's own code, or the prefecture an organisation's
 *   所在地 begins with, so that the inbox filters intermediaries by prefecture too.
 */

// Frozen here (a migration never imports app code): JIS X 0401 codes and names.
const PREFECTURES: [string, string][] = [
  ["01", "北海道"],
  ["02", "青森県"],
  ["03", "岩手県"],
  ["04", "宮城県"],
  ["05", "秋田県"],
  ["06", "山形県"],
  ["07", "福島県"],
  ["08", "茨城県"],
  ["09", "栃木県"],
  ["10", "群馬県"],
  ["11", "埼玉県"],
  ["12", "千葉県"],
  ["13", "東京都"],
  ["14", "神奈川県"],
  ["15", "新潟県"],
  ["16", "富山県"],
  ["17", "石川県"],
  ["18", "福井県"],
  ["19", "山梨県"],
  ["20", "長野県"],
  ["21", "岐阜県"],
  ["22", "静岡県"],
  ["23", "愛知県"],
  ["24", "三重県"],
  ["25", "滋賀県"],
  ["26", "京都府"],
  ["27", "大阪府"],
  ["28", "兵庫県"],
  ["29", "奈良県"],
  ["30", "和歌山県"],
  ["31", "鳥取県"],
  ["32", "島根県"],
  ["33", "岡山県"],
  ["34", "広島県"],
  ["35", "山口県"],
  ["36", "徳島県"],
  ["37", "香川県"],
  ["38", "愛媛県"],
  ["39", "高知県"],
  ["40", "福岡県"],
  ["41", "佐賀県"],
  ["42", "長崎県"],
  ["43", "熊本県"],
  ["44", "大分県"],
  ["45", "宮崎県"],
  ["46", "鹿児島県"],
  ["47", "沖縄県"],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("application_assignments")
    .addColumn("application_id", "bigint", (c) => c.primaryKey().references("applications.id"))
    .addColumn("reviewer_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per submitted application, created with its first version. Copies of what lives elsewhere
  // (state, programme-year, organisation, assignee, latest version) so that the inbox filters, counts and
  // sorts in this one narrow table: an application row carries its whole draft and is many times wider.
  await db.schema
    .createTable("application_summaries")
    .addColumn("application_id", "bigint", (c) => c.primaryKey().references("applications.id"))
    .addColumn("organisation_id", "bigint", (c) => c.notNull().references("organisations.id"))
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("latest_version", "integer", (c) => c.notNull())
    .addColumn("reviewer_id", "bigint", (c) => c.references("users.id"))
    .addColumn("first_submitted_at", "timestamptz")
    .addColumn("latest_submitted_at", "timestamptz")
    // Since when the application waits on the reviewer: its latest version, or the applicant's latest change
    // request, withdrawal or performance report after it.
    .addColumn("waiting_since", "timestamptz")
    .addColumn("requested_amount", "bigint")
    .addColumn("acknowledged_warnings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("decided_amount", "bigint")
    .addColumn("claimed_amount", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("paid_amount", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("returned_amount", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("confirmed_amount", "bigint")
    .addColumn("reported_on", "date")
    .addColumn("report_due_on", "date")
    .execute();
  // "Assigned to me" (the default view) and "nobody": the counts read this index alone.
  await db.schema.createIndex("application_summaries_reviewer_state_idx").on("application_summaries").columns(["reviewer_id", "state"]).execute();
  // A prefecture's or a name's organisations, then their applications.
  await db.schema.createIndex("application_summaries_organisation_idx").on("application_summaries").column("organisation_id").execute();

  await sql`
    create function application_summaries_follow_versions() returns trigger language plpgsql as $$
    begin
      insert into application_summaries as s
        (application_id, organisation_id, programme, fiscal_year, state, latest_version, reviewer_id,
         first_submitted_at, latest_submitted_at, waiting_since, requested_amount, acknowledged_warnings)
      select a.id, a.organisation_id, a.programme, a.fiscal_year, a.state, new.version,
        (select reviewer_id from application_assignments where application_id = a.id),
        new.submitted_at, new.submitted_at, new.submitted_at, new.requested_amount,
        case when jsonb_typeof(new.snapshot -> 'acknowledgedWarnings') = 'array'
          then jsonb_array_length(new.snapshot -> 'acknowledgedWarnings') else 0 end
      from applications a where a.id = new.application_id
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
  await sql`
    create trigger application_summaries_follow_versions
    after insert on application_versions
    for each row execute function application_summaries_follow_versions()`.execute(db);

  await sql`
    create function application_summaries_follow_state() returns trigger language plpgsql as $$
    begin
      update application_summaries set state = new.state where application_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_state
    after update of state on applications
    for each row when (old.state is distinct from new.state) execute function application_summaries_follow_state()`.execute(db);

  await sql`
    create function application_summaries_follow_assignments() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update application_summaries set reviewer_id = null where application_id = old.application_id;
      else
        update application_summaries set reviewer_id = new.reviewer_id where application_id = new.application_id;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_assignments
    after insert or update or delete on application_assignments
    for each row execute function application_summaries_follow_assignments()`.execute(db);

  // The same sums as ledgerOf (app/domain/ledger.ts), read from the record itself; the integration tests
  // compare the two after every kind of step.
  await sql`
    create function application_summaries_follow_proceedings() returns trigger language plpgsql as $$
    begin
      update application_summaries set
        decided_amount = case when new.kind in ('decision', 'change_approval')
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
        waiting_since = case when new.kind in ('change_request', 'withdrawal', 'performance_report')
          then new.recorded_at else waiting_since end
      where application_id = new.application_id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger application_summaries_follow_proceedings
    after insert on application_proceedings
    for each row execute function application_summaries_follow_proceedings()`.execute(db);

  // Existing applications: the same figures, from the versions and records already there.
  await sql`
    insert into application_summaries (application_id, organisation_id, programme, fiscal_year, state, latest_version,
      first_submitted_at, latest_submitted_at, waiting_since, requested_amount, acknowledged_warnings)
    select a.id, a.organisation_id, a.programme, a.fiscal_year, a.state, a.latest_version,
      first.submitted_at, latest.submitted_at, latest.submitted_at, latest.requested_amount,
      case when jsonb_typeof(latest.snapshot -> 'acknowledgedWarnings') = 'array'
        then jsonb_array_length(latest.snapshot -> 'acknowledgedWarnings') else 0 end
    from applications a
    join application_versions latest on latest.application_id = a.id and latest.version = a.latest_version
    left join application_versions first on first.application_id = a.id and first.version = 1`.execute(db);
  await sql`
    update application_summaries s set
      decided_amount = (select (p.record ->> 'decidedAmount')::bigint from application_proceedings p
        where p.application_id = s.application_id and p.kind in ('decision', 'change_approval') order by p.id desc limit 1),
      claimed_amount = coalesce((select sum((p.record ->> 'claimAmount')::bigint) from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'payment_claim'), 0),
      paid_amount = coalesce((select sum((p.record ->> 'amount')::bigint) from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'payment' and p.record ->> 'direction' = 'paid'), 0),
      returned_amount = coalesce((select sum((p.record ->> 'amount')::bigint) from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'payment' and p.record ->> 'direction' = 'returned'), 0),
      confirmed_amount = (select (p.record ->> 'confirmedAmount')::bigint from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'confirmation' order by p.id desc limit 1),
      reported_on = (select (p.record ->> 'documentDate')::date from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'performance_report' order by p.id desc limit 1),
      report_due_on = (select (p.record ->> 'dueOn')::date from application_proceedings p
        where p.application_id = s.application_id and p.kind = 'performance_report' order by p.id desc limit 1),
      waiting_since = greatest(s.waiting_since, (select max(p.recorded_at) from application_proceedings p
        where p.application_id = s.application_id and p.kind in ('change_request', 'withdrawal', 'performance_report')))`.execute(db);

  // An address that does not start with a prefecture's name gives none (and the filter does not find it).
  const fromAddress = sql.join(
    PREFECTURES.map(([code, name]) => sql`when ltrim(address) like ${sql.lit(`${name}%`)} then ${sql.lit(code)}`),
    sql` `,
  );
  await sql`
    alter table organisations add column location_prefecture_code text
    generated always as (case when prefecture_code is not null then prefecture_code ${fromAddress} end) stored`.execute(db);
  await db.schema.createIndex("organisations_location_prefecture_idx").on("organisations").column("location_prefecture_code").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("location_prefecture_code").execute();
  await sql`drop trigger application_summaries_follow_proceedings on application_proceedings`.execute(db);
  await sql`drop function application_summaries_follow_proceedings()`.execute(db);
  await sql`drop trigger application_summaries_follow_assignments on application_assignments`.execute(db);
  await sql`drop function application_summaries_follow_assignments()`.execute(db);
  await sql`drop trigger application_summaries_follow_state on applications`.execute(db);
  await sql`drop function application_summaries_follow_state()`.execute(db);
  await sql`drop trigger application_summaries_follow_versions on application_versions`.execute(db);
  await sql`drop function application_summaries_follow_versions()`.execute(db);
  await db.schema.dropTable("application_summaries").execute();
  await db.schema.dropTable("application_assignments").execute();
}
