import type { Kysely } from "kysely";
import type { SessionSettings } from "../app/auth/session.server";
import type { Engine } from "../db/database";
import type { Database } from "../db/schema";

/** What every loader and action receives as `context`: the server owns the database and lends it. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Kysely<Database>;
    engine: Engine;
    /** The address the request came from (the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY is set). */
    clientIp: string;
    /** Over HTTPS (directly, or behind a proxy when TRUST_PROXY is set): cookies get `Secure`. */
    secure: boolean;
    /** This response's nonce for inline scripts, also named in its Content-Security-Policy. */
    cspNonce: string;
    sessions: SessionSettings;
    /** CURRENT_FISCAL_YEAR when set: the current fiscal year whatever the date (read through currentFiscalYearOf). */
    fiscalYearOverride?: number | null;
  }
}

export {};
