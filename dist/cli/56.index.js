export const id = 56;
export const ids = [56,763];
export const modules = {

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

/***/ 5056:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  heldInStore: () => (/* binding */ heldInStore),
  mergeShardLocks: () => (/* binding */ mergeShardLocks),
  outputOnDisk: () => (/* binding */ outputOnDisk)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/plan/hash.js
var hash = __webpack_require__(6371);
// EXTERNAL MODULE: ./lib/plan/sha256-file.js
var sha256_file = __webpack_require__(8763);
// EXTERNAL MODULE: ./lib/state/lockfile.js
var lockfile = __webpack_require__(9820);
;// CONCATENATED MODULE: ./lib/state/lock-merge.js

/** Same bytes for the same request at the same path: when and by which job does not matter. */
function sameResult(a, b) {
    return a.hash === b.hash && a.output === b.output && a.sha256 === b.sha256 && a.size === b.size;
}
function isCurrent(entry, asset) {
    return entry !== undefined && entry.hash === asset.hash && entry.output === asset.output;
}
/**
 * Merge `shards` into `base` (the manifest's own lock). For each asset, a shard entry counts only
 * when it is current (the asset's hash and output path now): a shard's lock also carries the
 * entries it checked out, stale ones included, and those say nothing new. Entries of the base that
 * no shard replaces stay as they are, orphans included (`prune` is the tool for those).
 */
function mergeLocks(base, shards, assets) {
    const merged = (0,lockfile.emptyLockfile)();
    for (const id in base.assets)
        merged.assets[id] = base.assets[id];
    const taken = [];
    const conflicts = [];
    const unrendered = [];
    for (const asset of assets) {
        let chosen;
        for (const { name, lock } of shards) {
            const entry = lock.assets[asset.id];
            if (!isCurrent(entry, asset))
                continue;
            if (chosen === undefined)
                chosen = { id: asset.id, lock: name, entry };
            else if (!sameResult(chosen.entry, entry)) {
                conflicts.push({
                    id: asset.id,
                    first: { lock: chosen.lock, entry: chosen.entry },
                    second: { lock: name, entry },
                });
            }
        }
        const own = base.assets[asset.id];
        if (chosen === undefined) {
            if (!isCurrent(own, asset))
                unrendered.push(asset.id);
            continue;
        }
        if (own !== undefined && sameResult(own, chosen.entry))
            continue;
        merged.assets[asset.id] = chosen.entry;
        taken.push(chosen);
    }
    return { merged, taken, conflicts, unrendered };
}
/** The message for a conflict: both locks, and what differs. */
function describeConflict(conflict) {
    const { id, first, second } = conflict;
    const what = (e) => `sha256 ${e.sha256.slice(0, 12)}…, ${e.size} bytes`;
    return (`${id}: ${first.lock} and ${second.lock} hold different results for the same request ` +
        `(${what(first.entry)} vs ${what(second.entry)}); keep one of the two renders and merge again`);
}

// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/run-lock.js
var run_lock = __webpack_require__(8482);
;// CONCATENATED MODULE: ./lib/state/merge-shard-locks.js
/**
 * The merge of shard locks into a manifest's lock, with its I/O: read the locks, check the bytes
 * each taken entry names, and write the manifest's lock atomically, or write nothing at all when
 * two locks disagree or an entry's bytes are not where it says.
 */







/** The output file beside the manifest must hold exactly the bytes the entry records. */
function outputOnDisk(manifestDir) {
    return async (entry) => {
        const path = `${manifestDir}/${entry.output}`;
        const facts = await (0,promises_.stat)(path).catch(() => undefined);
        if (facts === undefined || !facts.isFile())
            return `${entry.output} is not on disk`;
        if (facts.size !== entry.size) {
            return `${entry.output} holds ${facts.size} bytes where the lock says ${entry.size}`;
        }
        if ((await (0,sha256_file.sha256File)(path, facts.size)) !== entry.sha256) {
            return `${entry.output} does not hold the bytes the lock records (SHA-256 differs)`;
        }
        return undefined;
    };
}
/**
 * With outputs in the store only, the store must hold exactly the bytes the entry records: a
 * lock entry is the promise that `agentframer pull` can bring them.
 */
function heldInStore(store) {
    return async (entry) => {
        const hit = (await store.lookup([entry.hash])).get(entry.hash);
        if (hit === undefined)
            return `${entry.output} is not in the store (${store.label})`;
        if (hit.record.sha256 !== entry.sha256 || hit.record.size !== entry.size) {
            return `the store (${store.label}) holds other bytes for ${entry.output} than the lock records`;
        }
        return undefined;
    };
}
/** Entries checked at once: enough to overlap reads, few enough to bound open files. */
const CHECK_CONCURRENCY = 16;
async function checkAll(taken, check) {
    const bad = [];
    let next = 0;
    const worker = async () => {
        while (next < taken.length) {
            const candidate = taken[next++];
            const why = await check(candidate.entry);
            if (why !== undefined)
                bad.push({ candidate, why });
        }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, taken.length) }, worker));
    return bad.sort((a, b) => (a.candidate.id < b.candidate.id ? -1 : 1));
}
/**
 * Merge `shards` into the manifest's lock. Throws LockfileError for a lock that does not parse
 * (naming it) and ManifestError for a manifest whose requests cannot be hashed.
 */
async function mergeShardLocks(manifest, shards, check = outputOnDisk(manifest.dir)) {
    const hashes = (0,hash.hashAssets)(manifest.assets);
    const assets = manifest.assets.map((a, i) => ({
        id: a.id,
        output: a.output,
        hash: hashes[i],
    }));
    const named = await Promise.all(shards.map(async ({ path, name }) => ({ name, lock: await (0,lockfile.readLockfile)(path) })));
    return (0,run_lock/* withRunLock */.Z)(manifest.dir, async () => {
        const lockPath = (0,paths/* lockfilePathFor */.qt)(manifest.path);
        const outcome = mergeLocks(await (0,lockfile.readLockfile)(lockPath), named, assets);
        const badBytes = outcome.conflicts.length === 0 ? await checkAll(outcome.taken, check) : [];
        const problems = [
            ...outcome.conflicts.map(describeConflict),
            ...badBytes.map(({ candidate, why }) => `${candidate.id} (from ${candidate.lock}): ${why}`),
        ];
        const written = problems.length === 0 && outcome.taken.length > 0;
        if (written)
            await (0,lockfile.writeLockfile)(lockPath, outcome.merged);
        return { ...outcome, badBytes, written, problems };
    });
}


/***/ })

};
