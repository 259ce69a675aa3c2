/**
 * What the official documents of one fiscal year print (docs/domain.md §7): who signs the Cabinet Office's
 * notices and is addressed by the applicant's documents, whether 「（公印省略）」 is printed under the
 * signatory, the 様式 number and the 交付要綱 article each document cites, and the prefix of the notices'
 * 文書番号 (府孤第N号). The defaults are what the documents printed before these were settings.
 * A record keeps the settings it was made with, so its document prints the same bytes ever after.
 */
/** Every printed document: the 交付申請書 and each record after submission that has a document. */
export const DOCUMENT_KINDS = [
  "application",
  "change_request",
  "minor_change",
  "withdrawal",
  "discontinuation_request",
  "payment_claim",
  "settlement_claim",
  "performance_report",
  "decision",
  "rejection",
  "change_approval",
  "change_refusal",
  "discontinuation_approval",
  "discontinuation_refusal",
  "confirmation",
  "cancellation",
  "repayment_order",
  "status_report_request",
  "status_report",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentSettings {
  /** 「内閣総理大臣」: the addressee of the applicant's documents and the signatory of the notices. */
  signatoryTitle: string;
  /** The signatory's name, printed after the title; "" prints the title alone. */
  signatoryName: string;
  /** Print 「（公印省略）」 under the signatory of the notices. */
  sealOmitted: boolean;
  /** 「府孤」 of 府孤第N号. */
  documentNumberPrefix: string;
  /** 「様式第1号」 per document; "" prints no 様式 line. */
  forms: Record<DocumentKind, string>;
  /** 「第5条」 per document, cited after 交付要綱 in its opening sentence; "" cites the 交付要綱 as a whole. */
  articles: Record<DocumentKind, string>;
}

const perKind = (value: (kind: DocumentKind) => string) => Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, value(k)])) as Record<DocumentKind, string>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  signatoryTitle: "内閣総理大臣",
  signatoryName: "",
  sealOmitted: false,
  documentNumberPrefix: "府孤",
  forms: perKind((k) => (k === "application" ? "様式第1号" : "")),
  articles: perKind(() => ""),
};

/** Stored settings (or none: an older record, a year never edited) with every missing value at its default. */
export function readDocumentSettings(stored: unknown): DocumentSettings {
  const s = (stored ?? {}) as Partial<DocumentSettings>;
  const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  const d = DEFAULT_DOCUMENT_SETTINGS;
  return {
    signatoryTitle: text(s.signatoryTitle, d.signatoryTitle),
    signatoryName: text(s.signatoryName, d.signatoryName),
    sealOmitted: typeof s.sealOmitted === "boolean" ? s.sealOmitted : d.sealOmitted,
    documentNumberPrefix: text(s.documentNumberPrefix, d.documentNumberPrefix),
    forms: perKind((k) => text(s.forms?.[k], d.forms[k])),
    articles: perKind((k) => text(s.articles?.[k], d.articles[k])),
  };
}

/** 「内閣総理大臣」, or with the name after a full-width space (「内閣総理大臣 山田 太郎」 as printed). */
export function signatory(s: DocumentSettings): string {
  return s.signatoryName.trim() ? `${s.signatoryTitle}　${s.signatoryName.trim()}` : s.signatoryTitle;
}

export const GUIDELINES = "孤独・孤立対策推進交付金交付要綱";

/** 「孤独・孤立対策推進交付金交付要綱」, or with the article the document cites: 「…交付要綱第5条」. */
export function guidelinesCited(s: DocumentSettings, kind: DocumentKind): string {
  return `${GUIDELINES}${s.articles[kind].trim()}`;
}
