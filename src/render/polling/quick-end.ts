/**
 * Where the quickest few of a kind's jobs end: a warm job's first look goes one step after it
 * (`DurationModel.firstLookMs`), so every job is seen within a step of its end except those few.
 *
 * The rule. The estimate's `earlyShare` (2%) quantile while the kind has few ends: within the 5%
 * that a p95 leaves, with room for a quantile read off a few dozen jobs. From MIN_FIT_ENDS ends on
 * (a memory of earlier runs has them from the first job), the `fitShare` (5%) quantile of a
 * log-normal fitted to the same ends (`lognormal-fit.ts`), capped at the estimate's `guardShare`
 * (7.5%) quantile — unless the fit puts less than half of `guardShare` below that quantile, which
 * says the quick ends are not log-normal (durations flat down to a hard edge), and the estimate's
 * `earlyShare` decides. Why a fit: read off a few hundred ends seen to within two seconds, the
 * few-percent quantile moves by up to a second with where one or two ends fell.
 *
 * Why these shares: a first look a few tenths of a second later costs little lateness and saves a
 * look from a third of the jobs, so the p95's 5% is spent here (steps longer than the target
 * would make jobs of every duration late instead). Over 40 seeds of `poll-simulation.ts` on
 * log-normal durations (median 7 s, σ 0.35, 200 jobs 40 at once, after a run of 200 such jobs),
 * 31 meet both half the article's requests and its p95 (0.491 of its requests on average), 32
 * after three such runs (0.489): the others are at 0.500–0.517 of its requests, none more than
 * 16 ms over its p95. A client that knew the distribution, on the best fixed schedule, meets 38
 * (0.487). 2% of the estimate alone meets 11 (0.506), 2% of the fit 2 (0.517); a step 2% over
 * the target (which runs about 4% under the article's p95 on log-normal durations) 35 after one
 * run but 28 after three, up to 110 ms over the p95. On uniform durations, which a log-normal
 * fits poorly at the quick end, half the seeds miss the article's p95 after an earlier run (2% of
 * the estimate: one).
 */
import type { DurationCell, DurationInterval } from "./interval-estimate.js";
import { durationQuantile } from "./interval-estimate.js";
import { fitLogNormal, logNormalQuantile, logNormalShareBelow } from "./lognormal-fit.js";

export interface QuickEndShares {
  /** Share of jobs that may end before the first look by more than the step, by the estimate. */
  earlyShare: number;
  /** The same share by the log-normal fit, once it is made of MIN_FIT_ENDS ends. */
  fitShare: number;
  /** The quick end is never past this quantile of the estimate (not the fit). */
  guardShare: number;
}

/**
 * Ends the log-normal fit needs before the quick end follows it. With fewer — a run's first wave,
 * before a memory exists — the fit's spread moves with every end and some waves would look late.
 */
export const MIN_FIT_ENDS = 80;

/**
 * The quick end in ms from submission, from the estimate's `cells` and, with `ends` finished jobs
 * or more, a fit to `observations` (asked for only then: a fit is a few thousand log-likelihood
 * terms). Undefined when nothing has ended.
 */
export function quickEndMs(
  cells: readonly DurationCell[],
  observations: () => DurationInterval[],
  ends: number,
  shares: QuickEndShares,
): number | undefined {
  const fit = ends >= MIN_FIT_ENDS ? fitLogNormal(observations()) : undefined;
  const guard = durationQuantile(cells, shares.guardShare);
  const fits =
    fit !== undefined &&
    guard !== undefined &&
    logNormalShareBelow(fit, guard) >= shares.guardShare / 2;
  return fits
    ? Math.min(logNormalQuantile(fit, shares.fitShare), guard)
    : durationQuantile(cells, shares.earlyShare);
}
