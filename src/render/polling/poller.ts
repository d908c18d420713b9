/**
 * Follow one job to its end. Every status request asks the server to hold the answer
 * (`Prefer: wait=N`, RFC 7240); a server that does so answers the moment the job ends, and the
 * poller asks again at once, so a job costs one or two requests and its end is seen within
 * milliseconds. A server that answers at once gets the learnt schedule of `DurationModel` instead,
 * never earlier than its `Retry-After`; a job waiting for its next look plans it again when
 * another job of its kind ends while the model is still learning. One job's answer teaches the
 * whole run which kind of server it is: jobs that start while the first probe is out wait for
 * it rather than send their own. A failed status request does not fail the job: it is retried
 * while the deadline and the run's retry budget last.
 */
import type { ApiClient, JobState, StatusResult } from "../api/client.js";
import {
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  UnknownStatusError,
} from "../errors.js";
import type { JobTrack, PollSchedule } from "./schedule.js";
import type { Sleep } from "../../net/retry.js";

/**
 * 25 s: long enough that most renders end inside one held request, short enough to stay under the
 * 30–60 s idle timeouts of common proxies and load balancers.
 */
export const PREFER_WAIT_SECONDS = 25;

/** A held answer that took at least this share of N counts as held, header or not. */
const HELD_SHARE = 0.5;

/**
 * How long a job waits for another job's outstanding `Prefer: wait` probe before sending its own.
 * A server that ignores the preference answers within a round trip, so a probe still out after
 * this long is most likely being held: the server honours it, and this job should be held too.
 */
export const PROBE_PATIENCE_MS = 1_000;

const PENDING = new Set(["queued", "running"]);

export interface PollStats {
  /** Status requests that got an answer. */
  requests: number;
  /** Of those, answers the server held. */
  held: number;
}

export interface PollOptions {
  /** Give up at this time (same clock as `now`), with JobTimeoutError or UnknownStatusError. */
  deadlineMs: number;
  now: () => number;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Shared by the run's polls; learns durations and whether the server holds requests. */
  model: PollSchedule;
  /** What kind of job, for the model: e.g. `${type}/${model}`. */
  kind: string;
  /** When the job was submitted (default: now), for the model's schedule. */
  submittedAt?: number;
  /** An unknown status that lasts this long ends the job early. Default 2 minutes. */
  unknownStatusGraceMs?: number;
  stats?: PollStats;
}

export interface PollResult {
  url: string;
  job: JobState;
  /** Status requests this job took. */
  polls: number;
}

export type StatusSource = Pick<ApiClient, "status" | "retryBudget">;

export async function pollUntilDone(
  client: StatusSource,
  id: string,
  options: PollOptions,
): Promise<PollResult> {
  // The model counts the job as in flight while it is polled: "still running" is evidence too.
  const track = options.model.start(options.kind);
  try {
    return await follow(client, id, options, track);
  } finally {
    options.model.finish(options.kind, track);
  }
}

async function follow(
  client: StatusSource,
  id: string,
  options: PollOptions,
  track: JobTrack,
): Promise<PollResult> {
  const { now, sleep, signal, model, kind, deadlineMs } = options;
  const submittedAt = options.submittedAt ?? now();
  const unknownGraceMs = options.unknownStatusGraceMs ?? 120_000;
  let polls = 0;
  let previousWait = 0;
  let lastStatus: string | undefined;
  let unknownSince: number | undefined;

  // Aimed so that the look happens at the planned age, not the timer's lateness after it, and
  // never before the server's last Retry-After.
  let notBefore = 0;
  const scheduledWait = () =>
    Math.max(
      model.lateAdjusted(
        model.plan({ kind, elapsedMs: now() - submittedAt, previousWaitMs: previousWait, track }),
      ),
      notBefore - now(),
    );
  /** Sleeps `ms` (not past the deadline): true when it did, false when `until` settled first. */
  const pause = async (ms: number, until?: Promise<void>): Promise<boolean> => {
    const asked = Math.min(ms, Math.max(0, deadlineMs - now()));
    const sleptFrom = now();
    const timer = new AbortController();
    const stop = (): void => timer.abort(signal?.reason);
    signal?.addEventListener("abort", stop, { once: true });
    try {
      const slept = await Promise.race([
        sleep(asked, timer.signal).then(
          () => true,
          () => false,
        ),
        ...(until ? [until.then(() => false)] : []),
      ]);
      signal?.throwIfAborted();
      if (slept) model.noteTimerLag(now() - sleptFrom - asked);
      return slept;
    } finally {
      timer.abort();
      signal?.removeEventListener("abort", stop);
    }
  };
  // One probe per run: a job that starts while another's first `Prefer: wait` request is out
  // waits for its answer instead of spending a request to learn the same thing.
  if (model.preferWait === "unknown" && model.probe) {
    await waitForProbe(model.probe, sleep, signal);
  }
  let scheduled = model.preferWait === "ignored";
  let wait = scheduled ? scheduledWait() : 0;
  for (;;) {
    if (wait > 0) {
      previousWait = wait;
      if (!scheduled) {
        await pause(wait);
      } else {
        // When another job of the kind ends, the model may have learnt enough to move this look.
        while (!(await pause(wait, model.news(kind)))) {
          wait = scheduledWait();
          if (wait <= 0) break;
        }
      }
    }
    const remainingS = Math.floor((deadlineMs - now()) / 1000);
    const preferWaitSeconds = Math.min(PREFER_WAIT_SECONDS, remainingS);
    const sentAt = now();
    const settleProbe =
      model.preferWait === "unknown" && !model.probe ? model.beginProbe() : undefined;
    let answer: StatusResult;
    try {
      // Failed requests are tried again inside the client while the deadline lasts: a job is
      // never failed for a status request that failed.
      answer = await client.status(id, { preferWaitSeconds, retryUntilMs: deadlineMs, signal });
    } catch (error) {
      settleProbe?.();
      throw error;
    }
    const answeredAt = now();
    polls += 1;
    const { job } = answer;
    const held =
      answer.preferenceApplied ||
      (preferWaitSeconds > 0 && answeredAt - sentAt >= preferWaitSeconds * 1000 * HELD_SHARE);
    if (held) model.preferWait = "honoured";
    else if (preferWaitSeconds > 0 && PENDING.has(job.status)) model.preferWait = "ignored";
    settleProbe?.();
    if (options.stats) {
      options.stats.requests += 1;
      if (held) options.stats.held += 1;
    }
    lastStatus = job.status;
    model.looked(track, answeredAt - submittedAt);

    if (job.status === "succeeded" && job.url) {
      // A held answer came when the job ended; a quick one says it ended since it was last seen
      // going (or since submission).
      if (held) model.record(kind, answeredAt - submittedAt, track.cohort);
      else model.ended(kind, track, answeredAt - submittedAt);
      return { url: job.url, job, polls };
    }
    if (job.status === "failed") throw new JobFailedError(id, job.error);
    if (job.status === "canceled" || job.status === "cancelled") throw new JobCanceledError(id);

    if (PENDING.has(job.status)) {
      unknownSince = undefined;
      // A held answer says the job was going until just now, as much as a quick one does.
      model.running(kind, track, answeredAt - submittedAt);
    } else {
      unknownSince ??= answeredAt;
      if (answeredAt - unknownSince >= unknownGraceMs) throw new UnknownStatusError(id, job.status);
    }
    if (answeredAt >= deadlineMs) {
      if (unknownSince !== undefined) throw new UnknownStatusError(id, job.status);
      throw new JobTimeoutError(id, answeredAt - submittedAt, lastStatus);
    }

    if (held) {
      wait = 0;
    } else {
      // A quick answer while the job is still going: this server does not hold requests (or just
      // reported a change of state); follow the schedule until a held answer says otherwise.
      if (preferWaitSeconds > 0) model.preferWait = "ignored";
      notBefore = answeredAt + (answer.retryAfterMs ?? 0);
      scheduled = true;
      wait = scheduledWait();
    }
  }
}

/** Until the probe is answered or `PROBE_PATIENCE_MS` pass, whichever is first. */
async function waitForProbe(
  probe: Promise<void>,
  sleep: PollOptions["sleep"],
  signal: AbortSignal | undefined,
): Promise<void> {
  const patience = new AbortController();
  const stop = (): void => patience.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await Promise.race([probe, sleep(PROBE_PATIENCE_MS, patience.signal).catch(() => undefined)]);
  } finally {
    patience.abort();
    signal?.removeEventListener("abort", stop);
  }
  signal?.throwIfAborted();
}
