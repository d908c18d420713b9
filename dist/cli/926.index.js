export const id = 926;
export const ids = [926,360];
export const modules = {

/***/ 6926:
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
// EXTERNAL MODULE: ./lib/state/paths.js
var paths = __webpack_require__(1997);
// EXTERNAL MODULE: ./lib/state/state-dir.js
var state_dir = __webpack_require__(818);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/git/refs.js
/**
 * Refs are read by their full, exact name. git's own matching accepts more than one spelling of
 * a name (`refs/heads/main` also matches `refs/heads/refs/heads/main`, and `ls-remote` lists
 * `refs/heads/a/refs/heads/main` as a match of it, often first), so anyone who can push any
 * branch could otherwise choose what the tool reads. A tip is read from `ls-remote` by exact
 * name, then fetched by its id.
 */

/** The commit the full ref `ref` names in `ls-remote` output, matched exactly; undefined if absent. */
function exactRef(lsRemote, ref) {
    for (const line of lsRemote.split("\n")) {
        const [oid, name] = line.split("\t");
        if (name === ref && oid && /^[0-9a-f]{40,64}$/.test(oid))
            return oid;
    }
    return undefined;
}
/** The full ref of a branch: what every ref the tool reads or writes is named by. */
function branchRef(branch) {
    return `refs/heads/${branch}`;
}
/**
 * Push `commit` to exactly `refs/heads/<branch>` on `remote`. A plain `commit:refs/heads/<branch>`
 * is matched against the remote's refs by git's rules, so a branch named `refs/heads/<branch>`
 * (or a tag of that name) makes it "match more than one" and fail, every time: anyone who can
 * push a branch could stop every commit and store write. A pattern refspec is not matched that
 * way (its destination is found by exact name), so the commit is pushed from a ref of its own,
 * in a namespace used once and removed after.
 */
async function pushToBranch(run, push) {
    const space = `refs/agentframer/push/${(0,external_node_crypto_.randomUUID)()}`;
    const local = `${space}/${push.branch}`;
    await run(["update-ref", local, push.commit]);
    try {
        return await run(["push", ...push.options, push.remote, `${space}/*:refs/heads/*`]);
    }
    finally {
        await run(["update-ref", "-d", local]).catch(() => { });
    }
}

// EXTERNAL MODULE: ./lib/git/runner.js
var git_runner = __webpack_require__(4360);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./lib/git/push-refusal.js
/**
 * How a git remote says it refuses a push outright, as opposed to a race (the branch moved, two
 * pushes at once): pushing the same thing again cannot help, so callers stop at the first one and
 * say what to change. The patterns read git's and the server's words; they decide a branch of
 * code, never what is printed (the caller prints that text only after neutralising it).
 */
/**
 * A rule on the branch: GitHub says GH006 (protected branch) or GH013 (repository rules), git
 * reports a hook's refusal as `[remote rejected] (… hook declined)`. Not every
 * `[remote rejected]` is one: "cannot lock ref" is two pushes at once, a race.
 */
const REFUSED_BY_RULE = /\bGH006\b|\bGH013\b|protected branch|hook declined/i;
/**
 * A credential that may read but not write: what GitHub answers a token without
 * `contents: write` ("Permission to OWNER/REPO.git denied to github-actions[bot]", "Write access
 * to repository not granted", then git's "The requested URL returned error: 403").
 */
const REFUSED_FOR_PERMISSION = /returned error: 403\b|\bpermission to \S{1,200} denied\b|write access to repository not granted/i;
/** True when the remote refused the push for a rule or a permission (git's stdout and stderr). */
function isRefusedPush(output) {
    return [REFUSED_BY_RULE, REFUSED_FOR_PERMISSION].some((pattern) => pattern.test(output.stdout) || pattern.test(output.stderr));
}

// EXTERNAL MODULE: ./lib/net/verify-bytes.js
var verify_bytes = __webpack_require__(7804);
;// CONCATENATED MODULE: ./lib/store/git-batch.js
/**
 * Many blobs out of one `git cat-file --batch`, each straight into its own new file: the output
 * is `<oid> blob <size>\n<bytes>\n` per requested id, in the order asked. Every blob is checked
 * while it is written (BytesCheck) and never written past its limit: a header that announces
 * more than the limit is skipped without a byte written. One process for a whole pull, instead
 * of one per entry.
 */

class GitBatchError extends Error {
    name = "GitBatchError";
}
/** A header line longer than this is not one git writes. */
const HEADER_LIMIT = 512;
/**
 * Read `out` (the stdout of `cat-file --batch` fed `targets`' ids in order) and write each blob
 * to its target. `settle` is called once per target, in order, after its file is closed (and
 * removed when the verdict is bad). Throws GitBatchError when the stream does not follow the
 * format, after removing the file being written.
 */
async function writeBatchedBlobs(out, targets, settle) {
    let index = 0;
    let header = Buffer.alloc(0);
    /** Body bytes still to come for the current target; -1 while reading a header. */
    let remaining = -1;
    let skipLf = false;
    let handle;
    let refusal;
    /** `body`: a blob was sent, and a newline follows it (a missing object has neither). */
    const finish = async (body) => {
        const target = targets[index];
        const verdict = refusal !== undefined ? { ok: false, why: refusal } : target.check.verdict();
        if (handle)
            await handle.close();
        handle = undefined;
        if (!verdict.ok)
            await (0,promises_.unlink)(target.dest).catch(() => { });
        await settle(target, verdict);
        index += 1;
        remaining = -1;
        refusal = undefined;
        skipLf = body;
    };
    const startBody = async (line) => {
        const target = targets[index];
        if (target === undefined)
            throw new GitBatchError(`git cat-file: unexpected "${line}"`);
        const [oid, type, sizeText] = line.split(" ");
        if (oid !== target.oid)
            throw new GitBatchError(`git cat-file: "${line}" for ${target.oid}`);
        if (type === "missing" || sizeText === undefined) {
            refusal = "its bytes are not in the store";
            return finish(false);
        }
        const size = Number(sizeText);
        if (type !== "blob" || !Number.isSafeInteger(size) || size < 0)
            throw new GitBatchError(`git cat-file: "${line}"`);
        remaining = size;
        if (size > target.check.record.size) {
            refusal = `its bytes are ${size} bytes where the record says ${target.check.record.size}`;
        }
        else {
            try {
                handle = await (0,promises_.open)(target.dest, "wx");
            }
            catch (error) {
                refusal = `could not write it (${error.message})`;
            }
        }
        if (remaining === 0)
            await finish(true);
    };
    try {
        for await (const data of out) {
            let chunk = data;
            while (chunk.length > 0) {
                if (skipLf) {
                    skipLf = false;
                    chunk = chunk.subarray(1);
                    continue;
                }
                if (remaining < 0) {
                    const eol = chunk.indexOf(0x0a);
                    if (eol === -1) {
                        header = Buffer.concat([header, chunk]);
                        if (header.length > HEADER_LIMIT)
                            throw new GitBatchError("git cat-file: no header");
                        break;
                    }
                    const line = Buffer.concat([header, chunk.subarray(0, eol)]).toString("utf8");
                    header = Buffer.alloc(0);
                    chunk = chunk.subarray(eol + 1);
                    await startBody(line);
                    continue;
                }
                const piece = chunk.subarray(0, remaining);
                chunk = chunk.subarray(piece.length);
                remaining -= piece.length;
                if (refusal === undefined && handle) {
                    try {
                        targets[index].check.update(piece);
                        await handle.write(piece);
                    }
                    catch (error) {
                        refusal = `could not write it (${error.message})`;
                    }
                }
                if (remaining === 0)
                    await finish(true);
            }
        }
    }
    finally {
        if (handle) {
            await handle.close().catch(() => { });
            await (0,promises_.unlink)(targets[index].dest).catch(() => { });
        }
    }
    if (index < targets.length || remaining >= 0)
        throw new GitBatchError(`git cat-file ended after ${index} of ${targets.length} blobs`);
}

;// CONCATENATED MODULE: ./lib/store/git-reader.js


const TIP_REF = "refs/store/tip";
/**
 * Ids per batch: one `cat-file --batch` of records (at most 32 MiB held, records being bounded),
 * and one fetch by id. git's fetch works on the ids it is given for longer than linearly before it
 * even asks the server (measured: 1.3 s for 20,000, 11 s for 50,000), so big sets go in pieces.
 */
const BATCH = 8_192;
function createGitReader(git, branch, init) {
    const ref = branchRef(branch);
    /** Sizes of the objects known to be here; filled by one listing, then by each fetch. */
    let present;
    let listed;
    async function fetchTip() {
        await init();
        const advertised = exactRef(await git.run(["ls-remote", "origin", ref]), ref);
        if (advertised === undefined)
            return undefined;
        // By id, not by name: the name was matched above, and a fetch by name would match it again
        // by git's own rules, which accept more than one spelling.
        await git.run([
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--depth=1",
            "--filter=blob:none",
            "origin",
            `+${advertised}:${TIP_REF}`,
        ]);
        return advertised;
    }
    function listTree(commit) {
        if (listed?.commit !== commit)
            listed = { commit, files: readTree(commit) };
        return listed.files;
    }
    async function readTree(commit) {
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
    /** `<oid> <size>` lines (batch-check's and the all-objects listing's format) into the map. */
    function addSizes(out, into) {
        for (const line of out.split("\n")) {
            const [oid, size] = line.split(" ");
            if (oid && size !== undefined && /^\d+$/.test(size))
                into.set(oid, Number(size));
        }
    }
    async function sizesOf(oids) {
        const wanted = [...new Set(oids)];
        if (wanted.length === 0)
            return new Map();
        if (present === undefined) {
            // Only objects here are listed: a partial clone's missing blobs are not fetched by it.
            present = new Map();
            addSizes(await git.run([
                "cat-file",
                "--batch-all-objects",
                "--batch-check=%(objectname) %(objectsize)",
            ]), present);
        }
        const missing = wanted.filter((oid) => !present.has(oid));
        for (let at = 0; at < missing.length; at += BATCH) {
            const batch = missing.slice(at, at + BATCH);
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
            ], { input: batch.join("\n") + "\n" });
            // Here now (the fetch would have failed otherwise), so asking for their sizes fetches nothing.
            addSizes(await git.run(["cat-file", "--batch-check=%(objectname) %(objectsize)"], {
                input: batch.join("\n") + "\n",
            }), present);
        }
        const sizes = new Map();
        for (const oid of wanted) {
            const size = present.get(oid);
            if (size !== undefined)
                sizes.set(oid, size);
        }
        return sizes;
    }
    async function readSmall(oids) {
        const blobs = new Map();
        for (let at = 0; at < oids.length; at += BATCH) {
            const batch = oids.slice(at, at + BATCH);
            const out = await git.runBytes(["cat-file", "--batch"], { input: batch.join("\n") + "\n" });
            let pos = 0;
            while (pos < out.length) {
                const eol = out.indexOf(0x0a, pos);
                if (eol === -1)
                    break;
                const [oid, type, size] = out.subarray(pos, eol).toString("utf8").split(" ");
                pos = eol + 1;
                if (type === "missing" || size === undefined || oid === undefined)
                    continue;
                const length = Number(size);
                blobs.set(oid, out.subarray(pos, pos + length));
                pos += length + 1;
            }
        }
        return blobs;
    }
    async function writeBlobs(targets, settle) {
        if (targets.length === 0)
            return;
        const reading = git.stream(["cat-file", "--batch"], targets.map((t) => t.oid).join("\n") + "\n");
        try {
            await writeBatchedBlobs(reading.stdout, targets, settle);
        }
        catch (error) {
            reading.stop();
            throw error;
        }
        await reading.done;
    }
    return { fetchTip, listTree, sizesOf, readSmall, writeBlobs };
}

// EXTERNAL MODULE: ./lib/store/layout.js
var layout = __webpack_require__(9651);
// EXTERNAL MODULE: ./lib/store/preview.js
var preview = __webpack_require__(2641);
// EXTERNAL MODULE: ./lib/store/store.js
var store = __webpack_require__(7208);
// EXTERNAL MODULE: ./lib/store/verify.js
var verify = __webpack_require__(6888);
// EXTERNAL MODULE: ./lib/store/spec.js
var store_spec = __webpack_require__(6542);
;// CONCATENATED MODULE: ./lib/store/store-repo.js
/**
 * The store's private bare repository is the tool's own: made by it under `.agentframer/`
 * (checked by state/state-dir.ts: no link on the way, nothing committed there), with a config
 * file the tool writes whole. Before each use that file must be exactly what the tool would
 * write now, with no `objects/info/alternates` (objects from elsewhere) and no `commondir`;
 * anything else — a file an earlier step or an older version changed, an `insteadOf` or a
 * `core.sshCommand` someone added — and the repository is made again. Its objects are only a
 * cache of `origin`'s store branch, so nothing is lost but a fetch.
 */



/** The whole config of the store repository for `originUrl`. */
function storeRepoConfig(originUrl) {
    // eslint-disable-next-line no-control-regex -- a line break would add a setting of its own
    if (/[\u0000-\u001f\u007f]/.test(originUrl)) {
        throw new store_spec.StoreSpecError(`store git: origin's URL holds a control character; fix it (git remote set-url origin URL)`);
    }
    const quoted = `"${originUrl.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    return [
        "[core]",
        "\trepositoryformatversion = 0",
        "\tfilemode = true",
        "\tbare = true",
        "\tlogallrefupdates = false",
        // Renders are compressed already (PNG, MP4) or barely compress (WAV): the fastest zlib
        // level, and no delta search between pictures that share nothing.
        "\tcompression = 1",
        "[gc]",
        "\tauto = 0",
        "[pack]",
        "\twindow = 0",
        '[remote "origin"]',
        `\turl = ${quoted}`,
        "\tpromisor = true",
        "\tpartialclonefilter = blob:none",
        "",
    ].join("\n");
}
async function isToolsOwn(gitDir, config) {
    const facts = await (0,promises_.lstat)(gitDir).catch(() => undefined);
    if (!facts?.isDirectory())
        return false;
    const file = await (0,promises_.lstat)((0,external_node_path_.join)(gitDir, "config")).catch(() => undefined);
    if (!file?.isFile())
        return false;
    if ((await (0,promises_.readFile)((0,external_node_path_.join)(gitDir, "config"), "utf8")) !== config)
        return false;
    for (const stranger of ["objects/info/alternates", "commondir"]) {
        if (await (0,promises_.lstat)((0,external_node_path_.join)(gitDir, stranger)).then(() => true, () => false))
            return false;
    }
    return true;
}
/** Makes (or makes again) the store repository at `gitDir` unless it is the tool's own as is. */
async function prepareStoreRepo(git, gitDir, originUrl) {
    const config = storeRepoConfig(originUrl);
    if (await isToolsOwn(gitDir, config))
        return;
    // A link is removed, not followed; its parent was checked to be the tool's own.
    await (0,promises_.rm)(gitDir, { recursive: true, force: true });
    await (0,promises_.mkdir)(gitDir);
    // No template: no sample hooks, no info/exclude, nothing but what git needs.
    await git.run(["init", "--quiet", "--bare", "--template=", gitDir]);
    await (0,promises_.writeFile)((0,external_node_path_.join)(gitDir, "config"), config);
}

;// CONCATENATED MODULE: ./lib/store/git-store.js
/**
 * The `git` store: an orphan branch in the repository's own `origin`, read and written through a
 * private bare repository under `.agentframer/` (the user's `.git` is never touched).
 *
 * Reading (git-reader.ts) fetches the tip of exactly `refs/heads/<branch>` with its trees only
 * (`--depth=1 --filter=blob:none`), lists its tree once, then fetches just the blobs a run needs,
 * by id and in one request, and checks each one's size before reading it. Writing builds the next commit with plumbing (hash-object, a
 * temporary index, commit-tree on the fetched tip) and pushes it without force; a writer that
 * lost the race fetches the new tip and applies its entries again, so concurrent writers never
 * lose each other's entries. A server that refuses filters still works: git then sends the tip's
 * blobs too, and the run is only slower.
 */












/** Pushes tried before giving up when other writers keep moving the tip. */
const MAX_PUSH_TRIES = 8;
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
    /** Blob ids of entries' previews, by hash, where the record names one and the tree holds it. */
    const previewBlobs = new Map();
    let ready;
    const init = () => (ready ??= prepareStoreRepo(git, options.gitDir, options.originUrl));
    const reader = createGitReader(git, branch, init);
    /** The entries among `hashes` held at `commit`, records sized, then read and checked. */
    async function entriesAt(commit, hashes) {
        const tree = await reader.listTree(commit);
        const wanted = new Map();
        for (const hash of new Set(hashes)) {
            const oid = tree.get((0,layout/* entryRecordPath */.dW)(hash));
            if (oid)
                wanted.set(hash, oid);
        }
        const sizes = await reader.sizesOf([...wanted.values()]);
        const ignore = (hash, why) => warn(`store entry ${hash.slice(0, 12)} ignored: ${why}`);
        for (const [hash, oid] of wanted) {
            const size = sizes.get(oid);
            if (size !== undefined && size <= layout/* RECORD_BOUND */.bw)
                continue;
            ignore(hash, size === undefined
                ? "its record is not in the store"
                : `its record is ${size} bytes, more than a record may be (${layout/* RECORD_BOUND */.bw})`);
            wanted.delete(hash);
        }
        const blobs = await reader.readSmall([...wanted.values()]);
        const hits = new Map();
        for (const [hash, oid] of wanted) {
            const record = (0,verify/* parseStoreRecord */.wX)(blobs.get(oid)?.toString("utf8") ?? "");
            const path = record ? (0,layout/* entryBytesPath */.R6)(record) : undefined;
            const bytes = path ? tree.get(path) : undefined;
            if (!record || record.hash !== hash || !path || !bytes) {
                ignore(hash, "its record is unreadable or has no bytes");
                continue;
            }
            bytesBlobs.set(hash, bytes);
            const preview = tree.get((0,layout/* entryPreviewPath */._T)(hash));
            if (record.preview && preview)
                previewBlobs.set(hash, preview);
            hits.set(hash, { record: withoutPreviewUnless(record, preview), location: { commit, path } });
        }
        return hits;
    }
    async function lookup(hashes) {
        if (hashes.length === 0)
            return new Map();
        const tip = await reader.fetchTip();
        return tip === undefined ? new Map() : entriesAt(tip, hashes);
    }
    async function fetchMany(items, settle) {
        const refuse = async (item, why) => {
            warn(`store entry ${item.hit.record.hash.slice(0, 12)} refused: ${why}`);
            await settle(item, false);
        };
        const oidOf = (item) => bytesBlobs.get(item.hit.record.hash);
        let sizes;
        try {
            sizes = await reader.sizesOf(items.map(oidOf).filter((oid) => !!oid));
        }
        catch (error) {
            for (const item of items)
                await refuse(item, `could not read its bytes (${error.message})`);
            return;
        }
        const targets = [];
        const itemOf = new Map();
        for (const item of items) {
            const oid = oidOf(item);
            const size = oid === undefined ? undefined : sizes.get(oid);
            const { record } = item.hit;
            if (oid === undefined || size === undefined)
                await refuse(item, "its bytes are not in the store");
            else if (size !== record.size)
                await refuse(item, `its bytes are ${size} bytes where the record says ${record.size}`);
            else {
                const target = { oid, dest: item.dest, check: new verify_bytes/* BytesCheck */.E(record) };
                targets.push(target);
                itemOf.set(target, item);
            }
        }
        const unsettled = new Set(targets);
        try {
            await reader.writeBlobs(targets, async (target, verdict) => {
                unsettled.delete(target);
                const item = itemOf.get(target);
                if (verdict.ok)
                    await settle(item, true);
                else
                    await refuse(item, verdict.why);
            });
        }
        catch (error) {
            for (const target of unsettled)
                await refuse(itemOf.get(target), `could not read its bytes (${error.message})`);
        }
    }
    async function fetch(hit, dest) {
        let kept = false;
        await fetchMany([{ hit, dest }], async (_, ok) => {
            kept = ok;
        });
        return kept;
    }
    async function write(entries, additions = []) {
        const byHash = new Map(entries.map((e) => [e.record.hash, e]));
        const adding = new Map(additions.map((a) => [a.record.hash, a]));
        if (byHash.size === 0 && adding.size === 0)
            return new Map();
        for (let attempt = 1;; attempt++) {
            const parent = await reader.fetchTip();
            const held = parent
                ? await entriesAt(parent, [...byHash.keys(), ...adding.keys()])
                : new Map();
            const missing = [...byHash.values()].filter((e) => !held.has(e.record.hash));
            const previewed = previewsToAdd(adding, held);
            if (missing.length === 0 && previewed.length === 0)
                return heldOf(byHash, held);
            const commit = await commitFiles(parent, [
                ...missing.flatMap(entryFiles),
                ...previewed.flatMap(({ record, preview }) => [
                    { path: (0,layout/* entryRecordPath */.dW)(record.hash), bytes: (0,verify/* serializeStoreRecord */.nW)(record) },
                    { path: (0,layout/* entryPreviewPath */._T)(record.hash), bytes: preview },
                ]),
            ]);
            try {
                await pushToBranch((args) => git.run(args), {
                    remote: "origin",
                    commit,
                    branch,
                    options: ["--quiet", "--no-thin"],
                });
            }
            catch (error) {
                if (error instanceof git_runner.GitError && isRefusedPush(error)) {
                    // A read-only token or a rule on the branch: the next try would be refused the same.
                    throw new store/* StoreRefusedError */.O("the remote refused the push (a token that may only read, or a rule on the " +
                        `branch): ${error.message}`, "git", { cause: error });
                }
                if (!(error instanceof git_runner.GitError) || !isRaceLost(error.stderr))
                    throw error;
                if (attempt >= MAX_PUSH_TRIES) {
                    throw new StoreWriteError(`${options.label}: the branch moved under ${MAX_PUSH_TRIES} pushes in a row; try again`);
                }
                // Other writers just pushed: wait a little, more each time, so they do not collide again.
                await sleep(Math.round((100 + random() * 400) * attempt));
                continue;
            }
            const written = new Map();
            for (const e of byHash.values()) {
                const heldHit = held.get(e.record.hash);
                const location = { commit, path: (0,layout/* entryBytesPath */.R6)(e.record) };
                // Our own preview, just written: it can be shown. One the store held already cannot yet.
                if (!heldHit && e.preview && e.record.preview) {
                    location.preview = previewLocation(e.record.hash, e.record.preview);
                }
                written.set(e.record.hash, { record: heldHit?.record ?? e.record, location });
            }
            for (const { record } of previewed) {
                written.set(record.hash, {
                    record,
                    location: {
                        commit,
                        path: (0,layout/* entryBytesPath */.R6)(record),
                        preview: previewLocation(record.hash, record.preview),
                    },
                });
            }
            return written;
        }
    }
    /** A commit on `parent` (none: the orphan branch's first) adding or replacing these files. */
    async function commitFiles(parent, files) {
        const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.gitDir, "write-"));
        try {
            const index = (0,external_node_path_.join)(scratch, "index");
            const env = { GIT_INDEX_FILE: index };
            if (parent)
                await git.run(["read-tree", parent], { env });
            const sources = [];
            for (const [i, f] of files.entries()) {
                if (f.file !== undefined)
                    sources.push(f.file);
                else {
                    const scratchFile = (0,external_node_path_.join)(scratch, String(i));
                    await (0,promises_.writeFile)(scratchFile, f.bytes);
                    sources.push(scratchFile);
                }
            }
            const oids = (await git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
                input: sources.join("\n") + "\n",
            }))
                .trim()
                .split("\n");
            const info = files.map((f, i) => `100644 blob ${oids[i]}\t${f.path}`).join("\n") + "\n";
            await git.run(["update-index", "--add", "--index-info"], { input: info, env });
            // Blobs of entries already in the store stay on the server: the index only names them.
            const tree = (await git.run(["write-tree", "--missing-ok"], { env })).trim();
            const when = `${Math.floor(now() / 1000)} +0000`;
            const { name, email } = options.author;
            const records = files.filter((f) => f.path.endsWith(".json")).length;
            const message = `store: ${records} entr${records === 1 ? "y" : "ies"}\n`;
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
    async function previews(hits) {
        const wanted = hits.filter((h) => h.location !== undefined &&
            h.record.preview !== undefined &&
            previewBlobs.has(h.record.hash));
        const shown = new Map();
        if (wanted.length === 0)
            return shown;
        const oidOf = (hash) => previewBlobs.get(hash);
        try {
            // Sizes first (fetching what is not here in one request): a blob larger than any preview
            // is never read into memory.
            const sizes = await reader.sizesOf(wanted.map((h) => oidOf(h.record.hash)));
            const small = wanted
                .map((h) => oidOf(h.record.hash))
                .filter((oid) => (sizes.get(oid) ?? Infinity) <= preview/* MAX_PREVIEW_BYTES */.S5);
            const blobs = await reader.readSmall(small);
            for (const { record, location } of wanted) {
                const bytes = blobs.get(oidOf(record.hash));
                const why = bytes ? (0,preview/* checkPreviewBytes */.qK)(bytes, record.preview) : "its preview is too large";
                if (why !== undefined) {
                    warn(`store entry ${record.hash.slice(0, 12)}: ${why}; no preview shown`);
                    continue;
                }
                shown.set(record.hash, {
                    ...location,
                    preview: previewLocation(record.hash, record.preview),
                });
            }
        }
        catch (error) {
            warn(`could not read previews from ${options.label}: ${error.message}`);
        }
        return shown;
    }
    return { label: options.label, showsEntries: true, lookup, fetch, fetchMany, write, previews };
}
/** An entry's files: its bytes, its record, and its preview when it has one. */
function entryFiles(e) {
    return [
        { path: (0,layout/* entryBytesPath */.R6)(e.record), file: e.file },
        { path: (0,layout/* entryRecordPath */.dW)(e.record.hash), bytes: (0,verify/* serializeStoreRecord */.nW)(e.record) },
        ...(e.preview && e.record.preview
            ? [{ path: (0,layout/* entryPreviewPath */._T)(e.record.hash), bytes: e.preview }]
            : []),
    ];
}
/**
 * The additions whose entry the tip holds still without a preview and still describing the
 * bytes the preview was made from; each with the record to write: the held one, plus the
 * preview's description (and a length it did not have).
 */
function previewsToAdd(adding, held) {
    const out = [];
    for (const [hash, addition] of adding) {
        const found = held.get(hash)?.record;
        const made = addition.record;
        if (!found || found.preview)
            continue;
        if (found.sha256 !== made.sha256 || found.size !== made.size)
            continue;
        if (found.type !== made.type || found.extension !== made.extension)
            continue;
        const durationSeconds = found.durationSeconds ?? made.durationSeconds;
        out.push({
            record: {
                ...found,
                preview: made.preview,
                ...(durationSeconds !== undefined ? { durationSeconds } : {}),
            },
            preview: addition.preview,
        });
    }
    return out;
}
/** What the store holds for the entries asked to be written, all held already. */
function heldOf(byHash, held) {
    const out = new Map();
    for (const hash of byHash.keys()) {
        const hit = held.get(hash);
        if (hit)
            out.set(hash, hit);
    }
    return out;
}
function previewLocation(hash, preview) {
    const { width, height, size } = preview;
    return { path: (0,layout/* entryPreviewPath */._T)(hash), width, height, size };
}
/** The record as found, less its preview when the tree does not hold the preview's bytes. */
function withoutPreviewUnless(record, previewBlob) {
    if (!record.preview || previewBlob)
        return record;
    const { preview: _missing, ...rest } = record;
    return rest;
}
/** A push refused because the branch moved (or appeared) since the fetch. */
function isRaceLost(stderr) {
    return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(stderr);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./lib/net/leaked-key.js
var leaked_key = __webpack_require__(5027);
// EXTERNAL MODULE: ./lib/util/outside-text.js
var outside_text = __webpack_require__(47);
;// CONCATENATED MODULE: ./lib/store/store-git.js
/**
 * git for the store (through the one runner, git/runner.ts): the tool's own private repository,
 * and nothing else configuring it. A store command carries the github-token, so no program that a
 * config names may run beside it, and no config may send `origin` elsewhere:
 *
 * - **No config but the tool's**: no system config (GIT_CONFIG_NOSYSTEM), no global one
 *   (GIT_CONFIG_GLOBAL=/dev/null), and the repository's own file is the one the tool wrote
 *   (git-store.ts checks it, byte for byte, and makes the repository again otherwise).
 * - **An environment kept, not scrubbed**: only what git needs to find programs, proxies and
 *   certificates (and ssh its agent) passes; GIT_SSH_COMMAND, GIT_EXEC_PATH, GIT_TEMPLATE_DIR, a
 *   token in GITHUB_TOKEN and everything else the caller's environment holds do not.
 * - **The tool's settings on every command** (GIT_CONFIG_COUNT: above every file): no hook, no
 *   file-system monitor, no credential helper, plain `ssh`, only the file, https, http and ssh
 *   transports (never `ext::`), and a transfer that stalls for a minute fails.
 * - **The token only where it is needed**: an `http.<server>/.extraheader` for the commands that
 *   talk to `origin` (ls-remote, fetch, push), never on a command line (`ps` shows those), never
 *   in a config file, never in the environment of a command that does not reach the network.
 * - **A deadline on every network command.**
 */




/** A fetch of a big store's blobs can take minutes; a stalled one ends by http.lowSpeedTime. */
const NETWORK_TIMEOUT_MS = 20 * 60_000;
/** Variables git may see: how to find programs, proxies and certificates, and ssh its agent. */
const KEPT = /^(PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|SYSTEMROOT|COMSPEC|PATHEXT|LANG|SSH_AUTH_SOCK|SSL_CERT_FILE|SSL_CERT_DIR|GIT_SSL_CAINFO|GIT_SSL_CAPATH|(HTTPS?|ALL|NO)_PROXY)$/i;
function keptEnv(env) {
    const kept = {};
    for (const [key, value] of Object.entries(env))
        if (KEPT.test(key))
            kept[key] = value;
    return kept;
}
/** The tool's settings, above every config file git might still read. */
const SETTINGS = [
    ["core.hooksPath", external_node_os_.devNull],
    ["core.fsmonitor", "false"],
    ["credential.helper", ""],
    ["core.sshCommand", "ssh"],
    ["core.askPass", ""],
    ["protocol.allow", "never"],
    ["protocol.file.allow", "always"],
    ["protocol.https.allow", "always"],
    ["protocol.http.allow", "always"],
    ["protocol.ssh.allow", "always"],
    ["http.lowSpeedLimit", "1000"],
    ["http.lowSpeedTime", "60"],
];
function configEnv(settings) {
    const env = { GIT_CONFIG_COUNT: String(settings.length) };
    settings.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
}
function storeGit(options) {
    const secrets = options.auth ? [options.auth.token] : [];
    const local = configEnv(SETTINGS);
    const runner = (0,git_runner.gitRunner)({
        env: {
            ...keptEnv(options.env),
            GIT_DIR: options.gitDir,
            GIT_CONFIG_NOSYSTEM: "1",
            GIT_CONFIG_GLOBAL: external_node_os_.devNull,
            ...local,
        },
        secrets,
        // A remote's messages reach the run's warnings: neutralised, and no spelling of the token.
        outsideText: (text) => (0,outside_text/* neutralizeOutsideText */.K)((0,leaked_key/* redactSecrets */.fp)(text, secrets)),
    });
    const withToken = options.auth
        ? configEnv([
            ...SETTINGS,
            [
                `http.${options.auth.serverUrl.replace(/\/+$/, "")}/.extraheader`,
                `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.auth.token}`).toString("base64")}`,
            ],
        ])
        : local;
    const timeoutMs = options.networkTimeoutMs ?? NETWORK_TIMEOUT_MS;
    const optionsFor = (args, given = {}) => {
        // The commands that talk to `origin`: the only ones given the token, each with a deadline.
        const network = git_runner.NETWORK_COMMANDS.has((0,git_runner.subcommandOf)(args) ?? "");
        return {
            ...given,
            env: { ...given.env, ...(network ? withToken : local) },
            ...(network ? { timeoutMs: given.timeoutMs ?? timeoutMs } : {}),
        };
    };
    return {
        run: (args, given) => runner.run(args, optionsFor(args, given)),
        runBytes: (args, given) => runner.runBytes(args, optionsFor(args, given)),
        toFile: (args, dest) => runner.toFile(args, dest),
        stream: (args, input) => runner.stream(args, input),
    };
}

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
            const { openS3Store } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(358)]).then(__webpack_require__.bind(__webpack_require__, 4358));
            return openS3Store(spec, { env: deps.env, warn: deps.warn });
        }
        case "git": {
            const originUrl = await originUrlOf(deps.manifestDir, deps.env);
            if (originUrl === undefined) {
                throw new store_spec.StoreSpecError(`store git: ${deps.manifestDir} is not in a git repository with a remote named origin; ` +
                    "add one (git remote add origin URL) or turn the store off (--no-store, store: none)");
            }
            // The private store repository lives in the tool's own state folder, checked to be no link
            // and nothing a commit put there (state-dir.ts): its config names programs git runs.
            await (0,state_dir/* ensureStateDir */.xH)(deps.manifestDir);
            const gitDir = (0,paths.storeGitDirFor)(deps.manifestDir);
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
async function originUrlOf(dir, env) {
    const out = await (0,git_runner.gitIn)(dir, env)(["remote", "get-url", "origin"]).catch(() => "");
    return out.trim() || undefined;
}
/** How long the CLI waits to learn whether `origin` has a store branch before going on without. */
const BRANCH_CHECK_TIMEOUT_MS = 30_000;
/**
 * Does `origin` have exactly this branch (not one whose name merely ends the same way)? False
 * when it cannot be asked (no origin, offline, no answer within 30 s).
 */
async function originHasBranch(dir, branch, env) {
    const ref = branchRef(branch);
    const listed = await (0,git_runner.gitIn)(dir, env, BRANCH_CHECK_TIMEOUT_MS)(["ls-remote", "origin", ref]).catch(() => "");
    return exactRef(listed, ref) !== undefined;
}
/** A setting from the repository's git config (`git config agentframer.store git:media`). */
async function gitConfigValue(dir, key, env) {
    const out = await (0,git_runner.gitIn)(dir, env)(["config", "--get", key]).catch(() => "");
    return out.trim() || undefined;
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
async function openChosenStore(chosen, manifestPath, env, warn) {
    const manifestDir = (0,external_node_path_.dirname)(manifestPath);
    const auth = chosen.spec.kind === "git" ? await storeTokenFor(manifestDir, env) : undefined;
    return openStore(chosen.spec, {
        manifestDir,
        env,
        ...(auth ? { auth } : {}),
        author: {
            name: env.GIT_AUTHOR_NAME || "agentframer",
            email: env.GIT_AUTHOR_EMAIL || "agentframer@localhost",
        },
        warn,
    });
}
/**
 * The store's git reads no global config, so a credential helper of yours does not reach it: for
 * an https `origin` that needs credentials, AGENTFRAMER_STORE_TOKEN is sent (as the action's
 * github-token is) to origin's server only. ssh origins use your ssh keys and agent as they are.
 */
async function storeTokenFor(manifestDir, env) {
    const token = env.AGENTFRAMER_STORE_TOKEN?.trim();
    if (!token)
        return undefined;
    const origin = await originUrlOf(manifestDir, env);
    if (origin === undefined || !/^https:\/\//i.test(origin))
        return undefined;
    return { token, serverUrl: new URL(origin).origin };
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


/***/ }),

/***/ 3934:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ sniff),
/* harmony export */   d: () => (/* binding */ SNIFF_BYTES)
/* harmony export */ });
/**
 * Does a downloaded file start the way its type and extension say it should? An HTML error page,
 * a JSON body or a PNG where a WAV was asked for is caught here, before it lands at the output
 * path. Signatures are the formats' magic bytes (WHATWG MIME Sniffing and each format's spec).
 */
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

/***/ 7804:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ BytesCheck),
/* harmony export */   I: () => (/* binding */ verifyStoredBytes)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3934);
/**
 * The one check every stored entry's bytes pass (a store's, or the local cache's): size, SHA-256
 * and the type's magic bytes against what the record says. It can be fed as bytes stream in, so
 * that a backend checks what it writes while it writes it and stops as soon as more bytes come
 * than the record says (a running limit: nothing past `size` is ever accepted).
 */



class BytesCheck {
    record;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    head = Buffer.alloc(0);
    /** Bytes seen so far. */
    size = 0;
    constructor(record) {
        this.record = record;
    }
    /** False once more bytes have come than the record says: the caller stops reading. */
    update(bytes) {
        if (this.head.length < _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)
            this.head = Buffer.concat([this.head, bytes.subarray(0, _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d - this.head.length)]);
        this.hash.update(bytes);
        this.size += bytes.length;
        return this.size <= this.record.size;
    }
    /** The verdict once every byte has been fed. */
    verdict() {
        const { record } = this;
        if (this.size !== record.size)
            return { ok: false, why: `${this.size} bytes where the record says ${record.size}` };
        if (this.hash.digest("hex") !== record.sha256)
            return { ok: false, why: "its bytes do not match their SHA-256" };
        const verdict = (0,_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .sniff */ .Z)(this.head, record.type, record.extension);
        if (!verdict.ok)
            return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
        return { ok: true };
    }
}
/**
 * Are the bytes in `file` the ones the record describes? Every entry read from a store (or the
 * local cache) passes here, or through a BytesCheck as it streams, before it may reach an output.
 */
async function verifyStoredBytes(file, record) {
    const check = new BytesCheck(record);
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file))
        check.update(chunk);
    return check.verdict();
}


/***/ }),

/***/ 9651:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R6: () => (/* binding */ entryBytesPath),
/* harmony export */   _T: () => (/* binding */ entryPreviewPath),
/* harmony export */   bw: () => (/* binding */ RECORD_BOUND),
/* harmony export */   dW: () => (/* binding */ entryRecordPath)
/* harmony export */ });
/**
 * Where an entry lives inside any backend, relative to its root (the store branch's tree, or the
 * S3 prefix): `<first2>/<hash>.<extension>` for the bytes and `<first2>/<hash>.json` for the
 * record, and `<first2>/<hash>.preview.webp` for its review preview when it has one. The path names the hash and the type's extension, so a person browsing the branch or
 * the bucket can open the picture.
 */
function entryBytesPath(record) {
    return `${record.hash.slice(0, 2)}/${record.hash}.${record.extension}`;
}
function entryRecordPath(hash) {
    return `${hash.slice(0, 2)}/${hash}.json`;
}
function entryPreviewPath(hash) {
    return `${hash.slice(0, 2)}/${hash}.preview.webp`;
}
/**
 * The most a record may be: one line of about 350 bytes (layout of `serializeStoreRecord`), with
 * room to spare. A larger one is refused from its size alone, before a byte of it is read.
 */
const RECORD_BOUND = 4096;


/***/ }),

/***/ 2641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   S5: () => (/* binding */ MAX_PREVIEW_BYTES),
/* harmony export */   nG: () => (/* binding */ parseStorePreview),
/* harmony export */   qK: () => (/* binding */ checkPreviewBytes)
/* harmony export */ });
/* unused harmony exports MAX_PREVIEW_SIDE, MAX_DURATION_SECONDS, webpSize */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/**
 * Review previews kept in the store beside an entry: a small WebP (an image's thumbnail, a
 * video's poster frame, an audio file's waveform), described in the entry's record. Everything
 * about a preview read back from a store is hostile until checked here: the record's description
 * must be in shape and within bounds, and the bytes must be that many, hash to that SHA-256 and
 * open as a WebP of that size — only then may a comment link to them.
 */

/** Previews are made a few tens of kilobytes; anything past this is refused unread. */
const MAX_PREVIEW_BYTES = 512 * 1024;
const MAX_PREVIEW_SIDE = 4096;
/** Longer than any render the API makes (a minute), with room; a length past it is not believed. */
const MAX_DURATION_SECONDS = 24 * 60 * 60;
const SHA256 = /^[0-9a-f]{64}$/;
const side = (v) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_PREVIEW_SIDE;
/** A record's `preview` field, or undefined when it is absent or out of shape. */
function parseStorePreview(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    const p = value;
    if (p.format !== "webp")
        return undefined;
    if (typeof p.sha256 !== "string" || !SHA256.test(p.sha256))
        return undefined;
    const size = p.size;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > MAX_PREVIEW_BYTES)
        return undefined;
    if (!side(p.width) || !side(p.height))
        return undefined;
    return { format: "webp", sha256: p.sha256, size, width: p.width, height: p.height };
}
/** A record's `durationSeconds`, or undefined when absent or not a believable length. */
function parseDuration(value) {
    return typeof value === "number" &&
        Number.isFinite(value) &&
        value > 0 &&
        value <= MAX_DURATION_SECONDS
        ? value
        : undefined;
}
/** Width and height from a WebP's own header (lossy VP8, lossless VP8L or extended VP8X). */
function webpSize(bytes) {
    if (bytes.length < 30)
        return undefined;
    if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP")
        return undefined;
    switch (bytes.toString("latin1", 12, 16)) {
        case "VP8X":
            return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
        case "VP8L": {
            if (bytes[20] !== 0x2f)
                return undefined;
            const bits = bytes.readUInt32LE(21);
            return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
        }
        case "VP8 ":
            if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a)
                return undefined;
            return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
        default:
            return undefined;
    }
}
/** Are these the preview bytes the record describes? A reason when not. */
function checkPreviewBytes(bytes, preview) {
    if (bytes.length !== preview.size)
        return `its preview is ${bytes.length} bytes where the record says ${preview.size}`;
    if ((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(bytes).digest("hex") !== preview.sha256)
        return "its preview does not match its SHA-256";
    const size = webpSize(bytes);
    if (size === undefined)
        return "its preview is not a WebP image";
    if (size.width !== preview.width || size.height !== preview.height)
        return `its preview is ${size.width}×${size.height} where the record says ${preview.width}×${preview.height}`;
    return undefined;
}


/***/ }),

/***/ 7208:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ StoreRefusedError)
/* harmony export */ });
/**
 * The store's server refused this run's write outright (a token that may only read, a rule on
 * the branch, S3 credentials without s3:PutObject): unlike a failed or raced write, doing it again
 * as it is cannot help, so the caller says what to change rather than "re-run". The message is the
 * tool's words plus the server's, already neutralised.
 */
class StoreRefusedError extends Error {
    by;
    name = "StoreRefusedError";
    constructor(message, by, options) {
        super(message, options);
        this.by = by;
    }
}


/***/ }),

/***/ 6888:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nW: () => (/* binding */ serializeStoreRecord),
/* harmony export */   wX: () => (/* binding */ parseStoreRecord)
/* harmony export */ });
/* harmony import */ var _util_json_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8022);
/* harmony import */ var _preview_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2641);
/* harmony import */ var _net_verify_bytes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7804);



const SHA256 = /^[0-9a-f]{64}$/;
const HASH = /^[0-9a-f]{16,128}$/;
const EXTENSION = /^[a-z0-9]{1,8}$/;
/**
 * The record's free-text fields were written by whoever can write the store, and they reach logs,
 * the lock and the PR comment: one line each, short, no control characters (no line break that
 * could start a workflow command, no terminal escape).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const TEXT = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{0,200}$/;
/** A record read from a store, or undefined when any field is missing or out of shape. */
function parseStoreRecord(text) {
    const r = (0,_util_json_object_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonObject */ .d)(text);
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
    if (!TEXT.test(model) || !TEXT.test(generation) || !TEXT.test(created))
        return undefined;
    // Optional, and dropped (not the record) when out of shape: an entry without them still restores.
    const preview = (0,_preview_js__WEBPACK_IMPORTED_MODULE_0__/* .parseStorePreview */ .nG)(r.preview);
    const durationSeconds = (0,_preview_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(r.durationSeconds);
    return {
        hash,
        sha256,
        size,
        type,
        extension,
        model,
        generation,
        created,
        ...(preview ? { preview } : {}),
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    };
}
/** The record as the store keeps it: keys in a fixed order, one line. */
function serializeStoreRecord(record) {
    const { hash, sha256, size, type, extension, model, generation, created } = record;
    const { preview, durationSeconds } = record;
    return `${JSON.stringify({
        hash,
        sha256,
        size,
        type,
        extension,
        model,
        generation,
        created,
        ...(preview
            ? {
                preview: {
                    format: preview.format,
                    sha256: preview.sha256,
                    size: preview.size,
                    width: preview.width,
                    height: preview.height,
                },
            }
            : {}),
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    })}\n`;
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
