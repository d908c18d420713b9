/**
 * A log-normal fitted by maximum likelihood to durations known only as intervals: the smooth shape
 * `DurationModel` reads the quick end of a kind's durations from.
 *
 * Why a shape at all: the first look of a job goes at the few-percent quantile of durations, and
 * a few hundred ends seen to within a couple of seconds place that quantile only to about half a
 * second when read off the ends themselves — one or two of them lie there. A fit uses every end
 * (and every job still going) to place the quantile, to about a tenth of a second. Render times
 * are commonly log-normal: most near a typical time, a tail of slow ones. Where a kind's quick ends
 * are quicker than the fit says, the model's own estimate caps it (see `DurationModel`).
 */
import type { DurationInterval } from "./interval-estimate.js";

export interface LogNormal {
  /** Mean of ln(duration in ms). */
  mu: number;
  /** Standard deviation of ln(duration). */
  sigma: number;
}

/** Ends known this closely (relative to the duration) count by the density, not the interval. */
const CLOSE_SHARE = 0.02;
const MIN_SIGMA = 0.01;
const MAX_SIGMA = 3;
/** The search stops when its steps in μ and ln σ are this small. */
const TOLERANCE = 1e-4;
const MIN_ENDS = 3;

/**
 * The log-normal of greatest likelihood for `observations` (each an end in (afterMs, byMs], byMs
 * Infinity for a job still going at afterMs), or undefined with fewer than three ends.
 */
export function fitLogNormal(observations: readonly DurationInterval[]): LogNormal | undefined {
  const data = observations.filter(
    (o) => o.byMs > o.afterMs && o.byMs > 0 && (o.afterMs > 0 || Number.isFinite(o.byMs)),
  );
  const ends = data.filter((o) => Number.isFinite(o.byMs));
  if (ends.length < MIN_ENDS) return undefined;
  // Start from the ends' midpoints; then a pattern search in (μ, ln σ), halving its step.
  const logs = ends.map((o) => Math.log((Math.max(o.afterMs, 1) + o.byMs) / 2));
  let mu = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const spread = Math.sqrt(logs.reduce((sum, x) => sum + (x - mu) ** 2, 0) / logs.length);
  let logSigma = Math.log(Math.min(MAX_SIGMA, Math.max(0.1, spread)));
  let best = logLikelihood(data, mu, Math.exp(logSigma));
  for (let step = 0.25; step > TOLERANCE;) {
    let moved = false;
    for (const [dMu, dLogSigma] of [
      [step, 0],
      [-step, 0],
      [0, step],
      [0, -step],
    ] as const) {
      const sigma = Math.exp(logSigma + dLogSigma);
      if (sigma < MIN_SIGMA || sigma > MAX_SIGMA) continue;
      const value = logLikelihood(data, mu + dMu, sigma);
      if (value > best) {
        best = value;
        mu += dMu;
        logSigma += dLogSigma;
        moved = true;
        break;
      }
    }
    if (!moved) step /= 2;
  }
  return { mu, sigma: Math.exp(logSigma) };
}

/** The q-quantile (0..1) of the fitted durations, in ms. */
export function logNormalQuantile(fit: LogNormal, q: number): number {
  return Math.exp(fit.mu + fit.sigma * normalQuantile(q));
}

/** The share of the fitted durations at most `ms`. */
export function logNormalShareBelow(fit: LogNormal, ms: number): number {
  return ms > 0 ? normalCdf((Math.log(ms) - fit.mu) / fit.sigma) : 0;
}

function logLikelihood(data: readonly DurationInterval[], mu: number, sigma: number): number {
  const z = (ms: number): number => (Math.log(ms) - mu) / sigma;
  let sum = 0;
  for (const { afterMs, byMs } of data) {
    let p: number;
    if (!Number.isFinite(byMs)) {
      p = 1 - normalCdf(z(afterMs));
    } else if (byMs - afterMs <= CLOSE_SHARE * byMs) {
      const zb = z(byMs);
      p = (Math.exp((-zb * zb) / 2) / (Math.sqrt(2 * Math.PI) * sigma * byMs)) * (byMs - afterMs);
    } else {
      p = normalCdf(z(byMs)) - (afterMs > 0 ? normalCdf(z(afterMs)) : 0);
    }
    sum += Math.log(Math.max(p, Number.MIN_VALUE));
  }
  return sum;
}

/** Φ(z), within 1.5e-7 (Abramowitz and Stegun 7.1.26). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Φ⁻¹(p) for 0 < p < 1, by bisection on `normalCdf`. */
export function normalQuantile(p: number): number {
  let low = -8;
  let high = 8;
  for (let i = 0; i < 50; i += 1) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
