import { describe, expect, it } from "vitest";
import type { DurationInterval } from "./interval-estimate.js";
import { durationQuantile, estimateDurations } from "./interval-estimate.js";

const exact = (ms: number): DurationInterval => ({ afterMs: ms - 1, byMs: ms });
const going = (ms: number): DurationInterval => ({ afterMs: ms, byMs: Infinity });
const masses = (observations: DurationInterval[]) =>
  estimateDurations(observations).map(({ fromMs, toMs, mass }) => [
    fromMs,
    toMs,
    Math.round(mass * 1000) / 1000,
  ]);

describe("estimateDurations", () => {
  it("knows nothing from no job, or from jobs not looked at yet", () => {
    expect(estimateDurations([])).toEqual([]);
    expect(estimateDurations([going(0), going(0)])).toEqual([]);
  });

  it("gives each close end its share", () => {
    const cells = estimateDurations([exact(3_000), exact(1_000), exact(2_000), exact(4_000)]);
    expect(cells.map((c) => c.toMs)).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(cells.every((c) => Math.abs(c.mass - 0.25) < 1e-9)).toBe(true);
    expect(durationQuantile(cells, 0.5)).toBe(2_000);
    expect(durationQuantile(cells, 0.75)).toBe(3_000);
  });

  it("is Kaplan–Meier with jobs still going", () => {
    // Ends at 1 s and 2 s, jobs going at 1.5 s and 3 s: S(1) = 3/4, S(2) = 3/4 × 1/2.
    expect(masses([exact(1_000), going(1_500), exact(2_000), going(3_000)])).toEqual([
      [999, 1_000, 0.25],
      [1_999, 2_000, 0.375],
      [3_000, Infinity, 0.375],
    ]);
    // A quantile in the mass past every age seen is that age: the jobs last at least that long.
    const cells = estimateDurations([exact(1_000), going(1_500), exact(2_000), going(3_000)]);
    expect(durationQuantile(cells, 0.9)).toBe(3_000);
  });

  it("puts an end known only as 'before' where the other ends below it are", () => {
    // Two close ends at 4 s and 6 s; two jobs found done at their first look, at 8 s and 5 s.
    const cells = estimateDurations([
      exact(4_000),
      exact(6_000),
      { afterMs: 0, byMs: 8_000 },
      { afterMs: 0, byMs: 5_000 },
    ]);
    const at = (ms: number) => cells.find((c) => c.toMs === ms)?.mass ?? 0;
    // The one before 5 s can only be the 4 s kind; the one before 8 s splits in proportion.
    expect(at(4_000)).toBeGreaterThan(0.6);
    expect(at(4_000) + at(6_000)).toBeCloseTo(1, 6);
  });

  it("finds the innermost intervals of overlapping ones", () => {
    // (0, 2], (1, 3], (4, 5]: the mass can only sit in (1, 2] and (4, 5].
    expect(
      masses([
        { afterMs: 0, byMs: 2_000 },
        { afterMs: 1_000, byMs: 3_000 },
        { afterMs: 4_000, byMs: 5_000 },
      ]),
    ).toEqual([
      [1_000, 2_000, 0.667],
      [4_000, 5_000, 0.333],
    ]);
  });
});
