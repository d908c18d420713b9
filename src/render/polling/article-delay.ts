/**
 * The source article's polling loop (waits of 1000 + 250·i ms) as a yardstick for the duration
 * model: the wait it would be in at a given age, and the 95th-percentile delay it would give from
 * a job's end to its detection over a distribution of durations — the figure our schedule must
 * not exceed.
 */

import type { DurationCell } from "./interval-estimate.js";

/** The source article's wait in force at age `ageMs`: 1000 + 250·i after i polls. */
export function articleWaitMs(ageMs: number): number {
  let polls = 0;
  while (articlePollAt(polls + 1) <= ageMs) polls += 1;
  return 1000 + 250 * polls;
}

/** When the article loop makes its n-th poll (n ≥ 1), from submission. */
function articlePollAt(n: number): number {
  return 1000 * n + 125 * n * (n - 1);
}

/**
 * The article loop's p95 delay over a distribution of durations (`interval-estimate.ts`). A job
 * that ends at age d is seen by the article loop after a delay spread over [0, articleWaitMs(d)),
 * depending on where d falls between two of its polls; the p95 is the x with
 * Σ mass·max(0, 1 − x / wait) = 5%. Spread rather than exact, so that the target does not jump
 * with where the few durations seen so far happen to fall. A cell's mass counts at its middle;
 * mass past every age seen at least the article's wait at that age.
 */
export function articleP95Delay(cells: readonly DurationCell[]): number {
  const mass = cells.map((cell) => ({
    wait: articleWaitMs(Number.isFinite(cell.toMs) ? (cell.fromMs + cell.toMs) / 2 : cell.fromMs),
    weight: cell.mass,
  }));
  const late = (x: number) =>
    mass.reduce((sum, m) => sum + m.weight * Math.max(0, 1 - x / m.wait), 0);
  let low = 0;
  let high = Math.max(0, ...mass.map((m) => m.wait));
  for (let i = 0; i < 30; i += 1) {
    const mid = (low + high) / 2;
    if (late(mid) > 0.05) low = mid;
    else high = mid;
  }
  return Math.round(high);
}
