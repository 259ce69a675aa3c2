import { Agent, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { bodySizeLimit, cspNonce, sameOriginWrites, securityHeaders, type SameOriginWritesOptions, type SecurityMode } from "../../server/security";

interface TestAppOptions extends SameOriginWritesOptions {
  mode?: SecurityMode;
  trustProxy?: boolean;
}

const servers: Server[] = [];

/** The middlewares in the order server/app.ts mounts them, a page, a form action and a public API. */
async function serve({ mode = "production", trustProxy = false, exemptPaths }: TestAppOptions = {}): Promise<string> {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(cspNonce());
  app.use(securityHeaders({ mode }));
  app.use(sameOriginWrites({ exemptPaths }));
  app.use(bodySizeLimit(1024, { drainAtMostBytes: 64 * 1024 }));
  app.get("/page", (_req, res) => {
    res.send(`<script nonce="${String(res.locals.cspNonce)}"></script>`);
  });
  app.get("/assets/app.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=31536000, immutable").type("js").send("");
  });
  app.post("/form", express.urlencoded({ extended: false }), (_req, res) => {
    res.json({ saved: true });
  });
  app.delete("/form", (_req, res) => {
    res.json({ deleted: true });
  });
  app.post("/api/v1/simulations", (_req, res) => {
    res.json({ calculated: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const post = (url: string, headers: Record<string, string>, body = "name=x") =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? "").split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")] as const;
    }),
  );
}

describe("security headers", () => {
  it("sends a Content-Security-Policy whose script-src allows only this origin and this response's nonce", async () => {
    const url = await serve();

    const response = await fetch(`${url}/page`);
    const csp = directives(response.headers.get("content-security-policy"));
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get("script-src") ?? "")?.[1];

    expect(response.status).toBe(200);
    expect(nonce).toBeDefined();
    expect(Buffer.from(nonce!, "base64")).toHaveLength(16);
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    expect(csp.get("script-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(csp.get("script-src")).not.toContain("unsafe-inline");
    expect(csp.get("style-src")).toBe("'self'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data:");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
  });

  it("gives every response a different nonce", async () => {
    const url = await serve();

    const [first, second] = await Promise.all([fetch(`${url}/page`), fetch(`${url}/page`)]);

    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(first)).toBeDefined();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
  });

  it("sends the other protective headers on every response", async () => {
    const url = await serve();

    const response = await fetch(`${url}/page`);

    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
  });

  it("sends the headers on refusals and on pages that do not exist too", async () => {
    const url = await serve();

    const refused = await post(`${url}/form`, { origin: "https://evil.example" });
    const missing = await fetch(`${url}/nowhere`);

    expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(missing.headers.get("x-frame-options")).toBe("DENY");
    // Express's own 404 replaces the policy with the stricter default-src 'none'; Remix answers 404s in the app.
    expect(missing.headers.get("content-security-policy")).toBe("default-src 'none'");
  });

  it("sends no Strict-Transport-Security over plain HTTP", async () => {
    const url = await serve();

    const response = await fetch(`${url}/page`);

    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("ignores X-Forwarded-Proto unless the app trusts its proxy", async () => {
    const url = await serve({ trustProxy: false });

    const response = await fetch(`${url}/page`, { headers: { "x-forwarded-proto": "https" } });

    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends Strict-Transport-Security when a trusted proxy says the request came over HTTPS", async () => {
    const url = await serve({ trustProxy: true });

    const response = await fetch(`${url}/page`, { headers: { "x-forwarded-proto": "https" } });

    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("relaxes styles and allows the HMR WebSocket in development only, never inline scripts", async () => {
    const url = await serve({ mode: "development" });

    const csp = directives((await fetch(`${url}/page`)).headers.get("content-security-policy"));

    expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(csp.get("connect-src")).toBe("'self' ws:");
    expect(csp.get("script-src")).toMatch(/^'self' 'nonce-[^']+'$/);
  });

  it("answers 500 instead of sending a policy without a nonce when cspNonce() is not mounted first", async () => {
    const app = express();
    app.use(securityHeaders({ mode: "production" }));
    app.get("/page", (_req, res) => void res.send("ok"));
    app.use(((_error, _req, res, _next) => void res.status(500).send("misconfigured")) as express.ErrorRequestHandler);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(server);

    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/page`);

    expect(response.status).toBe(500);
    expect(response.headers.get("content-security-policy")).toBeNull();
  });
});

describe("same-origin writes", () => {
  it("accepts a POST whose Origin is the app's own", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: url });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ saved: true });
  });

  it("refuses a POST from another origin with 403 and a Japanese JSON problem when the client speaks JSON", async () => {
    const url = await serve();

    const response = await fetch(`${url}/form`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });

    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("forbidden-origin");
    expect(body.message).toMatch(/別のサイト/);
  });

  it("refuses a form POST from another origin with a short Japanese page linking back to the top", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, {
      origin: "https://evil.example",
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    });

    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/text\/html; charset=utf-8/);
    const html = await response.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain("別のサイトから送られたリクエスト");
    expect(html).toContain('<a href="/">');
  });

  it("gives a JSON problem to a client that only accepts JSON", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: "https://evil.example", accept: "application/json" });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden-origin" });
  });

  it("accepts a POST without Origin whose Referer is a page of the app", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { referer: `${url}/page?x=1` });

    expect(response.status).toBe(200);
  });

  it("refuses a POST without Origin whose Referer is another site", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { referer: "https://evil.example/page" });

    expect(response.status).toBe(403);
  });

  it("judges by Origin when both are sent, even if the Referer looks like the app's", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: "https://evil.example", referer: `${url}/page` });

    expect(response.status).toBe(403);
  });

  it("refuses a POST that has neither Origin nor Referer", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, {});

    expect(response.status).toBe(403);
  });

  it("refuses Origin: null, as sent from sandboxed frames", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: "null" });

    expect(response.status).toBe(403);
  });

  it("refuses the same host over another scheme or port", async () => {
    const url = await serve();
    const port = new URL(url).port;

    expect((await post(`${url}/form`, { origin: `https://127.0.0.1:${port}` })).status).toBe(403);
    expect((await post(`${url}/form`, { origin: "http://127.0.0.1" })).status).toBe(403);
  });

  it("accepts the https origin when a trusted proxy terminates TLS", async () => {
    const url = await serve({ trustProxy: true });
    const host = new URL(url).host;

    const response = await post(`${url}/form`, { origin: `https://${host}`, "x-forwarded-proto": "https" });

    expect(response.status).toBe(200);
  });

  it("treats PUT, PATCH and DELETE as writes too", async () => {
    const url = await serve();

    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await fetch(`${url}/form`, { method, headers: { origin: "https://evil.example" } });
      expect(response.status, method).toBe(403);
    }
  });

  it("does not refuse a GET, HEAD or OPTIONS from another origin", async () => {
    const url = await serve();

    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      const response = await fetch(`${url}/page`, { method, headers: { origin: "https://evil.example" } });
      expect(response.status, method).not.toBe(403);
    }
  });

  it("refuses a cross-origin POST to the public API unless its path is exempt", async () => {
    const url = await serve();

    const response = await post(`${url}/api/v1/simulations`, { origin: "https://evil.example" });

    expect(response.status).toBe(403);
  });

  it("accepts a POST to an exempt path from any origin, or with no Origin at all", async () => {
    const url = await serve({ exemptPaths: ["/api/v1/simulations"] });

    const fromElsewhere = await post(`${url}/api/v1/simulations?x=1`, { origin: "https://evil.example" });
    const fromCurl = await post(`${url}/api/v1/simulations`, {});

    expect(fromElsewhere.status).toBe(200);
    expect(await fromElsewhere.json()).toEqual({ calculated: true });
    expect(fromCurl.status).toBe(200);
  });

  it("exempts exactly the listed paths, not other paths or look-alikes", async () => {
    const url = await serve({ exemptPaths: ["/api/v1/simulations"] });

    for (const path of ["/form", "/api/v1/simulations/", "/api/v1/simulations.data", "/api/v1/simulationsx"]) {
      const response = await post(`${url}${path}`, { origin: "https://evil.example" });
      expect(response.status, path).toBe(403);
    }
  });
});

describe("request body size", () => {
  it("accepts a body within the limit", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: url }, `name=${"x".repeat(1000)}`);

    expect(response.status).toBe(200);
  });

  it("refuses a body over the limit with 413 before reading it", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: url, "content-type": "application/json" }, JSON.stringify({ name: "x".repeat(2000) }));

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "payload-too-large", message: expect.stringMatching(/1,024/) });
  });

  it("answers a body over the limit after reading it, and the same keep-alive connection serves the next request", async () => {
    const url = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; reused: boolean; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(`${url}${path}`, { method, agent, headers: { origin: url, "content-type": "application/octet-stream" } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, connection: res.headers.connection }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      const refused = await send("POST", "/form", Buffer.alloc(20 * 1024, 120));
      const next = await send("GET", "/page");

      expect(refused).toMatchObject({ status: 413, connection: "keep-alive" });
      expect(next).toEqual({ status: 200, reused: true, connection: "keep-alive" });
    } finally {
      agent.destroy();
    }
  });

  it("closes the connection after refusing a body too large to be worth reading", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: url, "content-type": "application/json" }, "x".repeat(65 * 1024));

    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
  });

  it("refuses an oversized form post with a Japanese page", async () => {
    const url = await serve();

    const response = await post(`${url}/form`, { origin: url, accept: "text/html" }, `name=${"x".repeat(2000)}`);

    expect(response.status).toBe(413);
    expect(await response.text()).toContain('<html lang="ja">');
  });

  it("refuses a chunked body without a length with 411", async () => {
    const url = await serve();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("name=x"));
        controller.close();
      },
    });

    const response = await fetch(`${url}/form`, {
      method: "POST",
      headers: { origin: url, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);

    expect(response.status).toBe(411);
    expect(await response.json()).toMatchObject({ error: "length-required" });
  });

  it("lets a same-origin write without a body through", async () => {
    const url = await serve();

    const response = await fetch(`${url}/form`, { method: "DELETE", headers: { origin: url } });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: true });
  });
});

describe("caching", () => {
  it("keeps pages and data out of every cache, while a static file keeps its own caching", async () => {
    const url = await serve();
    expect((await fetch(`${url}/page`)).headers.get("cache-control")).toBe("no-store");
    expect((await post(`${url}/form`, { origin: url })).headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${url}/assets/app.js`)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});
