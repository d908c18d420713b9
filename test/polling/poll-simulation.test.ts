/**
 * Request counts in virtual time — exact and deterministic, no wall clock involved. Delay figures
 * are printed by the simulation and measured for real by `npm run bench:render`, not asserted.
 */
import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import { drawDuration } from "../../src/emulator/durations.js";
import type { DurationRange } from "../../src/emulator/types.js";
import { startEmulator } from "../../src/emulator/index.js";
import { seededRandom } from "../../src/emulator/rng.js";
import { articleGenerate } from "../support/article-baseline.js";
import type { DurationMemory } from "../../src/render/polling/duration-model.js";
import type { SimulationReport } from "../support/poll-simulation.js";
import { simulate } from "../support/poll-simulation.js";
import { sleep } from "../../src/net/retry.js";

const IMAGES = { minMs: 4_000, maxMs: 16_000, medianMs: 7_000, spread: 0.35 };
/** Image render times as the bench draws them: log-normal, median 7 s, σ 0.35, within 4–16 s. */
function logNormalDurations(count: number, seed = 42, range: DurationRange = IMAGES): number[] {
  return Array.from({ length: count }, (_, i) => drawDuration(seededRandom(seed, "sim", i), range));
}

function durations(count: number): number[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => 4_000 + random() * 12_000);
}

describe("poll simulation", () => {
  it("costs two requests per short job when the server holds requests", async () => {
    const report = await simulate("poller", {
      durationsMs: durations(200),
      concurrency: 16,
      honourPreferWait: true,
    });
    expect(report.requestsPerJob).toBe(2);
    expect(report.p95DelayMs).toBe(0);
  });

  it("makes fewer requests than the article loop when the server ignores Prefer", async () => {
    const options = { durationsMs: durations(300), concurrency: 16, honourPreferWait: false };
    const ours = await simulate("poller", options);
    const article = await simulate("article", options);
    expect(ours.requestsPerJob).toBeLessThan(article.requestsPerJob * 0.7);
  });

  it("as the bench runs it (200 jobs, 40 at once, Retry-After 1 s): fewer requests, p95 no later", async () => {
    const options = {
      durationsMs: durations(200),
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
    };
    const ours = await simulate("poller", options);
    const article = await simulate("article", options);
    // Seed 42: 4.13 vs 7.41 req/job, p95 2.38 s vs 2.58 s. For uniform durations half the
    // article's requests is out of reach without knowing them in advance: docs/performance.md.
    expect(ours.requestsPerJob).toBeLessThan(article.requestsPerJob * 0.6);
    expect(ours.p95DelayMs).toBeLessThanOrEqual(article.p95DelayMs);
  });

  it("on durations shaped like real renders (log-normal, median 7 s): about half the requests", async () => {
    const options = {
      durationsMs: logNormalDurations(200),
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
    };
    const ours = await simulate("poller", options);
    const article = await simulate("article", options);
    // Seed 42: 3.30 vs 6.43 req/job (51%), p95 1.99 s vs 2.21 s.
    expect(ours.requestsPerJob).toBeLessThan(article.requestsPerJob * 0.55);
    expect(ours.p95DelayMs).toBeLessThanOrEqual(article.p95DelayMs);
  });

  it("keeps the first wave's quickest ends through a long run", async () => {
    const options = {
      durationsMs: logNormalDurations(2_000),
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
    };
    const ours = await simulate("poller", options);
    const article = await simulate("article", options);
    expect(ours.requestsPerJob).toBeLessThan(article.requestsPerJob * 0.55);
    expect(ours.p95DelayMs).toBeLessThanOrEqual(article.p95DelayMs);
  });

  it("sends one Prefer probe per run, not one per job of the first wave", async () => {
    const report = await simulate("poller", {
      durationsMs: durations(40),
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
    });
    const held = await simulate("poller", {
      durationsMs: durations(40),
      concurrency: 40,
      honourPreferWait: true,
    });
    expect(held.requestsPerJob).toBe(2);
    // 40 jobs that all start cold (seed 42): 40 POSTs, one probe among them all, and first looks
    // spread from 3 s on — 217 requests. A probe per job would add 39; the article loop makes 301.
    expect(report.requestsPerJob * 40).toBeLessThanOrEqual(220);
    expect(report.p95DelayMs).toBeLessThan(2_500);
  });
});

describe("poll simulation with memory of earlier runs", () => {
  const run = (durationsMs: number[], memory?: DurationMemory) =>
    simulate("poller", {
      durationsMs,
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
      ...(memory ? { memory } : {}),
    });
  const article = (durationsMs: number[]) =>
    simulate("article", {
      durationsMs,
      concurrency: 40,
      honourPreferWait: false,
      retryAfterHintMs: 1_000,
    });
  /** Jobs from `from` on seen later than the article loop's p95 delay. */
  const lateAfter = (ours: SimulationReport, theirs: SimulationReport, from: number) =>
    ours.delayByJobMs.slice(from).filter((delay) => delay > theirs.p95DelayMs).length;

  it("starts warm: the first wave polls like later jobs, and p95 stays no later", async () => {
    const earlier = await run(logNormalDurations(200, 7));
    const today = logNormalDurations(200, 42);
    const cold = await run(today);
    const warm = await run(today, earlier.memory);
    const baseline = await article(today);
    const firstWave = (r: SimulationReport) =>
      r.requestsByJob.slice(0, 40).reduce((sum, n) => sum + n, 0) / 40;
    // Seeds 7 then 42: the first wave 4.4 → 3.1 req/job; the run 3.30 → 3.00 (article 6.43).
    expect(firstWave(warm)).toBeLessThan(firstWave(cold) - 0.5);
    expect(warm.requestsPerJob).toBeLessThan(cold.requestsPerJob - 0.05);
    expect(warm.p95DelayMs).toBeLessThanOrEqual(baseline.p95DelayMs);
    expect(warm.memory["image/sim"]?.other.length).toBe(256);
  });

  it("forgets a memory the service has outrun: quicker renders are not all seen late", async () => {
    const earlier = await run(logNormalDurations(200, 7));
    const quick = { minMs: 500, maxMs: 6_000, medianMs: 2_000, spread: 0.4 };
    const today = logNormalDurations(200, 42, quick);
    const warm = await run(today, earlier.memory);
    const baseline = await article(today);
    // Planned from a 7 s memory, every job would be looked at first near 6 s, seconds late. The
    // first looks of the first wave show the change; the memory goes, and the jobs after the first
    // wave are learnt afresh (seed 42: 18 of 160 later than the article's p95).
    expect(lateAfter(warm, baseline, 40)).toBeLessThan(40);
  });

  it("forgets a memory of quicker renders than today's, instead of polling at the old pace", async () => {
    const earlier = await run(logNormalDurations(200, 7));
    const slow = { minMs: 5_000, maxMs: 120_000, medianMs: 25_000, spread: 0.5 };
    const today = logNormalDurations(200, 42, slow);
    const cold = await run(today);
    const warm = await run(today, earlier.memory);
    // Seed 42: 6.8 req/job cold, 6.4 with the memory forgotten (9.1 kept, before the fit).
    expect(warm.requestsPerJob).toBeLessThan(cold.requestsPerJob * 1.1);
  });
});

describe("article baseline", () => {
  it("runs the article's loop against the emulator", async () => {
    const emulator = await startEmulator({ apiKey: "k" });
    const dispatcher = new Agent();
    try {
      const result = await articleGenerate(
        { type: "image", model: "m", prompt: "p", width: 32, height: 32 },
        "af1-article",
        // The article's waits, 50 times faster: the emulator's jobs take 50–300 ms.
        { baseUrl: emulator.apiUrl, apiKey: "k", dispatcher, sleep: (ms) => sleep(ms / 50) },
      );
      expect(result.url.startsWith(emulator.resultsOrigin)).toBe(true);
      expect(result.polls).toBeGreaterThanOrEqual(1);
    } finally {
      await dispatcher.close();
      await emulator.close();
    }
  });
});
