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
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5102);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);
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
    const shared = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.sharedLockfilePath)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(manifestPath));
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


/***/ })

};
