/**
 * HTTP security middlewares. Each is a pure function of its options (no module state) and is meant to be
 * mounted on the application itself (`app.use(...)`, no path), in this order, before the frontend:
 *
 *   cspNonce() → securityHeaders({ mode }) → sameOriginWrites({ exemptPaths }) → bodySizeLimit(maxBytes)
 *
 * Refusals answer in Japanese, as JSON `{ error, message }` to clients that send or prefer JSON and as a
 * short HTML page to everyone else (see docs/decisions/003-same-origin-writes.md).
 */
import { randomBytes } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

export type SecurityMode = "development" | "production" | "test";

/** Methods that must not change anything; every other method is a write. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Gives every request a fresh random nonce in `res.locals.cspNonce` (16 bytes, base64). */
export function cspNonce(): RequestHandler {
  return (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
}

/** The nonce `cspNonce()` stored for this response; throws when `cspNonce()` is not mounted before. */
export function cspNonceOf(res: Response): string {
  const nonce: unknown = res.locals.cspNonce;
  if (typeof nonce !== "string" || nonce === "") {
    throw new Error("No CSP nonce for this response: mount cspNonce() before securityHeaders() and the frontend");
  }
  return nonce;
}

/**
 * The Content-Security-Policy for one response. Scripts run only from this origin or with this
 * response's nonce (Remix's inline hydration scripts carry it); never 'unsafe-inline' for scripts.
 *
 * In development only, Vite's dev server needs two relaxations:
 * - `style-src 'unsafe-inline'`: Vite loads CSS imported by modules (and draws its error overlay) by
 *   inserting `<style>` elements from JavaScript, which have no nonce. A nonce must not be added to
 *   style-src alongside it: browsers ignore 'unsafe-inline' as soon as a nonce is present.
 * - `connect-src ws:`: the HMR client talks to Vite over a WebSocket, which in middleware mode listens on
 *   its own port (24678), so 'self' does not cover it.
 * Production and test get the strict policy.
 */
export function contentSecurityPolicy(nonce: string, mode: SecurityMode): string {
  const development = mode === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    development ? "connect-src 'self' ws:" : "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Sets the security headers on every response. Needs `cspNonce()` before it: without a nonce it passes an
 * error on (a 500) rather than send a policy that would silently break every page's scripts.
 * HSTS is sent only over HTTPS (`req.secure`, which honours the app's `trust proxy` setting): over plain
 * HTTP it would be ignored, and on localhost it would pin the developer's browser to HTTPS.
 * Pages and data are not kept by browsers or proxies (`Cache-Control: no-store`: they may hold one
 * organisation's records); static files set their own caching over it.
 */
export function securityHeaders({ mode }: { mode: SecurityMode }): RequestHandler {
  return (req, res, next) => {
    let nonce: string;
    try {
      nonce = cspNonceOf(res);
    } catch (error) {
      next(error);
      return;
    }
    res.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce, mode),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
      "Cache-Control": "no-store",
    });
    if (req.secure) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}

export interface SameOriginWritesOptions {
  /**
   * Exact request paths (no query string; compared as sent, so no trailing slash, same letter case) whose
   * writes are accepted from any origin. Only for endpoints that read no cookie and change nothing, such
   * as the public calculation API `/api/v1/simulations`.
   */
  exemptPaths?: readonly string[];
}

/**
 * Refuses (403) every request whose method is not GET/HEAD/OPTIONS unless it comes from this app's own
 * origin: its `Origin` header, or when that is absent the origin of its `Referer`, must equal
 * `req.protocol` + `://` + the `Host` header. A write with neither header is refused too, as is
 * `Origin: null` (sandboxed frames, privacy redirects). Behind a TLS-terminating proxy, `trust proxy` must be
 * on (for `req.protocol`) and the proxy must pass the original `Host` header.
 */
export function sameOriginWrites({ exemptPaths = [] }: SameOriginWritesOptions = {}): RequestHandler {
  const exempt = new Set(exemptPaths);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt.has(requestPath(req))) {
      next();
      return;
    }
    const own = ownOrigin(req);
    const claimed = req.get("origin") ?? originOfUrl(req.get("referer"));
    if (own !== null && claimed !== undefined && claimed === own) {
      next();
      return;
    }
    refuse(req, res, {
      status: 403,
      error: "forbidden-origin",
      title: "この操作は受け付けられません",
      message: "別のサイトから送られたリクエストのため、処理しませんでした。このサイトの画面からもう一度操作してください。",
    });
  };
}

/**
 * Refuses request bodies over `maxBytes` by their declared `Content-Length` with 413, and a body without a
 * length (`Transfer-Encoding: chunked`) with 411, since browsers always send a length for forms and fetch.
 * Node itself never delivers more bytes than the declared length.
 *
 * A 413 is answered once the body has been read and thrown away, up to `drainAtMostBytes`: a browser still
 * sending a large upload then sees the answer instead of a reset connection, and a keep-alive connection stays
 * usable for the next request. Beyond that, and for 411, the connection is closed after the answer.
 */
export function bodySizeLimit(maxBytes: number, { drainAtMostBytes = 64 * 1024 * 1024 }: { drainAtMostBytes?: number } = {}): RequestHandler {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`bodySizeLimit: maxBytes must be a non-negative integer, not ${maxBytes}`);
  }
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") {
      next();
      return;
    }
    const length = req.get("content-length");
    if (length !== undefined) {
      const declared = Number(length);
      if (declared > maxBytes) {
        const refusal: Refusal = {
          status: 413,
          error: "payload-too-large",
          title: "送信された内容が大きすぎます",
          message: `送信された内容が大きすぎるため、処理しませんでした（上限 ${maxBytes.toLocaleString("ja-JP")} バイト）。`,
        };
        if (declared <= drainAtMostBytes) afterDraining(req, () => refuse(req, res, refusal, { keepAlive: true }));
        else refuse(req, res, refusal);
        return;
      }
    } else if (req.get("transfer-encoding") !== undefined) {
      refuse(req, res, {
        status: 411,
        error: "length-required",
        title: "送信内容の長さが分かりません",
        message: "送信内容の長さ（Content-Length）が指定されていないため、処理しませんでした。",
      });
      return;
    }
    next();
  };
}

/** Reads the request's body to its end, keeping none of it, then calls `then` (unless the client went away). */
function afterDraining(req: Request, then: () => void): void {
  req.on("data", () => {});
  req.once("end", then);
  req.once("error", () => req.socket.destroy());
}

// ---------------------------------------------------------------------------------------------------------

interface Refusal {
  status: 403 | 411 | 413;
  error: string;
  title: string;
  message: string;
}

/** Answers a refused request in Japanese: JSON for clients that send or prefer JSON, a short page otherwise. */
function refuse(req: Request, res: Response, { status, error, title, message }: Refusal, { keepAlive = false } = {}): void {
  // A body left unread is not drained (it may be endless): the connection is closed after the answer.
  if (!keepAlive && (req.get("content-length") !== undefined || req.get("transfer-encoding") !== undefined)) {
    res.set("Connection", "close");
  }
  res.status(status).set("Cache-Control", "no-store");
  if (wantsJson(req)) {
    res.json({ error, message });
    return;
  }
  res
    .type("html")
    .send(
      [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeHtml(title)}</title></head>`,
        "<body>",
        `<h1>${escapeHtml(title)}</h1>`,
        `<p>${escapeHtml(message)}</p>`,
        backLink(req),
        "</body>",
        "</html>",
      ].join("\n"),
    );
}

/** Back to the page the request came from when it is this site's (the browser keeps what was typed there). */
function backLink(req: Request): string {
  const referer = req.get("referer");
  const own = ownOrigin(req);
  if (referer && own && originOfUrl(referer) === own) {
    const { pathname, search } = new URL(referer);
    return `<p><a href="${escapeHtml(pathname + search)}">前の画面に戻る</a>（入力した内容はブラウザーの「戻る」でも戻ります）</p>`;
  }
  return '<p><a href="/">トップページへ戻る</a></p>';
}

function wantsJson(req: Request): boolean {
  const sendsJson = Boolean(req.is(["application/json", "+json"]));
  // Browsers' navigations list text/html first; fetch() defaults to */*, which also gets the page.
  return sendsJson || req.accepts(["html", "json"]) === "json";
}

/** The path as Remix will see it (from `originalUrl`, so it holds wherever the middleware is mounted). */
function requestPath(req: Request): string {
  return req.originalUrl.split("?", 1)[0] ?? "";
}

function ownOrigin(req: Request): string | null {
  const host = req.get("host");
  if (!host) return null;
  try {
    // URL serialises the origin as browsers do: lower-case host, default port left out.
    return new URL(`${req.protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

function originOfUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
