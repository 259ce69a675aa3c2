import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agreeContract, findContractForViewer, takeContractStepFor } from "../../app/models/contracts.server";
import { decideSelection, selectionNoticeFor } from "../../app/models/selection.server";
import { acceptanceDocument, contractSummaryDocument, selectionNoticeDocument } from "../../app/pdf/contract-documents";
import { renderPdf } from "../../app/pdf/render.server";
import { seed } from "../../db/seed";
import { pdfText } from "./support/pdf-text";
import { modelProjectCall, type TestUser } from "./support/model-project-call";
import { createTestDatabase, ENGINES, type TestDatabase } from "./support/test-database";

const IP = "192.0.2.60";
/** A document's text as a PDF reader shows it, every page. */
const printed = async (bytes: Uint8Array) => (await pdfText(bytes)).pages.join("\n");
const TERMS = { periodFrom: "2026-07-01", periodTo: "2027-03-15", deliverables: "事業報告書（電子データ）" };
const FINAL = {
  done: "官民連携プラットフォームを設立し、研修会を3回開いた。",
  membersGained: { government: 2, council: 1, npo: 5, company: 3, university: 1, other: 0 },
  lessons: "行政からの押し付けにしないこと。",
  reusable: "設立規約のひな形。",
};

describe.each(ENGINES)("%s: contracts of selected proposals", (engine) => {
  let database: TestDatabase;
  let reviewer: TestUser;
  let proposer: TestUser;
  let outsider: TestUser;
  let proposalId: number;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await seed(database.db, { demo: false });
    const call = await modelProjectCall(database.db);
    reviewer = call.first;
    outsider = call.outsider;
    const proposal = await call.submittedProposal(4_000_000);
    proposalId = proposal.id;
    proposer = proposal.proposer;
    expect(await decideSelection(database.db, reviewer.viewer, IP, proposalId, { selected: true, contractAmount: 3_800_000, reason: "先進性が高い" })).toEqual({
      status: "done",
    });
  });
  afterEach(() => database.close());

  const agree = async () => {
    const agreed = await agreeContract(database.db, reviewer.viewer, IP, proposalId, TERMS);
    if (agreed.status !== "done") throw new Error(`not agreed: ${JSON.stringify(agreed)}`);
    return agreed.id;
  };

  it("is agreed at the amount of the selection, once, by a reviewer of the call", async () => {
    expect(await agreeContract(database.db, outsider.viewer, IP, proposalId, TERMS)).toEqual({ status: "not-found" });
    const id = await agree();
    expect(await agreeContract(database.db, reviewer.viewer, IP, proposalId, TERMS)).toEqual({
      status: "refused",
      reason: "この提案の委託契約は締結済みです。",
    });
    const seen = await findContractForViewer(database.db, proposer.viewer, id);
    expect(seen).toMatchObject({
      side: "proposer",
      contract: { amount: 3_800_000, periodFrom: "2026-07-01", state: "active" },
      steps: ["progress_report", "final_report"],
    });
    expect(await findContractForViewer(database.db, outsider.viewer, id)).toBeNull();
  });

  it("runs from the reports to acceptance and payment in full, acceptance only after the final report, each record frozen and audited", async () => {
    const id = await agree();
    const as = (who: TestUser) => who.viewer;
    // Acceptance before the final report is refused, and the contractor cannot accept.
    expect(await takeContractStepFor(database.db, as(reviewer), IP, id, "acceptance", { inspectedOn: "2027-03-20", note: "" })).toEqual({
      status: "refused",
      reason: "成果報告の提出後に検収できます。",
    });
    expect(await takeContractStepFor(database.db, as(proposer), IP, id, "acceptance", { inspectedOn: "2027-03-20", note: "" })).toMatchObject({
      status: "refused",
    });

    expect(
      await takeContractStepFor(database.db, as(proposer), IP, id, "progress_report", { progress: "設立準備会を開いた。", issues: "企業の参加が少ない。" }),
    ).toEqual({
      status: "done",
    });
    expect(await takeContractStepFor(database.db, as(proposer), IP, id, "progress_report", { progress: "再", issues: "再" })).toEqual({
      status: "refused",
      reason: "中間報告は提出済みです。",
    });
    expect(await takeContractStepFor(database.db, as(proposer), IP, id, "final_report", FINAL)).toEqual({ status: "done" });
    expect(await takeContractStepFor(database.db, as(reviewer), IP, id, "acceptance", { inspectedOn: "2027-03-20", note: "成果物を確認した。" })).toEqual({
      status: "done",
    });
    // Paid in full: anything else is refused at the amount.
    expect(await takeContractStepFor(database.db, as(reviewer), IP, id, "payment", { paidOn: "2027-03-31", amount: 3_000_000 })).toEqual({
      status: "invalid",
      errors: { amount: "委託費は契約額（3,800,000円）の全額を支払います。" },
    });
    expect(await takeContractStepFor(database.db, as(reviewer), IP, id, "payment", { paidOn: "2027-03-31", amount: 3_800_000 })).toEqual({ status: "done" });

    const seen = await findContractForViewer(database.db, reviewer.viewer, id);
    expect(seen!.contract.state).toBe("closed");
    expect(seen!.records.map((r) => r.kind)).toEqual(["agreed", "progress_report", "final_report", "acceptance", "payment"]);
    expect(seen!.steps).toEqual([]);
    const audit = await database.db.selectFrom("audit_events").select("action").where("action", "like", "contract.%").orderBy("id").execute();
    expect(audit.map((e) => e.action)).toEqual([
      "contract.agreed",
      "contract.progress_report",
      "contract.final_report",
      "contract.acceptance",
      "contract.payment",
    ]);
    await expect(database.db.deleteFrom("contract_records").where("contract_id", "=", id).execute()).rejects.toThrow(/frozen/);
  });

  it("prints the 採択通知書, the 委託契約書（概要） and the 検収調書 from the stored records", async () => {
    const id = await agree();
    await takeContractStepFor(database.db, proposer.viewer, IP, id, "final_report", FINAL);
    await takeContractStepFor(database.db, reviewer.viewer, IP, id, "acceptance", { inspectedOn: "2027-03-20", note: "成果物を確認した。" });
    const notice = await selectionNoticeFor(database.db, proposer.viewer, proposalId);
    expect(await selectionNoticeFor(database.db, outsider.viewer, proposalId)).toBeNull();
    const noticeText = await printed(await renderPdf(selectionNoticeDocument(notice!)));
    expect(noticeText).toContain("採択通知書");
    expect(noticeText).toContain("金3,800,000円");
    expect(noticeText).toContain("先進性が高い");

    const { contract, records } = (await findContractForViewer(database.db, reviewer.viewer, id))!;
    const terms = {
      call: { title: contract.callTitle, fiscalYear: contract.fiscalYear },
      contractor: notice!.contractor,
      amount: contract.amount,
      periodFrom: contract.periodFrom,
      periodTo: contract.periodTo,
      deliverables: contract.deliverables,
    };
    const summary = await printed(await renderPdf(contractSummaryDocument({ ...terms, agreedAt: new Date(records[0]!.recordedAt) })));
    expect(summary).toContain("委託契約書（概要）");
    expect(summary).toContain("令和8年7月1日から令和9年3月15日まで");
    const acceptance = await printed(
      await renderPdf(
        acceptanceDocument({
          ...terms,
          finalReport: { ...FINAL, reportedAt: new Date(records[1]!.recordedAt) },
          inspectedOn: "2027-03-20",
          note: "成果物を確認した。",
        }),
      ),
    );
    expect(acceptance).toContain("検収調書");
    expect(acceptance).toContain("NPO 5");
    expect(acceptance).toContain("令和9年3月20日");
  });
});
