import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** Who did something, as far as the request knows. */
export interface Actor {
  userId: number | null;
  organisationId: number | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  recordType?: string;
  recordId?: string | number;
  /** What changed, for people reading the trail: small and free of secrets. */
  details?: Record<string, unknown>;
}

/** Appends one row to the audit trail. Call it with the transaction that makes the change. */
export async function recordAuditEvent(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      actor_user_id: actor.userId,
      actor_organisation_id: actor.organisationId,
      ip_address: actor.ip,
      action: entry.action,
      record_type: entry.recordType ?? null,
      record_id: entry.recordId === undefined ? null : String(entry.recordId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
