/**
 * What a run has learnt about how long jobs take and whether the server holds status requests,
 * shared by every poll of the run so that later jobs — and jobs already in flight — poll better
 * than the first ones.
 *
 * The schedule when the server does not hold requests (ages from the POST's answer), per kind of
 * job. The yardstick is the source article's loop (`article-delay.ts`): waits of 1000 + 250·i ms.
 * - cold (fewer than MIN_SAMPLES finished jobs of the kind): no look before the type's floor
 *   (`TYPE_FLOOR_MS`, product knowledge: an image or audio render takes seconds, a video tens of
 *   seconds), then the article's own waits. The first looks are spread over `coldSpread` article
 *   waits after the floor (`JobTrack.phase`): between them the kind is looked at often, so its
 *   first ends are found soon, without every job paying for looks before anything can end.
 * - warm: a first look at the quick end of durations plus the step, then a look every step; so
 *   every job is seen within a step except the quickest few. The quick end (`quick-end.ts`): a
 *   low quantile of the estimate, or of a log-normal fitted to the ends once there are enough of
 *   them (a memory of earlier runs has them from the first job). The step is
 *   `targetDetectionMs`: the article loop's own p95 delay on this kind's durations — the p95 to
 *   beat, met with a constant step instead of the article's growing one. A job already looked at
 *   keeps its step from its last look, not before the first look.
 * - past twice the longest duration seen, a job is a straggler or stuck: waits grow 1.5× (up to
 *   15 s), which bounds what a never-ending job costs. No earlier: a stretch inside the range of
 *   real durations only makes the late finishers late.
 * Durations are estimated from what the looks say (`interval-estimate.ts`): a job seen going and
 * then done ended in between (a cold one done at its first look: after the floor); one done at
 * its first look only ended before it; the jobs in flight last at least their age (censored), so
 * the first wave's quick ends do not set a step of a few hundred ms. The log-normal fit takes the
 * intervals as they are; Turnbull's estimate takes an end between two looks at their midpoint
 * (`atMidpoint`).
 * When a job of the kind ends, jobs waiting for a look plan again (`news`): a kind that turns
 * warm moves the first looks of jobs that have not been looked at yet.
 * `Retry-After` is a floor on all of this and the timers' usual lateness is taken off each wait,
 * both applied by the poller.
 */
import { articleP95Delay, articleWaitMs } from "./article-delay.js";
import type { DurationCell, DurationInterval } from "./interval-estimate.js";
import { durationQuantile, durationShareBelow, estimateDurations } from "./interval-estimate.js";
import type { QuickEndShares } from "./quick-end.js";
import { quickEndMs } from "./quick-end.js";
import type { JobTrack, PollSchedule, PreferWaitSupport } from "./schedule.js";

export interface DurationModelTuning extends QuickEndShares {
  /** Look every `targetDetectionMs` × this after the first look. */
  stepScale: number;
  /** Cold first looks are spread over this many article waits after the type's floor. */
  coldSpread: number;
}

const MIN_SAMPLES = 3;
/**
 * Ends that wake the jobs waiting for a look: until the kind turns warm and a few more while its
 * first estimate settles. Later the schedule moves slowly and each job plans again at its next
 * look; waking every waiting job at every end would cost time linear in the concurrency per end.
 */
const NEWS_ENDS = 10;
const LAG_SMOOTHING = 0.1;
/** A lateness beyond this is the process being stopped or starved, not timer lag to correct. */
const MAX_LAG_MS = 1_000;
/** Finished jobs kept per kind (the latest), in a run and in the memory it saves. */
export const MAX_SAMPLES = 256;
/**
 * Recalled memory is dropped when, over at least DRIFT_MIN_LOOKS first looks, the jobs found done
 * differ from the estimate's share by DRIFT_SIGMAS binomial standard deviations plus DRIFT_SLACK
 * jobs.
 */
const DRIFT_MIN_LOOKS = 8;
const DRIFT_SIGMAS = 3;
const DRIFT_SLACK = 2;
/** Close ends of cold jobs kept across runs (`remember`): the quickest ends are seen only there. */
export const MAX_CLOSE_SAMPLES = 64;
const MIN_STEP_MS = 100;
const MAX_STEP_MS = 15_000;
const STRAGGLER_GROWTH = 1.5;
/** A job older than this multiple of the longest duration seen is a straggler. */
const STRAGGLER_AGE = 2;
/** The article loop's first look: no cold job looks earlier. */
const ARTICLE_FIRST_MS = 1_000;
/** No look before this age while a kind is cold, by job type (the kind's prefix). */
const TYPE_FLOOR_MS: Readonly<Record<string, number>> = {
  image: 3_000,
  audio: 3_000,
  video: 15_000,
};
/**
 * The quick end's shares: why these, in `quick-end.ts`. Two article waits of cold spread: over 40
 * seeds of `poll-simulation.ts` (log-normal and uniform durations), three save another 0.08
 * requests per job but miss the article's p95 on three seeds of the uniform's forty (a first wave
 * whose quickest jobs look late hides where the quickest ends fall); one costs 0.2 more.
 */
const DEFAULT_TUNING: DurationModelTuning = {
  earlyShare: 0.02,
  fitShare: 0.05,
  guardShare: 0.075,
  stepScale: 1,
  coldSpread: 2,
};
/** Golden-ratio steps spread the cold jobs' first looks evenly, however many there are. */
const PHASE_STEP = (Math.sqrt(5) - 1) / 2;

/**
 * What runs learnt about each kind's durations, for the next run to start warm: per kind, the
 * ends of jobs seen closely from before their end (`close`: the cold jobs', which place the
 * quickest ends) and the others (`other`), each an interval in ms from submission.
 */
export type DurationMemory = Record<
  string,
  { close: DurationInterval[]; other: DurationInterval[] }
>;

interface KindState {
  /**
   * Finished jobs: when each ended, as far as the looks tell. The cohort's are kept for the whole
   * run: they are the only ends seen closely before the first look, where the quickest jobs end.
   * Of the others, the latest MAX_SAMPLES.
   */
  cohortEnds: DurationInterval[];
  finished: DurationInterval[];
  ended: number;
  inFlight: Set<JobTrack>;
  cohortSize: number;
  longestMs: number;
  /** Settles when the next job of the kind ends. */
  news?: Promise<void>;
  tellNews?: () => void;
  /** The estimate and the target delay over it, when last worked out. */
  cells?: DurationCell[];
  targetMs?: number;
  /** `quickEndMs` over `cells`, when last worked out. */
  quickEndMs?: number;
  /** Observations changed since `cells` was worked out. */
  changes: number;
  /** The observations that came from memory (`recall`), until they are forgotten. */
  recalled: Set<DurationInterval>;
  /** This run's jobs planned from memory: how many had their first look, how many were done then. */
  firstLooks: number;
  doneAtFirstLook: number;
}

export class DurationModel implements PollSchedule {
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
  /**
   * Start from what earlier runs learnt (before any job starts): a kind with enough ends in
   * memory is warm from the first job, so the run's first wave polls like its later jobs.
   */
  recall(memory: DurationMemory): void {
    for (const [kind, known] of Object.entries(memory)) {
      const state = this.state(kind);
      const close = known.close.slice(-MAX_CLOSE_SAMPLES);
      const other = known.other.slice(-MAX_SAMPLES);
      state.cohortEnds.push(...close);
      state.finished.push(...other);
      state.ended += close.length + other.length;
      for (const end of [...close, ...other]) {
        state.recalled.add(end);
        state.longestMs = Math.max(state.longestMs, end.byMs);
      }
      this.changed(state);
    }
  }
  /** What this run and the runs it recalled know, for the next run. */
  remember(): DurationMemory {
    const memory: DurationMemory = {};
    for (const [kind, state] of this.kinds) {
      if (state.cohortEnds.length + state.finished.length === 0) continue;
      memory[kind] = {
        close: state.cohortEnds.slice(-MAX_CLOSE_SAMPLES),
        other: state.finished.slice(-MAX_SAMPLES),
      };
    }
    return memory;
  }
  /** A job of `kind` starts being polled; tell the model about it through the track. */
  start(kind: string): JobTrack {
    const cohort = !this.isWarm(kind);
    const state = this.state(kind);
    const phase = cohort ? (state.cohortSize * PHASE_STEP) % 1 : 0;
    if (cohort) state.cohortSize += 1;
    const track = { cohort, phase, aliveMs: 0, lookedMs: 0 };
    state.inFlight.add(track);
    return track;
  }
  /** The job was looked at `ageMs` after submission, whatever the answer. */
  looked(track: JobTrack, ageMs: number): void {
    track.lookedMs = Math.max(track.lookedMs, ageMs);
  }
  /** The job was seen still going `ageMs` after submission: its duration is at least that. */
  running(kind: string, track: JobTrack, ageMs: number): void {
    if (track.aliveMs === 0) this.firstLookAnswered(kind, track, false);
    track.aliveMs = Math.max(track.aliveMs, ageMs);
    this.looked(track, ageMs);
    this.changed(this.state(kind));
  }
  /** The job is no longer polled: it ended (and was recorded) or gave up. */
  finish(kind: string, track: JobTrack): void {
    this.state(kind).inFlight.delete(track);
    this.changed(this.state(kind));
  }
  /**
   * The job was seen done `ageMs` after submission: it ended since it was last seen going, when
   * that says when (the job was seen going past half its age; a cold job's first look counts from
   * the type's floor), or at any time since submission otherwise.
   */
  ended(kind: string, track: JobTrack, ageMs: number): void {
    if (track.aliveMs === 0) this.firstLookAnswered(kind, track, true);
    let after = Math.min(track.aliveMs, ageMs);
    if (after === 0 && track.cohort) after = Math.min(typeFloorMs(kind), ageMs);
    if (after > 0 && ageMs - after <= after) {
      this.add(kind, { afterMs: after, byMs: ageMs }, track.cohort);
    } else {
      this.add(kind, { afterMs: 0, byMs: ageMs }, track.cohort);
    }
  }
  /**
   * A finished job of `kind` (e.g. "image/flux-1.1-pro") took `durationMs`, known closely; `cohort`
   * if it started while the kind was cold.
   */
  record(kind: string, durationMs: number, cohort = false): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    this.add(kind, { afterMs: Math.max(0, durationMs - 1), byMs: durationMs }, cohort);
  }
  /**
   * Settles when the next job of `kind` ends: the schedule may move then (the kind turns warm,
   * the first look moves), so a job waiting for its next look plans again. Undefined once the
   * kind has settled (NEWS_ENDS).
   */
  news(kind: string): Promise<void> | undefined {
    const state = this.state(kind);
    if (state.ended >= NEWS_ENDS) return undefined;
    state.news ??= new Promise<void>((resolve) => (state.tellNews = resolve));
    return state.news;
  }
  sampleCount(kind: string): number {
    return this.kinds.get(kind)?.ended ?? 0;
  }
  /** The q-quantile (0..1) of the kind's durations as estimated so far, if any ended. */
  quantile(kind: string, q: number): number | undefined {
    if (this.sampleCount(kind) === 0) return undefined;
    return durationQuantile(this.estimate(kind), q);
  }
  /**
   * The delay from a job's end to its detection to aim for: what the article loop would give at
   * its 95th percentile on this kind's durations. The estimate counts the jobs still in flight as
   * lasting at least their age, so early in a run the target is not set by the quick ends alone.
   */
  targetDetectionMs(kind: string): number {
    const cells = this.estimate(kind);
    const state = this.state(kind);
    state.targetMs ??= clamp(articleP95Delay(cells), MIN_STEP_MS, MAX_STEP_MS);
    return state.targetMs;
  }
  /** When a job of `kind` gets its first look, from submission, once the kind is warm. */
  firstLookMs(kind: string): number | undefined {
    if (!this.isWarm(kind)) return undefined;
    const early = this.quickEndMs(kind);
    return early === undefined ? undefined : early + this.stepMs(kind);
  }
  /** Where the quickest few of the kind's jobs end (`quick-end.ts`), cached with the estimate. */
  private quickEndMs(kind: string): number | undefined {
    const cells = this.estimate(kind);
    const state = this.state(kind);
    state.quickEndMs ??= quickEndMs(
      cells,
      () => this.observations(state),
      state.cohortEnds.length + state.finished.length,
      this.tuning,
    );
    return state.quickEndMs;
  }
  /**
   * The wait before the next status request of a job of `kind`, `elapsedMs` after submission.
   * `track` says when it was last looked at; without one, at `elapsedMs` (never, at 0).
   */
  plan(job: { kind: string; elapsedMs: number; previousWaitMs: number; track?: JobTrack }): number {
    const { kind, elapsedMs, previousWaitMs, track } = job;
    const lastLook = track ? track.lookedMs : elapsedMs;
    const first = this.firstLookMs(kind);
    let next: number;
    if (first === undefined) {
      const floor = Math.max(ARTICLE_FIRST_MS, typeFloorMs(kind));
      const coldFirst = floor + (track?.phase ?? 0) * this.tuning.coldSpread * articleWaitMs(floor);
      // A look before the floor (the `Prefer: wait` probe) does not bring the next one forward.
      next = lastLook > 0 ? Math.max(coldFirst, lastLook + articleWaitMs(lastLook)) : coldFirst;
    } else if (lastLook <= 0) {
      next = first;
    } else {
      const step = this.stepMs(kind);
      const straggler = lastLook >= STRAGGLER_AGE * this.state(kind).longestMs;
      const wait = straggler
        ? clamp(Math.max(step, previousWaitMs) * STRAGGLER_GROWTH, step, MAX_STEP_MS)
        : step;
      next = Math.max(first, lastLook + wait);
    }
    return Math.max(0, next - elapsedMs);
  }
  /**
   * Memory from earlier runs may be out of date. If the service got quicker, jobs planned from it
   * are found done at their first look far more often than it predicts, each late by up to the
   * whole first look; if it got slower, far less often, and every job pays for looks at the old
   * pace until this run's ends outweigh the memory. Either way what was recalled is forgotten and
   * the kind learns afresh from this run's jobs.
   */
  private firstLookAnswered(kind: string, track: JobTrack, done: boolean): void {
    const state = this.state(kind);
    if (track.cohort || state.recalled.size === 0) return;
    state.firstLooks += 1;
    if (done) state.doneAtFirstLook += 1;
    const first = this.firstLookMs(kind);
    if (state.firstLooks < DRIFT_MIN_LOOKS || first === undefined) return;
    const expected = durationShareBelow(this.estimate(kind), first);
    const n = state.firstLooks;
    const excess = Math.abs(state.doneAtFirstLook - n * expected);
    if (excess > DRIFT_SIGMAS * Math.sqrt(n * expected * (1 - expected)) + DRIFT_SLACK) {
      this.forgetRecalled(state);
    }
  }
  private forgetRecalled(state: KindState): void {
    const keep = (end: DurationInterval): boolean => !state.recalled.has(end);
    state.cohortEnds = state.cohortEnds.filter(keep);
    state.finished = state.finished.filter(keep);
    state.ended = Math.max(0, state.ended - state.recalled.size);
    state.recalled.clear();
    state.longestMs = Math.max(0, ...[...state.cohortEnds, ...state.finished].map((e) => e.byMs));
    delete state.cells;
    delete state.targetMs;
    delete state.quickEndMs;
  }
  private isWarm(kind: string): boolean {
    return this.sampleCount(kind) >= MIN_SAMPLES;
  }
  private stepMs(kind: string): number {
    return clamp(this.targetDetectionMs(kind) * this.tuning.stepScale, MIN_STEP_MS, MAX_STEP_MS);
  }
  private add(kind: string, interval: DurationInterval, cohort: boolean): void {
    const state = this.state(kind);
    state.ended += 1;
    if (cohort) {
      state.cohortEnds.push(interval);
    } else {
      state.finished.push(interval);
      if (state.finished.length > MAX_SAMPLES) state.finished.shift();
    }
    state.longestMs = Math.max(state.longestMs, interval.byMs);
    this.changed(state);
    if (state.ended <= NEWS_ENDS) {
      const tell = state.tellNews;
      delete state.news;
      delete state.tellNews;
      tell?.();
    }
  }
  private changed(state: KindState): void {
    state.changes += 1;
  }
  /**
   * Turnbull's estimate over the finished jobs and those in flight. Worked out again at every
   * change while few jobs have ended, then once every (ended − 32) / 8 changes, so that the
   * estimate lags by a few percent of what it is made of.
   */
  private estimate(kind: string): DurationCell[] {
    const state = this.state(kind);
    const known = state.cohortEnds.length + state.finished.length;
    if (!state.cells || state.changes > Math.max(0, known - 32) / 8) {
      state.cells = estimateDurations(this.observations(state).map(atMidpoint));
      delete state.targetMs;
      delete state.quickEndMs;
      state.changes = 0;
    }
    return state.cells;
  }
  /** The finished jobs, and those in flight as lasting at least their age. */
  private observations(state: KindState): DurationInterval[] {
    return [
      ...state.cohortEnds,
      ...state.finished,
      ...[...state.inFlight].map((job) => ({ afterMs: job.aliveMs, byMs: Infinity })),
    ];
  }
  private state(kind: string): KindState {
    let state = this.kinds.get(kind);
    if (!state) {
      state = {
        cohortEnds: [],
        finished: [],
        ended: 0,
        inFlight: new Set(),
        cohortSize: 0,
        longestMs: 0,
        changes: 0,
        recalled: new Set(),
        firstLooks: 0,
        doneAtFirstLook: 0,
      };
      this.kinds.set(kind, state);
    }
    return state;
  }
}
/**
 * An end seen between two looks, taken at their midpoint for Turnbull's estimate: over the
 * intervals themselves its mass piles on the few narrow cells where one job was seen going just
 * before another was seen done, and the quantiles jump by a step with where they fall.
 */
function atMidpoint(end: DurationInterval): DurationInterval {
  if (!(end.afterMs > 0) || !Number.isFinite(end.byMs) || end.byMs - end.afterMs <= 1) return end;
  const mid = (end.afterMs + end.byMs) / 2;
  return { afterMs: mid - 1, byMs: mid };
}
function typeFloorMs(kind: string): number {
  return TYPE_FLOOR_MS[kind.split("/")[0] ?? ""] ?? 0;
}
function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
