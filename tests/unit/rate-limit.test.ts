import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../app/utils/rate-limit.server";

describe("the per-address rate limiter", () => {
  it("allows the limit within a window, refuses the next with the seconds left, and allows again after", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });

    expect([1, 2, 3].map(() => limiter.hit("203.0.113.1").allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.hit("203.0.113.1")).toEqual({ allowed: false, retryAfterSeconds: 45 });

    now += 45_000;
    expect(limiter.hit("203.0.113.1")).toEqual({ allowed: true });
  });

  it("counts each address on its own", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: () => 0 });
    expect(limiter.hit("203.0.113.1").allowed).toBe(true);
    expect(limiter.hit("203.0.113.1").allowed).toBe(false);
    expect(limiter.hit("203.0.113.2").allowed).toBe(true);
  });
});
