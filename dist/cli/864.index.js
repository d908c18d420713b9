export const id = 864;
export const ids = [864];
export const modules = {

/***/ 1169:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $G: () => (/* binding */ JobTimeoutError),
/* harmony export */   BO: () => (/* reexport safe */ _net_errors_js__WEBPACK_IMPORTED_MODULE_0__.BO),
/* harmony export */   FD: () => (/* binding */ ApiUnreachableError),
/* harmony export */   JF: () => (/* binding */ JobCanceledError),
/* harmony export */   Nu: () => (/* binding */ ApiAuthError),
/* harmony export */   Tq: () => (/* binding */ ApiCreditsError),
/* harmony export */   _I: () => (/* binding */ scrub),
/* harmony export */   bd: () => (/* binding */ ProtocolError),
/* harmony export */   dk: () => (/* binding */ JobFailedError),
/* harmony export */   mX: () => (/* reexport safe */ _net_errors_js__WEBPACK_IMPORTED_MODULE_0__.mX),
/* harmony export */   nV: () => (/* reexport safe */ _net_errors_js__WEBPACK_IMPORTED_MODULE_0__.nV),
/* harmony export */   pg: () => (/* binding */ ApiRejectedError),
/* harmony export */   tr: () => (/* binding */ UnknownStatusError),
/* harmony export */   vH: () => (/* binding */ RenderError),
/* harmony export */   xN: () => (/* binding */ ApiUnavailableError)
/* harmony export */ });
/* unused harmony export KEY_REUSED_MESSAGE */
/* harmony import */ var _net_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5832);
/* harmony import */ var _net_leaked_key_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5027);
/* harmony import */ var _util_outside_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(47);
/**
 * One small error class per way a render can fail, each carrying a message fit to show next to the
 * asset id. `scope` tells the scheduler how far the failure reaches:
 * - `run`: stop everything (the key is refused);
 * - `submissions`: stop submitting new jobs, let the ones in flight finish (out of credits);
 * - `asset`: fail this one asset and carry on.
 *
 * Messages never hold the API key (server text is scrubbed of it) nor a signed URL's query string.
 */




class RenderError extends Error {
}
/** 401/403: the key is missing, wrong, revoked or lacks the scope. */
class ApiAuthError extends RenderError {
    status;
    name = "ApiAuthError";
    scope = "run";
    constructor(status, serverMessage) {
        super(`the API refused the key (HTTP ${status}${detail(serverMessage)}): check AGENTFRAMER_API_KEY ` +
            `(or the action's api-key input) and its workspace scope`);
        this.status = status;
    }
}
/** 402: the workspace is out of credits; no new job can start. */
class ApiCreditsError extends RenderError {
    name = "ApiCreditsError";
    scope = "submissions";
    constructor(serverMessage) {
        super(`out of credits (HTTP 402${detail(serverMessage)}): top up the workspace, then re-run`);
    }
}
const KEY_REUSED_MESSAGE = "idempotency key reused with a different request — the manifest entry changed while a job was " +
    "in flight; re-run, or use --force";
/** 400/422 (and other 4xx the contract does not name): the server will not take this request. */
class ApiRejectedError extends RenderError {
    status;
    keyReused;
    name = "ApiRejectedError";
    scope = "asset";
    constructor(status, serverMessage, keyReused = false) {
        super(keyReused
            ? `${KEY_REUSED_MESSAGE} (HTTP ${status}${detail(serverMessage)})`
            : `the API rejected the request (HTTP ${status}${detail(serverMessage)})`);
        this.status = status;
        this.keyReused = keyReused;
    }
}
/**
 * Retryable failures (network, 409, 429, 5xx, malformed answers) went on past the attempts allowed
 * for one request (`attempts`) or past the run's shared retry budget (`budget`).
 */
class ApiUnavailableError extends RenderError {
    reason;
    attempts;
    lastProblem;
    retryAfterMs;
    name = "ApiUnavailableError";
    scope = "asset";
    constructor(reason, attempts, lastProblem, 
    /** The last answer's `Retry-After`, clamped: whoever tries again must not come back sooner. */
    retryAfterMs) {
        super(reason === "budget"
            ? `the API kept failing and the run's retry budget is spent (last: ${lastProblem})`
            : `the API kept failing after ${attempts} attempts (last: ${lastProblem})`);
        this.reason = reason;
        this.attempts = attempts;
        this.lastProblem = lastProblem;
        this.retryAfterMs = retryAfterMs;
    }
}
/**
 * The API could not be reached at all (refused, no such host, no route) before it had answered
 * once in this run: a wrong URL or no network. Every asset would fail the same way, so the run
 * stops with this one message; no job was created.
 */
class ApiUnreachableError extends RenderError {
    url;
    name = "ApiUnreachableError";
    scope = "run";
    constructor(url, problem) {
        super(`cannot reach the API at ${url} (${problem}): check --api-url or AGENTFRAMER_API_URL and ` +
            "the network, then run again; nothing reached the server");
        this.url = url;
    }
}
/** The API answered something outside the contract: not JSON, wrong shape, or too large. */
class ProtocolError extends RenderError {
    name = "ProtocolError";
    scope = "asset";
    constructor(problem) {
        super(`unexpected answer from the API: ${problem}`);
    }
}
class JobFailedError extends RenderError {
    jobId;
    serverError;
    name = "JobFailedError";
    scope = "asset";
    constructor(jobId, serverError) {
        // The same key would only replay this failed job (for about a day): say how to get a new one.
        super(`generation ${jobId} failed: ${serverError ?? "the API gave no reason"}; ` +
            "re-run with --force to submit it again");
        this.jobId = jobId;
        this.serverError = serverError;
    }
}
class JobCanceledError extends RenderError {
    jobId;
    name = "JobCanceledError";
    scope = "asset";
    constructor(jobId) {
        super(`generation ${jobId} was canceled on the server; re-run with --force to submit it again`);
        this.jobId = jobId;
    }
}
class JobTimeoutError extends RenderError {
    jobId;
    waitedMs;
    lastStatus;
    name = "JobTimeoutError";
    scope = "asset";
    constructor(jobId, waitedMs, lastStatus) {
        super(`generation ${jobId} did not finish within ${Math.round(waitedMs / 1000)} s ` +
            `(last status: ${lastStatus ?? "unknown"}); a later run picks it up again`);
        this.jobId = jobId;
        this.waitedMs = waitedMs;
        this.lastStatus = lastStatus;
    }
}
/** A status outside queued/running/succeeded/failed/canceled that did not change by the deadline. */
class UnknownStatusError extends RenderError {
    jobId;
    status;
    name = "UnknownStatusError";
    scope = "asset";
    constructor(jobId, status) {
        super(`generation ${jobId} stayed in status "${(0,_net_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(status, 40)}", which this tool does not know`);
        this.jobId = jobId;
        this.status = status;
    }
}
/**
 * Server-supplied text made safe to print: the key removed (in any case or percent-encoding),
 * neutralised (no workflow command: see util/outside-text.ts), on one line, clipped.
 */
function scrub(text, secret) {
    let out = (0,_util_outside_text_js__WEBPACK_IMPORTED_MODULE_2__/* .neutralizeOutsideText */ .K)((0,_net_leaked_key_js__WEBPACK_IMPORTED_MODULE_1__/* .redactKey */ .pr)(text, secret));
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    out = out.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
    return (0,_net_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(out, 300);
}
function detail(serverMessage) {
    return serverMessage ? `: ${serverMessage}` : "";
}


/***/ }),

/***/ 5043:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _t: () => (/* binding */ durationMemoryApi),
  wq: () => (/* binding */ openDurationMemory)
});

// UNUSED EXPORTS: EMULATOR_API, MAX_AGE_MS, MAX_CLOSE, MAX_OTHER, loadDurationMemory, saveDurationMemory

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
;// CONCATENATED MODULE: ./lib/render/polling/article-delay.js
/**
 * The source article's polling loop (waits of 1000 + 250·i ms) as a yardstick for the duration
 * model: the wait it would be in at a given age, and the 95th-percentile delay it would give from
 * a job's end to its detection over a distribution of durations — the figure our schedule must
 * not exceed.
 */
/** The source article's wait in force at age `ageMs`: 1000 + 250·i after i polls. */
function articleWaitMs(ageMs) {
    let polls = 0;
    while (articlePollAt(polls + 1) <= ageMs)
        polls += 1;
    return 1000 + 250 * polls;
}
/** When the article loop makes its n-th poll (n ≥ 1), from submission. */
function articlePollAt(n) {
    return 1000 * n + 125 * n * (n - 1);
}
/**
 * The article loop's p95 delay over a distribution of durations (`interval-estimate.ts`). A job
 * that ends at age d is seen by the article loop after a delay spread over [0, articleWaitMs(d)),
 * depending on where d falls between two of its polls; the p95 is the x with
 * Σ mass·max(0, 1 − x / wait) = 5%. Spread rather than exact, so that the target does not jump
 * with where the few durations seen so far happen to fall. A cell's mass counts at its middle;
 * mass past every age seen at least the article's wait at that age.
 */
function articleP95Delay(cells) {
    const mass = cells.map((cell) => ({
        wait: articleWaitMs(Number.isFinite(cell.toMs) ? (cell.fromMs + cell.toMs) / 2 : cell.fromMs),
        weight: cell.mass,
    }));
    const late = (x) => mass.reduce((sum, m) => sum + m.weight * Math.max(0, 1 - x / m.wait), 0);
    let low = 0;
    let high = Math.max(0, ...mass.map((m) => m.wait));
    for (let i = 0; i < 30; i += 1) {
        const mid = (low + high) / 2;
        if (late(mid) > 0.05)
            low = mid;
        else
            high = mid;
    }
    return Math.round(high);
}

;// CONCATENATED MODULE: ./lib/render/polling/interval-estimate.js
/**
 * The distribution of job durations from what polling can tell: a job seen done at age b ended
 * before b; one still going at age a ends after a. Each observation is an interval (a, b] — b
 * infinite for a job in flight, a 1 ms before b for an end known closely — and the nonparametric
 * maximum-likelihood estimate over such data is Turnbull's (1976): probability mass on the
 * innermost intervals that the observations' endpoints cut the time line into, found by the
 * self-consistency (EM) iteration. With only close ends and jobs in flight it is Kaplan–Meier;
 * what it adds is the jobs found done at their first look, which say only "before": their mass
 * goes where the other ends below that age are, in proportion.
 * `DurationModel` gives an end seen between two looks as their midpoint, not as the interval: the
 * estimate over two-second intervals is lumpy (mass piles on the few narrow cells where one job
 * was seen going just before another was seen done), and the quickest ends are what it needs.
 */
const ITERATIONS = 200;
/**
 * Turnbull's estimate: cells in order, masses summing to 1. Empty when nothing is known (no
 * observation, or only jobs not yet looked at).
 */
function estimateDurations(observations) {
    const informative = observations.filter((o) => o.byMs > o.afterMs && (o.afterMs > 0 || Number.isFinite(o.byMs)));
    const cells = innermostIntervals(informative);
    if (cells.length === 0)
        return [];
    // Each observation covers a contiguous run of cells: those inside its interval.
    const spans = informative.map((o) => {
        const first = firstIndex(cells, (c) => c.fromMs >= o.afterMs);
        const last = firstIndex(cells, (c) => c.toMs > o.byMs) - 1;
        return [first, Math.max(first, last)];
    });
    let mass = cells.map(() => 1 / cells.length);
    const prefix = new Float64Array(cells.length + 1);
    const weight = new Float64Array(cells.length + 1);
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        for (let j = 0; j < cells.length; j += 1)
            prefix[j + 1] = (prefix[j] ?? 0) + (mass[j] ?? 0);
        weight.fill(0);
        for (const [first, last] of spans) {
            const covered = (prefix[last + 1] ?? 0) - (prefix[first] ?? 0);
            if (covered <= 0)
                continue;
            weight[first] = (weight[first] ?? 0) + 1 / covered;
            weight[last + 1] = (weight[last + 1] ?? 0) - 1 / covered;
        }
        let running = 0;
        mass = mass.map((m, j) => {
            running += weight[j] ?? 0;
            return (m * running) / spans.length;
        });
    }
    return cells.map((cell, j) => ({ ...cell, mass: mass[j] ?? 0 }));
}
/** The first index whose cell passes `test`, which is false then true along the cells. */
function firstIndex(cells, test) {
    let low = 0;
    let high = cells.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (test(cells[mid]))
            high = mid;
        else
            low = mid + 1;
    }
    return low;
}
/**
 * The cells: each (l, r] where l is some observation's afterMs, r some observation's byMs, and no
 * other endpoint lies between them. Every observation contains at least one.
 */
function innermostIntervals(observations) {
    const points = observations
        .flatMap((o) => [
        { at: o.afterMs, left: true },
        { at: o.byMs, left: false },
    ])
        // At a tie a right end comes first: (a, b] and (b, c] do not overlap.
        .sort((x, y) => x.at - y.at || Number(x.left) - Number(y.left));
    const cells = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
        const here = points[i];
        const next = points[i + 1];
        if (here?.left && next && !next.left && next.at > here.at) {
            cells.push({ fromMs: here.at, toMs: next.at, mass: 0 });
        }
    }
    return cells;
}
/**
 * The q-quantile (0..1), mass spread evenly inside each cell; a quantile in the open-ended last
 * cell is its start (the jobs are known to run at least that long).
 */
function durationQuantile(cells, q) {
    let below = 0;
    for (const cell of cells) {
        if (below + cell.mass >= q && cell.mass > 0) {
            if (!Number.isFinite(cell.toMs))
                return cell.fromMs;
            return cell.fromMs + ((q - below) / cell.mass) * (cell.toMs - cell.fromMs);
        }
        below += cell.mass;
    }
    return cells.at(-1)?.fromMs;
}
/** The estimated share of durations at most `ms`, mass spread evenly inside each cell. */
function durationShareBelow(cells, ms) {
    let below = 0;
    for (const cell of cells) {
        if (ms >= cell.toMs)
            below += cell.mass;
        else if (ms > cell.fromMs && Number.isFinite(cell.toMs)) {
            below += (cell.mass * (ms - cell.fromMs)) / (cell.toMs - cell.fromMs);
        }
    }
    return Math.min(1, below);
}

;// CONCATENATED MODULE: ./lib/render/polling/lognormal-fit.js
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
function fitLogNormal(observations) {
    const data = observations.filter((o) => o.byMs > o.afterMs && o.byMs > 0 && (o.afterMs > 0 || Number.isFinite(o.byMs)));
    const ends = data.filter((o) => Number.isFinite(o.byMs));
    if (ends.length < MIN_ENDS)
        return undefined;
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
        ]) {
            const sigma = Math.exp(logSigma + dLogSigma);
            if (sigma < MIN_SIGMA || sigma > MAX_SIGMA)
                continue;
            const value = logLikelihood(data, mu + dMu, sigma);
            if (value > best) {
                best = value;
                mu += dMu;
                logSigma += dLogSigma;
                moved = true;
                break;
            }
        }
        if (!moved)
            step /= 2;
    }
    return { mu, sigma: Math.exp(logSigma) };
}
/** The q-quantile (0..1) of the fitted durations, in ms. */
function logNormalQuantile(fit, q) {
    return Math.exp(fit.mu + fit.sigma * normalQuantile(q));
}
/** The share of the fitted durations at most `ms`. */
function logNormalShareBelow(fit, ms) {
    return ms > 0 ? normalCdf((Math.log(ms) - fit.mu) / fit.sigma) : 0;
}
function logLikelihood(data, mu, sigma) {
    const z = (ms) => (Math.log(ms) - mu) / sigma;
    let sum = 0;
    for (const { afterMs, byMs } of data) {
        let p;
        if (!Number.isFinite(byMs)) {
            p = 1 - normalCdf(z(afterMs));
        }
        else if (byMs - afterMs <= CLOSE_SHARE * byMs) {
            const zb = z(byMs);
            p = (Math.exp((-zb * zb) / 2) / (Math.sqrt(2 * Math.PI) * sigma * byMs)) * (byMs - afterMs);
        }
        else {
            p = normalCdf(z(byMs)) - (afterMs > 0 ? normalCdf(z(afterMs)) : 0);
        }
        sum += Math.log(Math.max(p, Number.MIN_VALUE));
    }
    return sum;
}
/** Φ(z), within 1.5e-7 (Abramowitz and Stegun 7.1.26). */
function normalCdf(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
    const erf = 1 - poly * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
/** Φ⁻¹(p) for 0 < p < 1, by bisection on `normalCdf`. */
function normalQuantile(p) {
    let low = -8;
    let high = 8;
    for (let i = 0; i < 50; i += 1) {
        const mid = (low + high) / 2;
        if (normalCdf(mid) < p)
            low = mid;
        else
            high = mid;
    }
    return (low + high) / 2;
}

;// CONCATENATED MODULE: ./lib/render/polling/quick-end.js


/**
 * Ends the log-normal fit needs before the quick end follows it. With fewer — a run's first wave,
 * before a memory exists — the fit's spread moves with every end and some waves would look late.
 */
const MIN_FIT_ENDS = 80;
/**
 * The quick end in ms from submission, from the estimate's `cells` and, with `ends` finished jobs
 * or more, a fit to `observations` (asked for only then: a fit is a few thousand log-likelihood
 * terms). Undefined when nothing has ended.
 */
function quickEndMs(cells, observations, ends, shares) {
    const fit = ends >= MIN_FIT_ENDS ? fitLogNormal(observations()) : undefined;
    const guard = durationQuantile(cells, shares.guardShare);
    const fits = fit !== undefined &&
        guard !== undefined &&
        logNormalShareBelow(fit, guard) >= shares.guardShare / 2;
    return fits
        ? Math.min(logNormalQuantile(fit, shares.fitShare), guard)
        : durationQuantile(cells, shares.earlyShare);
}

;// CONCATENATED MODULE: ./lib/render/polling/duration-model.js
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
const MAX_SAMPLES = 256;
/**
 * Recalled memory is dropped when, over at least DRIFT_MIN_LOOKS first looks, the jobs found done
 * differ from the estimate's share by DRIFT_SIGMAS binomial standard deviations plus DRIFT_SLACK
 * jobs.
 */
const DRIFT_MIN_LOOKS = 8;
const DRIFT_SIGMAS = 3;
const DRIFT_SLACK = 2;
/** Close ends of cold jobs kept across runs (`remember`): the quickest ends are seen only there. */
const MAX_CLOSE_SAMPLES = 64;
const MIN_STEP_MS = 100;
const MAX_STEP_MS = 15_000;
const STRAGGLER_GROWTH = 1.5;
/** A job older than this multiple of the longest duration seen is a straggler. */
const STRAGGLER_AGE = 2;
/** The article loop's first look: no cold job looks earlier. */
const ARTICLE_FIRST_MS = 1_000;
/** No look before this age while a kind is cold, by job type (the kind's prefix). */
const TYPE_FLOOR_MS = {
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
const DEFAULT_TUNING = {
    earlyShare: 0.02,
    fitShare: 0.05,
    guardShare: 0.075,
    stepScale: 1,
    coldSpread: 2,
};
/** Golden-ratio steps spread the cold jobs' first looks evenly, however many there are. */
const PHASE_STEP = (Math.sqrt(5) - 1) / 2;
class DurationModel {
    /** Latest evidence about `Prefer: wait`; starts unknown, so the first poll is sent at once. */
    preferWait = "unknown";
    /**
     * Settles when the run's first `Prefer: wait` request is answered. While it is out, other jobs
     * wait for it (briefly) instead of each sending a probe of their own: one answer teaches the
     * whole run whether the server holds requests.
     */
    probe;
    kinds = new Map();
    tuning;
    constructor(tuning = {}) {
        this.tuning = { ...DEFAULT_TUNING, ...tuning };
    }
    /**
     * How late the run's timers fire, on average (an exponential moving average). On a busy
     * machine a sleep of 2 s can end 100 ms or more late; every look would be that much later than
     * planned, and the detection delay with it.
     */
    timerLagMs = 0;
    noteTimerLag(lateByMs) {
        if (!Number.isFinite(lateByMs))
            return;
        this.timerLagMs += LAG_SMOOTHING * (clamp(lateByMs, 0, MAX_LAG_MS) - this.timerLagMs);
    }
    /** A planned wait, shortened by the timers' usual lateness (by at most a quarter). */
    lateAdjusted(waitMs) {
        return waitMs - Math.min(this.timerLagMs, waitMs / 4);
    }
    /** Mark a probe as out; the returned function settles it. */
    beginProbe() {
        let settle = () => undefined;
        const probe = new Promise((resolve) => (settle = resolve));
        this.probe = probe;
        return () => {
            settle();
            if (this.probe === probe)
                this.probe = undefined;
        };
    }
    /**
     * Start from what earlier runs learnt (before any job starts): a kind with enough ends in
     * memory is warm from the first job, so the run's first wave polls like its later jobs.
     */
    recall(memory) {
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
    remember() {
        const memory = {};
        for (const [kind, state] of this.kinds) {
            if (state.cohortEnds.length + state.finished.length === 0)
                continue;
            memory[kind] = {
                close: state.cohortEnds.slice(-MAX_CLOSE_SAMPLES),
                other: state.finished.slice(-MAX_SAMPLES),
            };
        }
        return memory;
    }
    /** A job of `kind` starts being polled; tell the model about it through the track. */
    start(kind) {
        const cohort = !this.isWarm(kind);
        const state = this.state(kind);
        const phase = cohort ? (state.cohortSize * PHASE_STEP) % 1 : 0;
        if (cohort)
            state.cohortSize += 1;
        const track = { cohort, phase, aliveMs: 0, lookedMs: 0 };
        state.inFlight.add(track);
        return track;
    }
    /** The job was looked at `ageMs` after submission, whatever the answer. */
    looked(track, ageMs) {
        track.lookedMs = Math.max(track.lookedMs, ageMs);
    }
    /** The job was seen still going `ageMs` after submission: its duration is at least that. */
    running(kind, track, ageMs) {
        if (track.aliveMs === 0)
            this.firstLookAnswered(kind, track, false);
        track.aliveMs = Math.max(track.aliveMs, ageMs);
        this.looked(track, ageMs);
        this.changed(this.state(kind));
    }
    /** The job is no longer polled: it ended (and was recorded) or gave up. */
    finish(kind, track) {
        this.state(kind).inFlight.delete(track);
        this.changed(this.state(kind));
    }
    /**
     * The job was seen done `ageMs` after submission: it ended since it was last seen going, when
     * that says when (the job was seen going past half its age; a cold job's first look counts from
     * the type's floor), or at any time since submission otherwise.
     */
    ended(kind, track, ageMs) {
        if (track.aliveMs === 0)
            this.firstLookAnswered(kind, track, true);
        let after = Math.min(track.aliveMs, ageMs);
        if (after === 0 && track.cohort)
            after = Math.min(typeFloorMs(kind), ageMs);
        if (after > 0 && ageMs - after <= after) {
            this.add(kind, { afterMs: after, byMs: ageMs }, track.cohort);
        }
        else {
            this.add(kind, { afterMs: 0, byMs: ageMs }, track.cohort);
        }
    }
    /**
     * A finished job of `kind` (e.g. "image/flux-1.1-pro") took `durationMs`, known closely; `cohort`
     * if it started while the kind was cold.
     */
    record(kind, durationMs, cohort = false) {
        if (!Number.isFinite(durationMs) || durationMs < 0)
            return;
        this.add(kind, { afterMs: Math.max(0, durationMs - 1), byMs: durationMs }, cohort);
    }
    /**
     * Settles when the next job of `kind` ends: the schedule may move then (the kind turns warm,
     * the first look moves), so a job waiting for its next look plans again. Undefined once the
     * kind has settled (NEWS_ENDS).
     */
    news(kind) {
        const state = this.state(kind);
        if (state.ended >= NEWS_ENDS)
            return undefined;
        state.news ??= new Promise((resolve) => (state.tellNews = resolve));
        return state.news;
    }
    sampleCount(kind) {
        return this.kinds.get(kind)?.ended ?? 0;
    }
    /** The q-quantile (0..1) of the kind's durations as estimated so far, if any ended. */
    quantile(kind, q) {
        if (this.sampleCount(kind) === 0)
            return undefined;
        return durationQuantile(this.estimate(kind), q);
    }
    /**
     * The delay from a job's end to its detection to aim for: what the article loop would give at
     * its 95th percentile on this kind's durations. The estimate counts the jobs still in flight as
     * lasting at least their age, so early in a run the target is not set by the quick ends alone.
     */
    targetDetectionMs(kind) {
        const cells = this.estimate(kind);
        const state = this.state(kind);
        state.targetMs ??= clamp(articleP95Delay(cells), MIN_STEP_MS, MAX_STEP_MS);
        return state.targetMs;
    }
    /** When a job of `kind` gets its first look, from submission, once the kind is warm. */
    firstLookMs(kind) {
        if (!this.isWarm(kind))
            return undefined;
        const early = this.quickEndMs(kind);
        return early === undefined ? undefined : early + this.stepMs(kind);
    }
    /** Where the quickest few of the kind's jobs end (`quick-end.ts`), cached with the estimate. */
    quickEndMs(kind) {
        const cells = this.estimate(kind);
        const state = this.state(kind);
        state.quickEndMs ??= quickEndMs(cells, () => this.observations(state), state.cohortEnds.length + state.finished.length, this.tuning);
        return state.quickEndMs;
    }
    /**
     * The wait before the next status request of a job of `kind`, `elapsedMs` after submission.
     * `track` says when it was last looked at; without one, at `elapsedMs` (never, at 0).
     */
    plan(job) {
        const { kind, elapsedMs, previousWaitMs, track } = job;
        const lastLook = track ? track.lookedMs : elapsedMs;
        const first = this.firstLookMs(kind);
        let next;
        if (first === undefined) {
            const floor = Math.max(ARTICLE_FIRST_MS, typeFloorMs(kind));
            const coldFirst = floor + (track?.phase ?? 0) * this.tuning.coldSpread * articleWaitMs(floor);
            // A look before the floor (the `Prefer: wait` probe) does not bring the next one forward.
            next = lastLook > 0 ? Math.max(coldFirst, lastLook + articleWaitMs(lastLook)) : coldFirst;
        }
        else if (lastLook <= 0) {
            next = first;
        }
        else {
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
    firstLookAnswered(kind, track, done) {
        const state = this.state(kind);
        if (track.cohort || state.recalled.size === 0)
            return;
        state.firstLooks += 1;
        if (done)
            state.doneAtFirstLook += 1;
        const first = this.firstLookMs(kind);
        if (state.firstLooks < DRIFT_MIN_LOOKS || first === undefined)
            return;
        const expected = durationShareBelow(this.estimate(kind), first);
        const n = state.firstLooks;
        const excess = Math.abs(state.doneAtFirstLook - n * expected);
        if (excess > DRIFT_SIGMAS * Math.sqrt(n * expected * (1 - expected)) + DRIFT_SLACK) {
            this.forgetRecalled(state);
        }
    }
    forgetRecalled(state) {
        const keep = (end) => !state.recalled.has(end);
        state.cohortEnds = state.cohortEnds.filter(keep);
        state.finished = state.finished.filter(keep);
        state.ended = Math.max(0, state.ended - state.recalled.size);
        state.recalled.clear();
        state.longestMs = Math.max(0, ...[...state.cohortEnds, ...state.finished].map((e) => e.byMs));
        delete state.cells;
        delete state.targetMs;
        delete state.quickEndMs;
    }
    isWarm(kind) {
        return this.sampleCount(kind) >= MIN_SAMPLES;
    }
    stepMs(kind) {
        return clamp(this.targetDetectionMs(kind) * this.tuning.stepScale, MIN_STEP_MS, MAX_STEP_MS);
    }
    add(kind, interval, cohort) {
        const state = this.state(kind);
        state.ended += 1;
        if (cohort) {
            state.cohortEnds.push(interval);
        }
        else {
            state.finished.push(interval);
            if (state.finished.length > MAX_SAMPLES)
                state.finished.shift();
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
    changed(state) {
        state.changes += 1;
    }
    /**
     * Turnbull's estimate over the finished jobs and those in flight. Worked out again at every
     * change while few jobs have ended, then once every (ended − 32) / 8 changes, so that the
     * estimate lags by a few percent of what it is made of.
     */
    estimate(kind) {
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
    observations(state) {
        return [
            ...state.cohortEnds,
            ...state.finished,
            ...[...state.inFlight].map((job) => ({ afterMs: job.aliveMs, byMs: Infinity })),
        ];
    }
    state(kind) {
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
function atMidpoint(end) {
    if (!(end.afterMs > 0) || !Number.isFinite(end.byMs) || end.byMs - end.afterMs <= 1)
        return end;
    const mid = (end.afterMs + end.byMs) / 2;
    return { afterMs: mid - 1, byMs: mid };
}
function typeFloorMs(kind) {
    return TYPE_FLOOR_MS[kind.split("/")[0] ?? ""] ?? 0;
}
function clamp(value, min, max) {
    return Math.min(max, Math.max(min, value));
}

// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/plain-file.js
var plain_file = __webpack_require__(5824);
;// CONCATENATED MODULE: ./lib/render/polling/duration-memory.js
/**
 * `.agentframer/cache/durations.json`: what earlier runs learnt about how long each kind of job
 * takes (`DurationMemory`), so that a run against a server that ignores `Prefer: wait` polls on a
 * warm schedule from its first job instead of waiting out the cold floor of a few seconds per job.
 * It lives in the cache folder on purpose: the action persists that folder with @actions/cache, so
 * nightly and pull-request runs start warm too.
 *
 * Durations differ between servers, so the memory is kept per API: under the API URL's origin and
 * path (`https://api.agentframer.com/v1`; never userinfo, query or fragment, so never a key), and
 * under `emulator` for `--emulator` runs, whose port changes every run. A file is small (at most
 * 64 + 256 intervals a kind, whole milliseconds) and holds nothing secret:
 *
 *     {"version":1,"apis":{"<api>":{"<kind>":{"savedAt":<epoch ms>,"close":[[afterMs,byMs],...],
 *      "other":[[afterMs,byMs],...]}}}}
 *
 * Like the rest of the cache it only ever saves work: a missing, damaged or foreign file reads as
 * empty, intervals that make no sense are dropped, and what is older than MAX_AGE_MS is forgotten
 * (a model or the server may have changed since). Deleting the file is safe: the next run is cold.
 */






const VERSION = 1;
/**
 * A file kept to the caps below is tens of KB for a dozen kinds; a larger one is not ours. It may
 * come from an Actions cache another run saved: read only as a plain file (plain-file.ts).
 */
const MAX_FILE_BYTES = 1024 * 1024;
/** What runs learnt a month ago says little about a model that may have been retrained since. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** The caps `DurationModel` keeps to, kept to here too, whatever the file holds. */
const MAX_CLOSE = MAX_CLOSE_SAMPLES;
const MAX_OTHER = MAX_SAMPLES;
/** The API name of `--emulator` runs. */
const EMULATOR_API = "emulator";
// Outer shape strict, inner entries checked one by one: one bad kind or interval costs only itself.
const FileSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(VERSION),
    apis: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())),
});
const KindSchema = schemas/* object */.Ikc({
    savedAt: schemas/* number */.aig(),
    close: schemas/* array */.YOg(schemas/* unknown */.L5J()),
    other: schemas/* array */.YOg(schemas/* unknown */.L5J()),
});
// z.number() refuses NaN and ±Infinity (JSON.parse reads 1e999 as Infinity).
const PairSchema = schemas/* tuple */.PVZ([schemas/* number */.aig().nonnegative(), schemas/* number */.aig().nonnegative()])
    .refine(([afterMs, byMs]) => afterMs <= byMs);
/**
 * The name memory is kept under for a run: `emulator` with `--emulator`, else the API URL's origin
 * and path without a trailing slash, as the API client addresses it. Undefined for a URL that does
 * not parse (the run fails on it anyway).
 */
function durationMemoryApi(config) {
    if (config.emulator)
        return EMULATOR_API;
    try {
        const url = new URL(config.apiUrl);
        return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
    }
    catch {
        return undefined;
    }
}
/**
 * A run's model, warm with what earlier runs against the same API learnt; `save` keeps what this
 * run adds, once its jobs are over (stopped early too). The memory only saves work: a failure to
 * save is a warning through `warn`, never a failure of the run.
 */
async function openDurationMemory(manifestDir, config, now, warn) {
    const model = new DurationModel();
    const api = durationMemoryApi(config);
    if (api === undefined)
        return { model, save: async () => { } };
    const file = (0,paths.durationMemoryPath)(manifestDir);
    model.recall(await loadDurationMemory(file, api, now()));
    return {
        model,
        save: () => saveDurationMemory(file, api, model.remember(), now()).catch((error) => {
            const why = error instanceof Error ? error.message : String(error);
            warn(`could not save job durations to ${file} (${why}); the next run starts without them`);
        }),
    };
}
/** What runs learnt about `api`'s durations, for `DurationModel.recall`. Never throws. */
async function loadDurationMemory(file, api, now) {
    const kinds = (await readStored(file, now)).get(api) ?? new Map();
    return Object.fromEntries([...kinds].map(([kind, stored]) => [
        kind,
        { close: stored.close.map(toInterval), other: stored.other.map(toInterval) },
    ]));
}
/**
 * Keep what `memory` (`DurationModel.remember`) knows about `api`, beside what the file holds for
 * other APIs and for kinds this run did not meet. A kind whose intervals are unchanged keeps its
 * `savedAt`: recalling a kind and not running it does not make old knowledge young. Throws when
 * the file cannot be written; the caller decides what that means.
 */
async function saveDurationMemory(file, api, memory, now) {
    const stored = await readStored(file, now);
    const kinds = stored.get(api) ?? new Map();
    for (const [kind, known] of Object.entries(memory)) {
        const close = cleanPairs(known.close.map(toPair), MAX_CLOSE);
        const other = cleanPairs(known.other.map(toPair), MAX_OTHER);
        if (close.length + other.length === 0)
            continue;
        const before = kinds.get(kind);
        if (before && samePairs(before.close, close) && samePairs(before.other, other))
            continue;
        kinds.set(kind, { savedAt: now, close, other });
    }
    if (kinds.size > 0)
        stored.set(api, kinds);
    const apis = Object.fromEntries([...stored].map(([name, entries]) => [name, Object.fromEntries(entries)]));
    await (0,plain_file/* makeRealFolder */.vK)((0,external_node_path_.dirname)(file));
    await (0,atomic_write/* writeFileAtomic */.Z)(file, `${JSON.stringify({ version: VERSION, apis })}\n`, {
        durable: false,
    });
}
/** The file's valid, fresh entries; empty for a missing, unreadable or foreign file. */
async function readStored(file, now) {
    const stored = new Map();
    let data;
    try {
        const read = await (0,plain_file/* readPlainFile */.b$)(file, MAX_FILE_BYTES);
        if (!read.ok)
            return stored;
        data = JSON.parse(read.bytes.toString("utf8"));
    }
    catch {
        return stored;
    }
    const parsed = FileSchema.safeParse(data);
    if (!parsed.success)
        return stored;
    for (const [api, entries] of Object.entries(parsed.data.apis)) {
        const kinds = new Map();
        for (const [kind, entry] of Object.entries(entries)) {
            const known = KindSchema.safeParse(entry);
            if (!known.success || now - known.data.savedAt > MAX_AGE_MS)
                continue;
            const close = cleanPairs(known.data.close, MAX_CLOSE);
            const other = cleanPairs(known.data.other, MAX_OTHER);
            if (close.length + other.length > 0)
                kinds.set(kind, { savedAt: known.data.savedAt, close, other });
        }
        if (kinds.size > 0)
            stored.set(api, kinds);
    }
    return stored;
}
/** The valid intervals in whole ms, the latest `cap` of them (the last ones). */
function cleanPairs(values, cap) {
    const pairs = [];
    for (const value of values) {
        const pair = PairSchema.safeParse(value);
        if (pair.success)
            pairs.push([Math.round(pair.data[0]), Math.round(pair.data[1])]);
    }
    return pairs.slice(-cap);
}
function samePairs(a, b) {
    return (a.length === b.length && a.every((pair, i) => pair[0] === b[i]?.[0] && pair[1] === b[i]?.[1]));
}
function toPair(interval) {
    return [interval.afterMs, interval.byMs];
}
function toInterval([afterMs, byMs]) {
    return { afterMs, byMs };
}


/***/ }),

/***/ 4694:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ readBalance),
  N: () => (/* binding */ resolvePrices)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/plain-file.js
var plain_file = __webpack_require__(5824);
;// CONCATENATED MODULE: ./lib/state/price-cache.js
/**
 * `.agentframer/cache/prices.json`: the prices `GET /models` last answered, per API, so that a
 * later `plan` without a key (or without a network) still estimates credits. In the cache folder
 * like durations.json, so the action's Actions cache carries it between runs.
 *
 *     {"version":1,"apis":{"<api>":{"savedAt":<epoch ms>,"models":{"<id>":{"credits":4,"per":"image"}}}}}
 *
 * The folder is the checkout's, so the file is read as hostile: opened without following a link,
 * refused past a size bound before it is read, every field checked, model ids kept in a Map (no
 * id reaches an object's prototype), and a damaged file reads as "no prices known" — an estimate
 * then says unknown, never 0. Old prices are forgotten after MAX_AGE_MS.
 */





const VERSION = 1;
/** Prices change; a month-old table is still a fair estimate, an older one is not trusted. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Far above any real price list (a few hundred models, ~60 bytes each). */
const MAX_FILE_BYTES = 1024 * 1024;
/** At most this many APIs are remembered; the oldest go first. */
const MAX_APIS = 16;
const Price = schemas/* strictObject */.rej({
    credits: schemas/* number */.aig().min(0).max(1e9),
    per: schemas/* enum */.k5n(["image", "megapixel", "second"]),
});
const ModelId = schemas/* string */.YjP().min(1).max(200);
const Entry = schemas/* object */.Ikc({
    savedAt: schemas/* number */.aig().int().nonnegative(),
    models: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()),
});
const FileSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(VERSION),
    apis: schemas/* record */.g1P(schemas/* string */.YjP().max(2048), schemas/* unknown */.L5J()),
});
/** The prices last stored for `api`, if any are stored and young enough. */
async function readCachedPrices(manifestDir, api, options = {}) {
    const stored = await readAll(manifestDir, options.warn);
    const entry = stored.get(api);
    const now = (options.now ?? Date.now)();
    if (entry === undefined || now - entry.savedAt > MAX_AGE_MS)
        return undefined;
    return entry.models;
}
/** Keep `models` as what `api` charges now, beside what other APIs charge. */
async function writeCachedPrices(manifestDir, api, models, options = {}) {
    const stored = await readAll(manifestDir, undefined);
    stored.set(api, { savedAt: (options.now ?? Date.now)(), models: new Map(models) });
    const newest = [...stored].sort((a, b) => b[1].savedAt - a[1].savedAt).slice(0, MAX_APIS);
    const apis = Object.create(null);
    for (const [name, entry] of newest) {
        apis[name] = { savedAt: entry.savedAt, models: Object.fromEntries(entry.models) };
    }
    const path = (0,paths.priceCachePath)(manifestDir);
    await (0,plain_file/* makeRealFolder */.vK)((0,external_node_path_.dirname)(path));
    await (0,atomic_write/* writeFileAtomic */.Z)(path, `${JSON.stringify({ version: VERSION, apis })}\n`, {
        durable: false,
    });
}
async function readAll(manifestDir, warn) {
    const text = await readBounded((0,paths.priceCachePath)(manifestDir), warn);
    const stored = new Map();
    if (text === undefined)
        return stored;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        warn?.("ignored .agentframer/cache/prices.json: it is not JSON");
        return stored;
    }
    const file = FileSchema.safeParse(json);
    if (!file.success) {
        warn?.("ignored .agentframer/cache/prices.json: it is not a price list this tool wrote");
        return stored;
    }
    for (const [api, value] of Object.entries(file.data.apis)) {
        const entry = Entry.safeParse(value);
        if (!entry.success)
            continue;
        const models = new Map();
        for (const [id, price] of Object.entries(entry.data.models)) {
            const checked = Price.safeParse(price);
            // One bad model costs only itself: it reads as unknown.
            if (checked.success && ModelId.safeParse(id).success)
                models.set(id, checked.data);
        }
        stored.set(api, { savedAt: entry.data.savedAt, models });
    }
    return stored;
}
/** The file's text, or undefined: absent, a link, not a regular file, or over the bound. */
async function readBounded(path, warn) {
    const read = await (0,plain_file/* readPlainFile */.b$)(path, MAX_FILE_BYTES);
    if (read.ok)
        return read.bytes.toString("utf8");
    if (!read.absent)
        warn?.(`ignored .agentframer/cache/prices.json: ${read.why}`);
    return undefined;
}

;// CONCATENATED MODULE: ./lib/render/api/credits-schema.js
/**
 * The contract's optional credit answers, checked where they enter: `GET /models` → prices by
 * model, `GET /credits` → the balance. Server text is hostile: one bad model costs only itself
 * (it reads as unknown, never 0), ids land in a Map (none reaches a prototype), and an answer
 * that is not the contract's shape reads as "not known".
 */

/** Far above any real price list; a longer one is cut, not trusted whole. */
const MAX_MODELS = 10_000;
const credits_schema_Price = schemas/* object */.Ikc({
    credits: schemas/* number */.aig().min(0).max(1e9),
    per: schemas/* enum */.k5n(["image", "megapixel", "second"]),
});
const Model = schemas/* object */.Ikc({ id: schemas/* string */.YjP().min(1).max(200), price: credits_schema_Price });
const ModelsBody = schemas/* object */.Ikc({ models: schemas/* array */.YOg(schemas/* unknown */.L5J()) });
const CreditsBody = schemas/* object */.Ikc({ balance: schemas/* number */.aig().min(-1e12).max(1e12) });
/** Prices by model id, or undefined when the answer is not a model list. */
function parseModels(text) {
    const body = ModelsBody.safeParse(parseJson(text));
    if (!body.success)
        return undefined;
    const prices = new Map();
    for (const item of body.data.models.slice(0, MAX_MODELS)) {
        const model = Model.safeParse(item);
        if (model.success) {
            const { credits, per } = model.data.price;
            prices.set(model.data.id, { credits, per });
        }
    }
    return prices;
}
/** The balance, or undefined when the answer is not `{"balance": N}`. */
function parseBalance(text) {
    const body = CreditsBody.safeParse(parseJson(text));
    return body.success ? body.data.balance : undefined;
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./lib/render/errors.js
var errors = __webpack_require__(1169);
;// CONCATENATED MODULE: ./lib/render/pricing.js



/**
 * Prices for `models`. Asks the API only for models the manifest leaves out. A refused key or
 * an API that cannot be reached throws (the run stops as it would on its first POST), and so does
 * a read the run's interrupt stopped; any other trouble reading the prices is a warning, and the
 * kept prices stand in.
 */
async function resolvePrices(manifest, models, sources) {
    const prices = new Map(manifest.pricing ?? []);
    const missing = new Set();
    for (const model of models)
        if (!prices.has(model))
            missing.add(model);
    if (missing.size === 0)
        return { prices };
    const { api, manifestDir } = sources;
    const listed = sources.client
        ? await askApi(sources.client, sources.warn, sources.signal)
        : "unasked";
    let found;
    let from;
    if (listed instanceof Map) {
        found = listed;
        from = "api";
        if (api !== undefined) {
            await writeCachedPrices(manifestDir, api, listed, { now: sources.now }).catch((error) => sources.warn(`could not keep the prices in .agentframer: ${error.message}`));
        }
    }
    else if (listed !== "not-offered" && api !== undefined) {
        // Offline, or the read failed: the last prices this API listed, if any are kept.
        found = await readCachedPrices(manifestDir, api, { warn: sources.warn, now: sources.now });
        if (found !== undefined)
            from = "kept";
    }
    for (const [model, price] of found ?? [])
        if (!prices.has(model))
            prices.set(model, price);
    return from === undefined ? { prices } : { prices, from };
}
async function askApi(client, warn, signal) {
    let text;
    try {
        text = await client.read("models", signal);
    }
    catch (error) {
        if (stopsTheRun(error, signal))
            throw error;
        warn(`could not read prices from the API (${error.message})`);
        return "failed";
    }
    if (text === undefined)
        return "not-offered";
    const models = parseModels(text);
    if (models === undefined) {
        warn("the API's GET /models answer is not a list of models; prices are unknown");
        return "failed";
    }
    return models;
}
/**
 * The workspace's balance from `GET /credits`, or undefined when the server does not offer it
 * or the read fails (a warning: the run goes on; a short balance then shows as a 402). Throws
 * what stops the run: a refused key, an unreachable API, or `signal` (the run's interrupt).
 */
async function readBalance(client, warn, signal) {
    let text;
    try {
        text = await client.read("credits", signal);
    }
    catch (error) {
        if (stopsTheRun(error, signal))
            throw error;
        warn(`could not read the balance from the API (${error.message})`);
        return undefined;
    }
    if (text === undefined)
        return undefined;
    const balance = parseBalance(text);
    if (balance === undefined)
        warn("the API's GET /credits answer holds no balance");
    return balance;
}
/**
 * A refused key or an unreachable API stops the run, as its first POST would; so does the run's
 * interrupt, which is no trouble reading to warn of: the caller stops as an interrupted run does.
 */
function stopsTheRun(error, signal) {
    return signal?.aborted === true || (error instanceof errors/* RenderError */.vH && error.scope === "run");
}


/***/ }),

/***/ 5824:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b$: () => (/* binding */ readPlainFile),
/* harmony export */   jj: () => (/* binding */ isRealFolder),
/* harmony export */   sX: () => (/* binding */ plainFileSize),
/* harmony export */   vK: () => (/* binding */ makeRealFolder)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/**
 * Reading a file under `.agentframer/` that anyone may have put there: the folder is the tool's
 * own (state-dir.ts), but what is in it may come from an Actions cache another branch's run saved,
 * or from an earlier job in a self-hosted runner's workspace. So a file is read only when it is
 * a plain file no larger than its bound: opened without following a symbolic link and without
 * waiting on a FIFO, its kind and size taken from the open handle, never more than the bound read.
 * Folders on the way are checked with lstat by `isRealFolder` (O_NOFOLLOW guards the last name).
 */



const NO_FOLLOW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK;
async function readPlainFile(path, maxBytes) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, NO_FOLLOW);
    }
    catch (error) {
        const code = error.code ?? "error";
        const absent = code === "ENOENT" || code === "ENOTDIR";
        return { ok: false, absent, why: code === "ELOOP" ? "it is a link" : code };
    }
    try {
        const facts = await handle.stat();
        if (!facts.isFile())
            return { ok: false, absent: false, why: "it is not a regular file" };
        if (facts.size > maxBytes) {
            return { ok: false, absent: false, why: `it is larger than ${maxBytes} bytes` };
        }
        const buffer = Buffer.alloc(facts.size);
        const { bytesRead } = await handle.read(buffer, 0, facts.size, 0);
        return { ok: true, bytes: buffer.subarray(0, bytesRead) };
    }
    finally {
        await handle.close();
    }
}
/**
 * Whether `path` is a plain file of at most `maxBytes` (lstat: a link is not one); its size, or
 * undefined. For a file copied by path afterwards (a reflink needs the path): nothing races to
 * swap what the tool's own folder holds, the threat is what was put there before the run.
 */
function plainFileSize(path, maxBytes) {
    const facts = lstatOf(path);
    return facts?.isFile() && facts.size <= maxBytes ? facts.size : undefined;
}
/** Whether `path` is a real folder (lstat: a link to one is not). */
function isRealFolder(path) {
    return lstatOf(path)?.isDirectory() ?? false;
}
/**
 * `path` made if absent and checked to be a real folder, for a write into it: a link in its place
 * (made before the run) is never written through. Its parent is made as needed; the folders
 * above `.agentframer/` are checked by state-dir.ts.
 */
async function makeRealFolder(path) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), { recursive: true });
    // Not recursive: a link named `path` is EEXIST, and nothing is made behind it.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path).catch((error) => {
        if (error.code !== "EEXIST")
            throw error;
    });
    if (!isRealFolder(path)) {
        throw new Error(`${path} is a link or not a folder; nothing is written through it`);
    }
}
/** Called directly, not through libuv's pool: a lookup of cached metadata (see real-folders.ts). */
function lstatOf(path) {
    try {
        // An absent path is the common answer: no exception (and its stack) made for it.
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path, { throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}


/***/ })

};
