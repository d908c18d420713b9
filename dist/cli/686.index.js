export const id = 686;
export const ids = [686];
export const modules = {

/***/ 3686:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deriveStep: () => (/* binding */ deriveStep)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/manifest/variants.js
var variants = __webpack_require__(5907);
// EXTERNAL MODULE: ./lib/plan/variant-recipe.js
var variant_recipe = __webpack_require__(1721);
// EXTERNAL MODULE: ./lib/state/atomic-write.js
var atomic_write = __webpack_require__(6642);
;// CONCATENATED MODULE: ./lib/derive/encode.js
/** Width of the placeholder: a blur a page shows while the real image loads, a few hundred bytes. */
const PLACEHOLDER_WIDTH = 16;
/** Refuse to decode more pixels than this (a decompression bomb in a downloaded file). */
const MAX_INPUT_PIXELS = 8192 * 8192;
/** The image's content could not be decoded (not an image, damaged, too large). */
class DeriveError extends Error {
    name = "DeriveError";
}
function encodeAs(pipeline, format, quality) {
    switch (format) {
        case "webp":
            return pipeline.webp({ quality });
        case "avif":
            return pipeline.avif({ quality });
        case "jpeg":
            // JPEG has no alpha: transparent pixels become white, not the encoder's black.
            return pipeline.flatten({ background: "#ffffff" }).jpeg({ quality, mozjpeg: true });
        case "png":
            return pipeline.png({ compressionLevel: 9 });
    }
}
async function encodeVariants(sharp, source, specs) {
    let decoded;
    try {
        decoded = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
            .autoOrient()
            .raw()
            .toBuffer({ resolveWithObject: true });
    }
    catch (error) {
        throw new DeriveError(`cannot decode the image: ${error.message}`);
    }
    const { width, height, channels } = decoded.info;
    const pixels = () => sharp(decoded.data, { raw: { width, height, channels } });
    const variants = [];
    for (const spec of specs) {
        if (spec.width > width)
            continue;
        const resized = spec.width === width ? pixels() : pixels().resize({ width: spec.width });
        const out = await encodeAs(resized, spec.format, spec.quality).toBuffer({
            resolveWithObject: true,
        });
        variants.push({ spec, bytes: out.data, width: out.info.width, height: out.info.height });
    }
    const tiny = await pixels()
        .resize({ width: Math.min(PLACEHOLDER_WIDTH, width) })
        .webp({ quality: 40 })
        .toBuffer();
    return {
        width,
        height,
        placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
        variants,
    };
}

// EXTERNAL MODULE: ./lib/derive/image-lib.js + 1 modules
var image_lib = __webpack_require__(4155);
;// CONCATENATED MODULE: ./lib/derive/derive-step.js
/**
 * The derive step of a render: after every output is in place, each image asset whose web
 * variants are not current (recipe changed, re-rendered, a file gone or replaced) gets them
 * derived from its output's bytes — locally, no job — and its lock entry records them. Files are
 * written atomically (a kill leaves the old file or the new, never part of one), and the lock
 * entry is set only once all of an asset's files are written: after a kill, the next run finds
 * the old record and derives again.
 */








/** An asset needs deriving when its entry is current but its variants record is not. */
function needsDerive(entry, current) {
    const specs = entry.asset?.variants ?? [];
    const record = current.variants;
    if (specs.length === 0)
        return record !== undefined && record.files.length > 0;
    if (record === undefined || record.recipe !== (0,variant_recipe/* variantRecipe */.K)(specs))
        return true;
    // The entry the plan looked at is still the lock's: its verdict on the files holds.
    return current === entry.lock && entry.variants?.reason !== undefined;
}
/** Earlier files not in the new set and still on disk: prune's to remove. */
async function staleAfter(manifestDir, earlier, kept) {
    const stale = new Map();
    for (const record of earlier) {
        for (const f of [...(record?.files ?? []), ...(record?.stale ?? [])]) {
            if (!kept.has(f.path) && !stale.has(f.path))
                stale.set(f.path, f.sha256);
        }
    }
    const out = [];
    for (const [path, sha256] of [...stale].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const facts = await (0,promises_.stat)((0,external_node_path_.join)(manifestDir, path)).catch(() => undefined);
        if (facts?.isFile())
            out.push({ path, sha256 });
    }
    return out;
}
async function deriveOne(entry, current, ctx) {
    const id = entry.id;
    const specs = entry.asset?.variants ?? [];
    const earlier = [entry.lock?.variants, current.variants];
    if (specs.length === 0) {
        const previous = current.variants;
        const stale = await staleAfter(ctx.manifestDir, earlier, new Set());
        ctx.set(id, { ...current, variants: { ...previous, files: [], stale } });
        return { id, status: "dropped", files: [] };
    }
    const outputPath = (0,external_node_path_.join)(ctx.manifestDir, current.output);
    const source = await (0,promises_.readFile)(outputPath);
    // Only from the bytes the lock vouches for: an output edited by hand is the render's to refuse.
    if ((0,external_node_crypto_.hash)("sha256", source, "hex") !== current.sha256) {
        return { id, status: "failed", files: [], error: `${current.output} differs from the lock` };
    }
    const encoded = await encodeVariants(await (0,image_lib/* loadImageLib */.lQ)(), source, specs);
    const files = [];
    for (const v of encoded.variants) {
        const path = (0,variants/* variantPath */.v7)(current.output, v.spec.width, v.spec.format);
        await (0,atomic_write/* writeFileAtomic */.Z)((0,external_node_path_.join)(ctx.manifestDir, path), v.bytes);
        files.push({
            path,
            format: v.spec.format,
            width: v.width,
            height: v.height,
            bytes: v.bytes.length,
            sha256: (0,external_node_crypto_.hash)("sha256", v.bytes, "hex"),
        });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    const stale = await staleAfter(ctx.manifestDir, earlier, new Set(files.map((f) => f.path)));
    const record = {
        recipe: (0,variant_recipe/* variantRecipe */.K)(specs),
        width: encoded.width,
        height: encoded.height,
        placeholder: encoded.placeholder,
        files,
        ...(stale.length > 0 ? { stale } : {}),
    };
    ctx.set(id, { ...current, variants: record });
    const above = [...new Set(specs.filter((s) => s.width > encoded.width).map((s) => s.width))];
    return {
        id,
        status: "derived",
        files: files.map((f) => f.path),
        ...(above.length ? { notUpscaled: above } : {}),
    };
}
/**
 * Derives what is not current, one asset at a time (libvips already spreads each image over the
 * cores). A failure is that asset's outcome, never the run's: its old record stays.
 */
async function deriveStep(entries, ctx) {
    const outcomes = [];
    for (const entry of entries) {
        if (ctx.signal?.aborted)
            break;
        if (entry.status === "orphaned" || entry.asset === undefined)
            continue;
        if (entry.asset.variants === undefined && entry.lock?.variants === undefined)
            continue;
        const current = ctx.current(entry.id);
        if (current === undefined || !needsDerive(entry, current))
            continue;
        try {
            outcomes.push(await deriveOne(entry, current, ctx));
        }
        catch (error) {
            const message = error instanceof DeriveError || error instanceof Error ? error.message : String(error);
            outcomes.push({ id: entry.id, status: "failed", files: [], error: message });
        }
    }
    return outcomes;
}


/***/ })

};
