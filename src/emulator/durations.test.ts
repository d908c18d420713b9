import { describe, expect, it } from "vitest";
import { drawDuration } from "./durations.js";
import { startEmulator } from "./emulator.js";
import { seededRandom } from "./rng.js";
import { create, IMAGE } from "../../test/support/emulator-client.js";
import type { DurationRange } from "./types.js";

/** `count` jobs' durations, each from its own stream as the job store derives them. */
function draws(range: DurationRange, count: number, seed = 1): number[] {
  return Array.from({ length: count }, (_, i) =>
    drawDuration(seededRandom(seed, "job", `body:${i}`), range),
  );
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const REAL_IMAGES = { minMs: 4_000, maxMs: 16_000, medianMs: 7_000, spread: 0.35 };

describe("job durations", () => {
  it("draws {minMs, maxMs} uniformly from one number of the job's stream, as before", () => {
    const range = { minMs: 4_000, maxMs: 16_000 };
    for (let i = 0; i < 100; i += 1) {
      const first = seededRandom(3, "job", `body:${i}`)();
      expect(drawDuration(seededRandom(3, "job", `body:${i}`), range)).toBe(4_000 + 12_000 * first);
    }
  });

  it("draws the same log-normal durations for a seed, other ones for another seed", () => {
    expect(draws(REAL_IMAGES, 50, 9)).toEqual(draws(REAL_IMAGES, 50, 9));
    expect(draws(REAL_IMAGES, 50, 10)).not.toEqual(draws(REAL_IMAGES, 50, 9));
  });

  it("keeps log-normal durations within [minMs, maxMs], even when the range is narrow", () => {
    const real = draws(REAL_IMAGES, 5_000);
    expect(Math.min(...real)).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...real)).toBeLessThanOrEqual(16_000);
    // Nearly every draw falls outside: redrawn a bounded number of times, then clamped.
    const narrow = draws({ minMs: 1_000, maxMs: 1_001, medianMs: 1_000, spread: 3 }, 500);
    expect(narrow.every((ms) => ms >= 1_000 && ms <= 1_001)).toBe(true);
    expect(draws({ minMs: 500, maxMs: 500, medianMs: 500, spread: 0.5 }, 10)).toEqual(
      Array(10).fill(500),
    );
  });

  it("has the median and the spread asked for", () => {
    const wide = draws({ minMs: 0, maxMs: 1e9, medianMs: 7_000, spread: 0.35 }, 20_000);
    const logs = wide.map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length);
    expect(Math.abs(Math.log(median(wide) / 7_000))).toBeLessThan(0.01);
    expect(Math.abs(sd / 0.35 - 1)).toBeLessThan(0.02);
    // Truncated to 4–16 s, 5.5% below and 0.9% above are drawn again: the median moves up ≈ 2%.
    expect(median(draws(REAL_IMAGES, 20_000)) / 7_000).toBeGreaterThan(1);
    expect(median(draws(REAL_IMAGES, 20_000)) / 7_000).toBeLessThan(1.04);
  });

  it("gives the emulator's jobs these durations, the same for a seed", async () => {
    const run = async (): Promise<number[]> => {
      const emulator = await startEmulator({ seed: 5, durations: { image: REAL_IMAGES } });
      try {
        for (let i = 0; i < 20; i += 1) await create(emulator, { ...IMAGE, prompt: `p${i}` });
        emulator.advanceClock(20_000);
        return emulator.ledger
          .jobs()
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((job) => (job.completedAt ?? NaN) - job.createdAt);
      } finally {
        await emulator.close();
      }
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toEqual(b);
    expect(a.every((ms) => ms >= 4_000 && ms <= 16_000)).toBe(true);
    expect(new Set(a).size).toBe(20);
  });

  it.each([
    [{ minMs: 5, maxMs: 1 }, "durations.image must have 0 <= minMs <= maxMs."],
    [
      { minMs: 1, maxMs: 9, medianMs: 5 },
      "durations.image needs both medianMs and spread for a log-normal shape (neither for uniform).",
    ],
    [
      { minMs: 1, maxMs: 9, medianMs: 20, spread: 0.3 },
      "durations.image must have 0 < medianMs and minMs <= medianMs <= maxMs.",
    ],
    [
      { minMs: 1, maxMs: 9, medianMs: 5, spread: -1 },
      "durations.image.spread, the σ of ln(duration), must be a finite number >= 0 (e.g. 0.35).",
    ],
  ])("refuses %j with a RangeError that says what is wrong", async (range, message) => {
    await expect(startEmulator({ durations: { image: range as DurationRange } })).rejects.toThrow(
      new RangeError(message),
    );
  });
});
