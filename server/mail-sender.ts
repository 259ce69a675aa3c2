/**
 * The mail sender (decision 015): drains the outbox over SMTP with nodemailer, inside the server process, on
 * an interval. Each round claims a batch of due messages (app/models/outbox.server.ts), sends them one by one
 * and records each outcome. A round that cannot reach the database is logged and the next one tries again:
 * the sender never takes the server down (decision 007). `stop` waits for the round in progress.
 */
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { claimDueMessages, recordFailure, recordSent } from "../app/models/outbox.server";
import type { Database } from "../db/schema";

export interface MailSettings {
  smtpUrl: string;
  from: string;
  intervalMs: number;
}

export interface MailSender {
  /** One round: sends what is due at `now` (the round's clock, also the time recorded); answers how many were sent and failed. */
  drain(now?: Date): Promise<{ sent: number; failed: number }>;
  start(): void;
  stop(): Promise<void>;
}

const BATCH = 20;

export function createMailSender(db: Kysely<Database>, settings: MailSettings, logger?: Logger): MailSender {
  const transport = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function drain(now = new Date()) {
    const counts = { sent: 0, failed: 0 };
    const messages = await claimDueMessages(db, now, BATCH);
    for (const message of messages) {
      try {
        await transport.sendMail({ to: message.recipient, subject: message.subject, text: message.body });
        await recordSent(db, message.id, now);
        counts.sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await recordFailure(db, message, reason, now);
        counts.failed += 1;
        logger?.warn({ messageId: message.id, attempts: message.attempts, error: reason }, "mail not sent");
      }
    }
    return counts;
  }

  const round = () => {
    if (running || stopped) return;
    running = drain()
      .then((counts) => {
        if (counts.sent + counts.failed > 0) logger?.info(counts, "mail round");
      })
      .catch((error: unknown) => {
        // The database away (a 503 response thrown by db/unavailable.ts) or anything else: try next round.
        const reason = error instanceof Response ? `database unavailable (${error.status})` : error instanceof Error ? error.message : String(error);
        logger?.warn({ error: reason }, "mail round failed");
      })
      .finally(() => {
        running = null;
      });
  };

  return {
    drain,
    start() {
      if (timer) return;
      timer = setInterval(round, settings.intervalMs);
      timer.unref();
      round();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      transport.close();
    },
  };
}
