export const id = 997;
export const ids = [997];
export const modules = {

/***/ 1997:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOCKFILE_NAME: () => (/* binding */ LOCKFILE_NAME),
/* harmony export */   STATE_DIR_NAME: () => (/* binding */ STATE_DIR_NAME),
/* harmony export */   cacheDirFor: () => (/* binding */ cacheDirFor),
/* harmony export */   durationMemoryPath: () => (/* binding */ durationMemoryPath),
/* harmony export */   ensureStateDir: () => (/* binding */ ensureStateDir),
/* harmony export */   journalDirFor: () => (/* binding */ journalDirFor),
/* harmony export */   lockfilePath: () => (/* binding */ lockfilePath),
/* harmony export */   statIndexPath: () => (/* binding */ statIndexPath),
/* harmony export */   stateDirFor: () => (/* binding */ stateDirFor)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);


/**
 * Every file the tool keeps beside a manifest, in one place: the answer to "where is X written".
 *
 * - `agentframer.lock`: what was rendered, per asset (committed; see lockfile.ts).
 * - `.agentframer/`: per-checkout state, never committed (it holds its own `.gitignore`):
 *   - `cache/`: results by asset hash (cache.ts), and `cache/durations.json`, what earlier runs
 *     learnt of job durations (render/polling/duration-memory.ts);
 *   - `journal/`: one record per asset in flight (journal.ts);
 *   - `stat-index.json`: size, mtime and SHA-256 of outputs, to skip re-reading them (stat-index.ts).
 *
 * Writes go through the modules named above, each with `atomic-write.ts`.
 */
const LOCKFILE_NAME = "agentframer.lock";
const STATE_DIR_NAME = ".agentframer";
/** The lockfile lives beside the manifest. */
function lockfilePath(manifestDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, LOCKFILE_NAME);
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
