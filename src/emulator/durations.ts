/**
 * How long a job takes: one draw per job from its type's `DurationRange`, either uniform over
 * [minMs, maxMs] or log-normal (the shape real render times have: most near a typical time, a
 * longer tail of slow ones) truncated to [minMs, maxMs].
 */
import type { Random } from "./rng.js";
import { between } from "./rng.js";
import type { DurationRange } from "./types.js";

/**
 * Draws outside [minMs, maxMs] are drawn again, this many times at most, then clamped: the result
 * stays a function of the seed however narrow the range is against the spread.
 */
const MAX_REDRAWS = 64;

/** One job's duration in ms, from `random` (the job's own seeded stream). */
export function drawDuration(random: Random, range: DurationRange): number {
  if (!("medianMs" in range)) return between(random, range.minMs, range.maxMs);
  const { minMs, maxMs, medianMs, spread } = range;
  let duration = medianMs;
  for (let draw = 0; draw < MAX_REDRAWS; draw += 1) {
    duration = medianMs * Math.exp(spread * standardNormal(random));
    if (duration >= minMs && duration <= maxMs) return duration;
  }
  return Math.min(maxMs, Math.max(minMs, duration));
}

/** Box–Muller: one standard normal value from two uniform draws. */
function standardNormal(random: Random): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 − u is in (0, 1]: the log is finite
  return radius * Math.cos(2 * Math.PI * random());
}

/** Throws a RangeError that names the option when `range` cannot be drawn from. */
export function checkDurationRange(type: string, range: DurationRange): void {
  if (!(range.minMs >= 0 && range.maxMs >= range.minMs)) {
    throw new RangeError(`durations.${type} must have 0 <= minMs <= maxMs.`);
  }
  const shape = range as Partial<{ medianMs: number; spread: number }>;
  if (shape.medianMs === undefined && shape.spread === undefined) return;
  if (shape.medianMs === undefined || shape.spread === undefined) {
    throw new RangeError(
      `durations.${type} needs both medianMs and spread for a log-normal shape (neither for uniform).`,
    );
  }
  if (!(shape.medianMs > 0 && shape.medianMs >= range.minMs && shape.medianMs <= range.maxMs)) {
    throw new RangeError(
      `durations.${type} must have 0 < medianMs and minMs <= medianMs <= maxMs.`,
    );
  }
  if (!(Number.isFinite(shape.spread) && shape.spread >= 0)) {
    throw new RangeError(
      `durations.${type}.spread, the σ of ln(duration), must be a finite number >= 0 (e.g. 0.35).`,
    );
  }
}
