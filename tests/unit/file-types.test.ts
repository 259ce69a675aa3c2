import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_DOCUMENT_TYPES,
  ATTACHMENT_LIMITS,
  checkAttachment,
  cleanFileName,
  detectFileKind,
  fileNameExtension,
  isAttachmentDocumentType,
} from "../../app/domain/file-types";

const MiB = 1024 * 1024;
const ascii = (text: string) => new TextEncoder().encode(text);

/**
 * A small ZIP holding `names` (each stored with the content "<x/>"): local file headers, then a central
 * directory and its end record, as Office writes them. With `streamed`, the local headers carry no sizes
 * (flag bit 3, sizes in a data descriptor after the data), as Java's ZipOutputStream writes them, so only
 * the central directory tells where the next entry is. With `centralDirectory: false`, the file stops
 * after the entries, as a file cut short does.
 */
function zip(names: string[], { streamed = false, centralDirectory = true } = {}): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  const push = (target: number[], size: 2 | 4, value: number) => {
    for (let i = 0; i < size; i++) target.push((value >>> (8 * i)) & 0xff);
  };
  const content = ascii("<x/>");
  for (const name of names) {
    const encoded = ascii(name);
    const offset = out.length;
    push(out, 4, 0x04034b50);
    push(out, 2, 20); // version needed
    push(out, 2, streamed ? 0x08 : 0); // flags
    push(out, 2, 0); // stored
    push(out, 4, 0); // time, date
    push(out, 4, 0); // crc (not checked)
    push(out, 4, streamed ? 0 : content.length);
    push(out, 4, streamed ? 0 : content.length);
    push(out, 2, encoded.length);
    push(out, 2, 0);
    out.push(...encoded, ...content);
    if (streamed) {
      push(out, 4, 0x08074b50);
      push(out, 4, 0);
      push(out, 4, content.length);
      push(out, 4, content.length);
    }
    push(central, 4, 0x02014b50);
    push(central, 2, 20); // version made by
    push(central, 2, 20);
    push(central, 2, streamed ? 0x08 : 0);
    push(central, 2, 0);
    push(central, 4, 0);
    push(central, 4, 0);
    push(central, 4, content.length);
    push(central, 4, content.length);
    push(central, 2, encoded.length);
    push(central, 2, 0); // extra
    push(central, 2, 0); // comment
    push(central, 2, 0); // disk
    push(central, 2, 0); // internal attributes
    push(central, 4, 0); // external attributes
    push(central, 4, offset);
    central.push(...encoded);
  }
  if (centralDirectory) {
    const start = out.length;
    out.push(...central);
    push(out, 4, 0x06054b50);
    push(out, 4, 0); // disk numbers
    push(out, 2, names.length);
    push(out, 2, names.length);
    push(out, 4, central.length);
    push(out, 4, start);
    push(out, 2, 0); // comment
  }
  return new Uint8Array(out);
}

const PDF = ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const DOCX = zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
const XLSX = zip(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);

/** A file of `size` bytes that begins like `header`. */
function sized(header: Uint8Array, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(header);
  return bytes;
}

describe("telling a file's type from its content", () => {
  it.each([
    ["a PDF", PDF, "pdf", "application/pdf"],
    ["a PNG image", PNG, "png", "image/png"],
    ["a JPEG image", JPEG, "jpeg", "image/jpeg"],
    ["a Word document", DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["an Excel workbook", XLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["a Word document of local headers only", zip(["word/document.xml"], { centralDirectory: false }), "docx", expect.any(String)],
    [
      "an Excel workbook written as a stream (entries found through the central directory)",
      zip(["[Content_Types].xml", "xl/workbook.xml"], { streamed: true }),
      "xlsx",
      expect.any(String),
    ],
    ["an Office 97-2003 file", OLE, "ole", expect.any(String)],
  ])("recognises %s", (_, bytes, kind, contentType) => {
    expect(detectFileKind(bytes)).toMatchObject({ kind, contentType });
  });

  it.each([
    ["plain text", ascii("規約\n第1条 この会は…")],
    ["an HTML page", ascii("<!doctype html><title>x</title>")],
    ["a ZIP whose entries are not Office parts", zip(["photos/a.jpg", "readme.txt"])],
    ["a ZIP with only the Office content-types part", zip(["[Content_Types].xml"])],
    ["an OpenDocument text (a ZIP without word/)", zip(["mimetype", "content.xml"])],
    ["an empty file", new Uint8Array()],
    ["the start of a PDF signature only", ascii("%PDF")],
    ["a ZIP signature and nothing else", new Uint8Array([0x50, 0x4b, 0x03, 0x04])],
    ["a PDF signature not at the start", ascii(" %PDF-1.7")],
  ])("refuses %s", (_, bytes) => {
    expect(detectFileKind(bytes)).toBeNull();
  });

  it("does not read past the end of a ZIP whose headers claim more than is there", () => {
    const truncated = DOCX.subarray(0, 40);
    expect(() => detectFileKind(truncated)).not.toThrow();
    const lying = zip(["a.txt"], { centralDirectory: false });
    new DataView(lying.buffer).setUint32(18, 0xfffffff0, true);
    expect(detectFileKind(lying)).toBeNull();
  });

  it("reads a file that is a view into a larger buffer", () => {
    const larger = new Uint8Array(DOCX.length + 10);
    larger.set(DOCX, 10);
    expect(detectFileKind(larger.subarray(10))?.kind).toBe("docx");
  });
});

describe("checking an attachment", () => {
  const check = (fileName: string, bytes: Uint8Array, alreadyStoredBytes = 0) => checkAttachment({ fileName, bytes, alreadyStoredBytes });

  it.each([
    ["規約.pdf", PDF, "pdf"],
    ["定款.PDF", PDF, "pdf"],
    ["予算書抄本", PDF, "pdf"],
    ["事業報告書.docx", DOCX, "docx"],
    ["財務諸表.xlsx", XLSX, "xlsx"],
    ["写真.jpg", JPEG, "jpeg"],
    ["写真.JPEG", JPEG, "jpeg"],
    ["図.png", PNG, "png"],
    ["旧様式.doc", OLE, "ole"],
    ["旧様式.xls", OLE, "ole"],
    ["令和8年度.第1回", PDF, "pdf"],
    ["規約_2026.04", PDF, "pdf"],
    ["規約．ｐｄｆ", PDF, "pdf"],
  ])("accepts %s whose content agrees with its name (or which has no extension)", (fileName, bytes, kind) => {
    expect(check(fileName, bytes)).toMatchObject({ ok: true, kind: { kind } });
  });

  it.each([
    ["規約.pdf", PNG, "「.pdf」ですが、中身はPNG画像です"],
    ["予算書.xlsx", DOCX, "「.xlsx」ですが、中身はWord文書です"],
    ["報告書.docx", PDF, "「.docx」ですが、中身はPDFです"],
    ["写真.png", JPEG, "「.png」ですが、中身はJPEG画像です"],
    ["規約.exe", PDF, "「.exe」ですが、中身はPDFです"],
    ["旧様式.pdf", OLE, "「.pdf」ですが、中身はWord・Excel（97-2003形式）です"],
  ])("refuses %s when the content is something else, naming both", (fileName, bytes, text) => {
    expect(check(fileName, bytes)).toEqual({ ok: false, rule: "name-mismatch", message: expect.stringContaining(text) });
  });

  it("decides by the content, whatever the name says", () => {
    expect(check("事業報告書.docx", ascii("not really a document"))).toEqual({
      ok: false,
      rule: "unsupported-type",
      message: expect.stringContaining("PDF、Excel、Word、PNG、JPEG のファイルを添付してください"),
    });
    expect(check("画像.png", zip(["photos/a.jpg"]))).toMatchObject({ ok: false, rule: "unsupported-type" });
  });

  it("refuses an empty file", () => {
    expect(check("規約.pdf", new Uint8Array())).toEqual({ ok: false, rule: "empty", message: expect.stringContaining("ファイルが空です") });
  });

  it("accepts exactly 10 MiB and refuses one byte more, saying the file's size and the limit", () => {
    expect(check("規約.pdf", sized(PDF, ATTACHMENT_LIMITS.fileBytes)).ok).toBe(true);
    const over = check("規約.pdf", sized(PDF, ATTACHMENT_LIMITS.fileBytes + 1));
    expect(over).toEqual({ ok: false, rule: "file-too-large", message: expect.stringContaining("（10.1MB）。1ファイル10MBまでです") });
  });

  it("accepts up to 50 MiB in all for an application and refuses one byte more, saying how much room is left", () => {
    const stored = 45 * MiB;
    const room = ATTACHMENT_LIMITS.applicationBytes - stored;
    expect(check("規約.pdf", sized(PDF, room), stored).ok).toBe(true);
    expect(check("規約.pdf", sized(PDF, room + 1), stored)).toEqual({
      ok: false,
      rule: "application-full",
      message: expect.stringMatching(/合計50MBまでです。残りは5\.0MBで、このファイル（5\.1MB）は入りません/),
    });
  });

  it("says when an application has no room at all, and gives small room in KB", () => {
    expect(check("a.pdf", PDF, ATTACHMENT_LIMITS.applicationBytes)).toMatchObject({
      ok: false,
      rule: "application-full",
      message: expect.stringContaining("残りはありません"),
    });
    expect(check("a.pdf", sized(PDF, 600 * 1024), ATTACHMENT_LIMITS.applicationBytes - 512 * 1024)).toMatchObject({
      message: expect.stringContaining("残りは512KBで"),
    });
  });

  it("checks the file's own name, not the folder it came from", () => {
    expect(check("C:\\書類.v2\\規約", PDF)).toMatchObject({ ok: true, fileName: "規約" });
  });
});

describe("file names", () => {
  it.each([
    ["C:\\Users\\tanto\\規約.pdf", "規約.pdf"],
    ["../../etc/passwd", "passwd"],
    ["  規約.pdf  ", "規約.pdf"],
    ["規約\u0000\n.pdf", "規約.pdf"],
    ["規約\u202Efdp.exe", "規約fdp.exe"],
    ["カ\u3099イト\u3099.pdf", "ガイド.pdf"],
    ["", "添付ファイル"],
    ["C:\\書類\\", "添付ファイル"],
    ["..", "添付ファイル"],
  ])("keeps %j as %j", (name, kept) => {
    expect(cleanFileName(name)).toBe(kept);
  });

  it("shortens a long name to 200 characters, keeping its extension and whole characters", () => {
    const long = `${"𠮷".repeat(300)}.pdf`;
    const kept = cleanFileName(long);
    expect(Array.from(kept)).toHaveLength(200);
    expect(kept.endsWith("𠮷.pdf")).toBe(true);
  });

  it.each([
    ["規約.pdf", "pdf"],
    ["規約.PDF", "pdf"],
    ["規約．ｐｄｆ", "pdf"],
    ["archive.tar.gz", "gz"],
    ["規約", undefined],
    ["規約_2026.04", undefined],
    ["令和8年度.第1回", undefined],
    ["規約.", undefined],
  ])("reads the extension of %j as %j", (name, extension) => {
    expect(fileNameExtension(name)).toBe(extension);
  });
});

describe("document types", () => {
  it("knows the kinds of document an applicant attaches, and nothing inherited", () => {
    expect(Object.keys(ATTACHMENT_DOCUMENT_TYPES)).toEqual([
      "rules",
      "budget_extract",
      "articles",
      "annual_report",
      "financial_statements",
      "consortium_agreement",
      "other",
    ]);
    expect(isAttachmentDocumentType("budget_extract")).toBe(true);
    expect(isAttachmentDocumentType("toString")).toBe(false);
    expect(isAttachmentDocumentType("")).toBe(false);
  });
});
