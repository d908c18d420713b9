export const id = 39;
export const ids = [39];
export const modules = {

/***/ 6642:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ tempPathFor),
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);



/**
 * Temp names are unique per process by a random prefix drawn once and a counter: random bytes
 * for every name cost more than the rest of a small write.
 */
const processPrefix = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString("hex");
let counter = 0;
/** A temp name beside `target`, so the final rename stays on one file system. */
function tempPathFor(target) {
    counter = (counter + 1) % 0x1000000;
    const unique = `${processPrefix}${counter.toString(16).padStart(6, "0")}`;
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(target)}.${unique}.tmp`);
}
/**
 * Write `data` to `target` so that a reader (or a crash) sees either the old file or the new one,
 * never a partial one: write a temp file beside it, fsync, rename over the target. `durable:
 * false` skips the fsync, for caches: readers still never see a partial file, but after a power
 * loss the new file may be empty or missing, which a cache must (and does) treat as empty.
 * `data` may come in pieces (an iterable), written one after another, so that a big file is never
 * held whole in memory.
 */
async function writeFileAtomic(target, data, { durable = true } = {}) {
    const temp = tempPathFor(target);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(temp, "wx", 0o644);
    try {
        if (typeof data === "string" || data instanceof Uint8Array)
            await handle.writeFile(data);
        else
            for (const piece of data)
                await handle.writeFile(piece);
        if (durable)
            await handle.sync();
    }
    catch (error) {
        await handle.close().catch(() => { });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
        throw error;
    }
    await handle.close();
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, target);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
        throw error;
    }
}


/***/ }),

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


/***/ })

};
