/**
 * When to try again: full-jitter exponential backoff, `Retry-After` parsing, and one retry budget
 * shared by every request of a run. Clock, randomness and sleep are passed in so that tests can
 * drive them; `sleep` below is the real, abortable one.
 */
import { setTimeout as delay } from "node:timers/promises";

/** Waits `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = async (ms, signal) => {
  await delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
};

export interface BackoffPolicy {
  /** Upper bound of the first retry's wait; doubles with each further retry. */
  baseMs: number;
  /** No backoff wait is longer than this. */
  capMs: number;
  /** `Retry-After` values above this are cut down to it (a server asking for an hour is wrong). */
  retryAfterCapMs: number;
}

/**
 * 250 ms doubling to 20 s: six attempts span about 15 s on average, long enough to ride out a
 * restart behind a load balancer, short enough that a dead API fails the run within a minute.
 * `Retry-After` is honoured up to two minutes.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 250,
  capMs: 20_000,
  retryAfterCapMs: 120_000,
};

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): uniform in
 * [0, min(cap, base·2^retry)). Spreading retries over the whole window is what stops a crowd of
 * clients that failed together from returning together. `retry` counts from 0.
 */
export function backoffMs(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

// RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850 and asctime forms a recipient must accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * `Retry-After` as a wait in milliseconds, clamped to [0, capMs]: delta-seconds, or an HTTP date
 * taken relative to `nowMs` (a date in the past means "now"). Anything else — empty, negative,
 * fractional, a date in another shape — is `undefined`, and the caller falls back to backoff.
 */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number,
  capMs: number,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  let at = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) at = Date.parse(text);
  // asctime carries no zone but means GMT; Date.parse would read it as local time.
  else if (ASCTIME.test(text)) at = Date.parse(`${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - nowMs, 0), capMs);
}

/**
 * The wait before retry number `retry` (from 0). A usable `Retry-After` is a floor — never come
 * back earlier than the server asked — plus up to a quarter more (at least `baseMs`) of jitter, so
 * that every client told "2" does not return in the same millisecond. Otherwise full-jitter backoff.
 */
export function retryDelayMs(
  retry: number,
  retryAfter: string | undefined,
  options: { policy: BackoffPolicy; random: () => number; nowMs: number },
): number {
  const { policy, random, nowMs } = options;
  const asked = parseRetryAfter(retryAfter, nowMs, policy.retryAfterCapMs);
  if (asked === undefined) return backoffMs(retry, policy, random);
  return asked + Math.floor(random() * Math.max(policy.baseMs, asked / 4));
}

/**
 * A run-wide allowance of retries, so that a storm of failures cannot multiply the load on a
 * struggling API or keep a run going for ever. It starts with `reserve` retries and every first
 * attempt adds `ratio` of one more (the "retry budget" of Finagle and gRPC): over a run, retries
 * stay below reserve + ratio × requests, however many requests fail. Not time-based, so a test
 * can reason about it exactly.
 */
export class RetryBudget {
  private balance: number;
  private spentCount = 0;
  private readonly ratio: number;

  constructor(options: { reserve?: number; ratio?: number } = {}) {
    this.balance = options.reserve ?? 100;
    this.ratio = options.ratio ?? 0.2;
  }

  /** Call once per logical request (not per attempt). */
  recordRequest(): void {
    this.balance += this.ratio;
  }

  /** Take one retry if any is left. */
  tryWithdraw(): boolean {
    if (this.balance < 1) return false;
    this.balance -= 1;
    this.spentCount += 1;
    return true;
  }

  /** Retries taken so far in this run. */
  get spent(): number {
    return this.spentCount;
  }

  /** True when no retry is left right now (until more first attempts top the budget up). */
  get exhausted(): boolean {
    return this.balance < 1;
  }
}

/** One attempt's verdict: a value, or a failure worth another try. */
export type Attempt<T> =
  | { kind: "ok"; value: T }
  | {
      kind: "retry";
      /** What went wrong, for messages, e.g. "HTTP 503" or "ECONNRESET". Never holds the key. */
      problem: string;
      /** The server's `Retry-After`, if it sent one: a floor for the wait. */
      retryAfter?: string | undefined;
      /** The answer came but could not be read (a proxy's error page, a cut body). */
      malformed?: boolean;
      /**
       * The server said "too many requests" (429): with a usable `Retry-After`, waiting as it asks
       * is flow control, not a failure (see `THROTTLED_WAITS`).
       */
      throttled?: boolean;
      /** The error behind the failure, when there is one. */
      error?: unknown;
    };

export type FailedAttempt = Extract<Attempt<unknown>, { kind: "retry" }>;

/**
 * How long one request may wait as a 429's `Retry-After` tells it before further 429s count as
 * failures: at most THROTTLED_WAITS waits, together no longer than PACED_WAIT_TOTAL_MS. A server
 * whose rate limit is below the run's concurrency answers most lanes 429 for a while; those waits
 * are the server pacing the run, and counted as failures (six a request, and the run's retry
 * budget) they failed every asset of a run at 8 lanes against a limit of 3 requests a second.
 * Bounded in count and in time, so a server that answers 429 for ever (or "come back in two
 * minutes" each time) still ends the request within minutes.
 */
export const THROTTLED_WAITS = 30;
export const PACED_WAIT_TOTAL_MS = 5 * 60_000;

export interface RetryLoopOptions {
  policy: BackoffPolicy;
  random: () => number;
  now: () => number;
  sleep: Sleep;
  signal?: AbortSignal | undefined;
  /**
   * The run's allowance (each retry takes one), and the error to end with when it has none left.
   * Without one, only `giveUp` bounds the loop.
   */
  budget?: { allowance: RetryBudget; spent(failure: FailedAttempt, attempts: number): Error };
  /**
   * Asked after each failed attempt (`attempts` made so far): the error to end the loop with, or
   * undefined to try again.
   */
  giveUp(failure: FailedAttempt, attempts: number): Error | undefined;
  /** Paced waits a request may take before a 429 counts as a failure (`THROTTLED_WAITS`). */
  throttledWaits?: number;
  /** Told before each wait, for logs and statistics. */
  onRetry?(failure: FailedAttempt, attempts: number, delayMs: number): void;
}

/**
 * The one retry loop: every request that may be tried again (API calls, status polls, result
 * downloads) goes through it, so the policy — backoff with full jitter, `Retry-After` as a floor,
 * the run's budget — is applied in one place, and no layer above retries again.
 */
export async function retryLoop<T>(
  attempt: (attemptNumber: number) => Promise<Attempt<T>>,
  options: RetryLoopOptions,
): Promise<T> {
  options.budget?.allowance.recordRequest();
  let failures = 0; // attempts that count: towards giveUp, and each takes a retry from the budget
  let pacedWaits = 0;
  let pacedMs = 0;
  for (let n = 1; ; n += 1) {
    options.signal?.throwIfAborted();
    const outcome = await attempt(n);
    if (outcome.kind === "ok") return outcome.value;
    const timing = { policy: options.policy, random: options.random, nowMs: options.now() };
    const asked = parseRetryAfter(outcome.retryAfter, timing.nowMs, options.policy.retryAfterCapMs);
    const pacedDelay =
      outcome.throttled === true &&
      asked !== undefined &&
      pacedWaits < (options.throttledWaits ?? THROTTLED_WAITS)
        ? retryDelayMs(0, outcome.retryAfter, timing)
        : undefined;
    const paced = pacedDelay !== undefined && pacedMs + pacedDelay <= PACED_WAIT_TOTAL_MS;
    if (paced) {
      pacedWaits += 1;
      pacedMs += pacedDelay;
    } else failures += 1;
    // Asked after a paced wait too (with the count unchanged), so a deadline still ends the loop.
    const final = options.giveUp(outcome, failures);
    if (final) throw final;
    if (!paced && options.budget && !options.budget.allowance.tryWithdraw()) {
      throw options.budget.spent(outcome, failures);
    }
    const delayMs = paced ? pacedDelay : retryDelayMs(failures - 1, outcome.retryAfter, timing);
    options.onRetry?.(outcome, n, delayMs);
    await options.sleep(delayMs, options.signal);
  }
}
