export const id = 102;
export const ids = [102,517];
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


/***/ }),

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

/***/ 5102:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LOCKFILE_CHUNK_CHARS: () => (/* binding */ LOCKFILE_CHUNK_CHARS),
  LOCKFILE_VERSION: () => (/* binding */ LOCKFILE_VERSION),
  LockfileError: () => (/* reexport */ lockfile_error/* LockfileError */.g),
  MAX_LOCKFILE_BYTES: () => (/* binding */ MAX_LOCKFILE_BYTES),
  WRITTEN_HEAD: () => (/* binding */ WRITTEN_HEAD),
  WRITTEN_TAIL: () => (/* binding */ WRITTEN_TAIL),
  compareCodeUnits: () => (/* binding */ compareCodeUnits),
  emptyLockfile: () => (/* binding */ emptyLockfile),
  entryChecker: () => (/* binding */ entryChecker),
  entryLine: () => (/* binding */ entryLine),
  isLockfileToRead: () => (/* binding */ isLockfileToRead),
  lockfileChunks: () => (/* binding */ lockfileChunks),
  parseLockfile: () => (/* binding */ parseLockfile),
  readLockfile: () => (/* binding */ readLockfile),
  readWrittenBody: () => (/* binding */ readWrittenBody),
  readWrittenParts: () => (/* binding */ readWrittenParts),
  serializeLockfile: () => (/* binding */ serializeLockfile),
  writeLockfile: () => (/* binding */ writeLockfile)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/manifest/read-text.js
var read_text = __webpack_require__(5517);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
// EXTERNAL MODULE: ./lib/state/lockfile-error.js
var lockfile_error = __webpack_require__(7879);
// EXTERNAL MODULE: ./lib/manifest/variants.js
var variants = __webpack_require__(5907);
;// CONCATENATED MODULE: ./lib/state/lock-variants.js
/**
 * The `variants` record of a lock entry: the recipe the web variants were derived with, the
 * output's pixel size and placeholder, each file's size and SHA-256, and files of an earlier
 * recipe still on disk (`stale`, for prune). A committed lock is outside input: prune deletes the
 * files it names, so every path must be exactly the one the naming rule gives for the entry's
 * own output, and nothing else is accepted.
 */


const PLACEHOLDER_MAX = 4096;
const PLACEHOLDER_PREFIX = /^data:image\/(webp|png);base64,[A-Za-z0-9+/=]*$/;
const dimension = schemas/* int */.Whr()
    .min(1)
    .max(1 << 16);
const sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, "expected 64 hex digits");
const fileSchema = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP().min(1),
    format: schemas/* enum */.k5n(variants/* VARIANT_FORMATS */.bn),
    width: dimension,
    height: dimension,
    bytes: schemas/* int */.Whr().min(0),
    sha256,
});
const lockedVariantsSchema = schemas/* strictObject */.rej({
    recipe: schemas/* string */.YjP().regex(/^[0-9a-f]{1,64}$/),
    width: dimension,
    height: dimension,
    placeholder: schemas/* string */.YjP()
        .max(PLACEHOLDER_MAX)
        .regex(PLACEHOLDER_PREFIX, "expected a data:image URI"),
    files: schemas/* array */.YOg(fileSchema),
    stale: schemas/* array */.YOg(schemas/* strictObject */.rej({ path: schemas/* string */.YjP().min(1), sha256 })).optional(),
});
/** `dir/stem-123.webp` for output `dir/stem.png`: the only paths a stale entry may name. */
function isVariantPathOf(output, path) {
    const match = /-(\d{1,5})\.(webp|avif|jpeg|png)$/.exec(path);
    if (match === null)
        return false;
    return (0,variants/* variantPath */.v7)(output, Number(match[1]), match[2]) === path;
}
/** Why a record that passed the schema still cannot be trusted for `output`, if it cannot. */
function variantsProblem(output, record) {
    for (const file of record.files) {
        if (file.path !== (0,variants/* variantPath */.v7)(output, file.width, file.format)) {
            return `variant ${JSON.stringify(file.path)} is not ${JSON.stringify((0,variants/* variantPath */.v7)(output, file.width, file.format))}, the name for ${output}`;
        }
    }
    for (const stale of record.stale ?? []) {
        if (!isVariantPathOf(output, stale.path)) {
            return `stale variant ${JSON.stringify(stale.path)} is not a variant of ${output}`;
        }
    }
    return undefined;
}
/** Fixed key order, whatever order the record was built in, so the lock's bytes are stable. */
function lockedVariantsJson(v) {
    return {
        recipe: v.recipe,
        width: v.width,
        height: v.height,
        placeholder: v.placeholder,
        files: v.files.map((f) => ({
            path: f.path,
            format: f.format,
            width: f.width,
            height: f.height,
            bytes: f.bytes,
            sha256: f.sha256,
        })),
        ...(v.stale && v.stale.length > 0
            ? { stale: v.stale.map((s) => ({ path: s.path, sha256: s.sha256 })) }
            : {}),
    };
}

;// CONCATENATED MODULE: ./lib/state/lockfile.js
/**
 * `agentframer.lock`: what was rendered, per asset id. Read strictly (a damaged lockfile is an
 * error, never an empty one: treating it as empty would re-render and re-bill everything), written
 * sorted with one asset per line so that git diffs and merges touch only the assets that changed.
 */






const LOCKFILE_VERSION = 1;

// Lengths, not hex regexes: a regex per field triples the cost on a 50,000-asset lockfile, and a
// mangled digit is harmless anyway (the asset plans as changed or modified).
const sha256Hex = schemas/* string */.YjP().length(64, "expected 64 hex digits");
const shortHex = schemas/* string */.YjP().min(1).max(64);
const entrySchema = schemas/* strictObject */.rej({
    hash: sha256Hex,
    fields: schemas/* strictObject */.rej({ type: shortHex, model: shortHex, prompt: shortHex, params: shortHex }),
    output: schemas/* string */.YjP().min(1),
    sha256: sha256Hex,
    size: schemas/* number */.aig().int().nonnegative(),
    generation: schemas/* string */.YjP(),
    renderedAt: schemas/* string */.YjP(),
    variants: lockedVariantsSchema.optional(),
});
const REPAIR = "Restore it from git (git checkout -- FILE), resolve the merge, or delete it to plan every asset as new";
function emptyLockfile() {
    return { version: LOCKFILE_VERSION, assets: Object.create(null) };
}
/**
 * A hand-written mirror of entrySchema for the common case, a valid entry: zod copies every
 * object it parses, which on a 50,000-asset lockfile costs more than the JSON parse itself. Never
 * looser than the schema; anything it refuses goes to the schema, for the error message.
 */
/** Own keys of a JSON-parsed object, counted without allocating an array per entry. */
function keyCount(o) {
    let n = 0;
    for (const _ in o)
        n++;
    return n;
}
function isLockEntry(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return false;
    const e = value;
    const f = e.fields;
    const isShort = (v) => typeof v === "string" && v.length >= 1 && v.length <= 64;
    // An entry with variants goes to the schema: few do, and their paths need checking.
    return (keyCount(e) === 7 &&
        typeof e.hash === "string" &&
        e.hash.length === 64 &&
        typeof e.sha256 === "string" &&
        e.sha256.length === 64 &&
        typeof e.output === "string" &&
        e.output.length > 0 &&
        Number.isSafeInteger(e.size) &&
        e.size >= 0 &&
        typeof e.generation === "string" &&
        typeof e.renderedAt === "string" &&
        typeof f === "object" &&
        f !== null &&
        !Array.isArray(f) &&
        keyCount(f) === 4 &&
        isShort(f.type) &&
        isShort(f.model) &&
        isShort(f.prompt) &&
        isShort(f.params));
}
function parseJson(text, file, remedy) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        // Conflict markers always break the JSON; say so, rather than "unexpected token '<'".
        const conflict = /^(<{7}|={7}|>{7})( |$)/m.exec(text);
        if (conflict) {
            const line = text.slice(0, conflict.index).split("\n").length;
            throw new lockfile_error/* LockfileError */.g(file, `unresolved merge-conflict marker at line ${line}`, remedy);
        }
        throw new lockfile_error/* LockfileError */.g(file, `not valid JSON (${error.message})`, remedy);
    }
}
/** Parse lockfile text; `file` is only used in error messages. */
function parseLockfile(text, file) {
    const remedy = REPAIR.replace("FILE", file);
    return lockFromJson(parseJson(text, file, remedy), file, remedy);
}
/**
 * Checks one parsed entry at a time, in file order: the entry as it is when it passes (most do,
 * through the hand-written check), else the schema's copy; throws LockfileError naming `file` and
 * the entry. Most assets share a type and a model (and the rows of one `each:` their params), so
 * their field hashes repeat: one string each instead of one per entry (JSON.parse makes a new
 * one every time) saves megabytes on a large lock.
 */
function entryChecker(file, remedy = REPAIR.replace("FILE", file)) {
    let type = "";
    let model = "";
    let params = "";
    return (id, entry) => {
        if (isLockEntry(entry)) {
            const { fields } = entry;
            if (fields.type === type)
                fields.type = type;
            else
                type = fields.type;
            if (fields.model === model)
                fields.model = model;
            else
                model = fields.model;
            if (fields.params === params)
                fields.params = params;
            else
                params = fields.params;
            return entry;
        }
        const parsed = entrySchema.safeParse(entry);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = ["assets", id, ...(issue?.path ?? [])].map(String).join(".");
            throw new lockfile_error/* LockfileError */.g(file, `${where}: ${issue?.message ?? "invalid entry"}`, remedy);
        }
        const variants = parsed.data.variants;
        const problem = variants && variantsProblem(parsed.data.output, variants);
        if (problem !== undefined) {
            throw new lockfile_error/* LockfileError */.g(file, `assets.${id}.variants: ${problem}`, remedy);
        }
        return parsed.data;
    };
}
/** The parsed JSON of a lockfile → the lock; throws LockfileError naming `file`. */
function lockFromJson(data, file, remedy) {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
        throw new lockfile_error/* LockfileError */.g(file, "not a JSON object with `version` and `assets`", remedy);
    }
    const { version, assets, ...rest } = data;
    if (version !== LOCKFILE_VERSION) {
        throw new lockfile_error/* LockfileError */.g(file, `lockfile version ${JSON.stringify(version)} is not supported (this agentframer reads version ${LOCKFILE_VERSION})`, typeof version === "number" && version > LOCKFILE_VERSION
            ? "Upgrade agentframer to read it"
            : remedy);
    }
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
        throw new lockfile_error/* LockfileError */.g(file, `unknown key ${JSON.stringify(unknownKeys[0])}`, remedy);
    }
    if (typeof assets !== "object" || assets === null || Array.isArray(assets)) {
        throw new lockfile_error/* LockfileError */.g(file, "`assets` must be an object keyed by asset id", remedy);
    }
    // The parsed object becomes the lock's `assets` (without a prototype, so that an id such as
    // "constructor" finds nothing it did not write): copying 50,000 entries into a new object cost
    // time and, with its growing copies, megabytes.
    const raw = Object.setPrototypeOf(assets, null);
    const lock = { version: LOCKFILE_VERSION, assets: raw };
    const check = entryChecker(file, remedy);
    for (const id in raw) {
        const entry = raw[id];
        const checked = check(id, entry);
        if (checked !== entry)
            lock.assets[id] = checked;
    }
    return lock;
}
/** How the lockfile's bytes begin and end as serializeLockfile writes them (with assets). */
const WRITTEN_HEAD = `{\n  "version": ${LOCKFILE_VERSION},\n  "assets": {\n`;
const WRITTEN_TAIL = "\n  }\n}\n";
const READ_CHUNK = 64 * 1024;
/**
 * A lockfile as written (one asset per line) is parsed a few hundred lines at a time, so that
 * neither its bytes nor its text (19 MB each for 50,000 assets) exist whole: every piece dies
 * young, where it is cheap to collect, instead of sitting in the old generation until the next
 * full collection while the plan goes on. Together the parts are exactly JSON.parse of the whole
 * file: `{"version": 1, "assets": {BODY}}`, and BODY split after a comma that ends a line (a JSON
 * string holds no line break, so such a comma separates two members or two fields) into parts
 * that each parse as `{PART}` means the same members in the same order. Each part's object goes
 * to `onPart` in file order. Anything else — another layout, a part that does not parse (a member
 * spread over lines, a merge conflict, damage) — returns false, and the caller reads the whole
 * file the usual way, for its exact error message.
 */
function readWrittenParts(path, onPart) {
    return readWrittenBody(path, (bytes, start, end) => parsePart(bytes.toString("utf8", start, end), onPart));
}
const HEAD_BYTES = Buffer.from(WRITTEN_HEAD);
const TAIL_BYTES = Buffer.from(WRITTEN_TAIL);
const LINE_COMMA = Buffer.from(",\n");
/**
 * The chunk loop of readWrittenParts, for a reader that parses the parts its own way:
 * `onMembers(bytes, start, end)` gets each part as the UTF-8 `bytes` from `start` to `end`
 * (whole lines, split after line-ending commas; neither comma nor head nor tail included; the
 * bytes just after `end` are a line break), in file order. `bytes` is the loop's own buffer,
 * rewritten once the call returns. Its false stops the read, which then returns false, as does a
 * file not in the layout. An empty part (`,\n,\n`) is not in it: the whole file's JSON would
 * refuse it.
 */
function readWrittenBody(path, onMembers) {
    // Never through a link, whatever was checked before (isLockfileToRead).
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    try {
        const buffer = Buffer.allocUnsafe(READ_CHUNK);
        let kept = 0; // bytes after the last line-ending comma, at the start of `buffer`
        let headRead = false;
        for (;;) {
            if (kept === buffer.length)
                return false; // a chunk with no line-ending comma
            const n = (0,external_node_fs_.readSync)(fd, buffer, kept, buffer.length - kept, null);
            let end = kept + n;
            if (!headRead) {
                if (end < HEAD_BYTES.length) {
                    if (n === 0)
                        return false;
                    kept = end;
                    continue;
                }
                if (!HEAD_BYTES.equals(buffer.subarray(0, HEAD_BYTES.length)))
                    return false;
                buffer.copy(buffer, 0, HEAD_BYTES.length, end);
                end -= HEAD_BYTES.length;
                headRead = true;
            }
            if (n === 0) {
                const last = end - TAIL_BYTES.length;
                if (last <= 0 || !TAIL_BYTES.equals(buffer.subarray(last, end)))
                    return false;
                return onMembers(buffer, 0, last);
            }
            // Parts are cut at the last line-ending comma (one byte each in UTF-8, never inside a
            // character); the rest waits for the next read. Decoding whole lines and carrying the rest
            // as text made each chunk's text twice, joined and then flattened.
            const cut = end < LINE_COMMA.length ? -1 : buffer.lastIndexOf(LINE_COMMA, end - 2);
            if (cut < 0) {
                kept = end;
                continue;
            }
            if (cut === 0 || !onMembers(buffer, 0, cut))
                return false;
            buffer.copy(buffer, 0, cut + LINE_COMMA.length, end);
            kept = end - cut - LINE_COMMA.length;
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** `{members}` parsed and handed on; false if it does not parse as an object. */
function parsePart(members, onPart) {
    let part;
    try {
        part = JSON.parse(`{${members}}`);
    }
    catch {
        return false;
    }
    if (typeof part !== "object" || part === null || Array.isArray(part))
        return false;
    onPart(part);
    return true;
}
/** The members of a lockfile as written, gathered (later ids replace earlier ones, as in JSON.parse). */
function readWrittenLockfile(path, share) {
    const assets = Object.create(null);
    const complete = readWrittenParts(path, (part) => {
        for (const id of Object.keys(part)) {
            const entry = part[id];
            if (share && typeof entry === "object" && entry !== null) {
                share(id, entry);
            }
            assets[id] = entry;
        }
    });
    return complete ? { version: LOCKFILE_VERSION, assets } : undefined;
}
/**
 * No lockfile is larger: a million entries (the most a manifest has) with long ids, outputs and
 * variants stay well under it. Anything larger was not written by the tool.
 */
const MAX_LOCKFILE_BYTES = 1024 * 1024 * 1024;
/**
 * Whether there is a lockfile at `path` to read (false: none, the lock is empty); throws
 * LockfileError for anything but a regular file within the bound. The lockfile is a file a pull
 * request can commit: as a symbolic link it would have the tool read a file of the runner's
 * (and quote it in the parse error), and as a FIFO opening it would block this thread for good,
 * past Ctrl-C. Every reader of a lockfile asks this first (lstat: the link itself is judged).
 */
function isLockfileToRead(path) {
    const facts = (0,external_node_fs_.lstatSync)(path, { throwIfNoEntry: false });
    if (facts === undefined)
        return false;
    const repair = REPAIR.replace("FILE", path);
    if (facts.isSymbolicLink()) {
        throw new lockfile_error/* LockfileError */.g(path, "it is a symbolic link; a lockfile is read only as a regular file in the repository", repair);
    }
    if (!facts.isFile())
        throw new lockfile_error/* LockfileError */.g(path, (0,read_text/* notRegular */.o)(facts), repair);
    if (facts.size > MAX_LOCKFILE_BYTES) {
        throw new lockfile_error/* LockfileError */.g(path, `it is ${facts.size} bytes, more than any lockfile this tool writes (${MAX_LOCKFILE_BYTES})`, repair);
    }
    return true;
}
/** Read the lockfile; a missing one is empty, a damaged one throws LockfileError. */
async function readLockfile(path, share) {
    if (!isLockfileToRead(path))
        return emptyLockfile();
    let written;
    try {
        written = readWrittenLockfile(path, share);
    }
    catch (error) {
        if (error.code === "ENOENT")
            return emptyLockfile();
        throw error;
    }
    if (written)
        return lockFromJson(written, path, REPAIR.replace("FILE", path));
    let text;
    try {
        // Synchronous: one large read, several times quicker than the promise API's chunked one.
        text = (0,external_node_fs_.readFileSync)(path, "utf8");
    }
    catch (error) {
        if (error.code === "ENOENT")
            return emptyLockfile();
        throw error;
    }
    return parseLockfile(text, path);
}
function compareCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Fixed key order, whatever order the entry was built in, so the bytes are stable. */
function entryJson(e) {
    return JSON.stringify({
        hash: e.hash,
        fields: {
            type: e.fields.type,
            model: e.fields.model,
            prompt: e.fields.prompt,
            params: e.fields.params,
        },
        output: e.output,
        sha256: e.sha256,
        size: e.size,
        generation: e.generation,
        renderedAt: e.renderedAt,
        ...(e.variants ? { variants: lockedVariantsJson(e.variants) } : {}),
    });
}
/** Sorted by id (code units, not locale, so every machine agrees), one asset per line. */
function serializeLockfile(lock) {
    return [...lockfileChunks(lock)].join("");
}
/**
 * About how much of the lockfile each chunk holds: big enough to write, and below V8's large
 * object size (128 KiB), so that a chunk written dies young. Megabyte chunks each went to the
 * large object space, where at 50,000 assets the 20 MB of them stayed until a full collection,
 * on top of the run's peak.
 */
const LOCKFILE_CHUNK_CHARS = 1 << 16;
/**
 * The text `serializeLockfile` gives, in chunks of about 64 KiB, for writing without holding
 * the whole file at once: at 50,000 assets it is 20 MB, twice over as a string and its bytes.
 */
function* lockfileChunks(lock) {
    const ids = Object.keys(lock.assets).sort(compareCodeUnits);
    if (ids.length === 0) {
        yield `{\n  "version": ${LOCKFILE_VERSION},\n  "assets": {}\n}\n`;
        return;
    }
    let chunk = WRITTEN_HEAD;
    for (const [i, id] of ids.entries()) {
        chunk += (i === 0 ? "" : ",\n") + entryLine(id, lock.assets[id]);
        if (chunk.length >= LOCKFILE_CHUNK_CHARS) {
            yield chunk;
            chunk = "";
        }
    }
    yield chunk + WRITTEN_TAIL;
}
/** One asset's line as serializeLockfile writes it, without the comma that separates lines. */
function entryLine(id, entry) {
    return `    ${JSON.stringify(id)}: ${entryJson(entry)}`;
}
/** Write the lockfile atomically: readers and crashes see the old file or the new, never half. */
async function writeLockfile(path, lock) {
    await (0,atomic_write/* writeFileAtomic */.Z)(path, lockfileChunks(lock));
}


/***/ })

};
