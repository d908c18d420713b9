/**
 * Issue 5, item 4: 429 and 503 with every shape of `Retry-After` a server (or a proxy) sends.
 * A usable value is a floor, capped at two minutes, with jitter on top; anything else falls back
 * to full-jitter backoff; attempts per request are bounded; and against a real rate limit the
 * client's load on the server stays bounded by the limit plus one attempt per lane.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_BACKOFF,
  PACED_WAIT_TOTAL_MS,
  parseRetryAfter,
  THROTTLED_WAITS,
} from "../../src/net/retry.js";
import { someAssets } from "../support/render-repo.js";
import { recordingSleep } from "../support/recording-sleep.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

/** A fixed wall clock, so an HTTP-date Retry-After means an exact wait. */
const NOW = Date.parse("2026-11-23T12:00:00Z");
const { baseMs, capMs, retryAfterCapMs } = DEFAULT_BACKOFF;

// [what the server says, the lowest wait allowed, the highest]
const CASES: ReadonlyArray<readonly [string, string, number, number]> = [
  ["seconds", "2", 2000, 2000 + 2000 / 4],
  ["an HTTP date 3 s ahead", new Date(NOW + 3000).toUTCString(), 3000, 3000 + 3000 / 4],
  ["an HTTP date in the past", new Date(NOW - 60_000).toUTCString(), 0, baseMs],
  ["zero", "0", 0, baseMs],
  ["a day (capped)", "86400", retryAfterCapMs, retryAfterCapMs * 1.25],
  ["negative (backoff)", "-5", 0, capMs],
  ["garbage (backoff)", "soon, maybe", 0, capMs],
];

describe.each(["429 on create", "503 on create", "503 on status", "429 on status"])(
  "%s",
  (where) => {
    it.each(CASES)(
      "Retry-After %s: every wait is within bounds, attempts are bounded, the re-run completes",
      async (_label, retryAfter, low, high) => {
        const fault = {
          "429 on create": "create429",
          "503 on create": "create5xx",
          "503 on status": "status5xx",
          "429 on status": "status429",
        }[where] as "create429" | "create5xx" | "status5xx" | "status429";
        // One asset on status: with several, a job may also wait its turn behind another job's
        // first `Prefer: wait` probe, which is scheduling, not a retry.
        const count = fault.startsWith("status") ? 1 : 2;
        b = await bench(someAssets(count), { faults: { [fault]: 1, retryAfter } });
        const waits = recordingSleep();
        const first = await b.run({}, { sleep: waits.sleep, now: () => NOW });

        for (const asset of first.assets) {
          expect(asset.status).toBe("failed");
          expect(asset.error).toMatch(/kept failing|retry budget/);
        }
        // Five retries per request after the first attempt, and nothing else waited; a 429 whose
        // Retry-After is usable first paces the request THROTTLED_WAITS times (the server's flow
        // control, not a failure), then counts.
        // A wait is at most `high`, and all of a request's paced waits together at most
        // PACED_WAIT_TOTAL_MS (so a day's Retry-After, cut to 2 minutes, paces twice).
        const paced =
          fault === "create429" && parseRetryAfter(retryAfter, NOW, retryAfterCapMs) !== undefined;
        const pacedWaits = paced
          ? Math.min(THROTTLED_WAITS, Math.floor(PACED_WAIT_TOTAL_MS / high))
          : 0;
        const perRequest = 5 + pacedWaits;
        const expected = where.includes("create") ? count * perRequest : undefined;
        if (expected !== undefined) expect(waits.waits).toHaveLength(expected);
        expect(waits.waits.length).toBeGreaterThan(0);
        // On status the poller adds its own backoff between failed requests: later is fine, never
        // sooner than the server asked, and never past the backoff cap.
        const ceiling = fault.startsWith("status") ? Math.max(high, capMs) : high;
        expect(waits.waits.filter((w) => w < low || w > ceiling)).toEqual([]);
        // Jittered: clients told the same thing do not all come back at the same instant.
        expect(new Set(waits.waits).size).toBeGreaterThan(1);
        if (fault.startsWith("create")) expect(b.emulator.ledger.jobs()).toEqual([]);

        b.emulator.setFaults({ [fault]: 0 });
        const second = await b.run({}, { sleep: recordingSleep().sleep });
        expect(second.counts.failed).toBe(0);
        await b.check();
      },
    );
  },
);

describe("a server-side rate limit", () => {
  it("below the run's concurrency (8 lanes, 3 requests a second) paces the run: every asset renders", async () => {
    b = await bench(someAssets(12), {
      faults: { rateLimitPerSecond: 3 },
      honourPreferWait: false,
      durations: { image: { minMs: 300, maxMs: 900 } },
    });
    const result = await b.run({ concurrency: 8 });
    expect(
      result.counts,
      JSON.stringify(result.assets.filter((a) => a.status === "failed")),
    ).toMatchObject({ rendered: 12, failed: 0 });
    expect(b.emulator.ledger.requests.rejected["rate-limited"]).toBeGreaterThan(0);
    expect(b.emulator.ledger.jobs()).toHaveLength(12);
    await b.check();
  }, 120_000);

  it("is obeyed: arrivals in any 1 s window stay under the limit plus one per lane, and all render", async () => {
    const limit = 4;
    const concurrency = 4;
    b = await bench(someAssets(10), {
      faults: { rateLimitPerSecond: limit },
      // Answers at once, so the client polls on its own schedule and meets the limit often.
      honourPreferWait: false,
      durations: { image: { minMs: 300, maxMs: 900 } },
    });
    const result = await b.run({ concurrency });
    expect(
      result.counts,
      JSON.stringify(result.assets.filter((a) => a.status === "failed")),
    ).toMatchObject({ rendered: 10, failed: 0 });
    expect(b.emulator.ledger.requests.rejected["rate-limited"]).toBeGreaterThan(0);

    // Downloads go to the results origin, which has no limit.
    const api = b.emulator.ledger.requestLog().filter((r) => r.kind !== "download");
    let worst = 0;
    for (const [i, first] of api.entries()) {
      let n = 0;
      for (let j = i; j < api.length && (api[j]?.at ?? Infinity) < first.at + 1000; j += 1) n += 1;
      worst = Math.max(worst, n);
    }
    // Accepted ≤ limit per window by the server; a lane told "Retry-After: 1" waits at least
    // 1 s, so it adds at most one refused attempt per window.
    expect(worst).toBeLessThanOrEqual(limit + concurrency);
    await b.check();
  });
});
