export const id = 50;
export const ids = [50];
export const modules = {

/***/ 2050:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   adoptionNote: () => (/* binding */ adoptionNote),
/* harmony export */   readManifestLock: () => (/* binding */ readManifestLock)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9820);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);
/**
 * Which lock a manifest reads, now that each manifest has its own (paths.ts names it), and the
 * migration from the days when every manifest in a folder shared agentframer.lock.
 */




/** What to tell the user when a manifest's lock started from the shared agentframer.lock. */
function adoptionNote(manifestPath, adoptedFrom) {
    const own = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .lockfilePathFor */ .qt)(manifestPath));
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
async function readManifestLock(manifestPath, ids, share) {
    const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .lockfilePathFor */ .qt)(manifestPath);
    const shared = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .sharedLockfilePath */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(manifestPath));
    if (path === shared || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(shared)) {
        return { lock: await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.readLockfile)(path, share), path };
    }
    const all = await (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.readLockfile)(shared);
    const lock = (0,_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.emptyLockfile)();
    for (const [id, entry] of Object.entries(all.assets)) {
        if (ids.has(id))
            lock.assets[id] = entry;
    }
    return { lock, path, adoptedFrom: shared };
}


/***/ }),

/***/ 1997:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ cacheDirFor),
/* harmony export */   G$: () => (/* binding */ statIndexPath),
/* harmony export */   O4: () => (/* binding */ stateDirFor),
/* harmony export */   Ob: () => (/* binding */ journalDirFor),
/* harmony export */   U$: () => (/* binding */ storeGitDirFor),
/* harmony export */   _f: () => (/* binding */ sharedLockfilePath),
/* harmony export */   qt: () => (/* binding */ lockfilePathFor),
/* harmony export */   tg: () => (/* binding */ durationMemoryPath),
/* harmony export */   xH: () => (/* binding */ ensureStateDir)
/* harmony export */ });
/* unused harmony export STATE_DIR_NAME */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);


/**
 * Every file the tool keeps beside a manifest, in one place: the answer to "where is X written".
 *
 * - the lock, named after the manifest (`media.yml` → `media.lock`): what was rendered, per
 *   asset (committed; see lockfile.ts).
 * - `.agentframer/`: per-checkout state, never committed (it holds its own `.gitignore`):
 *   - `cache/`: results by asset hash (cache.ts), and `cache/durations.json`, what earlier runs
 *     learnt of job durations (render/polling/duration-memory.ts);
 *   - `journal/`: one record per asset in flight (journal.ts);
 *   - `stat-index.json`: size, mtime and SHA-256 of outputs, to skip re-reading them (stat-index.ts);
 *   - `store.git/`: the store's private bare repository (store/git-store.ts), never the user's .git.
 *
 * Writes go through the modules named above, each with `atomic-write.ts`.
 */
const STATE_DIR_NAME = ".agentframer";
/**
 * Every manifest keeps its own lock beside it, named after it: `agentframer.yml` →
 * `agentframer.lock`, `media.yml` → `media.lock`. Two manifests in one folder never share one
 * (a prune of one would otherwise see the other's assets as orphaned, and delete their outputs).
 * Every reader and writer of a lock takes its path from here.
 */
function lockfilePathFor(manifestPath) {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(manifestPath).replace(/\.ya?ml$/i, "");
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(manifestPath), `${name}.lock`);
}
/**
 * Before each manifest had its own lock, every manifest in a folder wrote this one; it is read
 * only to migrate (see readManifestLock in lockfile.ts).
 */
function sharedLockfilePath(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, "agentframer.lock");
}
function stateDirFor(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, STATE_DIR_NAME);
}
function cacheDirFor(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stateDirFor(manifestDir), "cache");
}
/** What earlier runs learnt of job durations, inside the cache so the action's cache carries it. */
function durationMemoryPath(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDirFor(manifestDir), "durations.json");
}
function journalDirFor(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stateDirFor(manifestDir), "journal");
}
function statIndexPath(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stateDirFor(manifestDir), "stat-index.json");
}
function storeGitDirFor(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stateDirFor(manifestDir), "store.git");
}
/**
 * Create the state folder with its own `.gitignore`, so that a commit made by the action (or a
 * careless `git add -A` by a person) never picks up the cache, the journal or the index.
 */
async function ensureStateDir(manifestDir) {
    const dir = stateDirFor(manifestDir);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, ".gitignore"), "*\n", { flag: "wx" }).catch((error) => {
        if (error.code !== "EEXIST")
            throw error;
    });
    return dir;
}


/***/ })

};
