/**
 * Follow one job to its end. Every status request asks the server to hold the answer
 * (`Prefer: wait=N`, RFC 7240); a server that does so answers the moment the job ends, and the
 * poller asks again at once, so a job costs one or two requests and its end is seen within
 * milliseconds. A server that answers at once gets the learnt schedule of `DurationModel` instead,
 * never earlier than its `Retry-After`. A failed status request does not fail the job: it is
 * retried while the deadline and the run's retry budget last.
 */
import type { ApiClient, JobState, StatusResult } from "./api-client.js";
import {
  ApiUnavailableError,
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  ProtocolError,
  UnknownStatusError,
} from "./errors.js";
import type { DurationModel } from "./duration-model.js";
import type { Sleep } from "./retry.js";
import { DEFAULT_BACKOFF, backoffMs } from "./retry.js";

/**
 * 25 s: long enough that most renders end inside one held request, short enough to stay under the
 * 30–60 s idle timeouts of common proxies and load balancers.
 */
export const PREFER_WAIT_SECONDS = 25;

/** A held answer that took at least this share of N counts as held, header or not. */
const HELD_SHARE = 0.5;

const PENDING = new Set(["queued", "running"]);

export interface PollStats {
  /** Status requests that got an answer. */
  requests: number;
  /** Of those, answers the server held. */
  held: number;
  /** Status requests that failed after the client's own retries, and were tried again. */
  failures: number;
}

export interface PollOptions {
  /** Give up at this time (same clock as `now`), with JobTimeoutError or UnknownStatusError. */
  deadlineMs: number;
  now: () => number;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Shared by the run's polls; learns durations and whether the server holds requests. */
  model: DurationModel;
  /** What kind of job, for the model: e.g. `${type}/${model}`. */
  kind: string;
  /** When the job was submitted (default: now), for the model's schedule. */
  submittedAt?: number;
  /** An unknown status that lasts this long ends the job early. Default 2 minutes. */
  unknownStatusGraceMs?: number;
  random?: () => number;
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
  const { now, sleep, signal, model, kind, deadlineMs } = options;
  const submittedAt = options.submittedAt ?? now();
  const unknownGraceMs = options.unknownStatusGraceMs ?? 120_000;
  const random = options.random ?? Math.random;
  let polls = 0;
  let failures = 0;
  let previousWait = 0;
  let lastPollAt: number | undefined;
  let lastStatus: string | undefined;
  let unknownSince: number | undefined;

  let looked = false;
  const plan = () =>
    model.plan({
      kind,
      elapsedMs: now() - submittedAt,
      previousWaitMs: previousWait,
      polls,
      looked,
    });
  let { waitMs: wait, firstLook } =
    model.preferWait === "ignored" ? plan() : { waitMs: 0, firstLook: false };
  for (;;) {
    if (wait > 0) {
      await sleep(Math.min(wait, Math.max(0, deadlineMs - now())), signal);
      previousWait = wait;
    }
    const remainingS = Math.floor((deadlineMs - now()) / 1000);
    const preferWaitSeconds = Math.min(PREFER_WAIT_SECONDS, remainingS);
    const sentAt = now();
    let answer: StatusResult;
    try {
      answer = await client.status(id, { preferWaitSeconds, signal });
    } catch (error) {
      if (!isTransient(error) || now() >= deadlineMs) throw error;
      if (!client.retryBudget.tryWithdraw()) throw error;
      failures += 1;
      if (options.stats) options.stats.failures += 1;
      // The server's Retry-After on the last refusal is a floor here too, not only inside the client.
      const asked = error instanceof ApiUnavailableError ? (error.retryAfterMs ?? 0) : 0;
      wait = Math.max(backoffMs(failures, DEFAULT_BACKOFF, random), asked);
      continue;
    }
    const answeredAt = now();
    polls += 1;
    const { job } = answer;
    const held =
      answer.preferenceApplied ||
      (preferWaitSeconds > 0 && answeredAt - sentAt >= preferWaitSeconds * 1000 * HELD_SHARE);
    if (options.stats) {
      options.stats.requests += 1;
      if (held) options.stats.held += 1;
    }
    lastStatus = job.status;
    // A held answer is no look at one instant, so it teaches the first-look schedule nothing.
    if (firstLook && !held) model.noteFirstLook(kind, !PENDING.has(job.status));
    if (firstLook) looked = true;
    firstLook = false;

    if (job.status === "succeeded" && job.url) {
      // A held answer, or the very first one, came when the job ended; otherwise it ended between
      // the last two polls, so take the midpoint.
      const endedAt = held || lastPollAt === undefined ? answeredAt : (lastPollAt + answeredAt) / 2;
      model.record(kind, endedAt - submittedAt);
      return { url: job.url, job, polls };
    }
    if (job.status === "failed") throw new JobFailedError(id, job.error);
    if (job.status === "canceled" || job.status === "cancelled") throw new JobCanceledError(id);

    if (PENDING.has(job.status)) {
      unknownSince = undefined;
    } else {
      unknownSince ??= answeredAt;
      if (answeredAt - unknownSince >= unknownGraceMs) throw new UnknownStatusError(id, job.status);
    }
    if (answeredAt >= deadlineMs) {
      if (unknownSince !== undefined) throw new UnknownStatusError(id, job.status);
      throw new JobTimeoutError(id, answeredAt - submittedAt, lastStatus);
    }

    if (held) {
      model.preferWait = "honoured";
      wait = 0;
    } else {
      // A quick answer while the job is still going: this server does not hold requests (or just
      // reported a change of state); follow the schedule until a held answer says otherwise.
      if (preferWaitSeconds > 0) model.preferWait = "ignored";
      const next = plan();
      wait = Math.max(next.waitMs, answer.retryAfterMs ?? 0);
      firstLook = next.firstLook;
    }
    lastPollAt = answeredAt;
  }
}

/** Failures of one status request that say nothing about the job itself. */
function isTransient(error: unknown): boolean {
  return (
    (error instanceof ApiUnavailableError && error.reason === "attempts") ||
    error instanceof ProtocolError
  );
}
