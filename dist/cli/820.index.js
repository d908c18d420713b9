export const id = 820;
export const ids = [820,559,371];
export const modules = {

/***/ 789:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EA: () => (/* binding */ ID_MAX_LENGTH),
/* harmony export */   V4: () => (/* binding */ MANIFEST_MAX_BYTES),
/* harmony export */   av: () => (/* binding */ formatMiB),
/* harmony export */   e_: () => (/* binding */ PATH_MAX_LENGTH),
/* harmony export */   eg: () => (/* binding */ SEGMENT_MAX_LENGTH),
/* harmony export */   j3: () => (/* binding */ DATA_FILE_MAX_BYTES),
/* harmony export */   kE: () => (/* binding */ PROMPT_MAX_BYTES),
/* harmony export */   rA: () => (/* binding */ MAX_FLOW_NESTING),
/* harmony export */   t8: () => (/* binding */ ROW_PROBLEMS_MAX),
/* harmony export */   v8: () => (/* binding */ MAX_ASSETS),
/* harmony export */   w4: () => (/* binding */ MAX_ALIAS_COUNT)
/* harmony export */ });
/**
 * Caps that keep hostile or mistaken input from exhausting memory or time. Each is stated in the
 * message a user sees when it is crossed, so they live here under one name each.
 */
/** A manifest larger than this is refused before it is read. */
const MANIFEST_MAX_BYTES = 10 * 1024 * 1024;
/** An `each:` data file larger than this is refused before it is read. */
const DATA_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Assets after every `each:` is expanded. */
const MAX_ASSETS = 1_000_000;
/** A prompt after interpolation, in UTF-8 bytes. */
const PROMPT_MAX_BYTES = 32 * 1024;
/** YAML aliases resolved while converting the document; alias bombs cross it quickly. */
const MAX_ALIAS_COUNT = 100;
/**
 * YAML flow collections (`[`, `{`) nested deeper than this are refused before yaml builds them:
 * yaml's composer recurses per level, and a megabyte of "[" costs it seconds and a gigabyte.
 */
const MAX_FLOW_NESTING = 100;
/** Asset ids end up in lockfile keys, logs and comment tables. */
const ID_MAX_LENGTH = 128;
/** A path after interpolation, in UTF-16 code units; one path segment. */
const PATH_MAX_LENGTH = 1024;
const SEGMENT_MAX_LENGTH = 255;
/**
 * Problems reported per `each:` data file: when a column is wrong, every row is, and 50,000
 * identical lines help nobody. The rest are counted in one closing line.
 */
const ROW_PROBLEMS_MAX = 100;
/** "64 MiB" for a whole number of MiB (the limits), "70.2 MiB" otherwise. */
function formatMiB(bytes) {
    const mib = bytes / (1024 * 1024);
    return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
}


/***/ }),

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

/***/ 9115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IH: () => (/* binding */ ASSET_KEYS),
  iA: () => (/* binding */ DEFAULTS_KEYS),
  Tb: () => (/* binding */ MANIFEST_KEYS),
  ys: () => (/* binding */ RESERVED_PARAMS),
  wD: () => (/* binding */ assetSchema),
  ms: () => (/* binding */ defaultsSchema),
  rc: () => (/* binding */ manifestSchema),
  XZ: () => (/* binding */ manifestShellSchema)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/manifest/limits.js
var limits = __webpack_require__(789);
;// CONCATENATED MODULE: ./lib/manifest/types.js
/** The shapes a loaded manifest takes once it has been parsed, validated and expanded. */
const ASSET_TYPES = ["image", "video", "audio"];

;// CONCATENATED MODULE: ./lib/manifest/schema.js



/**
 * The manifest as written (before defaults are merged and `each:` rows expanded). Checks that
 * need more than one field (extensions by type, paths on disk, ids after interpolation) happen
 * after this, in expand.ts and paths.ts.
 */
/** Keys of params that the request body sets itself; a param cannot override them. */
const RESERVED_PARAMS = ["type", "model", "prompt"];
const assetType = schemas/* enum */.k5n(ASSET_TYPES)
    .describe("What to generate: image, video or audio. Decides which output extensions fit.");
const model = schemas/* string */.YjP().min(1).describe('The AgentFramer model, e.g. "flux-1.1-pro".');
const params = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* json */.Pq9())
    .superRefine((value, ctx) => {
    for (const key of RESERVED_PARAMS) {
        if (Object.hasOwn(value, key)) {
            ctx.addIssue({
                code: "custom",
                path: [key],
                message: `params cannot set "${key}"; use the asset's own "${key}" field`,
                params: { at: "key" },
            });
        }
    }
})
    .describe("Extra request body fields (width, height, seed, ...). An asset's params are merged over defaults.params, key by key. String values may use {{column}}.");
const defaultsSchema = schemas/* strictObject */.rej({ type: assetType.optional(), model: model.optional(), params: params.optional() })
    .describe("Merged into every asset; an asset's own fields win.");
const assetSchema = schemas/* strictObject */.rej({
    id: schemas/* string */.YjP()
        .min(1)
        .describe('Unique after expansion. Letters, digits, "-", "_" and "."; may use {{column}} with each:.'),
    type: assetType.optional(),
    model: model.optional(),
    prompt: schemas/* string */.YjP()
        .min(1)
        .describe(`What to generate; may use {{column}}. At most ${limits/* PROMPT_MAX_BYTES */.kE} bytes.`),
    output: schemas/* string */.YjP()
        .min(1)
        .describe("Where the result is written, relative to the manifest's folder; must stay inside the repository and fit the type's extensions. May use {{column}}."),
    params: params.optional(),
    each: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe("A CSV file with a header row, or a JSON array of objects (.json), relative to the manifest's folder: one asset per row."),
})
    .describe("One asset, or one per row of its each: file.");
const manifestSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1).describe("The manifest format version. Only 1 exists."),
    defaults: defaultsSchema.optional(),
    outputs: schemas/* enum */.k5n(["repository", "store"])
        .optional()
        .describe("Where outputs live. repository (the default): committed beside the manifest. store: in the store only (for sets too big for git); the lock is committed, the outputs are git-ignored, and `agentframer pull` materialises them."),
    assets: schemas/* array */.YOg(assetSchema).describe("The assets, rendered in this order."),
})
    .meta({
    title: "agentframer manifest",
    description: "Declares the AI-generated media (images, video, audio) of a repository: what each asset is and where it lives. See agentframer render.",
});
/** The top level alone: assets are checked one by one so that one bad asset hides no other. */
const manifestShellSchema = manifestSchema.extend({ assets: schemas/* array */.YOg(schemas/* unknown */.L5J()) });
/** Known keys per object, for "did you mean" hints. */
const MANIFEST_KEYS = Object.keys(manifestSchema.shape);
const DEFAULTS_KEYS = Object.keys(defaultsSchema.shape);
const ASSET_KEYS = Object.keys(assetSchema.shape);


/***/ }),

/***/ 6371:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HASH_FORMAT: () => (/* binding */ HASH_FORMAT),
/* harmony export */   assetHash: () => (/* binding */ assetHash),
/* harmony export */   canonicalJson: () => (/* binding */ canonicalJson),
/* harmony export */   changedFields: () => (/* binding */ changedFields),
/* harmony export */   fieldHashes: () => (/* binding */ fieldHashes),
/* harmony export */   hashAssets: () => (/* binding */ hashAssets),
/* harmony export */   requestBody: () => (/* binding */ requestBody),
/* harmony export */   requestBodyJson: () => (/* binding */ requestBodyJson)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7850);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9115);
/**
 * The asset hash: SHA-256 over a canonical form of the request the API will receive, so that two
 * manifests asking for the same thing hash the same whatever their key order or YAML style, and
 * any change to what is sent changes the hash. The output path is deliberately not part of it:
 * moving an output is not a re-render.
 *
 * The hash and the POST body come from one function (`requestBodyJson`), so they cannot drift:
 * the bytes hashed are the bytes a render sends, after a format-version line.
 */



/** Bump when the canonical form changes: every asset then plans as `changed`, on purpose. */
const HASH_FORMAT = "agentframer-asset-v1";
const PREFIX = `${HASH_FORMAT}\n`;
/** Hex digits kept of each per-field hash: enough to tell fields apart, short enough to diff. */
const FIELD_HASH_LENGTH = 16;
/**
 * Canonical JSON: object keys sorted by UTF-16 code unit at every depth (Array#sort's default
 * order), no whitespace, numbers as JSON.stringify writes them (so -0 becomes 0). Non-finite
 * numbers have no JSON form and would otherwise collide with `null`, so they are refused.
 */
function canonicalJson(value) {
    switch (typeof value) {
        case "string":
        case "boolean":
            return JSON.stringify(value);
        case "number":
            if (!Number.isFinite(value))
                throw new TypeError(`not a finite number: ${value}`);
            return JSON.stringify(value);
    }
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(",")}]`;
    let out = "";
    for (const key of Object.keys(value).sort()) {
        const member = value[key];
        if (member === undefined)
            continue;
        out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(member)}`;
    }
    return `{${out}}`;
}
/** Param names repeat across every asset; quoting each once saves a JSON.stringify per key. */
const quotedKeys = new Map();
function quoteKey(key) {
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
        quoted = JSON.stringify(key);
        if (quotedKeys.size < 10_000)
            quotedKeys.set(key, quoted);
    }
    return quoted;
}
/**
 * The loader refuses these already; checked again here because a param named like a body field
 * would silently override it, and hashing must never cover a request other than the one sent.
 */
function checkParams(asset) {
    const reserved = _manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .RESERVED_PARAMS */ .ys.filter((key) => Object.hasOwn(asset.params, key));
    if (reserved.length > 0) {
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh([
            {
                ...asset.source,
                message: `asset "${asset.id}": params may not set ${reserved.join(", ")}; set it on the asset itself`,
            },
        ]);
    }
}
/**
 * The POST /generations body, {type, model, prompt, ...params}, as canonical JSON: the one
 * function both the hash and the request come from. Send these exact bytes, so a retry with the
 * same idempotency key carries a byte-identical body. Serialised straight from the asset (no
 * merged object in between): plan hashes tens of thousands of these.
 */
function requestBodyJson(asset) {
    // The rows of one `each:` share one frozen params object (and type and model): everything but
    // the prompt is then serialised once, not once per row.
    const shared = sharedParts(asset);
    if (shared !== undefined)
        return shared.head + JSON.stringify(asset.prompt) + shared.tail;
    return fullBodyJson(asset);
}
function fullBodyJson(asset) {
    checkParams(asset);
    const { params } = asset;
    const keys = Object.keys(params);
    keys.push("model", "prompt", "type");
    keys.sort();
    let out = "";
    try {
        for (const key of keys) {
            const value = key === "type"
                ? asset.type
                : key === "model"
                    ? asset.model
                    : key === "prompt"
                        ? asset.prompt
                        : params[key];
            if (value === undefined)
                continue;
            out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(value)}`;
        }
    }
    catch (error) {
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh([
            { ...asset.source, message: `asset "${asset.id}": ${error.message} in params` },
        ]);
    }
    return `{${out}}`;
}
/** Only deeply frozen params are cached: a mutable object could change under its cached bytes. */
const sharedByParams = new WeakMap();
function sharedParts(asset) {
    const { params, type, model, prompt } = asset;
    if (typeof prompt !== "string")
        return undefined;
    const cached = sharedByParams.get(params);
    if (cached === null)
        return undefined;
    if (cached !== undefined && cached.type === type && cached.model === model)
        return cached;
    if (!isDeepFrozen(params)) {
        sharedByParams.set(params, null);
        return undefined;
    }
    let parts;
    try {
        checkParams(asset);
        parts = { type, model, ...membersAroundPrompt(asset) };
    }
    catch {
        // A reserved or non-finite param: the full path reports it, for this asset.
        return undefined;
    }
    sharedByParams.set(params, parts);
    return parts;
}
/** The body's members in fullBodyJson's order and form, split where the prompt's value goes. */
function membersAroundPrompt(asset) {
    const { params } = asset;
    const keys = Object.keys(params);
    keys.push("model", "prompt", "type");
    keys.sort();
    let head = "";
    let tail = "";
    let afterPrompt = false;
    for (const key of keys) {
        if (key === "prompt") {
            head += `${head === "" ? "" : ","}${quoteKey(key)}:`;
            afterPrompt = true;
            continue;
        }
        const value = key === "type" ? asset.type : key === "model" ? asset.model : params[key];
        if (value === undefined)
            continue;
        const member = `${quoteKey(key)}:${canonicalJson(value)}`;
        if (afterPrompt)
            tail += `,${member}`;
        else
            head += `${head === "" ? "" : ","}${member}`;
    }
    return { head: `{${head}`, tail: `${tail}}` };
}
function isDeepFrozen(value) {
    if (value === null || typeof value !== "object")
        return true;
    if (!Object.isFrozen(value))
        return false;
    return Object.values(value).every(isDeepFrozen);
}
/** The POST /generations body as an object, parsed back from `requestBodyJson`. */
function requestBody(asset) {
    return JSON.parse(requestBodyJson(asset));
}
function sha256Hex(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", text, "hex");
}
/** The asset hash (64 hex digits) recorded in the lockfile and used as the cache key. */
function assetHash(asset) {
    return sha256Hex(PREFIX + requestBodyJson(asset));
}
/**
 * Hash every asset, reporting every asset whose request cannot be sent (a reserved or
 * non-finite param) at once, as the manifest's other problems are.
 */
function hashAssets(assets) {
    const problems = [];
    const hashes = assets.map((asset) => {
        try {
            return assetHash(asset);
        }
        catch (error) {
            if (!(error instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh))
                throw error;
            problems.push(...error.problems);
            return "";
        }
    });
    if (problems.length > 0)
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh(problems);
    return hashes;
}
/** Short per-field hashes, kept in the lockfile so `plan` can say which field changed. */
function fieldHashes(asset) {
    return {
        type: sharedFieldHash("type", asset.type),
        model: sharedFieldHash("model", asset.model),
        prompt: fieldHash("prompt", asset.prompt),
        params: sharedFieldHash("params", asset.params),
    };
}
function fieldHash(field, value) {
    // The digest's first bytes as hex, not a slice of the 64-digit string: a slice would keep the
    // whole string alive in every lock entry a render holds.
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", `${PREFIX}${field}\n${canonicalJson(value)}`, "buffer").toString("hex", 0, FIELD_HASH_LENGTH / 2);
}
/** Recent field hashes by field and value: the type, model and params most assets share. */
const recentFieldHashes = new Map();
const RECENT_FIELD_HASHES = 256;
/**
 * A field whose value most assets share (50,000 rows of one CSV have one type, model and params):
 * hashed once, and one string held by every lock entry instead of one each.
 */
function sharedFieldHash(field, value) {
    const key = `${field}\n${canonicalJson(value)}`;
    let hash = recentFieldHashes.get(key);
    if (hash === undefined) {
        if (recentFieldHashes.size >= RECENT_FIELD_HASHES)
            recentFieldHashes.clear();
        hash = fieldHash(field, value);
        recentFieldHashes.set(key, hash);
    }
    return hash;
}
const REQUEST_FIELDS = ["type", "model", "prompt", "params"];
/** Which request fields differ between two sets of per-field hashes, in a fixed order. */
function changedFields(now, locked) {
    return REQUEST_FIELDS.filter((field) => now[field] !== locked[field]);
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

/***/ 9820:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOCKFILE_VERSION: () => (/* binding */ LOCKFILE_VERSION),
/* harmony export */   LockfileError: () => (/* reexport safe */ _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__.g),
/* harmony export */   WRITTEN_HEAD: () => (/* binding */ WRITTEN_HEAD),
/* harmony export */   WRITTEN_TAIL: () => (/* binding */ WRITTEN_TAIL),
/* harmony export */   compareCodeUnits: () => (/* binding */ compareCodeUnits),
/* harmony export */   emptyLockfile: () => (/* binding */ emptyLockfile),
/* harmony export */   entryLine: () => (/* binding */ entryLine),
/* harmony export */   lockEntryFor: () => (/* binding */ lockEntryFor),
/* harmony export */   lockfileChunks: () => (/* binding */ lockfileChunks),
/* harmony export */   parseLockfile: () => (/* binding */ parseLockfile),
/* harmony export */   readLockfile: () => (/* binding */ readLockfile),
/* harmony export */   serializeLockfile: () => (/* binding */ serializeLockfile),
/* harmony export */   writeLockfile: () => (/* binding */ writeLockfile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2311);
/* harmony import */ var _manifest_read_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5517);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6642);
/* harmony import */ var _plan_hash_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6371);
/* harmony import */ var _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7879);
/**
 * `agentframer.lock`: what was rendered, per asset id. Read strictly (a damaged lockfile is an
 * error, never an empty one: treating it as empty would re-render and re-bill everything), written
 * sorted with one asset per line so that git diffs and merges touch only the assets that changed.
 */






const LOCKFILE_VERSION = 1;

// Lengths, not hex regexes: a regex per field triples the cost on a 50,000-asset lockfile, and a
// mangled digit is harmless anyway (the asset plans as changed or modified).
const sha256Hex = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().length(64, "expected 64 hex digits");
const shortHex = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).max(64);
const entrySchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    hash: sha256Hex,
    fields: zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({ type: shortHex, model: shortHex, prompt: shortHex, params: shortHex }),
    output: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1),
    sha256: sha256Hex,
    size: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().nonnegative(),
    generation: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    renderedAt: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
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
            throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, `unresolved merge-conflict marker at line ${line}`, remedy);
        }
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, `not valid JSON (${error.message})`, remedy);
    }
}
/** Parse lockfile text; `file` is only used in error messages. */
function parseLockfile(text, file) {
    const remedy = REPAIR.replace("FILE", file);
    return lockFromJson(parseJson(text, file, remedy), file, remedy);
}
/** The parsed JSON of a lockfile → the lock; throws LockfileError naming `file`. */
function lockFromJson(data, file, remedy) {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, "not a JSON object with `version` and `assets`", remedy);
    }
    const { version, assets, ...rest } = data;
    if (version !== LOCKFILE_VERSION) {
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, `lockfile version ${JSON.stringify(version)} is not supported (this agentframer reads version ${LOCKFILE_VERSION})`, typeof version === "number" && version > LOCKFILE_VERSION
            ? "Upgrade agentframer to read it"
            : remedy);
    }
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, `unknown key ${JSON.stringify(unknownKeys[0])}`, remedy);
    }
    if (typeof assets !== "object" || assets === null || Array.isArray(assets)) {
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, "`assets` must be an object keyed by asset id", remedy);
    }
    // The parsed object becomes the lock's `assets` (without a prototype, so that an id such as
    // "constructor" finds nothing it did not write): copying 50,000 entries into a new object cost
    // time and, with its growing copies, megabytes.
    const raw = Object.setPrototypeOf(assets, null);
    const lock = { version: LOCKFILE_VERSION, assets: raw };
    // Most assets share a type and a model, so their field hashes repeat: one string each instead
    // of one per entry (JSON.parse makes a new one every time) saves megabytes on a large lock.
    let type = "";
    let model = "";
    for (const id in raw) {
        const entry = raw[id];
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
            continue;
        }
        const parsed = entrySchema.safeParse(entry);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = ["assets", id, ...(issue?.path ?? [])].map(String).join(".");
            throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(file, `${where}: ${issue?.message ?? "invalid entry"}`, remedy);
        }
        lock.assets[id] = parsed.data;
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
 * full collection while the plan goes on. The result is exactly JSON.parse of the whole file:
 * `{"version": 1, "assets": {BODY}}`, and BODY split after a comma that ends a line (a JSON
 * string holds no line break, so such a comma separates two members or two fields) into parts
 * that each parse as `{PART}` means the same members in the same order. Anything else — another
 * layout, a part that does not parse (a member spread over lines, a merge conflict, damage) —
 * returns undefined, and the whole file is read the usual way for its exact error message.
 */
function readWrittenLockfile(path, share) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, "r");
    try {
        const assets = Object.create(null);
        const buffer = Buffer.allocUnsafe(READ_CHUNK);
        let kept = 0; // bytes of an unfinished line at the start of `buffer`
        let carry = ""; // whole lines not yet parsed (after the last line-ending comma)
        let first = true;
        for (;;) {
            if (kept === buffer.length)
                return undefined; // a line longer than a chunk
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, kept, buffer.length - kept, null);
            const end = kept + n;
            // A line break is one byte in UTF-8, never inside a character: decode whole lines only.
            const lineEnd = n === 0 ? end : buffer.lastIndexOf(10, end - 1) + 1;
            let text = carry + buffer.toString("utf8", 0, lineEnd);
            buffer.copy(buffer, 0, lineEnd, end);
            kept = end - lineEnd;
            if (first) {
                if (!text.startsWith(WRITTEN_HEAD))
                    return undefined;
                text = text.slice(WRITTEN_HEAD.length);
                first = false;
            }
            if (n === 0) {
                if (kept > 0 || !text.endsWith(WRITTEN_TAIL))
                    return undefined;
                const last = text.slice(0, -WRITTEN_TAIL.length);
                if (last === "" || !addMembers(assets, last, share))
                    return undefined;
                return { version: LOCKFILE_VERSION, assets };
            }
            const cut = text.lastIndexOf(",\n");
            if (cut < 0) {
                carry = text;
                continue;
            }
            if (!addMembers(assets, text.slice(0, cut), share))
                return undefined;
            carry = text.slice(cut + 2);
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** Parse `{members}` into `into` (later ids replace earlier ones, as in JSON.parse); false if it does not parse. */
function addMembers(into, members, share) {
    let part;
    try {
        part = JSON.parse(`{${members}}`);
    }
    catch {
        return false;
    }
    if (typeof part !== "object" || part === null || Array.isArray(part))
        return false;
    for (const id of Object.keys(part)) {
        const entry = part[id];
        if (share && typeof entry === "object" && entry !== null) {
            share(id, entry);
        }
        into[id] = entry;
    }
    return true;
}
/** Read the lockfile; a missing one is empty, a damaged one throws LockfileError. */
async function readLockfile(path, share) {
    // Opening a FIFO would block this thread for good, past Ctrl-C: only a regular file is read.
    const facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { throwIfNoEntry: false });
    if (facts === undefined)
        return emptyLockfile();
    if (!facts.isFile())
        throw new _lockfile_error_js__WEBPACK_IMPORTED_MODULE_4__/* .LockfileError */ .g(path, (0,_manifest_read_text_js__WEBPACK_IMPORTED_MODULE_1__/* .notRegular */ .o)(facts), REPAIR.replace("FILE", path));
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
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, "utf8");
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
    });
}
/** Sorted by id (code units, not locale, so every machine agrees), one asset per line. */
function serializeLockfile(lock) {
    return [...lockfileChunks(lock)].join("");
}
/** About how much of the lockfile each chunk holds: big enough to write, small beside the lock. */
const CHUNK_CHARS = 1 << 20;
/**
 * The text `serializeLockfile` gives, in chunks of about a megabyte, for writing without holding
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
        if (chunk.length >= CHUNK_CHARS) {
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
    await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(path, lockfileChunks(lock));
}
/**
 * The lock entry for an asset whose output was just written (or restored). `hash` is the asset's
 * hash when the caller has it already (the plan's), so it is neither computed nor held twice.
 */
function lockEntryFor(asset, rendered, hash = (0,_plan_hash_js__WEBPACK_IMPORTED_MODULE_3__.assetHash)(asset)) {
    return {
        hash,
        fields: (0,_plan_hash_js__WEBPACK_IMPORTED_MODULE_3__.fieldHashes)(asset),
        output: asset.output,
        sha256: rendered.sha256,
        size: rendered.size,
        generation: rendered.generation,
        renderedAt: typeof rendered.renderedAt === "string"
            ? rendered.renderedAt
            : rendered.renderedAt.toISOString(),
    };
}


/***/ })

};
