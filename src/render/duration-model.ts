/**
 * What a run has learnt about how long jobs take and whether the server holds status requests,
 * shared by every poll of the run so that later jobs — and jobs already in flight — poll better
 * than the first ones.
 *
 * The schedule when the server does not hold requests (ages from the POST's answer), per kind of
 * job. The yardstick is the source article's loop (`article-delay.ts`): waits of 1000 + 250·i ms.
 * - cold (fewer than MIN_SAMPLES finished jobs of the kind): no look before the type's floor
 *   (`TYPE_FLOOR_MS`, product knowledge: an image or audio render takes seconds, a video tens of
 *   seconds, so an earlier look is nearly always wasted), then the article's own waits. Jobs that
 *   start cold form the kind's _cohort_; they are looked at often, so their ends are known closely.
 * - warm: a first look at the cohort's `earlyShare`-quantile of durations plus the step, then a
 *   look every step; so every job is seen within a step except the quickest `earlyShare`.
 *   The step is `targetDetectionMs`: the article loop's own p95 delay on this kind's durations —
 *   the p95 to beat, met with a constant step instead of the article's growing one. Durations are
 *   censored data: the jobs still in flight are known to run at least as long as their age at the
 *   last "running", and the estimate counts them (Kaplan–Meier), so the first wave's quick ends
 *   do not set a step of a few hundred ms. Cohort jobs still in flight when the kind turns warm
 *   follow the same schedule.
 *   The cohort's quickest ends are a small sample; later jobs steer the first look (`resolved`).
 *   Not every finished job's duration: one found done at its first look only says it ended
 *   before, and counting that bound as its duration would push the first look ever later.
 * - past twice the longest duration seen, a job is a straggler or stuck: waits grow 1.5× (up to
 *   15 s), which bounds what a never-ending job costs. No earlier: a stretch inside the range of
 *   real durations only makes the late finishers late.
 * `Retry-After` is a floor on all of this and the timers' usual lateness is taken off each wait,
 * both applied by the poller.
 */

import { articleP95Delay, articleWaitMs } from "./article-delay.js";

export type PreferWaitSupport = "unknown" | "honoured" | "ignored";

export interface DurationModelTuning {
  /** Share of jobs that may end before the first look by more than the target delay. */
  earlyShare: number;
  /** Look every `targetDetectionMs` × this after the first look. */
  stepScale: number;
  /** How far one job's outcome moves the first look, in steps. */
  steering: number;
}

const MIN_SAMPLES = 3;
const LAG_SMOOTHING = 0.1;
/** A lateness beyond this is the process being stopped or starved, not timer lag to correct. */
const MAX_LAG_MS = 1_000;
const MAX_SAMPLES = 256;
const MIN_STEP_MS = 100;
const MAX_STEP_MS = 15_000;
const STRAGGLER_GROWTH = 1.5;
/** A job older than this multiple of the longest duration seen is a straggler. */
const STRAGGLER_AGE = 2;
/** No look before this age while a kind is cold, by job type (the kind's prefix). */
const TYPE_FLOOR_MS: Readonly<Record<string, number>> = {
  image: 3_000,
  audio: 3_000,
  video: 15_000,
};
/**
 * 2%: within the 5% that a p95 leaves, with room for the randomness of where each end falls
 * between two looks and for a cohort-quantile that comes out late. 3% saves ~0.35 req/job in
 * `poll-simulation.ts` but misses the article's p95 on two seeds of five.
 */
const DEFAULT_TUNING: DurationModelTuning = { earlyShare: 0.02, stepScale: 1, steering: 0.1 };

/** One job being polled, as the model sees it. */
export interface JobTrack {
  /** Started while its kind was cold: its end is known closely (see the cohort above). */
  readonly cohort: boolean;
  /** The latest age at which it was seen still going. */
  aliveMs: number;
}

interface KindState {
  samples: number[];
  inFlight: Set<JobTrack>;
  /** Durations of the cohort's finished jobs, in order of arrival. */
  cohortDone: number[];
  cohortSize: number;
  longestMs: number;
  /** Learnt correction to the first look (see `resolved`). */
  shiftMs: number;
  /** The article loop's p95 delay over `samples`, when last worked out. */
  targetMs?: number;
}

export class DurationModel {
  /** Latest evidence about `Prefer: wait`; starts unknown, so the first poll is sent at once. */
  preferWait: PreferWaitSupport = "unknown";
  /**
   * Settles when the run's first `Prefer: wait` request is answered. While it is out, other jobs
   * wait for it (briefly) instead of each sending a probe of their own: one answer teaches the
   * whole run whether the server holds requests.
   */
  probe: Promise<void> | undefined;
  private readonly kinds = new Map<string, KindState>();
  private readonly tuning: DurationModelTuning;

  constructor(tuning: Partial<DurationModelTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /**
   * How late the run's timers fire, on average (an exponential moving average). On a busy
   * machine a sleep of 2 s can end 100 ms or more late; every look would be that much later than
   * planned, and the detection delay with it.
   */
  timerLagMs = 0;

  noteTimerLag(lateByMs: number): void {
    if (!Number.isFinite(lateByMs)) return;
    this.timerLagMs += LAG_SMOOTHING * (clamp(lateByMs, 0, MAX_LAG_MS) - this.timerLagMs);
  }

  /** A planned wait, shortened by the timers' usual lateness (by at most a quarter). */
  lateAdjusted(waitMs: number): number {
    return waitMs - Math.min(this.timerLagMs, waitMs / 4);
  }

  /** Mark a probe as out; the returned function settles it. */
  beginProbe(): () => void {
    let settle = (): void => undefined;
    const probe = new Promise<void>((resolve) => (settle = resolve));
    this.probe = probe;
    return () => {
      settle();
      if (this.probe === probe) this.probe = undefined;
    };
  }

  /** A job of `kind` starts being polled; tell the model about it through the track. */
  start(kind: string): JobTrack {
    const cohort = !this.isWarm(kind);
    const state = this.state(kind);
    if (cohort) state.cohortSize += 1;
    const track = { cohort, aliveMs: 0 };
    state.inFlight.add(track);
    return track;
  }

  /** The job was seen still going `ageMs` after submission: its duration is at least that. */
  running(kind: string, track: JobTrack, ageMs: number): void {
    track.aliveMs = Math.max(track.aliveMs, ageMs);
    delete this.state(kind).targetMs;
  }

  /** The job is no longer polled: it ended (and was recorded) or gave up. */
  finish(kind: string, track: JobTrack): void {
    this.state(kind).inFlight.delete(track);
    delete this.state(kind).targetMs;
  }

  /** A finished job of `kind` (e.g. "image/flux-1.1-pro") took about `durationMs`. */
  record(kind: string, durationMs: number, cohort = false): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    const state = this.state(kind);
    state.samples.push(durationMs);
    if (state.samples.length > MAX_SAMPLES) state.samples.shift();
    if (cohort) state.cohortDone.push(durationMs);
    state.longestMs = Math.max(state.longestMs, durationMs);
    delete state.targetMs;
  }

  sampleCount(kind: string): number {
    return this.kinds.get(kind)?.samples.length ?? 0;
  }

  /** The q-quantile (0..1) of recorded durations of `kind`, if there are any. */
  quantile(kind: string, q: number): number | undefined {
    const samples = this.kinds.get(kind)?.samples;
    if (!samples?.length) return undefined;
    return pick(
      [...samples].sort((a, b) => a - b),
      q,
    );
  }

  /**
   * The delay from a job's end to its detection to aim for: what the article loop would give at
   * its 95th percentile on this kind's durations. Early in a run the durations seen are the
   * quickest ones; the jobs still in flight say the rest are longer (right-censored), so the
   * distribution is the Kaplan–Meier estimate over both, and its mass beyond every age seen is
   * given the article's wait at the oldest age. Without that, the first wave's quick ends would
   * set a target of a few hundred ms and its slower jobs would be polled that often.
   */
  targetDetectionMs(kind: string): number {
    const state = this.state(kind);
    state.targetMs ??= clamp(
      articleP95Delay(
        state.samples,
        [...state.inFlight].map((job) => job.aliveMs),
      ),
      MIN_STEP_MS,
      MAX_STEP_MS,
    );
    return state.targetMs;
  }

  /**
   * When a job of `kind` gets its first look, from submission, once the kind is warm. The cohort's
   * EARLY_SHARE-quantile counts the cohort's unfinished jobs as longer than every finished one.
   */
  firstLookMs(kind: string): number | undefined {
    const state = this.kinds.get(kind);
    if (!state || state.samples.length < MIN_SAMPLES) return undefined;
    let early: number | undefined;
    if (state.cohortSize > 0) {
      const rank = Math.max(1, Math.ceil(this.tuning.earlyShare * state.cohortSize));
      early = [...state.cohortDone].sort((a, b) => a - b)[rank - 1];
    } else {
      early = this.quantile(kind, this.tuning.earlyShare);
    }
    return early === undefined ? undefined : early + this.stepMs(kind) + state.shiftMs;
  }

  /**
   * A job that started warm ended and was seen at its `looks`-th look. The cohort's quickest ends
   * are a small sample and may sit well above the kind's true EARLY_SHARE-quantile; later jobs
   * correct that. Seen at the first look, a job ended before it; at the second, in the step after
   * it. With ends spread about evenly around the first look, the share that ended more than a
   * step before it is P(first) − P(second): steer that share to EARLY_SHARE (Robbins–Monro).
   */
  resolved(kind: string, track: JobTrack, looks: number): void {
    const state = this.kinds.get(kind);
    if (!state || track.cohort) return;
    const error = Number(looks === 1) - Number(looks === 2) - this.tuning.earlyShare;
    state.shiftMs -= this.tuning.steering * this.stepMs(kind) * error;
  }

  /** The wait before the next status request of a job of `kind`, `elapsedMs` after submission. */
  plan(job: { kind: string; elapsedMs: number; previousWaitMs: number }): number {
    const { kind, elapsedMs, previousWaitMs } = job;
    const first = this.isWarm(kind) ? this.firstLookMs(kind) : undefined;
    if (first === undefined) {
      const floor = TYPE_FLOOR_MS[kind.split("/")[0] ?? ""] ?? 0;
      return Math.max(articleWaitMs(elapsedMs), floor - elapsedMs);
    }
    if (elapsedMs + MIN_STEP_MS < first) return first - elapsedMs;
    const state = this.state(kind);
    const step = this.stepMs(kind);
    if (elapsedMs < STRAGGLER_AGE * state.longestMs) return step;
    return clamp(Math.max(step, previousWaitMs) * STRAGGLER_GROWTH, step, MAX_STEP_MS);
  }

  private isWarm(kind: string): boolean {
    return this.firstLookMs(kind) !== undefined;
  }

  private stepMs(kind: string): number {
    return clamp(this.targetDetectionMs(kind) * this.tuning.stepScale, MIN_STEP_MS, MAX_STEP_MS);
  }

  private state(kind: string): KindState {
    let state = this.kinds.get(kind);
    if (!state) {
      state = {
        samples: [],
        inFlight: new Set(),
        cohortDone: [],
        cohortSize: 0,
        longestMs: 0,
        shiftMs: 0,
      };
      this.kinds.set(kind, state);
    }
    return state;
  }
}

function pick(sorted: number[], q: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
