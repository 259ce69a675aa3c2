import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { AuditAction } from "~/domain/audit-actions";

/** Who did something, as far as the request knows. */
export interface Actor {
  userId: number | null;
  organisationId: number | null;
  ip: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  recordType?: string;
  recordId?: string | number;
  /** The organisation whose record this is: that organisation can read the event. */
  subjectOrganisationId?: number | null;
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
      subject_organisation_id: entry.subjectOrganisationId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  organisationId?: number;
  /** Japan-time dates, "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit trail as the viewer may read it: everything for reviewers and administrators, the events on
 * its own records for an organisation. Newest first.
 */
export async function listAuditEvents(db: Kysely<Database>, viewer: { organisationId: number; seesAll: boolean }, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_user_id")
    .leftJoin("organisations as subject", "subject.id", "audit_events.subject_organisation_id")
    .select([
      "audit_events.id",
      "audit_events.occurred_at",
      "audit_events.action",
      "audit_events.record_type",
      "audit_events.record_id",
      "audit_events.details",
      "audit_events.ip_address",
      "users.display_name as actor_name",
      "users.email as actor_email",
      "subject.name as subject_name",
    ]);
  if (!viewer.seesAll) query = query.where("audit_events.subject_organisation_id", "=", viewer.organisationId);
  else if (filter.organisationId) query = query.where("audit_events.subject_organisation_id", "=", filter.organisationId);
  if (filter.action) query = query.where("audit_events.action", "like", `${filter.action.replace(/[%_\\]/g, "")}%`);
  if (filter.from) query = query.where("audit_events.occurred_at", ">=", new Date(`${filter.from}T00:00:00+09:00`));
  if (filter.to) query = query.where("audit_events.occurred_at", "<", new Date(new Date(`${filter.to}T00:00:00+09:00`).getTime() + 86_400_000));
  const page = Math.max(1, filter.page ?? 1);
  const rows = await query
    .orderBy("audit_events.id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, page };
}
