export const id = 594;
export const ids = [594];
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

/***/ 3594:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pullFromStore: () => (/* binding */ pullFromStore)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _state_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6642);
/**
 * `agentframer pull`: put in place the outputs the lock records but the work tree lacks, from the
 * store (the `git lfs pull` of this tool, for outputs that live in the store only). One lookup for
 * every entry, then the bytes in batches (`Store.fetchMany`), each fetched beside its output,
 * checked by the store, compared with the lock's SHA-256 and size (the lock is the truth: the
 * store may hold another render of the same request), then renamed into place. Where an output
 * goes is the manifest's word (`PullItem.output`), never the lock's or the store's. Nothing is
 * rendered and nothing is submitted.
 */



const failed = (item, error) => ({
    id: item.id,
    output: item.output,
    status: "failed",
    error,
});
/** Pull every item: one lookup for all of them, then their bytes in batches. */
async function pullFromStore(items, options) {
    const { store, manifestDir } = options;
    const outcomes = [];
    const done = (outcome) => {
        outcomes.push(outcome);
        options.onProgress?.(outcomes.length, items.length, outcome);
    };
    const hits = await store.lookup(items.map((i) => i.entry.hash));
    const fetches = [];
    const folders = new Set();
    for (const item of items) {
        const hit = hits.get(item.entry.hash);
        if (hit === undefined) {
            done(failed(item, `not in the store (${store.label})`));
        }
        else if (hit.record.sha256 !== item.entry.sha256 || hit.record.size !== item.entry.size) {
            done(failed(item, `the store holds other bytes for this request than the lock records (another render); re-render it with agentframer render --only ${item.id} --force`));
        }
        else {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, item.output);
            folders.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(target));
            fetches.push({ hit, dest: (0,_state_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .tempPathFor */ .F)(target), item, target });
        }
    }
    for (const folder of folders)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(folder, { recursive: true });
    await store.fetchMany(fetches, async (fetched, ok) => {
        const { item, target, dest } = fetched;
        if (!ok) {
            done(failed(item, "the store's bytes did not pass verification (see the warning above)"));
            return;
        }
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(dest, target);
            done({ id: item.id, output: item.output, status: "pulled" });
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dest, { force: true });
            done(failed(item, error.message));
        }
    }, options.concurrency);
    return outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}


/***/ })

};
