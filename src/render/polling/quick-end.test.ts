import { describe, expect, it } from "vitest";
import { seededRandom } from "../../emulator/rng.js";
import type { DurationInterval } from "./interval-estimate.js";
import { durationQuantile, estimateDurations } from "./interval-estimate.js";
import { MIN_FIT_ENDS, quickEndMs } from "./quick-end.js";

const SHARES = { earlyShare: 0.02, fitShare: 0.05, guardShare: 0.075 };

/** Ends known to within 1 ms, from `draw` with a fixed seed. */
function ends(count: number, draw: (random: () => number) => number): DurationInterval[] {
  const random = seededRandom(7, "quick-end", 0);
  return Array.from({ length: count }, () => {
    const ms = draw(random);
    return { afterMs: ms - 1, byMs: ms };
  });
}

const logNormal = (medianMs: number, sigma: number) => (random: () => number) => {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(sigma * z);
};

function quickEnd(observations: DurationInterval[]): number | undefined {
  const cells = estimateDurations(observations);
  return quickEndMs(cells, () => observations, observations.length, SHARES);
}

describe("quickEndMs", () => {
  it("is undefined before anything has ended", () => {
    expect(quickEnd([])).toBeUndefined();
  });

  it("takes the estimate's early quantile while the kind has fewer ends than a fit needs", () => {
    const few = ends(MIN_FIT_ENDS - 1, logNormal(7_000, 0.35));
    const cells = estimateDurations(few);
    expect(quickEnd(few)).toBe(durationQuantile(cells, SHARES.earlyShare));
  });

  it("follows the log-normal fit's 5% once there are enough ends, within the estimate's 7.5%", () => {
    const many = ends(400, logNormal(7_000, 0.35));
    const cells = estimateDurations(many);
    const early = durationQuantile(cells, SHARES.earlyShare) as number;
    const guard = durationQuantile(cells, SHARES.guardShare) as number;
    const got = quickEnd(many) as number;
    // The true 5% quantile of this distribution: 7000·e^(0.35·−1.645) ≈ 3.94 s.
    expect(got).toBeGreaterThan(3_700);
    expect(got).toBeLessThan(4_200);
    expect(got).toBeLessThanOrEqual(guard);
    expect(got).not.toBe(early);
  });

  it("falls back to the estimate when the fit misses the quick end (a separate fast group)", () => {
    // 8% of jobs take 1-2 s, the rest 10 s: a log-normal through both puts almost nothing below
    // the estimate's 7.5% quantile, so it does not describe the quick end.
    const twoGroups = ends(400, (random) =>
      random() < 0.08 ? 1_000 + 1_000 * random() : 10_000 + 100 * random(),
    );
    const cells = estimateDurations(twoGroups);
    expect(quickEnd(twoGroups)).toBe(durationQuantile(cells, SHARES.earlyShare));
    expect(quickEnd(twoGroups)).toBeLessThan(2_000);
  });
});
