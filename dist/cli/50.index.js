export const id = 50;
export const ids = [50];
export const modules = {

/***/ 2050:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   adoptionNote: () => (/* binding */ adoptionNote),
/* harmony export */   readManifestLock: () => (/* binding */ readManifestLock),
/* harmony export */   readManifestPlanLock: () => (/* binding */ readManifestPlanLock)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5102);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);
/* harmony import */ var _plan_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3221);
/**
 * Which lock a manifest reads, now that each manifest has its own (paths.ts names it), and the
 * migration from the days when every manifest in a folder shared agentframer.lock.
 */





/** What to tell the user when a manifest's lock started from the shared agentframer.lock. */
function adoptionNote(manifestPath, adoptedFrom) {
    const own = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.lockfilePathFor)(manifestPath));
    return (`${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(manifestPath)} has no ${own} yet: its entries were taken from ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(adoptedFrom)}, ` +
        `which every manifest in this folder shared before each got a lock of its own. ` +
        `render writes ${own}: commit it (${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(adoptedFrom)} is left for the manifests still in it)`);
}
/**
 * The manifest's lock. A manifest not named agentframer.yml that has no lock of its own yet, in a
 * folder with an agentframer.lock (written when all manifests there shared one), starts from its
 * own entries in that file: nothing is rendered again, and the other manifests' entries stay
 * where they are. The next write creates its own lock; agentframer.lock is left alone.
 */
async function readManifestLock(manifestPath, 
/** The manifest's asset ids (a Set, or plan's id → place map: only `has` is asked). */
ids, share) {
    const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.lockfilePathFor)(manifestPath);
    const shared = adoptsFrom(manifestPath);
    if (shared === undefined)
        return { lock: await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.readLockfile)(path, share), path };
    const all = await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.readLockfile)(shared);
    const lock = (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.emptyLockfile)();
    for (const [id, entry] of Object.entries(all.assets)) {
        if (ids.has(id))
            lock.assets[id] = entry;
    }
    return { lock, path, adoptedFrom: shared };
}
/** The shared agentframer.lock a manifest with no lock of its own starts from, if any. */
function adoptsFrom(manifestPath) {
    const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.lockfilePathFor)(manifestPath);
    const shared = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.sharedLockfilePath)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(manifestPath));
    return path === shared || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(shared) ? undefined : shared;
}
/**
 * The manifest's lock as `agentframer plan` reads it (state/plan-lock.ts): what readManifestLock
 * reads, with unchanged requests kept as their bytes only. `byId` and `hashes` are the manifest's
 * assets (id → place) and their request hashes.
 */
async function readManifestPlanLock(manifestPath, byId, hashes, share) {
    if (adoptsFrom(manifestPath) === undefined) {
        const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.lockfilePathFor)(manifestPath);
        return { lock: await (0,_plan_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .readPlanLock */ .V)(path, byId, hashes, share), path };
    }
    const adopted = await readManifestLock(manifestPath, byId, share);
    return { ...adopted, lock: (0,_plan_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .planLockOf */ .I)(adopted.lock) };
}


/***/ }),

/***/ 3221:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ planLockOf),
  V: () => (/* binding */ readPlanLock)
});

// EXTERNAL MODULE: ./lib/state/lockfile.js + 1 modules
var lockfile = __webpack_require__(5102);
// EXTERNAL MODULE: ./lib/state/sha256-hex.js
var sha256_hex = __webpack_require__(5978);
;// CONCATENATED MODULE: ./lib/state/written-entry-line.js
/**
 * Lock entry lines exactly as entryLine (lockfile.ts) writes them, recognised in the file's
 * bytes for a plan: of an unchanged asset's entry a plan needs only its size and SHA-256, and
 * decoding and parsing each line into an object of eleven strings to keep two numbers was most
 * of a large plan's reading.
 *
 * A line is recognised only if JSON.parse and the lockfile's entry check would accept it and
 * read it the same way: the keys in the written order with nothing between them, strings with no
 * escape or control character (so that their text is their value), field hashes of 1 to 64
 * characters, a non-empty output, a lower-case SHA-256, a safe integer size as JSON.stringify
 * writes it, no variants. Every other line (another layout, a hand edit, damage, an entry a plan
 * keeps whole) is the caller's to parse, which also words any error as a render does.
 */

/** A line as written: `    "ID": {"hash":"HASH","fields":{"type":"…"…},…,"renderedAt":"…"}`. */
const ID_START = ascii('    "');
const AFTER_ID = ascii('": {"hash":"');
const AFTER_HASH = ascii('","fields":{"type":"');
const AFTER_TYPE = ascii('","model":"');
const AFTER_MODEL = ascii('","prompt":"');
const AFTER_PROMPT = ascii('","params":"');
const AFTER_PARAMS = ascii('"},"output":"');
const AFTER_OUTPUT = ascii('","sha256":"');
const AFTER_SHA256 = ascii('","size":');
const AFTER_SIZE = ascii(',"generation":"');
const AFTER_GENERATION = ascii('","renderedAt":"');
const LINE_END = ascii('"}');
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** Below this, a control character: JSON holds none raw in a string. */
const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;
/**
 * A field hash's length, as the entry check has it. It counts UTF-16 code units; a string of 1
 * to 64 bytes in UTF-8 has 1 to 64 of those, whatever it holds.
 */
const SHORT_MAX = 64;
const HEX_DIGITS = 64;
/** Digits of Number.MAX_SAFE_INTEGER: a size with more is never safe. */
const SIZE_DIGITS_MAX = 16;
/** How many interleaved runs of the manifest's assets are followed through the lock. */
const RUNS_FOLLOWED = 4;
/** Places tried for each run: the next asset, and the one after (the next is new, say). */
const PLACES_TRIED = 2;
function ascii(text) {
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
/**
 * Reads the lines of lockfile parts in file order. `byId` maps the manifest's ids to places and
 * `hashes` (by place) are their requests' hashes now: a line is recognised only when it is an
 * asset's entry recording that asset's request as it is now.
 */
class WrittenEntryLines {
    byId;
    hashes;
    /** The manifest's ids by place, and the places to try first for the next line's id. */
    #ids;
    #tries = new Int32Array(RUNS_FOLLOWED);
    /** The line last recognised: one object, rewritten for each. */
    #line = { id: "", place: -1, size: 0, sha256: new Uint8Array(32) };
    constructor(byId, hashes) {
        this.byId = byId;
        this.hashes = hashes;
        const ids = new Array(hashes.length);
        byId.forEach((place, id) => {
            ids[place] = id;
        });
        this.#ids = ids;
    }
    /**
     * The members in `bytes` from `start` to `end` (a lockfile part as readWrittenBody gives it),
     * in file order: each recognised line to `recognised` (the object is reused), and each run of
     * other lines, decoded as one string of members, to `other`. False as soon as `other` is.
     */
    read(bytes, start, end, recognised, other) {
        let unread = -1; // where the run of lines not recognised starts
        let memberStart = true; // whether `line` starts just after a line-ending comma (or the part)
        for (let line = start; line < end;) {
            if (memberStart) {
                const lineEnd = this.#recognise(bytes, line);
                // Ended by the part's end, or by a line-ending comma with a line after it (a part that
                // ends in `,\n` ends with an empty member, which JSON refuses).
                if (lineEnd === end ||
                    (lineEnd > 0 &&
                        lineEnd + 2 < end &&
                        bytes[lineEnd] === COMMA &&
                        bytes[lineEnd + 1] === NEWLINE)) {
                    if (unread >= 0 && !other(bytes.toString("utf8", unread, line - 2)))
                        return false;
                    unread = -1;
                    recognised(this.#line);
                    line = lineEnd + 2;
                    continue;
                }
            }
            if (unread < 0)
                unread = line;
            let newline = line;
            while (newline < end && bytes[newline] !== NEWLINE)
                newline++;
            memberStart = newline < end && bytes[newline - 1] === COMMA;
            line = newline + 1;
        }
        return unread < 0 || other(bytes.toString("utf8", unread, end));
    }
    /**
     * Where the line at `start` ends (just past its `"}`) if it is an unchanged asset's entry as
     * written, else -1; then `#line` holds what it records. Each byte is looked at once: the fixed
     * text between the values, and each value's bytes as the value is read. Nothing is read past
     * a line break, which every part has after its end.
     */
    #recognise(bytes, start) {
        if (!literalAt(bytes, start, ID_START))
            return -1;
        const idStart = start + ID_START.length;
        const idEnd = stringEnd(bytes, idStart);
        if (idEnd < 0 || !literalAt(bytes, idEnd, AFTER_ID))
            return -1;
        const place = this.#place(bytes, idStart, idEnd);
        const hash = this.hashes[place];
        let at = idEnd + AFTER_ID.length;
        if (hash === undefined || hash.length !== HEX_DIGITS || !textAt(bytes, at, hash))
            return -1;
        at += HEX_DIGITS;
        if (!literalAt(bytes, at, AFTER_HASH))
            return -1;
        at = stringThen(bytes, at + AFTER_HASH.length, 1, SHORT_MAX, AFTER_TYPE);
        at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_MODEL);
        at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_PROMPT);
        at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_PARAMS);
        at = stringThen(bytes, at, 1, Infinity, AFTER_OUTPUT);
        const line = this.#line;
        if (at < 0 || !(0,sha256_hex/* decodeSha256 */.s)(bytes, at, line.sha256))
            return -1;
        at += HEX_DIGITS;
        if (!literalAt(bytes, at, AFTER_SHA256))
            return -1;
        at += AFTER_SHA256.length;
        const sizeAt = at;
        let size = 0;
        for (let c = bytes[at]; c >= ZERO && c <= NINE; c = bytes[++at]) {
            size = size * 10 + (c - ZERO);
        }
        const digits = at - sizeAt;
        // JSON.stringify writes no leading zero, sign, fraction or exponent.
        if (digits === 0 || digits > SIZE_DIGITS_MAX || (digits > 1 && bytes[sizeAt] === ZERO)) {
            return -1;
        }
        if (size > Number.MAX_SAFE_INTEGER || !literalAt(bytes, at, AFTER_SIZE))
            return -1;
        at = stringThen(bytes, at + AFTER_SIZE.length, 0, Infinity, AFTER_GENERATION);
        // renderedAt ends the line: an entry with variants goes on, and is not recognised.
        const close = at < 0 ? -1 : stringEnd(bytes, at);
        if (close < 0 || !literalAt(bytes, close, LINE_END))
            return -1;
        line.id = this.#ids[place];
        line.place = place;
        line.size = size;
        return close + LINE_END.length;
    }
    /**
     * The place of the asset whose id is bytes[idStart, idEnd), or -1. The lock is sorted by id,
     * and so, often, are runs of the manifest's assets: the asset after one found lately is tried
     * first, which spares most lines decoding the id and a lookup in a map of every id (whose cache
     * misses, on a large manifest, cost more than the rest of the line). Several runs interleave in
     * the lock when ids hold numbers of different lengths (SKU10000, SKU100000, SKU100001, SKU10001,
     * …): the next place of each of the last few runs is tried, and the one after it, past an asset
     * new since the lock was written.
     */
    #place(bytes, idStart, idEnd) {
        const length = idEnd - idStart;
        const tries = this.#tries;
        for (let skip = 0; skip < PLACES_TRIED; skip++) {
            for (let i = 0; i < tries.length; i++) {
                const place = tries[i] + skip;
                const id = this.#ids[place];
                if (id !== undefined && id.length === length && textAt(bytes, idStart, id)) {
                    this.#follow(i, place);
                    return place;
                }
            }
        }
        const id = bytes.toString("utf8", idStart, idEnd);
        const place = this.byId.get(id);
        if (place === undefined || this.#ids[place] !== id)
            return -1;
        this.#follow(tries.length - 1, place);
        return place;
    }
    /** The run at `i` (or a new one in the stead of the last) is now at `place`: tried first. */
    #follow(i, place) {
        const tries = this.#tries;
        tries.copyWithin(1, 0, i);
        tries[0] = place + 1;
    }
}
/**
 * Where the string whose bytes start at `at` closes, or -1 if it holds an escape or a control
 * character. A line break, which ends every line, ends the search.
 */
function stringEnd(bytes, at) {
    for (let i = at;; i++) {
        const c = bytes[i];
        if (c === QUOTE)
            return i;
        if (c < SPACE || c === BACKSLASH)
            return -1;
    }
}
/**
 * Past a string's bytes at `at` (`at` < 0: no string) and the `next` bytes after its closing quote
 * (which `next` begins with); -1 unless the string's length in bytes is within `min` and `max`.
 */
function stringThen(bytes, at, min, max, next) {
    if (at < 0)
        return -1;
    const close = stringEnd(bytes, at);
    const length = close - at;
    if (close < 0 || length < min || length > max || !literalAt(bytes, close, next))
        return -1;
    return close + next.length;
}
/** Whether `bytes` hold `literal` at `at`. */
function literalAt(bytes, at, literal) {
    for (let i = 0; i < literal.length; i++) {
        if (bytes[at + i] !== literal[i])
            return false;
    }
    return true;
}
/** Whether `bytes` hold `text` at `at`, `text` being ASCII (a character beyond never matches). */
function textAt(bytes, at, text) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80 || bytes[at + i] !== c)
            return false;
    }
    return true;
}

// EXTERNAL MODULE: ./lib/state/lockfile-error.js
var lockfile_error = __webpack_require__(7879);
;// CONCATENATED MODULE: ./lib/state/plan-lock.js




/** A lock read whole, as a plan reads it. */
function planLockOf(lock) {
    let count;
    return {
        // Counted only when asked: a plan asks once, and only when it may have orphans.
        get count() {
            return (count ??= Object.keys(lock.assets).length);
        },
        whole: (id) => lock.assets[id],
        sameRequest: () => undefined,
        wholeEntries: () => Object.entries(lock.assets),
    };
}
/** The columns, filled while the lockfile is read. */
class ColumnLock {
    count = 0;
    /** 1 where the asset's entry is in the columns. */
    #kept;
    #size;
    #sha256;
    #whole = new Map();
    constructor(assets) {
        this.#kept = new Uint8Array(assets);
        this.#size = new Float64Array(assets);
        this.#sha256 = Buffer.alloc(32 * assets);
    }
    whole(id) {
        return this.#whole.get(id);
    }
    sameRequest(place) {
        if (this.#kept[place] !== 1)
            return undefined;
        const at = 32 * place;
        return { size: this.#size[place], sha256: this.#sha256.toString("hex", at, at + 32) };
    }
    wholeEntries() {
        return this.#whole.entries();
    }
    /** A line recognised as an unchanged asset's entry, kept as its bytes. */
    keepLine(line) {
        this.#keepBytes(line.id, line.place, line.size);
        this.#sha256.set(line.sha256, 32 * line.place);
    }
    /** An entry read whole and checked, kept as its bytes when it records the asset's request now. */
    keep(id, place, sameRequest, entry) {
        if (place !== undefined &&
            sameRequest &&
            entry.variants === undefined &&
            (0,sha256_hex/* isSha256Hex */.P)(entry.sha256)) {
            this.#keepBytes(id, place, entry.size);
            this.#sha256.write(entry.sha256, 32 * place, 32, "hex");
        }
        else
            this.#keepWhole(id, place, entry);
    }
    /** A later entry for an id replaces an earlier one, as in JSON.parse. */
    #keepBytes(id, place, size) {
        if (this.#kept[place] !== 1 && !this.#whole.delete(id))
            this.count += 1;
        this.#kept[place] = 1;
        this.#size[place] = size;
    }
    #keepWhole(id, place, entry) {
        const inColumns = place !== undefined && this.#kept[place] === 1;
        if (inColumns)
            this.#kept[place] = 0;
        if (!inColumns && !this.#whole.has(id))
            this.count += 1;
        this.#whole.set(id, entry);
    }
}
/**
 * What `share` is given for an entry kept as its bytes: no strings of it are kept, so none are
 * worth sharing, but the caller still learns of the entry in its place in the file.
 */
const NO_STRINGS = Object.freeze(Object.create(null));
/**
 * Reads the lockfile at `path` for a plan of the manifest whose assets are `byId` (id → place)
 * with request hashes `hashes` (by place). `share` is called with each entry in file order
 * before it is checked, as `readLockfile` calls it (for an entry kept as its bytes, with an
 * empty record and the asset's place). A line exactly as this tool writes it for an unchanged asset (most of a large lock)
 * goes straight into the columns (written-entry-line.ts); the lines between those are parsed and
 * checked as `readLockfile` does. A lockfile not in the layout this tool writes, or a damaged
 * one, is read whole by `readLockfile` (which throws the same LockfileError a render would); a
 * missing one is empty.
 */
async function readPlanLock(path, byId, hashes, share) {
    // A link, a FIFO or an oversized file throws here, in a render's words.
    if (!(0,lockfile.isLockfileToRead)(path))
        return planLockOf((0,lockfile.emptyLockfile)());
    const lock = new ColumnLock(hashes.length);
    const check = (0,lockfile.entryChecker)(path);
    const lines = new WrittenEntryLines(byId, hashes);
    /** Members parsed as readLockfile parses them; false unless there is at least one. */
    const readWhole = (members) => {
        let part;
        try {
            part = JSON.parse(`{${members}}`);
        }
        catch {
            return false;
        }
        const ids = Object.keys(part);
        for (const id of ids) {
            const raw = part[id];
            if (share && typeof raw === "object" && raw !== null) {
                share(id, raw);
            }
            const entry = check(id, raw);
            const place = byId.get(id);
            lock.keep(id, place, place !== undefined && entry.hash === hashes[place], entry);
        }
        // `{}`: a blank line, which the whole file's JSON would refuse.
        return ids.length > 0;
    };
    const keepLine = (line) => {
        share?.(line.id, NO_STRINGS, line.place);
        lock.keepLine(line);
    };
    let written;
    try {
        written = (0,lockfile.readWrittenBody)(path, (bytes, start, end) => lines.read(bytes, start, end, keepLine, readWhole));
    }
    catch (error) {
        // A damaged entry: the whole file's first problem, worded as a render words it (a merge
        // conflict further down, say, rather than the first entry it broke). A file gone since the
        // stat: empty, as readLockfile has it.
        const gone = error.code === "ENOENT";
        if (!(error instanceof lockfile_error/* LockfileError */.g) && !gone)
            throw error;
        written = false;
    }
    return written ? lock : planLockOf(await (0,lockfile.readLockfile)(path));
}


/***/ }),

/***/ 5978:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ isSha256Hex),
/* harmony export */   s: () => (/* binding */ decodeSha256)
/* harmony export */ });
/**
 * SHA-256 digests as the tool writes them (64 lower-case hex digits) read straight from bytes
 * into 32-byte columns, and recognised in strings, without a string or Buffer per digest: the
 * lockfile's lines and the stat index hold hundreds of thousands of them.
 */
const DIGEST_BYTES = 32;
const HEX_DIGITS = 2 * DIGEST_BYTES;
/** Lower-case hex digit → its value, by byte (or character code below 256); -1 for any other. */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++)
    HEX_VALUE[d.toString(16).charCodeAt(0)] = d;
/**
 * Writes the 32 bytes spelt by the 64 lower-case hex digits at `from` in `hex` to `out` at `to`;
 * false (and `out` partly written) if any of them is not such a digit.
 */
function decodeSha256(hex, from, out, to = 0) {
    for (let k = 0; k < DIGEST_BYTES; k++) {
        const high = HEX_VALUE[hex[from + 2 * k]];
        const low = HEX_VALUE[hex[from + 2 * k + 1]];
        if (high < 0 || low < 0)
            return false;
        out[to + k] = (high << 4) | low;
    }
    return true;
}
/** Whether `text` is 64 lower-case hex digits. */
function isSha256Hex(text) {
    if (text.length !== HEX_DIGITS)
        return false;
    for (let i = 0; i < HEX_DIGITS; i++) {
        const c = text.charCodeAt(i);
        if (c >= 256 || HEX_VALUE[c] < 0)
            return false;
    }
    return true;
}


/***/ })

};
