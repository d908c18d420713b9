import { describe, expect, it } from "vitest";
import type { BackoffPolicy } from "./retry.js";
import { RetryBudget, backoffMs, parseRetryAfter, retryDelayMs, sleep } from "./retry.js";

const policy: BackoffPolicy = { baseMs: 100, capMs: 1_000, retryAfterCapMs: 60_000 };
const NOW = Date.parse("2026-04-01T12:00:00Z");

describe("backoffMs", () => {
  it("spreads over [0, min(cap, base·2^retry)) with full jitter", () => {
    expect(backoffMs(0, policy, () => 0.999)).toBe(99);
    expect(backoffMs(3, policy, () => 0.5)).toBe(400);
    expect(backoffMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffMs(2, policy, () => 0)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and clamps them to the cap", () => {
    expect(parseRetryAfter("2", NOW, 60_000)).toBe(2_000);
    expect(parseRetryAfter(" 0 ", NOW, 60_000)).toBe(0);
    expect(parseRetryAfter("86400", NOW, 60_000)).toBe(60_000);
  });

  it("reads the three HTTP-date forms relative to the injected clock", () => {
    expect(parseRetryAfter("Wed, 01 Apr 2026 12:00:05 GMT", NOW, 60_000)).toBe(5_000);
    expect(parseRetryAfter("Wednesday, 01-Apr-26 12:00:07 GMT", NOW, 60_000)).toBe(7_000);
    expect(parseRetryAfter("Wed Apr  1 12:00:09 2026", NOW, 60_000)).toBe(9_000);
    expect(parseRetryAfter("Wed, 01 Apr 2026 11:00:00 GMT", NOW, 60_000)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Apr 2027 12:00:00 GMT", NOW, 60_000)).toBe(60_000);
  });

  it("rejects garbage, negatives, fractions and loose dates", () => {
    for (const value of [undefined, "", "-1", "1.5", "soon", "2026-04-01", "1e3", "0x10"]) {
      expect(parseRetryAfter(value, NOW, 60_000)).toBeUndefined();
    }
  });
});

describe("retryDelayMs", () => {
  it("never waits less than Retry-After, and jitters above it", () => {
    const options = { policy, nowMs: NOW };
    expect(retryDelayMs(0, "4", { ...options, random: () => 0 })).toBe(4_000);
    expect(retryDelayMs(0, "4", { ...options, random: () => 0.999 })).toBe(4_999);
  });

  it("falls back to jittered backoff when Retry-After is unusable", () => {
    expect(retryDelayMs(2, "garbage", { policy, nowMs: NOW, random: () => 0.5 })).toBe(200);
    expect(retryDelayMs(2, "-5", { policy, nowMs: NOW, random: () => 0.5 })).toBe(200);
  });
});

describe("RetryBudget", () => {
  it("allows the reserve plus a share of requests, then refuses", () => {
    const budget = new RetryBudget({ reserve: 2, ratio: 0.5 });
    expect([budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw()]).toEqual([
      true,
      true,
      false,
    ]);
    expect(budget.exhausted).toBe(true);
    budget.recordRequest();
    budget.recordRequest();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(false);
    expect(budget.spent).toBe(3);
  });
});

describe("sleep", () => {
  it("rejects as soon as its signal aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
