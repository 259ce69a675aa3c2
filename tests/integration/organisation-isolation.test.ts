import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrganisationForViewer, updateOrganisationProfile } from "../../app/models/organisations.server";
import { listAuditEvents } from "../../app/models/audit.server";
import { OrganisationProfileSchema } from "../../app/forms/organisation-profile";
import type { AppDatabase } from "../../db/database";
import { COMPLETE_PROFILE, createUser } from "./support/accounts";
import { createTestDatabase, ENGINES } from "./support/test-database";

const profile = OrganisationProfileSchema.parse({
  representativeTitle: "富山県知事",
  representativeName: "富山 一郎",
  postalCode: "９３０８５０１",
  address: "富山県富山市新総曲輪1番7号",
  contactPerson: "厚生企画課",
  contactPhone: "076-444-3200",
  contactEmail: "kodoku@pref.example.lg.jp",
  corporateNumber: "",
});

describe.each(ENGINES)("%s: organisation isolation", (engine) => {
  let database: AppDatabase;
  let toyama: Awaited<ReturnType<typeof createUser>>;
  let fukuoka: Awaited<ReturnType<typeof createUser>>;
  let reviewer: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    toyama = await createUser(database.db, "prefecture_officer");
    fukuoka = await createUser(database.db, "prefecture_officer");
    reviewer = await createUser(database.db, "reviewer");
  });
  afterAll(() => database.close());

  it("lets a prefecture officer read their own organisation", async () => {
    expect((await findOrganisationForViewer(database.db, toyama.viewer, toyama.organisationId))?.id).toBe(toyama.organisationId);
  });

  it("answers another prefecture's record exactly like one that does not exist", async () => {
    expect(await findOrganisationForViewer(database.db, toyama.viewer, fukuoka.organisationId)).toBeUndefined();
    expect(await findOrganisationForViewer(database.db, toyama.viewer, 987_654)).toBeUndefined();
  });

  it("lets a reviewer read every organisation", async () => {
    expect((await findOrganisationForViewer(database.db, reviewer.viewer, fukuoka.organisationId))?.id).toBe(fukuoka.organisationId);
  });

  it("refuses to save another organisation's profile and changes nothing", async () => {
    expect(await updateOrganisationProfile(database.db, toyama.viewer, "192.0.2.1", fukuoka.organisationId, profile)).toEqual({ status: "not-found" });
    const row = await database.db.selectFrom("organisations").select("address").where("id", "=", fukuoka.organisationId).executeTakeFirstOrThrow();
    expect(row.address).toBe(COMPLETE_PROFILE.address);
  });

  it("saves the own profile with an audit row of what changed, which that organisation can read and another cannot", async () => {
    expect(await updateOrganisationProfile(database.db, toyama.viewer, "192.0.2.1", toyama.organisationId, profile)).toEqual({ status: "done" });

    const own = await listAuditEvents(database.db, { organisationId: toyama.organisationId, seesAll: false }, {});
    expect(own.events.map((e) => e.action)).toEqual(["organisation.profile_updated"]);
    expect(own.events[0]!.details).toMatchObject({ changes: { postalCode: { before: COMPLETE_PROFILE.postal_code, after: "930-8501" } } });
    const others = await listAuditEvents(database.db, { organisationId: fukuoka.organisationId, seesAll: false }, {});
    expect(others.events).toEqual([]);
    const all = await listAuditEvents(database.db, { organisationId: reviewer.organisationId, seesAll: true }, {});
    expect(all.events.map((e) => e.action)).toContain("organisation.profile_updated");
  });
});
