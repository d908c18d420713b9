export const id = 559;
export const ids = [559];
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


/***/ })

};
