export const id = 277;
export const ids = [277];
export const modules = {

/***/ 5824:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b$: () => (/* binding */ readPlainFile),
/* harmony export */   jj: () => (/* binding */ isRealFolder),
/* harmony export */   sX: () => (/* binding */ plainFileSize),
/* harmony export */   vK: () => (/* binding */ makeRealFolder)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/**
 * Reading a file under `.agentframer/` that anyone may have put there: the folder is the tool's
 * own (state-dir.ts), but what is in it may come from an Actions cache another branch's run saved,
 * or from an earlier job in a self-hosted runner's workspace. So a file is read only when it is
 * a plain file no larger than its bound: opened without following a symbolic link and without
 * waiting on a FIFO, its kind and size taken from the open handle, never more than the bound read.
 * Folders on the way are checked with lstat by `isRealFolder` (O_NOFOLLOW guards the last name).
 */



const NO_FOLLOW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK;
async function readPlainFile(path, maxBytes) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, NO_FOLLOW);
    }
    catch (error) {
        const code = error.code ?? "error";
        const absent = code === "ENOENT" || code === "ENOTDIR";
        return { ok: false, absent, why: code === "ELOOP" ? "it is a link" : code };
    }
    try {
        const facts = await handle.stat();
        if (!facts.isFile())
            return { ok: false, absent: false, why: "it is not a regular file" };
        if (facts.size > maxBytes) {
            return { ok: false, absent: false, why: `it is larger than ${maxBytes} bytes` };
        }
        const buffer = Buffer.alloc(facts.size);
        const { bytesRead } = await handle.read(buffer, 0, facts.size, 0);
        return { ok: true, bytes: buffer.subarray(0, bytesRead) };
    }
    finally {
        await handle.close();
    }
}
/**
 * Whether `path` is a plain file of at most `maxBytes` (lstat: a link is not one); its size, or
 * undefined. For a file copied by path afterwards (a reflink needs the path): nothing races to
 * swap what the tool's own folder holds, the threat is what was put there before the run.
 */
function plainFileSize(path, maxBytes) {
    const facts = lstatOf(path);
    return facts?.isFile() && facts.size <= maxBytes ? facts.size : undefined;
}
/** Whether `path` is a real folder (lstat: a link to one is not). */
function isRealFolder(path) {
    return lstatOf(path)?.isDirectory() ?? false;
}
/**
 * `path` made if absent and checked to be a real folder, for a write into it: a link in its place
 * (made before the run) is never written through. Its parent is made as needed; the folders
 * above `.agentframer/` are checked by state-dir.ts.
 */
async function makeRealFolder(path) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), { recursive: true });
    // Not recursive: a link named `path` is EEXIST, and nothing is made behind it.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path).catch((error) => {
        if (error.code !== "EEXIST")
            throw error;
    });
    if (!isRealFolder(path)) {
        throw new Error(`${path} is a link or not a folder; nothing is written through it`);
    }
}
/** Called directly, not through libuv's pool: a lookup of cached metadata (see real-folders.ts). */
function lstatOf(path) {
    try {
        // An absent path is the common answer: no exception (and its stack) made for it.
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path, { throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}


/***/ }),

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
/* harmony import */ var _plain_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5824);





/** `tempPathFor` names: `.<target name>.<12 hex>.tmp`, beside the target. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
/**
 * Remove the temp files a killed run left behind: a process that dies mid-download or mid-write
 * (SIGKILL, a cancelled CI job, power loss) never reaches its own cleanup, and its temp file would
 * sit beside the output for ever. Only temps of files this tool writes are touched — the outputs
 * of the manifest's assets and their web variants, the lockfile, the journal, the stat index, the duration memory and
 * the cache entries of the assets this run renders —
 * and only by their exact temp-name pattern, so nothing a person put there is deleted. Run before
 * any write of this run (two renders of one manifest at once are not supported). The folder of
 * links a killed run made for its "before" previews goes too: each keeps a replaced file's bytes
 * on disk.
 */
async function sweepStaleTemps(manifestDir, lockPath, all, toRender) {
    const stateDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.stateDirFor)(manifestDir);
    const cacheDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.cacheDirFor)(manifestDir);
    // Every file this tool may have been writing, by folder. Walked twice, and names gathered
    // only for a folder that holds a temp: at 50,000 assets, sets of every name up front were
    // 150,000 strings (25 MB of a render's peak) for a sweep that almost always finds nothing.
    const eachTarget = (visit) => {
        for (const entry of all) {
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, entry.output));
            // Web variants a derivation was writing when the run died: this recipe's, and the lock's.
            for (const spec of entry.asset?.variants ?? []) {
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, (0,_manifest_variants_js__WEBPACK_IMPORTED_MODULE_2__/* .variantPath */ .v7)(entry.output, spec.width, spec.format)));
            }
            for (const file of entry.lock?.variants?.files ?? [])
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, file.path));
        }
        for (const entry of toRender) {
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), entry.hash));
            visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, entry.hash.slice(0, 2), `${entry.hash}.json`));
        }
        visit(lockPath);
        visit((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.durationMemoryPath)(manifestDir));
    };
    const folders = new Set();
    eachTarget((path) => folders.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)));
    // Folders only this tool writes: every temp in them is one of its own.
    const ownFolders = new Set([(0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.journalDirFor)(manifestDir), stateDir]);
    for (const folder of ownFolders)
        folders.add(folder);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,_paths_js__WEBPACK_IMPORTED_MODULE_3__.beforeSnapshotsDirFor)(manifestDir), { recursive: true, force: true }).catch(() => { });
    // Folder → its temps: [temp name, the name of the file it was to become].
    const temps = new Map();
    for (const folder of folders) {
        // The cache's folders are the tool's own: one that is a link was put there, and is not swept.
        const inCache = folder === cacheDir || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(folder) === cacheDir;
        if (inCache && !((0,_plain_file_js__WEBPACK_IMPORTED_MODULE_4__/* .isRealFolder */ .jj)(cacheDir) && (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_4__/* .isRealFolder */ .jj)(folder)))
            continue;
        let listing;
        try {
            listing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(folder);
        }
        catch {
            continue;
        }
        for (const name of listing) {
            const target = TEMP_NAME.exec(name)?.[1];
            if (target === undefined)
                continue;
            const found = temps.get(folder);
            if (found)
                found.push([name, target]);
            else
                temps.set(folder, [[name, target]]);
        }
    }
    if (temps.size === 0)
        return 0;
    const ours = new Map();
    eachTarget((path) => {
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
        if (!temps.has(folder) || ownFolders.has(folder))
            return;
        const names = ours.get(folder);
        if (names)
            names.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
        else
            ours.set(folder, new Set([(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)]));
    });
    let removed = 0;
    for (const [folder, found] of temps) {
        for (const [name, target] of found) {
            if (!ownFolders.has(folder) && ours.get(folder)?.has(target) !== true)
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.unlink)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, name)).then(() => (removed += 1), () => { });
        }
    }
    return removed;
}


/***/ })

};
