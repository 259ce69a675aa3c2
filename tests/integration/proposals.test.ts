import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { parseJapanDateTime } from "../../app/domain/japan-time";
import { emptyProposalDraft, type ProposalDraft } from "../../app/domain/proposal-draft";
import { createCall } from "../../app/models/calls.server";
import {
  findProposalForViewer,
  listProposalsForViewer,
  listProposalVersions,
  openProposal,
  returnProposal,
  saveProposalDraft,
  submitProposal,
} from "../../app/models/proposals.server";
import { action as applyAction } from "../../app/routes/calls.$id";
import { loader as proposalPage } from "../../app/routes/proposals.$id/route";
import { seed } from "../../db/seed";
import { createUser, SESSIONS } from "./support/accounts";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.41";
const OPEN = parseJapanDateTime("2026-12-10T12:00");
const AFTER_CLOSING = parseJapanDateTime("2027-01-15T17:00");

/** A proposal with everything a submission needs, its budget totalling `total` yen in two rows. */
function completeDraft(total = 4_000_000): ProposalDraft {
  return {
    ...emptyProposalDraft("model-platform"),
    currentSituation: "○ 単身高齢者等の見守り事業を実施してきた。",
    plans: "● 支援会議を孤独・孤立対策の情報共有の場として活用する。",
    members: [
      { kind: "government", count: "1", names: "仙台市" },
      { kind: "npo", count: "3", names: "NPO法人A、NPO法人B、NPO法人C" },
    ],
    schedule: [{ months: "4月〜6月", what: "プラットフォームの設立" }],
    budget: [
      { category: "謝金", description: "講師謝金", amount: String(total - 1_000_000) },
      { category: "会議費", description: "会場借上げ", amount: "1,000,000" },
    ],
  };
}

describe.each(ENGINES)("%s: proposals", (engine) => {
  let database: TestDatabase;
  let callId: number;
  let proposer: Awaited<ReturnType<typeof createUser>>;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const admin = await createUser(database.db, "administrator");
    const created = await createCall(
      database.db,
      { userId: admin.id, organisationId: admin.organisationId, ip: IP },
      {
        kind: "model-platform",
        fiscalYear: 2026,
        title: "令和8年度 地方版孤独・孤立対策官民連携プラットフォーム推進事業",
        description: "",
        eligibility: "市区町村",
        opensAt: parseJapanDateTime("2026-12-01T10:00"),
        closesAt: AFTER_CLOSING,
        ceilingPerProject: 5_000_000,
        totalBudget: 45_000_000,
        projectsSought: 9,
        criteria: [{ name: "先進性", weight: 100 }],
      },
    );
    if (created.status !== "done") throw new Error("call not created");
    callId = created.id;
    proposer = await createUser(database.db, "proposer_officer");
  });
  afterEach(() => database.close());

  const contextOf = () => ({ db: database.db, engine, clientIp: IP, secure: false, cspNonce: "test", sessions: SESSIONS }) as unknown as AppLoadContext;
  const requestAs = async (who: { id: number }, path: string, init: RequestInit = {}) => {
    const { token } = await startSession(database.db, SESSIONS, who.id, { ip: null, userAgent: null });
    return new Request(`http://localhost${path}`, { ...init, headers: { cookie: `${SESSION_COOKIE}=${token}`, ...init.headers } });
  };
  const settle = async (run: () => Promise<unknown>) => {
    try {
      return await run();
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const audit = () =>
    database.db.selectFrom("audit_events").select(["action", "record_id", "details"]).where("action", "like", "proposal.%").orderBy("id").execute();

  const open = async () => {
    const opened = await openProposal(database.db, proposer.viewer, IP, callId, OPEN);
    if (opened.status !== "done") throw new Error(`not opened: ${opened.status}`);
    return opened.id;
  };
  const save = (id: number, draft: ProposalDraft, revision: number, who = proposer) =>
    saveProposalDraft(database.db, who.viewer, IP, id, { revision, draft }, OPEN);

  it("applies from the call's page: the proposal is opened once per organisation, audited, and the officer is sent to it", async () => {
    const post = async () => {
      const request = await requestAs(proposer, `/calls/${callId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "",
      });
      return (await settle(() => applyAction({ request, params: { id: String(callId) }, context: contextOf() } as LoaderFunctionArgs))) as Response;
    };
    // The page applies at the real instant; the service is given the call's open window here.
    const first = await openProposal(database.db, proposer.viewer, IP, callId, OPEN);
    expect(first).toMatchObject({ status: "done", created: true });
    const response = await post();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/proposals/${first.status === "done" ? first.id : 0}`);
    expect(await audit()).toEqual([{ action: "proposal.created", record_id: String(first.status === "done" ? first.id : 0), details: { callId } }]);
    const draft = (await findProposalForViewer(database.db, proposer.viewer, first.status === "done" ? first.id : 0))!.draft;
    expect(draft.activities).toEqual(["platform", "awareness", "pilot"]);
  });

  it("refuses an organisation the call is not for, and applying after the call closed", async () => {
    const npo = await createUser(database.db, "proposer_officer");
    await database.db.updateTable("organisations").set({ kind: "npo" }).where("id", "=", npo.organisationId).execute();
    expect(await openProposal(database.db, { ...npo.viewer, organisationKind: "npo" }, IP, callId, OPEN)).toMatchObject({ status: "refused" });
    expect(await openProposal(database.db, proposer.viewer, IP, callId, AFTER_CLOSING)).toMatchObject({ status: "refused" });
  });

  it("saves a draft as typed; a save based on an older revision is a conflict with what differs", async () => {
    const id = await open();
    const typed = { ...completeDraft(), plans: "一度目の入力" };
    expect(await save(id, typed, 1)).toMatchObject({ status: "done", revision: 2 });
    const conflict = await save(id, { ...typed, plans: "古い版からの入力" }, 1);
    expect(conflict).toMatchObject({ status: "conflict", revision: 2, changes: [{ path: "plans", before: "古い版からの入力", after: "一度目の入力" }] });
    // The same content from an older revision overwrites nothing: no conflict.
    expect(await save(id, typed, 1)).toMatchObject({ status: "done", revision: 2 });
    expect((await findProposalForViewer(database.db, proposer.viewer, id))!.draft.plans).toBe("一度目の入力");
    expect((await audit()).map((a) => a.action)).toEqual(["proposal.created", "proposal.draft_saved"]);
  });

  it("refuses a submission over the call's ceiling, with the message at the budget", async () => {
    const id = await open();
    await save(id, completeDraft(5_000_001), 1);
    const outcome = await submitProposal(database.db, proposer.viewer, IP, id, { revision: 2 }, OPEN);
    expect(outcome).toMatchObject({ status: "has-errors" });
    expect(outcome.status === "has-errors" && outcome.errors.budget).toContain("5,000,000円");
    expect(await listProposalVersions(database.db, id)).toEqual([]);
    // Exactly the ceiling is accepted.
    await save(id, completeDraft(5_000_000), 2);
    expect(await submitProposal(database.db, proposer.viewer, IP, id, { revision: 3 }, OPEN)).toEqual({ status: "done", version: 1 });
  });

  it("refuses a submission after the call's deadline", async () => {
    const id = await open();
    await save(id, completeDraft(), 1);
    const outcome = await submitProposal(database.db, proposer.viewer, IP, id, { revision: 2 }, AFTER_CLOSING);
    expect(outcome).toMatchObject({ status: "refused" });
    expect(outcome.status === "refused" && outcome.reason).toContain("締め切りました");
    expect((await findProposalForViewer(database.db, proposer.viewer, id))!.state).toBe("draft");
  });

  it("answers another organisation's proposal as not found, to its page, its saves and its submission", async () => {
    const id = await open();
    const other = await createUser(database.db, "proposer_officer");
    expect(await findProposalForViewer(database.db, other.viewer, id)).toBeUndefined();
    expect(await save(id, completeDraft(), 1, other)).toEqual({ status: "not-found" });
    expect(await submitProposal(database.db, other.viewer, IP, id, { revision: 1 }, OPEN)).toEqual({ status: "not-found" });
    const response = (await settle(async () =>
      proposalPage({ request: await requestAs(other, `/proposals/${id}`), params: { id: String(id) }, context: contextOf() } as LoaderFunctionArgs),
    )) as Response;
    expect(response.status).toBe(404);
    expect((await listProposalsForViewer(database.db, other.viewer)).total).toBe(0);
  });

  it("a reviewer returns a submitted proposal with a comment; the proposer resubmits it as version 2, every step audited", async () => {
    const reviewer = await createUser(database.db, "reviewer");
    const id = await open();
    await save(id, completeDraft(), 1);
    // A draft never submitted is not the reviewer's to see.
    expect(await findProposalForViewer(database.db, reviewer.viewer, id)).toBeUndefined();
    expect(await submitProposal(database.db, proposer.viewer, IP, id, { revision: 2 }, OPEN)).toEqual({ status: "done", version: 1 });
    expect(await save(id, { ...completeDraft(), plans: "提出後の変更" }, 2)).toMatchObject({ status: "refused" });
    expect((await listProposalsForViewer(database.db, reviewer.viewer)).proposals.map((p) => p.id)).toEqual([id]);

    expect(await returnProposal(database.db, reviewer.viewer, IP, id, "  ", OPEN)).toMatchObject({ status: "invalid" });
    expect(await returnProposal(database.db, proposer.viewer, IP, id, "自分で差戻し", OPEN)).toEqual({ status: "not-found" });
    expect(await returnProposal(database.db, reviewer.viewer, IP, id, "経費の内訳を詳しくしてください。", OPEN)).toEqual({ status: "done" });
    const page = (await proposalPage({
      request: await requestAs(proposer, `/proposals/${id}`),
      params: { id: String(id) },
      context: contextOf(),
    } as LoaderFunctionArgs)) as { editable: boolean; comments: string[] };
    expect(page.editable).toBe(true);
    expect(page.comments).toEqual(["経費の内訳を詳しくしてください。"]);

    await save(id, { ...completeDraft(4_500_000), plans: "内訳を見直した計画" }, 2);
    expect(await submitProposal(database.db, proposer.viewer, IP, id, { revision: 3 }, OPEN)).toEqual({ status: "done", version: 2 });
    const versions = await listProposalVersions(database.db, id);
    expect(versions.map((v) => [v.version, v.total_amount])).toEqual([
      [1, 4_000_000],
      [2, 4_500_000],
    ]);
    expect(typeof versions[0]!.total_amount).toBe("number");
    expect((await audit()).map((a) => a.action)).toEqual([
      "proposal.created",
      "proposal.draft_saved",
      "proposal.submitted",
      "proposal.returned",
      "proposal.draft_saved",
      "proposal.resubmitted",
    ]);
    // A frozen version cannot be changed.
    await expect(database.db.updateTable("proposal_versions").set({ total_amount: 1 }).where("proposal_id", "=", id).execute()).rejects.toThrow();
  });
});
