export const id = 923;
export const ids = [923];
export const modules = {

/***/ 9923:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitError: () => (/* binding */ GitError),
/* harmony export */   gitIn: () => (/* binding */ gitIn),
/* harmony export */   literal: () => (/* binding */ literal)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/**
 * A small git runner: `git` with arguments (never a shell), in one folder, with a fixed
 * environment so that a user's hooks, pager or prompts cannot change what it does.
 */

class GitError extends Error {
    args;
    stderr;
    exitCode;
    stdout;
    name = "GitError";
    constructor(args, stderr, exitCode, 
    /** What git printed on stdout before failing: `push --porcelain` reports each ref there. */
    stdout = "") {
        super(`git ${args.join(" ")} failed (exit ${exitCode ?? "?"}): ${stderr.trim()}`);
        this.args = args;
        this.stderr = stderr;
        this.exitCode = exitCode;
        this.stdout = stdout;
    }
}
function gitIn(cwd, baseEnv = process.env) {
    return (args, env) => new Promise((resolve, reject) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)("git", [...args], {
            cwd,
            env: { ...baseEnv, ...env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", LC_ALL: "C" },
            maxBuffer: 64 * 1024 * 1024,
        }, (error, stdout, stderr) => {
            if (error) {
                const code = typeof error.code === "number" ? error.code : undefined;
                reject(new GitError(args, stderr || error.message, code, stdout));
            }
            else {
                resolve(stdout);
            }
        });
    });
}
/** A pathspec that matches exactly this path: output names like `shot[1].png` are not globs. */
function literal(path) {
    return `:(literal)${path}`;
}


/***/ })

};
