export const id = 919;
export const ids = [919];
export const modules = {

/***/ 7919:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   manifestJsonSchema: () => (/* binding */ manifestJsonSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8439);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9115);


/**
 * The manifest's JSON Schema, generated from the same zod schema the loader validates with, for
 * editors: `# yaml-language-server: $schema=<path or URL>` at the top of agentframer.yml.
 * Rules that span fields (extensions by type, ids after interpolation, paths on disk) are the
 * loader's alone.
 */
function manifestJsonSchema() {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .toJSONSchema */ .bl(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestSchema */ .rc, { target: "draft-2020-12", unrepresentable: "any" });
}


/***/ }),

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
