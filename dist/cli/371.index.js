export const id = 371;
export const ids = [371,115];
export const modules = {

/***/ 9115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IH: () => (/* binding */ ASSET_KEYS),
  iA: () => (/* binding */ DEFAULTS_KEYS),
  Tb: () => (/* binding */ MANIFEST_KEYS),
  ll: () => (/* binding */ PRICE_KEYS),
  ys: () => (/* binding */ RESERVED_PARAMS),
  wD: () => (/* binding */ assetSchema),
  ms: () => (/* binding */ defaultsSchema),
  rc: () => (/* binding */ manifestSchema),
  XZ: () => (/* binding */ manifestShellSchema),
  oQ: () => (/* binding */ pricingSchema)
});

// UNUSED EXPORTS: PRICE_UNITS, priceSchema

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/manifest/limits.js
var limits = __webpack_require__(789);
;// CONCATENATED MODULE: ./lib/manifest/types.js
const ASSET_TYPES = ["image", "video", "audio"];

// EXTERNAL MODULE: ./lib/manifest/variants.js
var variants = __webpack_require__(5907);
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
const variantEntry = schemas/* strictObject */.rej({
    format: schemas/* enum */.k5n(variants/* VARIANT_FORMATS */.bn).describe("webp, avif, jpeg or png."),
    widths: schemas/* array */.YOg(schemas/* int */.Whr().min(1).max(variants/* VARIANT_MAX_WIDTH */.kj))
        .min(1)
        .describe("Widths in pixels; one above the rendered image's (or video frame's) width is not made (never upscaled)."),
    quality: schemas/* int */.Whr()
        .min(1)
        .max(100)
        .optional()
        .describe("Encoder quality, 1-100 (default: webp 80, avif 50, jpeg 80; png is lossless)."),
});
const schema_variants = schemas/* union */.KCZ([
    schemas/* literal */.euz("none"),
    schemas/* array */.YOg(variantEntry)
        .min(1)
        .superRefine((value, ctx) => {
        const repeated = (0,variants/* repeatedVariant */.Q3)(value);
        if (repeated !== undefined) {
            ctx.addIssue({ code: "custom", message: `${repeated} is asked for twice (one file)` });
        }
    }),
])
    .describe("Web variants derived locally from an image's render, or from a video's poster frame (its middle; needs ffmpeg), with no job and no credits: {stem}-{width}.{format} beside the output. Not for audio. `none` turns them off; an asset's own list replaces the defaults'.");
const defaultsSchema = schemas/* strictObject */.rej({
    type: assetType.optional(),
    model: model.optional(),
    params: params.optional(),
    variants: schema_variants.optional(),
})
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
    variants: schema_variants.optional(),
    each: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe("A CSV file with a header row, or a JSON array of objects (.json), relative to the manifest's folder: one asset per row."),
})
    .describe("One asset, or one per row of its each: file.");
const PRICE_UNITS = ["image", "megapixel", "second"];
const priceSchema = schemas/* strictObject */.rej({
    credits: schemas/* number */.aig()
        .min(0, "a price is 0 credits or more")
        .max(1e9, "a price is at most 10⁹ credits")
        .describe("Credits per unit; a job costs credits × units."),
    per: schemas/* enum */.k5n(PRICE_UNITS)
        .describe("The unit: image (one job), megapixel (params.width × params.height / 10⁶) or second (params.duration)."),
})
    .describe("A model's price, in the shape GET /models answers.");
const pricingSchema = schemas/* record */.g1P(schemas/* string */.YjP().min(1).max(200), priceSchema)
    .describe("Prices per model, given or overriding what GET /models says, e.g. { flux-1.1-pro: { credits: 4, per: image } }. plan estimates credits with them; render --max-credits refuses past a budget.");
const manifestSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1).describe("The manifest format version. Only 1 exists."),
    defaults: defaultsSchema.optional(),
    outputs: schemas/* enum */.k5n(["repository", "store"])
        .optional()
        .describe("Where outputs live. repository (the default): committed beside the manifest. store: in the store only (for sets too big for git); the lock is committed, the outputs are git-ignored, and `agentframer pull` materialises them."),
    pricing: pricingSchema.optional(),
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
const PRICE_KEYS = Object.keys(priceSchema.shape);


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


/***/ })

};
