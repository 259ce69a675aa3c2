import { sql, type Kysely } from "kysely";

/**
 * Request rate limits (the public simulator API's per-address limit) counted in the database, as sign-in
 * attempts are, so that every server process behind a load balancer counts in the same window
 * (app/models/rate-limits.server.ts, docs/scaling.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("request_counters")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint("request_counters_pkey", ["bucket", "key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("request_counters").execute();
}
