export const id = 374;
export const ids = [374];
export const modules = {

/***/ 6374:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   notOwnedProblem: () => (/* binding */ notOwnedProblem)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8980);
/* harmony import */ var _manifest_variants_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5907);
/* harmony import */ var _state_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1997);





const ANY_OUTPUT_EXTENSION = [...new Set(Object.values(_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .OUTPUT_EXTENSIONS */ .L4).flat())];
const VARIANT_EXTENSIONS = _manifest_variants_js__WEBPACK_IMPORTED_MODULE_3__/* .VARIANT_FORMATS */ .bn;
/**
 * Why `output`, a path read from the lockfile, is not one this tool could have written, if it is
 * not. The lockfile is not validated like the manifest (a pull request can put anything in it),
 * so before `prune` deletes a file its path must pass the loader's own rules — inside the
 * repository, not under .git/, .github/ or .agentframer/, an output's (or a variant's) extension, not the manifest
 * or its lockfile — and lead, without any symbolic link on the way, to a regular file.
 * Undefined for a path that is fine, or that does not exist (the caller says "already gone").
 * The phrase reads after "it": "it is inside .git/".
 */
async function notOwnedProblem(manifest, output, kind = "output") {
    const folder = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestFolder */ .UB)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(manifest.root, manifest.dir)
        .split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep)
        .filter((s) => s !== ""));
    const checked = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRepoPath */ .Q1)(output, folder);
    if (!checked.ok)
        return checked.problem;
    const extension = kind === "output"
        ? (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .extensionProblem */ .XN)(checked.path.fromRoot, ANY_OUTPUT_EXTENSION, "an output")
        : (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .extensionProblem */ .XN)(checked.path.fromRoot, VARIANT_EXTENSIONS, "a web variant");
    if (extension)
        return extension;
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifest.root, checked.path.fromRoot);
    if (path === manifest.path || path === (0,_state_paths_js__WEBPACK_IMPORTED_MODULE_4__.lockfilePathFor)(manifest.path)) {
        return "is the manifest or its lockfile";
    }
    const names = checked.path.fromRoot.split("/");
    let current = manifest.root;
    for (const [i, name] of names.entries()) {
        current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, name);
        const facts = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(current).catch(() => undefined);
        if (facts === undefined)
            return undefined;
        if (facts.isSymbolicLink())
            return "goes through a symbolic link";
        const last = i === names.length - 1;
        if (last && !facts.isFile())
            return "is not a regular file";
        if (!last && !facts.isDirectory())
            return undefined;
    }
    return undefined;
}


/***/ })

};
