/**
 * What an attachment is, decided from its content (magic numbers), never from its name, and the limits
 * on attachments. Pure and free of Node-only APIs: runs in the browser and on the server.
 */

const MiB = 1024 * 1024;

export const ATTACHMENT_LIMITS = { fileBytes: 10 * MiB, applicationBytes: 50 * MiB } as const;

/** The kinds of document an applicant attaches: code → label. */
export const ATTACHMENT_DOCUMENT_TYPES = {
  rules: "規約",
  budget_extract: "予算書抄本",
  articles: "定款",
  annual_report: "事業報告書",
  financial_statements: "財務諸表",
  consortium_agreement: "コンソーシアム協定書",
  other: "その他",
} as const;

export type AttachmentDocumentType = keyof typeof ATTACHMENT_DOCUMENT_TYPES;

export function isAttachmentDocumentType(value: string): value is AttachmentDocumentType {
  return Object.hasOwn(ATTACHMENT_DOCUMENT_TYPES, value);
}

export interface FileKind {
  kind: "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "ole";
  contentType: string;
  /** What the file is, as told to the applicant. */
  label: string;
  /** The extensions (lower case, no dot) a file of this kind may be named with. */
  extensions: string[];
}

export const FILE_KINDS: Readonly<Record<FileKind["kind"], Readonly<FileKind>>> = {
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
  // An OLE compound file is a Word 97-2003 .doc or an Excel 97-2003 .xls (or another OLE document, which
  // only a .doc or .xls name lets in). Telling them apart would mean reading the compound file's directory.
  ole: { kind: "ole", contentType: "application/x-ole-storage", label: "Word・Excel（97-2003形式）", extensions: ["doc", "xls"] },
};

/** For `<input type="file" accept>`: a hint to the browser only; the content still decides. */
export const ACCEPTED_FILE_EXTENSIONS = Object.values(FILE_KINDS)
  .flatMap((k) => k.extensions.map((e) => `.${e}`))
  .join(",");

// --- Detection -------------------------------------------------------------------------------------

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ZIP_LOCAL_HEADER = 0x04034b50; // PK\x03\x04
const ZIP_CENTRAL_HEADER = 0x02014b50; // PK\x01\x02
const ZIP_END = 0x06054b50; // PK\x05\x06
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Little-endian reads that answer undefined instead of throwing past the end. */
function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (at: number, size: number) => at >= 0 && at + size <= bytes.byteLength;
  return {
    u16: (at: number) => (fits(at, 2) ? view.getUint16(at, true) : undefined),
    u32: (at: number) => (fits(at, 4) ? view.getUint32(at, true) : undefined),
    /** A 64-bit length or offset, as a number (exact below 2^53, far above any file accepted here). */
    u64: (at: number) => (fits(at, 8) ? view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32 : undefined),
  };
}

const decoder = new TextDecoder();

/**
 * Calls `visit` with the name of each entry of the ZIP file, read from its central directory (the index
 * at the end of the file) and from its local file headers (in front of each entry), until `visit` answers
 * true. Both, because either may be unreadable: a writer that streams its output (Java's ZipOutputStream,
 * for one) gives no entry sizes in the local headers, and a file cut short has no central directory.
 */
function someZipEntryName(bytes: Uint8Array, visit: (name: string) => boolean): boolean {
  const read = reader(bytes);
  const nameAt = (at: number, length: number) => (at + length <= bytes.byteLength ? decoder.decode(bytes.subarray(at, at + length)) : undefined);

  // The end-of-central-directory record: 22 bytes and a comment of up to 65,535 bytes, at the very end.
  for (let end = bytes.byteLength - 22; end >= Math.max(0, bytes.byteLength - 22 - 0xffff); end--) {
    if (read.u32(end) !== ZIP_END) continue;
    let count = read.u16(end + 10) ?? 0;
    let at = read.u32(end + 16) ?? 0;
    if ((count === 0xffff || at === 0xffffffff) && read.u32(end - 20) === ZIP64_END_LOCATOR) {
      const end64 = read.u64(end - 20 + 8) ?? -1;
      if (read.u32(end64) === ZIP64_END) {
        count = read.u64(end64 + 32) ?? 0;
        at = read.u64(end64 + 48) ?? 0;
      }
    }
    for (let i = 0; i < count && read.u32(at) === ZIP_CENTRAL_HEADER; i++) {
      const nameLength = read.u16(at + 28) ?? 0;
      const name = nameAt(at + 46, nameLength);
      if (name === undefined) break;
      if (visit(name)) return true;
      at += 46 + nameLength + (read.u16(at + 30) ?? 0) + (read.u16(at + 32) ?? 0);
    }
    break;
  }

  for (let at = 0; read.u32(at) === ZIP_LOCAL_HEADER;) {
    const flags = read.u16(at + 6) ?? 0;
    const compressedSize = read.u32(at + 18) ?? 0;
    const nameLength = read.u16(at + 26) ?? 0;
    const extraLength = read.u16(at + 28) ?? 0;
    const name = nameAt(at + 30, nameLength);
    if (name === undefined) break;
    if (visit(name)) return true;
    // With a data descriptor (flag bit 3) the size comes after the data: the next header cannot be found.
    if ((flags & 0x08) !== 0 && compressedSize === 0) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return false;
}

/** The file's kind from its content alone, or null when it is not one of the accepted kinds. */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, PDF)) return FILE_KINDS.pdf;
  if (startsWith(bytes, PNG)) return FILE_KINDS.png;
  if (startsWith(bytes, JPEG)) return FILE_KINDS.jpeg;
  if (startsWith(bytes, OLE)) return FILE_KINDS.ole;
  if (reader(bytes).u32(0) === ZIP_LOCAL_HEADER) {
    // An Office Open XML file is a ZIP whose parts live under word/ (Word) or xl/ (Excel).
    if (someZipEntryName(bytes, (name) => name.startsWith("word/"))) return FILE_KINDS.docx;
    if (someZipEntryName(bytes, (name) => name.startsWith("xl/"))) return FILE_KINDS.xlsx;
  }
  return null;
}

// --- Names -----------------------------------------------------------------------------------------

export const MAX_FILE_NAME_LENGTH = 200;
const FALLBACK_FILE_NAME = "添付ファイル";

// Control characters, and the bidirectional controls that can make "規約\u202Efdp.exe" look like "規約exe.pdf".
const UNSAFE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The file's own name: without any folder (a browser on Windows may send "C:\…\規約.pdf"), in NFC (macOS
 * sends Japanese names decomposed), without control characters, at most 200 characters, keeping the
 * extension when it has to be shortened.
 */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(UNSAFE_CHARACTERS, "").trim();
  if (base === "" || base === "." || base === "..") return FALLBACK_FILE_NAME;
  const characters = Array.from(base);
  if (characters.length <= MAX_FILE_NAME_LENGTH) return base;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(base)?.[0] ?? "";
  return characters.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join("") + extension;
}

/**
 * The extension the name claims, lower case, or undefined. Only a short run of ASCII letters and digits
 * with at least one letter counts, so "令和8年度.第1回" or "規約_2026.04" have none and are not refused
 * for a mismatch. Full-width "．ＰＤＦ" counts as ".pdf".
 */
export function fileNameExtension(fileName: string): string | undefined {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.normalize("NFKC").trim())?.[1]?.toLowerCase();
  return extension && /[a-z]/.test(extension) ? extension : undefined;
}

// --- The check -------------------------------------------------------------------------------------

/** Which rule a refused attachment broke. */
export type AttachmentRule = "empty" | "file-too-large" | "application-full" | "unsupported-type" | "name-mismatch";

export type AttachmentCheck =
  { ok: true; kind: FileKind; /** The name to store: see cleanFileName. */ fileName: string } | { ok: false; rule: AttachmentRule; message: string };

/** A size as people read it: in MB to one decimal, KB below 1 MB, bytes below 1 KB; rounded as asked. */
function formatSize(bytes: number, rounding: "up" | "down"): string {
  const round = rounding === "up" ? Math.ceil : Math.floor;
  if (bytes >= MiB) return `${(round((bytes / MiB) * 10) / 10).toFixed(1)}MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)}KB`;
  return `${bytes}バイト`;
}

const limitText = (bytes: number) => `${bytes / MiB}MB`;

/**
 * The rules a file's size alone decides, so the browser can apply them before sending the file: empty, over
 * the per-file limit, or over what the application has room for. Null when the size is fine.
 */
export function checkAttachmentSize({
  size,
  alreadyStoredBytes,
}: {
  size: number;
  alreadyStoredBytes: number;
}): Extract<AttachmentCheck, { ok: false }> | null {
  if (size === 0) {
    return { ok: false, rule: "empty", message: "ファイルが空です（0バイト）。内容のあるファイルを選んでください。" };
  }
  if (size > ATTACHMENT_LIMITS.fileBytes) {
    return {
      ok: false,
      rule: "file-too-large",
      // Rounded up: a file one byte over the limit reads "10.1MB", never "10.0MB".
      message: `ファイルが大きすぎます（${formatSize(size, "up")}）。1ファイル${limitText(ATTACHMENT_LIMITS.fileBytes)}までです。PDFを圧縮する、ページを分けるなどして小さくしてください。`,
    };
  }
  if (alreadyStoredBytes + size > ATTACHMENT_LIMITS.applicationBytes) {
    const room = Math.max(0, ATTACHMENT_LIMITS.applicationBytes - alreadyStoredBytes);
    const limit = `添付書類は1件の申請で合計${limitText(ATTACHMENT_LIMITS.applicationBytes)}までです。`;
    const left = room === 0 ? "残りはありません。" : `残りは${formatSize(room, "down")}で、このファイル（${formatSize(size, "up")}）は入りません。`;
    return { ok: false, rule: "application-full", message: `${limit}${left}不要な添付書類を削除するか、ファイルを小さくしてください。` };
  }
  return null;
}

/**
 * Whether a file may be attached to an application that already holds `alreadyStoredBytes`. The kind is
 * decided by the content; the name only has to agree with it (a name without an extension is fine).
 */
export function checkAttachment({ fileName, bytes, alreadyStoredBytes }: { fileName: string; bytes: Uint8Array; alreadyStoredBytes: number }): AttachmentCheck {
  const refused = checkAttachmentSize({ size: bytes.byteLength, alreadyStoredBytes });
  if (refused) return refused;
  const kind = detectFileKind(bytes);
  if (!kind) {
    return {
      ok: false,
      rule: "unsupported-type",
      message: "PDF、Excel、Word、PNG、JPEG のファイルを添付してください。このファイルの中身はそのいずれでもありません。",
    };
  }
  const name = cleanFileName(fileName);
  const extension = fileNameExtension(name);
  if (extension !== undefined && !kind.extensions.includes(extension)) {
    return {
      ok: false,
      rule: "name-mismatch",
      message: `ファイル名は「.${extension}」ですが、中身は${kind.label}です。正しいファイルを選ぶか、ファイル名を中身に合わせて${kind.extensions.map((e) => `「.${e}」`).join("または")}にしてください。`,
    };
  }
  return { ok: true, kind, fileName: name };
}
