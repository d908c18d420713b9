export const id = 328;
export const ids = [328];
export const modules = {

/***/ 9328:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LFS_POINTER_MAX_BYTES: () => (/* binding */ LFS_POINTER_MAX_BYTES),
/* harmony export */   lfsPointerNote: () => (/* binding */ lfsPointerNote),
/* harmony export */   parseLfsPointer: () => (/* binding */ parseLfsPointer),
/* harmony export */   readLfsPointer: () => (/* binding */ readLfsPointer)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/**
 * Git LFS pointer files. Where outputs are tracked by LFS and the checkout did not fetch LFS
 * objects (actions/checkout without `lfs: true`), each output on disk is a small text file naming
 * the real file's SHA-256 and size. When those are the lock's, the output is the recorded one,
 * only not fetched: plan calls it unchanged, and nothing is submitted to replace it.
 * https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
 */

/** The spec caps a pointer file at 1024 bytes: anything larger is never read as one. */
const LFS_POINTER_MAX_BYTES = 1024;
const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\nsize (\d+)\n/;
/** The object a pointer file's text names, or undefined when the text is not a pointer. */
function parseLfsPointer(text) {
    const match = POINTER.exec(text);
    if (match === null)
        return undefined;
    return { sha256: match[1], size: Number(match[2]) };
}
/** Reads `path` (of `size` bytes, at most LFS_POINTER_MAX_BYTES) as a pointer file. */
function readLfsPointer(path, size) {
    if (size > LFS_POINTER_MAX_BYTES)
        return undefined;
    const buffer = Buffer.alloc(size);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, "r");
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, size, 0);
        return parseLfsPointer(buffer.toString("latin1", 0, read));
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** The one line a plan or render prints when it found outputs that are LFS pointers. */
function lfsPointerNote(count) {
    return (`${count} output${count === 1 ? " is a Git LFS pointer" : "s are Git LFS pointers"} ` +
        "(LFS files were not fetched) naming the bytes the lock records, so " +
        `${count === 1 ? "it counts" : "they count"} as unchanged and nothing is rendered for ` +
        "them. To have the files themselves, run `git lfs pull`, or set `lfs: true` on actions/checkout.");
}


/***/ })

};
