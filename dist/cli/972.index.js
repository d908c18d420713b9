export const id = 972;
export const ids = [972];
export const modules = {

/***/ 1972:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  chooseStore: () => (/* binding */ chooseStore),
  openChosenStore: () => (/* binding */ openChosenStore),
  storeForCli: () => (/* binding */ storeForCli)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./lib/store/git-process.js
/**
 * git for the store: arguments (never a shell), a private repository, and an environment from
 * which everything that could point git elsewhere or carry a secret has been removed. A token
 * reaches git only as an `http.<server>/.extraheader` set for the one command through
 * GIT_CONFIG_COUNT: never written to any config file, never on a command line (`ps` shows those).
 */




class StoreGitError extends Error {
    args;
    stderr;
    exitCode;
    name = "StoreGitError";
    constructor(args, stderr, exitCode) {
        super(`git ${args[0] ?? ""} failed (exit ${exitCode ?? "?"}): ${stderr.trim().slice(0, 500)}`);
        this.args = args;
        this.stderr = stderr;
        this.exitCode = exitCode;
    }
}
/** Variables that would make git work on another repository, or that hold secrets. */
const DROP = /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_CONFIG_PARAMETERS|GIT_ASKPASS|SSH_ASKPASS|INPUT_.*|AGENTFRAMER_API_KEY|GITHUB_TOKEN|GH_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN)$/i;
function scrubEnv(env) {
    const clean = {};
    for (const [key, value] of Object.entries(env))
        if (!DROP.test(key))
            clean[key] = value;
    return clean;
}
function storeGit(options) {
    const env = {
        ...scrubEnv(options.env),
        GIT_DIR: options.gitDir,
        GIT_TERMINAL_PROMPT: "0",
        GIT_PAGER: "cat",
        LC_ALL: "C",
    };
    // Whatever the store repository's own config says, git runs no hook, no file-system monitor
    // and no credential helper of its: none of them may ever see the token, or run at all.
    const config = [
        ["core.hooksPath", external_node_os_.devNull],
        ["core.fsmonitor", "false"],
        ["credential.helper", ""],
    ];
    if (options.auth) {
        const basic = Buffer.from(`x-access-token:${options.auth.token}`).toString("base64");
        const server = options.auth.serverUrl.replace(/\/+$/, "");
        config.push([`http.${server}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    const secret = options.auth?.token;
    const scrub = (text) => (secret ? text.split(secret).join("***") : text);
    const start = (args, extra) => (0,external_node_child_process_.spawn)("git", [...args], {
        env: { ...env, ...extra },
        stdio: ["pipe", "pipe", "pipe"],
    });
    const finished = (child, args) => new Promise((resolve, reject) => {
        let stderr = "";
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (chunk) => {
            if (stderr.length < 64 * 1024)
                stderr += chunk;
        });
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0)
                resolve();
            else
                reject(new StoreGitError(args, scrub(stderr), code));
        });
    });
    async function runBytes(args, options = {}) {
        const child = start(args, options.env);
        const chunks = [];
        child.stdout.on("data", (chunk) => chunks.push(chunk));
        // A git that exits without reading its input (an error) closes the pipe: its exit code says why.
        child.stdin.on("error", () => { });
        child.stdin.end(options.input ?? "");
        await finished(child, args);
        return Buffer.concat(chunks);
    }
    return {
        runBytes,
        async run(args, options) {
            return (await runBytes(args, options)).toString("utf8");
        },
        async toFile(args, dest) {
            const child = start(args);
            child.stdin.on("error", () => { });
            child.stdin.end();
            const done = finished(child, args);
            await Promise.all([(0,external_node_stream_promises_.pipeline)(child.stdout, (0,external_node_fs_.createWriteStream)(dest, { flags: "wx" })), done]);
        },
    };
}

// EXTERNAL MODULE: ./lib/store/layout.js
var layout = __webpack_require__(9651);
// EXTERNAL MODULE: ./lib/store/verify.js
var verify = __webpack_require__(6888);
;// CONCATENATED MODULE: ./lib/store/git-store.js
/**
 * The `git` store: an orphan branch in the repository's own `origin`, read and written through a
 * private bare repository under `.agentframer/` (the user's `.git` is never touched).
 *
 * Reading fetches the branch tip's commit and trees only (`--depth=1 --filter=blob:none`), then
 * just the blobs a run needs, by id. Writing builds the next commit with plumbing (hash-object, a
 * temporary index, commit-tree on the fetched tip) and pushes it without force; a writer that
 * lost the race fetches the new tip and applies its entries again, so concurrent writers never
 * lose each other's entries. A server that refuses filters still works: git then sends the tip's
 * blobs too, and the run is only slower.
 */





/** Pushes tried before giving up when other writers keep moving the tip. */
const MAX_PUSH_TRIES = 8;
const TIP_REF = "refs/store/tip";
class StoreWriteError extends Error {
    name = "StoreWriteError";
}
function createGitStore(options) {
    const { git, branch, warn } = options;
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    /** Blob ids of entries' bytes, by hash, as the last listing found them. */
    const bytesBlobs = new Map();
    let ready;
    const init = () => (ready ??= (async () => {
        await (0,promises_.mkdir)(options.gitDir, { recursive: true });
        await git.run(["init", "--quiet", "--bare", options.gitDir]);
        for (const [key, value] of [
            ["remote.origin.url", options.originUrl],
            ["remote.origin.promisor", "true"],
            ["remote.origin.partialclonefilter", "blob:none"],
            ["core.logallrefupdates", "false"],
            ["gc.auto", "0"],
            // Renders are compressed already (PNG, MP4) or barely compress (WAV): the fastest zlib
            // level, and no delta search between pictures that share nothing.
            ["core.compression", "1"],
            ["pack.window", "0"],
        ])
            await git.run(["config", key, value]);
    })());
    /** The tip's commit, fetched with its trees and without blobs; undefined while the branch is absent. */
    async function fetchTip() {
        await init();
        const advertised = (await git.run(["ls-remote", "origin", `refs/heads/${branch}`])).split(/\s/)[0];
        if (!advertised)
            return undefined;
        const present = await git.run(["cat-file", "-e", `${advertised}^{commit}`]).then(() => true, () => false);
        if (present)
            return advertised;
        await git.run([
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--depth=1",
            "--filter=blob:none",
            "origin",
            `+refs/heads/${branch}:${TIP_REF}`,
        ]);
        return (await git.run(["rev-parse", TIP_REF])).trim();
    }
    /** Path → blob id of every file in a commit's tree (trees only: no blob is fetched). */
    async function listTree(commit) {
        const out = await git.run(["ls-tree", "-r", "-z", "--full-tree", commit]);
        const files = new Map();
        for (const line of out.split("\0")) {
            const tab = line.indexOf("\t");
            if (tab === -1)
                continue;
            const [, type, oid] = line.slice(0, tab).split(" ");
            if (type === "blob" && oid)
                files.set(line.slice(tab + 1), oid);
        }
        return files;
    }
    /** Bring these blobs over in one request (a partial clone's lazy fetch, done in bulk). */
    async function fetchBlobs(oids) {
        if (oids.length === 0)
            return;
        // Only objects present here are listed (a partial clone's missing blobs are not fetched by it).
        const present = new Set((await git.run(["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"])).split("\n"));
        const missing = [...new Set(oids)].filter((oid) => !present.has(oid));
        if (missing.length === 0)
            return;
        await git.run([
            "-c",
            "fetch.negotiationAlgorithm=noop",
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--recurse-submodules=no",
            "--filter=blob:none",
            "--stdin",
            "origin",
        ], { input: missing.join("\n") + "\n" });
    }
    /** Blob contents by id, through one `cat-file --batch`. */
    async function readBlobs(oids) {
        const out = await git.runBytes(["cat-file", "--batch"], { input: oids.join("\n") + "\n" });
        const blobs = new Map();
        let at = 0;
        while (at < out.length) {
            const eol = out.indexOf(0x0a, at);
            if (eol === -1)
                break;
            const [oid, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
            at = eol + 1;
            if (type === "missing" || size === undefined || oid === undefined)
                continue;
            const length = Number(size);
            blobs.set(oid, out.subarray(at, at + length));
            at += length + 1;
        }
        return blobs;
    }
    /** The entries among `hashes` held at `commit`, records read and checked. */
    async function entriesAt(commit, hashes) {
        const tree = await listTree(commit);
        const wanted = new Map();
        for (const hash of new Set(hashes)) {
            const oid = tree.get((0,layout/* entryRecordPath */.d)(hash));
            if (oid)
                wanted.set(hash, oid);
        }
        await fetchBlobs([...wanted.values()]);
        const blobs = await readBlobs([...wanted.values()]);
        const hits = new Map();
        for (const [hash, oid] of wanted) {
            const record = (0,verify/* parseStoreRecord */.wX)(blobs.get(oid)?.toString("utf8") ?? "");
            const path = record ? (0,layout/* entryBytesPath */.R)(record) : undefined;
            const bytes = path ? tree.get(path) : undefined;
            if (!record || record.hash !== hash || !path || !bytes) {
                warn(`store entry ${hash.slice(0, 12)} ignored: its record is unreadable or has no bytes`);
                continue;
            }
            bytesBlobs.set(hash, bytes);
            hits.set(hash, { record, location: { commit, path } });
        }
        return hits;
    }
    async function lookup(hashes) {
        if (hashes.length === 0)
            return new Map();
        const tip = await fetchTip();
        return tip === undefined ? new Map() : entriesAt(tip, hashes);
    }
    async function fetch(hit, dest) {
        const reject = async (why) => {
            await (0,promises_.unlink)(dest).catch(() => { });
            warn(`store entry ${hit.record.hash.slice(0, 12)} refused: ${why}; rendering instead`);
            return false;
        };
        const oid = bytesBlobs.get(hit.record.hash);
        if (!oid)
            return reject("its bytes are not in the store");
        try {
            await fetchBlobs([oid]);
            await git.toFile(["cat-file", "blob", oid], dest);
        }
        catch (error) {
            return reject(`could not read its bytes (${error.message})`);
        }
        const verdict = await (0,verify/* verifyStoredBytes */.I4)(dest, hit.record);
        return verdict.ok ? true : reject(verdict.why);
    }
    async function write(entries) {
        const byHash = new Map(entries.map((e) => [e.record.hash, e]));
        if (byHash.size === 0)
            return new Map();
        for (let attempt = 1;; attempt++) {
            const parent = await fetchTip();
            const held = parent ? await entriesAt(parent, [...byHash.keys()]) : new Map();
            const missing = [...byHash.values()].filter((e) => !held.has(e.record.hash));
            if (missing.length === 0)
                return held;
            const commit = await commitEntries(parent, missing);
            try {
                await git.run(["push", "--quiet", "--no-thin", "origin", `${commit}:refs/heads/${branch}`]);
            }
            catch (error) {
                if (!(error instanceof StoreGitError) || !isRaceLost(error.stderr))
                    throw error;
                if (attempt >= MAX_PUSH_TRIES) {
                    throw new StoreWriteError(`${options.label}: the branch moved under ${MAX_PUSH_TRIES} pushes in a row; try again`);
                }
                // Other writers just pushed: wait a little, more each time, so they do not collide again.
                await sleep(Math.round((100 + random() * 400) * attempt));
                continue;
            }
            const written = new Map();
            for (const e of byHash.values())
                written.set(e.record.hash, {
                    record: held.get(e.record.hash)?.record ?? e.record,
                    location: { commit, path: (0,layout/* entryBytesPath */.R)(e.record) },
                });
            return written;
        }
    }
    /** A commit on `parent` (none: the orphan branch's first) adding these entries. */
    async function commitEntries(parent, entries) {
        const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.gitDir, "write-"));
        try {
            const index = (0,external_node_path_.join)(scratch, "index");
            const env = { GIT_INDEX_FILE: index };
            if (parent)
                await git.run(["read-tree", parent], { env });
            const files = [];
            const paths = [];
            for (const [i, e] of entries.entries()) {
                const recordFile = (0,external_node_path_.join)(scratch, `${i}.json`);
                await (0,promises_.writeFile)(recordFile, (0,verify/* serializeStoreRecord */.nW)(e.record));
                files.push(e.file, recordFile);
                paths.push((0,layout/* entryBytesPath */.R)(e.record), (0,layout/* entryRecordPath */.d)(e.record.hash));
            }
            const oids = (await git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
                input: files.join("\n") + "\n",
            }))
                .trim()
                .split("\n");
            const info = paths.map((path, i) => `100644 blob ${oids[i]}\t${path}`).join("\n") + "\n";
            await git.run(["update-index", "--add", "--index-info"], { input: info, env });
            // Blobs of entries already in the store stay on the server: the index only names them.
            const tree = (await git.run(["write-tree", "--missing-ok"], { env })).trim();
            const when = `${Math.floor(now() / 1000)} +0000`;
            const { name, email } = options.author;
            const message = `store: ${entries.length} entr${entries.length === 1 ? "y" : "ies"}\n`;
            return (await git.run(["commit-tree", tree, ...(parent ? ["-p", parent] : [])], {
                input: message,
                env: {
                    GIT_AUTHOR_NAME: name,
                    GIT_AUTHOR_EMAIL: email,
                    GIT_AUTHOR_DATE: when,
                    GIT_COMMITTER_NAME: name,
                    GIT_COMMITTER_EMAIL: email,
                    GIT_COMMITTER_DATE: when,
                },
            })).trim();
        }
        finally {
            await (0,promises_.rm)(scratch, { recursive: true, force: true });
        }
    }
    return { label: options.label, lookup, fetch, write };
}
/** A push refused because the branch moved (or appeared) since the fetch. */
function isRaceLost(stderr) {
    return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(stderr);
}

// EXTERNAL MODULE: ./lib/store/spec.js
var store_spec = __webpack_require__(6542);
;// CONCATENATED MODULE: ./lib/store/open.js
/**
 * From a store spec to a working Store: the git backend on the repository's `origin`, an
 * S3-compatible bucket, or none. The s3 backend is loaded only when a run uses it.
 */





async function openStore(spec, deps) {
    switch (spec.kind) {
        case "none":
            return undefined;
        case "s3": {
            const { openS3Store } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(416)]).then(__webpack_require__.bind(__webpack_require__, 6416));
            return openS3Store(spec, { env: deps.env, warn: deps.warn });
        }
        case "git": {
            const originUrl = await originUrlOf(deps.manifestDir, deps.env);
            if (originUrl === undefined) {
                throw new store_spec.StoreSpecError(`store git: ${deps.manifestDir} is not in a git repository with a remote named origin; ` +
                    "add one (git remote add origin URL) or turn the store off (--no-store, store: none)");
            }
            const gitDir = (0,paths/* storeGitDirFor */.U$)(deps.manifestDir);
            await refuseCommittedStoreDir(deps.manifestDir, gitDir, deps.env);
            return createGitStore({
                git: storeGit({ gitDir, env: deps.env, ...(deps.auth ? { auth: deps.auth } : {}) }),
                gitDir,
                originUrl,
                branch: spec.branch,
                label: `git branch ${spec.branch} of origin`,
                warn: deps.warn,
                author: deps.author,
            });
        }
    }
}
/** The user's `origin` URL, read without changing anything in their repository. */
function originUrlOf(dir, env) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)("git", ["remote", "get-url", "origin"], { cwd: dir, env: { ...env, GIT_TERMINAL_PROMPT: "0" } }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    });
}
/** Does `origin` have this branch? False when it cannot be asked (no origin, offline). */
function originHasBranch(dir, branch, env) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)("git", ["ls-remote", "--exit-code", "origin", `refs/heads/${branch}`], { cwd: dir, env: { ...env, GIT_TERMINAL_PROMPT: "0" }, timeout: 30_000 }, (error) => resolve(!error));
    });
}
/** A setting from the repository's git config (`git config agentframer.store git:media`). */
function gitConfigValue(dir, key, env) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)("git", ["config", "--get", key], { cwd: dir, env }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    });
}
/**
 * The private store repository is the tool's own, made on first use. One that arrives with the
 * checkout (files committed under `.agentframer/`, as a fork's pull request could) would bring its
 * own config into git commands that carry the token: refuse it.
 */
async function refuseCommittedStoreDir(manifestDir, gitDir, env) {
    const tracked = await new Promise((resolve) => {
        (0,external_node_child_process_.execFile)("git", ["ls-files", "-z", "--", gitDir], { cwd: manifestDir, env: { ...env, GIT_TERMINAL_PROMPT: "0" } }, (error, stdout) => resolve(error ? "" : String(stdout)));
    });
    if (tracked.length > 0) {
        throw new store_spec.StoreSpecError(`store git: ${gitDir} holds files committed to the repository; it is the tool's private ` +
            "clone of the store branch and is never taken from a checkout. Remove it from git " +
            "(git rm -r --cached) or turn the store off (--no-store, store: none)");
    }
}

;// CONCATENATED MODULE: ./lib/cli/store-flags.js
/**
 * Which store `render`, `pull` and `lock merge` use: one rule, the first of these that says
 * anything —
 *   1. `--store SPEC` (`--store none` turns the store off; `render --no-store` too),
 *   2. the environment variable `AGENTFRAMER_STORE`,
 *   3. `git config agentframer.store` in the manifest's repository,
 *   4. `origin`'s `agentframer-store` branch, when it has one (`git`),
 * else no store. `render` writes to it only when asked: `--store-push`, or
 * `git config agentframer.storePush true` (and with nothing else named, that means `git`). A
 * developer thus restores a teammate's renders instead of paying again, and never pushes to a
 * shared branch by surprise.
 */



/**
 * The store for the manifest at `manifestPath`, by the rule above (`flag` is `--store`'s value);
 * undefined when nothing names one. `wantsWrite` (render's `--store-push`) picks `git` when nothing else is named.
 * Throws StoreSpecError, naming the source, for a spec that does not parse.
 */
async function chooseStore(flag, manifestPath, env, wantsWrite = false) {
    const dir = (0,external_node_path_.dirname)(manifestPath);
    const named = await namedStore(flag, dir, env);
    if (named !== undefined) {
        try {
            return { spec: (0,store_spec.parseStoreSpec)(named.text), source: named.source };
        }
        catch (error) {
            if (!(error instanceof store_spec.StoreSpecError))
                throw error;
            throw new store_spec.StoreSpecError(`${named.source}: ${error.message}`);
        }
    }
    if (wantsWrite || (await originHasBranch(dir, store_spec.DEFAULT_STORE_BRANCH, env))) {
        return {
            spec: { kind: "git", branch: store_spec.DEFAULT_STORE_BRANCH },
            source: `origin's ${store_spec.DEFAULT_STORE_BRANCH} branch`,
        };
    }
    return undefined;
}
async function namedStore(flag, dir, env) {
    if (flag !== undefined)
        return { text: flag, source: "--store" };
    // An empty variable (a CI template with no value) names nothing.
    const fromEnv = env.AGENTFRAMER_STORE?.trim();
    if (fromEnv)
        return { text: fromEnv, source: "AGENTFRAMER_STORE" };
    const fromConfig = await gitConfigValue(dir, "agentframer.store", env);
    if (fromConfig !== undefined)
        return { text: fromConfig, source: "git config agentframer.store" };
    return undefined;
}
/** Open a chosen store, its commits by the environment's git author. Undefined for `none`. */
function openChosenStore(chosen, manifestPath, env, warn) {
    return openStore(chosen.spec, {
        manifestDir: (0,external_node_path_.dirname)(manifestPath),
        env,
        author: {
            name: env.GIT_AUTHOR_NAME || "agentframer",
            email: env.GIT_AUTHOR_EMAIL || "agentframer@localhost",
        },
        warn,
    });
}
/** `render`'s store, and whether this run writes to it. */
async function storeForCli(flags, manifestPath, env, warn) {
    if (flags.noStore)
        return undefined;
    const write = flags.storePush ||
        (await gitConfigValue((0,external_node_path_.dirname)(manifestPath), "agentframer.storepush", env)) === "true";
    const chosen = await chooseStore(flags.store, manifestPath, env, write);
    if (chosen === undefined)
        return undefined;
    const store = await openChosenStore(chosen, manifestPath, env, warn);
    return store ? { store, write } : undefined;
}


/***/ }),

/***/ 9340:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ sniff),
/* harmony export */   d: () => (/* binding */ SNIFF_BYTES)
/* harmony export */ });
/** Bytes needed to decide; shorter files are judged on what there is. */
const SNIFF_BYTES = 16;
const ascii = (head, at, text) => head.length >= at + text.length && head.toString("latin1", at, at + text.length) === text;
const isoBox = (head, boxes) => boxes.some((box) => ascii(head, 4, box));
const FORMATS = {
    png: {
        name: "PNG",
        type: "image",
        matches: (h) => h.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
    },
    jpeg: {
        name: "JPEG",
        type: "image",
        matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
    },
    gif: {
        name: "GIF",
        type: "image",
        matches: (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"),
    },
    webp: { name: "WebP", type: "image", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP") },
    avif: { name: "AVIF", type: "image", matches: (h) => ascii(h, 4, "ftypavi") },
    mp4: { name: "MP4", type: "video", matches: (h) => isoBox(h, ["ftyp"]) },
    // QuickTime files may open with other top-level atoms than ftyp.
    mov: {
        name: "QuickTime",
        type: "video",
        matches: (h) => isoBox(h, ["ftyp", "moov", "wide", "mdat", "free", "skip"]),
    },
    webm: {
        name: "WebM/Matroska",
        type: "video",
        matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
    },
    wav: { name: "WAV", type: "audio", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE") },
    mp3: {
        name: "MP3",
        type: "audio",
        // An ID3v2 tag, or straight into an MPEG audio frame (11 sync bits set).
        matches: (h) => ascii(h, 0, "ID3") || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
    },
    ogg: { name: "Ogg", type: "audio", matches: (h) => ascii(h, 0, "OggS") },
    flac: { name: "FLAC", type: "audio", matches: (h) => ascii(h, 0, "fLaC") },
    m4a: { name: "MPEG-4 audio", type: "audio", matches: (h) => isoBox(h, ["ftyp"]) },
    aac: {
        name: "AAC (ADTS)",
        type: "audio",
        matches: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0,
    },
};
const BY_EXTENSION = {
    png: "png",
    jpg: "jpeg",
    jpeg: "jpeg",
    gif: "gif",
    webp: "webp",
    avif: "avif",
    mp4: "mp4",
    m4v: "mp4",
    mov: "mov",
    webm: "webm",
    mkv: "webm",
    wav: "wav",
    mp3: "mp3",
    ogg: "ogg",
    oga: "ogg",
    opus: "ogg",
    flac: "flac",
    m4a: "m4a",
    aac: "aac",
};
/**
 * Checks `head` (the first SNIFF_BYTES of the file, or all of a shorter one) against the format
 * the extension names; an extension this table does not know accepts any format of `type`.
 */
function sniff(head, type, extension) {
    const ext = extension.replace(/^\./, "").toLowerCase();
    const named = BY_EXTENSION[ext];
    const candidates = named
        ? [FORMATS[named]]
        : Object.values(FORMATS).filter((format) => format.type === type);
    const formats = candidates.filter((f) => f !== undefined);
    if (formats.some((format) => format.type === type && format.matches(head)))
        return { ok: true };
    return {
        ok: false,
        expected: `${type} ${formats.map((f) => f.name).join(" or ")}${named ? ` (.${ext})` : ""}`,
        found: describe(head),
    };
}
/** The first bytes, as text when they are printable (an HTML page says so), else as hex. */
function describe(head) {
    if (head.length === 0)
        return "an empty body";
    const first = head.subarray(0, 8);
    const printable = [...first].every((b) => b >= 0x20 && b < 0x7f);
    return printable
        ? `"${first.toString("latin1")}…"`
        : `bytes ${first.toString("hex").replace(/(..)/g, "$1 ").trim()}`;
}


/***/ }),

/***/ 9651:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ entryBytesPath),
/* harmony export */   d: () => (/* binding */ entryRecordPath)
/* harmony export */ });
/**
 * Where an entry lives inside any backend, relative to its root (the store branch's tree, or the
 * S3 prefix): `<first2>/<hash>.<extension>` for the bytes and `<first2>/<hash>.json` for the
 * record. The path names the hash and the type's extension, so a person browsing the branch or
 * the bucket can open the picture.
 */
function entryBytesPath(record) {
    return `${record.hash.slice(0, 2)}/${record.hash}.${record.extension}`;
}
function entryRecordPath(hash) {
    return `${hash.slice(0, 2)}/${hash}.json`;
}


/***/ }),

/***/ 6888:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I4: () => (/* binding */ verifyStoredBytes),
/* harmony export */   nW: () => (/* binding */ serializeStoreRecord),
/* harmony export */   wX: () => (/* binding */ parseStoreRecord)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9340);
/* harmony import */ var _util_json_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8022);




/**
 * Are the bytes in `file` the ones the record describes: same size, same SHA-256, and opening as
 * the record's type and format? Every entry read from a store (or the local cache) passes here
 * before it may reach an output path.
 */
async function verifyStoredBytes(file, record) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    let size = 0;
    let head = Buffer.alloc(0);
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file)) {
        const bytes = chunk;
        if (head.length < _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)
            head = Buffer.concat([head, bytes.subarray(0, _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)]);
        hash.update(bytes);
        size += bytes.length;
    }
    if (size !== record.size)
        return { ok: false, why: `${size} bytes where the record says ${record.size}` };
    if (hash.digest("hex") !== record.sha256)
        return { ok: false, why: "its bytes do not match their SHA-256" };
    const verdict = (0,_render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .sniff */ .Z)(head.subarray(0, _render_download_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d), record.type, record.extension);
    if (!verdict.ok)
        return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
    return { ok: true };
}
const SHA256 = /^[0-9a-f]{64}$/;
const HASH = /^[0-9a-f]{16,128}$/;
const EXTENSION = /^[a-z0-9]{1,8}$/;
/** A record read from a store, or undefined when any field is missing or out of shape. */
function parseStoreRecord(text) {
    const r = (0,_util_json_object_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonObject */ .d)(text);
    if (!r)
        return undefined;
    const str = (k) => (typeof r[k] === "string" ? r[k] : undefined);
    const [hash, sha256, type, extension, model, generation, created] = [
        str("hash"),
        str("sha256"),
        str("type"),
        str("extension"),
        str("model"),
        str("generation"),
        str("created"),
    ];
    const size = r.size;
    if (!hash || !HASH.test(hash) || !sha256 || !SHA256.test(sha256))
        return undefined;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
        return undefined;
    if (type !== "image" && type !== "video" && type !== "audio")
        return undefined;
    if (!extension || !EXTENSION.test(extension))
        return undefined;
    if (model === undefined || generation === undefined || created === undefined)
        return undefined;
    return { hash, sha256, size, type, extension, model, generation, created };
}
/** The record as the store keeps it: keys in a fixed order, one line. */
function serializeStoreRecord(record) {
    const { hash, sha256, size, type, extension, model, generation, created } = record;
    return `${JSON.stringify({ hash, sha256, size, type, extension, model, generation, created })}\n`;
}


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/** `text` parsed as a JSON object, or undefined when it is not JSON or not an object. */
function parseJsonObject(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    return value;
}


/***/ })

};
