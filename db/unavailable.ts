import type { DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from "kysely";
import type { CompiledQuery } from "kysely";

/**
 * While the PostgreSQL server restarts (or the network to it is cut), every query fails with a lost
 * connection. Such a failure is answered as "the service is unavailable for a moment" (503, in Japanese,
 * with Retry-After) rather than as a fault of the app (500): the request changed nothing, and the same
 * request succeeds again once the server is back — pg opens new connections by itself.
 */

const CONNECTION_LOST_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
const CONNECTION_LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i;

export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === "string" && CONNECTION_LOST_CODES.has(code)) || CONNECTION_LOST_MESSAGES.test(error.message);
}

export const UNAVAILABLE_MESSAGE = "データベースに一時的に接続できません。入力した内容は失われていません。少し待ってから、もう一度操作してください。";
export const TOO_SLOW_MESSAGE = "処理に時間がかかりすぎたため中断しました。入力した内容は失われていません。少し待ってから、もう一度操作してください。";

/** A statement the server cancelled after the statement timeout (DATABASE_STATEMENT_TIMEOUT_SECONDS). */
export const isCancelledAsTooSlow = (error: unknown) => error instanceof Error && (error as { code?: unknown }).code === "57014";

/** What a request gets while the database cannot be reached, or when its statement ran too long. */
export function unavailableResponse(message = UNAVAILABLE_MESSAGE): Response {
  return new Response(message, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" },
  });
}

const rethrow = (error: unknown): never => {
  if (isConnectionLost(error)) throw unavailableResponse();
  // Nothing was changed: the statement's transaction is rolled back with it.
  if (isCancelledAsTooSlow(error)) throw unavailableResponse(TOO_SLOW_MESSAGE);
  throw error;
};

/** A connection whose queries answer a lost connection with a 503 (everything else passes through as is). */
function guarded(connection: DatabaseConnection): DatabaseConnection {
  return new Proxy(connection, {
    get(target, property) {
      if (property === "executeQuery") {
        return <R>(query: CompiledQuery): Promise<QueryResult<R>> => target.executeQuery<R>(query).catch(rethrow);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

class GuardedDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    return guarded(await this.inner.acquireConnection().catch(rethrow));
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** The dialect with its driver guarded. */
export function answeringUnavailable(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new GuardedDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
