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
 * store (the `git lfs pull` of this tool, for outputs that live in the store only). Every entry
 * is fetched beside its output, checked by the store with `verifyStoredBytes`, compared with the
 * lock's SHA-256 and size (the lock is the truth: the store may hold another render of the same
 * request), then renamed into place. Nothing is rendered and nothing is submitted.
 */



function failed(item, error) {
    return { id: item.id, output: item.entry.output, status: "failed", error };
}
async function pullOne(item, hit, { store, manifestDir }) {
    const { entry } = item;
    if (hit === undefined)
        return failed(item, `not in the store (${store.label})`);
    if (hit.record.sha256 !== entry.sha256 || hit.record.size !== entry.size) {
        return failed(item, `the store holds other bytes for this request than the lock records (another render); re-render it with agentframer render --only ${item.id} --force`);
    }
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifestDir, entry.output);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(target), { recursive: true });
    const temp = (0,_state_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .tempPathFor */ .F)(target);
    try {
        if (!(await store.fetch(hit, temp))) {
            return failed(item, "the store's bytes did not pass verification (see the warning above)");
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temp, target);
        return { id: item.id, output: entry.output, status: "pulled" };
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(temp, { force: true });
        return failed(item, error.message);
    }
}
/** Pull every item; one lookup for all of them, then `concurrency` fetches at once. */
async function pullFromStore(items, options) {
    const hits = await options.store.lookup(items.map((i) => i.entry.hash));
    const outcomes = [];
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            const outcome = await pullOne(item, hits.get(item.entry.hash), options);
            outcomes.push(outcome);
            options.onProgress?.(outcomes.length, items.length, outcome);
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency), items.length) }, worker));
    return outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}


/***/ })

};
