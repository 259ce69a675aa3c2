import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { renderPdf } from "../../app/pdf/render.server";
import { menu2Record, record } from "./support/application-record";
import {
  changeApprovalRecord,
  changeRequestWithPlanRecord,
  minorChangeRecord,
  changeRefusalRecord,
  changeRequestRecord,
  confirmationRecord,
  confirmationWithFindingsRecord,
  decisionRecord,
  paymentClaimRecord,
  performanceReportRecord,
  rejectionRecord,
  withdrawalRecord,
  discontinuationApprovalRecord,
  discontinuationRefusalRecord,
  discontinuationRequestRecord,
  repaymentOrderRecord,
  cancellationRecord,
  repaymentOrderAfterCancellationRecord,
  settlementClaimRecord,
  statusReportRecord,
  statusReportRequestRecord,
} from "./support/proceeding-records";

/**
 * The first page of each document, rendered by poppler and compared with a committed reference image, so
 * that blank glyphs or a broken layout fail a test even when the text still extracts. After an intended
 * change of layout, refresh the references with UPDATE_REFERENCE_IMAGES=1 and look at them.
 */

const work = mkdtempSync(path.join(tmpdir(), "pdf-render-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Binary PGM (P5), as `pdftoppm -gray` writes it. */
function readPgm(bytes: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(bytes.subarray(header[0].length)) };
}

async function firstPage(pdf: Uint8Array): Promise<Buffer> {
  const file = path.join(work, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", file, file]);
  return readFileSync(`${file}.pgm`);
}

function compare(actual: Gray, expected: Gray) {
  let total = 0;
  let far = 0;
  for (let i = 0; i < actual.pixels.length; i++) {
    const d = Math.abs(actual.pixels[i]! - expected.pixels[i]!);
    total += d;
    if (d > 64) far += 1;
  }
  return { meanDifference: total / actual.pixels.length, farShare: far / actual.pixels.length };
}

const DOCUMENTS = {
  "application-form-menu1": () => applicationFormDocument(record(8)),
  "application-form-draft": () => applicationFormDocument({ ...record(8), version: null }, { draft: true }),
  "application-form-menu2": () => applicationFormDocument(menu2Record(8)),
  "application-form-menu2-numbered": () => {
    const r = menu2Record(8);
    return applicationFormDocument({
      ...r,
      draft: {
        ...r.draft,
        documentNumber: "とやまつながり発第45号",
        planMonths: { npoSupport: [6, 7, 8], networking: [5, 8, 11, 2], tiesModels: [], digitalisation: [] },
      },
    });
  },
  "decision-notice": () => proceedingDocument(decisionRecord()),
  "rejection-notice": () => proceedingDocument(rejectionRecord()),
  withdrawal: () => proceedingDocument(withdrawalRecord()),
  "discontinuation-request": () => proceedingDocument(discontinuationRequestRecord()),
  "discontinuation-approval-notice": () => proceedingDocument(discontinuationApprovalRecord()),
  "discontinuation-refusal-notice": () => proceedingDocument(discontinuationRefusalRecord()),
  "change-request": () => proceedingDocument(changeRequestRecord(8)),
  "change-request-plan": () => proceedingDocument(changeRequestWithPlanRecord()),
  "minor-change": () => proceedingDocument(minorChangeRecord()),
  "change-approval-notice": () => proceedingDocument(changeApprovalRecord()),
  "change-refusal-notice": () => proceedingDocument(changeRefusalRecord()),
  "payment-claim": () => proceedingDocument(paymentClaimRecord()),
  "settlement-claim": () => proceedingDocument(settlementClaimRecord()),
  "performance-report": () => proceedingDocument(performanceReportRecord(8)),
  "confirmation-notice": () => proceedingDocument(confirmationRecord()),
  "confirmation-notice-findings": () => proceedingDocument(confirmationWithFindingsRecord()),
  "repayment-order": () => proceedingDocument(repaymentOrderRecord()),
  "cancellation-notice": () => proceedingDocument(cancellationRecord()),
  "repayment-order-after-cancellation": () => proceedingDocument(repaymentOrderAfterCancellationRecord()),
  "status-report-request": () => proceedingDocument(statusReportRequestRecord()),
  "status-report": () => proceedingDocument(statusReportRecord()),
};

describe("documents rendered to images", () => {
  it.each(Object.keys(DOCUMENTS))("%s: page 1 matches its reference image", async (name) => {
    const image = await firstPage(await renderPdf(DOCUMENTS[name as keyof typeof DOCUMENTS]()));
    const reference = path.join(__dirname, "reference", `${name}.pgm`);
    if (process.env.UPDATE_REFERENCE_IMAGES === "1" || !existsSync(reference)) {
      expect(process.env.CI, `missing reference image ${reference}`).toBeFalsy();
      writeFileSync(reference, image);
    }
    const actual = readPgm(image);
    const expected = readPgm(readFileSync(reference));
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);

    const inked = actual.pixels.filter((p) => p < 128).length / actual.pixels.length;
    expect(inked, "the page has text on it").toBeGreaterThan(0.002);
    const { meanDifference, farShare } = compare(actual, expected);
    expect(meanDifference).toBeLessThan(0.3);
    expect(farShare).toBeLessThan(0.0005);
  });
});
