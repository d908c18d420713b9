export const id = 52;
export const ids = [52];
export const modules = {

/***/ 3052:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   foldersNotIgnored: () => (/* binding */ foldersNotIgnored)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/**
 * With outputs in the store only, git must not pick them up: the folders that hold them belong in
 * `.gitignore`. This finds the output folders git would still track, so the tool can say which
 * lines to add (it does not edit the user's `.gitignore` itself).
 */

/** Folders (relative to the manifest's, with a trailing slash) whose outputs git does not ignore. */
async function foldersNotIgnored(outputs, git) {
    // One output per folder stands for the folder: a catalogue has a handful of folders, not 50,000.
    const sample = new Map();
    for (const output of outputs) {
        const folder = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(output);
        if (!sample.has(folder))
            sample.set(folder, output);
    }
    if (sample.size === 0)
        return [];
    let ignored;
    try {
        const out = await git(["check-ignore", "--", ...sample.values()]);
        ignored = new Set(out.split("\n").filter(Boolean));
    }
    catch (error) {
        // Exit 1: none of them is ignored. Anything else (not a repository): nothing to say.
        if (error.exitCode !== 1)
            return [];
        ignored = new Set();
    }
    return [...sample]
        .filter(([, output]) => !ignored.has(output))
        .map(([folder]) => (folder === "." ? "/" : `${folder}/`))
        .sort();
}


/***/ })

};
