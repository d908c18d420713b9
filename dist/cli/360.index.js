export const id = 360;
export const ids = [360];
export const modules = {

/***/ 4360:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitError: () => (/* binding */ GitError),
/* harmony export */   NETWORK_COMMANDS: () => (/* binding */ NETWORK_COMMANDS),
/* harmony export */   WORK_TREE_NETWORK_TIMEOUT_MS: () => (/* binding */ WORK_TREE_NETWORK_TIMEOUT_MS),
/* harmony export */   gitIn: () => (/* binding */ gitIn),
/* harmony export */   gitRunner: () => (/* binding */ gitRunner),
/* harmony export */   literal: () => (/* binding */ literal),
/* harmony export */   subcommandOf: () => (/* binding */ subcommandOf)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/**
 * The one way the tool runs git: arguments (never a shell), a fixed locale, no prompt and no
 * pager, and stderr kept for the error. Two kinds of caller share it: the work tree of the user's
 * checkout (`gitIn`, for commits and `check-ignore`) and the store's private repository
 * (`storeGit` in store/store-git.ts, which adds a scrubbed environment and its own config).
 */



const STDERR_KEPT = 64 * 1024;
class GitError extends Error {
    args;
    stderr;
    exitCode;
    stdout;
    name = "GitError";
    constructor(args, stderr, exitCode, 
    /** What git printed on stdout before failing: `push --porcelain` reports each ref there. */
    stdout = "") {
        super(`git ${args[0] ?? ""} failed (exit ${exitCode ?? "?"}): ${stderr.trim().slice(0, 500)}`);
        this.args = args;
        this.stderr = stderr;
        this.exitCode = exitCode;
        this.stdout = stdout;
    }
}
function gitRunner(options) {
    const env = {
        ...options.env,
        GIT_TERMINAL_PROMPT: "0",
        GIT_PAGER: "cat",
        LC_ALL: "C",
    };
    const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
    const outside = options.outsideText ?? ((text) => text);
    const scrub = (text) => outside(secrets.reduce((out, secret) => out.split(secret).join("***"), text));
    const start = (args, extra) => (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)("git", [...args], {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        env: { ...env, ...extra },
        stdio: ["pipe", "pipe", "pipe"],
    });
    const finished = (child, args, stdout, timeoutMs) => new Promise((resolve, reject) => {
        let stderr = "";
        let late = false;
        const timer = timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                late = true;
                child.kill("SIGKILL");
                // A helper git started (git-remote-https) may still hold the pipes open: the
                // command is over for us all the same.
                child.stdout.destroy();
                child.stderr.destroy();
            }, timeoutMs);
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (chunk) => {
            if (stderr.length < STDERR_KEPT)
                stderr += chunk;
        });
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            if (code === 0 && !late)
                return resolve();
            const said = late
                ? `did not finish within ${Math.round((timeoutMs ?? 0) / 1000)} s; stopped. ${stderr}`
                : stderr;
            reject(new GitError(args, scrub(said), code ?? undefined, scrub(stdout())));
        });
    });
    async function runBytes(args, options = {}) {
        const child = start(args, options.env);
        const chunks = [];
        child.stdout.on("data", (chunk) => chunks.push(chunk));
        // A git that exits without reading its input (an error) closes the pipe: its exit code says why.
        child.stdin.on("error", () => { });
        child.stdin.end(options.input ?? "");
        await finished(child, args, () => Buffer.concat(chunks).toString("utf8"), options.timeoutMs);
        return Buffer.concat(chunks);
    }
    return {
        runBytes,
        async run(args, options) {
            return (await runBytes(args, options)).toString("utf8");
        },
        stream(args, input) {
            const child = start(args);
            child.stdin.on("error", () => { });
            child.stdin.end(input);
            const done = finished(child, args, () => "");
            // The caller awaits `done` only when it read to the end; a stopped git must not go unhandled.
            done.catch(() => { });
            return {
                stdout: child.stdout,
                done,
                stop: () => {
                    if (child.exitCode === null)
                        child.kill();
                },
            };
        },
        async toFile(args, dest) {
            const child = start(args);
            child.stdin.on("error", () => { });
            child.stdin.end();
            const done = finished(child, args, () => "");
            await Promise.all([(0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(child.stdout, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(dest, { flags: "wx" })), done]);
        },
    };
}
/** The commands that talk to a remote: each is given a deadline. */
const NETWORK_COMMANDS = new Set(["ls-remote", "fetch", "push"]);
/** The git subcommand of `args`, past any `-c key=value` before it. */
function subcommandOf(args) {
    let i = 0;
    while (args[i] === "-c")
        i += 2;
    return args[i];
}
/**
 * The deadline of a network command in the user's checkout (the commit's fetch and push, the base
 * commit's fetch): long enough for a push of many renders, short of a job's whole timeout.
 */
const WORK_TREE_NETWORK_TIMEOUT_MS = 10 * 60_000;
function gitIn(cwd, baseEnv = process.env, networkTimeoutMs = WORK_TREE_NETWORK_TIMEOUT_MS) {
    const runner = gitRunner({ cwd, env: baseEnv });
    return (args, env) => runner.run(args, {
        ...(env ? { env } : {}),
        // A remote that accepts the connection and never answers would hold the step until the
        // runner kills it; a deadline ends the command and says so.
        ...(NETWORK_COMMANDS.has(subcommandOf(args) ?? "") ? { timeoutMs: networkTimeoutMs } : {}),
    });
}
/** A pathspec that matches exactly this path: output names like `shot[1].png` are not globs. */
function literal(path) {
    return `:(literal)${path}`;
}


/***/ })

};
