/**
 * What an attachment is, decided from its content (magic numbers), never from its name, and the limits
 * on attachments. Pure: runs in the browser and on the server.
 */

export const ATTACHMENT_LIMITS = { fileBytes: 10 * 1024 * 1024, applicationBytes: 50 * 1024 * 1024 } as const;

export const ATTACHMENT_DOCUMENT_TYPES = {
  rules: "規約",
  budget_extract: "予算書抄本",
  articles: "定款",
  annual_report: "事業報告書",
  financial_statements: "財務諸表",
  other: "その他",
} as const;

export interface FileKind {
  kind: "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "ole";
  contentType: string;
  label: string;
  extensions: string[];
}

const KINDS: Record<FileKind["kind"], FileKind> = {
  pdf: { kind: "pdf", contentType: "application/pdf", label: "PDF", extensions: ["pdf"] },
  png: { kind: "png", contentType: "image/png", label: "PNG画像", extensions: ["png"] },
  jpeg: { kind: "jpeg", contentType: "image/jpeg", label: "JPEG画像", extensions: ["jpg", "jpeg"] },
  docx: {
    kind: "docx",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word文書",
    extensions: ["docx"],
  },
  xlsx: {
    kind: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excelブック",
    extensions: ["xlsx"],
  },
  ole: { kind: "ole", contentType: "application/x-ole-storage", label: "Word・Excel（97-2003形式）", extensions: ["doc", "xls"] },
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

/** The names of the entries of a ZIP file, read from its local file headers. */
function zipEntryNames(bytes: Uint8Array, limit = 200): string[] {
  const names: string[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  while (names.length < limit && at + 30 <= bytes.length && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04], at)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, 30);
    const compressedSize = view.getUint32(18, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    names.push(decoder.decode(bytes.subarray(at + 30, at + 30 + nameLength)));
    // Entries written with a data descriptor give no size here: the names seen so far must do.
    if (compressedSize === 0 && (view.getUint16(6, true) & 0x08) !== 0) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return KINDS.pdf; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return KINDS.ole;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n.startsWith("word/"))) return KINDS.docx;
    if (names.some((n) => n.startsWith("xl/"))) return KINDS.xlsx;
  }
  return null;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)}MB`;

/** The file's name without any folder, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() || "添付ファイル";
  return base.slice(0, 200);
}

export function checkAttachment({
  fileName,
  bytes,
  alreadyStoredBytes,
}: {
  fileName: string;
  bytes: Uint8Array;
  alreadyStoredBytes: number;
}): { ok: true; kind: FileKind } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: "ファイルが空です。内容のあるファイルを選んでください。" };
  if (bytes.byteLength > ATTACHMENT_LIMITS.fileBytes) {
    return {
      ok: false,
      message: `ファイルが大きすぎます（${megabytes(bytes.byteLength)}）。1ファイル10MBまでです。PDFを圧縮するなどして小さくしてください。`,
    };
  }
  if (alreadyStoredBytes + bytes.byteLength > ATTACHMENT_LIMITS.applicationBytes) {
    const room = Math.max(0, ATTACHMENT_LIMITS.applicationBytes - alreadyStoredBytes);
    return {
      ok: false,
      message: `添付書類は1件の申請で合計50MBまでです。残りは${megabytes(room)}です。不要な添付書類を削除するか、ファイルを小さくしてください。`,
    };
  }
  const kind = detectFileKind(bytes);
  if (!kind) return { ok: false, message: "PDF、Excel、Word、PNG、JPEG のファイルを添付してください。このファイルの中身はそのいずれでもありません。" };
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && !kind.extensions.includes(extension)) {
    return {
      ok: false,
      message: `ファイル名は「.${extension}」ですが、中身は${kind.label}です。正しいファイルを選ぶか、ファイル名を中身に合わせてください。`,
    };
  }
  return { ok: true, kind };
}
