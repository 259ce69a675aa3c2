import type { Kysely } from "kysely";
import { hashPassword } from "../../app/auth/passwords.server";
import { DEFAULT_CRITERIA } from "../../app/domain/calls";
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

/** The demo's open call: the whole of 令和8年度, in Japan time. */
export const DEMO_CALL = { fiscalYear: 2026, opensAt: new Date("2026-04-01T00:00:00+09:00"), closesAt: new Date("2027-03-31T23:59:00+09:00") };

/**
 * The demo's model-project calls: a 地方版プラットフォーム call open for the whole demo year (so that
 * 仙台市 has something to answer) and an NPO call that has not opened yet (still editable by the
 * administrator). Windows are Japan time.
 */
export const DEMO_MODEL_CALLS = [
  {
    kind: "model-platform" as const,
    fiscal_year: 2026,
    title: "令和8年度 地方版孤独・孤立対策官民連携プラットフォーム推進事業（モデル事業）",
    description:
      "地方公共団体が、官・民・NPO等の関係者によるプラットフォームを設置し、その連携・協働の下で孤独・孤立対策に取り組む活動を委託により支援します。\n" +
      "プラットフォームの構築、孤独・孤立に関する普及活動、支援団体間の連携による試行的事業を必須とし、地域の状況把握、担い手の見える化、研修の実施などを地域の実情に応じて行います。",
    eligibility: "市区町村（政令指定都市を含む）。令和4・5年度に取り組んだ団体は、先進性が認められる場合に限り2年目として応募できます。",
    opens_at: "2026-04-01T10:00:00+09:00",
    closes_at: "2027-03-12T17:00:00+09:00",
    ceiling_per_project: 5_000_000,
    total_budget: 45_000_000,
    projects_sought: 9,
  },
  {
    kind: "model-npo" as const,
    fiscal_year: 2026,
    title: "令和8年度 地域における孤独・孤立対策に関するNPO等の取組モデル調査",
    description: "NPO等が行う、日常的なつながりや居場所づくりに関する先駆的な取組をモデルとして委託し、その成果を全国に共有します。",
    eligibility: "特定非営利活動法人、一般社団法人・一般財団法人、社会福祉法人等の非営利団体。",
    opens_at: "2027-01-12T10:00:00+09:00",
    closes_at: "2027-02-12T17:00:00+09:00",
    ceiling_per_project: 3_000_000,
    total_budget: 30_000_000,
    projects_sought: 10,
  },
];

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
    .set({ application_opens_at: DEMO_CALL.opensAt, application_closes_at: DEMO_CALL.closesAt })
    .where("fiscal_year", "=", DEMO_CALL.fiscalYear)
    .where("application_opens_at", "is", null)
    .execute();

  await seedModelCalls(db);

  for (const [name, profile] of Object.entries(DEMO_PROFILES)) {
    await db.updateTable("organisations").set(profile).where("name", "=", name).where("representative_name", "=", "").execute();
  }

  // The model projects' published results (令和5年度's participants, 令和4年度's totals), for /model-projects.
  await seedModelProjects(db);
}

async function seedModelCalls(db: Kysely<Database>) {
  const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@demo.example").executeTakeFirstOrThrow();
  for (const call of DEMO_MODEL_CALLS) {
    if (await db.selectFrom("calls").select("id").where("title", "=", call.title).executeTakeFirst()) continue;
    const { id } = await db
      .insertInto("calls")
      .values({ ...call, created_by: admin.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("call_criteria")
      .values(DEFAULT_CRITERIA.map((c, i) => ({ call_id: id, position: i + 1, name: c.name, weight: c.weight })))
      .execute();
    // Both demo reviewers score the calls' proposals.
    const reviewers = await db.selectFrom("users").select("id").where("email", "in", ["reviewer@demo.example", "reviewer2@demo.example"]).execute();
    if (reviewers.length > 0) {
      await db
        .insertInto("call_reviewers")
        .values(reviewers.map((r) => ({ call_id: id, reviewer_id: r.id, assigned_by: admin.id })))
        .execute();
    }
  }
}
