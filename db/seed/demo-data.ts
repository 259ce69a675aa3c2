import type { Kysely } from "kysely";
import { hashPassword } from "../../app/auth/passwords.server";
import type { Role } from "../../app/domain/roles";
import type { Database, NewOrganisation } from "../schema";
import { seedModelProjects } from "./model-projects";
import { CABINET_OFFICE_NAME } from "./reference-data";

/**
 * Demo organisations and accounts for trying the product: two intermediary organisations, the
 * municipalities of the local-platform model projects, an NPO, and one account per role (two
 * prefectures and two intermediary organisations, to see that they cannot see each other's records).
 * Names of organisations that are not public bodies are invented; their 法人番号 are made-up numbers
 * with a valid check digit. Never seeded unless asked for (SEED_DEMO_DATA).
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

/** Shown in the README; only ever seeded as demo data. */
export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role; organisation: string }[] = [
  { email: "admin@demo.example", displayName: "管理 花子", role: "administrator", organisation: CABINET_OFFICE_NAME },
  { email: "reviewer@demo.example", displayName: "審査 一郎", role: "reviewer", organisation: CABINET_OFFICE_NAME },
  { email: "reviewer2@demo.example", displayName: "審査 二葉", role: "reviewer", organisation: CABINET_OFFICE_NAME },
  { email: "toyama@demo.example", displayName: "富山 太郎", role: "prefecture_officer", organisation: "富山県" },
  { email: "fukuoka@demo.example", displayName: "福岡 次郎", role: "prefecture_officer", organisation: "福岡県" },
  {
    email: "tsunagari@demo.example",
    displayName: "中間 さくら",
    role: "intermediary_officer",
    organisation: "特定非営利活動法人 つながり創造ネットワーク",
  },
  {
    email: "mirai@demo.example",
    displayName: "未来 健太",
    role: "intermediary_officer",
    organisation: "一般社団法人 みらい共生支援機構",
  },
  { email: "sendai@demo.example", displayName: "仙台 三郎", role: "proposer_officer", organisation: "仙台市" },
];

const DEMO_PROFILES: Record<string, Partial<Record<string, string>>> = {
  富山県: {
    representative_title: "富山県知事",
    representative_name: "富山 一郎",
    postal_code: "930-8501",
    address: "富山県富山市新総曲輪1番7号",
    contact_person: "厚生部 厚生企画課 富山 太郎",
    contact_phone: "076-000-0000",
    contact_email: "toyama@demo.example",
  },
  "一般社団法人 みらい共生支援機構": {
    representative_title: "代表理事",
    representative_name: "未来 花子",
    postal_code: "100-0005",
    address: "東京都千代田区丸の内1丁目（架空の所在地）",
    contact_person: "事務局 未来 健太",
    contact_phone: "03-0000-0001",
    contact_email: "mirai@demo.example",
  },
};

export const DEMO_CALL = { fiscalYear: 2026, opensOn: "2026-04-01", closesOn: "2027-03-31" };

export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("organisations")
    .values(DEMO_ORGANISATIONS)
    .onConflict((oc) => oc.columns(["kind", "name"]).doNothing())
    .execute();

  const existing = new Set(
    (
      await db
        .selectFrom("users")
        .select("email")
        .where(
          "email",
          "in",
          DEMO_ACCOUNTS.map((a) => a.email),
        )
        .execute()
    ).map((u) => u.email),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  if (missing.length > 0) {
    const organisations = await db.selectFrom("organisations").select(["id", "name"]).execute();
    const idOf = new Map(organisations.map((o) => [o.name, o.id]));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db
      .insertInto("users")
      .values(
        missing.map((a) => ({
          organisation_id: idOf.get(a.organisation)!,
          email: a.email,
          display_name: a.displayName,
          role: a.role,
          password_hash: passwordHash,
          password_changed_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
  }

  // The current year's call is open in the demo, so that applications can be tried out.
  await db
    .updateTable("programme_parameters")
    .set({ application_opens_on: DEMO_CALL.opensOn, application_closes_on: DEMO_CALL.closesOn })
    .where("fiscal_year", "=", DEMO_CALL.fiscalYear)
    .where("application_opens_on", "is", null)
    .execute();

  for (const [name, profile] of Object.entries(DEMO_PROFILES)) {
    await db.updateTable("organisations").set(profile).where("name", "=", name).where("representative_name", "=", "").execute();
  }

  // The model projects' published results (令和5年度's participants, 令和4年度's totals), for /model-projects.
  await seedModelProjects(db);
}
