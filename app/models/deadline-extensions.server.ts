/**
 * 締切の延長: an administrator gives one organisation a later closing date-time for one programme-year, with a
 * reason (docs/domain.md §2). The organisation sees it where its deadline is shown, and submission honours it.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Outcome } from "~/domain/outcome";
import type { DeadlineExtension } from "~/domain/programme-years";
import { PROGRAMME_OF_KIND, type Programme } from "~/domain/programmes";
import { recordAuditEvent, type Actor } from "./audit.server";

export const EXTENSION_REASON_MAX = 1000;

/** The organisation's extension of the programme-year's deadline, or null. */
export async function deadlineExtensionFor(
  db: Kysely<Database>,
  organisationId: number,
  fiscalYear: number,
  programme: Programme,
): Promise<DeadlineExtension | null> {
  const row = await db
    .selectFrom("deadline_extensions")
    .select(["closes_at", "reason"])
    .where("organisation_id", "=", organisationId)
    .where("fiscal_year", "=", fiscalYear)
    .where("programme", "=", programme)
    .executeTakeFirst();
  return row ? { closesAt: new Date(row.closes_at), reason: row.reason } : null;
}

/** The extensions of a fiscal year, with their organisations' names, for the administrator's page. */
export async function listDeadlineExtensions(db: Kysely<Database>, fiscalYear: number) {
  const rows = await db
    .selectFrom("deadline_extensions")
    .innerJoin("organisations", "organisations.id", "deadline_extensions.organisation_id")
    .select(["deadline_extensions.id", "deadline_extensions.programme", "deadline_extensions.closes_at", "deadline_extensions.reason", "organisations.name"])
    .where("deadline_extensions.fiscal_year", "=", fiscalYear)
    .orderBy("deadline_extensions.closes_at")
    .orderBy("deadline_extensions.id")
    .execute();
  return rows.map((r) => ({ id: r.id, programme: r.programme, organisation: r.name, closesAt: new Date(r.closes_at), reason: r.reason }));
}

/** The organisations that apply to a programme (the ones an extension can be given to), by name. */
export async function listApplicantOrganisations(db: Kysely<Database>) {
  const kinds = Object.keys(PROGRAMME_OF_KIND) as ("prefecture" | "intermediary")[];
  const rows = await db.selectFrom("organisations").select(["id", "name", "kind"]).where("kind", "in", kinds).orderBy("kind").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, programme: PROGRAMME_OF_KIND[r.kind]! }));
}

export interface ExtensionInput {
  organisationId: number;
  fiscalYear: number;
  closesAt: Date;
  reason: string;
}

/**
 * Grants (or replaces) an organisation's extension of its programme's deadline in a fiscal year, audited
 * with the extension before and after. The new closing time must be after the programme's own.
 */
export async function grantDeadlineExtension(db: Kysely<Database>, actor: Actor, input: ExtensionInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const organisation = await trx.selectFrom("organisations").select(["id", "kind"]).where("id", "=", input.organisationId).executeTakeFirst();
    const programme = organisation && PROGRAMME_OF_KIND[organisation.kind];
    if (!organisation || !programme) return { status: "invalid", errors: { organisationId: "交付申請を行う組織（都道府県・中間支援組織）を選んでください。" } };
    const year = await trx
      .selectFrom("programme_parameters")
      .select(["application_closes_at"])
      .where("fiscal_year", "=", input.fiscalYear)
      .where("programme", "=", programme)
      .executeTakeFirst();
    if (!year?.application_closes_at) return { status: "refused", reason: "この年度の受付期間が決まっていないため、締切を延長できません。" };
    if (input.closesAt.getTime() <= new Date(year.application_closes_at).getTime()) {
      return { status: "invalid", errors: { closesAt: "延長後の締切日時は、受付終了日時より後にしてください。" } };
    }
    const before = await trx
      .selectFrom("deadline_extensions")
      .select(["closes_at", "reason"])
      .where("organisation_id", "=", organisation.id)
      .where("fiscal_year", "=", input.fiscalYear)
      .where("programme", "=", programme)
      .forUpdate()
      .executeTakeFirst();
    const values = { closes_at: input.closesAt, reason: input.reason, created_by: actor.userId!, created_at: new Date() };
    await trx
      .insertInto("deadline_extensions")
      .values({ organisation_id: organisation.id, fiscal_year: input.fiscalYear, programme, ...values })
      .onConflict((oc) => oc.constraint("deadline_extensions_one_per_organisation").doUpdateSet(values))
      .execute();
    await recordAuditEvent(trx, actor, {
      action: "deadline_extension.granted",
      recordType: "deadline_extension",
      recordId: `${input.fiscalYear}/${programme}/${organisation.id}`,
      subjectOrganisationId: organisation.id,
      details: {
        before: before ? { closesAt: new Date(before.closes_at).toISOString(), reason: before.reason } : null,
        after: { closesAt: input.closesAt.toISOString(), reason: input.reason },
      },
    });
    return { status: "done" };
  });
}
