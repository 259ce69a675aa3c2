import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "~/auth/viewer.server";
import type { OrganisationProfile } from "~/forms/organisation-profile";
import { can, seesAllOrganisations } from "~/domain/permissions";
import type { OrganisationKind } from "~/domain/roles";
import { invalid, notFound, type Outcome } from "~/domain/outcome";
import { missingPartyDetails } from "~/domain/party-details";
import type { Payee } from "~/domain/proceedings";
import { recordAuditEvent, type Actor } from "./audit.server";

/** The organisation as documents show the applicant (PartySnapshot), for selects joined to organisations. */
export const PARTY_COLUMNS = [
  "organisations.name",
  "organisations.representative_title",
  "organisations.representative_name",
  "organisations.postal_code",
  "organisations.address",
  "organisations.contact_person",
  "organisations.contact_phone",
  "organisations.contact_email",
] as const;

const PROFILE_COLUMNS = {
  representativeTitle: "representative_title",
  representativeName: "representative_name",
  postalCode: "postal_code",
  address: "address",
  contactPerson: "contact_person",
  contactPhone: "contact_phone",
  contactEmail: "contact_email",
  corporateNumber: "corporate_number",
  bankName: "payee_bank_name",
  branchName: "payee_branch_name",
  accountType: "payee_account_type",
  accountNumber: "payee_account_number",
  accountHolder: "payee_account_holder",
} as const;

/**
 * One organisation as the viewer may see it, or undefined — for another organisation's record exactly as
 * for one that does not exist. The isolation is part of the query.
 */
export async function findOrganisationForViewer(db: Kysely<Database>, viewer: Viewer, id: number) {
  let query = db.selectFrom("organisations").selectAll().where("id", "=", id);
  if (!seesAllOrganisations(viewer.role, "organisation")) query = query.where("id", "=", viewer.organisationId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const profile = Object.fromEntries(Object.entries(PROFILE_COLUMNS).map(([key, column]) => [key, row[column] ?? ""])) as Record<
    keyof typeof PROFILE_COLUMNS,
    string
  >;
  return { id: row.id, kind: row.kind, name: row.name, prefectureCode: row.prefecture_code, profile };
}

/** The account on the organisation's profile (振込先), or null when none is registered. */
export async function payeeOf(db: Kysely<Database>, organisationId: number): Promise<Payee | null> {
  const row = await db
    .selectFrom("organisations")
    .select([
      "payee_bank_name as bankName",
      "payee_branch_name as branchName",
      "payee_account_type as accountType",
      "payee_account_number as accountNumber",
      "payee_account_holder as accountHolder",
    ])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return row && Object.values(row).some((value) => value !== "") ? row : null;
}

/** The labels of what the organisation's documents print and its profile lacks; [] when complete. */
export async function missingDetailsOf(db: Kysely<Database>, organisationId: number): Promise<string[]> {
  const party = await db.selectFrom("organisations").select(PARTY_COLUMNS).where("id", "=", organisationId).executeTakeFirstOrThrow();
  return missingPartyDetails(party);
}

/** Whether the viewer may change this organisation's profile: its own officers, and administrators for any. */
export function mayEditOrganisationProfile(viewer: Viewer, organisationId: number): boolean {
  return (can(viewer.role, "edit:organisation:own") && organisationId === viewer.organisationId) || can(viewer.role, "manage:organisations:any");
}

/**
 * Saves an organisation's profile, by its own officer or an administrator, with an audit row naming what
 * changed. Anyone else's attempt is not found; a corporate number another organisation has is refused at its field.
 */
export async function updateOrganisationProfile(db: Kysely<Database>, viewer: Viewer, ip: string, id: number, profile: OrganisationProfile): Promise<Outcome> {
  if (!mayEditOrganisationProfile(viewer, id)) return notFound;
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const before = await trx.selectFrom("organisations").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) return notFound;
    const corporate = profile.corporateNumber || null;
    if (corporate && (await trx.selectFrom("organisations").select("id").where("corporate_number", "=", corporate).where("id", "!=", id).executeTakeFirst())) {
      return invalid({ corporateNumber: "この法人番号は別の組織に登録されています。番号を確認してください。" });
    }
    const changes: Record<string, { before: string; after: string }> = {};
    const values: Record<string, string | null> = {};
    for (const [key, column] of Object.entries(PROFILE_COLUMNS) as [keyof OrganisationProfile, keyof typeof before][]) {
      const after = profile[key];
      const was = String(before[column] ?? "");
      values[column] = column === "corporate_number" ? corporate : after;
      if (was !== after) changes[key] = { before: was, after };
    }
    if (Object.keys(changes).length === 0) return { status: "done" };
    await trx
      .updateTable("organisations")
      .set({ ...values, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(
      trx,
      { userId: viewer.userId, organisationId: viewer.organisationId, ip },
      { action: "organisation.profile_updated", recordType: "organisation", recordId: id, subjectOrganisationId: id, details: { changes } },
    );
    return { status: "done" };
  });
}

export async function listOrganisations(db: Kysely<Database>, kind?: OrganisationKind) {
  let query = db
    .selectFrom("organisations")
    .leftJoin("users", "users.organisation_id", "organisations.id")
    .select(({ fn }) => [
      "organisations.id",
      "organisations.kind",
      "organisations.name",
      "organisations.prefecture_code",
      "organisations.corporate_number",
      fn.count<number>("users.id").as("accounts"),
    ])
    .groupBy("organisations.id");
  if (kind) query = query.where("organisations.kind", "=", kind);
  return query.orderBy("organisations.kind").orderBy("organisations.prefecture_code").orderBy("organisations.name").execute();
}

/** Registers an organisation; a name its kind already has, or a corporate number already used, is refused at its field. */
export async function createOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  input: { kind: OrganisationKind; name: string; corporateNumber: string | null },
): Promise<Outcome<{ id: number }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ id: number }>> => {
    const clash = await trx
      .selectFrom("organisations")
      .select(["name", "corporate_number"])
      .where((eb) =>
        eb.or([
          eb.and([eb("kind", "=", input.kind), eb("name", "=", input.name)]),
          ...(input.corporateNumber ? [eb("corporate_number", "=", input.corporateNumber)] : []),
        ]),
      )
      .executeTakeFirst();
    if (clash) {
      return invalid(
        clash.name === input.name ? { name: "同じ名前の組織が既に登録されています。" } : { corporateNumber: "この法人番号の組織が既に登録されています。" },
      );
    }
    const { id } = await trx
      .insertInto("organisations")
      .values({ kind: input.kind, name: input.name, corporate_number: input.corporateNumber })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, actor, {
      action: "organisation.created",
      recordType: "organisation",
      recordId: id,
      subjectOrganisationId: id,
      details: { kind: input.kind, name: input.name, corporateNumber: input.corporateNumber },
    });
    return { status: "done", id };
  });
}
