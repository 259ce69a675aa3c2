/**
 * When the mail sender tries a message again (decision 015): after 1 minute, then 2, 4, 8… up to 6 hours,
 * and it gives up after MAX_MAIL_ATTEMPTS. A claimed message is leased for MAIL_LEASE_MS: a sender that dies
 * while sending leaves it to be tried again once the lease runs out.
 */

export const MAIL_RETRY_BASE_MS = 60_000;
export const MAIL_RETRY_MAX_MS = 6 * 60 * 60_000;
export const MAX_MAIL_ATTEMPTS = 10;
export const MAIL_LEASE_MS = 5 * 60_000;

/** The wait after the `attempts`-th failed attempt (1 for the first). */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(MAIL_RETRY_BASE_MS * 2 ** exponent, MAIL_RETRY_MAX_MS);
}

export type OutboxStatus = "sent" | "waiting" | "retrying" | "failed";

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  sent: "送信済み",
  waiting: "送信待ち",
  retrying: "再送待ち",
  failed: "送信失敗（再送を打ち切り）",
};

export function outboxStatus(message: { sent_at: Date | null; failed_at: Date | null; attempts: number }): OutboxStatus {
  if (message.sent_at) return "sent";
  if (message.failed_at) return "failed";
  return message.attempts > 0 ? "retrying" : "waiting";
}
