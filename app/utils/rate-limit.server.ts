/**
 * A fixed-window request counter per key (an IP address), kept in this process's memory. Enough for one
 * server process; several processes behind a load balancer would each count on their own.
 */
export interface RateLimiter {
  /** Counts one request for `key`; says whether it is allowed and, if not, how long to wait. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRateLimiter({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function forgetExpired(at: number) {
    for (const [key, w] of windows) if (at - w.startedAt >= windowMs) windows.delete(key);
  }

  return {
    hit(key) {
      const at = now();
      if (windows.size > 10_000) forgetExpired(at);
      let w = windows.get(key);
      if (!w || at - w.startedAt >= windowMs) {
        w = { startedAt: at, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.startedAt + windowMs - at) / 1000)) };
    },
  };
}
