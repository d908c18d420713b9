export const id = 277;
export const ids = [277];
export const modules = {

/***/ 6277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sweepStaleTemps: () => (/* binding */ sweepStaleTemps)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_variants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5907);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);




/** `tempPathFor` names: `.<target name>.<12 hex>.tmp`, beside the target. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
/**
 * Remove the temp files a killed run left behind: a process that dies mid-download or mid-write
 * (SIGKILL, a cancelled CI job, power loss) never reaches its own cleanup, and its temp file would
 * sit beside the output for ever. Only temps of files this tool writes are touched — the outputs
 * of the manifest's assets and their web variants, the lockfile, the journal, the stat index, the duration memory and
 * the cache entries of the assets this run renders —
 * and only by their exact temp-name pattern, so nothing a person put there is deleted. Run before
 * any write of this run (two renders of one manifest at once are not supported).
 */
async function sweepStaleTemps(manifestDir, lockPath, all, toRender) {
    // Folder → the names whose temps may go there, or "all" for folders only this tool writes.
    const stateDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.stateDirFor)(manifestDir);
    const cacheDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.cacheDirFor)(manifestDir);
    const targetsByFolder = new Map();
    const add = (path) => {
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
        const names = targetsByFolder.get(folder) ?? new Set();
        if (names !== "all")
            targetsByFolder.set(folder, names.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)));
    };
    for (const entry of all) {
        add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, entry.output));
        // Web variants a derivation was writing when the run died: this recipe's, and the lock's.
        for (const spec of entry.asset?.variants ?? []) {
            add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, (0,_manifest_variants_js__WEBPACK_IMPORTED_MODULE_2__/* .variantPath */ .v7)(entry.output, spec.width, spec.format)));
        }
        for (const file of entry.lock?.variants?.files ?? [])
            add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, file.path));
    }
    for (const entry of toRender) {
        add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), entry.hash));
        add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), `${entry.hash}.json`));
    }
    add(lockPath);
    add((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.durationMemoryPath)(manifestDir));
    targetsByFolder.set((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.journalDirFor)(manifestDir), "all");
    targetsByFolder.set(stateDir, "all");
    let removed = 0;
    for (const [folder, names] of targetsByFolder) {
        let listing;
        try {
            listing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(folder);
        }
        catch {
            continue;
        }
        for (const name of listing) {
            const target = TEMP_NAME.exec(name)?.[1];
            if (target === undefined || (names !== "all" && !names.has(target)))
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.unlink)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, name)).then(() => (removed += 1), () => { });
        }
    }
    return removed;
}


/***/ })

};
