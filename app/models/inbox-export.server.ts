import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { InboxFilter } from "~/forms/inbox-filter";
import { reviewerInbox, type Inbox, type InboxRow } from "./inbox.server";

/** A row of the inbox with what only the downloads and the API show. */
export type InboxExportRow = InboxRow & { corporate_number: string | null };

/**
 * The reviewer's inbox with each row's 法人番号, for the downloads (`allRows`: every row under the filter)
 * and the read API (one page). The inbox's own queries, then one more for the 法人番号 of all the rows,
 * whatever their number.
 */
export async function inboxWithCorporateNumbers(
  db: Kysely<Database>,
  filter: InboxFilter,
  options: Parameters<typeof reviewerInbox>[2],
): Promise<Omit<Inbox, "rows"> & { rows: InboxExportRow[] }> {
  const inbox = await reviewerInbox(db, filter, options);
  const numbers = new Map<number, string | null>();
  if (inbox.rows.length > 0) {
    // The ids as one text parameter: a statement holds at most 65,535 parameters, a call may hold more rows.
    const found = await db
      .selectFrom("applications")
      .innerJoin("organisations", "organisations.id", "applications.organisation_id")
      .select(["applications.id", "organisations.corporate_number"])
      .where(sql<boolean>`applications.id = any(string_to_array(${inbox.rows.map((r) => r.id).join(",")}, ',')::bigint[])`)
      .execute();
    for (const row of found) numbers.set(row.id, row.corporate_number);
  }
  return { ...inbox, rows: inbox.rows.map((row) => ({ ...row, corporate_number: numbers.get(row.id) ?? null })) };
}
