export const id = 855;
export const ids = [855,763];
export const modules = {

/***/ 6855:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planManifest: () => (/* binding */ planManifest)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./lib/plan/hash.js
var plan_hash = __webpack_require__(6371);
// EXTERNAL MODULE: ./lib/plan/lockfile.js
var lockfile = __webpack_require__(2758);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
// EXTERNAL MODULE: ./lib/plan/sha256-file.js
var sha256_file = __webpack_require__(8763);
;// CONCATENATED MODULE: ./lib/plan/output-state.js
/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */




/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;
async function readOutputStates(manifestDir, checks, index, prestat) {
    const states = new Map();
    const toHash = [];
    // Synchronous stat: for tens of thousands of small calls it is several times quicker than
    // the promise API's round trips through the thread pool.
    for (const { output, size, asset } of checks) {
        // Plain concatenation: the loader has already normalised `output`, and path.join's
        // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
        const path = `${manifestDir}/${output}`;
        const known = prestat?.(output, asset);
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
            // Modified whatever its hash; not worth reading.
            states.set(output, { exists: true, size: s.size });
        }
        else {
            const facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
            const sha256 = index.trustedSha256(output, facts);
            if (sha256 !== undefined)
                states.set(output, { exists: true, size: s.size, sha256 });
            else if (known?.sha256 !== undefined) {
                states.set(output, { exists: true, size: s.size, sha256: known.sha256 });
                index.set(output, facts, known.sha256);
            }
            else
                toHash.push({ output, path, ...facts });
        }
    }
    let next = 0;
    const worker = async () => {
        while (next < toHash.length) {
            const item = toHash[next++];
            if (item === undefined)
                break;
            const sha256 = await (0,sha256_file.sha256File)(item.path, item.size);
            states.set(item.output, { exists: true, size: item.size, sha256 });
            index.set(item.output, item, sha256);
        }
    };
    await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, toHash.length) }, worker));
    return states;
}
/** Below this many outputs a worker's start-up costs more than the stat calls it takes over. */
const STAT_WORKER_MIN = 2000;
/**
 * Stats output `i` (and, up to `hashUpTo` bytes, hashes it) into shared memory. Run on both
 * threads: the worker gets its source text, so it must use nothing but its parameters. Kinds, at
 * facts[i * 4], written last: 0 not done, 1 no such file, 2 file, 3 not a file, 4 stat failed
 * (the caller stats it again, to throw the same error), 5 file with its SHA-256 in digests.
 */
function probeOutput(i, path, hashUpTo, facts, digests, { fs, crypto }) {
    let s;
    try {
        s = fs.statSync(path, { throwIfNoEntry: false });
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
    let kind = s.isFile() ? 2 : 3;
    if (kind === 2 && s.size <= hashUpTo) {
        try {
            digests.set(crypto.createHash("sha256").update(fs.readFileSync(path)).digest(), i * 32);
            kind = 5;
        }
        catch {
            // Unreadable: left for the caller, whose read reports it.
        }
    }
    facts[i * 4] = kind;
}
// Plain CommonJS, run with `eval`: no file to locate next to the bundle. Both threads take
// outputs from one shared counter, so neither waits while the other has work left.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const modules = { fs: require("node:fs"), crypto: require("node:crypto") };
const probe = ${probeOutput.toString()};
const { dir, outputs, hashUpTo, claim, facts, digests } = workerData;
const next = new Int32Array(claim);
const f = new Float64Array(facts);
const d = new Uint8Array(digests);
for (;;) {
  const i = Atomics.add(next, 0, 1);
  if (i >= outputs.length) break;
  probe(i, dir + "/" + outputs[i], hashUpTo, f, d, modules);
}
parentPort.postMessage("done");
`;
const NOT_A_FILE = { size: -1, mtimeMs: 0, ino: 0, isFile: () => false };
/**
 * Starts stat-ing `outputs` on a worker thread, so that the 50,000 stat calls of a large plan
 * run on the second core while this thread parses the lockfile and hashes requests; `finish`
 * then shares what is left. With `hash` (no stat index yet: every output would be read) the
 * outputs are also read and hashed. `undefined` when there are too few outputs to be worth it.
 * An output the probe has no answer for is stat-ed and read by readOutputStates, as before.
 */
function probeOutputs(dir, outputs, { min = STAT_WORKER_MIN, hash = false } = {}) {
    if (outputs.length < min)
        return undefined;
    const shared = {
        claim: new SharedArrayBuffer(4),
        facts: new SharedArrayBuffer(outputs.length * 4 * 8),
        digests: new SharedArrayBuffer(hash ? outputs.length * 32 : 0),
    };
    const hashUpTo = hash ? sha256_file/* READ_WHOLE_UP_TO */.l : -1;
    const workerDone = new Promise((resolve) => {
        try {
            const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, {
                eval: true,
                workerData: { dir, outputs, hashUpTo, ...shared },
            });
            // A plan that fails early (a damaged lockfile) must not wait for the thread to finish.
            worker.unref();
            worker.once("message", () => {
                resolve();
                void worker.terminate();
            });
            worker.once("error", () => resolve());
            worker.once("exit", () => resolve());
        }
        catch {
            resolve(); // no thread: this one does it all in finish()
        }
    });
    const next = new Int32Array(shared.claim);
    const facts = new Float64Array(shared.facts);
    const digests = new Uint8Array(shared.digests);
    return {
        async finish({ steal = true } = {}) {
            const modules = { fs: { statSync: external_node_fs_.statSync, readFileSync: external_node_fs_.readFileSync }, crypto: { createHash: external_node_crypto_.createHash } };
            for (let i = steal ? Atomics.add(next, 0, 1) : outputs.length; i < outputs.length;) {
                probeOutput(i, `${dir}/${outputs[i]}`, hashUpTo, facts, digests, modules);
                i = Atomics.add(next, 0, 1);
            }
            await workerDone;
            // By position when the caller gives it (plan does: outputs are in asset order), else by
            // name through a map built only then.
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
            return (output, at) => {
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
                const sha256 = Buffer.from(shared.digests, i * 32, 32).toString("hex");
                return { size, mtimeMs, ino, isFile: () => true, sha256 };
            };
        },
    };
}

// EXTERNAL MODULE: ./lib/plan/types.js
var types = __webpack_require__(3246);
;// CONCATENATED MODULE: ./lib/plan/plan.js


/**
 * Outputs whose state decides an asset's status. New and changed assets render whatever is on
 * disk, so only assets whose hash matches the lock need their output examined.
 */
function outputsToCheck(assets, lock, hashes) {
    const checks = [];
    assets.forEach((asset, i) => {
        const locked = lock.assets[asset.id];
        if (locked !== undefined && locked.hash === hashes[i]) {
            checks.push({ output: asset.output, size: locked.size, asset: i });
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
 */
function planAssets(assets, lock, outputs, hashes = assets.map(plan_hash.assetHash)) {
    const entries = [];
    const counts = emptyCounts();
    const seen = new Set();
    assets.forEach((asset, i) => {
        const hash = hashes[i] ?? (0,plan_hash.assetHash)(asset);
        const locked = lock.assets[asset.id];
        seen.add(asset.id);
        const entry = { id: asset.id, status: "new", output: asset.output, hash, asset };
        if (locked !== undefined) {
            entry.lock = locked;
            if (locked.hash !== hash) {
                entry.status = "changed";
                // Per-field hashes only here: they cost four SHA-256s an asset, needless when unchanged.
                entry.changedFields = (0,plan_hash.changedFields)((0,plan_hash.fieldHashes)(asset), locked.fields);
            }
            else {
                const state = outputs.get(asset.output);
                if (state === undefined) {
                    throw new Error(`planAssets: no output state for ${asset.output} (asset "${asset.id}")`);
                }
                entry.status = !state.exists
                    ? "missing"
                    : state.size !== locked.size || state.sha256 !== locked.sha256
                        ? "modified"
                        : "unchanged";
            }
        }
        counts[entry.status] += 1;
        entries.push(entry);
    });
    const orphans = Object.keys(lock.assets)
        .filter((id) => !seen.has(id))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const id of orphans) {
        const locked = lock.assets[id];
        if (locked === undefined)
            continue;
        entries.push({
            id,
            status: "orphaned",
            output: locked.output,
            hash: locked.hash,
            lock: locked,
        });
        counts.orphaned += 1;
    }
    return { entries, counts };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/util/atomic-write.js
var atomic_write = __webpack_require__(3417);
;// CONCATENATED MODULE: ./lib/plan/stat-index.js
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




const STATE_DIR = ".agentframer";
const STAT_INDEX_FILE = "stat-index.json";
const INDEX_VERSION = 2;
const RACY_WINDOW_MS = 2000;
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
function statIndexPath(manifestDir) {
    return (0,external_node_path_.join)(manifestDir, STATE_DIR, STAT_INDEX_FILE);
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
            const data = JSON.parse((0,external_node_fs_.readFileSync)(statIndexPath(manifestDir), "utf8"));
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
        const s = await (0,promises_.stat)((0,external_node_path_.join)(this.manifestDir, output));
        this.set(output, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }, sha256);
    }
    /**
     * The file as `JSON.stringify(file) + "\n"` would give it (an IndexFile, outputs sorted), but
     * written piece by piece into one buffer: after a cold plan it is 6 MB, and the string, its
     * UTF-8 copy and the hashes joined on the way all coexisted at the process's peak.
     */
    fileBytes(now) {
        const outputs = [...this.rows.keys()].sort();
        const rows = outputs.map((output) => this.rows.get(output));
        const paths = outputs.map((output) => JSON.stringify(output));
        const numbers = (row) => [0, 1, 2].map((k) => JSON.stringify(this.stats[row * 3 + k] ?? 0));
        const head = `{"version":${INDEX_VERSION},"writtenAt":${JSON.stringify(now)},"outputs":[`;
        let size = head.length + '],"stats":['.length + '],"sha256":"'.length + '"}\n'.length;
        for (const path of paths)
            size += Buffer.byteLength(path) + 1;
        for (const row of rows)
            for (const n of numbers(row))
                size += n.length + 1;
        size += rows.length * 64;
        const bytes = Buffer.allocUnsafe(size);
        let at = 0;
        const put = (text) => {
            at += bytes.write(text, at);
        };
        put(head);
        paths.forEach((path, i) => put(i === 0 ? path : `,${path}`));
        put('],"stats":[');
        rows.forEach((row, i) => put((i === 0 ? "" : ",") + numbers(row).join(",")));
        put('],"sha256":"');
        for (const row of rows)
            put(this.hashAt(row));
        put('"}\n');
        // `size` counted a comma after every item; the last of each list has none.
        return bytes.subarray(0, at);
    }
    /** Write the index atomically if anything changed. `now` is injectable for tests. */
    async save(now = Date.now()) {
        if (!this.changed)
            return;
        const dir = (0,external_node_path_.join)(this.manifestDir, STATE_DIR);
        await (0,promises_.mkdir)(dir, { recursive: true });
        // Machine-specific (inodes, mtimes): keep it out of commits even without a root .gitignore.
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(() => { });
        await (0,atomic_write/* writeFileAtomic */.Z)(statIndexPath(this.manifestDir), this.fileBytes(now));
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

;// CONCATENATED MODULE: ./lib/plan/plan-manifest.js
/** Plan a loaded manifest: read the lock and the outputs, then the pure plan. */






/** Throws ManifestError for a request that cannot be sent, LockfileError for a damaged lockfile; writes nothing. */
async function planManifest(manifest) {
    const lockPath = (0,lockfile.lockfilePath)(manifest.dir);
    // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
    // those whose request is unchanged are looked at, but which ones is not known until then.
    // Without a stat index every one of them is read, so the thread reads and hashes them too.
    const probe = probeOutputs(manifest.dir, manifest.assets.map((a) => a.output), { hash: !(0,external_node_fs_.existsSync)(statIndexPath(manifest.dir)) });
    const [lock, index] = await Promise.all([(0,lockfile.readLockfile)(lockPath), StatIndex.load(manifest.dir)]);
    const hashes = (0,plan_hash.hashAssets)(manifest.assets);
    const states = await readOutputStates(manifest.dir, outputsToCheck(manifest.assets, lock, hashes), index, await probe?.finish());
    const outputs = new Set();
    for (const asset of manifest.assets)
        outputs.add(asset.output);
    index.retain(outputs);
    return { plan: planAssets(manifest.assets, lock, states, hashes), lock, lockPath, index };
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


/***/ })

};
