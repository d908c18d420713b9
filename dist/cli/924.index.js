export const id = 924;
export const ids = [924];
export const modules = {

/***/ 2924:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   syncMediaJson: () => (/* binding */ syncMediaJson)
/* harmony export */ });
/* unused harmony exports MEDIA_JSON_VERSION, mediaJsonText */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6642);
/* harmony import */ var _lockfile_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5102);
/**
 * `<manifest stem>.media.json`: for each asset with web variants, what a site needs for `srcset`
 * and layout — the output, its pixel size, a placeholder, and each variant's path, format, size
 * and bytes. A projection of the lock (which holds all of it), sorted by id like the lock, so the
 * same lock always gives the same bytes; written atomically, and only when they change.
 */



const MEDIA_JSON_VERSION = 1;
/** The file's text for the lock's entries of `ids` (the manifest's assets) that have variants. */
function mediaJsonText(lock, ids) {
    const assets = {};
    for (const id of [...ids].sort(_lockfile_js__WEBPACK_IMPORTED_MODULE_2__.compareCodeUnits)) {
        const entry = lock.assets[id];
        const v = entry?.variants;
        if (entry === undefined || v === undefined)
            continue;
        assets[id] = {
            output: entry.output,
            width: v.width,
            height: v.height,
            placeholder: v.placeholder,
            variants: v.files.map(({ path, format, width, height, bytes }) => ({
                path,
                format,
                width,
                height,
                bytes,
            })),
        };
    }
    if (Object.keys(assets).length === 0)
        return undefined;
    return `${JSON.stringify({ version: MEDIA_JSON_VERSION, assets }, null, 2)}\n`;
}
/**
 * Brings the file in line with the lock: rewritten when its bytes would differ, removed when no
 * asset has variants any more. Returns whether it changed.
 */
async function syncMediaJson(path, lock, ids) {
    const text = mediaJsonText(lock, ids);
    const current = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, "utf8").catch(() => undefined);
    if (text === current)
        return false;
    if (text === undefined) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
        return true;
    }
    await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__/* .writeFileAtomic */ .Z)(path, text);
    return true;
}


/***/ })

};
