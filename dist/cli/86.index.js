export const id = 86;
export const ids = [86,705];
export const modules = {

/***/ 6705:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_BACKOFF: () => (/* binding */ DEFAULT_BACKOFF),
/* harmony export */   PACED_WAIT_TOTAL_MS: () => (/* binding */ PACED_WAIT_TOTAL_MS),
/* harmony export */   RetryBudget: () => (/* binding */ RetryBudget),
/* harmony export */   THROTTLED_WAITS: () => (/* binding */ THROTTLED_WAITS),
/* harmony export */   backoffMs: () => (/* binding */ backoffMs),
/* harmony export */   parseRetryAfter: () => (/* binding */ parseRetryAfter),
/* harmony export */   retryDelayMs: () => (/* binding */ retryDelayMs),
/* harmony export */   retryLoop: () => (/* binding */ retryLoop),
/* harmony export */   sleep: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/**
 * When to try again: full-jitter exponential backoff, `Retry-After` parsing, and one retry budget
 * shared by every request of a run. Clock, randomness and sleep are passed in so that tests can
 * drive them; `sleep` below is the real, abortable one.
 */

const sleep = async (ms, signal) => {
    await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.max(0, ms), undefined, signal ? { signal } : undefined);
};
/**
 * 250 ms doubling to 20 s: six attempts span about 15 s on average, long enough to ride out a
 * restart behind a load balancer, short enough that a dead API fails the run within a minute.
 * `Retry-After` is honoured up to two minutes.
 */
const DEFAULT_BACKOFF = {
    baseMs: 250,
    capMs: 20_000,
    retryAfterCapMs: 120_000,
};
/**
 * Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): uniform in
 * [0, min(cap, base·2^retry)). Spreading retries over the whole window is what stops a crowd of
 * clients that failed together from returning together. `retry` counts from 0.
 */
function backoffMs(retry, policy, random) {
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
function parseRetryAfter(value, nowMs, capMs) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Math.min(Number(text) * 1000, capMs);
    let at = Number.NaN;
    if (IMF_FIXDATE.test(text) || RFC_850.test(text))
        at = Date.parse(text);
    // asctime carries no zone but means GMT; Date.parse would read it as local time.
    else if (ASCTIME.test(text))
        at = Date.parse(`${text} GMT`);
    if (Number.isNaN(at))
        return undefined;
    return Math.min(Math.max(at - nowMs, 0), capMs);
}
/**
 * The wait before retry number `retry` (from 0). A usable `Retry-After` is a floor — never come
 * back earlier than the server asked — plus up to a quarter more (at least `baseMs`) of jitter, so
 * that every client told "2" does not return in the same millisecond. Otherwise full-jitter backoff.
 */
function retryDelayMs(retry, retryAfter, options) {
    const { policy, random, nowMs } = options;
    const asked = parseRetryAfter(retryAfter, nowMs, policy.retryAfterCapMs);
    if (asked === undefined)
        return backoffMs(retry, policy, random);
    return asked + Math.floor(random() * Math.max(policy.baseMs, asked / 4));
}
/**
 * A run-wide allowance of retries, so that a storm of failures cannot multiply the load on a
 * struggling API or keep a run going for ever. It starts with `reserve` retries and every first
 * attempt adds `ratio` of one more (the "retry budget" of Finagle and gRPC): over a run, retries
 * stay below reserve + ratio × requests, however many requests fail. Not time-based, so a test
 * can reason about it exactly.
 */
class RetryBudget {
    balance;
    spentCount = 0;
    ratio;
    constructor(options = {}) {
        this.balance = options.reserve ?? 100;
        this.ratio = options.ratio ?? 0.2;
    }
    /** Call once per logical request (not per attempt). */
    recordRequest() {
        this.balance += this.ratio;
    }
    /** Take one retry if any is left. */
    tryWithdraw() {
        if (this.balance < 1)
            return false;
        this.balance -= 1;
        this.spentCount += 1;
        return true;
    }
    /** Retries taken so far in this run. */
    get spent() {
        return this.spentCount;
    }
    /** True when no retry is left right now (until more first attempts top the budget up). */
    get exhausted() {
        return this.balance < 1;
    }
}
/**
 * How long one request may wait as a 429's `Retry-After` tells it before further 429s count as
 * failures: at most THROTTLED_WAITS waits, together no longer than PACED_WAIT_TOTAL_MS. A server
 * whose rate limit is below the run's concurrency answers most lanes 429 for a while; those waits
 * are the server pacing the run, and counted as failures (six a request, and the run's retry
 * budget) they failed every asset of a run at 8 lanes against a limit of 3 requests a second.
 * Bounded in count and in time, so a server that answers 429 for ever (or "come back in two
 * minutes" each time) still ends the request within minutes.
 */
const THROTTLED_WAITS = 30;
const PACED_WAIT_TOTAL_MS = 5 * 60_000;
/**
 * The one retry loop: every request that may be tried again (API calls, status polls, result
 * downloads) goes through it, so the policy — backoff with full jitter, `Retry-After` as a floor,
 * the run's budget — is applied in one place, and no layer above retries again.
 */
async function retryLoop(attempt, options) {
    options.budget?.allowance.recordRequest();
    let failures = 0; // attempts that count: towards giveUp, and each takes a retry from the budget
    let pacedWaits = 0;
    let pacedMs = 0;
    for (let n = 1;; n += 1) {
        options.signal?.throwIfAborted();
        const outcome = await attempt(n);
        if (outcome.kind === "ok")
            return outcome.value;
        const timing = { policy: options.policy, random: options.random, nowMs: options.now() };
        const asked = parseRetryAfter(outcome.retryAfter, timing.nowMs, options.policy.retryAfterCapMs);
        const pacedDelay = outcome.throttled === true &&
            asked !== undefined &&
            pacedWaits < (options.throttledWaits ?? THROTTLED_WAITS)
            ? retryDelayMs(0, outcome.retryAfter, timing)
            : undefined;
        const paced = pacedDelay !== undefined && pacedMs + pacedDelay <= PACED_WAIT_TOTAL_MS;
        if (paced) {
            pacedWaits += 1;
            pacedMs += pacedDelay;
        }
        else
            failures += 1;
        // Asked after a paced wait too (with the count unchanged), so a deadline still ends the loop.
        const final = options.giveUp(outcome, failures);
        if (final)
            throw final;
        if (!paced && options.budget && !options.budget.allowance.tryWithdraw()) {
            throw options.budget.spent(outcome, failures);
        }
        const delayMs = paced ? pacedDelay : retryDelayMs(failures - 1, outcome.retryAfter, timing);
        options.onRetry?.(outcome, n, delayMs);
        await options.sleep(delayMs, options.signal);
    }
}


/***/ })

};
