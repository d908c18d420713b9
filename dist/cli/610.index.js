export const id = 610;
export const ids = [610,328,763];
export const modules = {

/***/ 6371:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HASH_FORMAT: () => (/* binding */ HASH_FORMAT),
/* harmony export */   assetHash: () => (/* binding */ assetHash),
/* harmony export */   canonicalJson: () => (/* binding */ canonicalJson),
/* harmony export */   changedFields: () => (/* binding */ changedFields),
/* harmony export */   fieldHashes: () => (/* binding */ fieldHashes),
/* harmony export */   hashAssets: () => (/* binding */ hashAssets),
/* harmony export */   requestBody: () => (/* binding */ requestBody),
/* harmony export */   requestBodyJson: () => (/* binding */ requestBodyJson)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7850);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9115);
/**
 * The asset hash: SHA-256 over a canonical form of the request the API will receive, so that two
 * manifests asking for the same thing hash the same whatever their key order or YAML style, and
 * any change to what is sent changes the hash. The output path is deliberately not part of it:
 * moving an output is not a re-render.
 *
 * The hash and the POST body come from one function (`requestBodyJson`), so they cannot drift:
 * the bytes hashed are the bytes a render sends, after a format-version line.
 */



/** Bump when the canonical form changes: every asset then plans as `changed`, on purpose. */
const HASH_FORMAT = "agentframer-asset-v1";
const PREFIX = `${HASH_FORMAT}\n`;
/** Hex digits kept of each per-field hash: enough to tell fields apart, short enough to diff. */
const FIELD_HASH_LENGTH = 16;
/**
 * Canonical JSON: object keys sorted by UTF-16 code unit at every depth (Array#sort's default
 * order), no whitespace, numbers as JSON.stringify writes them (so -0 becomes 0). Non-finite
 * numbers have no JSON form and would otherwise collide with `null`, so they are refused.
 */
function canonicalJson(value) {
    switch (typeof value) {
        case "string":
        case "boolean":
            return JSON.stringify(value);
        case "number":
            if (!Number.isFinite(value))
                throw new TypeError(`not a finite number: ${value}`);
            return JSON.stringify(value);
    }
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(",")}]`;
    let out = "";
    for (const key of Object.keys(value).sort()) {
        const member = value[key];
        if (member === undefined)
            continue;
        out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(member)}`;
    }
    return `{${out}}`;
}
/** Param names repeat across every asset; quoting each once saves a JSON.stringify per key. */
const quotedKeys = new Map();
function quoteKey(key) {
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
        quoted = JSON.stringify(key);
        if (quotedKeys.size < 10_000)
            quotedKeys.set(key, quoted);
    }
    return quoted;
}
/**
 * The loader refuses these already; checked again here because a param named like a body field
 * would silently override it, and hashing must never cover a request other than the one sent.
 */
function checkParams(asset) {
    const reserved = _manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .RESERVED_PARAMS */ .ys.filter((key) => Object.hasOwn(asset.params, key));
    if (reserved.length > 0) {
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh([
            {
                ...asset.source,
                message: `asset "${asset.id}": params may not set ${reserved.join(", ")}; set it on the asset itself`,
            },
        ]);
    }
}
/**
 * The POST /generations body, {type, model, prompt, ...params}, as canonical JSON: the one
 * function both the hash and the request come from. Send these exact bytes, so a retry with the
 * same idempotency key carries a byte-identical body. Serialised straight from the asset (no
 * merged object in between): plan hashes tens of thousands of these.
 */
function requestBodyJson(asset) {
    // The rows of one `each:` share one frozen params object (and type and model): everything but
    // the prompt is then serialised once, not once per row.
    const shared = sharedParts(asset);
    if (shared !== undefined)
        return shared.head + JSON.stringify(asset.prompt) + shared.tail;
    return fullBodyJson(asset);
}
function fullBodyJson(asset) {
    checkParams(asset);
    const { params } = asset;
    const keys = Object.keys(params);
    keys.push("model", "prompt", "type");
    keys.sort();
    let out = "";
    try {
        for (const key of keys) {
            const value = key === "type"
                ? asset.type
                : key === "model"
                    ? asset.model
                    : key === "prompt"
                        ? asset.prompt
                        : params[key];
            if (value === undefined)
                continue;
            out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(value)}`;
        }
    }
    catch (error) {
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh([
            { ...asset.source, message: `asset "${asset.id}": ${error.message} in params` },
        ]);
    }
    return `{${out}}`;
}
/** Only deeply frozen params are cached: a mutable object could change under its cached bytes. */
const sharedByParams = new WeakMap();
function sharedParts(asset) {
    const { params, type, model, prompt } = asset;
    if (typeof prompt !== "string")
        return undefined;
    const cached = sharedByParams.get(params);
    if (cached === null)
        return undefined;
    if (cached !== undefined && cached.type === type && cached.model === model)
        return cached;
    if (!isDeepFrozen(params)) {
        sharedByParams.set(params, null);
        return undefined;
    }
    let parts;
    try {
        checkParams(asset);
        parts = { type, model, ...membersAroundPrompt(asset) };
    }
    catch {
        // A reserved or non-finite param: the full path reports it, for this asset.
        return undefined;
    }
    sharedByParams.set(params, parts);
    return parts;
}
/** The body's members in fullBodyJson's order and form, split where the prompt's value goes. */
function membersAroundPrompt(asset) {
    const { params } = asset;
    const keys = Object.keys(params);
    keys.push("model", "prompt", "type");
    keys.sort();
    let head = "";
    let tail = "";
    let afterPrompt = false;
    for (const key of keys) {
        if (key === "prompt") {
            head += `${head === "" ? "" : ","}${quoteKey(key)}:`;
            afterPrompt = true;
            continue;
        }
        const value = key === "type" ? asset.type : key === "model" ? asset.model : params[key];
        if (value === undefined)
            continue;
        const member = `${quoteKey(key)}:${canonicalJson(value)}`;
        if (afterPrompt)
            tail += `,${member}`;
        else
            head += `${head === "" ? "" : ","}${member}`;
    }
    return { head: `{${head}`, tail: `${tail}}` };
}
function isDeepFrozen(value) {
    if (value === null || typeof value !== "object")
        return true;
    if (!Object.isFrozen(value))
        return false;
    return Object.values(value).every(isDeepFrozen);
}
/** The POST /generations body as an object, parsed back from `requestBodyJson`. */
function requestBody(asset) {
    return JSON.parse(requestBodyJson(asset));
}
function sha256Hex(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", text, "hex");
}
/** The asset hash (64 hex digits) recorded in the lockfile and used as the cache key. */
function assetHash(asset) {
    return sha256Hex(PREFIX + requestBodyJson(asset));
}
/**
 * Hash every asset, reporting every asset whose request cannot be sent (a reserved or
 * non-finite param) at once, as the manifest's other problems are.
 */
function hashAssets(assets) {
    const problems = [];
    const hashes = assets.map((asset) => {
        try {
            return assetHash(asset);
        }
        catch (error) {
            if (!(error instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh))
                throw error;
            problems.push(...error.problems);
            return "";
        }
    });
    if (problems.length > 0)
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh(problems);
    return hashes;
}
/** Short per-field hashes, kept in the lockfile so `plan` can say which field changed. */
function fieldHashes(asset) {
    return {
        type: sharedFieldHash("type", asset.type),
        model: sharedFieldHash("model", asset.model),
        prompt: fieldHash("prompt", asset.prompt),
        params: sharedFieldHash("params", asset.params),
    };
}
function fieldHash(field, value) {
    // The digest's first bytes as hex, not a slice of the 64-digit string: a slice would keep the
    // whole string alive in every lock entry a render holds.
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", `${PREFIX}${field}\n${canonicalJson(value)}`, "buffer").toString("hex", 0, FIELD_HASH_LENGTH / 2);
}
/** Recent field hashes by field and value: the type, model and params most assets share. */
const recentFieldHashes = new Map();
const RECENT_FIELD_HASHES = 256;
/**
 * A field whose value most assets share (50,000 rows of one CSV have one type, model and params):
 * hashed once, and one string held by every lock entry instead of one each.
 */
function sharedFieldHash(field, value) {
    const key = `${field}\n${canonicalJson(value)}`;
    let hash = recentFieldHashes.get(key);
    if (hash === undefined) {
        if (recentFieldHashes.size >= RECENT_FIELD_HASHES)
            recentFieldHashes.clear();
        hash = fieldHash(field, value);
        recentFieldHashes.set(key, hash);
    }
    return hash;
}
const REQUEST_FIELDS = ["type", "model", "prompt", "params"];
/** Which request fields differ between two sets of per-field hashes, in a fixed order. */
function changedFields(now, locked) {
    return REQUEST_FIELDS.filter((field) => now[field] !== locked[field]);
}


/***/ }),

/***/ 9328:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LFS_POINTER_MAX_BYTES: () => (/* binding */ LFS_POINTER_MAX_BYTES),
/* harmony export */   lfsPointerNote: () => (/* binding */ lfsPointerNote),
/* harmony export */   parseLfsPointer: () => (/* binding */ parseLfsPointer),
/* harmony export */   readLfsPointer: () => (/* binding */ readLfsPointer)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/**
 * Git LFS pointer files. Where outputs are tracked by LFS and the checkout did not fetch LFS
 * objects (actions/checkout without `lfs: true`), each output on disk is a small text file naming
 * the real file's SHA-256 and size. When those are the lock's, the output is the recorded one,
 * only not fetched: plan calls it unchanged, and nothing is submitted to replace it.
 * https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
 */

/** The spec caps a pointer file at 1024 bytes: anything larger is never read as one. */
const LFS_POINTER_MAX_BYTES = 1024;
const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\nsize (\d+)\n/;
/** The object a pointer file's text names, or undefined when the text is not a pointer. */
function parseLfsPointer(text) {
    const match = POINTER.exec(text);
    if (match === null)
        return undefined;
    return { sha256: match[1], size: Number(match[2]) };
}
/** Reads `path` (of `size` bytes, at most LFS_POINTER_MAX_BYTES) as a pointer file. */
function readLfsPointer(path, size) {
    if (size > LFS_POINTER_MAX_BYTES)
        return undefined;
    const buffer = Buffer.alloc(size);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, "r");
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, size, 0);
        return parseLfsPointer(buffer.toString("latin1", 0, read));
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** The one line a plan or render prints when it found outputs that are LFS pointers. */
function lfsPointerNote(count) {
    return (`${count} output${count === 1 ? " is a Git LFS pointer" : "s are Git LFS pointers"} ` +
        "(LFS files were not fetched) naming the bytes the lock records, so " +
        `${count === 1 ? "it counts" : "they count"} as unchanged and nothing is rendered for ` +
        "them. To have the files themselves, run `git lfs pull`, or set `lfs: true` on actions/checkout.");
}


/***/ }),

/***/ 6610:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planManifest: () => (/* binding */ planManifest),
  planManifestToShow: () => (/* binding */ planManifestToShow),
  startOutputProbe: () => (/* binding */ startOutputProbe)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
;// CONCATENATED MODULE: ./lib/util/collect-garbage.js
/**
 * A full garbage collection, on demand, where the process knows better than V8's heuristics: at
 * the end of a phase whose temporaries are all dead at once (loading a 50,000-asset manifest
 * leaves tens of megabytes of them). Left to itself V8 sometimes runs its second full collection
 * while the loader is still at work, sizes the heap on the loader's temporaries, and the process
 * then peaks some 25 MB higher than when the collection lands after it.
 *
 * `gc` is reached the documented way (`--expose-gc`, set at run time, then a fresh context's
 * `gc`), once; where that is not possible this does nothing, which is only slower to shrink.
 */


let collect;
function collector() {
    if (collect !== undefined)
        return collect;
    try {
        (0,external_node_v8_.setFlagsFromString)("--expose-gc");
        const gc = (0,external_node_vm_.runInNewContext)("gc");
        collect = typeof gc === "function" ? gc : null;
    }
    catch {
        collect = null;
    }
    return collect;
}
/** Below this many assets the loader's temporaries are too small to be worth a collection. */
const COLLECT_AFTER_LOAD_MIN_ASSETS = 10_000;
/** Collects the loader's temporaries before planning a large manifest; no-op for small ones. */
function collectAfterLoad(assets) {
    if (assets >= COLLECT_AFTER_LOAD_MIN_ASSETS)
        collector()?.();
}

// EXTERNAL MODULE: ./lib/plan/hash.js
var plan_hash = __webpack_require__(6371);
;// CONCATENATED MODULE: ./lib/plan/id-places.js
/** Lookups answered by walking the assets before the map is built instead. */
const WALKS = 8;
class IdPlaces {
    assets;
    #map;
    #walks = 0;
    /** `assets` must have distinct ids, as a loaded manifest's have. */
    constructor(assets) {
        this.assets = assets;
    }
    #byId() {
        if (this.#map === undefined) {
            const map = new Map();
            for (let place = 0; place < this.assets.length; place++) {
                map.set(this.assets[place].id, place);
            }
            this.#map = map;
        }
        return this.#map;
    }
    get(id) {
        if (this.#map === undefined && this.#walks < WALKS) {
            this.#walks++;
            for (let place = 0; place < this.assets.length; place++) {
                if (this.assets[place].id === id)
                    return place;
            }
            return undefined;
        }
        return this.#byId().get(id);
    }
    has(id) {
        return this.get(id) !== undefined;
    }
    get size() {
        return this.assets.length;
    }
    /** In place order, as a Map filled in that order gives them, without building it. */
    forEach(fn) {
        for (let place = 0; place < this.assets.length; place++) {
            fn(place, this.assets[place].id, this);
        }
    }
    *entries() {
        for (let place = 0; place < this.assets.length; place++) {
            yield [this.assets[place].id, place];
        }
    }
    *keys() {
        for (const [id] of this.entries())
            yield id;
    }
    *values() {
        for (const [, place] of this.entries())
            yield place;
    }
    [Symbol.iterator]() {
        return this.entries();
    }
}

// EXTERNAL MODULE: ./lib/state/manifest-lock.js
var manifest_lock = __webpack_require__(2050);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
// EXTERNAL MODULE: ./lib/state/plan-lock.js + 1 modules
var plan_lock = __webpack_require__(3221);
// EXTERNAL MODULE: ./lib/plan/types.js
var types = __webpack_require__(3246);
;// CONCATENATED MODULE: ./lib/plan/plan.js



const VERDICTS = ["missing", "modified", "locked", "lfs pointer"];
/**
 * The verdict for each examined output, by its asset's place: a byte an asset rather than an
 * object and a map entry an output (450,000 of each on a large catalogue).
 */
class OutputStates {
    /** 0: not examined; else 1 + the verdict's index in VERDICTS. */
    #codes;
    constructor(assets) {
        this.#codes = new Uint8Array(assets);
    }
    set(place, verdict) {
        this.#codes[place] = VERDICTS.indexOf(verdict) + 1;
    }
    get(place) {
        const code = this.#codes[place] ?? 0;
        return code === 0 ? undefined : VERDICTS[code - 1];
    }
}
function planLock(lock) {
    return "assets" in lock ? (0,plan_lock/* planLockOf */.I)(lock) : lock;
}
/**
 * The bytes asset `place`'s lock entry recorded, when the entry records the request the asset
 * makes now (`hash`): only then is its output compared with them; undefined for a new or a
 * changed request (rendered whatever is on disk).
 */
function sameRequest(lock, asset, place, hash) {
    const entry = lock.whole(asset.id);
    if (entry !== undefined)
        return entry.hash === hash ? entry : undefined;
    return lock.sameRequest(place);
}
/** sameRequest by place, for readOutputStates: what each asset's output is compared with. */
function lockedBytes(assets, lockToPlan, hashes) {
    const lock = planLock(lockToPlan);
    return (place) => sameRequest(lock, assets[place], place, hashes[place]);
}
function emptyCounts() {
    return Object.fromEntries(types/* PLAN_STATUSES */.P.map((s) => [s, 0]));
}
/**
 * Plan every asset against the lock and the outputs on disk; lock entries with no asset follow
 * as `orphaned`, sorted by id. `hashes` may be passed when the caller already computed them.
 *
 * `outputsInStore` (the manifest's `outputs: store`): an absent output whose lock entry matches
 * the request is `stored`, not `missing`. Offline, the lock is the evidence: with outputs in the
 * store, a render records an entry only once its bytes are in the store (and `lock merge` only
 * once the store holds them), so a current entry means the store has the bytes.
 *
 * `outputs`: readOutputStates' verdicts for this lock and these hashes. An asset with a verdict
 * is taken to have an entry that records its request as it is now (that is why its output was
 * examined); one without, but with such an entry, is a caller's mistake and throws.
 *
 * `uniqueIds`: the caller vouches that no two assets share an id (a loaded manifest's never do).
 * Then a lock with as many entries as assets found in it has no orphan, and the set of every id
 * that finding orphans otherwise takes (500,000 strings on a large manifest) is not built.
 */
function planAssets(assets, lockToPlan, outputs, hashes = assets.map(plan_hash.assetHash), { outputsInStore = false, uniqueIds = false, } = {}) {
    const lock = planLock(lockToPlan);
    const entries = [];
    const counts = emptyCounts();
    let lfsPointers = 0;
    let found = 0; // assets with a lock entry
    assets.forEach((asset, i) => {
        const hash = hashes[i] ?? (0,plan_hash.assetHash)(asset);
        const entry = { id: asset.id, status: "new", output: asset.output, hash, asset };
        // A plan-only read keeps an unchanged request's entry as its bytes alone (no `whole`).
        const whole = lock.whole(asset.id);
        if (whole !== undefined)
            entry.lock = whole;
        const verdict = outputs.get(i);
        if (whole !== undefined && whole.hash !== hash) {
            found += 1;
            entry.status = "changed";
            // Per-field hashes only here: they cost four SHA-256s an asset, needless when unchanged.
            entry.changedFields = (0,plan_hash.changedFields)((0,plan_hash.fieldHashes)(asset), whole.fields);
        }
        else if (verdict !== undefined) {
            // Examined, so its entry records this request (asked of the lock when it was examined).
            found += 1;
            entry.status =
                verdict === "missing"
                    ? outputsInStore
                        ? "stored"
                        : "missing"
                    : verdict === "modified"
                        ? "modified"
                        : "unchanged";
            if (verdict === "lfs pointer")
                lfsPointers += 1;
        }
        else if (whole !== undefined || lock.sameRequest(i) !== undefined) {
            throw new Error(`planAssets: no output state for ${asset.output} (asset "${asset.id}")`);
        }
        counts[entry.status] += 1;
        entries.push(entry);
    });
    // Orphans are entries for no asset: always kept whole.
    const orphans = [];
    if (!uniqueIds || found < lock.count) {
        const seen = new Set();
        for (const asset of assets)
            seen.add(asset.id);
        for (const [id, locked] of lock.wholeEntries())
            if (!seen.has(id))
                orphans.push([id, locked]);
        orphans.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
    for (const [id, locked] of orphans) {
        entries.push({
            id,
            status: "orphaned",
            output: locked.output,
            hash: locked.hash,
            lock: locked,
        });
        counts.orphaned += 1;
    }
    return lfsPointers > 0 ? { entries, counts, lfsPointers } : { entries, counts };
}

// EXTERNAL MODULE: ./lib/plan/sha256-file.js
var sha256_file = __webpack_require__(8763);
// EXTERNAL MODULE: ./lib/plan/lfs-pointer.js
var lfs_pointer = __webpack_require__(9328);
// EXTERNAL MODULE: ./lib/state/sha256-hex.js
var sha256_hex = __webpack_require__(5978);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/state-dir.js
var state_dir = __webpack_require__(818);
;// CONCATENATED MODULE: ./lib/state/stat-index-file.js


/**
 * Reading `.agentframer/stat-index.json` (stat-index.ts) without building its JSON: at 500,000
 * outputs the file is 56 MB, and JSON.parse made of it 450,000 path strings, an array of 1.35
 * million numbers and a 29 MB string of hashes, kept for the whole plan. Here the file is scanned
 * as bytes: each path is compared with the output the reader expects at that row (no string is
 * made unless the path has escapes or non-ASCII bytes), numbers and hashes go straight into the
 * reader's columns. A file not exactly in the layout `save()` writes (by hand, say) is parsed
 * with JSON.parse instead; a damaged one reads as nothing.
 */
const INDEX_VERSION = 2;
function isIndexFile(value) {
    const v = value;
    return (typeof v === "object" &&
        v !== null &&
        v.version === INDEX_VERSION &&
        typeof v.writtenAt === "number" &&
        Array.isArray(v.outputs) &&
        Array.isArray(v.stats) &&
        typeof v.sha256 === "string" &&
        v.stats.length === v.outputs.length * 3 &&
        v.sha256.length === v.outputs.length * 64 &&
        v.outputs.every((o) => typeof o === "string") &&
        v.stats.every((n) => typeof n === "number"));
}
const NO_FOLLOW = external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK;
/**
 * No index is larger: a million outputs (the most a manifest may have) with paths of 1,024
 * characters, their stats and hashes come to about 1.2 GB only at the longest paths; anything
 * larger was not written by the tool.
 */
const MAX_INDEX_BYTES = 1280 * 1024 * 1024;
/** A file not in save()'s layout is parsed whole only up to this size (a string's limit). */
const MAX_PARSED_BYTES = 256 * 1024 * 1024;
/** Thrown (and caught below) where the bytes leave the layout save() writes. */
class NotTheLayout extends Error {
}
/** Files below this size (about 70,000 outputs) are parsed whole. */
const PARSE_WHOLE_BELOW = 8 << 20;
/** The file read a window at a time: at 500,000 outputs it is 56 MB, read here 1 MiB at once. */
const WINDOW_BYTES = 1 << 20;
/**
 * Scans the bytes save() writes from a window over the file that slides as it is read; throws
 * NotTheLayout at the first byte that is not so. Positions (`at`, a path's bounds) are in the
 * window; a refill moves what is kept to its start.
 */
class Scanner {
    fd;
    at = 0;
    end = 0;
    eof = false;
    bytes = Buffer.allocUnsafe(WINDOW_BYTES);
    constructor(fd) {
        this.fd = fd;
    }
    /**
     * Reads more, keeping the window from `keep` (at most `at`) on; returns how far the kept bytes
     * moved. Throws NotTheLayout at the end of the file.
     */
    more(keep) {
        if (this.eof)
            throw new NotTheLayout();
        this.bytes.copy(this.bytes, 0, keep, this.end);
        this.end -= keep;
        this.at -= keep;
        if (this.end === this.bytes.length) {
            // One token longer than the window (a very long path): a bigger window.
            const grown = Buffer.allocUnsafe(this.bytes.length * 2);
            this.bytes.copy(grown, 0, 0, this.end);
            this.bytes = grown;
        }
        const n = (0,external_node_fs_.readSync)(this.fd, this.bytes, this.end, this.bytes.length - this.end, null);
        if (n === 0)
            this.eof = true;
        this.end += n;
        return keep;
    }
    /** Makes `n` bytes from `at` readable, unless the file ends first (then fewer are). */
    ensure(n) {
        while (this.end - this.at < n && !this.eof)
            this.more(this.at);
    }
    literal(text) {
        this.ensure(text.length);
        for (let k = 0; k < text.length; k++) {
            if (this.bytes[this.at + k] !== text.charCodeAt(k))
                throw new NotTheLayout();
        }
        this.at += text.length;
    }
    /** The next byte, or undefined at the end of the file. */
    peek() {
        this.ensure(1);
        return this.at < this.end ? this.bytes[this.at] : undefined;
    }
    /** A JSON string whose opening quote is next; its contents' bounds go into `path`. */
    string(path) {
        if (this.peek() !== 0x22)
            throw new NotTheLayout();
        let at = this.at + 1;
        path.plain = true;
        for (;;) {
            // Refilled keeping the token from its opening quote (at the end of the file, more() throws).
            if (at >= this.end) {
                at -= this.more(this.at);
                continue;
            }
            const b = this.bytes[at];
            if (b < 0x20)
                throw new NotTheLayout();
            if (b === 0x22)
                break;
            if (b === 0x5c) {
                path.plain = false;
                at += 2;
                continue;
            }
            if (b > 0x7f)
                path.plain = false;
            at++;
        }
        path.bytes = this.bytes;
        path.start = this.at + 1;
        path.end = at;
        this.at = at + 1;
    }
    /** A JSON number (what Number() alone would also accept, "+1" or ".5", is refused). */
    number() {
        // No number save() writes is near this long: a longer one is not the layout.
        if (this.end - this.at < 64)
            this.ensure(64);
        const { bytes } = this;
        const start = this.at;
        let at = start;
        if (bytes[at] === 0x2d)
            at++;
        const first = at;
        let value = 0;
        for (; at < this.end; at++) {
            const b = bytes[at];
            if (b < 0x30 || b > 0x39)
                break;
            value = value * 10 + (b - 0x30);
        }
        const digits = at - first;
        if (digits === 0 || (digits > 1 && bytes[first] === 0x30))
            throw new NotTheLayout();
        let plain = start === first && digits <= 15;
        if (bytes[at] === 0x2e) {
            plain = false;
            const from = ++at;
            while (at < this.end && bytes[at] >= 0x30 && bytes[at] <= 0x39)
                at++;
            if (at === from)
                throw new NotTheLayout();
        }
        if (bytes[at] === 0x65 || bytes[at] === 0x45) {
            plain = false;
            at++;
            if (bytes[at] === 0x2b || bytes[at] === 0x2d)
                at++;
            const from = at;
            while (at < this.end && bytes[at] >= 0x30 && bytes[at] <= 0x39)
                at++;
            if (at === from)
                throw new NotTheLayout();
        }
        if (at >= this.end)
            throw new NotTheLayout();
        this.at = at;
        // Up to 15 digits the sum above is exact; anything else is read as JavaScript reads it.
        return plain ? value : Number(bytes.toString("latin1", start, at));
    }
}
/** A path in the window, between its quotes; one object reused for every row. */
class BytePath {
    bytes = Buffer.alloc(0);
    start = 0;
    end = 0;
    /** No escape and no byte above 0x7f: then its bytes are its UTF-16 code units. */
    plain = true;
    is(text) {
        if (!this.plain)
            return this.text() === text;
        const { bytes, start } = this;
        if (this.end - start !== text.length)
            return false;
        for (let k = text.length - 1; k >= 0; k--) {
            // From the end: paths of one folder differ there, not in their long shared start.
            if (bytes[start + k] !== text.charCodeAt(k))
                return false;
        }
        return true;
    }
    text() {
        if (this.plain)
            return this.bytes.toString("latin1", this.start, this.end);
        return JSON.parse(this.bytes.toString("utf8", this.start - 1, this.end + 1));
    }
}
class TextPath {
    value;
    constructor(value) {
        this.value = value;
    }
    is(text) {
        return this.value === text;
    }
    text() {
        return this.value;
    }
}
/**
 * Reads the file at `path` into a sink from `newSink`: a second one when the first scan found the
 * bytes not in save()'s layout (the first may have placed some rows by then). Undefined when the
 * file is missing, damaged or foreign: nothing in it is to be trusted.
 */
function readIndexFile(path, newSink, { parseWholeBelow = PARSE_WHOLE_BELOW } = {}) {
    // The state folder is the tool's own (state-dir.ts), but what is in it may be an earlier job's
    // on a self-hosted runner: only a plain file of bounded size is read, never through a link,
    // never waited on as a FIFO, and only through the handle whose kind and size were checked.
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, NO_FOLLOW);
    }
    catch {
        return undefined;
    }
    let text;
    try {
        const facts = (0,external_node_fs_.fstatSync)(fd);
        if (!facts.isFile() || facts.size > MAX_INDEX_BYTES)
            return undefined;
        // A small file is parsed whole: JSON.parse is quicker than the scan until the scan's loops
        // are compiled, and what it builds is small and short-lived.
        if (facts.size >= parseWholeBelow) {
            try {
                const sink = newSink();
                return { writtenAt: scanLayout(new Scanner(fd), sink), sink };
            }
            catch (error) {
                if (!(error instanceof NotTheLayout))
                    return undefined;
            }
        }
        if (facts.size > MAX_PARSED_BYTES)
            return undefined;
        const bytes = Buffer.allocUnsafe(facts.size);
        let read = 0;
        for (let n = -1; n !== 0 && read < bytes.length; read += n) {
            n = (0,external_node_fs_.readSync)(fd, bytes, read, bytes.length - read, read);
        }
        text = bytes.toString("utf8", 0, read);
    }
    catch {
        return undefined;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    let file;
    try {
        file = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isIndexFile(file))
        return undefined;
    const sink = newSink();
    const writtenAt = readParsed(file, sink);
    return writtenAt === undefined ? undefined : { writtenAt, sink };
}
/**
 * `{"version":2,"writtenAt":N,"outputs":[...],"stats":[...],"sha256":"..."}` and a line break,
 * nothing else; the sink's `place` may have been called for some rows before a NotTheLayout.
 */
function scanLayout(scan, sink) {
    scan.literal(`{"version":${INDEX_VERSION},"writtenAt":`);
    const writtenAt = scan.number();
    scan.literal(`,"outputs":[`);
    const path = new BytePath();
    let rows = new Int32Array(1024);
    let count = 0;
    if (scan.peek() !== 0x5d) {
        for (;;) {
            scan.string(path);
            if (count === rows.length) {
                const grown = new Int32Array(rows.length * 2);
                grown.set(rows);
                rows = grown;
            }
            rows[count++] = sink.place(path);
            if (scan.peek() !== 0x2c)
                break;
            scan.at++;
        }
    }
    scan.literal(`],"stats":[`);
    const { stats, digests, held } = sink.columns();
    for (let k = 0; k < count; k++) {
        if (k > 0)
            scan.literal(",");
        const size = scan.number();
        scan.literal(",");
        const mtimeMs = scan.number();
        scan.literal(",");
        const ino = scan.number();
        const row = rows[k];
        if (row < 0)
            continue;
        stats[row * 3] = size;
        stats[row * 3 + 1] = mtimeMs;
        stats[row * 3 + 2] = ino;
    }
    scan.literal(`],"sha256":"`);
    for (let k = 0; k < count; k++) {
        scan.ensure(64);
        const row = rows[k];
        if (scan.end - scan.at < 64)
            throw new NotTheLayout();
        if (row >= 0 && !(0,sha256_hex/* decodeSha256 */.s)(scan.bytes, scan.at, digests, row * 32)) {
            throw new NotTheLayout();
        }
        scan.at += 64;
    }
    scan.literal(`"}`);
    for (let b = scan.peek(); b !== undefined; b = scan.peek()) {
        if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09)
            throw new NotTheLayout();
        scan.at++;
    }
    for (let k = 0; k < count; k++) {
        const row = rows[k];
        if (row >= 0)
            held[row] = 1;
    }
    return writtenAt;
}
/** The same rows from a parsed file; undefined if a digit of its hashes is not lower-case hex. */
function readParsed(file, sink) {
    const rows = file.outputs.map((output) => sink.place(new TextPath(output)));
    const { stats, digests, held } = sink.columns();
    // Node decodes upper case too, and stops at a character that is not hex: written back, the
    // digits must be the same ones (both native, quicker than checking each digit here).
    const bytes = Buffer.from(file.sha256, "hex");
    if (bytes.length * 2 !== file.sha256.length || bytes.toString("hex") !== file.sha256) {
        return undefined;
    }
    for (const [k, row] of rows.entries()) {
        if (row < 0)
            continue;
        for (let b = 0; b < 32; b++)
            digests[row * 32 + b] = bytes[k * 32 + b];
        stats[row * 3] = file.stats[k * 3];
        stats[row * 3 + 1] = file.stats[k * 3 + 1];
        stats[row * 3 + 2] = file.stats[k * 3 + 2];
        held[row] = 1;
    }
    return file.writtenAt;
}

;// CONCATENATED MODULE: ./lib/state/stat-index.js
/**
 * `.agentframer/stat-index.json`: output path → size, mtime, inode and SHA-256, like git's index.
 * Hashing 50,000 outputs on every plan is too slow; a file whose stat is unchanged since it was
 * hashed keeps its hash. It is a cache, never the truth: a missing or damaged index is empty.
 *
 * Racy files (git's "racy clean" problem): a file written in the same moment the index recorded
 * it can change again without its mtime moving on a coarse clock. Entries whose mtime is within
 * RACY_WINDOW_MS of the index write are therefore re-hashed, and the index rewritten, until the
 * file is old enough to trust.
 *
 * Loaded for a manifest (`load(dir, outputs)`), its rows are the manifest's outputs by place:
 * three columns of numbers, bytes and flags, with no map and no path string of its own. The file
 * is written in that order, so the next load finds each path where it expects it (a path found
 * elsewhere is looked up in a map, built only then; one no asset writes is dropped).
 */







const RACY_WINDOW_MS = 2000;
/** About how much of the index file is written at once: below V8's large object size, so it dies young. */
const FILE_CHUNK_CHARS = 1 << 16;
/**
 * How far past the last place found a path is looked for before the map: the file skips the
 * outputs it has no entry for (new assets, missing files), and those gaps are usually short.
 */
const LOOK_AHEAD = 64;
/** What JSON.stringify would escape in a string: quote, backslash, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
function columnsFor(rows) {
    return {
        stats: new Float64Array(rows * 3),
        digests: new Uint8Array(rows * 32),
        held: new Uint8Array(rows),
    };
}
function mapOf(paths) {
    const rows = new Map();
    for (let row = 0; row < paths.length; row++)
        rows.set(paths[row], row);
    return rows;
}
/** Places the file's rows: by the manifest's outputs when given, else each path in a row of its own. */
class RowPlacer {
    placed;
    /** The place after the last path found. */
    cursor = 0;
    /** Paths beyond the manifest's outputs (only without a manifest). */
    extra = [];
    rowOfPath;
    /** The file holds what a save would not write: rows dropped, or out of the manifest's order. */
    stale = false;
    built;
    constructor(placed) {
        this.placed = placed;
        if (placed === undefined)
            this.rowOfPath = new Map();
    }
    place(path) {
        const { placed } = this;
        if (placed === undefined) {
            const text = path.text();
            const known = this.rowOfPath?.get(text);
            if (known !== undefined)
                return known;
            this.extra.push(text);
            this.rowOfPath?.set(text, this.extra.length - 1);
            return this.extra.length - 1;
        }
        const end = Math.min(this.cursor + LOOK_AHEAD, placed.length);
        for (let place = this.cursor; place < end; place++) {
            if (path.is(placed[place])) {
                this.cursor = place + 1;
                return place;
            }
        }
        this.rowOfPath ??= mapOf(placed);
        const place = this.rowOfPath.get(path.text());
        if (place === undefined || place < this.cursor)
            this.stale = true;
        if (place === undefined)
            return -1;
        this.cursor = place + 1;
        return place;
    }
    columns() {
        this.built = columnsFor(this.placed?.length ?? this.extra.length);
        return this.built;
    }
}
class StatIndex {
    manifestDir;
    /** Rows 0 to placed.length - 1: the manifest's outputs by place (none without a manifest). */
    #placed;
    /** Paths of the rows after those, in the order they were added. */
    #extra;
    /** Every row's path → row, built only when a path is looked up without its place. */
    #rowOfPath;
    #columns;
    #writtenAt;
    #changed;
    constructor(manifestDir, placed, loaded) {
        this.manifestDir = manifestDir;
        this.#placed = placed;
        this.#extra = loaded?.placer.extra ?? [];
        this.#rowOfPath = loaded?.placer.rowOfPath;
        this.#columns = loaded?.placer.built ?? columnsFor(placed.length);
        this.#writtenAt = loaded?.writtenAt ?? 0;
        this.#changed = loaded?.placer.stale ?? false;
    }
    /** An index with no entries, for a fresh checkout or a damaged file. */
    static empty(manifestDir, outputs = []) {
        return new StatIndex(manifestDir, outputs);
    }
    /**
     * The index on disk. With `outputs` (the manifest's, by place) rows are those places, and
     * entries for any other path are dropped (the index is then dirty, so that a save drops them
     * from the file); without, every entry is kept.
     */
    static async load(manifestDir, outputs, 
    /** Tests read small files by the scan that large ones take (stat-index-file.ts). */
    options) {
        const read = readIndexFile((0,paths.statIndexPath)(manifestDir), () => new RowPlacer(outputs), options);
        if (read === undefined)
            return StatIndex.empty(manifestDir, outputs);
        return new StatIndex(manifestDir, outputs ?? [], {
            placer: read.sink,
            writtenAt: read.writtenAt,
        });
    }
    /** True when entries were added, changed or dropped since load. */
    get dirty() {
        return this.#changed;
    }
    get #rows() {
        return this.#placed.length + this.#extra.length;
    }
    /** The row of `output`; `place` is its place in the manifest, when the caller knows it. */
    #rowOf(output, place) {
        if (place !== undefined && this.#placed[place] === output)
            return place;
        if (this.#rowOfPath === undefined) {
            this.#rowOfPath = mapOf(this.#placed);
            for (const [k, path] of this.#extra.entries())
                this.#rowOfPath.set(path, this.#placed.length + k);
        }
        return this.#rowOfPath.get(output);
    }
    #addRow(output) {
        const row = this.#rows;
        this.#extra.push(output);
        this.#rowOfPath?.set(output, row);
        const { stats, digests, held } = this.#columns;
        if (row >= held.length) {
            const grown = columnsFor(Math.max(16, held.length * 2));
            grown.stats.set(stats);
            grown.digests.set(digests);
            grown.held.set(held);
            this.#columns = grown;
        }
        return row;
    }
    #matches(row, facts) {
        const { stats, held } = this.#columns;
        const at = row * 3;
        return (held[row] === 1 &&
            stats[at] === facts.size &&
            stats[at + 1] === facts.mtimeMs &&
            stats[at + 2] === facts.ino);
    }
    /**
     * The row whose recorded hash still holds for `output` (its stat matches, and is old enough to
     * trust), or -1. `place`: the output's place in the manifest, spares a lookup by path.
     */
    trustedRow(output, facts, place) {
        const row = this.#rowOf(output, place);
        if (row === undefined || !this.#matches(row, facts))
            return -1;
        return facts.mtimeMs >= this.#writtenAt - RACY_WINDOW_MS ? -1 : row;
    }
    /** Whether a row's recorded hash is the SHA-256 `hex` spells (lower case), without a string. */
    digestIs(row, hex) {
        return digestIs(this.#columns.digests, row * 32, hex);
    }
    /** The recorded hash, if the file's stat still matches it and is old enough to trust. */
    trustedSha256(output, facts) {
        const row = this.trustedRow(output, facts);
        return row < 0 ? undefined : this.#hexAt(row);
    }
    #hexAt(row) {
        const { digests } = this.#columns;
        return Buffer.from(digests.buffer, digests.byteOffset, digests.length).toString("hex", row * 32, row * 32 + 32);
    }
    set(output, facts, sha256, place) {
        // Rows hold 32 bytes: anything but a digest would be read back as another one.
        if (!(0,sha256_hex/* isSha256Hex */.P)(sha256))
            throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
        const digest = Buffer.from(sha256, "hex");
        this.setDigest(output, facts, digest, 0, place);
    }
    /** `set` with the digest's 32 bytes at `at` in `digest`. */
    setDigest(output, facts, digest, at, place) {
        const row = this.#rowOf(output, place) ?? this.#addRow(output);
        const { stats, digests, held } = this.#columns;
        if (this.#matches(row, facts) &&
            sameBytes(digests, row * 32, digest, at) &&
            facts.mtimeMs < this.#writtenAt - RACY_WINDOW_MS) {
            return;
        }
        stats[row * 3] = facts.size;
        stats[row * 3 + 1] = facts.mtimeMs;
        stats[row * 3 + 2] = facts.ino;
        digests.set(digest.subarray(at, at + 32), row * 32);
        held[row] = 1;
        this.#changed = true;
    }
    delete(output, place) {
        const row = this.#rowOf(output, place);
        if (row === undefined || this.#columns.held[row] !== 1)
            return;
        this.#columns.held[row] = 0;
        this.#changed = true;
    }
    /**
     * Record an output the render engine has just written (or restored): stat it now, so the next
     * plan trusts the hash without reading the bytes. Call `save()` once after a batch.
     */
    async record(output, sha256) {
        // One stat of a file just written, its metadata cached: cheaper called directly than through
        // libuv's thread pool (see real-folders.ts).
        const s = (0,external_node_fs_.statSync)((0,external_node_path_.join)(this.manifestDir, output));
        this.set(output, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }, sha256);
    }
    /**
     * The file, as `JSON.stringify` of its columns would give it (rows in the index's order: the
     * manifest's, then paths added since), in pieces of about 64 KiB: after a render of 50,000
     * outputs it is 6 MB, which as one buffer sat on top of the lock's last write at a render's peak.
     */
    *#fileChunks(now) {
        const { stats, held } = this.#columns;
        const rows = [];
        for (let row = 0; row < this.#rows; row++)
            if (held[row] === 1)
                rows.push(row);
        const pathAt = (row) => row < this.#placed.length
            ? this.#placed[row]
            : this.#extra[row - this.#placed.length];
        // JSON.stringify only for a path with something to escape; most are quoted as they are.
        const quoted = (path) => NEEDS_ESCAPE.test(path) ? JSON.stringify(path) : `"${path}"`;
        let chunk = `{"version":${INDEX_VERSION},"writtenAt":${JSON.stringify(now)},"outputs":[`;
        const add = function* (text) {
            chunk += text;
            if (chunk.length < FILE_CHUNK_CHARS)
                return;
            yield chunk;
            chunk = "";
        };
        for (const [i, row] of rows.entries())
            yield* add(`${i === 0 ? "" : ","}${quoted(pathAt(row))}`);
        yield* add('],"stats":[');
        for (const [i, row] of rows.entries()) {
            const at = row * 3;
            yield* add(`${i === 0 ? "" : ","}${stats[at]},${stats[at + 1]},${stats[at + 2]}`);
        }
        yield* add('],"sha256":"');
        for (const row of rows)
            yield* add(this.#hexAt(row));
        yield chunk + '"}\n';
    }
    /** Write the index atomically if anything changed. `now` is injectable for tests. */
    async save(now = Date.now()) {
        if (!this.#changed)
            return;
        // Machine-specific (inodes, mtimes): the state folder's own .gitignore keeps it out of commits.
        await (0,state_dir/* ensureStateDir */.xH)(this.manifestDir);
        // Not synced to disk: a cache, and one a crash leaves missing or damaged is only empty.
        await (0,atomic_write/* writeFileAtomic */.Z)((0,paths.statIndexPath)(this.manifestDir), this.#fileChunks(now), {
            durable: false,
        });
        this.#writtenAt = now;
        this.#changed = false;
    }
}
function sameBytes(a, at, b, bt) {
    for (let k = 0; k < 32; k++)
        if (a[at + k] !== b[bt + k])
            return false;
    return true;
}
const HEX_CODES = [..."0123456789abcdef"].map((c) => c.charCodeAt(0));
/** Whether the 32 bytes at `at` are the digest `hex` spells (lower case), without a string. */
function digestIs(bytes, at, hex) {
    if (hex.length !== 64)
        return false;
    for (let k = 0; k < 32; k++) {
        const byte = bytes[at + k] ?? 0;
        if (hex.charCodeAt(2 * k) !== HEX_CODES[byte >> 4])
            return false;
        if (hex.charCodeAt(2 * k + 1) !== HEX_CODES[byte & 15])
            return false;
    }
    return true;
}
/**
 * For the render engine: after writing (or restoring) outputs, record their hashes so the next
 * `plan` need not read them. One load and one save for the whole batch.
 */
async function recordOutputStates(manifestDir, outputs) {
    const index = await StatIndex.load(manifestDir);
    for (const { output, sha256 } of outputs)
        await index.record(output, sha256);
    await index.save();
}

;// CONCATENATED MODULE: ./lib/plan/output-state.js
/**
 * Reads the state of output files for the plan: whether each still holds the bytes its lock entry
 * recorded. The stat index spares re-reading files whose stat has not changed; only the rest are
 * hashed, a few at a time.
 */







/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;
/**
 * How the output of each asset whose request is unchanged compares with the bytes its lock entry
 * recorded, by the asset's place. `outputs` are the assets' outputs by place; `locked(place)`
 * gives those bytes, or undefined for an asset whose output is not to be examined (a new or
 * changed request renders whatever is on disk). Nothing is kept per output but a verdict byte:
 * a hash read from the index or the probe is compared where it lies.
 */
async function readOutputStates(manifestDir, outputs, locked, index, probe) {
    const states = new OutputStates(outputs.length);
    const toHash = [];
    for (let place = 0; place < outputs.length; place++) {
        const expected = locked(place);
        if (expected === undefined)
            continue;
        const output = outputs[place];
        // Plain concatenation: the loader has already normalised `output`, and path.join's
        // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
        const path = () => `${manifestDir}/${output}`;
        const row = probe === undefined ? -1 : probe.row(output, place);
        let kind;
        let facts = NO_FACTS;
        if (probe !== undefined && row >= 0) {
            kind = probe.kind(row);
            if (kind !== MISSING && kind !== NOT_A_FILE)
                facts = probe.factsAt(row);
        }
        else {
            // Synchronous stat: for tens of thousands of small calls it is several times quicker than
            // the promise API's round trips through the thread pool.
            const s = (0,external_node_fs_.statSync)(path(), { throwIfNoEntry: false });
            kind = s === undefined ? MISSING : s.isFile() ? FILE : NOT_A_FILE;
            if (s !== undefined)
                facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
        }
        if (kind === MISSING) {
            states.set(place, "missing");
            index.delete(output, place);
        }
        else if (kind === NOT_A_FILE) {
            // A folder (or device) where the output should be: not the locked bytes.
            states.set(place, "modified");
        }
        else if (facts.size !== expected.size) {
            // Modified whatever its hash, unless it is an LFS pointer to the locked bytes (a checkout
            // that did not fetch LFS files): only then is a small file read.
            const pointer = (0,lfs_pointer.readLfsPointer)(path(), facts.size);
            const lfs = pointer?.sha256 === expected.sha256 && pointer.size === expected.size;
            states.set(place, lfs ? "lfs pointer" : "modified");
        }
        else {
            const trusted = index.trustedRow(output, facts, place);
            if (trusted >= 0) {
                states.set(place, index.digestIs(trusted, expected.sha256) ? "locked" : "modified");
            }
            else if (probe !== undefined && kind === HASHED) {
                states.set(place, probe.digestIs(row, expected.sha256) ? "locked" : "modified");
                index.setDigest(output, facts, probe.digests, row * 32, place);
            }
            else
                toHash.push({ place, output, path: path(), facts, expected: expected.sha256 });
        }
    }
    let next = 0;
    const worker = async () => {
        while (next < toHash.length) {
            const item = toHash[next++];
            if (item === undefined)
                break;
            const sha256 = await (0,sha256_file.sha256File)(item.path, item.facts.size);
            states.set(item.place, sha256 === item.expected ? "locked" : "modified");
            index.set(item.output, item.facts, sha256, item.place);
        }
    };
    await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, toHash.length) }, worker));
    return states;
}
/** Bytes read at once when hashing an output: most outputs of a large batch fit in one read. */
const SCRATCH_BYTES = 256 * 1024;
/** Below this many outputs a worker's start-up costs more than the stat calls it takes over. */
const STAT_WORKER_MIN = 2000;
/**
 * Below this many lockfile bytes (about 1,500 entries) a worker's start-up costs more than the
 * stat calls it takes over.
 */
const PROBE_WORKER_MIN_LOCK_BYTES = 512 * 1024;
/**
 * Stats output `i` (and, up to `hashUpTo` bytes, hashes it) into shared memory. Run on both
 * threads: the worker gets its source text, so it must use nothing but its parameters. Kinds, at
 * facts[i * 4], written last: 0 not done, 1 no such file, 2 file, 3 not a file, 4 stat failed
 * (the caller stats it again, to throw the same error), 5 file with its SHA-256 in digests.
 */
function probeOutput(i, path, hashUpTo, facts, digests, modules) {
    if (hashUpTo < 0) {
        let s;
        try {
            s = modules.fs.statSync(path, { throwIfNoEntry: false });
        }
        catch {
            facts[i * 4] = 4;
            return;
        }
        if (s === undefined) {
            facts[i * 4] = 1;
            return;
        }
        facts[i * 4 + 1] = s.size;
        facts[i * 4 + 2] = s.mtimeMs;
        facts[i * 4 + 3] = s.ino;
        facts[i * 4] = s.isFile() ? 2 : 3;
        return;
    }
    // To hash: open, fstat, read, close — a path stat first would be one more system call per
    // file. Non-blocking, so that a FIFO where an output should be opens at once (and is then seen
    // not to be a file) instead of waiting for a writer; not through a symbolic link (the probe
    // may run before the manifest's links are checked), which is left to the caller instead.
    const { fs, crypto, scratch } = modules;
    const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants;
    let fd;
    try {
        fd = fs.openSync(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    }
    catch (error) {
        const code = error.code;
        facts[i * 4] = code === "ENOENT" || code === "ENOTDIR" ? 1 : 4;
        return;
    }
    try {
        const s = fs.fstatSync(fd);
        facts[i * 4 + 1] = s.size;
        facts[i * 4 + 2] = s.mtimeMs;
        facts[i * 4 + 3] = s.ino;
        let kind = s.isFile() ? 2 : 3;
        if (kind === 2 && s.size <= hashUpTo) {
            try {
                // One read for a file smaller than the scratch buffer (a short read of a regular file
                // means its end), else a read per chunk.
                const hasher = crypto.createHash("sha256");
                for (let at = 0;;) {
                    const n = fs.readSync(fd, scratch, 0, scratch.length, at);
                    if (n > 0)
                        hasher.update(scratch.subarray(0, n));
                    at += n;
                    if (n < scratch.length)
                        break;
                }
                digests.set(hasher.digest(), i * 32);
                kind = 5;
            }
            catch {
                // Unreadable: left for the caller, whose read reports it.
            }
        }
        facts[i * 4] = kind;
    }
    catch {
        facts[i * 4] = 4;
    }
    finally {
        fs.closeSync(fd);
    }
}
/**
 * The output paths a lockfile names, read a chunk at a time with a pattern rather than parsed:
 * only a guess at what plan will ask about, which it checks by name (a path the lock does not
 * name is stat-ed by the caller). One path per entry, in the lockfile's order; paths that are not
 * plain relative ones (absolute, `..`, `.`, backslashes) are given as "" and never probed, so a
 * hostile lockfile cannot point the probe outside the folder.
 * Run on the worker from its source text, like probeOutput.
 */
function lockedOutputs(lockPath, { fs }) {
    const pattern = /"output"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;
    const outputs = [];
    let fd;
    try {
        fd = fs.openSync(lockPath, "r");
    }
    catch {
        return outputs;
    }
    try {
        const buffer = Buffer.allocUnsafe(64 * 1024);
        let kept = 0;
        for (;;) {
            const n = fs.readSync(fd, buffer, kept, buffer.length - kept, null);
            const end = kept + n;
            // Whole lines only (a line break is one byte in UTF-8); a line longer than the buffer is
            // skipped, since nothing depends on finding every path.
            const lineEnd = n === 0 ? end : buffer.lastIndexOf(10, end - 1) + 1;
            if (lineEnd === 0 && end === buffer.length) {
                kept = 0;
                continue;
            }
            const text = buffer.toString("utf8", 0, lineEnd);
            for (const match of text.matchAll(pattern)) {
                // A refused path keeps its place (as "", never probed), so places match the lock's entries.
                outputs.push(plainPath(match[1]));
            }
            buffer.copy(buffer, 0, lineEnd, end);
            kept = end - lineEnd;
            if (n === 0)
                return outputs;
        }
    }
    catch {
        return outputs;
    }
    finally {
        fs.closeSync(fd);
    }
}
/**
 * A lockfile's `output` value (JSON string contents) decoded, or "" unless it is a plain relative
 * path: no empty, `.` or `..` segment, no leading `/`, no backslash, no NUL. Run on the worker.
 */
function plainPath(raw) {
    let path = raw;
    if (raw.includes("\\")) {
        try {
            path = JSON.parse(`"${raw}"`);
        }
        catch {
            return "";
        }
    }
    if (path.includes("\\") || path.includes("\0"))
        return "";
    return path.split("/").some((s) => s === "" || s === "." || s === "..") ? "" : path;
}
// Plain CommonJS, run with `eval`: no file to locate next to the bundle. The worker takes the
// paths it is given or reads them from the lockfile, shares the memory for their facts, then both
// threads take outputs from one shared counter, so neither waits while the other has work left.
const WORKER_SOURCE = `
const SCRATCH_BYTES = ${SCRATCH_BYTES};
const { parentPort, workerData } = require("node:worker_threads");
const modules = { fs: require("node:fs"), crypto: require("node:crypto"), scratch: Buffer.allocUnsafe(SCRATCH_BYTES) };
const probe = ${probeOutput.toString()};
const plainPath = ${plainPath.toString()};
const lockedOutputs = ${lockedOutputs.toString()};
const { dir, given, lockPath, hashUpTo } = workerData;
const outputs = given ?? lockedOutputs(lockPath, modules);
const shared = {
  claim: new SharedArrayBuffer(4),
  facts: new SharedArrayBuffer(outputs.length * 4 * 8),
  digests: new SharedArrayBuffer(hashUpTo >= 0 ? outputs.length * 32 : 0),
};
parentPort.postMessage(given ? shared : { outputs, ...shared });
const next = new Int32Array(shared.claim);
const f = new Float64Array(shared.facts);
const d = new Uint8Array(shared.digests);
for (;;) {
  const i = Atomics.add(next, 0, 1);
  if (i >= outputs.length) break;
  if (outputs[i]) probe(i, dir + "/" + outputs[i], hashUpTo, f, d, modules);
}
parentPort.postMessage("done");
`;
/** The probe's kinds (see probeOutput) that readOutputStates tells apart; 0 and 4 are no answer. */
const MISSING = 1;
const FILE = 2;
const NOT_A_FILE = 3;
const HASHED = 5;
const NO_FACTS = { size: -1, mtimeMs: 0, ino: 0 };
/** What the probe found, by row of its list. */
class ProbeAnswers {
    outputs;
    facts;
    digests;
    places;
    /** Row → where the row's path is in the list by name, built only when a place does not match. */
    #rows;
    constructor(outputs, facts, 
    /** The SHA-256 of a hashed row at row * 32. */
    digests, 
    /** Where the list has the output of the asset at each place (absent: at that place). */
    places) {
        this.outputs = outputs;
        this.facts = facts;
        this.digests = digests;
        this.places = places;
    }
    /**
     * The row that answers for `output`, the output of the asset at `place`, or -1 when the probe
     * has no answer (not in its list, or the stat failed): then the caller stats it itself.
     */
    row(output, place) {
        const at = place === undefined ? -1 : this.places === undefined ? place : (this.places[place] ?? -1);
        let row = at;
        if (at < 0 || this.outputs[at] !== output) {
            if (this.#rows === undefined) {
                this.#rows = new Map();
                for (let i = 0; i < this.outputs.length; i++)
                    this.#rows.set(this.outputs[i], i);
            }
            row = this.#rows.get(output) ?? -1;
        }
        const kind = row < 0 ? 0 : this.facts[row * 4];
        return kind === 0 || kind === 4 ? -1 : row;
    }
    /** 1 no such file, 2 a file, 3 not a file, 5 a file and its SHA-256 in `digests`. */
    kind(row) {
        return this.facts[row * 4];
    }
    factsAt(row) {
        const { facts } = this;
        return {
            size: facts[row * 4 + 1],
            mtimeMs: facts[row * 4 + 2],
            ino: facts[row * 4 + 3],
        };
    }
    /** Whether a hashed row's bytes have the SHA-256 `hex` spells (lower case). */
    digestIs(row, hex) {
        return digestIs(this.digests, row * 32, hex);
    }
}
/**
 * Starts stat-ing outputs on a worker thread, so that the 50,000 stat calls of a large plan run
 * on the second core while this thread works; `finish` then shares what is left. With `hash`
 * (no stat index yet: every output would be read) the outputs are also read and hashed.
 *
 * The outputs are either given, or those the lockfile at `lockPath` names: that can start before
 * the manifest is even loaded, since plan only examines outputs whose request is unchanged, and
 * those are in the lock. `undefined` when there are too few outputs (or lockfile bytes) to be
 * worth a thread. An output the probe has no answer for is stat-ed and read by
 * readOutputStates, as before.
 */
function probeOutputs(dir, source, { min = STAT_WORKER_MIN, minLockBytes = PROBE_WORKER_MIN_LOCK_BYTES, hash = false, } = {}) {
    const given = "outputs" in source ? source.outputs : undefined;
    const lockPath = "lockPath" in source ? source.lockPath : undefined;
    if (given !== undefined && given.length < min)
        return undefined;
    if (lockPath !== undefined) {
        const bytes = (0,external_node_fs_.statSync)(lockPath, { throwIfNoEntry: false })?.size ?? 0;
        if (bytes === 0 || bytes < minLockBytes)
            return undefined;
    }
    const hashUpTo = hash ? sha256_file/* READ_WHOLE_UP_TO */.l : -1;
    // What the worker shared once it knew the paths; undefined if it never got that far.
    let resolveShared = () => { };
    const sharing = new Promise((resolve) => (resolveShared = resolve));
    const workerDone = new Promise((resolve) => {
        try {
            const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, {
                eval: true,
                workerData: { dir, given, lockPath, hashUpTo },
                // It keeps little but the paths; left to grow, its young generation took the peak of a
                // cold 51,000-asset plan from 192–196 MB to 217–221 MB (1 MB and 4 MB measure the same).
                resourceLimits: { maxYoungGenerationSizeMb: 4 },
            });
            // A plan that fails early (a bad manifest) must not wait for the thread to finish.
            worker.unref();
            worker.on("message", (message) => {
                if (message !== "done")
                    return resolveShared(message);
                resolve();
                void worker.terminate();
            });
            worker.once("error", () => resolve());
            worker.once("exit", () => resolve());
        }
        catch {
            resolve(); // no thread: the caller stats everything
        }
    });
    void workerDone.then(() => resolveShared(undefined)); // no-op once shared
    return {
        async finish({ steal = true, places } = {}) {
            const shared = await sharing;
            if (shared === undefined) {
                await workerDone;
                return undefined;
            }
            const outputs = given ?? shared.outputs ?? [];
            const next = new Int32Array(shared.claim);
            const facts = new Float64Array(shared.facts);
            const digests = new Uint8Array(shared.digests);
            const modules = {
                fs: { constants: external_node_fs_.constants, statSync: external_node_fs_.statSync, fstatSync: external_node_fs_.fstatSync, openSync: external_node_fs_.openSync, readSync: external_node_fs_.readSync, closeSync: external_node_fs_.closeSync },
                crypto: { createHash: external_node_crypto_.createHash },
                scratch: Buffer.allocUnsafe(SCRATCH_BYTES),
            };
            for (let i = steal ? Atomics.add(next, 0, 1) : outputs.length; i < outputs.length;) {
                if (outputs[i])
                    probeOutput(i, `${dir}/${outputs[i]}`, hashUpTo, facts, digests, modules);
                i = Atomics.add(next, 0, 1);
            }
            await workerDone;
            return new ProbeAnswers(outputs, facts, digests, places);
        },
    };
}

// EXTERNAL MODULE: ./lib/plan/variant-recipe.js
var variant_recipe = __webpack_require__(1721);
;// CONCATENATED MODULE: ./lib/plan/variant-state.js
/**
 * Whether an asset whose output is current still needs its web variants derived: the recipe
 * changed (or variants were turned on or off), a variant file is gone, or one was edited by hand.
 * None of it is a job: deriving is local (render/derive-step.ts), so such an asset stays
 * `unchanged` and carries the reason here.
 */




/** The output's width when it is known: from the lock's variants record, else the width asked for. */
function sourceWidth(entry) {
    const locked = entry.lock?.variants?.width;
    if (locked !== undefined)
        return locked;
    const asked = entry.asset?.params["width"];
    return typeof asked === "number" && Number.isInteger(asked) && asked > 0 ? asked : undefined;
}
async function planVariants(entry, manifestDir) {
    const specs = entry.asset?.variants ?? [];
    const locked = entry.lock?.variants;
    const out = {};
    const width = sourceWidth(entry);
    if (width !== undefined) {
        const above = [...new Set(specs.filter((s) => s.width > width).map((s) => s.width))];
        if (above.length > 0)
            out.notUpscaled = above;
    }
    if (locked?.stale?.length)
        out.stale = locked.stale.length;
    if (entry.status !== "unchanged")
        return out;
    if (specs.length === 0) {
        if (locked !== undefined && locked.files.length > 0)
            out.reason = "variants changed";
        return out;
    }
    if (locked === undefined ||
        locked.recipe !== (0,variant_recipe/* variantRecipe */.KC)(specs, entry.asset?.type ?? "image")) {
        out.reason = "variants changed";
        return out;
    }
    const modified = [];
    for (const file of locked.files) {
        const path = (0,external_node_path_.join)(manifestDir, file.path);
        const facts = (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false });
        if (facts === undefined || !facts.isFile()) {
            out.reason ??= "variants missing";
            continue;
        }
        if (facts.size !== file.bytes || (await (0,sha256_file.sha256File)(path, facts.size)) !== file.sha256) {
            modified.push(file.path);
        }
    }
    if (modified.length > 0) {
        out.reason = "variants modified";
        out.modified = modified;
    }
    return out;
}
/** Every entry's variants plan, on the entries themselves; only assets with variants now or before. */
async function planAllVariants(plan, manifestDir) {
    for (const entry of plan.entries) {
        if (entry.asset?.variants === undefined && entry.lock?.variants === undefined)
            continue;
        if (entry.status === "orphaned")
            continue;
        const variants = await planVariants(entry, manifestDir);
        if (Object.keys(variants).length > 0)
            entry.variants = variants;
    }
}

;// CONCATENATED MODULE: ./lib/plan/plan-manifest.js
/** Plan a loaded manifest: read the lock and the outputs, then the pure plan. */












/**
 * Lets the lock's entries hold the manifest's own strings for their output path and (when it is
 * unchanged) request hash, instead of equal copies: two strings fewer per asset on a large lock.
 * Also notes each asset's place among the lock's entries (-1: not seen), which is where a probe
 * reading the lockfile keeps that asset's output.
 */
function shareAssetStrings(assets, hashes) {
    const byId = new IdPlaces(assets);
    const lockPlace = new Int32Array(assets.length).fill(-1);
    let place = 0;
    const share = (id, entry, known) => {
        const i = known ?? byId.get(id);
        place++;
        if (i === undefined)
            return;
        lockPlace[i] = place - 1;
        const { output } = assets[i];
        if (entry["output"] === output)
            entry["output"] = output;
        if (entry["hash"] === hashes[i])
            entry["hash"] = hashes[i];
    };
    return { share, lockPlace, byId };
}
/**
 * Without a stat index (a fresh checkout) every locked output must be read and hashed: worth
 * starting before the manifest is loaded, from the paths the lockfile names, so that the two
 * overlap. Call it first and pass the probe to planManifest; `undefined` when there is an index
 * (then only stat calls are left, and planManifest starts them once it knows the outputs).
 */
function startOutputProbe(manifestPath) {
    const manifestDir = (0,external_node_path_.dirname)(manifestPath);
    const lockPath = (0,paths.lockfilePathFor)(manifestPath);
    // Only a lockfile a reader would read (a regular file, not a link or FIFO): for any other,
    // planning stops at the lock with its error, and the worker need not open it first.
    if ((0,external_node_fs_.existsSync)((0,paths.statIndexPath)(manifestDir)) ||
        !(0,external_node_fs_.lstatSync)(lockPath, { throwIfNoEntry: false })?.isFile())
        return undefined;
    return probeOutputs(manifestDir, { lockPath }, { hash: true });
}
/**
 * Throws ManifestError for a request that cannot be sent, LockfileError for a damaged lockfile;
 * writes nothing. `early` is startOutputProbe's, when the caller started it before loading.
 * Every lock entry is read whole, as a render (and `pull`) needs them.
 */
function planManifest(manifest, early = startOutputProbe(manifest.path)) {
    return planWith(manifest, early, (byId, _hashes, share) => (0,manifest_lock.readManifestLock)(manifest.path, byId, share));
}
/**
 * planManifest for a plan that is shown, not rendered (`agentframer plan`): the lock is read as
 * a plan reads it (state/plan-lock.ts), and an unchanged asset's plan entry has no `lock`.
 */
function planManifestToShow(manifest, early = startOutputProbe(manifest.path)) {
    return planWith(manifest, early, (byId, hashes, share) => (0,manifest_lock.readManifestPlanLock)(manifest.path, byId, hashes, share));
}
async function planWith(manifest, early, readLock) {
    // The loader's temporaries are all garbage now: collected before the plan's own data arrives.
    collectAfterLoad(manifest.assets.length);
    // One list of the outputs by place, for the probe, the stat index and the states.
    const outputs = manifest.assets.map((a) => a.output);
    // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
    // those whose request is unchanged are looked at, but which ones is not known until then.
    const probe = early ?? probeOutputs(manifest.dir, { outputs }, { hash: false });
    const hashes = (0,plan_hash.hashAssets)(manifest.assets);
    // byId also answers which ids the manifest has: no second collection of 51,000 ids (and it is
    // built only if the lock reader looks an id up).
    const { share, lockPlace, byId } = shareAssetStrings(manifest.assets, hashes);
    const [{ lock, path: lockPath, adoptedFrom }, index] = await Promise.all([
        readLock(byId, hashes, share),
        // The index says which outputs need no second look: never one a commit put there. Loaded by
        // the manifest's outputs, it keeps no entry for an output no asset writes.
        (0,state_dir/* verifyStateDir */.wB)(manifest.dir).then(() => StatIndex.load(manifest.dir, outputs)),
    ]);
    // The early probe keeps outputs in the lockfile's order, not the manifest's.
    const answers = await probe?.finish(early === undefined ? {} : { places: lockPlace });
    const locked = lockedBytes(manifest.assets, lock, hashes);
    const states = await readOutputStates(manifest.dir, outputs, locked, index, answers);
    const plan = planAssets(manifest.assets, lock, states, hashes, {
        outputsInStore: manifest.outputs === "store",
        // The loader refuses a second asset with an id already taken.
        uniqueIds: true,
    });
    // Variants only where the outputs are on disk: with outputs in the store there are none.
    if (manifest.outputs !== "store")
        await planAllVariants(plan, manifest.dir);
    return { plan, lock, lockPath, index, ...(adoptedFrom === undefined ? {} : { adoptedFrom }) };
}


/***/ }),

/***/ 8763:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ READ_WHOLE_UP_TO),
/* harmony export */   sha256File: () => (/* binding */ sha256File)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);


/**
 * Up to this size a file is read in one synchronous call: for the many small outputs of a batch
 * that is several times cheaper than the promise API's open/stat/read/close round trips through
 * the thread pool. Larger files (video) are streamed, so they are never held whole in memory.
 */
const READ_WHOLE_UP_TO = 4 * 1024 * 1024;
/** SHA-256 (hex) of a file's bytes. `size` (from a stat) picks whole-file read or streaming. */
async function sha256File(path, size) {
    if (size <= READ_WHOLE_UP_TO)
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path), "hex");
    const hasher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path))
        hasher.update(chunk);
    return hasher.digest("hex");
}


/***/ }),

/***/ 1721:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KC: () => (/* binding */ variantRecipe),
/* harmony export */   dv: () => (/* binding */ REPLACING_RECIPE),
/* harmony export */   mR: () => (/* binding */ POSTER_FRAME_AT)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);

/** Bump when what a recipe makes changes (naming, encoder settings): every asset re-derives. */
const RECIPE_FORMAT = "agentframer-variants-v1";
/**
 * Where a video's poster frame is taken, as a fraction of its length: the middle shows what a
 * clip is about better than its first frame (often black, or a title). The review preview and a
 * video's web variants take the same frame (derive/preview/poster-frame.ts).
 */
const POSTER_FRAME_AT = 0.5;
/**
 * How a video's variants get their pixels, as the recipe records it: the frame at
 * POSTER_FRAME_AT of the length (from the movie header), decoded by ffmpeg at the video's own
 * size, stretched to square pixels when its samples are not square, as a lossless PNG. A change
 * to any of it changes the pixels, so it bumps this and every video re-derives.
 */
const POSTER_SOURCE = `poster-frame-v1 at=${POSTER_FRAME_AT} full-size square-pixels png`;
/**
 * The recipe hash the lock records: the sorted list of files asked for (format, width, quality),
 * and for a video how its frame is taken. The output's bytes are not part of it: a re-render
 * replaces the lock entry, variants and all.
 */
function variantRecipe(specs, type) {
    const canonical = specs.map((s) => `${s.format}:${s.width}:${s.quality}`).join(",");
    // An image's recipe keeps its original text, so that no image re-derives for this.
    const source = type === "video" ? `\n${POSTER_SOURCE}` : "";
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", `${RECIPE_FORMAT}\n${canonical}${source}`, "hex").slice(0, 16);
}
/**
 * The recipe of a record whose files a render is replacing (derive/derive-step.ts): the lock
 * names none of the files being written, and no recipe hashes to this (a recipe is 16 digits),
 * so a run that finds it — the one that wrote it was killed — derives the variants again.
 */
const REPLACING_RECIPE = "0";


/***/ })

};
