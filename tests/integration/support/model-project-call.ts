import type { Kysely } from "kysely";
import { parseJapanDateTime } from "../../../app/domain/japan-time";
import { createCall } from "../../../app/models/calls.server";
import { assignCallReviewers } from "../../../app/models/selection.server";
import type { Database } from "../../../db/schema";
import { createUser } from "./accounts";

export type TestUser = Awaited<ReturnType<typeof createUser>>;

const IP = "192.0.2.50";

/**
 * A model-project call (budget 10,000,000円, two criteria weighted 40 and 60) with two reviewers assigned
 * and a third who is not, and a way to add proposals submitted as version 1 by new municipalities.
 */
export async function modelProjectCall(db: Kysely<Database>) {
  const admin = await createUser(db, "administrator");
  const [first, second, outsider] = [await createUser(db, "reviewer"), await createUser(db, "reviewer"), await createUser(db, "reviewer")];
  const actor = { userId: admin.id, organisationId: admin.organisationId, ip: IP };
  const created = await createCall(db, actor, {
    kind: "model-platform",
    fiscalYear: 2026,
    title: "令和8年度 地方版プラットフォーム",
    description: "概要",
    eligibility: "市区町村",
    opensAt: parseJapanDateTime("2026-04-01T10:00"),
    closesAt: parseJapanDateTime("2026-05-01T17:00"),
    ceilingPerProject: 5_000_000,
    totalBudget: 10_000_000,
    projectsSought: 2,
    criteria: [
      { name: "先進性", weight: 40 },
      { name: "実現可能性", weight: 60 },
    ],
  });
  if (created.status !== "done") throw new Error("the test call was not created");
  const callId = created.id;
  if ((await assignCallReviewers(db, actor, callId, [first.id, second.id])).status !== "done") throw new Error("reviewers not assigned");

  /** A proposal submitted as version 1 by a new municipality (or one named `name`), asking for `amount` yen. */
  async function submittedProposal(amount: number, { name, draft = {} }: { name?: string; draft?: Record<string, unknown> } = {}) {
    const proposer = await createUser(db, "proposer_officer");
    if (name) await db.updateTable("organisations").set({ name }).where("id", "=", proposer.organisationId).execute();
    const { id } = await db
      .insertInto("proposals")
      .values({
        call_id: callId,
        organisation_id: proposer.organisationId,
        state: "submitted",
        draft: JSON.stringify({}),
        latest_version: 1,
        created_by: proposer.id,
        updated_by: proposer.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", proposer.organisationId).executeTakeFirstOrThrow();
    await db
      .insertInto("proposal_versions")
      .values({ proposal_id: id, version: 1, snapshot: JSON.stringify({ organisation, draft }), total_amount: amount, submitted_by: proposer.id })
      .execute();
    return { id: Number(id), proposer };
  }

  return { admin, actor, first, second, outsider, callId, submittedProposal };
}
