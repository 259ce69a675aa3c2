import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresPool } from "../../db/database";
import { migrateToLatest } from "../../db/migrator";
import type { Database } from "../../db/schema";
import { recordAuditEvent } from "../../app/models/audit.server";

/** The error code PostgreSQL answers a statement with, or "ok". */
async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return String((error as { code?: string }).code ?? (error as Error).message);
  }
}

/**
 * The installation the README describes for a PostgreSQL server: the schema is owned by a role that runs the
 * migrations, and the app connects as a role that may only read and write rows. Even someone holding the
 * app's connection cannot then bypass the append-only triggers of the audit trail.
 */
describe.runIf(process.env.TEST_DATABASE_URL)("postgres: the app as a role without superuser", () => {
  it("starts on a migrated schema, writes the audit trail, and can neither disable nor bypass its triggers", async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const suffix = randomBytes(4).toString("hex");
    const [owner, appRole, schema] = [`grants_owner_${suffix}`, `grants_app_${suffix}`, `least_${suffix}`];
    const urlAs = (role: string) => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.username = role;
      return url.toString();
    };
    const kyselyAs = (role: string) =>
      new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(urlAs(role), { options: `-c search_path=${schema}`, max: 2 }) }) });
    let ownerDb: Kysely<Database> | undefined;
    let appDb: Kysely<Database> | undefined;
    try {
      await admin.query(`create role ${owner} login nosuperuser nocreaterole nocreatedb`);
      await admin.query(`create role ${appRole} login nosuperuser nocreaterole nocreatedb`);
      await admin.query(`create schema ${schema} authorization ${owner}`);
      await admin.query(`grant usage on schema ${schema} to ${appRole}`);

      ownerDb = kyselyAs(owner);
      await migrateToLatest(ownerDb);
      await sql
        .raw(
          `grant select, insert, update, delete on all tables in schema ${schema} to ${appRole};
           grant usage, select on all sequences in schema ${schema} to ${appRole}`,
        )
        .execute(ownerDb);

      appDb = kyselyAs(appRole);
      expect(await migrateToLatest(appDb)).toEqual([]);
      await recordAuditEvent(appDb, { userId: null, organisationId: null, ip: "192.0.2.1" }, { action: "auth.signed_out" });
      expect(await appDb.selectFrom("audit_events").select("action").execute()).toEqual([{ action: "auth.signed_out" }]);

      expect(await codeOf(() => sql`set session_replication_role = replica`.execute(appDb!))).toBe("42501");
      expect(await codeOf(() => sql`alter table audit_events disable trigger all`.execute(appDb!))).toBe("42501");
      expect(await codeOf(() => appDb!.updateTable("audit_events").set({ action: "auth.signed_in" }).execute())).not.toBe("ok");
      expect(await codeOf(() => appDb!.deleteFrom("audit_events").execute())).not.toBe("ok");
      expect(await codeOf(() => sql`truncate audit_events`.execute(appDb!))).not.toBe("ok");
      expect(await appDb.selectFrom("audit_events").select("action").execute()).toEqual([{ action: "auth.signed_out" }]);
    } finally {
      await appDb?.destroy();
      await ownerDb?.destroy();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`drop owned by ${appRole}`).catch(() => {});
      await admin.query(`drop role if exists ${appRole}`);
      await admin.query(`drop role if exists ${owner}`);
      await admin.end();
    }
  });
});
