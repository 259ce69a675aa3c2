import { get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { RequestHandler } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../db/database";
import { createServerApp } from "../../server/app";

const PAGE = `<!DOCTYPE html><html lang="ja"><body>${"<p>交付申請の一覧</p>".repeat(200)}</body></html>`;
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4096, 7)]);

/** A frontend standing in for Remix: a page, route data, JSON, a PDF and an attachment. */
const frontend: RequestHandler = (req, res) => {
  if (req.path === "/page") res.type("html").send(PAGE);
  else if (req.path === "/page.data") res.type("text/x-script").send(PAGE);
  else if (req.path === "/api") res.json({ rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: "審査" })) });
  else if (req.path === "/document.pdf") res.type("application/pdf").send(PDF);
  else if (req.path === "/attachment") res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(PDF);
  else res.status(404).end();
};

let server: Server;
let base: string;
beforeAll(async () => {
  const app = createServerApp({ database: {} as AppDatabase, logger: pino({ level: "silent" }), frontend: [frontend] });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The raw answer: its encoding and its bytes as sent. */
function fetchRaw(path: string, acceptEncoding?: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("compressed responses", () => {
  it.each(["/page", "/page.data", "/api"])("%s is compressed as the browser accepts it, and decompresses to the same bytes", async (path) => {
    const plain = await fetchRaw(path);
    const zipped = await fetchRaw(path, "gzip");
    const brotli = await fetchRaw(path, "gzip, deflate, br");
    expect(plain.encoding).toBeUndefined();
    expect([zipped.encoding, brotli.encoding]).toEqual(["gzip", "br"]);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  });

  it.each(["/document.pdf", "/attachment"])("%s goes out as it is: it is compressed already", async (path) => {
    const sent = await fetchRaw(path, "gzip, deflate, br");
    expect(sent.encoding).toBeUndefined();
    expect(sent.body.equals(PDF)).toBe(true);
  });
});
