import type { Kysely } from "kysely";
import { hashPassword } from "../../../app/auth/passwords.server";
import type { SessionSettings } from "../../../app/auth/session.server";
import type { Viewer } from "../../../app/auth/viewer.server";
import type { Role } from "../../../app/domain/roles";
import type { Database } from "../../../db/schema";

export const SESSIONS: SessionSettings = { secret: "test-secret-".padEnd(40, "x"), idleMinutes: 120, absoluteMinutes: 720 };
export const PASSWORD = "correct horse battery staple";

let counter = 0;

/** Everything an applicant's documents print, so its applications can be submitted. */
export const COMPLETE_PROFILE = {
  representative_title: "代表理事",
  representative_name: "試験 花子",
  postal_code: "100-8914",
  address: "東京都千代田区永田町1-6-1",
  contact_person: "事務局 試験 太郎",
  contact_phone: "03-0000-0000",
  contact_email: "office@test.example",
};

/** An account of a fresh organisation of the right kind (or of `organisationId`), with PASSWORD. */
export async function createUser(
  db: Kysely<Database>,
  role: Role,
  { organisationId, password = PASSWORD }: { organisationId?: number; password?: string | null } = {},
): Promise<{ id: number; email: string; organisationId: number; viewer: Viewer }> {
  counter += 1;
  const kind = {
    prefecture_officer: "prefecture",
    intermediary_officer: "intermediary",
    proposer_officer: "municipality",
    reviewer: "cabinet_office",
    administrator: "cabinet_office",
  } as const satisfies Record<Role, string>;
  const orgId =
    organisationId ??
    (
      await db
        .insertInto("organisations")
        .values({
          kind: kind[role],
          name: `テスト組織${counter}-${Math.random().toString(36).slice(2, 8)}`,
          prefecture_code: kind[role] === "prefecture" ? String((counter % 47) + 1).padStart(2, "0") : null,
          ...COMPLETE_PROFILE,
        })
        .onConflict((oc) => oc.column("prefecture_code").doUpdateSet({ updated_at: new Date(), ...COMPLETE_PROFILE }))
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const email = `user${counter}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const { id } = await db
    .insertInto("users")
    .values({
      organisation_id: orgId,
      email,
      display_name: `利用者${counter}`,
      role,
      password_hash: password === null ? null : await hashPassword(password),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const org = await db.selectFrom("organisations").select(["name", "kind"]).where("id", "=", orgId).executeTakeFirstOrThrow();
  return {
    id,
    email,
    organisationId: orgId,
    viewer: {
      userId: id,
      email,
      displayName: `利用者${counter}`,
      role,
      organisationId: orgId,
      organisationName: org.name,
      organisationKind: org.kind,
      sessionId: "test",
      sessionExpiresAt: new Date().toISOString(),
    },
  };
}
