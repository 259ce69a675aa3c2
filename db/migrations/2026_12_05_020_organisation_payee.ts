import { sql, type Kysely } from "kysely";

/**
 * The account the grant is paid into (振込先), kept on the organisation's profile so that a payment claim
 * offers it instead of asking for it each time (docs/domain.md §1). Blank until the organisation fills it in;
 * each claim still keeps the account it named.
 */
const COLUMNS = ["payee_bank_name", "payee_branch_name", "payee_account_type", "payee_account_number", "payee_account_holder"];

export async function up(db: Kysely<any>): Promise<void> {
  const added = sql.join(COLUMNS.map((column) => sql`add column ${sql.ref(column)} text not null default ''`));
  await sql`alter table organisations ${added}`.execute(db);
  await sql`alter table organisations add constraint organisations_payee_account_type check (payee_account_type in ('', '普通', '当座'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table organisations drop constraint organisations_payee_account_type`.execute(db);
  await sql`alter table organisations ${sql.join(COLUMNS.map((column) => sql`drop column ${sql.ref(column)}`))}`.execute(db);
}
