import { describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS, checkAttachment, cleanFileName, detectFileKind } from "../../app/domain/file-types";

const ascii = (text: string) => new TextEncoder().encode(text);

/** A ZIP local file header for one stored entry, as Office files begin. */
function zipWith(...names: string[]): Uint8Array {
  const parts: number[] = [];
  for (const name of names) {
    const n = ascii(name);
    const content = ascii("<x/>");
    const header = new Uint8Array(30);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint32(18, content.length, true);
    view.setUint32(22, content.length, true);
    view.setUint16(26, n.length, true);
    parts.push(...header, ...n, ...content);
  }
  return new Uint8Array(parts);
}

const PDF = ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);

describe("telling a file's type from its content", () => {
  it.each([
    ["a PDF", PDF, "pdf"],
    ["a PNG image", PNG, "png"],
    ["a JPEG image", JPEG, "jpeg"],
    ["a Word document", zipWith("[Content_Types].xml", "word/document.xml"), "docx"],
    ["an Excel workbook", zipWith("[Content_Types].xml", "xl/workbook.xml"), "xlsx"],
    ["an Office 97-2003 file", OLE, "ole"],
  ])("recognises %s", (_, bytes, kind) => {
    expect(detectFileKind(bytes)?.kind).toBe(kind);
  });

  it.each([
    ["plain text", ascii("規約\n第1条")],
    ["a ZIP that is not an Office file", zipWith("photos/a.jpg")],
    ["an empty file", new Uint8Array()],
    ["an HTML page", ascii("<!doctype html><title>x</title>")],
  ])("refuses %s", (_, bytes) => {
    expect(detectFileKind(bytes)).toBeNull();
  });
});

describe("checking an attachment", () => {
  const check = (fileName: string, bytes: Uint8Array, alreadyStoredBytes = 0) => checkAttachment({ fileName, bytes, alreadyStoredBytes });

  it("accepts a PDF named .pdf and a file with no extension whose content is accepted", () => {
    expect(check("規約.pdf", PDF)).toMatchObject({ ok: true, kind: { contentType: "application/pdf" } });
    expect(check("予算書抄本", PDF).ok).toBe(true);
    expect(check("定款.PDF", PDF).ok).toBe(true);
  });

  it("refuses a name that does not match the content, naming both", () => {
    expect(check("規約.pdf", PNG)).toEqual({ ok: false, message: expect.stringMatching(/「\.pdf」ですが、中身はPNG画像です/) });
  });

  it("refuses content of another type, whatever its name", () => {
    expect(check("事業報告書.docx", ascii("not really a document"))).toEqual({
      ok: false,
      message: expect.stringMatching(/PDF、Excel、Word、PNG、JPEG/),
    });
  });

  it("accepts exactly 10 MiB and refuses one byte more, saying the limit", () => {
    const atLimit = new Uint8Array(ATTACHMENT_LIMITS.fileBytes);
    atLimit.set(PDF);
    const over = new Uint8Array(ATTACHMENT_LIMITS.fileBytes + 1);
    over.set(PDF);
    expect(check("a.pdf", atLimit).ok).toBe(true);
    expect(check("a.pdf", over)).toEqual({ ok: false, message: expect.stringMatching(/1ファイル10MBまで/) });
  });

  it("accepts up to 50 MiB in all for an application and refuses one byte more, saying how much room is left", () => {
    const stored = 45 * 1024 * 1024;
    const room = ATTACHMENT_LIMITS.applicationBytes - stored;
    const fits = new Uint8Array(room);
    fits.set(PDF);
    const tooMuch = new Uint8Array(room + 1);
    tooMuch.set(PDF);
    expect(check("a.pdf", fits, stored).ok).toBe(true);
    expect(check("a.pdf", tooMuch, stored)).toEqual({ ok: false, message: expect.stringMatching(/合計50MBまで.*残りは5\.0MB/) });
  });

  it("refuses an empty file", () => {
    expect(check("a.pdf", new Uint8Array()).ok).toBe(false);
  });

  it("keeps only the file's own name", () => {
    expect(cleanFileName("C:\\Users\\tanto\\規約.pdf")).toBe("規約.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
  });
});
