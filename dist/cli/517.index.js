export const id = 517;
export const ids = [517];
export const modules = {

/***/ 5517:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ readTextFile),
/* harmony export */   o: () => (/* binding */ notRegular)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(789);



const utf8 = new TextDecoder("utf-8", { fatal: true });
/**
 * Reads a UTF-8 text file no larger than `maxBytes`. The size is checked on the open handle,
 * before reading, so that a huge or growing file cannot exhaust memory. Never throws.
 *
 * Only a regular file is opened: opening a FIFO for reading blocks until a writer comes, in a
 * thread nothing can interrupt (not Ctrl-C, not SIGTERM), and a device may never end. So the
 * path is stat'ed first, and opened non-blocking so that one swapped in after the stat is still
 * refused by the fstat that follows instead of hanging.
 */
async function readTextFile(path, maxBytes) {
    let handle;
    try {
        const before = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path);
        if (!before.isFile())
            return { ok: false, reason: notRegular(before) };
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (error) {
        return { ok: false, reason: ioReason(error) };
    }
    try {
        const facts = await handle.stat();
        if (!facts.isFile())
            return { ok: false, reason: notRegular(facts) };
        if (facts.size > maxBytes) {
            return {
                ok: false,
                reason: `it is ${(0,_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMiB */ .av)(facts.size)}, over the limit of ${(0,_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMiB */ .av)(maxBytes)}`,
            };
        }
        // Read one byte past the limit: a file that grew since fstat is still refused.
        const buffer = Buffer.alloc(Math.min(facts.size, maxBytes) + 1);
        let filled = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
            if (filled === buffer.length) {
                return { ok: false, reason: `it is larger than the limit of ${(0,_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMiB */ .av)(maxBytes)}` };
            }
        }
        try {
            return { ok: true, text: utf8.decode(buffer.subarray(0, filled)) };
        }
        catch {
            return { ok: false, reason: "it is not valid UTF-8 text" };
        }
    }
    catch (error) {
        return { ok: false, reason: ioReason(error) };
    }
    finally {
        await handle.close().catch(() => undefined);
    }
}
/** What a non-regular file is, for "cannot read …: it is a named pipe (FIFO), not a regular file". */
function notRegular(facts) {
    const what = facts.isDirectory()
        ? "a folder"
        : facts.isFIFO()
            ? "a named pipe (FIFO)"
            : facts.isSocket()
                ? "a socket"
                : facts.isCharacterDevice() || facts.isBlockDevice()
                    ? "a device"
                    : "something other than a file";
    return `it is ${what}, not a regular file`;
}
function ioReason(error) {
    const code = error?.code;
    switch (code) {
        case "ENOENT":
            return "no such file";
        case "EACCES":
        case "EPERM":
            return "permission denied";
        case "EISDIR":
            return "it is a folder";
        case "ENOTDIR":
            return "a parent of it is not a folder";
        default:
            return error instanceof Error ? error.message : String(error);
    }
}


/***/ })

};
