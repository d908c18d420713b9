export const id = 22;
export const ids = [22,328,50,763];
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

/***/ 5641:
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
// EXTERNAL MODULE: ./lib/state/manifest-lock.js
var manifest_lock = __webpack_require__(2050);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
// EXTERNAL MODULE: ./lib/plan/sha256-file.js
var sha256_file = __webpack_require__(8763);
// EXTERNAL MODULE: ./lib/plan/lfs-pointer.js
var lfs_pointer = __webpack_require__(9328);
;// CONCATENATED MODULE: ./lib/plan/output-state.js
/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */





/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;
/**
 * The lock's own string when a hash just read equals it: states then share the lock's strings
 * rather than hold 50,000 equal copies while the plan is made.
 */
function same(sha256, locked) {
    return sha256 === locked ? locked : sha256;
}
async function readOutputStates(manifestDir, checks, index, prestat) {
    const states = new Map();
    const toHash = [];
    // Synchronous stat: for tens of thousands of small calls it is several times quicker than
    // the promise API's round trips through the thread pool.
    for (const { output, size, sha256: locked, asset } of checks) {
        // Plain concatenation: the loader has already normalised `output`, and path.join's
        // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
        const path = `${manifestDir}/${output}`;
        const known = prestat?.(output, asset, locked);
        const s = known === undefined ? (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false }) : (known ?? undefined);
        if (s === undefined) {
            states.set(output, { exists: false });
            index.delete(output);
        }
        else if (!s.isFile()) {
            // A folder (or device) where the output should be: not the locked bytes.
            states.set(output, { exists: true, size: -1 });
        }
        else if (s.size !== size) {
            // Modified whatever its hash, unless it is an LFS pointer to the locked bytes (a checkout
            // that did not fetch LFS files): only then is a small file read.
            const pointer = locked === undefined ? undefined : (0,lfs_pointer.readLfsPointer)(path, s.size);
            if (pointer !== undefined && pointer.sha256 === locked && pointer.size === size) {
                states.set(output, { exists: true, size, sha256: locked, lfsPointer: true });
            }
            else {
                states.set(output, { exists: true, size: s.size });
            }
        }
        else {
            const facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
            const sha256 = index.trustedSha256(output, facts);
            if (sha256 !== undefined) {
                states.set(output, { exists: true, size: s.size, sha256: same(sha256, locked) });
            }
            else if (known?.sha256 !== undefined) {
                // Already the lock's own string when it matches (the probe was told what to expect).
                states.set(output, { exists: true, size: s.size, sha256: known.sha256 });
                index.set(output, facts, known.sha256);
            }
            else
                toHash.push({ output, path, locked, ...facts });
        }
    }
    let next = 0;
    const worker = async () => {
        while (next < toHash.length) {
            const item = toHash[next++];
            if (item === undefined)
                break;
            const sha256 = same(await (0,sha256_file.sha256File)(item.path, item.size), item.locked);
            states.set(item.output, { exists: true, size: item.size, sha256 });
            index.set(item.output, item, sha256);
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
const NOT_A_FILE = { size: -1, mtimeMs: 0, ino: 0, isFile: () => false };
/** Whether the 32 bytes at `at` are the digest `hex` spells (lower-case), without a string. */
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
const HEX_CODES = [..."0123456789abcdef"].map((c) => c.charCodeAt(0));
/** A probe that knows nothing: the caller stats every output itself. */
const UNKNOWN = () => undefined;
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
        async finish({ steal = true } = {}) {
            const shared = await sharing;
            if (shared === undefined) {
                await workerDone;
                return UNKNOWN;
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
            // By place when the caller gives it (plan knows each output's place in the manifest or the
            // lock) and the path there matches, else by name through a map built only then.
            let rows;
            const rowOf = (output, at) => {
                if (at !== undefined && outputs[at] === output)
                    return at;
                if (rows === undefined) {
                    rows = new Map();
                    for (let i = 0; i < outputs.length; i++)
                        rows.set(outputs[i], i);
                }
                return rows.get(output);
            };
            return (output, at, expected) => {
                const i = rowOf(output, at);
                const kind = i === undefined ? 0 : facts[i * 4];
                if (i === undefined || kind === 0 || kind === 4)
                    return undefined;
                if (kind === 1)
                    return null;
                if (kind === 3)
                    return NOT_A_FILE;
                const [size, mtimeMs, ino] = [
                    facts[i * 4 + 1] ?? 0,
                    facts[i * 4 + 2] ?? 0,
                    facts[i * 4 + 3] ?? 0,
                ];
                if (kind !== 5)
                    return { size, mtimeMs, ino, isFile: () => true };
                const sha256 = expected !== undefined && digestIs(digests, i * 32, expected)
                    ? expected
                    : Buffer.from(shared.digests, i * 32, 32).toString("hex");
                return { size, mtimeMs, ino, isFile: () => true, sha256 };
            };
        },
    };
}

// EXTERNAL MODULE: ./lib/state/plan-lock.js
var plan_lock = __webpack_require__(1172);
// EXTERNAL MODULE: ./lib/plan/types.js
var types = __webpack_require__(3246);
;// CONCATENATED MODULE: ./lib/plan/plan.js



function planLock(lock) {
    return "assets" in lock ? (0,plan_lock/* planLockOf */.I)(lock) : lock;
}
/**
 * Asset `i`'s entry: whole (`entry`) when the lock kept it so, and the bytes it recorded when it
 * records the request the asset makes now (`hash`); undefined when the lock has none.
 */
function lockedFor(lock, asset, i, hash) {
    const entry = lock.whole(asset.id);
    if (entry !== undefined)
        return entry.hash === hash ? { entry, same: entry } : { entry };
    const same = lock.sameRequest(i);
    return same === undefined ? undefined : { same };
}
/**
 * Outputs whose state decides an asset's status. New and changed assets render whatever is on
 * disk, so only assets whose hash matches the lock need their output examined.
 */
function outputsToCheck(assets, lockToPlan, hashes) {
    const lock = planLock(lockToPlan);
    const checks = [];
    assets.forEach((asset, i) => {
        const same = lockedFor(lock, asset, i, hashes[i])?.same;
        if (same !== undefined) {
            checks.push({ output: asset.output, size: same.size, sha256: same.sha256, asset: i });
        }
    });
    return checks;
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
        const locked = lockedFor(lock, asset, i, hash);
        const entry = { id: asset.id, status: "new", output: asset.output, hash, asset };
        if (locked !== undefined) {
            found += 1;
            // A plan-only read keeps an unchanged request's entry as its bytes alone (no `lock`).
            if (locked.entry !== undefined)
                entry.lock = locked.entry;
            if (locked.same === undefined) {
                entry.status = "changed";
                // Per-field hashes only here: they cost four SHA-256s an asset, needless when unchanged.
                entry.changedFields = (0,plan_hash.changedFields)((0,plan_hash.fieldHashes)(asset), locked.entry.fields);
            }
            else {
                const same = locked.same;
                const state = outputs.get(asset.output);
                if (state === undefined) {
                    throw new Error(`planAssets: no output state for ${asset.output} (asset "${asset.id}")`);
                }
                entry.status = !state.exists
                    ? outputsInStore
                        ? "stored"
                        : "missing"
                    : state.size !== same.size || state.sha256 !== same.sha256
                        ? "modified"
                        : "unchanged";
                if (state.exists && state.lfsPointer && entry.status === "unchanged")
                    lfsPointers += 1;
            }
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

// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/state-dir.js
var state_dir = __webpack_require__(818);
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
 */





const INDEX_VERSION = 2;
const RACY_WINDOW_MS = 2000;
/** About how much of the index file is written at once: below V8's large object size, so it dies young. */
const FILE_CHUNK_CHARS = 1 << 16;
/** What JSON.stringify would escape in a string: quote, backslash, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
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
class StatIndex {
    manifestDir;
    /** Output path → row in `stats` (three numbers a row) and in `hashes`. */
    rows;
    stats;
    /** Hashes from disk, concatenated; rows set since load are in `setHashes`. */
    loadedHashes;
    setHashes = new Map();
    writtenAt;
    changed = false;
    constructor(manifestDir, file) {
        this.manifestDir = manifestDir;
        // A loop, not new Map(outputs.map(...)): no pair array per output.
        this.rows = new Map();
        const outputs = file?.outputs ?? [];
        for (let row = 0; row < outputs.length; row++)
            this.rows.set(outputs[row], row);
        this.stats = file?.stats ?? [];
        this.loadedHashes = file?.sha256 ?? "";
        this.writtenAt = file?.writtenAt ?? 0;
    }
    /** An index with no entries, for a fresh checkout or a damaged file. */
    static empty(manifestDir) {
        return new StatIndex(manifestDir, undefined);
    }
    static async load(manifestDir) {
        try {
            const data = JSON.parse((0,external_node_fs_.readFileSync)((0,paths.statIndexPath)(manifestDir), "utf8"));
            return new StatIndex(manifestDir, isIndexFile(data) ? data : undefined);
        }
        catch {
            return StatIndex.empty(manifestDir);
        }
    }
    /** True when entries were added, changed or dropped since load. */
    get dirty() {
        return this.changed;
    }
    hashAt(row) {
        return this.setHashes.get(row) ?? this.loadedHashes.slice(row * 64, row * 64 + 64);
    }
    matches(row, facts) {
        const at = row * 3;
        return (this.stats[at] === facts.size &&
            this.stats[at + 1] === facts.mtimeMs &&
            this.stats[at + 2] === facts.ino);
    }
    /** The recorded hash, if the file's stat still matches it and is old enough to trust. */
    trustedSha256(output, facts) {
        const row = this.rows.get(output);
        if (row === undefined || !this.matches(row, facts))
            return undefined;
        if (facts.mtimeMs >= this.writtenAt - RACY_WINDOW_MS)
            return undefined;
        return this.hashAt(row);
    }
    set(output, facts, sha256) {
        // Hashes are stored end to end, 64 digits each: anything else would shift every later row.
        if (!/^[0-9a-f]{64}$/.test(sha256))
            throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
        let row = this.rows.get(output);
        if (row !== undefined &&
            this.matches(row, facts) &&
            this.hashAt(row) === sha256 &&
            facts.mtimeMs < this.writtenAt - RACY_WINDOW_MS) {
            return;
        }
        if (row === undefined) {
            row = this.stats.length / 3;
            this.rows.set(output, row);
        }
        // In place (splice would build a removed-items array on every call).
        this.stats[row * 3] = facts.size;
        this.stats[row * 3 + 1] = facts.mtimeMs;
        this.stats[row * 3 + 2] = facts.ino;
        this.setHashes.set(row, sha256);
        this.changed = true;
    }
    delete(output) {
        if (this.rows.delete(output))
            this.changed = true;
    }
    /**
     * Whether every entry is for one of `outputs`, which must be distinct: then `retain` of any
     * set holding them would drop nothing.
     */
    holdsOnly(outputs) {
        if (outputs.length < this.rows.size)
            return false;
        let held = 0;
        for (const output of outputs)
            if (this.rows.has(output))
                held++;
        return held === this.rows.size;
    }
    /** Keep only the given outputs, so entries for renamed or removed assets do not pile up. */
    retain(outputs) {
        for (const path of this.rows.keys())
            if (!outputs.has(path))
                this.delete(path);
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
     * The file as `JSON.stringify(file) + "\n"` would give it (an IndexFile, outputs sorted), in
     * pieces of about 64 KiB: after a render of 50,000 outputs it is 6 MB, which as one buffer (or
     * a string and its UTF-8 copy) sat on top of the lock's last write at a render's peak.
     */
    *fileChunks(now) {
        const outputs = [...this.rows.keys()].sort();
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
        for (const [i, output] of outputs.entries()) {
            yield* add(i === 0 ? quoted(output) : `,${quoted(output)}`);
        }
        yield* add('],"stats":[');
        for (const [i, output] of outputs.entries()) {
            const row = this.rows.get(output);
            const at = row * 3;
            const [size, mtimeMs, ino] = [this.stats[at], this.stats[at + 1], this.stats[at + 2]];
            yield* add(`${i === 0 ? "" : ","}${size ?? 0},${mtimeMs ?? 0},${ino ?? 0}`);
        }
        yield* add('],"sha256":"');
        for (const output of outputs)
            yield* add(this.hashAt(this.rows.get(output)));
        yield chunk + '"}\n';
    }
    /** Write the index atomically if anything changed. `now` is injectable for tests. */
    async save(now = Date.now()) {
        if (!this.changed)
            return;
        // Machine-specific (inodes, mtimes): the state folder's own .gitignore keeps it out of commits.
        await (0,state_dir/* ensureStateDir */.xH)(this.manifestDir);
        // Not synced to disk: a cache, and one a crash leaves missing or damaged is only empty.
        await (0,atomic_write/* writeFileAtomic */.Z)((0,paths.statIndexPath)(this.manifestDir), this.fileChunks(now), {
            durable: false,
        });
        this.writtenAt = now;
        this.changed = false;
    }
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
    const byId = new Map();
    for (let i = 0; i < assets.length; i++)
        byId.set(assets[i].id, i);
    const lockPlace = new Int32Array(assets.length).fill(-1);
    let place = 0;
    const share = (id, entry) => {
        const i = byId.get(id);
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
    if ((0,external_node_fs_.existsSync)((0,paths.statIndexPath)(manifestDir)) || !(0,external_node_fs_.existsSync)(lockPath))
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
    // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
    // those whose request is unchanged are looked at, but which ones is not known until then.
    const probe = early ??
        probeOutputs(manifest.dir, { outputs: manifest.assets.map((a) => a.output) }, { hash: false });
    const hashes = (0,plan_hash.hashAssets)(manifest.assets);
    // byId also answers which ids the manifest has: no second collection of 51,000 ids.
    const { share, lockPlace, byId } = shareAssetStrings(manifest.assets, hashes);
    const [{ lock, path: lockPath, adoptedFrom }, index] = await Promise.all([
        readLock(byId, hashes, share),
        // The index says which outputs need no second look: never one a commit put there.
        (0,state_dir/* verifyStateDir */.wB)(manifest.dir).then(() => StatIndex.load(manifest.dir)),
    ]);
    const checks = outputsToCheck(manifest.assets, lock, hashes);
    // The early probe keeps outputs in the lockfile's order, not the manifest's.
    if (early !== undefined) {
        for (const check of checks) {
            const place = check.asset === undefined ? -1 : (lockPlace[check.asset] ?? -1);
            check.asset = place < 0 ? undefined : place;
        }
    }
    const states = await readOutputStates(manifest.dir, checks, index, await probe?.finish());
    // Entries for outputs no asset writes are dropped. Usually every entry is one plan just
    // checked (outputs are distinct: the loader refuses two assets writing one file), and then
    // none is dropped, without a set of every output (500,000 strings on a large manifest).
    if (!index.holdsOnly(checks.map((c) => c.output))) {
        const outputs = new Set();
        for (const asset of manifest.assets)
            outputs.add(asset.output);
        index.retain(outputs);
    }
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


/***/ }),

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
/* harmony import */ var _plan_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1172);
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

/***/ 1172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ planLockOf),
/* harmony export */   V: () => (/* binding */ readPlanLock)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5102);
/* harmony import */ var _lockfile_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7879);
/**
 * The lock as a plan reads it, which is less than a render must hold. An entry that records an
 * asset's request as it is now (the usual case: most of a large catalogue is unchanged) matters
 * to a plan only for the bytes it recorded, its size and SHA-256, compared with the output on
 * disk. Those go into three columns by the asset's place in the manifest (41 bytes an asset)
 * instead of an object, a fields object and six strings each (about 500 bytes, and work for the
 * garbage collector for as long as the plan runs): at 500,000 assets, 270 MB less and 1.5 s less
 * CPU. Every other entry (a changed request, one with variants, one for no asset) is kept whole.
 *
 * Only `agentframer plan` reads the lock this way; a render, `pull` and `lock merge` need every
 * entry whole (`readLockfile`), and `planLockOf` lets the plan's code read that too.
 */



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
/** A SHA-256 as this tool writes it: the only kind kept as bytes, so it reads back the same. */
const SHA256_HEX = /^[0-9a-f]{64}$/;
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
    /** A later entry for an id replaces an earlier one, as in JSON.parse. */
    keepBytes(id, place, entry) {
        if (this.#kept[place] !== 1 && !this.#whole.delete(id))
            this.count += 1;
        this.#kept[place] = 1;
        this.#size[place] = entry.size;
        this.#sha256.write(entry.sha256, 32 * place, 32, "hex");
    }
    keepWhole(id, place, entry) {
        const inColumns = place !== undefined && this.#kept[place] === 1;
        if (inColumns)
            this.#kept[place] = 0;
        if (!inColumns && !this.#whole.has(id))
            this.count += 1;
        this.#whole.set(id, entry);
    }
}
/**
 * Reads the lockfile at `path` for a plan of the manifest whose assets are `byId` (id → place)
 * with request hashes `hashes` (by place). `share` is called with each entry in file order
 * before it is checked, as `readLockfile` calls it. A lockfile not in the layout this tool writes,
 * or a damaged one, is read whole by `readLockfile` (which throws the same LockfileError a render
 * would); a missing one is empty.
 */
async function readPlanLock(path, byId, hashes, share) {
    const facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { throwIfNoEntry: false });
    // Not a regular file: readLockfile says why, as for a render.
    if (facts === undefined || !facts.isFile())
        return planLockOf(await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_1__.readLockfile)(path, share));
    const lock = new ColumnLock(hashes.length);
    const check = (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_1__.entryChecker)(path);
    let written;
    try {
        written = (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_1__.readWrittenParts)(path, (part) => {
            for (const id of Object.keys(part)) {
                const raw = part[id];
                if (share && typeof raw === "object" && raw !== null) {
                    share(id, raw);
                }
                const entry = check(id, raw);
                const place = byId.get(id);
                if (place !== undefined &&
                    entry.hash === hashes[place] &&
                    entry.variants === undefined &&
                    SHA256_HEX.test(entry.sha256)) {
                    lock.keepBytes(id, place, entry);
                }
                else
                    lock.keepWhole(id, place, entry);
            }
        });
    }
    catch (error) {
        // A damaged entry: the whole file's first problem, worded as a render words it (a merge
        // conflict further down, say, rather than the first entry it broke). A file gone since the
        // stat: empty, as readLockfile has it.
        const gone = error.code === "ENOENT";
        if (!(error instanceof _lockfile_error_js__WEBPACK_IMPORTED_MODULE_2__/* .LockfileError */ .g) && !gone)
            throw error;
        written = false;
    }
    return written ? lock : planLockOf(await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_1__.readLockfile)(path));
}


/***/ })

};
