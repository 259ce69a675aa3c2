import pino, { type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // Defence in depth: nothing that looks like a credential is ever written, whatever a caller logs.
    redact: {
      paths: ["password", "*.password", "connectionString", "*.connectionString", "headers.cookie", "headers.authorization"],
      censor: "[redacted]",
    },
  });
}
