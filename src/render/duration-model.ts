/**
 * What a run has learnt about how long jobs take and whether the server holds status requests,
 * shared by every poll of the run so that later jobs poll better than earlier ones.
 *
 * The schedule when the server does not hold requests (times from submission), per kind of job:
 * - cold (fewer than MIN_SAMPLES finished jobs of this kind): the article loop's own waits,
 *   1000 + 250·i ms, so a first run is never worse than the baseline;
 * - warm: one "first look" at `firstPollMs`, then one poll every `step` up to the 97th percentile
 *   of durations, then 1.5× longer each time (up to 15 s) for stragglers and stuck jobs.
 *   `step` = √(550 ms × median duration): about the article loop's own interval at that age
 *   (after T ms its waits are ≈ √(500·T)), so detection is no slower — 2.3 s for a 10 s median,
 *   4.7 s for 40 s. `firstPollMs` is steered so that about 15% of jobs (`firstLookHitRate`) are
 *   already done at the first look: each look that finds the job done moves it earlier, each that
 *   finds it running moves it later (a Robbins–Monro step). Steering by outcomes rather than by
 *   measured durations matters: a job found done at the first look only says it ended before,
 *   and learning from those bounds would push the first look later and later.
 */

export type PreferWaitSupport = "unknown" | "honoured" | "ignored";

export interface WaitPlan {
  waitMs: number;
  /** The poll after this wait is the job's first look: report its outcome with `noteFirstLook`. */
  firstLook: boolean;
}

export interface DurationModelTuning {
  firstLookHitRate: number;
  stepScaleMs: number;
}

const MIN_SAMPLES = 3;
const MAX_SAMPLES = 256;
const LATE_QUANTILE = 0.97;
const MIN_STEP_MS = 100;
const MAX_STEP_MS = 15_000;
const STRAGGLER_GROWTH = 1.5;
/** How far one first look moves `firstPollMs`, in steps. */
const LEARNING_RATE = 0.5;
/**
 * Chosen with `poll-simulation.ts` over uniform 4–16 s, log-normal ~8 s and uniform 20–60 s jobs:
 * a lower hit rate wastes polls on long jobs, a higher one delays the quick ones.
 */
const DEFAULT_TUNING: DurationModelTuning = { firstLookHitRate: 0.15, stepScaleMs: 550 };

interface KindState {
  samples: number[];
  firstPollMs?: number;
}

export class DurationModel {
  /** Latest evidence about `Prefer: wait`; starts unknown, so the first poll is sent at once. */
  preferWait: PreferWaitSupport = "unknown";
  private readonly kinds = new Map<string, KindState>();
  private readonly tuning: DurationModelTuning;

  constructor(tuning: Partial<DurationModelTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /** A finished job of `kind` (e.g. "image/flux-1.1-pro") took about `durationMs`. */
  record(kind: string, durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    const state = this.state(kind);
    state.samples.push(durationMs);
    if (state.samples.length > MAX_SAMPLES) state.samples.shift();
  }

  sampleCount(kind: string): number {
    return this.kinds.get(kind)?.samples.length ?? 0;
  }

  /** The q-quantile (0..1) of recorded durations of `kind`, if there are any. */
  quantile(kind: string, q: number): number | undefined {
    const samples = this.kinds.get(kind)?.samples;
    if (!samples?.length) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
  }

  /**
   * The wait before the next status request of a job of `kind`, `elapsedMs` after submission,
   * after `polls` status requests of which the last came `previousWaitMs` after the one before;
   * `looked` says whether the job has had its first look already.
   */
  plan(job: {
    kind: string;
    elapsedMs: number;
    previousWaitMs: number;
    polls: number;
    looked: boolean;
  }): WaitPlan {
    const { kind, elapsedMs, previousWaitMs, polls } = job;
    if (this.sampleCount(kind) < MIN_SAMPLES)
      return { waitMs: 1000 + 250 * polls, firstLook: false };
    const step = this.stepMs(kind);
    const state = this.state(kind);
    state.firstPollMs ??= Math.min(this.quantile(kind, 0) ?? 0, this.quantile(kind, 0.5) ?? 0);
    if (!job.looked && elapsedMs < state.firstPollMs) {
      return { waitMs: Math.max(state.firstPollMs - elapsedMs, MIN_STEP_MS), firstLook: true };
    }
    if (elapsedMs < (this.quantile(kind, LATE_QUANTILE) ?? 0))
      return { waitMs: step, firstLook: false };
    const waitMs = clamp(Math.max(step, previousWaitMs) * STRAGGLER_GROWTH, step, MAX_STEP_MS);
    return { waitMs, firstLook: false };
  }

  /** The outcome of a first look: was the job already done? */
  noteFirstLook(kind: string, done: boolean): void {
    const state = this.state(kind);
    if (state.firstPollMs === undefined) return;
    const { firstLookHitRate } = this.tuning;
    const move =
      LEARNING_RATE * this.stepMs(kind) * (done ? firstLookHitRate - 1 : firstLookHitRate);
    state.firstPollMs = clamp(state.firstPollMs + move, 0, this.quantile(kind, 0.5) ?? 0);
  }

  private stepMs(kind: string): number {
    const median = this.quantile(kind, 0.5) ?? 0;
    return clamp(Math.sqrt(this.tuning.stepScaleMs * median), MIN_STEP_MS, MAX_STEP_MS);
  }

  private state(kind: string): KindState {
    let state = this.kinds.get(kind);
    if (!state) {
      state = { samples: [] };
      this.kinds.set(kind, state);
    }
    return state;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
