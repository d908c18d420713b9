export const id = 384;
export const ids = [384,924,705,86];
export const modules = {

/***/ 6359:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ MediaFileReader),
/* harmony export */   c: () => (/* binding */ MediaFormatError)
/* harmony export */ });
/**
 * Reads bounded slices of a media file by offset, so that a header can be walked without loading
 * the whole file (a WAV or MP4 may be padded to hundreds of megabytes).
 */
class MediaFileReader {
    handle;
    size;
    constructor(handle, size) {
        this.handle = handle;
        this.size = size;
    }
    /** Up to `length` bytes at `offset` (fewer at the end of the file). */
    async read(offset, length) {
        const wanted = Math.max(0, Math.min(length, this.size - offset));
        const buffer = Buffer.alloc(wanted);
        let filled = 0;
        while (filled < wanted) {
            const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, offset + filled);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
        }
        return buffer.subarray(0, filled);
    }
}
/** The file's content cannot be read as the format it claims. */
class MediaFormatError extends Error {
    name = "MediaFormatError";
}


/***/ }),

/***/ 3712:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ mp4DurationSeconds)
/* harmony export */ });
/* harmony import */ var _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6359);

/** A movie header is a few hundred bytes; a `moov` bigger than this is not read. */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 1024;
/**
 * The length of an MP4 (ISO BMFF) in seconds, from its movie header (`moov/mvhd`): the top-level
 * boxes are walked by their sizes (32- or 64-bit), wherever `moov` sits, and only it is read.
 */
async function mp4DurationSeconds(reader) {
    let at = 0;
    for (let walked = 0; at + 8 <= reader.size && walked < MAX_TOP_LEVEL_BOXES; walked++) {
        const header = await reader.read(at, 16);
        let size = header.readUInt32BE(0);
        const type = header.toString("latin1", 4, 8);
        let headerSize = 8;
        if (size === 1 && header.length >= 16) {
            size = Number(header.readBigUInt64BE(8));
            headerSize = 16;
        }
        else if (size === 0) {
            size = reader.size - at; // the box runs to the end of the file
        }
        if (size < headerSize)
            throw new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaFormatError */ .c(`its ${JSON.stringify(type)} box has size ${size}`);
        if (type === "moov") {
            if (size > MAX_MOOV_BYTES)
                throw new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaFormatError */ .c(`its moov box is ${size} bytes`);
            return movieDuration(await reader.read(at + headerSize, size - headerSize));
        }
        at += size;
    }
    throw new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaFormatError */ .c("it has no moov box");
}
function movieDuration(moov) {
    for (let at = 0; at + 8 <= moov.length;) {
        const size = moov.readUInt32BE(at);
        if (size < 8)
            break;
        if (moov.toString("latin1", at + 4, at + 8) === "mvhd") {
            const body = moov.subarray(at + 8, at + size);
            const version = body[0];
            const [timescale, duration] = version === 1 && body.length >= 32
                ? [body.readUInt32BE(20), Number(body.readBigUInt64BE(24))]
                : body.length >= 20
                    ? [body.readUInt32BE(12), body.readUInt32BE(16)]
                    : [0, 0];
            if (timescale === 0)
                throw new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaFormatError */ .c("its movie header has no time scale");
            return duration / timescale;
        }
        at += size;
    }
    throw new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaFormatError */ .c("its moov box has no movie header");
}


/***/ }),

/***/ 3499:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ posterFrame),
/* harmony export */   p: () => (/* binding */ videoDurationSeconds)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _plan_variant_recipe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1721);
/* harmony import */ var _ffmpeg_tool_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3830);
/* harmony import */ var _media_file_reader_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6359);
/* harmony import */ var _mp4_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3712);
/**
 * A video's poster frame: the one frame that stands for it, in the PR comment's review preview
 * and in its web variants alike — taken at POSTER_FRAME_AT of its length (plan/variant-recipe.ts,
 * where the variant recipe records the choice so that changing it re-derives).
 */





/** The length of an MP4 in seconds, from its movie header (never from a lock or the manifest). */
async function videoDurationSeconds(file) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(file, "r");
    try {
        return await (0,_mp4_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .mp4DurationSeconds */ .z)(new _media_file_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .MediaFileReader */ .S(handle, (await handle.stat()).size));
    }
    finally {
        await handle.close();
    }
}
/**
 * The poster frame as PNG bytes: at the video's own size (what its variants are made from), or
 * at most `maxWidth` wide (a review preview).
 */
function posterFrame(ffmpegPath, file, durationSeconds, { maxWidth, signal } = {}) {
    return (0,_ffmpeg_tool_js__WEBPACK_IMPORTED_MODULE_2__/* .extractFrame */ .hz)(ffmpegPath, file, {
        atSeconds: durationSeconds * _plan_variant_recipe_js__WEBPACK_IMPORTED_MODULE_1__/* .POSTER_FRAME_AT */ .mR,
        ...(maxWidth !== undefined ? { maxWidth } : {}),
        ...(signal ? { signal } : {}),
    });
}


/***/ }),

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


/***/ }),

/***/ 3955:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ recordOutput)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/plan/hash.js
var plan_hash = __webpack_require__(6371);
;// CONCATENATED MODULE: ./lib/plan/lock-entry.js

/**
 * The lock entry for an asset whose output was just written (or restored). `hash` is the asset's
 * hash when the caller has it already (the plan's), so it is neither computed nor held twice.
 */
function lockEntryFor(asset, rendered, hash = (0,plan_hash.assetHash)(asset)) {
    return {
        hash,
        fields: (0,plan_hash.fieldHashes)(asset),
        output: asset.output,
        sha256: rendered.sha256,
        size: rendered.size,
        generation: rendered.generation,
        renderedAt: typeof rendered.renderedAt === "string"
            ? rendered.renderedAt
            : rendered.renderedAt.toISOString(),
    };
}

;// CONCATENATED MODULE: ./lib/render/record.js


/** Make a finished output durable: cache entry, completed journal record, lock and stat index. */
async function recordOutput(entry, generation, bytes, ctx, how = {}) {
    const target = (0,external_node_path_.join)(ctx.manifestDir, entry.output);
    const extension = (0,external_node_path_.extname)(entry.output).replace(/^\./, "");
    if (!how.fromCache) {
        await ctx.cache
            .put(entry.hash, target, { ...bytes, generation, extension })
            .catch((e) => {
            // The cache only saves work; the output and the lock are what count.
            const message = `could not cache ${entry.id}: ${e.message}`;
            ctx.reporter.emit({ kind: "warning", message });
        });
    }
    const lockEntry = lockEntryFor(entry.asset, { ...bytes, generation, renderedAt: new Date(ctx.now()) }, entry.hash);
    await ctx.journal.completed(entry.id, entry.hash, lockEntry, how.forced === true);
    ctx.updater.set(entry.id, lockEntry);
    await ctx.index.record(entry.output, bytes.sha256).catch(() => { });
}


/***/ }),

/***/ 2384:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planFor: () => (/* reexport */ planFor),
  render: () => (/* binding */ render)
});

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/manifest/errors.js
var errors = __webpack_require__(7850);
// EXTERNAL MODULE: ./lib/manifest/load.js + 20 modules
var load = __webpack_require__(8297);
// EXTERNAL MODULE: ./lib/state/local-cache.js
var local_cache = __webpack_require__(3565);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/lockfile.js + 1 modules
var lockfile = __webpack_require__(5102);
;// CONCATENATED MODULE: ./lib/state/lockfile-rewrite.js



const HEAD = Buffer.from(lockfile.WRITTEN_HEAD);
const HEAD_LINES = lockfile.WRITTEN_HEAD.split("\n").slice(0, -1);
const SEPARATOR = Buffer.from(",\n");
/** The line that closes the assets object, and what must follow it to the end of the file. */
const CLOSE_ASSETS = "  }";
const AFTER_CLOSE = Buffer.from(lockfile.WRITTEN_TAIL.slice(1 + CLOSE_ASSETS.length + 1));
/** What follows an id's closing quote on a written line. It cannot occur inside a JSON string: a quote there is escaped. */
const AFTER_ID = Buffer.from('": {"hash":');
/** How much of the old file is read at a time, and about how much new text is written at once. */
const CHUNK_BYTES = lockfile.LOCKFILE_CHUNK_CHARS;
/** The file is not as `serializeLockfile` writes it: serialise the whole lock instead. */
class NotAsWritten extends Error {
}
/**
 * Write `lock` over the lockfile at `path`, which holds the same lock except the `changed` ids:
 * the lines of the other assets are copied as they are on disk, not parsed and serialised again,
 * so a small change to a big lock costs a copy of its bytes, not 50,000 `JSON.stringify`s and a
 * sort. Falls back to serialising the whole lock when the file is not as `serializeLockfile`
 * writes it (missing, hand-formatted, unsorted, or holding other ids than `lock`); either way the
 * write is atomic. Neither way holds the file whole: the old file is read 64 KiB at a time and
 * copied from there, and the new lines go out in pieces of about that size (at 50,000 assets, the old
 * file read whole and a buffer per changed line were 27 MB of a render's peak at its last write).
 */
async function rewriteLockfile(path, lock, changed) {
    const ids = [...new Set(changed)]
        .filter((id) => Object.hasOwn(lock.assets, id))
        .sort(lockfile.compareCodeUnits);
    try {
        await (0,atomic_write/* writeFileAtomic */.Z)(path, withChangedLines(path, lock, ids));
    }
    catch (error) {
        // The temp file the failed attempt began is gone (writeFileAtomic removes it).
        if (!(error instanceof NotAsWritten))
            throw error;
        await (0,atomic_write/* writeFileAtomic */.Z)(path, (0,lockfile.lockfileChunks)(lock));
    }
}
/**
 * The new file's bytes in pieces of about 64 KiB: the unchanged lines copied from the old file
 * (read a chunk at a time), the changed ids' lines in their sorted places. Throws NotAsWritten,
 * at whatever point it finds out, when the old file is not laid out as written.
 */
function* withChangedLines(path, lock, ids) {
    let fd;
    try {
        // Not through a link (a link here was put there during the run: it is written whole).
        fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
    }
    catch {
        throw new NotAsWritten();
    }
    try {
        const lines = linesOf(fd);
        for (const expected of HEAD_LINES) {
            const line = lines.next();
            if (line.done || !isLine(line.value, expected))
                throw new NotAsWritten();
        }
        const out = new Pieces();
        yield* out.add(HEAD);
        let members = 0;
        let next = 0;
        let copied = 0;
        let previous;
        let lastHadComma = true;
        const separate = function* () {
            if (members++ > 0)
                yield* out.add(SEPARATOR);
        };
        const newLine = function* (id) {
            yield* separate();
            yield* out.add((0,lockfile.entryLine)(id, lock.assets[id]));
        };
        for (;;) {
            const item = lines.next();
            if (item.done)
                throw new NotAsWritten();
            const line = item.value;
            if (isLine(line, CLOSE_ASSETS)) {
                // The last line has no comma, and there is one; then the file ends as written.
                if (lastHadComma || !lines.rest().equals(AFTER_CLOSE))
                    throw new NotAsWritten();
                break;
            }
            // Every line but the last ends with the comma that separates members.
            if (!lastHadComma)
                throw new NotAsWritten();
            lastHadComma = line.chunk[line.end - 1] === 0x2c;
            const contentEnd = lastHadComma ? line.end - 1 : line.end;
            const id = idOfLine(line.chunk, line.start, contentEnd);
            if (id === undefined || (previous !== undefined && (0,lockfile.compareCodeUnits)(previous, id) >= 0)) {
                throw new NotAsWritten();
            }
            previous = id;
            while (next < ids.length && (0,lockfile.compareCodeUnits)(ids[next], id) < 0) {
                yield* newLine(ids[next++]);
            }
            if (ids[next] === id)
                yield* newLine(ids[next++]);
            else {
                copied += 1;
                yield* separate();
                yield* out.add(line.chunk.subarray(line.start, contentEnd));
            }
        }
        while (next < ids.length)
            yield* newLine(ids[next++]);
        // The file held an id the lock does not (or the other way round): serialise the lock instead.
        let count = 0;
        for (const _ in lock.assets)
            count++;
        if (count !== copied + ids.length)
            throw new NotAsWritten();
        yield* out.add(lockfile.WRITTEN_TAIL);
        yield* out.flush();
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Output gathered into buffers of CHUNK_BYTES, each handed out once full: a write per 64 KiB, not
 * one per line or run of lines (a lock with every other line changed is 50,000 of those).
 */
class Pieces {
    buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    *add(data) {
        const size = typeof data === "string" ? Buffer.byteLength(data) : data.length;
        if (this.used + size > this.buffer.length)
            yield* this.flush();
        if (size > this.buffer.length) {
            yield typeof data === "string" ? Buffer.from(data) : data;
            return;
        }
        if (typeof data === "string")
            this.buffer.write(data, this.used);
        else
            this.buffer.set(data, this.used);
        this.used += size;
    }
    /** Hand out what is gathered; a fresh buffer follows, as the one handed out may still be read. */
    *flush() {
        if (this.used === 0)
            return;
        yield this.buffer.subarray(0, this.used);
        this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        this.used = 0;
    }
}
function isLine(line, text) {
    return (line.end - line.start === text.length &&
        line.chunk.toString("latin1", line.start, line.end) === text);
}
/**
 * The file's lines, read a chunk at a time into a buffer of its own each, so that a slice handed
 * out stays valid after the next read. `rest()` (after the last line taken) is what follows it to
 * the end of the file, read whole: only ever the few bytes after the assets.
 */
function linesOf(fd) {
    let chunk = Buffer.alloc(0);
    let at = 0;
    let ended = false;
    const fill = () => {
        if (ended)
            return false;
        const kept = chunk.length - at;
        const fresh = Buffer.allocUnsafe(kept + CHUNK_BYTES);
        chunk.copy(fresh, 0, at);
        let filled = kept;
        while (filled < fresh.length) {
            const n = (0,external_node_fs_.readSync)(fd, fresh, filled, fresh.length - filled, null);
            if (n === 0) {
                ended = true;
                break;
            }
            filled += n;
        }
        chunk = fresh.subarray(0, filled);
        at = 0;
        return filled > kept;
    };
    return {
        next() {
            for (;;) {
                const lineBreak = chunk.indexOf(10, at);
                if (lineBreak >= 0) {
                    const line = { chunk, start: at, end: lineBreak };
                    at = lineBreak + 1;
                    return { done: false, value: line };
                }
                if (!fill())
                    return { done: true, value: undefined };
            }
        },
        rest() {
            while (fill())
                ;
            return chunk.subarray(at);
        },
    };
}
/** The id on a line `    "ID": {"hash":…`, or undefined if the line is not laid out so. */
function idOfLine(file, start, end) {
    if (file.toString("latin1", start, start + 5) !== '    "')
        return undefined;
    const after = file.indexOf(AFTER_ID, start + 5);
    if (after < 0 || after >= end)
        return undefined;
    try {
        const id = JSON.parse(file.toString("utf8", start + 4, after + 1));
        return typeof id === "string" ? id : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./lib/state/manifest-lock.js
var manifest_lock = __webpack_require__(2050);
// EXTERNAL MODULE: ./lib/plan/lfs-pointer.js
var lfs_pointer = __webpack_require__(9328);
// EXTERNAL MODULE: ./lib/render/polling/duration-memory.js + 5 modules
var duration_memory = __webpack_require__(5043);
// EXTERNAL MODULE: ./lib/render/errors.js
var render_errors = __webpack_require__(1169);
// EXTERNAL MODULE: ./lib/plan/credits.js
var credits = __webpack_require__(4617);
// EXTERNAL MODULE: ./lib/render/pricing.js + 2 modules
var pricing = __webpack_require__(4694);
;// CONCATENATED MODULE: ./lib/render/credit-gate.js



const assetsOf = (entries) => entries.flatMap((e) => (e.asset ? [e.asset] : []));
/**
 * Throws what a refused key or an unreachable API throws, as the first POST would, and the
 * interrupt's reason when `input.signal` stopped a read (the caller checks the signal).
 */
async function gateCredits(input) {
    const submit = assetsOf(input.toSubmit);
    const all = [...submit, ...assetsOf(input.others)];
    const api = (0,duration_memory/* durationMemoryApi */._t)(input.config);
    const { prices } = await (0,pricing/* resolvePrices */.N)(input.manifest, all.map((a) => a.model), {
        manifestDir: input.manifest.dir,
        api,
        warn: input.warn,
        ...(input.client ? { client: input.client } : {}),
        ...(input.now ? { now: input.now } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
    });
    const estimate = (0,credits/* estimateCredits */.JV)(submit, prices);
    // With nothing but new jobs (a run from nothing), both are the same map of every asset: one.
    const everything = all.length === submit.length ? estimate : (0,credits/* estimateCredits */.JV)(all, prices);
    const gate = {
        prices,
        estimate,
        priceOf: (id) => everything.perAsset.get(id),
        unknownModels: everything.unknownModels,
    };
    const refusal = await refusalFor(input, estimate);
    if (refusal !== undefined)
        gate.refusal = refusal;
    return gate;
}
async function refusalFor(input, estimate) {
    const jobs = input.toSubmit.length;
    if (jobs === 0)
        return undefined;
    const { maxCredits } = input.config;
    const what = `${jobs} new job${jobs === 1 ? "" : "s"}`;
    if (maxCredits !== undefined) {
        if (estimate.total === null) {
            return (`the plan's ${what} cost an unknown number of credits (${(0,credits/* unknownReason */.$h)(estimate)}), so the ` +
                `budget max-credits ${(0,credits/* formatCredits */.Ql)(maxCredits)} cannot be kept; nothing was submitted. ` +
                "Give the price under pricing: in the manifest, or run without max-credits");
        }
        if (estimate.total > maxCredits) {
            return (`the plan's ${what} are estimated at ${(0,credits/* creditsText */.Cn)(estimate.total)}, more than the budget ` +
                `max-credits ${(0,credits/* formatCredits */.Ql)(maxCredits)}; nothing was submitted. Raise max-credits, or ` +
                "render fewer assets with --only");
        }
    }
    // With a price unknown, what is known is still a floor: a balance below it cannot cover the run.
    let known = 0;
    for (const credits of estimate.perAsset.values())
        known += credits ?? 0;
    known = (0,credits/* roundCredits */.VV)(known);
    if (input.client === undefined || known === 0)
        return undefined;
    const balance = await (0,pricing/* readBalance */.b)(input.client, input.warn, input.signal);
    if (balance === undefined || balance >= known)
        return undefined;
    const cost = estimate.total === null
        ? `need at least ${(0,credits/* creditsText */.Cn)(known)} (${(0,credits/* unknownReason */.$h)(estimate)})`
        : `are estimated at ${(0,credits/* creditsText */.Cn)(known)}`;
    return (`the plan's ${what} ${cost} and the workspace's ` +
        `balance is ${(0,credits/* creditsText */.Cn)(balance)}; nothing was submitted. Top up the workspace, or render ` +
        "fewer assets with --only");
}
/**
 * What the run spent and saved. `restoredFromStore` is the ids restored from the store (the rest
 * of the restored came from the local cache).
 */
function creditOutcome(results, gate, restoredFromStore) {
    let spent = 0;
    let spentIsEstimate = false;
    let notSpent = 0;
    let restored = 0;
    let fromStore = 0;
    for (const result of results) {
        if (result.status === "restored") {
            restored += 1;
            if (restoredFromStore.has(result.id))
                fromStore += 1;
            const would = gate?.priceOf(result.id);
            notSpent =
                notSpent === null || would === null || would === undefined ? null : notSpent + would;
            continue;
        }
        if (result.credits !== undefined) {
            if (spent !== null)
                spent += result.credits;
            continue;
        }
        if (result.status !== "rendered")
            continue;
        const estimated = gate?.priceOf(result.id);
        spentIsEstimate = true;
        spent =
            spent === null || estimated === null || estimated === undefined ? null : spent + estimated;
    }
    return {
        estimate: gate ? gate.estimate.total : 0,
        spent: spent === null ? null : (0,credits/* roundCredits */.VV)(spent),
        spentIsEstimate: spent !== null && spentIsEstimate,
        unknownModels: gate ? gate.unknownModels : [],
        restored,
        restoredFromStore: fromStore,
        notSpent: notSpent === null ? null : (0,credits/* roundCredits */.VV)(notSpent),
    };
}

// EXTERNAL MODULE: ./lib/state/journal.js
var state_journal = __webpack_require__(5474);
;// CONCATENATED MODULE: ./lib/state/lock-updater.js
const LOCK_WRITE_INTERVAL_MS = 60_000;
function createLockUpdater(options) {
    const intervalMs = options.intervalMs ?? LOCK_WRITE_INTERVAL_MS;
    const now = options.now ?? Date.now;
    const lock = options.initial;
    let pending = new Set();
    let lastWriteAt = now();
    let timer;
    let writing;
    let failure;
    let closed = false;
    const writeOnce = async () => {
        const ids = [...pending];
        pending = new Set();
        lastWriteAt = now();
        try {
            await options.write(lock, ids);
        }
        catch (error) {
            for (const id of ids)
                pending.add(id);
            failure = error;
            return;
        }
        failure = undefined;
        await options.onWritten?.(ids).catch(() => {
            // The journal records stay behind; the next run folds them in again, harmlessly.
        });
    };
    const run = () => {
        timer = undefined;
        writing ??= writeOnce().finally(() => {
            writing = undefined;
            if (pending.size > 0 && !closed && failure === undefined)
                schedule();
        });
        return writing;
    };
    const schedule = () => {
        if (timer || writing || closed)
            return;
        const wait = Math.max(0, lastWriteAt + intervalMs - now());
        timer = setTimeout(() => void run(), wait);
    };
    const flush = async () => {
        if (timer)
            clearTimeout(timer);
        timer = undefined;
        while (writing)
            await writing;
        if (pending.size > 0)
            await run();
        if (failure !== undefined)
            throw failure;
    };
    return {
        set(id, entry) {
            lock.assets[id] = entry;
            pending.add(id);
            schedule();
        },
        current: () => lock,
        flush,
        async close() {
            closed = true;
            await flush();
        },
    };
}

;// CONCATENATED MODULE: ./lib/render/progress/events.js
const silentReporter = { emit() { }, close() { } };

// EXTERNAL MODULE: ./lib/plan/plan-manifest.js + 7 modules
var plan_manifest = __webpack_require__(6610);
// EXTERNAL MODULE: ./lib/render/refusals.js
var refusals = __webpack_require__(9691);
// EXTERNAL MODULE: ./lib/render/select.js
var render_select = __webpack_require__(8174);
// EXTERNAL MODULE: ./lib/util/pool.js
var pool = __webpack_require__(9860);
;// CONCATENATED MODULE: ./lib/render/prepare.js






/**
 * Load, plan and select — reading only. The action's fork-PR path (no key, nothing may be written)
 * and `render` both start here.
 */
async function planFor(config) {
    return prepare(await (0,load.loadManifest)(config.manifestPath), config);
}
async function prepare(manifest, config) {
    const planned = await (0,plan_manifest.planManifest)(manifest);
    const selection = (0,render_select/* selectEntries */.XO)(planned.plan, config);
    if (selection.unmatched.length > 0) {
        throw (0,refusals/* unmatchedPatternsError */.hO)(selection.unmatched, manifest.assets.map((a) => a.id));
    }
    return { ...planned, manifest, selection };
}
/** A forced run started again: what it already rendered counts as unchanged this time. */
function skipForcedDone(selection, forcedDone) {
    if (forcedDone.size === 0)
        return;
    const done = (e) => forcedDone.get(e.id) === e.hash;
    selection.unchanged.push(...selection.toRender.filter(done));
    selection.toRender = selection.toRender.filter((e) => !done(e));
}
/**
 * The journal's jobs in flight that this run can pick up, by asset id. A record whose hash no
 * longer matches what the asset asks for is a job for an older request: nobody wants its result,
 * so it is forgotten (its key is never reused for the new request; the new hash makes a new key).
 */
async function resumableJobs(journal, prepared) {
    const wanted = new Map(prepared.selection.toRender.map((e) => [e.id, e]));
    // Records of ids outside this run's selection, or of another manifest sharing the folder's
    // journal, stay for a later run.
    const excluded = new Set(prepared.selection.excluded.map((e) => e.id));
    const ours = new Set(prepared.manifest.assets.map((a) => a.id));
    const resumable = new Map();
    const stale = [];
    for (const record of (await journal.readAll()).filter(state_journal.isInFlight)) {
        const entry = wanted.get(record.id);
        if (entry !== undefined && entry.hash === record.hash)
            resumable.set(record.id, record);
        else if (ours.has(record.id) && !excluded.has(record.id))
            stale.push(record.id);
    }
    await journal.removeAll(stale);
    return resumable;
}
/** Cache probes in flight at once: each is one small file read. */
const PROBE_CONCURRENCY = 64;
/** Split what must be produced into cache restores and jobs to run, in plan order. */
async function splitByCache(toRender, cache, force, resumable) {
    // A job already paid for is picked up rather than bypassed; --force never restores.
    const candidates = force ? [] : toRender.filter((entry) => !resumable.has(entry.id));
    // Only the entries whose meta is listed are read (and a bad one discarded, as peek does).
    const listed = await cache.listed(candidates.map((entry) => entry.hash));
    const hits = new Set();
    await (0,pool/* runPool */.k)(candidates.filter((entry) => listed.has(entry.hash)), PROBE_CONCURRENCY, async (entry) => {
        if ((await cache.peek(entry.hash)) !== undefined)
            hits.add(entry);
    });
    return {
        restore: toRender.filter((entry) => hits.has(entry)),
        jobs: toRender.filter((entry) => !hits.has(entry)),
    };
}

;// CONCATENATED MODULE: ./lib/state/journal-fold.js


/**
 * Fold the journal's completed records into the lockfile before planning: they are assets an
 * earlier run finished (output and cache written) but had not yet written into the lockfile when
 * it stopped. Afterwards the plan sees them as unchanged and they cost nothing.
 *
 * `ids` are the manifest's asset ids: the journal is the folder's, and a record of another
 * manifest there belongs to that manifest's lock.
 *
 * Records a forced run left are kept when this run is forced too (it is that run, started again):
 * the returned map (id → hash) names what it already rendered, so it is not rendered twice. A run
 * without --force ends any forced run, and drops them.
 */
async function foldCompletedRecords(manifestPath, ids, journal, force) {
    // Another manifest in the same folder shares the journal: its records are not this lock's.
    const completed = (await journal.readAll()).filter((r) => r.state === "completed" && ids.has(r.id));
    const forcedDone = new Map();
    if (completed.length === 0)
        return forcedDone;
    const { lock, path } = await (0,manifest_lock.readManifestLock)(manifestPath, ids);
    for (const record of completed)
        lock.assets[record.id] = record.entry;
    await rewriteLockfile(path, lock, completed.map((r) => r.id));
    const done = [];
    for (const record of completed) {
        if (force && record.forced)
            forcedDone.set(record.id, record.hash);
        else
            done.push(record.id);
    }
    await journal.removeAll(done);
    return forcedDone;
}

// EXTERNAL MODULE: ./lib/render/record.js + 1 modules
var record = __webpack_require__(3955);
;// CONCATENATED MODULE: ./lib/render/restore.js


/**
 * Produce an asset's output from the cache instead of a job: the bytes are copied and verified as
 * every stored entry is (size, SHA-256, the type's magic bytes; a bad entry is dropped), then
 * recorded exactly like a render's, with the generation that first produced them. Undefined
 * means a miss: the caller renders instead.
 */
async function restoreFromCache(entry, ctx) {
    if (!entry.asset)
        return undefined;
    const target = (0,external_node_path_.join)(ctx.manifestDir, entry.output);
    let meta;
    try {
        meta = await ctx.cache.restore(entry.hash, {
            path: target,
            type: entry.asset.type,
            within: ctx.repoRoot,
        });
    }
    catch (error) {
        ctx.reporter.emit({
            kind: "warning",
            message: `could not restore ${entry.id} from the cache: ${error.message}`,
        });
        return undefined;
    }
    if (!meta)
        return undefined;
    const withAsset = entry;
    await (0,record/* recordOutput */.T)(withAsset, meta.generation, { sha256: meta.sha256, size: meta.size }, ctx, {
        fromCache: true,
    });
    const result = {
        id: entry.id,
        status: "restored",
        output: entry.output,
        hash: entry.hash,
        generation: meta.generation,
    };
    ctx.reporter.emit({ kind: "asset", result });
    return result;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./lib/derive/preview/media-file-reader.js
var media_file_reader = __webpack_require__(6359);
// EXTERNAL MODULE: ./lib/derive/preview/mp4-duration.js
var mp4_duration = __webpack_require__(3712);
// EXTERNAL MODULE: ./lib/derive/preview/poster-frame.js
var poster_frame = __webpack_require__(3499);
;// CONCATENATED MODULE: ./lib/derive/preview/waveform-image.js
/** GitHub's light canvas and accent, so the picture sits in a comment like its own UI. */
const BACKGROUND = [0xf6, 0xf8, 0xfa];
const WAVE = [0x09, 0x69, 0xda];
const MIDLINE = [0xd0, 0xd7, 0xde];
/**
 * The waveform: for each column a bar from its lowest to its highest sample, around a midline,
 * on a light background. Quiet columns still show a one-pixel bar, so silence reads as a line.
 */
function drawWaveform(peaks, height) {
    const width = peaks.low.length;
    const pixels = Buffer.alloc(width * height * 3);
    const paint = (x, y, [r, g, b]) => {
        const at = (y * width + x) * 3;
        pixels[at] = r;
        pixels[at + 1] = g;
        pixels[at + 2] = b;
    };
    const middle = Math.floor(height / 2);
    const rowOf = (value) => Math.max(0, Math.min(height - 1, Math.round(middle - value * (middle - 1))));
    for (let x = 0; x < width; x++) {
        for (let y = 0; y < height; y++)
            paint(x, y, y === middle ? MIDLINE : BACKGROUND);
        const top = rowOf(peaks.high[x]);
        const bottom = rowOf(peaks.low[x]);
        for (let y = Math.min(top, bottom); y <= Math.max(top, bottom); y++)
            paint(x, y, WAVE);
    }
    return { width, height, channels: 3, pixels };
}

;// CONCATENATED MODULE: ./lib/derive/preview/wav-peaks.js

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;
/** Samples are read in slices of this many bytes, whatever the file's size. */
const SLICE_BYTES = 1 << 20;
/** Chunks walked before giving up on finding `data` (a file of empty chunks is not audio). */
const MAX_CHUNKS = 1024;
function parseFormat(fmt) {
    if (fmt.length < 16)
        throw new media_file_reader/* MediaFormatError */.c("its fmt chunk is too short");
    let tag = fmt.readUInt16LE(0);
    if (tag === EXTENSIBLE && fmt.length >= 26)
        tag = fmt.readUInt16LE(24); // the sub-format GUID
    const format = {
        encoding: tag === IEEE_FLOAT ? "float" : "int",
        channels: fmt.readUInt16LE(2),
        sampleRate: fmt.readUInt32LE(4),
        bitsPerSample: fmt.readUInt16LE(14),
        blockAlign: fmt.readUInt16LE(12),
    };
    const { channels, sampleRate, bitsPerSample, blockAlign } = format;
    const supported = (tag === PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
        (tag === IEEE_FLOAT && bitsPerSample === 32);
    if (!supported)
        throw new media_file_reader/* MediaFormatError */.c(`its sample format (tag ${tag}, ${bitsPerSample} bits) is not PCM`);
    if (channels < 1 || channels > 64 || sampleRate < 1 || sampleRate > 1_000_000)
        throw new media_file_reader/* MediaFormatError */.c(`it claims ${channels} channels at ${sampleRate} Hz`);
    if (blockAlign !== channels * (bitsPerSample / 8))
        throw new media_file_reader/* MediaFormatError */.c("its block size does not match its channels and sample size");
    return format;
}
/** A sample decoder for one format: the value at byte `at`, in −1..1. */
function sampleReader(format) {
    if (format.encoding === "float")
        return (b, at) => Math.max(-1, Math.min(1, b.readFloatLE(at)));
    switch (format.bitsPerSample) {
        case 8:
            return (b, at) => (b[at] - 128) / 128;
        case 16:
            return (b, at) => b.readInt16LE(at) / 32768;
        case 24:
            return (b, at) => b.readIntLE(at, 3) / 8388608;
        default:
            return (b, at) => b.readInt32LE(at) / 2147483648;
    }
}
/**
 * Walk a RIFF/WAVE file's chunks to `fmt ` and `data` and fold every sample (all channels) into
 * `columns` min/max pairs, reading the samples in bounded slices. Chunk sizes are checked against
 * the file: a `data` chunk that claims more than the file holds is read as far as the file goes.
 */
async function wavPeaks(reader, columns) {
    const head = await reader.read(0, 12);
    if (head.length < 12 ||
        head.toString("latin1", 0, 4) !== "RIFF" ||
        head.toString("latin1", 8, 12) !== "WAVE")
        throw new media_file_reader/* MediaFormatError */.c("it is not a RIFF/WAVE file");
    let format;
    let data;
    let at = 12;
    for (let walked = 0; at + 8 <= reader.size && walked < MAX_CHUNKS && !data; walked++) {
        const header = await reader.read(at, 8);
        const id = header.toString("latin1", 0, 4);
        const length = header.readUInt32LE(4);
        if (id === "fmt ")
            format = parseFormat(await reader.read(at + 8, Math.min(length, 64)));
        if (id === "data")
            data = { offset: at + 8, length: Math.min(length, reader.size - at - 8) };
        at += 8 + length + (length % 2); // chunks are word-aligned
    }
    if (format === undefined)
        throw new media_file_reader/* MediaFormatError */.c("it has no fmt chunk before its samples");
    if (data === undefined)
        throw new media_file_reader/* MediaFormatError */.c("it has no data chunk");
    const frames = Math.floor(data.length / format.blockAlign);
    const low = new Float32Array(columns);
    const high = new Float32Array(columns);
    const read = sampleReader(format);
    const bytesPerSample = format.bitsPerSample / 8;
    const framesPerSlice = Math.max(1, Math.floor(SLICE_BYTES / format.blockAlign));
    for (let first = 0; first < frames; first += framesPerSlice) {
        const count = Math.min(framesPerSlice, frames - first);
        const slice = await reader.read(data.offset + first * format.blockAlign, count * format.blockAlign);
        const available = Math.floor(slice.length / format.blockAlign);
        for (let i = 0; i < available; i++) {
            const column = Math.min(columns - 1, Math.floor(((first + i) * columns) / frames));
            for (let channel = 0; channel < format.channels; channel++) {
                const value = read(slice, i * format.blockAlign + channel * bytesPerSample);
                if (value < low[column])
                    low[column] = value;
                if (value > high[column])
                    high[column] = value;
            }
        }
    }
    return { durationSeconds: frames / format.sampleRate, low, high };
}

;// CONCATENATED MODULE: ./lib/derive/preview/make-preview.js
/**
 * The review preview of one output: a small WebP a PR comment can show in place of the full
 * file — the picture itself for an image, a poster frame for a video, a waveform for audio —
 * plus the length of a video or audio file. Never throws: anything that cannot be made becomes
 * a note that says why, and the run goes on.
 */






/** Twice the comment's 280-pixel column, so it stays sharp on high-density screens. */
const PREVIEW_WIDTH = 560;
const WAVEFORM_HEIGHT = 120;
const WEBP_QUALITY = 80;
/** `signal` stops ffmpeg (a video's poster frame): the preview is then not made, and says so. */
async function makePreview(file, type, tools, signal) {
    let durationSeconds;
    try {
        const handle = await (0,promises_.open)(file, "r");
        try {
            const reader = new media_file_reader/* MediaFileReader */.S(handle, (await handle.stat()).size);
            if (type === "image")
                return { image: await webp(tools, file) };
            if (type === "video") {
                durationSeconds = await (0,mp4_duration/* mp4DurationSeconds */.z)(reader);
                if (!tools.ffmpeg.found)
                    return { durationSeconds, note: `no poster: ${tools.ffmpeg.why} (see docs/action.md)` };
                const frame = await (0,poster_frame/* posterFrame */.N)(tools.ffmpeg.path, file, durationSeconds, {
                    maxWidth: PREVIEW_WIDTH,
                    ...(signal ? { signal } : {}),
                });
                return { durationSeconds, image: await webp(tools, frame) };
            }
            const peaks = await wavPeaks(reader, PREVIEW_WIDTH);
            durationSeconds = peaks.durationSeconds;
            const raw = drawWaveform(peaks, WAVEFORM_HEIGHT);
            const lib = await tools.loadImageLib();
            const { data, info } = await lib(raw.pixels, {
                raw: { width: raw.width, height: raw.height, channels: raw.channels },
            })
                .webp({ lossless: true })
                .toBuffer({ resolveWithObject: true });
            return {
                durationSeconds,
                image: { bytes: data, format: "webp", width: info.width, height: info.height },
            };
        }
        finally {
            await handle.close();
        }
    }
    catch (error) {
        const what = type === "video" ? "poster" : type === "audio" ? "waveform" : "preview";
        return {
            ...(durationSeconds !== undefined ? { durationSeconds } : {}),
            note: `no ${what}: ${error.message}`,
        };
    }
}
/** An image (a file, or PNG bytes) at most PREVIEW_WIDTH wide, as WebP. */
async function webp(tools, input) {
    const lib = await tools.loadImageLib();
    const { data, info } = await lib(input)
        .resize({ width: PREVIEW_WIDTH, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
    return { bytes: data, format: "webp", width: info.width, height: info.height };
}

// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/plain-file.js
var plain_file = __webpack_require__(5824);
// EXTERNAL MODULE: ./lib/net/verify-bytes.js
var verify_bytes = __webpack_require__(7804);
;// CONCATENATED MODULE: ./lib/render/previous-bytes.js
/**
 * A committed output's bytes, copied to a private file only when they are exactly the bytes
 * described: the right size before a byte is read, then SHA-256 and the type's magic bytes as they
 * stream, never more than `expected.size` read. The checkout is hostile (a pull request commits
 * what it likes): the path is opened without following a symbolic link and without waiting on a
 * FIFO, and anything but a regular file of that size is refused unread.
 */



/** The answer for a file that is simply not there (an output kept in the store only). */
const NOT_IN_CHECKOUT = "is not in the checkout";
/** Bytes read at a time. */
const CHUNK = 1024 * 1024;
/**
 * Copy `source` to `dest` (a new file) if it holds the expected bytes. Undefined when it did, else
 * why not (and `dest` is not left behind).
 */
async function copyExpectedBytes(source, dest, expected, maxBytes) {
    if (expected.size > maxBytes)
        return `${expected.size} bytes, more than ${maxBytes} are read`;
    let input;
    try {
        input = await (0,promises_.open)(source, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        return code === "ENOENT" ? NOT_IN_CHECKOUT : `cannot be opened (${code ?? "error"})`;
    }
    try {
        const facts = await input.stat();
        if (!facts.isFile())
            return "is not a regular file";
        if (facts.size !== expected.size)
            return `is ${facts.size} bytes where the lock says ${expected.size}`;
        const check = new verify_bytes/* BytesCheck */.E(expected);
        const output = await (0,promises_.open)(dest, "wx", 0o600);
        let verdict;
        try {
            const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(expected.size, 1)));
            for (let at = 0;;) {
                const { bytesRead } = await input.read(buffer, 0, buffer.length, at);
                if (bytesRead === 0)
                    break;
                const piece = buffer.subarray(0, bytesRead);
                at += bytesRead;
                // The file grew since its size was read: more than described is never taken.
                if (!check.update(piece)) {
                    verdict = "grew while it was read";
                    break;
                }
                await output.write(piece);
            }
        }
        finally {
            await output.close();
        }
        if (verdict === undefined) {
            const result = check.verdict();
            if (!result.ok)
                verdict = result.why;
        }
        if (verdict !== undefined)
            await (0,promises_.rm)(dest, { force: true });
        return verdict;
    }
    finally {
        await input.close();
    }
}

;// CONCATENATED MODULE: ./lib/render/store-previews.js
/**
 * Review previews on their way into and out of the store. Into it: when a trusted run writes an
 * entry, a small WebP of the output (thumbnail, poster frame or waveform) goes beside it, in the
 * same commit. Out of it: an entry this run restored, or found already held, shows its preview
 * only once the preview's bytes were read back and checked (`Store.previews`).
 */



/**
 * Previews made, or checked, per run. A comment shows about a hundred rows before it is full;
 * a batch of 50,000 renders should not spend an hour drawing pictures nobody will see. Entries
 * past this keep today's link to the full file.
 */
const MAX_PREVIEWS_PER_RUN = 200;
/** sharp and ffmpeg use several threads each already. */
const PREVIEW_CONCURRENCY = 2;
/**
 * Give the first MAX_PREVIEWS_PER_RUN writes a preview (in place: their `preview` bytes and the
 * record's description), and each asset whose preview could not be made a note saying why.
 */
async function addPreviews(writes, idsByHash, results, tools) {
    await (0,pool/* runPool */.k)(writes.slice(0, MAX_PREVIEWS_PER_RUN), PREVIEW_CONCURRENCY, async (write) => {
        const made = await makePreview(write.file, write.record.type, tools);
        if (made.durationSeconds !== undefined)
            write.record.durationSeconds = made.durationSeconds;
        if (made.image) {
            write.preview = made.image.bytes;
            write.record.preview = {
                format: made.image.format,
                sha256: (0,external_node_crypto_.createHash)("sha256").update(made.image.bytes).digest("hex"),
                size: made.image.bytes.length,
                width: made.image.width,
                height: made.image.height,
            };
        }
        for (const id of idsByHash.get(write.record.hash) ?? []) {
            const result = results.get(id);
            if (!result)
                continue;
            const media = {
                ...(made.durationSeconds !== undefined ? { durationSeconds: made.durationSeconds } : {}),
                ...(made.note !== undefined ? { note: made.note } : {}),
            };
            if (Object.keys(media).length > 0)
                result.preview = media;
        }
    });
}
/**
 * For results that sit in the store with no preview shown yet (restored from it, or held there
 * already when this run wrote), check the previews their records name and show those that pass.
 * `others` (the renders this run replaced) are checked in the same call; returns, by hash, where
 * those that passed can be shown.
 */
async function showStoredPreviews(store, results, hitsById, others = []) {
    for (const result of results.values()) {
        const duration = hitsById.get(result.id)?.record.durationSeconds;
        if (result.stored && duration !== undefined && result.preview?.durationSeconds === undefined)
            result.preview = { ...result.preview, durationSeconds: duration };
    }
    const waiting = [...results.values()].filter((r) => r.stored && !r.stored.preview && hitsById.get(r.id)?.record.preview);
    const checked = waiting.slice(0, MAX_PREVIEWS_PER_RUN);
    if (checked.length + others.length === 0)
        return new Map();
    const hits = checked.map((r) => ({
        ...hitsById.get(r.id),
        location: r.stored,
    }));
    const shown = await store.previews([...hits, ...others]);
    for (const result of checked) {
        const location = shown.get(result.hash);
        if (location)
            result.stored = location;
    }
    const wanted = new Set(others.map((h) => h.record.hash));
    return new Map([...shown].filter(([hash]) => wanted.has(hash)));
}

;// CONCATENATED MODULE: ./lib/render/before-previews.js
/**
 * The "Before" side of a review: the render this run replaces (the lock's previous entry) shown by
 * its own small preview in the store, found by the previous entry's hash, instead of its full
 * committed file. It costs no round trip of its own:
 *
 * - the previous hashes go into the run's one store lookup (`lookupInStore`), when the store can
 *   show an entry to a browser (`Store.showsEntries`: git, not S3);
 * - an entry held without a preview (written before previews existed) gets one in a run that may
 *   write to the store, made from the committed bytes — and only when they are the very bytes the
 *   store entry holds (the lock's and the record's SHA-256 and size agree, and the file, read with
 *   that bound, hashes to them) — then added beside the entry in the run's one store write. The
 *   committed files are kept before anything overwrites the outputs, by a hard link each (no copy,
 *   no wait: outputs are replaced by rename, so a link keeps the old bytes), and the previews are
 *   made from those while the run submits its jobs, not before; where a file cannot be linked
 *   (another file system), its preview is made at once, as before. The run's interrupt stops
 *   them: none is started after it and ffmpeg is stopped, and the report links the full file;
 * - previews the store recorded earlier are checked (size, SHA-256, WebP dimensions) in the
 *   run's one preview check, with the new renders' (`showStoredPreviews`).
 *
 * Where none of this is possible (no store, a store that cannot show a preview, a fork's run, the
 * bytes missing or other than the store's), the result says nothing and the report links the full
 * committed file, as before.
 */









/**
 * Statuses where the lock's entry is the render a reviewer compares against: a changed request,
 * or an output gone from the checkout. A file edited by hand (`modified`) is not the locked
 * render, so its "before" stays the committed file itself.
 */
const REPLACES_LOCKED = new Set(["changed", "missing"]);
/** A previous render is previewed from bytes up to this size (a long video is not read). */
const MAX_PREVIOUS_BYTES = 256 * 1024 * 1024;
/** sharp and ffmpeg use several threads each already. */
const CONCURRENCY = 2;
/** The renders this run replaces, as many as a run previews. */
function replacedRenders(toRender) {
    return toRender
        .filter((e) => !!e.lock && REPLACES_LOCKED.has(e.status))
        .slice(0, MAX_PREVIEWS_PER_RUN)
        .map((e) => ({ id: e.id, status: e.status, output: e.output, lock: e.lock }));
}
/**
 * What the store holds for each replaced render (`hits`, by hash, from the run's lookup), and the
 * previews to make of the committed bytes: kept now, before any output is overwritten, and made
 * in the background (`settled`).
 */
async function prepareBeforeRenders(replaced, hits, ctx) {
    const before = {
        additions: [],
        recorded: [],
        shown: new Map(),
        byId: new Map(),
        settled: Promise.resolve(),
    };
    const toMake = new Map();
    for (const render of replaced) {
        const hit = hits.get(render.lock.hash);
        // Only a backend that can show an entry to a browser (git) gives it a location.
        if (!hit?.location)
            continue;
        before.byId.set(render.id, hit);
        if (hit.record.preview) {
            if (!before.recorded.some((h) => h.record.hash === hit.record.hash))
                before.recorded.push(hit);
        }
        else if (ctx.write &&
            ctx.tools &&
            render.status === "changed" &&
            // The lock's own path, as the manifest's rules computed it; a moved output is not looked for.
            render.lock.output === render.output &&
            sameBytes(render.lock, hit)) {
            toMake.set(hit.record.hash, { hit, render });
        }
    }
    if (toMake.size === 0 || ctx.signal?.aborted)
        return before;
    // A preview is a courtesy to the reviewer: no failure here may cost the run.
    const folder = (0,paths.beforeSnapshotsDirFor)(ctx.manifestDir);
    const linked = [];
    const unlinked = [];
    try {
        // Never links into a link someone left in its place (a self-hosted runner's workspace).
        await (0,plain_file/* makeRealFolder */.vK)(folder);
        for (const { hit, render } of toMake.values()) {
            const committed = (0,external_node_path_.join)(ctx.manifestDir, render.output);
            const snapshot = (0,external_node_path_.join)(folder, hit.record.hash);
            try {
                // A link to a symbolic link or a FIFO is refused when read, as the file itself would be.
                await (0,promises_.link)(committed, snapshot);
                linked.push({ hit, render, source: snapshot, linked: true });
            }
            catch (error) {
                // An output kept in the store only is not committed: nothing to say about it.
                if (error.code === "ENOENT")
                    continue;
                unlinked.push({ hit, render, source: committed, linked: false });
            }
        }
    }
    catch (error) {
        ctx.warn(`no previews of previous renders: ${error.message}`);
        await (0,promises_.rm)(folder, { recursive: true, force: true }).catch(() => { });
        return before;
    }
    await makePreviews(unlinked, folder, before, ctx);
    before.settled = makePreviews(linked, folder, before, ctx).finally(() => (0,promises_.rm)(folder, { recursive: true, force: true }).catch(() => { }));
    return before;
}
/** Previews of `items`, into `before.additions`; never throws. */
async function makePreviews(items, folder, before, ctx) {
    await (0,pool/* runPool */.k)(items, CONCURRENCY, async ({ hit, render, source, linked }) => {
        // Each copy may be up to MAX_PREVIOUS_BYTES: gone as soon as its preview is made, so the
        // folder never holds more than CONCURRENCY of them.
        const copy = (0,external_node_path_.join)(folder, `${hit.record.hash}.copy`);
        try {
            const addition = await previewOf(render, hit, source, copy, ctx);
            if (addition)
                before.additions.push(addition);
        }
        catch (error) {
            ctx.warn(`${render.id}: no preview of its previous render: ${error.message}`);
        }
        finally {
            await (0,promises_.rm)(copy, { force: true });
            if (linked)
                await (0,promises_.rm)(source, { force: true });
        }
    }, () => ctx.signal?.aborted !== true).catch((error) => {
        ctx.warn(`no previews of previous renders: ${error.message}`);
    });
}
/** The lock and the store describe the same bytes, so a preview of one is a preview of the other. */
function sameBytes(lock, hit) {
    return lock.sha256 === hit.record.sha256 && lock.size === hit.record.size;
}
async function previewOf(render, hit, source, copy, ctx) {
    const { record } = hit;
    const why = await copyExpectedBytes(source, copy, record, MAX_PREVIOUS_BYTES);
    if (why === NOT_IN_CHECKOUT)
        return undefined;
    if (why !== undefined) {
        ctx.warn(`${render.id}: no preview of its previous render: ${render.output} ${why}`);
        return undefined;
    }
    const made = await makePreview(copy, record.type, ctx.tools, ctx.signal);
    if (!made.image)
        return undefined;
    return {
        record: {
            ...record,
            preview: {
                format: made.image.format,
                sha256: (0,external_node_crypto_.createHash)("sha256").update(made.image.bytes).digest("hex"),
                size: made.image.bytes.length,
                width: made.image.width,
                height: made.image.height,
            },
            ...(made.durationSeconds !== undefined ? { durationSeconds: made.durationSeconds } : {}),
        },
        preview: made.image.bytes,
    };
}
/** Each result whose replaced render can be shown gets its `before`: the store's preview of it. */
function attachBefore(results, before) {
    for (const [id, hit] of before.byId) {
        const result = results.get(id);
        const location = before.shown.get(hit.record.hash);
        if (!result || !location?.preview)
            continue;
        const made = before.additions.find((a) => a.record.hash === hit.record.hash);
        const durationSeconds = made?.record.durationSeconds ?? hit.record.durationSeconds;
        result.before = {
            hash: hit.record.hash,
            type: hit.record.type,
            stored: location,
            ...(durationSeconds !== undefined ? { durationSeconds } : {}),
        };
    }
}

// EXTERNAL MODULE: ./lib/store/store.js
var store_store = __webpack_require__(7208);
;// CONCATENATED MODULE: ./lib/render/store-tier.js
/**
 * The store's two moments in a run: before any job, restore what another branch, machine or day
 * already paid for (one lookup for every asset the local cache could not give); after the jobs,
 * write every new output back (when this run may write), so that the PR's previews have a
 * durable address and the merge restores the very bytes the reviewer saw.
 */







const extensionOf = (output) => (0,external_node_path_.extname)(output).slice(1).toLowerCase();
/**
 * The store's entries for these assets, by asset id, and for the `previous` renders they replace,
 * by hash: one lookup for all of them. An entry of another type or format than the asset's
 * output is no hit. A store that cannot be reached is a warning and no hits: the run renders
 * instead.
 */
async function lookupInStore(store, entries, previous, warn) {
    const wanted = entries.filter((e) => e.asset !== undefined);
    const found = { byId: new Map(), previous: new Map() };
    if (wanted.length + previous.length === 0)
        return found;
    let hits;
    try {
        hits = await store.lookup([...wanted.map((e) => e.hash), ...previous]);
    }
    catch (error) {
        warn(`could not read the store (${store.label}): ${error.message}; rendering instead`);
        return found;
    }
    for (const entry of wanted) {
        const hit = hits.get(entry.hash);
        if (hit &&
            hit.record.type === entry.asset.type &&
            hit.record.extension === extensionOf(entry.output))
            found.byId.set(entry.id, hit);
    }
    for (const hash of previous) {
        const hit = hits.get(hash);
        if (hit)
            found.previous.set(hash, hit);
    }
    return found;
}
/**
 * Put the store entries' bytes at their assets' outputs, all in one batch (`Store.fetchMany`: for
 * git one fetch of the missing blobs and one `cat-file --batch`, for S3 a bounded pool of GETs,
 * each entry's size checked against its record before its bytes are read). Each is fetched
 * beside its output, verified by the store, renamed into place and recorded like a render, with
 * the generation that first produced it. `settled` is called once per item as soon as it is done,
 * with undefined when the entry proved unusable: the caller renders that one instead.
 */
async function restoreFromStore(items, store, ctx, settled, concurrency) {
    const fetches = [];
    for (const item of items) {
        const target = (0,external_node_path_.join)(ctx.manifestDir, item.entry.output);
        fetches.push({ hit: item.hit, dest: (0,atomic_write/* tempPathFor */.F)(target), item, target });
    }
    for (const folder of new Set(fetches.map((f) => (0,external_node_path_.dirname)(f.target))))
        await (0,promises_.mkdir)(folder, { recursive: true });
    // A failure to record (a journal that cannot be written) is the run's, as a render's would be:
    // thrown once the batch is over, after every other entry was settled.
    let failure;
    await store.fetchMany(fetches, async (fetched, ok) => {
        const { item, target, dest } = fetched;
        try {
            await settled(item, ok ? await placeRestored(item, dest, target, ctx) : undefined);
        }
        catch (error) {
            failure ??= error;
        }
    }, concurrency);
    if (failure !== undefined)
        throw failure;
}
/** A fetched, verified entry renamed into place and recorded; undefined if it cannot be placed. */
async function placeRestored({ entry, hit }, dest, target, ctx) {
    try {
        await (0,promises_.rename)(dest, target);
    }
    catch (error) {
        await (0,promises_.unlink)(dest).catch(() => { });
        ctx.reporter.emit({
            kind: "warning",
            message: `could not restore ${entry.id} from the store: ${error.message}`,
        });
        return undefined;
    }
    const { sha256, size, generation } = hit.record;
    await (0,record/* recordOutput */.T)(entry, generation, { sha256, size }, ctx);
    const result = {
        id: entry.id,
        status: "restored",
        output: entry.output,
        hash: entry.hash,
        generation,
        ...(hit.location ? { stored: hit.location } : {}),
    };
    ctx.reporter.emit({ kind: "asset", result });
    return result;
}
/**
 * The store after the jobs: write back what this run produced, give each result its location
 * in the store, and say what the store did. A failed write is a warning (and, with
 * `outputs: store`, no confirmation), never an exception: what was rendered stays rendered.
 */
async function writeBackToStore(store, run) {
    const { results, ctx } = run;
    const outcome = {
        label: store.label,
        restored: [...results.values()].filter((r) => r.stored).length,
        written: 0,
    };
    const hitsById = new Map(run.hits);
    const before = run.before;
    if (!run.write) {
        await showPreviews(store, results, hitsById, before);
        return outcome;
    }
    try {
        const { held, added } = await writeToStore(store, results, run.planned, ctx.updater.current(), ctx.manifestDir, run.previews, before?.additions ?? []);
        for (const [hash, location] of added)
            before?.shown.set(hash, location);
        for (const [id, hit] of held)
            if (!hit.location?.preview)
                hitsById.set(id, hit);
        for (const [id, hit] of held) {
            const locked = ctx.updater.current().assets[id];
            const entry = run.planned.get(id);
            if (run.confirm && locked && entry?.asset && hit.record.sha256 !== locked.sha256) {
                // First writer wins, and with outputs: store the lock must name the bytes the store holds.
                run.warn(`${id}: the store already holds another render of this request (${hit.record.generation}); ` +
                    "with outputs: store the lock records that one, and the output now holds its bytes");
                let adopted;
                await restoreFromStore([{ entry: { ...entry, asset: entry.asset }, hit }], store, ctx, async (_, result) => {
                    adopted = result;
                });
                if (adopted === undefined)
                    continue;
                results.set(id, adopted);
            }
            run.confirm?.(id);
            const result = results.get(id);
            if (result && hit.location)
                result.stored = hit.location;
        }
        outcome.written = held.size;
    }
    catch (error) {
        outcome.error = error.message;
        if (error instanceof store_store/* StoreRefusedError */.O)
            outcome.refused = error.by;
        // With outputs: store, the run says it once, with what to do (see store-only-lock.ts).
        if (!run.confirm)
            run.warn(`could not write to the store (${store.label}): ${outcome.error}`);
    }
    await showPreviews(store, results, hitsById, before);
    return outcome;
}
/** Check, in one go, the previews of this run's results and of the renders they replaced. */
async function showPreviews(store, results, hitsById, before) {
    const previous = (before?.recorded ?? []).filter((h) => !before?.shown.has(h.record.hash));
    const shown = await showStoredPreviews(store, results, hitsById, previous);
    if (!before)
        return;
    for (const [hash, location] of shown)
        before.shown.set(hash, location);
    attachBefore(results, before);
}
/**
 * Write every output this run produced that the store does not show yet (renders, and restores
 * from the local cache), in one write. Returns, by asset id, the entry the store now holds for
 * each (written now or held already), with where it is when the backend can show it.
 */
async function writeToStore(store, results, entries, lock, manifestDir, previews, additions) {
    const writes = [];
    const idsByHash = new Map();
    for (const result of results.values()) {
        if ((result.status !== "rendered" && result.status !== "restored") || result.stored)
            continue;
        const entry = entries.get(result.id);
        const locked = lock.assets[result.id];
        if (!entry?.asset || !locked || locked.hash !== entry.hash)
            continue;
        idsByHash.set(entry.hash, [...(idsByHash.get(entry.hash) ?? []), entry.id]);
        writes.push({
            file: (0,external_node_path_.join)(manifestDir, entry.output),
            record: {
                hash: entry.hash,
                sha256: locked.sha256,
                size: locked.size,
                type: entry.asset.type,
                extension: extensionOf(entry.output),
                model: entry.asset.model,
                generation: locked.generation,
                created: locked.renderedAt,
            },
        });
    }
    const held = new Map();
    const added = new Map();
    if (writes.length + additions.length === 0)
        return { held, added };
    if (previews)
        await addPreviews(writes, idsByHash, results, previews);
    const adding = new Set(additions.map((a) => a.record.hash));
    for (const [hash, hit] of await store.write(writes, additions)) {
        for (const id of idsByHash.get(hash) ?? [])
            held.set(id, hit);
        if (adding.has(hash) && hit.location?.preview)
            added.set(hash, hit.location);
    }
    return { held, added };
}

;// CONCATENATED MODULE: ./lib/render/store-only-lock.js
/** `previous` gives the entry an asset had in the lockfile before this run, if any. */
function storeOnlyLock(previous) {
    const recorded = new Set();
    const confirmed = new Set();
    const withheld = () => [...recorded].filter((id) => !confirmed.has(id));
    return {
        writable(lock, changed) {
            for (const id of changed)
                recorded.add(id);
            const held = withheld();
            if (held.length === 0)
                return lock;
            // Without a prototype, like the lock's own: an id such as "__proto__" stays data.
            const assets = Object.assign(Object.create(null), lock.assets);
            for (const id of held) {
                const before = previous(id);
                if (before === undefined)
                    delete assets[id];
                else
                    assets[id] = before;
            }
            return { ...lock, assets };
        },
        confirm(id) {
            confirmed.add(id);
        },
        withheld,
    };
}
/**
 * Turn each withheld asset's outcome into a failure that says so, and say once, as a warning, why
 * and what to do. The run then exits 1 (3 when it stopped early), as when assets fail.
 */
function withheldFromLock(ids, results, ctx) {
    if (ids.length === 0)
        return;
    const why = ctx.interrupted
        ? "the run was interrupted before writing them"
        : ctx.store === undefined
            ? "no store is configured"
            : !ctx.wrote
                ? "this run does not write to the store"
                : ctx.cause !== undefined
                    ? `${ctx.refused ? "the store refused the write" : "writing failed"}: ${ctx.cause}`
                    : "the store did not take them";
    const fix = ctx.interrupted
        ? "Run the same command again"
        : ctx.refused
            ? "Allow what the store's message names, then run the same command again"
            : ctx.store !== undefined && ctx.wrote
                ? "Fix the store, then run the same command again"
                : "Run again with a store this run writes to (CLI: --store SPEC --store-push; the action writes by default)";
    const short = ctx.cause === undefined ? why : ctx.refused ? "the store refused the write" : "writing failed";
    const n = ids.length;
    ctx.warn(`${n} new output${n === 1 ? "" : "s"} did not reach the store${ctx.store ? ` (${ctx.store})` : ""}: ${why}. ` +
        `With outputs: store, ${ctx.lockName} records only what the store holds, so it leaves ${n === 1 ? "it" : "them"} out; ` +
        `the bytes are kept in .agentframer/cache. ${fix}: it writes them to the store from there, with no new job.`);
    for (const id of ids) {
        const result = results.get(id);
        if (result === undefined)
            continue;
        results.set(id, {
            ...result,
            status: "failed",
            error: `not written to the store (${short}), so not recorded in ${ctx.lockName}; the next run writes it from .agentframer/cache with no new job${ctx.refused ? " once the store allows it" : ""}`,
        });
    }
}

;// CONCATENATED MODULE: ./lib/render/result.js
function countOutcomes(assets) {
    const counts = { rendered: 0, unchanged: 0, restored: 0, failed: 0, skipped: 0 };
    for (const a of assets)
        counts[a.status] += 1;
    return counts;
}

// EXTERNAL MODULE: ./lib/net/retry.js
var retry = __webpack_require__(6705);
// EXTERNAL MODULE: ./lib/state/run-lock.js
var run_lock = __webpack_require__(8482);
// EXTERNAL MODULE: ./lib/state/sweep.js
var sweep = __webpack_require__(6277);
// EXTERNAL MODULE: ./lib/state/state-dir.js
var state_dir = __webpack_require__(818);
// EXTERNAL MODULE: ./lib/state/media-json.js
var media_json = __webpack_require__(2924);
;// CONCATENATED MODULE: ./lib/render/render.js































/** Restores only copy local files; more of them at once just contend for the disk. */
const RESTORE_CONCURRENCY = 8;
/**
 * The render core both front ends call: load → plan → select → (budget check) → restore from the
 * cache → submit, poll and download the rest through a bounded pool, recording each asset the
 * moment it completes. Throws ManifestError / LockfileError before anything is submitted or
 * written; after that, every outcome is in the returned result.
 */
async function render(config, deps = {}) {
    return (0,run_lock.withRunLock)((0,external_node_path_.dirname)(config.manifestPath), () => renderLocked(config, deps));
}
async function renderLocked(config, deps) {
    const now = deps.now ?? Date.now;
    const reporter = deps.reporter ?? silentReporter;
    const startedAt = now();
    const manifest = await (0,load.loadManifest)(config.manifestPath);
    if (manifest.outputs === "store" && !deps.store) {
        throw (0,refusals/* noStoreForOutputsError */.oO)((0,external_node_path_.basename)(manifest.path));
    }
    for (const w of manifest.warnings ?? []) {
        reporter.emit({ kind: "warning", message: (0,errors/* formatProblem */.Vw)(w) });
    }
    const journal = (0,state_journal.openJournal)(manifest.path, now);
    const ids = new Set(manifest.assets.map((a) => a.id));
    // With outputs: store, a completed record left by a run that died is no proof that the store
    // holds its bytes: it stays out of the lock, and the cache restore below (then the store write)
    // records it. A forced run folds, so that starting it again does not render twice.
    const forcedDone = manifest.outputs === "store" && !config.force
        ? new Map()
        : await foldCompletedRecords(manifest.path, ids, journal, config.force);
    const prepared = await prepare(manifest, config);
    const modified = prepared.selection.toRender.filter((e) => e.status === "modified");
    const modifiedVariants = [
        ...prepared.selection.toRender,
        ...prepared.selection.unchanged,
    ].flatMap((e) => e.variants?.modified ?? []);
    if (modified.length + modifiedVariants.length > 0 &&
        !config.force &&
        config.overwriteModified !== true) {
        throw (0,refusals/* modifiedOutputsError */.W7)([...modified.map((e) => e.output), ...modifiedVariants]);
    }
    // Nothing is written before the manifest and the lockfile have proved valid.
    await (0,state_dir/* ensureStateDir */.xH)(manifest.dir);
    if (prepared.adoptedFrom !== undefined) {
        reporter.emit({ kind: "warning", message: (0,manifest_lock.adoptionNote)(manifest.path, prepared.adoptedFrom) });
        await (0,lockfile.writeLockfile)(prepared.lockPath, prepared.lock);
    }
    const { entries } = prepared.plan;
    await (0,sweep.sweepStaleTemps)(manifest.dir, prepared.lockPath, entries.filter((e) => e.status !== "orphaned"), prepared.selection.toRender);
    skipForcedDone(prepared.selection, forcedDone);
    const resumable = await resumableJobs(journal, prepared);
    const warn = (message) => reporter.emit({ kind: "warning", message });
    if (prepared.plan.lfsPointers)
        warn((0,lfs_pointer.lfsPointerNote)(prepared.plan.lfsPointers));
    const cache = (0,local_cache.createCacheStore)((0,paths.cacheDirFor)(manifest.dir), warn);
    const split = await splitByCache(prepared.selection.toRender, cache, config.force, resumable);
    const results = new Map();
    let storeOutcome;
    let variantsOutcome;
    let gate;
    const storeIds = new Set();
    const finish = (stopped) => {
        const result = collect(prepared, results, stopped);
        if (storeOutcome)
            result.store = storeOutcome;
        if (variantsOutcome)
            result.variants = variantsOutcome;
        result.credits = creditOutcome(result.assets, gate, storeIds);
        // Refused before anything was priced: what it would have cost is not known, not 0.
        if (gate === undefined && prepared.selection.toRender.length > 0)
            result.credits.estimate = null;
        reporter.emit({ kind: "finish", result, elapsedMs: now() - startedAt });
        return result;
    };
    for (const e of prepared.selection.unchanged)
        results.set(e.id, outcome(e, "unchanged"));
    for (const e of prepared.selection.excluded) {
        results.set(e.id, outcome(e, "skipped", "not selected (--only / --shard)"));
    }
    // Local cache → store → API: what the cache cannot give, the store may (a forced run renders).
    // The same lookup finds the renders this run replaces, for the report's "Before", from a store
    // that can show them (git); from S3 each would be a record read for nothing.
    const replaced = deps.store?.showsEntries ? replacedRenders(prepared.selection.toRender) : [];
    const looked = deps.store
        ? await lookupInStore(deps.store, config.force ? [] : split.jobs.filter((e) => !resumable.has(e.id)), replaced.map((r) => r.lock.hash), warn)
        : undefined;
    const storeHits = looked?.byId ?? new Map();
    const fromStore = split.jobs.filter((e) => storeHits.has(e.id));
    for (const e of fromStore)
        storeIds.add(e.id);
    split.jobs = split.jobs.filter((e) => !storeHits.has(e.id));
    let newJobs = split.jobs.filter((e) => !resumable.has(e.id)).length;
    if (config.maxJobs !== undefined && newJobs > config.maxJobs) {
        const why = `the plan needs ${newJobs} new job${newJobs === 1 ? "" : "s"}, more than --max-jobs ${config.maxJobs}; nothing was submitted`;
        for (const e of prepared.selection.toRender)
            results.set(e.id, outcome(e, "skipped", why));
        return finish(why);
    }
    // Priced before anything is submitted; the HTTP side starts only when there are jobs.
    let services;
    const servicesFor = async () => (services ??= await (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(633), __webpack_require__.e(934)]).then(__webpack_require__.bind(__webpack_require__, 9934))).startServices(config, deps, manifest));
    const refuse = async (why) => {
        for (const e of prepared.selection.toRender)
            results.set(e.id, outcome(e, "skipped", why));
        await services?.close();
        return finish(why);
    };
    const toSubmit = split.jobs.filter((e) => !resumable.has(e.id));
    const others = [...split.jobs.filter((e) => resumable.has(e.id)), ...split.restore, ...fromStore];
    if (toSubmit.length + others.length > 0) {
        try {
            // Restores alone ask the API only if a price is missing, and its trouble is then a warning:
            // the report's "credits not spent" is worth one GET, never a run that stops.
            const client = toSubmit.length > 0
                ? (await servicesFor()).client
                : {
                    read: (resource, signal) => servicesFor()
                        .then((running) => running.client.read(resource, signal))
                        .catch((error) => {
                        throw new Error(error.message);
                    }),
                };
            gate = await gateCredits({
                manifest,
                config,
                toSubmit,
                others,
                client,
                warn,
                now,
                ...(deps.signal ? { signal: deps.signal } : {}),
            });
        }
        catch (error) {
            // Interrupted while reading prices or the balance: no gate, and the stop below ends the run
            // as any interrupted run ends (nothing submitted, jobs in flight left in the journal).
            if (deps.signal?.aborted !== true) {
                // A refused key or an unreachable API stops the run here, as its first POST would.
                if (!(error instanceof render_errors/* RenderError */.vH) || error.scope !== "run") {
                    await services?.close();
                    throw error;
                }
                reporter.emit({ kind: "stopping", reason: error.message });
                return refuse(error.message);
            }
        }
        if (gate?.refusal !== undefined)
            return refuse(gate.refusal);
    }
    // Restores that fall back to a job stay within both budgets.
    let committedCredits = gate?.estimate.total ?? 0;
    const withinCredits = (entry) => {
        if (config.maxCredits === undefined)
            return true;
        const price = gate?.priceOf(entry.id);
        if (price === null || price === undefined || committedCredits + price > config.maxCredits)
            return false;
        committedCredits += price;
        return true;
    };
    reporter.emit({
        kind: "start",
        total: prepared.selection.toRender.length,
        unchanged: prepared.selection.unchanged.length,
        excluded: prepared.selection.excluded.length,
        ...excludedBy(config),
        resuming: [...resumable.keys()],
    });
    const planned = new Map(prepared.plan.entries.map((e) => [e.id, e]));
    // With outputs: store, the lock records an entry only once the store holds its bytes.
    const storeOnly = manifest.outputs === "store" ? storeOnlyLock((id) => planned.get(id)?.lock) : undefined;
    const updater = createLockUpdater({
        initial: prepared.lock,
        write: (lock, changed) => rewriteLockfile(prepared.lockPath, storeOnly?.writable(lock, changed) ?? lock, changed),
        onWritten: async (ids) => {
            // A forced run keeps its completed records until it ends (see foldCompletedRecords).
            if (!config.force)
                await journal.removeAll(ids);
        },
    });
    const confirmStored = (id) => {
        const entry = updater.current().assets[id];
        if (!storeOnly || entry === undefined)
            return;
        storeOnly.confirm(id);
        // A write while it was unconfirmed kept its line out: this one puts it in.
        updater.set(id, entry);
    };
    const shared = {
        manifestDir: manifest.dir,
        repoRoot: manifest.root,
        cache,
        journal,
        updater,
        index: prepared.index,
        now,
        reporter,
    };
    let stopReason;
    const stop = new AbortController();
    // Every request in flight listens on this one signal: hundreds at a high --concurrency.
    (0,external_node_events_.setMaxListeners)(0, stop.signal);
    const onInterrupt = () => {
        reporter.emit({ kind: "stopping", reason: "interrupted", interrupted: true });
        stop.abort(new Error("interrupted"));
    };
    deps.signal?.addEventListener("abort", onInterrupt, { once: true });
    if (deps.signal?.aborted)
        onInterrupt();
    let saveDurations = async () => { };
    // Before any restore or job overwrites an output: the committed bytes of the renders being
    // replaced, for their previews, made while the run goes on.
    const before = looked
        ? await prepareBeforeRenders(replaced, looked.previous, {
            manifestDir: manifest.dir,
            write: deps.storeWrite === true,
            tools: deps.previews,
            warn,
            ...(deps.signal ? { signal: deps.signal } : {}),
        })
        : undefined;
    try {
        const jobs = [...split.jobs];
        const settleRestore = async (entry, from, restored) => {
            if (restored) {
                results.set(entry.id, restored);
                if (from === "store")
                    confirmStored(entry.id);
            }
            else if ((config.maxJobs === undefined || newJobs < config.maxJobs) &&
                withinCredits(entry)) {
                // The cache entry turned out unusable: render after all, within the budgets.
                newJobs += 1;
                jobs.push(entry);
            }
            else
                results.set(entry.id, outcome(entry, "skipped", `${from} entry unusable and --max-jobs or max-credits reached`));
        };
        // The cache's hits one by one (local copies); the store's all in one batch, so that N hits
        // cost the store a fixed number of round trips, not N.
        const store = deps.store;
        // Settled both before anything is rethrown: neither may still be writing results or the
        // journal while the run tears down.
        // A stop (a signal, also one during the credit check) starts no restore: it is free, but the
        // user asked the run to end, and the next run restores what is left.
        const going = () => !stop.signal.aborted;
        const restores = await Promise.allSettled([
            (0,pool/* runPool */.k)(split.restore, RESTORE_CONCURRENCY, async (entry) => settleRestore(entry, "cache", await restoreFromCache(entry, shared)), going),
            store && fromStore.length > 0 && going()
                ? restoreFromStore(fromStore.map((entry) => ({ entry: withAsset(entry), hit: storeHits.get(entry.id) })), store, shared, async ({ entry }, restored) => settleRestore(entry, "store", restored))
                : undefined,
        ]);
        for (const settled of restores)
            if (settled.status === "rejected")
                throw settled.reason;
        if (jobs.length > 0 && !stop.signal.aborted) {
            // The HTTP side (undici and the job runner) is loaded only now: a run with nothing to
            // submit, the usual CI run, never pays for it.
            const [running, { DEFAULT_JOB_DEADLINE_MS, runJob }] = await Promise.all([
                servicesFor(),
                Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(373)]).then(__webpack_require__.bind(__webpack_require__, 7373)),
            ]);
            const durations = await (0,duration_memory/* openDurationMemory */.wq)(manifest.dir, config, now, warn);
            saveDurations = durations.save;
            const ctx = {
                ...shared,
                client: running.client,
                dispatcher: running.dispatcher,
                model: durations.model,
                force: config.force,
                jobDeadlineMs: deps.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS,
                ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
                ...(deps.downloadPace ? { downloadPace: deps.downloadPace } : {}),
                sleep: deps.sleep ?? retry.sleep,
                random: deps.random ?? Math.random,
                signal: stop.signal,
                onWideFailure(error) {
                    if (stopReason === undefined)
                        reporter.emit({ kind: "stopping", reason: error.message });
                    stopReason ??= error.message;
                    if (error.scope === "run")
                        stop.abort(error);
                },
            };
            const { notStarted } = await (0,pool/* runPool */.k)(jobs, config.concurrency, async (entry) => {
                const result = await runJob(withAsset(entry), resumable.get(entry.id), ctx);
                results.set(entry.id, result);
                // Every job's end, stopped ones too: the views count them out of "in flight".
                reporter.emit({ kind: "asset", result });
            }, () => stopReason === undefined && !stop.signal.aborted);
            for (const e of notStarted)
                results.set(e.id, outcome(e, "skipped", "not submitted: the run stopped early"));
        }
        if (deps.store) {
            await before?.settled;
            storeOutcome = await writeBackToStore(deps.store, {
                write: deps.storeWrite === true && !deps.signal?.aborted,
                results,
                planned,
                ctx: shared,
                ...(storeOnly ? { confirm: confirmStored } : {}),
                warn,
                hits: storeHits,
                ...(deps.previews ? { previews: deps.previews } : {}),
                ...(before ? { before } : {}),
            });
        }
        if (manifest.outputs !== "store" && !stop.signal.aborted) {
            variantsOutcome = await deriveVariants(prepared, results, updater, {
                signal: stop.signal,
                ffmpeg: deps.previews?.ffmpeg ?? { found: false, why: "this run was given no ffmpeg" },
                warn,
            });
        }
    }
    finally {
        deps.signal?.removeEventListener("abort", onInterrupt);
        // Nothing left running behind the caller, and the links to the replaced files gone.
        await before?.settled;
        await updater.close();
        await journal.close().catch(() => { });
        await prepared.index.save().catch(() => { });
        await services?.close();
        await saveDurations();
    }
    if (storeOnly) {
        withheldFromLock(storeOnly.withheld(), results, {
            lockName: (0,external_node_path_.basename)(prepared.lockPath),
            store: deps.store?.label,
            cause: storeOutcome?.error,
            refused: storeOutcome?.refused !== undefined,
            wrote: deps.storeWrite === true,
            interrupted: deps.signal?.aborted === true,
            warn,
        });
    }
    // The media index follows the lock whatever this run did (a deleted one comes back).
    if (manifest.outputs !== "store") {
        await (0,media_json.syncMediaJson)((0,paths.mediaJsonPathFor)(manifest.path), updater.current(), withVariants(manifest));
    }
    if (deps.signal?.aborted) {
        const inFlight = (await journal.readAll()).filter(state_journal.isInFlight).length;
        for (const e of prepared.selection.toRender) {
            if (!results.has(e.id))
                results.set(e.id, outcome(e, "skipped", "interrupted"));
        }
        return finish(`interrupted — run the same command again to resume ${inFlight} job${inFlight === 1 ? "" : "s"} in flight; nothing will be submitted twice`);
    }
    if (config.force && stopReason === undefined) {
        // The forced run is over: what it rendered is in the lockfile, its records can go.
        const records = await journal.readAll();
        await journal.removeAll(records.filter((r) => r.state === "completed").map((r) => r.id));
    }
    return finish(stopReason);
}
/**
 * Derives the web variants that are not current (derive/derive-step.ts), once every output is in
 * place; the image library loads only when an asset has variants to make.
 */
async function deriveVariants(prepared, results, updater, { signal, ffmpeg, warn, }) {
    // Only the assets this run selected: with --only or --shard the others are another run's.
    const excluded = new Set(prepared.selection.excluded.map((e) => e.id));
    const entries = prepared.plan.entries.filter((e) => !excluded.has(e.id));
    if (!entries.some((e) => e.asset?.variants !== undefined || e.lock?.variants !== undefined)) {
        return undefined;
    }
    const { deriveStep } = await __webpack_require__.e(/* import() */ 686).then(__webpack_require__.bind(__webpack_require__, 3686));
    const outcomes = await deriveStep(entries, {
        manifestDir: (0,external_node_path_.dirname)(prepared.lockPath),
        current: (id) => updater.current().assets[id],
        set: (id, entry) => updater.set(id, entry),
        persist: () => updater.flush(),
        ffmpeg,
        signal,
    });
    if (outcomes.length === 0)
        return undefined;
    const summary = { assets: 0, files: 0, failed: 0 };
    for (const o of outcomes) {
        const result = results.get(o.id);
        const variants = { files: o.files };
        if (o.notUpscaled)
            variants.notUpscaled = o.notUpscaled;
        if (o.status === "waiting") {
            variants.error = o.error ?? "waiting";
            summary.waiting = (summary.waiting ?? 0) + 1;
            warn(`variants of ${o.id} not made: ${o.error}`);
        }
        else if (o.error !== undefined) {
            variants.error = o.error;
            summary.failed += 1;
            warn(`variants of ${o.id} not derived: ${o.error}`);
        }
        else {
            summary.assets += 1;
            summary.files += o.files.length;
        }
        if (result)
            result.variants = variants;
    }
    return summary;
}
/** The ids of the manifest's assets that have variants: the media index lists those. */
function withVariants(manifest) {
    return manifest.assets.filter((a) => a.variants !== undefined).map((a) => a.id);
}
/** What left assets out of this run, as the start line names it. */
function excludedBy(config) {
    const flags = [
        ...(config.only !== undefined ? ["--only"] : []),
        ...(config.shard ? [`--shard ${config.shard.index}/${config.shard.total}`] : []),
    ];
    return flags.length > 0 ? { excludedBy: flags.join(" and ") } : {};
}
function withAsset(entry) {
    if (!entry.asset)
        throw new Error(`plan entry ${entry.id} has no asset`);
    return entry;
}
function outcome(entry, status, error) {
    const result = { id: entry.id, status, output: entry.output, hash: entry.hash };
    if (status === "unchanged" && entry.lock)
        result.generation = entry.lock.generation;
    if (error !== undefined)
        result.error = error;
    return result;
}
/** Results in manifest order; orphaned lock entries are not assets of this run. */
function collect(prepared, results, stopped) {
    const assets = [];
    for (const entry of prepared.plan.entries) {
        if (entry.status === "orphaned")
            continue;
        assets.push(results.get(entry.id) ?? outcome(entry, "skipped", stopped ?? "not reached"));
    }
    const result = { assets, counts: countOutcomes(assets) };
    if (stopped !== undefined)
        result.stopped = stopped;
    return result;
}


/***/ }),

/***/ 5474:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isInFlight: () => (/* binding */ isInFlight),
/* harmony export */   openJournal: () => (/* binding */ openJournal)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7975);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6642);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1997);
/* harmony import */ var _util_json_object_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8022);








function isInFlight(record) {
    return record.state === "submitting" || record.state === "submitted";
}
/** The earlier layout's file name for an asset's record (hashed: ids come from CSV rows). */
function legacyFileName(id) {
    return `${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(id).digest("hex").slice(0, 40)}.json`;
}
function openJournal(manifestPath, now = Date.now) {
    const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_6__.journalLogPathFor)(manifestPath);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path);
    const at = () => new Date(now()).toISOString();
    /** Asset id → its latest record, as the log on disk (plus what is pending) says. */
    const live = new Map();
    /** Asset id → its record file in the earlier layout, deleted once the log supersedes it. */
    const legacy = new Map();
    let loaded;
    let fd;
    /** Set when the log may end in a partial line (a failed write, a power cut): start a new one. */
    let newlineFirst = false;
    let pending = [];
    let tail = Promise.resolve();
    /** Run `task` after every task queued before it: writes, rewrites and closes never overlap. */
    const serial = (task) => {
        const run = tail.then(task);
        tail = run.catch(() => { });
        return run;
    };
    const load = async () => {
        for (const name of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir).catch(() => [])).sort()) {
            if (!/^[0-9a-f]{40}\.json$/.test(name))
                continue;
            const record = parseRecord(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name), "utf8").catch(() => ""));
            if (record && record.state !== "forgotten" && legacyFileName(record.id) === name) {
                live.set(record.id, record);
                legacy.set(record.id, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name));
            }
        }
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(path, "utf8").catch(() => "");
        newlineFirst = text !== "" && !text.endsWith("\n");
        for (const line of text.split("\n")) {
            const record = line === "" ? undefined : parseRecord(line);
            if (!record)
                continue;
            if (record.state === "forgotten")
                live.delete(record.id);
            else
                live.set(record.id, record);
        }
    };
    const ready = () => (loaded ??= load());
    const appendFd = () => {
        if (fd !== undefined)
            return fd;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(dir, { recursive: true });
        try {
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, "ax", 0o644);
            // A new log: its name must survive a power cut as its lines will.
            syncFolder(dir);
        }
        catch (error) {
            if (error.code !== "EEXIST")
                throw error;
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, "a");
        }
        return fd;
    };
    /** Write every line queued so far in one write, with one sync if any of them needs it. */
    const writePending = async () => {
        const batch = pending;
        pending = [];
        if (batch.length === 0)
            return;
        try {
            const file = appendFd();
            const bytes = Buffer.from((newlineFirst ? "\n" : "") + batch.map((p) => p.text).join(""));
            newlineFirst = true;
            for (let offset = 0; offset < bytes.length;) {
                offset += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(file, bytes, offset, bytes.length - offset);
            }
            if (batch.some((p) => p.durable))
                await syncData(file);
            newlineFirst = false;
        }
        catch (error) {
            for (const p of batch)
                p.reject(error);
            return;
        }
        for (const p of batch)
            p.resolve();
    };
    const append = async (line, durable) => {
        await ready();
        if (line.state === "forgotten")
            live.delete(line.id);
        else
            live.set(line.id, line);
        await new Promise((resolve, reject) => {
            pending.push({ text: `${JSON.stringify(line)}\n`, durable, resolve, reject });
            // The first line of a batch queues its write; later ones ride along until it starts.
            if (pending.length === 1)
                void serial(writePending);
        });
        await dropLegacy([line.id]);
    };
    const dropLegacy = async (ids) => {
        for (const id of ids) {
            const file = legacy.get(id);
            if (file === undefined)
                continue;
            legacy.delete(id);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(file).catch(() => { });
        }
    };
    const closeLog = async () => {
        const open = fd;
        fd = undefined;
        if (open !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(open);
    };
    /** Replace the log with only the live records (or delete it when there are none). */
    const rewrite = () => serial(async () => {
        await closeLog();
        if (live.size === 0) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(path).catch((error) => {
                if (error.code !== "ENOENT")
                    throw error;
            });
        }
        else {
            const text = [...live.values()].map((r) => `${JSON.stringify(r)}\n`).join("");
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir, { recursive: true });
            await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Z)(path, text);
        }
        newlineFirst = false;
    });
    return {
        dir,
        path,
        async readAll() {
            await ready();
            return [...live.values()];
        },
        submitting: (id, hash, key) => append({ state: "submitting", id, hash, key, at: at() }, true),
        submitted: (id, hash, key, generation, { durable } = { durable: true }) => append({ state: "submitted", id, hash, key, generation, at: at() }, durable),
        completed: (id, hash, entry, forced = false) => append({ state: "completed", id, hash, entry, at: at(), ...(forced ? { forced } : {}) }, true),
        async remove(id) {
            await ready();
            if (!live.has(id))
                return;
            // Not synced: a forgotten record that comes back is picked up and ended again, harmlessly.
            await append({ state: "forgotten", id, at: at() }, false);
        },
        async removeAll(ids) {
            await ready();
            const gone = ids.filter((id) => live.delete(id));
            if (gone.length === 0)
                return;
            await rewrite();
            await dropLegacy(gone);
        },
        close: () => serial(closeLog),
    };
}
const syncData = (0,node_util__WEBPACK_IMPORTED_MODULE_4__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_1__.fdatasync);
function syncFolder(dir) {
    const folder = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(dir, "r");
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fsyncSync)(folder);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(folder);
    }
}
function parseRecord(text) {
    const r = (0,_util_json_object_js__WEBPACK_IMPORTED_MODULE_7__/* .parseJsonObject */ .d)(text);
    if (!r)
        return undefined;
    if (typeof r.id !== "string" || typeof r.at !== "string")
        return undefined;
    if (r.state === "forgotten")
        return { state: "forgotten", id: r.id, at: r.at };
    if (typeof r.hash !== "string")
        return undefined;
    const base = { id: r.id, hash: r.hash, at: r.at };
    switch (r.state) {
        case "submitting":
            return typeof r.key === "string" ? { state: "submitting", ...base, key: r.key } : undefined;
        case "submitted":
            return typeof r.key === "string" && typeof r.generation === "string"
                ? { state: "submitted", ...base, key: r.key, generation: r.generation }
                : undefined;
        case "completed":
            if (!isLockEntry(r.entry))
                return undefined;
            return {
                state: "completed",
                ...base,
                entry: r.entry,
                ...(r.forced === true ? { forced: true } : {}),
            };
        default:
            return undefined;
    }
}
function isLockEntry(value) {
    if (typeof value !== "object" || value === null)
        return false;
    const e = value;
    return (typeof e.hash === "string" &&
        typeof e.output === "string" &&
        typeof e.sha256 === "string" &&
        typeof e.size === "number" &&
        typeof e.generation === "string" &&
        typeof e.renderedAt === "string" &&
        typeof e.fields === "object" &&
        e.fields !== null);
}


/***/ }),

/***/ 2924:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   syncMediaJson: () => (/* binding */ syncMediaJson)
/* harmony export */ });
/* unused harmony exports MEDIA_JSON_VERSION, mediaJsonText */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6642);
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5102);
/**
 * `<manifest stem>.media.json`: for each asset with web variants, what a site needs for `srcset`
 * and layout — the output, its pixel size, a placeholder, and each variant's path, format, size
 * and bytes. A projection of the lock (which holds all of it), sorted by id like the lock, so the
 * same lock always gives the same bytes; written atomically, and only when they change.
 */



const MEDIA_JSON_VERSION = 1;
/** The file's text for the lock's entries of `ids` (the manifest's assets) that have variants. */
function mediaJsonText(lock, ids) {
    const assets = {};
    for (const id of [...ids].sort(_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.compareCodeUnits)) {
        const entry = lock.assets[id];
        const v = entry?.variants;
        if (entry === undefined || v === undefined)
            continue;
        assets[id] = {
            output: entry.output,
            width: v.width,
            height: v.height,
            placeholder: v.placeholder,
            variants: v.files.map(({ path, format, width, height, bytes }) => ({
                path,
                format,
                width,
                height,
                bytes,
            })),
        };
    }
    if (Object.keys(assets).length === 0)
        return undefined;
    return `${JSON.stringify({ version: MEDIA_JSON_VERSION, assets }, null, 2)}\n`;
}
/**
 * Brings the file in line with the lock: rewritten when its bytes would differ, removed when no
 * asset has variants any more. Returns whether it changed.
 */
async function syncMediaJson(path, lock, ids) {
    const text = mediaJsonText(lock, ids);
    const current = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, "utf8").catch(() => undefined);
    if (text === current)
        return false;
    if (text === undefined) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
        return true;
    }
    await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__/* .writeFileAtomic */ .Z)(path, text);
    return true;
}


/***/ }),

/***/ 6277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sweepStaleTemps: () => (/* binding */ sweepStaleTemps)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_variants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5907);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);
/* harmony import */ var _plain_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5824);





/** `tempPathFor` names: `.<target name>.<12 hex>.tmp`, beside the target. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
/**
 * Remove the temp files a killed run left behind: a process that dies mid-download or mid-write
 * (SIGKILL, a cancelled CI job, power loss) never reaches its own cleanup, and its temp file would
 * sit beside the output for ever. Only temps of files this tool writes are touched — the outputs
 * of the manifest's assets and their web variants, the lockfile, the journal, the stat index, the duration memory and
 * the cache entries of the assets this run renders —
 * and only by their exact temp-name pattern, so nothing a person put there is deleted. Run before
 * any write of this run (two renders of one manifest at once are not supported). The folder of
 * links a killed run made for its "before" previews goes too: each keeps a replaced file's bytes
 * on disk.
 */
async function sweepStaleTemps(manifestDir, lockPath, all, toRender) {
    const stateDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.stateDirFor)(manifestDir);
    const cacheDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.cacheDirFor)(manifestDir);
    // Every file this tool may have been writing, by folder. Walked twice, and names gathered
    // only for a folder that holds a temp: at 50,000 assets, sets of every name up front were
    // 150,000 strings (25 MB of a render's peak) for a sweep that almost always finds nothing.
    const eachTarget = (visit) => {
        for (const entry of all) {
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, entry.output));
            // Web variants a derivation was writing when the run died: this recipe's, and the lock's.
            for (const spec of entry.asset?.variants ?? []) {
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, (0,_manifest_variants_js__WEBPACK_IMPORTED_MODULE_2__/* .variantPath */ .v7)(entry.output, spec.width, spec.format)));
            }
            for (const file of entry.lock?.variants?.files ?? [])
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, file.path));
        }
        for (const entry of toRender) {
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), entry.hash));
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), `${entry.hash}.json`));
        }
        visit(lockPath);
        visit((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.durationMemoryPath)(manifestDir));
    };
    const folders = new Set();
    eachTarget((path) => folders.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)));
    // Folders only this tool writes: every temp in them is one of its own.
    const ownFolders = new Set([(0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.journalDirFor)(manifestDir), stateDir]);
    for (const folder of ownFolders)
        folders.add(folder);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.beforeSnapshotsDirFor)(manifestDir), { recursive: true, force: true }).catch(() => { });
    // Folder → its temps: [temp name, the name of the file it was to become].
    const temps = new Map();
    for (const folder of folders) {
        // The cache's folders are the tool's own: one that is a link was put there, and is not swept.
        const inCache = folder === cacheDir || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(folder) === cacheDir;
        if (inCache && !((0,_plain_file_js__WEBPACK_IMPORTED_MODULE_4__/* .isRealFolder */ .jj)(cacheDir) && (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_4__/* .isRealFolder */ .jj)(folder)))
            continue;
        let listing;
        try {
            listing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(folder);
        }
        catch {
            continue;
        }
        for (const name of listing) {
            const target = TEMP_NAME.exec(name)?.[1];
            if (target === undefined)
                continue;
            const found = temps.get(folder);
            if (found)
                found.push([name, target]);
            else
                temps.set(folder, [[name, target]]);
        }
    }
    if (temps.size === 0)
        return 0;
    const ours = new Map();
    eachTarget((path) => {
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
        if (!temps.has(folder) || ownFolders.has(folder))
            return;
        const names = ours.get(folder);
        if (names)
            names.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
        else
            ours.set(folder, new Set([(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)]));
    });
    let removed = 0;
    for (const [folder, found] of temps) {
        for (const [name, target] of found) {
            if (!ownFolders.has(folder) && ours.get(folder)?.has(target) !== true)
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.unlink)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, name)).then(() => (removed += 1), () => { });
        }
    }
    return removed;
}


/***/ }),

/***/ 7208:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ StoreRefusedError)
/* harmony export */ });
/**
 * The store's server refused this run's write outright (a token that may only read, a rule on
 * the branch, S3 credentials without s3:PutObject): unlike a failed or raced write, doing it again
 * as it is cannot help, so the caller says what to change rather than "re-run". The message is the
 * tool's words plus the server's, already neutralised.
 */
class StoreRefusedError extends Error {
    by;
    name = "StoreRefusedError";
    constructor(message, by, options) {
        super(message, options);
        this.by = by;
    }
}


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/** `text` parsed as a JSON object, or undefined when it is not JSON or not an object. */
function parseJsonObject(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    return value;
}


/***/ }),

/***/ 9860:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ runPool)
/* harmony export */ });
async function runPool(items, limit, worker, mayStart = () => true) {
    if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`concurrency must be ≥ 1: ${limit}`);
    let next = 0;
    let firstError;
    const notStarted = [];
    const lane = async () => {
        while (next < items.length) {
            if (!mayStart() || firstError) {
                while (next < items.length)
                    notStarted.push(items[next++]);
                return;
            }
            const item = items[next++];
            try {
                await worker(item);
            }
            catch (error) {
                firstError ??= { error };
            }
        }
    };
    const lanes = Array.from({ length: Math.min(limit, items.length) }, lane);
    await Promise.all(lanes);
    if (firstError)
        throw firstError.error;
    return { notStarted };
}


/***/ })

};
