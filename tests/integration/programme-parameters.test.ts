import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PROGRAMME_PARAMETERS, type ProgrammeParameters } from "../../app/domain/programmes";
import { listProgrammeParameters, saveProgrammeParameters } from "../../app/models/programme-parameters.server";
import type { AppDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { createTestDatabase, ENGINES } from "./support/test-database";

const administrator = { userId: null, organisationId: null, ip: "192.0.2.10" };
const fy2026Menu2 = DEFAULT_PROGRAMME_PARAMETERS.find((p) => p.fiscalYear === 2026 && p.programme === "intermediary")!;
const fy2027Menu2: ProgrammeParameters = { ...fy2026Menu2, fiscalYear: 2027, programmeBudget: 65_000_000 };

describe.each(ENGINES)("%s: programme parameters per fiscal year", (engine) => {
  let database: AppDatabase;
  afterEach(() => database?.close());

  it("reads the seeded defaults back exactly as the domain defines them", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    expect(await listProgrammeParameters(database.db)).toEqual(DEFAULT_PROGRAMME_PARAMETERS);
  });

  it("adds 令和9年度 without a code change, and records who did it in the audit trail", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });

    expect(await saveProgrammeParameters(database.db, administrator, fy2027Menu2)).toEqual({ status: "done" });

    expect(await listProgrammeParameters(database.db, 2027)).toEqual([fy2027Menu2]);
    const audit = await database.db.selectFrom("audit_events").selectAll().execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: "programme_parameters.created",
        record_type: "programme_parameters",
        record_id: "2027/intermediary",
        ip_address: "192.0.2.10",
        details: { before: null, after: fy2027Menu2 },
      }),
    ]);
  });

  it("refuses a parameter set whose ceiling is not base × rate, and changes nothing", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });

    const result = await saveProgrammeParameters(database.db, administrator, { ...fy2027Menu2, ceiling: 6_500_000 });

    expect(result).toEqual({ status: "invalid", errors: { form: expect.stringMatching(/^[^\n]*交付上限額.*一致させてください[^\n]*$/) } });
    expect(await listProgrammeParameters(database.db, 2027)).toEqual([]);
    expect(await database.db.selectFrom("audit_events").selectAll().execute()).toEqual([]);
  });

  it("updates an existing year and keeps the figures before and after in the audit trail", async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const raised = { ...fy2026Menu2, programmeBudget: 75_000_000 };

    await saveProgrammeParameters(database.db, administrator, raised);

    expect((await listProgrammeParameters(database.db, 2026)).find((p) => p.programme === "intermediary")).toEqual(raised);
    const [event] = await database.db.selectFrom("audit_events").select(["action", "details"]).execute();
    expect(event).toEqual({ action: "programme_parameters.updated", details: { before: fy2026Menu2, after: raised } });
  });
});
