/**
 * The documents an application must carry when it is submitted (docs/domain.md §4): Menu 1 the 予算書抄本 of
 * the prefecture's budget and the platform's 規約; Menu 2 the organisation's 定款 (or 規約) and 事業報告書, and a
 * consortium's agreement. Each requirement is met by a file of any of its kinds.
 */
import type { ApplicationDraft } from "./application-draft";
import type { AttachmentDocumentType } from "./file-types";
import type { Programme } from "./programmes";

export interface AttachmentRequirement {
  label: string;
  documents: readonly AttachmentDocumentType[];
}

export function requiredAttachments(programme: Programme, draft: Pick<ApplicationDraft, "consortium">): AttachmentRequirement[] {
  if (programme === "prefectural") {
    return [
      { label: "予算書抄本（交付金を計上した予算の抄本）", documents: ["budget_extract"] },
      { label: "官民連携プラットフォームの規約", documents: ["rules"] },
    ];
  }
  return [
    { label: "定款又は規約", documents: ["articles", "rules"] },
    { label: "事業報告書", documents: ["annual_report"] },
    ...(draft.consortium ? [{ label: "コンソーシアム協定書", documents: ["consortium_agreement"] } satisfies AttachmentRequirement] : []),
  ];
}

/** The requirements no attached file meets, given the kinds of the files attached. */
export function missingAttachments(programme: Programme, draft: Pick<ApplicationDraft, "consortium">, attached: readonly string[]): AttachmentRequirement[] {
  return requiredAttachments(programme, draft).filter((r) => !r.documents.some((d) => attached.includes(d)));
}

/** 「添付書類が足りません：予算書抄本、…。添付してから提出してください。」 */
export function missingAttachmentsMessage(missing: readonly AttachmentRequirement[]): string {
  return `提出に必要な添付書類が足りません：${missing.map((m) => m.label).join("、")}。添付してから提出してください。`;
}
