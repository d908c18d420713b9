import { describe, expect, it } from "vitest";
import { seededRandom } from "../../emulator/rng.js";
import type { DurationInterval } from "./interval-estimate.js";
import { fitLogNormal, logNormalQuantile, normalCdf, normalQuantile } from "./lognormal-fit.js";

/** `count` log-normal durations (median `medianMs`, σ `sigma`), from a fixed seed. */
function draws(count: number, medianMs: number, sigma: number): number[] {
  const random = seededRandom(3, "fit", 0);
  return Array.from({ length: count }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return medianMs * Math.exp(sigma * z);
  });
}

describe("normalCdf and normalQuantile", () => {
  it("agree with the standard normal's known values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 4);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
  });
});

describe("fitLogNormal", () => {
  it("needs three ends", () => {
    expect(fitLogNormal([])).toBeUndefined();
    expect(
      fitLogNormal([
        { afterMs: 999, byMs: 1000 },
        { afterMs: 1999, byMs: 2000 },
        { afterMs: 5000, byMs: Infinity },
      ]),
    ).toBeUndefined();
  });

  it("finds the median and spread of ends known closely", () => {
    const ends = draws(400, 7_000, 0.35).map((d) => ({ afterMs: d - 1, byMs: d }));
    const fit = fitLogNormal(ends);
    expect(Math.exp(fit?.mu ?? 0)).toBeGreaterThan(6_700);
    expect(Math.exp(fit?.mu ?? 0)).toBeLessThan(7_300);
    expect(fit?.sigma).toBeGreaterThan(0.32);
    expect(fit?.sigma).toBeLessThan(0.38);
  });

  it("places the quick end from ends seen only between looks two seconds apart", () => {
    // Looks at 4, 6, 8 … s: each end known only as the two-second gap it fell in.
    const ends = draws(300, 7_000, 0.35).map((d): DurationInterval => {
      const byMs = 4_000 + Math.max(0, Math.ceil((d - 4_000) / 2_000)) * 2_000;
      return { afterMs: byMs === 4_000 ? 0 : byMs - 2_000, byMs };
    });
    const fit = fitLogNormal(ends);
    // The true 5% quantile: 7 s × e^(0.35 × −1.645) = 3.94 s.
    expect(fit && logNormalQuantile(fit, 0.05)).toBeGreaterThan(3_700);
    expect(fit && logNormalQuantile(fit, 0.05)).toBeLessThan(4_200);
  });

  it("counts jobs still going as lasting at least their age", () => {
    const all = draws(300, 7_000, 0.35);
    // Seen at 8 s: the ends before are known closely, the rest are still going.
    const observations = all.map((d) =>
      d <= 8_000 ? { afterMs: d - 1, byMs: d } : { afterMs: 8_000, byMs: Infinity },
    );
    const withCensoring = fitLogNormal(observations);
    const endsOnly = fitLogNormal(observations.filter((o) => Number.isFinite(o.byMs)));
    expect(Math.exp(withCensoring?.mu ?? 0)).toBeGreaterThan(6_600);
    expect(Math.exp(withCensoring?.mu ?? 0)).toBeLessThan(7_400);
    // Without the jobs in flight the fit would take the quick ends for all there is.
    expect(Math.exp(endsOnly?.mu ?? 0)).toBeLessThan(6_000);
  });
});
