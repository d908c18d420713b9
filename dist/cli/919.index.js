export const id = 919;
export const ids = [919,115];
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


/***/ })

};
