import { describe, expect, it } from "vitest";
import { articleP95Delay, articleWaitMs } from "./article-delay.js";

describe("the source article's loop as a yardstick", () => {
  it("waits 1000 + 250·i ms after i polls: polls at 1 s, 2.25 s, 3.75 s, 5.5 s", () => {
    expect(articleWaitMs(0)).toBe(1_000);
    expect(articleWaitMs(999)).toBe(1_000);
    expect(articleWaitMs(1_000)).toBe(1_250);
    expect(articleWaitMs(2_250)).toBe(1_500);
    expect(articleWaitMs(3_749)).toBe(1_500);
    expect(articleWaitMs(3_750)).toBe(1_750);
    expect(articleWaitMs(5_500)).toBe(2_000);
  });

  it("gives a p95 delay of 95% of the wait in force for jobs that all end at one age", () => {
    // Every job ends at 5 s, where the wait is 1.75 s: delays spread evenly over [0, 1.75 s).
    const cells = [{ fromMs: 5_000, toMs: 5_000, mass: 1 }];
    expect(articleP95Delay(cells)).toBeCloseTo(0.95 * 1_750, -1);
  });

  it("grows with the durations: longer jobs are seen later by the article's loop", () => {
    const short = articleP95Delay([{ fromMs: 3_000, toMs: 3_000, mass: 1 }]);
    const long = articleP95Delay([{ fromMs: 20_000, toMs: 20_000, mass: 1 }]);
    expect(long).toBeGreaterThan(short);
  });
});
