export const id = 739;
export const ids = [739];
export const modules = {

/***/ 1901:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ RetryBudget),
/* harmony export */   VU: () => (/* binding */ DEFAULT_BACKOFF),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   rU: () => (/* binding */ retryLoop),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports backoffMs, retryDelayMs */
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
 * The one retry loop: every request that may be tried again (API calls, status polls, result
 * downloads) goes through it, so the policy — backoff with full jitter, `Retry-After` as a floor,
 * the run's budget — is applied in one place, and no layer above retries again.
 */
async function retryLoop(attempt, options) {
    options.budget?.allowance.recordRequest();
    for (let n = 1;; n += 1) {
        options.signal?.throwIfAborted();
        const outcome = await attempt(n);
        if (outcome.kind === "ok")
            return outcome.value;
        const final = options.giveUp(outcome, n);
        if (final)
            throw final;
        if (options.budget && !options.budget.allowance.tryWithdraw()) {
            throw options.budget.spent(outcome, n);
        }
        const delayMs = retryDelayMs(n - 1, outcome.retryAfter, {
            policy: options.policy,
            random: options.random,
            nowMs: options.now(),
        });
        options.onRetry?.(outcome, n, delayMs);
        await options.sleep(delayMs, options.signal);
    }
}


/***/ }),

/***/ 9340:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ sniff),
/* harmony export */   d: () => (/* binding */ SNIFF_BYTES)
/* harmony export */ });
/** Bytes needed to decide; shorter files are judged on what there is. */
const SNIFF_BYTES = 16;
const ascii = (head, at, text) => head.length >= at + text.length && head.toString("latin1", at, at + text.length) === text;
const isoBox = (head, boxes) => boxes.some((box) => ascii(head, 4, box));
const FORMATS = {
    png: {
        name: "PNG",
        type: "image",
        matches: (h) => h.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
    },
    jpeg: {
        name: "JPEG",
        type: "image",
        matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
    },
    gif: {
        name: "GIF",
        type: "image",
        matches: (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"),
    },
    webp: { name: "WebP", type: "image", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP") },
    avif: { name: "AVIF", type: "image", matches: (h) => ascii(h, 4, "ftypavi") },
    mp4: { name: "MP4", type: "video", matches: (h) => isoBox(h, ["ftyp"]) },
    // QuickTime files may open with other top-level atoms than ftyp.
    mov: {
        name: "QuickTime",
        type: "video",
        matches: (h) => isoBox(h, ["ftyp", "moov", "wide", "mdat", "free", "skip"]),
    },
    webm: {
        name: "WebM/Matroska",
        type: "video",
        matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
    },
    wav: { name: "WAV", type: "audio", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE") },
    mp3: {
        name: "MP3",
        type: "audio",
        // An ID3v2 tag, or straight into an MPEG audio frame (11 sync bits set).
        matches: (h) => ascii(h, 0, "ID3") || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
    },
    ogg: { name: "Ogg", type: "audio", matches: (h) => ascii(h, 0, "OggS") },
    flac: { name: "FLAC", type: "audio", matches: (h) => ascii(h, 0, "fLaC") },
    m4a: { name: "MPEG-4 audio", type: "audio", matches: (h) => isoBox(h, ["ftyp"]) },
    aac: {
        name: "AAC (ADTS)",
        type: "audio",
        matches: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0,
    },
};
const BY_EXTENSION = {
    png: "png",
    jpg: "jpeg",
    jpeg: "jpeg",
    gif: "gif",
    webp: "webp",
    avif: "avif",
    mp4: "mp4",
    m4v: "mp4",
    mov: "mov",
    webm: "webm",
    mkv: "webm",
    wav: "wav",
    mp3: "mp3",
    ogg: "ogg",
    oga: "ogg",
    opus: "ogg",
    flac: "flac",
    m4a: "m4a",
    aac: "aac",
};
/**
 * Checks `head` (the first SNIFF_BYTES of the file, or all of a shorter one) against the format
 * the extension names; an extension this table does not know accepts any format of `type`.
 */
function sniff(head, type, extension) {
    const ext = extension.replace(/^\./, "").toLowerCase();
    const named = BY_EXTENSION[ext];
    const candidates = named
        ? [FORMATS[named]]
        : Object.values(FORMATS).filter((format) => format.type === type);
    const formats = candidates.filter((f) => f !== undefined);
    if (formats.some((format) => format.type === type && format.matches(head)))
        return { ok: true };
    return {
        ok: false,
        expected: `${type} ${formats.map((f) => f.name).join(" or ")}${named ? ` (.${ext})` : ""}`,
        found: describe(head),
    };
}
/** The first bytes, as text when they are printable (an HTML page says so), else as hex. */
function describe(head) {
    if (head.length === 0)
        return "an empty body";
    const first = head.subarray(0, 8);
    const printable = [...first].every((b) => b >= 0x20 && b < 0x7f);
    return printable
        ? `"${first.toString("latin1")}…"`
        : `bytes ${first.toString("hex").replace(/(..)/g, "$1 ").trim()}`;
}


/***/ }),

/***/ 4699:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ recordOutput)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _state_lockfile_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9820);


/** Make a finished output durable: cache entry, completed journal record, lock and stat index. */
async function recordOutput(entry, generation, bytes, ctx, how = {}) {
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(ctx.manifestDir, entry.output);
    const extension = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.extname)(entry.output).replace(/^\./, "");
    if (!how.fromCache) {
        await ctx.cache
            .put(entry.hash, target, { ...bytes, generation, extension })
            .catch((e) => {
            // The cache only saves work; the output and the lock are what count.
            const message = `could not cache ${entry.id}: ${e.message}`;
            ctx.reporter.emit({ kind: "warning", message });
        });
    }
    const lockEntry = (0,_state_lockfile_js__WEBPACK_IMPORTED_MODULE_1__.lockEntryFor)(entry.asset, { ...bytes, generation, renderedAt: new Date(ctx.now()) }, entry.hash);
    await ctx.journal.completed(entry.id, entry.hash, lockEntry, how.forced === true);
    ctx.updater.set(entry.id, lockEntry);
    await ctx.index.record(entry.output, bytes.sha256).catch(() => { });
}


/***/ }),

/***/ 2739:
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
// EXTERNAL MODULE: ./lib/manifest/load.js + 17 modules
var load = __webpack_require__(2669);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/store/verify.js
var verify = __webpack_require__(6888);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/real-folders.js
var real_folders = __webpack_require__(9201);
;// CONCATENATED MODULE: ./lib/state/cache.js






const HASH_PATTERN = /^[0-9a-f]{16,128}$/;
/** A reflink where the file system has them (btrfs, XFS, APFS): no second copy of the bytes. */
const COPY_NEW = external_node_fs_.constants.COPYFILE_EXCL | external_node_fs_.constants.COPYFILE_FICLONE;
function createCacheStore(dir, warn) {
    /** Entry folders (`<first2>/`) known to exist: made once a run, not once an entry. */
    const madeFolders = new Set();
    const inFolder = async (file, write) => {
        const folder = (0,external_node_path_.dirname)(file);
        if (!madeFolders.has(folder)) {
            await (0,promises_.mkdir)(folder, { recursive: true });
            madeFolders.add(folder);
        }
        try {
            return await write();
        }
        catch (error) {
            if (!isErrno(error, "ENOENT"))
                throw error;
            // The folder went since it was made (a person cleared the cache): make it again.
            await (0,promises_.mkdir)(folder, { recursive: true });
            return write();
        }
    };
    const bytesPath = (hash) => {
        if (!HASH_PATTERN.test(hash))
            throw new Error(`not a cache key: ${hash}`);
        return (0,external_node_path_.join)(dir, hash.slice(0, 2), hash);
    };
    const metaPath = (hash) => `${bytesPath(hash)}.json`;
    const discard = async (hash, why) => {
        warn(`cache entry ${hash.slice(0, 12)} ignored and deleted: ${why}`);
        await (0,promises_.unlink)(metaPath(hash)).catch(() => { });
        await (0,promises_.unlink)(bytesPath(hash)).catch(() => { });
    };
    const peek = async (hash) => {
        const path = metaPath(hash);
        let text;
        try {
            text = await (0,promises_.readFile)(path, "utf8");
        }
        catch {
            return undefined;
        }
        const meta = parseMeta(text);
        if (!meta)
            await discard(hash, "unreadable meta");
        return meta;
    };
    return {
        dir,
        peek,
        async put(hash, sourceFile, meta) {
            const target = bytesPath(hash);
            const metaText = `${JSON.stringify(meta)}\n`;
            // Neither file is fsynced: after a power cut an entry may be empty or torn, and restore
            // checks every byte against the SHA-256 before it reaches an output (a miss, never harm).
            // A new entry is written in place: until its meta exists it is unfinished and ignored, so
            // neither file needs a temp name and a rename (two fewer file operations a job). The meta,
            // a hundred bytes, is written directly rather than through libuv's thread pool.
            let fresh = true;
            try {
                await inFolder(target, () => (0,promises_.copyFile)(sourceFile, target, COPY_NEW));
            }
            catch (error) {
                if (!isErrno(error, "EEXIST"))
                    throw error;
                // An entry for this hash already exists (a forced render, an entry a crash left
                // unfinished): replace it whole.
                fresh = false;
                await replaceBytes(sourceFile, target);
            }
            if (fresh) {
                try {
                    (0,external_node_fs_.writeFileSync)(metaPath(hash), metaText, { flag: "wx", mode: 0o644 });
                    return;
                }
                catch (error) {
                    // A meta whose bytes went missing: replaced below like any other.
                    if (!isErrno(error, "EEXIST"))
                        throw error;
                }
            }
            await (0,atomic_write/* writeFileAtomic */.Z)(metaPath(hash), metaText, { durable: false });
        },
        async restore(hash, target) {
            const meta = await peek(hash);
            if (!meta || !sameExtension(meta.extension, target.path))
                return undefined;
            const folder = (0,external_node_path_.dirname)(target.path);
            await (0,real_folders/* makeRealFolders */.mG)(target.within, folder);
            const temp = (0,atomic_write/* tempPathFor */.F)(target.path);
            try {
                await copyDurably(bytesPath(hash), temp);
                const verdict = await (0,verify/* verifyStoredBytes */.I4)(temp, { ...meta, type: target.type });
                if (!verdict.ok) {
                    await (0,promises_.unlink)(temp).catch(() => { });
                    await discard(hash, verdict.why);
                    return undefined;
                }
                await (0,real_folders/* assertRealFolders */._6)(target.within, folder);
                await (0,promises_.rename)(temp, target.path);
                return meta;
            }
            catch (error) {
                await (0,promises_.unlink)(temp).catch(() => { });
                if (isErrno(error, "ENOENT")) {
                    await discard(hash, "its bytes are missing");
                    return undefined;
                }
                throw error;
            }
        },
    };
}
/** Replace `target` with a copy of `source` through a temp file, so no reader sees it half-made. */
async function replaceBytes(source, target) {
    const temp = (0,atomic_write/* tempPathFor */.F)(target);
    try {
        await (0,promises_.copyFile)(source, temp, COPY_NEW);
        await (0,promises_.rename)(temp, target);
    }
    catch (error) {
        await (0,promises_.unlink)(temp).catch(() => { });
        throw error;
    }
}
/** Copy `source` to a new file `dest` (a reflink where the file system has them), fsynced. */
async function copyDurably(source, dest) {
    await (0,promises_.copyFile)(source, dest, COPY_NEW);
    const handle = await (0,promises_.open)(dest, "r+");
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
function parseMeta(text) {
    try {
        const value = JSON.parse(text);
        if (typeof value !== "object" || value === null)
            return undefined;
        const { sha256, size, generation, extension } = value;
        if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256))
            return undefined;
        if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
            return undefined;
        if (typeof generation !== "string" || typeof extension !== "string")
            return undefined;
        return { sha256, size, generation, extension };
    }
    catch {
        return undefined;
    }
}
function sameExtension(extension, target) {
    return extension.toLowerCase() === (0,external_node_path_.extname)(target).slice(1).toLowerCase();
}
function isErrno(error, code) {
    return error instanceof Error && error.code === code;
}

// EXTERNAL MODULE: ./lib/state/lockfile.js
var lockfile = __webpack_require__(9820);
;// CONCATENATED MODULE: ./lib/state/lockfile-rewrite.js



const HEAD = Buffer.from(lockfile.WRITTEN_HEAD);
const TAIL = Buffer.from(lockfile.WRITTEN_TAIL);
/** What follows an id's closing quote on a written line. It cannot occur inside a JSON string: a quote there is escaped. */
const AFTER_ID = Buffer.from('": {"hash":');
const SEPARATOR = Buffer.from(",\n");
/**
 * Write `lock` over the lockfile at `path`, which holds the same lock except the `changed` ids:
 * the lines of the other assets are copied as they are on disk, not parsed and serialised again,
 * so a small change to a big lock costs a copy of its bytes, not 50,000 `JSON.stringify`s and a
 * sort. Falls back to serialising the whole lock when the file is not as `serializeLockfile`
 * writes it (missing, hand-formatted, unsorted, or holding other ids than `lock`); either way the
 * write is atomic. Neither way holds a second copy of the file: runs of unchanged lines are
 * written straight from the old file's bytes, and a whole lock is serialised a chunk at a time.
 */
async function rewriteLockfile(path, lock, changed) {
    await (0,atomic_write/* writeFileAtomic */.Z)(path, withChangedLines(path, lock, changed) ?? (0,lockfile.lockfileChunks)(lock));
}
function withChangedLines(path, lock, changed) {
    let file;
    try {
        file = (0,external_node_fs_.readFileSync)(path);
    }
    catch {
        return undefined;
    }
    const bodyEnd = file.length - TAIL.length;
    if (bodyEnd <= HEAD.length ||
        !file.subarray(0, HEAD.length).equals(HEAD) ||
        !file.subarray(bodyEnd).equals(TAIL)) {
        return undefined;
    }
    const ids = [...new Set(changed)]
        .filter((id) => Object.hasOwn(lock.assets, id))
        .sort(lockfile.compareCodeUnits);
    // The body as members separated by ",\n": a run of unchanged lines is one slice of the file
    // (its inner separators included), so there are parts for the changes, not for every line.
    const parts = [HEAD];
    let members = 0;
    let run;
    const separate = () => {
        if (members++ > 0)
            parts.push(SEPARATOR);
    };
    const endRun = () => {
        if (!run)
            return;
        separate();
        parts.push(file.subarray(run.from, run.to));
        run = undefined;
    };
    const newLine = (id) => {
        endRun();
        separate();
        parts.push(Buffer.from((0,lockfile.entryLine)(id, lock.assets[id])));
    };
    let copied = 0;
    let next = 0;
    let previous;
    for (let start = HEAD.length; start < bodyEnd;) {
        const lineBreak = file.indexOf(10, start);
        const last = lineBreak < 0 || lineBreak >= bodyEnd;
        const lineEnd = last ? bodyEnd : lineBreak;
        // Every line but the last ends with the comma that separates members; the last has none.
        if ((file[lineEnd - 1] === 0x2c) === last)
            return undefined;
        const contentEnd = last ? lineEnd : lineEnd - 1;
        const id = idOfLine(file, start, contentEnd);
        if (id === undefined || (previous !== undefined && (0,lockfile.compareCodeUnits)(previous, id) >= 0)) {
            return undefined;
        }
        previous = id;
        while (next < ids.length && (0,lockfile.compareCodeUnits)(ids[next], id) < 0) {
            newLine(ids[next++]);
        }
        if (ids[next] === id)
            newLine(ids[next++]);
        else {
            copied += 1;
            if (run)
                run.to = contentEnd;
            else
                run = { from: start, to: contentEnd };
        }
        start = lineEnd + 1;
    }
    endRun();
    while (next < ids.length)
        newLine(ids[next++]);
    // The file held an id the lock does not (or the other way round): serialise the lock instead.
    let count = 0;
    for (const _ in lock.assets)
        count++;
    if (count !== copied + ids.length)
        return undefined;
    parts.push(TAIL);
    return parts;
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
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
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
    const file = (0,paths/* durationMemoryPath */.tg)(manifestDir);
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
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true });
    await (0,atomic_write/* writeFileAtomic */.Z)(file, `${JSON.stringify({ version: VERSION, apis })}\n`, {
        durable: false,
    });
}
/** The file's valid, fresh entries; empty for a missing, unreadable or foreign file. */
async function readStored(file, now) {
    const stored = new Map();
    let data;
    try {
        data = JSON.parse(await (0,promises_.readFile)(file, "utf8"));
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./lib/util/json-object.js
var json_object = __webpack_require__(8022);
;// CONCATENATED MODULE: ./lib/state/journal.js








function isInFlight(record) {
    return record.state === "submitting" || record.state === "submitted";
}
/** The earlier layout's file name for an asset's record (hashed: ids come from CSV rows). */
function legacyFileName(id) {
    return `${(0,external_node_crypto_.createHash)("sha256").update(id).digest("hex").slice(0, 40)}.json`;
}
function openJournal(manifestPath, now = Date.now) {
    const path = (0,paths/* journalLogPathFor */.Wo)(manifestPath);
    const dir = (0,external_node_path_.dirname)(path);
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
        for (const name of (await (0,promises_.readdir)(dir).catch(() => [])).sort()) {
            if (!/^[0-9a-f]{40}\.json$/.test(name))
                continue;
            const record = parseRecord(await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), "utf8").catch(() => ""));
            if (record && record.state !== "forgotten" && legacyFileName(record.id) === name) {
                live.set(record.id, record);
                legacy.set(record.id, (0,external_node_path_.join)(dir, name));
            }
        }
        const text = await (0,promises_.readFile)(path, "utf8").catch(() => "");
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
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        try {
            fd = (0,external_node_fs_.openSync)(path, "ax", 0o644);
            // A new log: its name must survive a power cut as its lines will.
            syncFolder(dir);
        }
        catch (error) {
            if (error.code !== "EEXIST")
                throw error;
            fd = (0,external_node_fs_.openSync)(path, "a");
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
                offset += (0,external_node_fs_.writeSync)(file, bytes, offset, bytes.length - offset);
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
            await (0,promises_.unlink)(file).catch(() => { });
        }
    };
    const closeLog = async () => {
        const open = fd;
        fd = undefined;
        if (open !== undefined)
            (0,external_node_fs_.closeSync)(open);
    };
    /** Replace the log with only the live records (or delete it when there are none). */
    const rewrite = () => serial(async () => {
        await closeLog();
        if (live.size === 0) {
            await (0,promises_.unlink)(path).catch((error) => {
                if (error.code !== "ENOENT")
                    throw error;
            });
        }
        else {
            const text = [...live.values()].map((r) => `${JSON.stringify(r)}\n`).join("");
            await (0,promises_.mkdir)(dir, { recursive: true });
            await (0,atomic_write/* writeFileAtomic */.Z)(path, text);
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
const syncData = (0,external_node_util_.promisify)(external_node_fs_.fdatasync);
function syncFolder(dir) {
    const folder = (0,external_node_fs_.openSync)(dir, "r");
    try {
        (0,external_node_fs_.fsyncSync)(folder);
    }
    finally {
        (0,external_node_fs_.closeSync)(folder);
    }
}
function parseRecord(text) {
    const r = (0,json_object/* parseJsonObject */.d)(text);
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

// EXTERNAL MODULE: ./lib/plan/plan-manifest.js + 4 modules
var plan_manifest = __webpack_require__(4850);
// EXTERNAL MODULE: ./lib/render/refusals.js
var refusals = __webpack_require__(9691);
// EXTERNAL MODULE: ./lib/render/select.js
var render_select = __webpack_require__(8174);
;// CONCATENATED MODULE: ./lib/render/scheduler.js
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
    for (const record of (await journal.readAll()).filter(isInFlight)) {
        const entry = wanted.get(record.id);
        if (entry !== undefined && entry.hash === record.hash)
            resumable.set(record.id, record);
        else if (ours.has(record.id) && !excluded.has(record.id))
            stale.push(record.id);
    }
    await journal.removeAll(stale);
    return resumable;
}
/** Cache probes in flight at once: each is one small file read, mostly a miss. */
const PROBE_CONCURRENCY = 64;
/** Split what must be produced into cache restores and jobs to run, in plan order. */
async function splitByCache(toRender, cache, force, resumable) {
    const cached = new Array(toRender.length).fill(false);
    // A job already paid for is picked up rather than bypassed; --force never restores.
    if (!force) {
        await runPool(toRender.map((entry, i) => ({ entry, i })), PROBE_CONCURRENCY, async ({ entry, i }) => {
            if (!resumable.has(entry.id))
                cached[i] = (await cache.peek(entry.hash)) !== undefined;
        });
    }
    return {
        restore: toRender.filter((_, i) => cached[i]),
        jobs: toRender.filter((_, i) => !cached[i]),
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

// EXTERNAL MODULE: ./lib/render/record.js
var record = __webpack_require__(4699);
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

;// CONCATENATED MODULE: ./lib/render/store-step.js
/**
 * The store's two moments in a run: before any job, restore what another branch, machine or day
 * already paid for (one lookup for every asset the local cache could not give); after the jobs,
 * write every new output back (when this run may write), so that the PR's previews have a
 * durable address and the merge restores the very bytes the reviewer saw.
 */




const extensionOf = (output) => (0,external_node_path_.extname)(output).slice(1).toLowerCase();
/**
 * The store's entries for these assets, by asset id: one lookup for all of them. An entry of
 * another type or format than the asset's output is no hit. A store that cannot be reached is
 * a warning and no hits: the run renders instead.
 */
async function lookupInStore(store, entries, warn) {
    const wanted = entries.filter((e) => e.asset !== undefined);
    if (wanted.length === 0)
        return new Map();
    let hits;
    try {
        hits = await store.lookup(wanted.map((e) => e.hash));
    }
    catch (error) {
        warn(`could not read the store (${store.label}): ${error.message}; rendering instead`);
        return new Map();
    }
    const byId = new Map();
    for (const entry of wanted) {
        const hit = hits.get(entry.hash);
        if (hit &&
            hit.record.type === entry.asset.type &&
            hit.record.extension === extensionOf(entry.output))
            byId.set(entry.id, hit);
    }
    return byId;
}
/**
 * Put a store entry's bytes at the asset's output (fetched beside it, verified by the store, then
 * renamed into place) and record it like a render, with the generation that first produced them.
 * Undefined when the entry proved unusable: the caller renders instead.
 */
async function restoreFromStore(entry, hit, store, ctx) {
    const target = (0,external_node_path_.join)(ctx.manifestDir, entry.output);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
    const temp = (0,atomic_write/* tempPathFor */.F)(target);
    try {
        if (!(await store.fetch(hit, temp)))
            return undefined;
        await (0,promises_.rename)(temp, target);
    }
    catch (error) {
        await (0,promises_.unlink)(temp).catch(() => { });
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
    if (!run.write)
        return outcome;
    try {
        const held = await writeToStore(store, results, run.planned, ctx.updater.current(), ctx.manifestDir);
        for (const [id, hit] of held) {
            const locked = ctx.updater.current().assets[id];
            const entry = run.planned.get(id);
            if (run.confirm && locked && entry?.asset && hit.record.sha256 !== locked.sha256) {
                // First writer wins, and with outputs: store the lock must name the bytes the store holds.
                run.warn(`${id}: the store already holds another render of this request (${hit.record.generation}); ` +
                    "with outputs: store the lock records that one, and the output now holds its bytes");
                const adopted = await restoreFromStore({ ...entry, asset: entry.asset }, hit, store, ctx);
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
        // With outputs: store, the run says it once, with what to do (see store-only-lock.ts).
        if (!run.confirm)
            run.warn(`could not write to the store (${store.label}): ${outcome.error}`);
    }
    return outcome;
}
/**
 * Write every output this run produced that the store does not show yet (renders, and restores
 * from the local cache), in one write. Returns, by asset id, the entry the store now holds for
 * each (written now or held already), with where it is when the backend can show it.
 */
async function writeToStore(store, results, entries, lock, manifestDir) {
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
    if (writes.length === 0)
        return held;
    for (const [hash, hit] of await store.write(writes)) {
        for (const id of idsByHash.get(hash) ?? [])
            held.set(id, hit);
    }
    return held;
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
                    ? `writing failed: ${ctx.cause}`
                    : "the store did not take them";
    const fix = ctx.interrupted
        ? "Run the same command again"
        : ctx.store !== undefined && ctx.wrote
            ? "Fix the store, then run the same command again"
            : "Run again with a store this run writes to (CLI: --store SPEC --store-push; the action writes by default)";
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
            error: `not written to the store (${ctx.cause === undefined ? why : "writing failed"}), so not recorded in ${ctx.lockName}; the next run writes it from .agentframer/cache with no new job`,
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

// EXTERNAL MODULE: ./lib/render/api/retry.js
var retry = __webpack_require__(1901);
// EXTERNAL MODULE: ./lib/state/run-lock.js
var run_lock = __webpack_require__(8482);
;// CONCATENATED MODULE: ./lib/state/sweep.js



/** `tempPathFor` names: `.<target name>.<12 hex>.tmp`, beside the target. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
/**
 * Remove the temp files a killed run left behind: a process that dies mid-download or mid-write
 * (SIGKILL, a cancelled CI job, power loss) never reaches its own cleanup, and its temp file would
 * sit beside the output for ever. Only temps of files this tool writes are touched — the outputs
 * of the manifest's assets, the lockfile, the journal, the stat index, the duration memory and
 * the cache entries of the assets this run renders —
 * and only by their exact temp-name pattern, so nothing a person put there is deleted. Run before
 * any write of this run (two renders of one manifest at once are not supported).
 */
async function sweepStaleTemps(manifestDir, lockPath, all, toRender) {
    // Folder → the names whose temps may go there, or "all" for folders only this tool writes.
    const stateDir = (0,paths/* stateDirFor */.O4)(manifestDir);
    const cacheDir = (0,paths/* cacheDirFor */.D2)(manifestDir);
    const targetsByFolder = new Map();
    const add = (path) => {
        const folder = (0,external_node_path_.dirname)(path);
        const names = targetsByFolder.get(folder) ?? new Set();
        if (names !== "all")
            targetsByFolder.set(folder, names.add((0,external_node_path_.basename)(path)));
    };
    for (const entry of all)
        add((0,external_node_path_.join)(manifestDir, entry.output));
    for (const entry of toRender) {
        add((0,external_node_path_.join)(cacheDir, entry.hash.slice(0, 2), entry.hash));
        add((0,external_node_path_.join)(cacheDir, entry.hash.slice(0, 2), `${entry.hash}.json`));
    }
    add(lockPath);
    add((0,paths/* durationMemoryPath */.tg)(manifestDir));
    targetsByFolder.set((0,paths/* journalDirFor */.Ob)(manifestDir), "all");
    targetsByFolder.set(stateDir, "all");
    let removed = 0;
    for (const [folder, names] of targetsByFolder) {
        let listing;
        try {
            listing = await (0,promises_.readdir)(folder);
        }
        catch {
            continue;
        }
        for (const name of listing) {
            const target = TEMP_NAME.exec(name)?.[1];
            if (target === undefined || (names !== "all" && !names.has(target)))
                continue;
            await (0,promises_.unlink)((0,external_node_path_.join)(folder, name)).then(() => (removed += 1), () => { });
        }
    }
    return removed;
}

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
    return (0,run_lock/* withRunLock */.Z)((0,external_node_path_.dirname)(config.manifestPath), () => renderLocked(config, deps));
}
async function renderLocked(config, deps) {
    const now = deps.now ?? Date.now;
    const reporter = deps.reporter ?? silentReporter;
    const startedAt = now();
    const manifest = await (0,load.loadManifest)(config.manifestPath);
    for (const w of manifest.warnings ?? []) {
        reporter.emit({ kind: "warning", message: (0,errors/* formatProblem */.Vw)(w) });
    }
    const journal = openJournal(manifest.path, now);
    const ids = new Set(manifest.assets.map((a) => a.id));
    // With outputs: store, a completed record left by a run that died is no proof that the store
    // holds its bytes: it stays out of the lock, and the cache restore below (then the store write)
    // records it. A forced run folds, so that starting it again does not render twice.
    const forcedDone = manifest.outputs === "store" && !config.force
        ? new Map()
        : await foldCompletedRecords(manifest.path, ids, journal, config.force);
    const prepared = await prepare(manifest, config);
    const modified = prepared.selection.toRender.filter((e) => e.status === "modified");
    if (modified.length > 0 && !config.force && config.overwriteModified !== true) {
        throw (0,refusals/* modifiedOutputsError */.W7)(modified.map((e) => e.output));
    }
    // Nothing is written before the manifest and the lockfile have proved valid.
    await (0,paths/* ensureStateDir */.xH)(manifest.dir);
    if (prepared.adoptedFrom !== undefined) {
        reporter.emit({ kind: "warning", message: (0,manifest_lock.adoptionNote)(manifest.path, prepared.adoptedFrom) });
        await (0,lockfile.writeLockfile)(prepared.lockPath, prepared.lock);
    }
    const { entries } = prepared.plan;
    await sweepStaleTemps(manifest.dir, prepared.lockPath, entries, prepared.selection.toRender);
    skipForcedDone(prepared.selection, forcedDone);
    const resumable = await resumableJobs(journal, prepared);
    const warn = (message) => reporter.emit({ kind: "warning", message });
    if (prepared.plan.lfsPointers)
        warn((0,lfs_pointer.lfsPointerNote)(prepared.plan.lfsPointers));
    const cache = createCacheStore((0,paths/* cacheDirFor */.D2)(manifest.dir), warn);
    const split = await splitByCache(prepared.selection.toRender, cache, config.force, resumable);
    const results = new Map();
    let storeOutcome;
    const finish = (stopped) => {
        const result = collect(prepared, results, stopped);
        if (storeOutcome)
            result.store = storeOutcome;
        reporter.emit({ kind: "finish", result, elapsedMs: now() - startedAt });
        return result;
    };
    for (const e of prepared.selection.unchanged)
        results.set(e.id, outcome(e, "unchanged"));
    for (const e of prepared.selection.excluded) {
        results.set(e.id, outcome(e, "skipped", "not selected (--only / --shard)"));
    }
    // Local cache → store → API: what the cache cannot give, the store may (a forced run renders).
    const storeHits = deps.store && !config.force
        ? await lookupInStore(deps.store, split.jobs.filter((e) => !resumable.has(e.id)), warn)
        : new Map();
    const fromStore = split.jobs.filter((e) => storeHits.has(e.id));
    split.jobs = split.jobs.filter((e) => !storeHits.has(e.id));
    let newJobs = split.jobs.filter((e) => !resumable.has(e.id)).length;
    if (config.maxJobs !== undefined && newJobs > config.maxJobs) {
        const why = `the plan needs ${newJobs} new job${newJobs === 1 ? "" : "s"}, more than --max-jobs ${config.maxJobs}; nothing was submitted`;
        for (const e of prepared.selection.toRender)
            results.set(e.id, outcome(e, "skipped", why));
        return finish(why);
    }
    reporter.emit({
        kind: "start",
        total: prepared.selection.toRender.length,
        unchanged: prepared.selection.unchanged.length,
        excluded: prepared.selection.excluded.length,
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
    const onInterrupt = () => stop.abort(new Error("interrupted"));
    deps.signal?.addEventListener("abort", onInterrupt, { once: true });
    if (deps.signal?.aborted)
        onInterrupt();
    let closeServices = async () => { };
    let saveDurations = async () => { };
    try {
        const jobs = [...split.jobs];
        const restores = [
            ...split.restore.map((entry) => ({ entry, from: "cache" })),
            ...fromStore.map((entry) => ({ entry, from: "store" })),
        ];
        await runPool(restores, RESTORE_CONCURRENCY, async ({ entry, from }) => {
            const restored = from === "cache" || !deps.store
                ? await restoreFromCache(entry, shared)
                : await restoreFromStore(withAsset(entry), storeHits.get(entry.id), deps.store, shared);
            if (restored) {
                results.set(entry.id, restored);
                if (from === "store")
                    confirmStored(entry.id);
            }
            else if (config.maxJobs === undefined || newJobs < config.maxJobs) {
                // The cache entry turned out unusable: render after all, within the budget.
                newJobs += 1;
                jobs.push(entry);
            }
            else
                results.set(entry.id, outcome(entry, "skipped", `${from} entry unusable and --max-jobs reached`));
        });
        if (jobs.length > 0 && !stop.signal.aborted) {
            // The HTTP side (undici and the job runner) is loaded only now: a run with nothing to
            // submit, the usual CI run, never pays for it.
            const [{ startServices }, { DEFAULT_JOB_DEADLINE_MS, runJob }] = await Promise.all([
                Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(45)]).then(__webpack_require__.bind(__webpack_require__, 1045)),
                Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(373)]).then(__webpack_require__.bind(__webpack_require__, 7373)),
            ]);
            const services = await startServices(config, deps, manifest);
            closeServices = services.close;
            const durations = await openDurationMemory(manifest.dir, config, now, warn);
            saveDurations = durations.save;
            const ctx = {
                ...shared,
                client: services.client,
                dispatcher: services.dispatcher,
                model: durations.model,
                force: config.force,
                jobDeadlineMs: deps.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS,
                ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
                ...(deps.downloadPace ? { downloadPace: deps.downloadPace } : {}),
                sleep: deps.sleep ?? retry/* sleep */.yy,
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
            const { notStarted } = await runPool(jobs, config.concurrency, async (entry) => {
                const result = await runJob(withAsset(entry), resumable.get(entry.id), ctx);
                results.set(entry.id, result);
                // Once the run stops, the jobs it stopped are counted in the summary, not listed.
                if (result.status !== "skipped" || stopReason === undefined) {
                    reporter.emit({ kind: "asset", result });
                }
            }, () => stopReason === undefined && !stop.signal.aborted);
            for (const e of notStarted)
                results.set(e.id, outcome(e, "skipped", "not submitted: the run stopped early"));
        }
        if (deps.store) {
            storeOutcome = await writeBackToStore(deps.store, {
                write: deps.storeWrite === true && !deps.signal?.aborted,
                results,
                planned,
                ctx: shared,
                ...(storeOnly ? { confirm: confirmStored } : {}),
                warn,
            });
        }
    }
    finally {
        deps.signal?.removeEventListener("abort", onInterrupt);
        await updater.close();
        await journal.close().catch(() => { });
        await prepared.index.save().catch(() => { });
        await closeServices();
        await saveDurations();
    }
    if (storeOnly) {
        withheldFromLock(storeOnly.withheld(), results, {
            lockName: (0,external_node_path_.basename)(prepared.lockPath),
            store: deps.store?.label,
            cause: storeOutcome?.error,
            wrote: deps.storeWrite === true,
            interrupted: deps.signal?.aborted === true,
            warn,
        });
    }
    if (deps.signal?.aborted) {
        const inFlight = (await journal.readAll()).filter(isInFlight).length;
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

/***/ 9201:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ assertRealFolders),
/* harmony export */   mG: () => (/* binding */ makeRealFolders)
/* harmony export */ });
/* unused harmony export SwappedFolderError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8980);



/**
 * An output's folder was inside the repository when the run planned it; a symbolic link swapped
 * in since, for the folder or any folder above it, would carry the write somewhere else. So the
 * folders from the repository root down to the output's are checked with lstat (which never
 * follows a link) just before the temp file is created, and again just before the rename. A
 * link is followed only when it leads inside the repository, as the manifest loader allows.
 *
 * The checks call the file system directly rather than through libuv's thread pool: each is a
 * lookup of cached folder metadata that takes a microsecond or two, a tenth of what a trip through
 * the pool costs, and a job makes four of them.
 */
class SwappedFolderError extends Error {
    name = "SwappedFolderError";
    constructor(root, folder, what) {
        super(`${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder) || "."} ${what}; nothing was written through it. ` +
            "Put a real folder there and run again");
    }
}
/** The folders from just below `root` down to `folder`, in order; throws if `folder` is outside. */
function foldersBetween(root, folder) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder);
    if (rel === "")
        return [];
    if (rel === ".." || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
        throw new SwappedFolderError(root, folder, "is outside the repository");
    }
    const out = [];
    let current = root;
    for (const name of rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep))
        out.push((current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, name)));
    return out;
}
function checkFolder(root, folder, create) {
    let facts;
    try {
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(folder);
    }
    catch (error) {
        if (!create || error.code !== "ENOENT")
            throw error;
        // Not recursive: each parent was checked just before, and mkdir of one name follows no link.
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(folder);
        }
        catch (e) {
            if (e.code !== "EEXIST")
                throw e;
        }
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(folder);
    }
    if (facts.isSymbolicLink()) {
        const [real, realRoot] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(folder), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root)];
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, real);
        if (rel === ".." || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
            throw new SwappedFolderError(root, folder, "became a symbolic link to outside the repository");
        }
        const special = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .specialFolderProblem */ .l1)(rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep));
        if (special)
            throw new SwappedFolderError(root, folder, `became a symbolic link that ${special} since the run began`);
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(real);
    }
    if (!facts.isDirectory()) {
        const error = new Error(`${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder)} is a file, not a folder (ENOTDIR): the output cannot be written there`);
        error.code = "ENOTDIR";
        throw error;
    }
}
/** Creates `folder` under `root` as needed, refusing to pass through any symbolic link. */
async function makeRealFolders(root, folder) {
    for (const each of foldersBetween(root, folder))
        checkFolder(root, each, true);
}
/** Throws unless every folder from `root` down to `folder` is still a real folder. */
async function assertRealFolders(root, folder) {
    for (const each of foldersBetween(root, folder))
        checkFolder(root, each, false);
}


/***/ }),

/***/ 6888:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I4: () => (/* binding */ verifyStoredBytes),
/* harmony export */   nW: () => (/* binding */ serializeStoreRecord),
/* harmony export */   wX: () => (/* binding */ parseStoreRecord)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9340);
/* harmony import */ var _util_json_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8022);




/**
 * Are the bytes in `file` the ones the record describes: same size, same SHA-256, and opening as
 * the record's type and format? Every entry read from a store (or the local cache) passes here
 * before it may reach an output path.
 */
async function verifyStoredBytes(file, record) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    let size = 0;
    let head = Buffer.alloc(0);
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file)) {
        const bytes = chunk;
        if (head.length < _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)
            head = Buffer.concat([head, bytes.subarray(0, _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)]);
        hash.update(bytes);
        size += bytes.length;
    }
    if (size !== record.size)
        return { ok: false, why: `${size} bytes where the record says ${record.size}` };
    if (hash.digest("hex") !== record.sha256)
        return { ok: false, why: "its bytes do not match their SHA-256" };
    const verdict = (0,_render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .sniff */ .Z)(head.subarray(0, _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d), record.type, record.extension);
    if (!verdict.ok)
        return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
    return { ok: true };
}
const SHA256 = /^[0-9a-f]{64}$/;
const HASH = /^[0-9a-f]{16,128}$/;
const EXTENSION = /^[a-z0-9]{1,8}$/;
/** A record read from a store, or undefined when any field is missing or out of shape. */
function parseStoreRecord(text) {
    const r = (0,_util_json_object_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonObject */ .d)(text);
    if (!r)
        return undefined;
    const str = (k) => (typeof r[k] === "string" ? r[k] : undefined);
    const [hash, sha256, type, extension, model, generation, created] = [
        str("hash"),
        str("sha256"),
        str("type"),
        str("extension"),
        str("model"),
        str("generation"),
        str("created"),
    ];
    const size = r.size;
    if (!hash || !HASH.test(hash) || !sha256 || !SHA256.test(sha256))
        return undefined;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
        return undefined;
    if (type !== "image" && type !== "video" && type !== "audio")
        return undefined;
    if (!extension || !EXTENSION.test(extension))
        return undefined;
    if (model === undefined || generation === undefined || created === undefined)
        return undefined;
    return { hash, sha256, size, type, extension, model, generation, created };
}
/** The record as the store keeps it: keys in a fixed order, one line. */
function serializeStoreRecord(record) {
    const { hash, sha256, size, type, extension, model, generation, created } = record;
    return `${JSON.stringify({ hash, sha256, size, type, extension, model, generation, created })}\n`;
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


/***/ })

};
