/**
 * What the poller asks of the duration statistics, and tells them: when to look at a job next,
 * and what each look saw. `DurationModel` is the one implementation; the poller and the job runner
 * know only this interface, so the statistics behind it can change without touching them.
 */

/** Latest evidence about `Prefer: wait`; starts unknown, so the first poll is sent at once. */
export type PreferWaitSupport = "unknown" | "honoured" | "ignored";

/** One job being polled, as the model sees it. */
export interface JobTrack {
  /** Started while its kind was cold. */
  readonly cohort: boolean;
  /** Where in the spread of cold first looks this job looks, 0..1. */
  readonly phase: number;
  /** The latest age at which it was seen still going, 0 before. */
  aliveMs: number;
  /** The age of its latest answered look, 0 before the first. */
  lookedMs: number;
}

export interface PollSchedule {
  preferWait: PreferWaitSupport;
  /** Settles when the run's first `Prefer: wait` request is answered; undefined when none is out. */
  readonly probe: Promise<void> | undefined;
  /** Mark a probe as out; the returned function settles it. */
  beginProbe(): () => void;

  /** A job of `kind` starts being polled; everything later about it goes through the track. */
  start(kind: string): JobTrack;
  /** The job is no longer polled: it ended (and was recorded) or gave up. */
  finish(kind: string, track: JobTrack): void;

  /** How long to wait before the job's next look, in ms. */
  plan(job: { kind: string; elapsedMs: number; previousWaitMs: number; track?: JobTrack }): number;
  /** A planned wait, shortened by the timers' usual lateness. */
  lateAdjusted(waitMs: number): number;
  /** A sleep ended `lateByMs` after it was due. */
  noteTimerLag(lateByMs: number): void;
  /** Settles when the next job of `kind` ends (the schedule may move then); undefined once settled. */
  news(kind: string): Promise<void> | undefined;

  /** The job was looked at `ageMs` after submission, whatever the answer. */
  looked(track: JobTrack, ageMs: number): void;
  /** The job was seen still going at `ageMs`. */
  running(kind: string, track: JobTrack, ageMs: number): void;
  /** The job was seen done at `ageMs`, by a quick answer: it ended since it was last seen going. */
  ended(kind: string, track: JobTrack, ageMs: number): void;
  /** The job took `durationMs`, known closely (a held answer came when it ended). */
  record(kind: string, durationMs: number, cohort?: boolean): void;
}
