import type { Kysely } from "kysely";
import type { Database, NewOrganisation } from "../schema";

/**
 * Demo organisations for trying the product: two intermediary organisations, the municipalities of
 * the local-platform model projects, and an NPO. Names of organisations that are not public bodies
 * are invented; their 法人番号 are made-up numbers with a valid check digit.
 */
export const DEMO_ORGANISATIONS: NewOrganisation[] = [
  { kind: "intermediary", name: "特定非営利活動法人 つながり創造ネットワーク", corporate_number: "5990100000011" },
  { kind: "intermediary", name: "一般社団法人 みらい共生支援機構", corporate_number: "2990100000022" },
  { kind: "npo", name: "特定非営利活動法人 よりそい居場所の会", corporate_number: "8990100000033" },
  ...["仙台市", "北九州市", "福岡市", "座間市", "飯山市", "生駒市", "鳥取市", "福山市"].map((name) => ({
    kind: "municipality" as const,
    name,
  })),
];

export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("organisations")
    .values(DEMO_ORGANISATIONS)
    .onConflict((oc) => oc.columns(["kind", "name"]).doNothing())
    .execute();
}
