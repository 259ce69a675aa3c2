import { sql, type Kysely } from "kysely";

/**
 * The applications in given states, of any fiscal year, without reading all of them: the budget overview's
 * lists of things to do read the decided applications not yet closed (a few hundred of a call's thousands)
 * by state (app/models/budget.server.ts, docs/performance.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("applications_state_idx").on("applications").column("state").execute();
  await sql`analyze applications`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("applications_state_idx").execute();
}
