export const id = 373;
export const ids = [373];
export const modules = {

/***/ 20747:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EF: () => (/* binding */ readCapped),
/* harmony export */   LL: () => (/* binding */ discardBody),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   Yp: () => (/* binding */ firstHeader),
/* harmony export */   hW: () => (/* binding */ isConnectFailure)
/* harmony export */ });
/** Small pieces of undici response handling shared by the API client and the downloader. */
/**
 * The body as UTF-8 text, or undefined as soon as it is known to pass `cap` bytes (the rest is
 * not read, so a huge or endless answer costs no memory).
 */
async function readCapped(body, headers, cap) {
    const declared = Number(firstHeader(headers["content-length"]));
    if (declared > cap) {
        discardBody(body);
        return undefined;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > cap) {
            discardBody(body);
            return undefined;
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
}
/**
 * Stop reading a body and free its connection. The listener matters: destroying an undici body
 * emits an "error" that nobody else is listening for any more.
 */
function discardBody(body) {
    body.on("error", () => { });
    body.destroy();
}
function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** What the common transport codes mean, for a person reading an asset's failure. */
const MEANING = {
    UND_ERR_HEADERS_TIMEOUT: "no answer before the timeout",
    UND_ERR_BODY_TIMEOUT: "the answer stalled before the timeout",
    UND_ERR_CONNECT_TIMEOUT: "could not connect before the timeout",
    UND_ERR_SOCKET: "the connection was cut",
    ECONNRESET: "the connection was reset",
    ECONNREFUSED: "the connection was refused",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name could not be resolved right now",
};
/** Codes of a connection that was never made: nothing was sent, the server saw nothing. */
const NOT_CONNECTED = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
]);
function isConnectFailure(error) {
    const code = error && typeof error === "object" ? error.code : undefined;
    return typeof code === "string" && NOT_CONNECTED.has(code);
}
/**
 * A short, key-free name for a transport failure: the error code undici or Node gave it, after
 * what it means when it is a common one ("no answer before the timeout (UND_ERR_HEADERS_TIMEOUT)").
 */
function networkProblem(error) {
    if (error && typeof error === "object") {
        const code = error.code;
        if (typeof code === "string")
            return MEANING[code] ? `${MEANING[code]} (${code})` : code;
        const name = error.name;
        if (typeof name === "string")
            return name;
    }
    return "network error";
}


/***/ }),

/***/ 27373:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_JOB_DEADLINE_MS: () => (/* binding */ DEFAULT_JOB_DEADLINE_MS),
  runJob: () => (/* binding */ runJob)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/manifest/limits.js
var limits = __webpack_require__(10789);
// EXTERNAL MODULE: ./lib/render/record.js + 1 modules
var record = __webpack_require__(43955);
// EXTERNAL MODULE: ./lib/plan/hash.js
var hash = __webpack_require__(66371);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/render/api/idempotency-key.js
/**
 * The Idempotency-Key format. Deterministic on purpose: a retried POST, a re-run after a crash,
 * and two CI runs of the same commit all send the same key and so get the same job (the server
 * keeps keys about 24 hours), while a changed request hashes to a new key.
 *
 *   af1-<assetHash>            a normal render
 *   af1-<assetHash>-<nonce>    a `--force` render: a new key, so a new job
 *
 * `af1` versions the format; change it only with a migration note, because a new format means
 * every in-flight job is submitted again.
 */

const KEY_FORMAT_VERSION = "af1";
/**
 * The key for an asset. A forced render passes a fresh nonce (`newKeyNonce`), which the caller
 * must journal before the POST so that resuming the forced render reuses it.
 */
function idempotencyKey(assetHash, nonce) {
    const parts = nonce ? [KEY_FORMAT_VERSION, assetHash, nonce] : [KEY_FORMAT_VERSION, assetHash];
    const key = parts.join("-");
    if (!/^[\w.:-]{1,255}$/.test(key)) {
        throw new TypeError("asset hash and nonce must be short URL-safe strings");
    }
    return key;
}
/** A fresh nonce for `--force`: 16 random hex digits. */
function newKeyNonce() {
    return (0,external_node_crypto_.randomBytes)(8).toString("hex");
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(36642);
// EXTERNAL MODULE: ./lib/state/real-folders.js
var real_folders = __webpack_require__(99201);
// EXTERNAL MODULE: ./lib/render/errors.js
var errors = __webpack_require__(61169);
// EXTERNAL MODULE: ./lib/net/http.js
var http = __webpack_require__(20747);
// EXTERNAL MODULE: ./lib/net/media-sniff.js
var media_sniff = __webpack_require__(93934);
// EXTERNAL MODULE: ./lib/net/retry.js + 1 modules
var retry = __webpack_require__(1151);
// EXTERNAL MODULE: ./lib/net/url-policy.js + 1 modules
var url_policy = __webpack_require__(84583);
;// CONCATENATED MODULE: ./lib/render/download/download.js
/**
 * Fetch a result URL into its output path so that the path holds either its old bytes or the
 * complete, verified new ones — never a partial file. The body streams into a temp file beside
 * the destination while its SHA-256 is computed; the size cap, `Content-Length` and the format's
 * magic bytes are checked on the way; then fsync and rename. The URL is checked by `url-policy.ts`
 * before every connection, redirects included, and no request here carries any credential.
 */













/** 30 s of grace, then 64 KiB/s: a 10 MiB image gets 3 min 10 s, a 1 GiB video 4 h 33 min. */
const DEFAULT_PACE = { graceMs: 30_000, minBytesPerSecond: 64 * 1024 };
/** The longest one attempt at a body of `bytes` may take under `pace`. */
function downloadDeadlineMs(bytes, pace = DEFAULT_PACE) {
    return pace.graceMs + Math.ceil((bytes / pace.minBytesPerSecond) * 1000);
}
const MAX_REDIRECTS = 5;
async function downloadResult(url, destPath, options) {
    const retries = options.retries ?? 3;
    const sleep = options.sleep ?? retry/* sleep */.yy;
    const random = options.random ?? Math.random;
    let start;
    try {
        start = new URL(url);
    }
    catch {
        throw new errors/* UrlPolicyError */.mX("not a valid URL");
    }
    await (0,real_folders/* makeRealFolders */.mG)(options.within, (0,external_node_path_.dirname)(destPath));
    return (0,retry/* retryLoop */.rU)(async () => {
        try {
            return { kind: "ok", value: await attemptDownload(start, destPath, options) };
        }
        catch (error) {
            if (options.signal?.aborted)
                throw options.signal.reason;
            if (!(error instanceof errors/* DownloadError */.nV) || !error.retryable)
                throw error;
            return { kind: "retry", problem: error.message, error };
        }
    }, {
        policy: retry/* DEFAULT_BACKOFF */.VU,
        random,
        now: Date.now,
        sleep,
        signal: options.signal,
        giveUp: (failure, attempts) => (attempts > retries ? failure.error : undefined),
    });
}
async function attemptDownload(start, destPath, options) {
    const lookup = options.lookup ?? url_policy/* systemLookup */.Of;
    const timeout = options.timeoutMs ?? 30_000;
    const startedAt = performance.now();
    let current = start;
    for (let hop = 0;; hop += 1) {
        // Checked before the address (a host name holding the key would reach DNS) and for every
        // hop, the API's own origin included: the key travels only in the API's Authorization header.
        if (options.carriesKey?.(current.href)) {
            throw new errors/* UrlPolicyError */.mX(hop === 0
                ? "it carries the API key; it is neither fetched nor shown"
                : "a redirect carries the API key; it is not followed");
        }
        const target = await (0,url_policy/* checkResultUrl */.n)(current, lookup, options.apiOrigin);
        const pinned = new URL(current);
        pinned.hostname = target.family === 6 ? `[${target.address}]` : target.address;
        let response;
        try {
            response = await (0,undici/* request */.Em)(pinned, {
                method: "GET",
                // The Host header keeps virtual hosting and TLS (SNI, certificate name) on the real name.
                headers: { host: current.host, accept: "*/*", "accept-encoding": "identity" },
                dispatcher: options.dispatcher,
                signal: options.signal,
                headersTimeout: timeout,
                bodyTimeout: timeout,
            });
        }
        catch (error) {
            if (options.signal?.aborted)
                throw error;
            throw new errors/* DownloadError */.nV("http", `${(0,errors/* redactUrl */.BO)(current)}: ${(0,http/* networkProblem */.Wo)(error)}`, true);
        }
        const { statusCode } = response;
        const location = response.headers["location"];
        if (statusCode >= 300 && statusCode < 400 && typeof location === "string") {
            await response.body.dump();
            if (hop >= MAX_REDIRECTS)
                throw new errors/* UrlPolicyError */.mX(`more than ${MAX_REDIRECTS} redirects`);
            current = new URL(location, current);
            continue;
        }
        if (statusCode !== 200) {
            await response.body.dump().catch(() => { });
            const retryable = statusCode >= 500 || statusCode === 408 || statusCode === 429;
            const hint = statusCode === 403 || statusCode === 410 ? " (a signed URL may have expired)" : "";
            throw new errors/* DownloadError */.nV("http", `HTTP ${statusCode} from ${(0,errors/* redactUrl */.BO)(current)}${hint}`, retryable);
        }
        return streamToFile(response, destPath, options, startedAt);
    }
}
async function streamToFile(response, destPath, options, startedAt) {
    const { body } = response;
    const declared = contentLength(response.headers["content-length"]);
    if (declared !== undefined && declared > options.maxBytes) {
        (0,http/* discardBody */.LL)(body);
        throw tooLarge(options.maxBytes, `Content-Length says ${declared}`);
    }
    const pace = options.pace ?? DEFAULT_PACE;
    const deadlineMs = downloadDeadlineMs(declared ?? options.maxBytes, pace);
    const deadline = setTimeout(() => {
        body.destroy(new errors/* DownloadError */.nV("too-slow", `not finished within ${seconds(deadlineMs)} s (the deadline for ${declared ?? options.maxBytes} bytes at ${pace.minBytesPerSecond} bytes/s)`, true));
    }, Math.max(0, deadlineMs - (performance.now() - startedAt)));
    const temp = (0,atomic_write/* tempPathFor */.F)(destPath);
    // Opening, closing and renaming touch only metadata and take microseconds: called directly,
    // not through libuv's thread pool, which costs more than the calls (see state/real-folders.ts).
    // The bytes and the sync go through the pool, as they can take long.
    let fd = (0,external_node_fs_.openSync)(temp, "wx", 0o644);
    try {
        const hash = (0,external_node_crypto_.createHash)("sha256");
        let size = 0;
        let head = Buffer.alloc(0);
        try {
            for await (const chunk of body) {
                size += chunk.length;
                if (size > options.maxBytes)
                    throw tooLarge(options.maxBytes, "the body went past it");
                checkPace(size, performance.now() - startedAt, pace);
                if (head) {
                    head = Buffer.concat([head, chunk.subarray(0, media_sniff/* SNIFF_BYTES */.d)]);
                    if (head.length >= media_sniff/* SNIFF_BYTES */.d) {
                        checkMagic(head, options);
                        head = undefined;
                    }
                }
                hash.update(chunk);
                await writeAll(fd, chunk);
            }
        }
        catch (error) {
            (0,http/* discardBody */.LL)(body);
            if (error instanceof errors/* DownloadError */.nV || isDiskError(error))
                throw error;
            if (options.signal?.aborted)
                throw error;
            throw new errors/* DownloadError */.nV("truncated", `connection lost after ${size} bytes`, true);
        }
        if (head)
            checkMagic(head, options);
        if (declared !== undefined && size !== declared) {
            throw new errors/* DownloadError */.nV("truncated", `got ${size} of ${declared} bytes`, true);
        }
        // The bytes and the size that reaches them: all a reader of the output needs after a crash.
        await syncData(fd);
        (0,external_node_fs_.closeSync)(fd);
        fd = undefined;
        await (0,real_folders/* assertRealFolders */._6)(options.within, (0,external_node_path_.dirname)(destPath));
        (0,external_node_fs_.renameSync)(temp, destPath);
        return { sha256: hash.digest("hex"), size };
    }
    catch (error) {
        if (fd !== undefined)
            closeQuietly(fd);
        await (0,promises_.unlink)(temp).catch(() => { });
        throw error;
    }
    finally {
        clearTimeout(deadline);
    }
}
function checkPace(size, elapsedMs, pace) {
    const owed = ((elapsedMs - pace.graceMs) / 1000) * pace.minBytesPerSecond;
    if (owed > size) {
        throw new errors/* DownloadError */.nV("too-slow", `only ${size} bytes in ${seconds(elapsedMs)} s, slower than the minimum of ${pace.minBytesPerSecond} bytes/s`, true);
    }
}
function seconds(ms) {
    return (ms / 1000).toFixed(1).replace(/\.0$/, "");
}
function checkMagic(head, options) {
    const verdict = (0,media_sniff/* sniff */.Z)(head, options.type, options.extension);
    if (!verdict.ok) {
        throw new errors/* DownloadError */.nV("type-mismatch", `expected ${verdict.expected}, got ${verdict.found}`);
    }
}
function tooLarge(maxBytes, why) {
    return new errors/* DownloadError */.nV("too-large", `larger than the ${maxBytes}-byte cap (${why})`);
}
const writeChunk = (0,external_node_util_.promisify)(external_node_fs_.write);
function closeQuietly(fd) {
    try {
        (0,external_node_fs_.closeSync)(fd);
    }
    catch {
        // Closing after a failure: the failure is what the caller hears about.
    }
}
const syncData = (0,external_node_util_.promisify)(external_node_fs_.fdatasync);
async function writeAll(fd, chunk) {
    let offset = 0;
    while (offset < chunk.length) {
        const { bytesWritten } = await writeChunk(fd, chunk, offset, chunk.length - offset);
        offset += bytesWritten;
    }
}
function contentLength(value) {
    const text = Array.isArray(value) ? value[0] : value;
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
/** File-system failures (full disk, no permission) are the caller's to report, not a retry. */
function isDiskError(error) {
    const code = error?.code;
    return (typeof code === "string" && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|ISDIR|NOTDIR|MFILE|IO)$/.test(code));
}

;// CONCATENATED MODULE: ./lib/render/polling/poller.js

/**
 * 25 s: long enough that most renders end inside one held request, short enough to stay under the
 * 30–60 s idle timeouts of common proxies and load balancers.
 */
const PREFER_WAIT_SECONDS = 25;
/** A held answer that took at least this share of N counts as held, header or not. */
const HELD_SHARE = 0.5;
/**
 * How long a job waits for another job's outstanding `Prefer: wait` probe before sending its own.
 * A server that ignores the preference answers within a round trip, so a probe still out after
 * this long is most likely being held: the server honours it, and this job should be held too.
 */
const PROBE_PATIENCE_MS = 1_000;
const PENDING = new Set(["queued", "running"]);
async function pollUntilDone(client, id, options) {
    // The model counts the job as in flight while it is polled: "still running" is evidence too.
    const track = options.model.start(options.kind);
    try {
        return await follow(client, id, options, track);
    }
    finally {
        options.model.finish(options.kind, track);
    }
}
async function follow(client, id, options, track) {
    const { now, sleep, signal, model, kind, deadlineMs } = options;
    const submittedAt = options.submittedAt ?? now();
    const unknownGraceMs = options.unknownStatusGraceMs ?? 120_000;
    let polls = 0;
    let previousWait = 0;
    let lastStatus;
    let unknownSince;
    // Aimed so that the look happens at the planned age, not the timer's lateness after it, and
    // never before the server's last Retry-After.
    let notBefore = 0;
    const scheduledWait = () => Math.max(model.lateAdjusted(model.plan({ kind, elapsedMs: now() - submittedAt, previousWaitMs: previousWait, track })), notBefore - now());
    /** Sleeps `ms` (not past the deadline): true when it did, false when `until` settled first. */
    const pause = async (ms, until) => {
        const asked = Math.min(ms, Math.max(0, deadlineMs - now()));
        const sleptFrom = now();
        const timer = new AbortController();
        const stop = () => timer.abort(signal?.reason);
        signal?.addEventListener("abort", stop, { once: true });
        try {
            const slept = await Promise.race([
                sleep(asked, timer.signal).then(() => true, () => false),
                ...(until ? [until.then(() => false)] : []),
            ]);
            signal?.throwIfAborted();
            if (slept)
                model.noteTimerLag(now() - sleptFrom - asked);
            return slept;
        }
        finally {
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
            }
            else {
                // When another job of the kind ends, the model may have learnt enough to move this look.
                while (!(await pause(wait, model.news(kind)))) {
                    wait = scheduledWait();
                    if (wait <= 0)
                        break;
                }
            }
        }
        const remainingS = Math.floor((deadlineMs - now()) / 1000);
        const preferWaitSeconds = Math.min(PREFER_WAIT_SECONDS, remainingS);
        const sentAt = now();
        const settleProbe = model.preferWait === "unknown" && !model.probe ? model.beginProbe() : undefined;
        let answer;
        try {
            // Failed requests are tried again inside the client while the deadline lasts: a job is
            // never failed for a status request that failed.
            answer = await client.status(id, { preferWaitSeconds, retryUntilMs: deadlineMs, signal });
        }
        catch (error) {
            settleProbe?.();
            throw error;
        }
        const answeredAt = now();
        polls += 1;
        const { job } = answer;
        const held = answer.preferenceApplied ||
            (preferWaitSeconds > 0 && answeredAt - sentAt >= preferWaitSeconds * 1000 * HELD_SHARE);
        if (held)
            model.preferWait = "honoured";
        else if (preferWaitSeconds > 0 && PENDING.has(job.status))
            model.preferWait = "ignored";
        settleProbe?.();
        if (options.stats) {
            options.stats.requests += 1;
            if (held)
                options.stats.held += 1;
        }
        lastStatus = job.status;
        model.looked(track, answeredAt - submittedAt);
        if (job.status === "succeeded" && job.url) {
            // A held answer came when the job ended; a quick one says it ended since it was last seen
            // going (or since submission).
            if (held)
                model.record(kind, answeredAt - submittedAt, track.cohort);
            else
                model.ended(kind, track, answeredAt - submittedAt);
            return { url: job.url, job, polls };
        }
        if (job.status === "failed")
            throw new errors/* JobFailedError */.dk(id, job.error);
        if (job.status === "canceled" || job.status === "cancelled")
            throw new errors/* JobCanceledError */.JF(id);
        if (PENDING.has(job.status)) {
            unknownSince = undefined;
            // A held answer says the job was going until just now, as much as a quick one does.
            model.running(kind, track, answeredAt - submittedAt);
        }
        else {
            unknownSince ??= answeredAt;
            if (answeredAt - unknownSince >= unknownGraceMs)
                throw new errors/* UnknownStatusError */.tr(id, job.status);
        }
        if (answeredAt >= deadlineMs) {
            if (unknownSince !== undefined)
                throw new errors/* UnknownStatusError */.tr(id, job.status);
            throw new errors/* JobTimeoutError */.$G(id, answeredAt - submittedAt, lastStatus);
        }
        if (held) {
            wait = 0;
        }
        else {
            // A quick answer while the job is still going: this server does not hold requests (or just
            // reported a change of state); follow the schedule until a held answer says otherwise.
            if (preferWaitSeconds > 0)
                model.preferWait = "ignored";
            notBefore = answeredAt + (answer.retryAfterMs ?? 0);
            scheduled = true;
            wait = scheduledWait();
        }
    }
}
/** Until the probe is answered or `PROBE_PATIENCE_MS` pass, whichever is first. */
async function waitForProbe(probe, sleep, signal) {
    const patience = new AbortController();
    const stop = () => patience.abort();
    signal?.addEventListener("abort", stop, { once: true });
    try {
        await Promise.race([probe, sleep(PROBE_PATIENCE_MS, patience.signal).catch(() => undefined)]);
    }
    finally {
        patience.abort();
        signal?.removeEventListener("abort", stop);
    }
    signal?.throwIfAborted();
}

;// CONCATENATED MODULE: ./lib/render/job.js








/** How long one job may take from submission (queueing included) before it is given up. */
const DEFAULT_JOB_DEADLINE_MS = 30 * 60 * 1000;
/**
 * One asset from submission to a recorded output: journal the key, POST (or pick up the job an
 * interrupted run left), poll, download, then cache, journal as completed, and hand the lock
 * entry to the updater. Never throws: the outcome, failures included, is the returned result.
 */
async function runJob(entry, resume, ctx) {
    const { asset } = entry;
    const base = {
        id: entry.id,
        status: "failed",
        output: entry.output,
        hash: entry.hash,
    };
    const startedAt = ctx.now();
    let generation = resume?.state === "submitted" ? resume.generation : undefined;
    let created = generation !== undefined;
    // When the server answered the POST: the job's age counts from there, not from before the
    // journal write and the request (which take longer, and vary more, when 40 start at once).
    let createdAt = startedAt;
    // What the server said the job cost, in its create answer or (later, so it wins) its status.
    let charged;
    try {
        if (generation === undefined) {
            // A forced render needs a new job, hence a new key; journaled first so a resume reuses it.
            const key = resume?.key ?? idempotencyKey(entry.hash, ctx.force ? newKeyNonce() : undefined);
            await ctx.journal.submitting(entry.id, entry.hash, key);
            const job = await ctx.client.create((0,hash/* requestBody */.IO)(asset), key, ctx.signal);
            charged = job.credits;
            createdAt = ctx.now();
            generation = job.id;
            created = true;
            await ctx.journal.submitted(entry.id, entry.hash, key, generation, { durable: ctx.force });
            ctx.reporter.emit(resume
                ? { kind: "resumed", id: entry.id, generation }
                : { kind: "submitted", id: entry.id, generation });
        }
        else {
            ctx.reporter.emit({ kind: "resumed", id: entry.id, generation });
        }
        const done = await pollUntilDone(ctx.client, generation, {
            deadlineMs: startedAt + ctx.jobDeadlineMs,
            now: ctx.now,
            sleep: ctx.sleep,
            signal: ctx.signal,
            model: ctx.model,
            kind: `${asset.type}/${asset.model}`,
            // A job picked up from an interrupted run has been going since then: the model learns
            // its true duration. The deadline counts from this run, so an old record still gets polled.
            submittedAt: resume ? Date.parse(resume.at) || startedAt : createdAt,
        });
        const target = (0,external_node_path_.join)(ctx.manifestDir, entry.output);
        const bytes = await downloadResult(done.url, target, {
            type: asset.type,
            extension: (0,external_node_path_.extname)(entry.output),
            maxBytes: limits/* MAX_RESULT_BYTES */.Xs[asset.type],
            within: ctx.repoRoot,
            dispatcher: ctx.dispatcher,
            apiOrigin: ctx.client.origin,
            carriesKey: (url) => ctx.client.carriesKey(url),
            signal: ctx.signal,
            sleep: ctx.sleep,
            random: ctx.random,
            ...(ctx.requestTimeoutMs !== undefined ? { timeoutMs: ctx.requestTimeoutMs } : {}),
            ...(ctx.downloadPace ? { pace: ctx.downloadPace } : {}),
        });
        await (0,record/* recordOutput */.T)(entry, generation, bytes, ctx, { forced: ctx.force });
        // A literal of its own, not `{ ...base, … }`: a spread gave each result its own hidden class
        // in V8, a few hundred bytes per asset kept until the run ends (14 MB at 50,000 jobs).
        const rendered = {
            id: entry.id,
            status: "rendered",
            output: entry.output,
            hash: entry.hash,
            generation,
            durationMs: Math.round(ctx.now() - startedAt),
        };
        // Added after, so results with and without a charge share two hidden classes, not one each.
        charged = done.job.credits ?? charged;
        if (charged !== undefined)
            rendered.credits = charged;
        return rendered;
    }
    catch (error) {
        const failed = await failure(entry, base, error, created, generation, ctx);
        // A job the server charged for and then failed still cost what it said.
        if (charged !== undefined && failed.status === "failed")
            failed.credits = charged;
        return failed;
    }
}
async function failure(entry, base, error, created, generation, ctx) {
    const withGeneration = generation === undefined ? base : { ...base, generation };
    if (ctx.signal.aborted) {
        // Interrupted or stopped: the journal keeps the job for the next run to pick up.
        return {
            ...withGeneration,
            status: "skipped",
            error: "stopped while in flight; a re-run resumes it",
        };
    }
    if (error instanceof errors/* RenderError */.vH && error.scope !== "asset") {
        ctx.onWideFailure(error);
        // A refused key or a 402 means no job was created for this request.
        if (!created)
            await ctx.journal.remove(entry.id).catch(() => { });
        return { ...withGeneration, status: "skipped", error: error.message };
    }
    if (isFinalForThisKey(error))
        await ctx.journal.remove(entry.id).catch(() => { });
    const message = error instanceof Error ? error.message : String(error);
    return { ...withGeneration, status: "failed", error: message };
}
/**
 * Whether the journal record can go: the server refused the request (nothing was created) or the
 * job reached an end that waiting will not change. Otherwise (a deadline, a failed download, a
 * full disk) it stays, so the next run picks the job up instead of paying for a new one.
 */
function isFinalForThisKey(error) {
    return (error instanceof errors/* ApiRejectedError */.pg ||
        error instanceof errors/* JobFailedError */.dk ||
        error instanceof errors/* JobCanceledError */.JF ||
        error instanceof errors/* UnknownStatusError */.tr);
}


/***/ })

};
