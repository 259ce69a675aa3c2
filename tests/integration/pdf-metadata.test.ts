import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { DocumentSpec } from "../../app/pdf/blocks";
import { applicationFormDocument } from "../../app/pdf/application-form";
import { proceedingDocument } from "../../app/pdf/proceeding-documents";
import { drawPdf } from "../../app/pdf/draw.server";
import { renderPdf } from "../../app/pdf/render.server";
import { menu2Record, record } from "./support/application-record";
import { decisionRecord } from "./support/proceeding-records";

/**
 * What a PDF says about itself, beyond its pages: the names of its subset fonts, its file identifier and
 * its XMP metadata, all the same for every rendering of the same record.
 */

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** Every font name in the file: each font's BaseFont (Type0 and CIDFont) and each descriptor's FontName. */
function fontNames(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(PDFName.of("Type"));
    if (type === PDFName.of("Font")) names.push(object.lookup(PDFName.of("BaseFont"), PDFName).decodeText());
    if (type === PDFName.of("FontDescriptor")) names.push(object.lookup(PDFName.of("FontName"), PDFName).decodeText());
  }
  return names;
}

/** The trailer's /ID, each of its two strings as hex; fails unless both are 16-byte strings. */
function fileId(doc: PDFDocument): [string, string] {
  const id = doc.context.trailerInfo.ID;
  expect(id).toBeInstanceOf(PDFArray);
  const strings = (id as PDFArray).asArray();
  expect(strings).toHaveLength(2);
  return strings.map((s) => {
    expect(s).toBeInstanceOf(PDFHexString);
    const bytes = (s as PDFHexString).asBytes();
    expect(bytes).toHaveLength(16);
    return Buffer.from(bytes).toString("hex");
  }) as [string, string];
}

/** The catalog's XMP metadata stream, read as UTF-8. */
function xmp(doc: PDFDocument): string {
  const stream = doc.catalog.lookup(PDFName.of("Metadata"));
  expect(stream).toBeInstanceOf(PDFRawStream);
  const { dict } = stream as PDFRawStream;
  expect(dict.get(PDFName.of("Type"))).toBe(PDFName.of("Metadata"));
  expect(dict.get(PDFName.of("Subtype"))).toBe(PDFName.of("XML"));
  // Left uncompressed, so that tools which scan a file for XMP find it.
  expect(dict.get(PDFName.of("Filter"))).toBeUndefined();
  return new TextDecoder("utf-8", { fatal: true }).decode((stream as PDFRawStream).getContents());
}

/** The metadata as a PDF reader parses it: the Info dictionary, and the XMP properties by lower-case name. */
async function readerMetadata(bytes: Uint8Array): Promise<{ info: Record<string, unknown>; get: (name: string) => unknown }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const { info, metadata } = await doc.getMetadata();
  expect(metadata, "the XMP did not parse").toBeTruthy();
  return { info: info as Record<string, unknown>, get: (name) => metadata!.get(name) };
}

interface Case {
  name: string;
  spec: () => DocumentSpec;
  /** A different record of the same kind. */
  other: () => DocumentSpec;
  /** The document's date in Japan time, as XMP writes it and as the Info dictionary does. */
  xmpDate: string;
  pdfDate: string;
}

const CASES: Case[] = [
  {
    name: "交付決定通知書",
    spec: () => proceedingDocument(decisionRecord()),
    other: () => proceedingDocument(decisionRecord(menu2Record(8))),
    xmpDate: "2026-05-01T00:00:00+09:00",
    pdfDate: "D:20260501000000+09'00'",
  },
  {
    name: "交付申請書",
    spec: () => applicationFormDocument(record(8)),
    other: () => applicationFormDocument(record(9)),
    // Submitted at 2026-11-27T01:00:00Z.
    xmpDate: "2026-11-27T10:00:00+09:00",
    pdfDate: "D:20261127100000+09'00'",
  },
];

describe.each(CASES)("$name: what the PDF says about itself", ({ spec, other, xmpDate, pdfDate }) => {
  it("names each embedded font as a subset, 「ABCDEF+NotoSerifJP-…」, the same tag for the same subset", async () => {
    const names = fontNames(await load(await drawPdf(spec())));
    // Two weights, each a Type0 font, its CIDFont and its descriptor.
    expect(names).toHaveLength(6);
    for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+NotoSerifJP-(Regular|Bold)$/);
    const tags = (weight: string) => new Set(names.filter((n) => n.endsWith(weight)).map((n) => n.slice(0, 6)));
    expect(tags("Regular").size).toBe(1);
    expect(tags("Bold").size).toBe(1);
    expect(tags("Regular")).not.toEqual(tags("Bold"));
    expect(fontNames(await load(await drawPdf(spec())))).toEqual(names);
  });

  it("renders the same record to the same bytes with the same /ID of two equal 16-byte strings; another record to another /ID", async () => {
    const [a, b] = [await renderPdf(spec()), await renderPdf(spec())];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const [first, second] = fileId(await load(a));
    expect(second).toBe(first);
    expect(fileId(await load(b))).toEqual([first, first]);
    const [otherFirst] = fileId(await load(await renderPdf(other())));
    expect(otherFirst).not.toBe(first);
  });

  it("carries XMP metadata in an xpacket, with the title in Japanese, the author and the document's date, matching the Info dictionary", async () => {
    const document = spec();
    const bytes = await renderPdf(document);
    const packet = xmp(await load(bytes));
    expect(packet.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(packet.endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(packet).toContain(`<rdf:li xml:lang="x-default">${document.title}</rdf:li>`);
    expect(packet).toContain(`<xmp:CreateDate>${xmpDate}</xmp:CreateDate>`);

    const { info, get } = await readerMetadata(bytes);
    expect(get("dc:title")).toBe(document.title);
    expect(get("dc:creator")).toEqual([document.author]);
    expect(get("xmp:createdate")).toBe(xmpDate);
    expect(get("xmp:modifydate")).toBe(xmpDate);
    expect(get("pdf:producer")).toBe(info.Producer);
    expect(get("xmp:creatortool")).toBe(info.Creator);
    expect(info.Title).toBe(document.title);
    expect(info.Author).toBe(document.author);
    expect(info.CreationDate).toBe(pdfDate);
    expect(info.ModDate).toBe(pdfDate);
  });
});
