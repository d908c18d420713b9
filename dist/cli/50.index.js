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
