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
// EXTERNAL MODULE: ./lib/plan/sha256-file.js
var sha256_file = __webpack_require__(8763);
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
// EXTERNAL MODULE: ./lib/derive/preview/ffmpeg-tool.js
var ffmpeg_tool = __webpack_require__(3830);
// EXTERNAL MODULE: ./lib/derive/preview/poster-frame.js
var poster_frame = __webpack_require__(3499);
;// CONCATENATED MODULE: ./lib/derive/derive-step.js
/**
 * The derive step of a render: after every output is in place, each image or video asset whose
 * web variants are not current (recipe changed, re-rendered, a file gone or replaced) gets them
 * derived from its output's bytes — an image's own pixels, a video's poster frame — locally, no
 * job, and its lock entry records them. Files are written atomically (a kill leaves the old file
 * or the new, never part of one), and the lock entry is set only once all of an asset's files
 * are written: after a kill, the next run finds the old record and derives again. A file the lock
 * on disk names is first taken out of it (withdrawReplaced), so a kill never leaves a lock whose
 * SHA-256 for a path is not the file's. A video whose frame cannot be had for want of ffmpeg
 * keeps no record, so the next run with ffmpeg makes them.
 */











/** Only an asset (never an orphaned lock entry) has variants to derive. */
function typeOf(entry) {
    return entry.asset?.type ?? "image";
}
/** An asset needs deriving when its entry is current but its variants record is not. */
function needsDerive(entry, current) {
    const specs = entry.asset?.variants ?? [];
    const record = current.variants;
    if (specs.length === 0)
        return record !== undefined && record.files.length > 0;
    if (record === undefined || record.recipe !== (0,variant_recipe/* variantRecipe */.KC)(specs, typeOf(entry)))
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
/**
 * What the variants are encoded from: an image's own bytes, or a video's poster frame (PNG, at
 * the video's own size, from ffmpeg). Never from an output the lock does not vouch for.
 */
async function sourceImage(type, current, ctx) {
    const path = (0,external_node_path_.join)(ctx.manifestDir, current.output);
    if (type !== "video") {
        const bytes = await (0,promises_.readFile)(path);
        return (0,external_node_crypto_.hash)("sha256", bytes, "hex") === current.sha256 ? { bytes } : { differs: true };
    }
    if (!ctx.ffmpeg.found) {
        return {
            waiting: `a video's variants come from its poster frame, which needs ffmpeg, and ${ctx.ffmpeg.why}. ` +
                `Install ffmpeg (apt install ffmpeg, brew install ffmpeg) or set ${ffmpeg_tool/* FFMPEG_ENV */.Yh} to its ` +
                `absolute path; the next run derives them, with no job`,
        };
    }
    // A video is streamed through the hash, never held whole.
    if ((await (0,sha256_file.sha256File)(path, (await (0,promises_.stat)(path)).size)) !== current.sha256)
        return { differs: true };
    const duration = await (0,poster_frame/* videoDurationSeconds */.p)(path);
    const frame = await (0,poster_frame/* posterFrame */.N)(ctx.ffmpeg.path, path, duration, {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { bytes: frame };
}
/** `written` gets the asset's id before its first file is written. */
async function deriveOne(entry, current, ctx, written) {
    const id = entry.id;
    const specs = entry.asset?.variants ?? [];
    const earlier = [entry.lock?.variants, current.variants];
    if (specs.length === 0) {
        const previous = current.variants;
        const stale = await staleAfter(ctx.manifestDir, earlier, new Set());
        ctx.set(id, { ...current, variants: { ...previous, files: [], stale } });
        return { id, status: "dropped", files: [] };
    }
    const source = await sourceImage(typeOf(entry), current, ctx);
    if ("waiting" in source)
        return { id, status: "waiting", files: [], error: source.waiting };
    if ("differs" in source) {
        // Only from the bytes the lock vouches for: an output edited by hand is the render's to refuse.
        return { id, status: "failed", files: [], error: `${current.output} differs from the lock` };
    }
    const encoded = await encodeVariants(await (0,image_lib/* loadImageLib */.lQ)(), source.bytes, specs);
    const files = [];
    written.add(id);
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
        recipe: (0,variant_recipe/* variantRecipe */.KC)(specs, typeOf(entry)),
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
/** The files the asset's recipe writes (a width above the output's own is not made). */
function pathsWritten(entry, current) {
    const width = current.variants?.width ?? Number.POSITIVE_INFINITY;
    return new Set((entry.asset?.variants ?? [])
        .filter((spec) => spec.width <= width)
        .map((spec) => (0,variants/* variantPath */.v7)(current.output, spec.width, spec.format)));
}
/**
 * Before any file is written, the lock on disk stops naming the files about to be replaced: a
 * kill between a file's rename and the run's lock write would otherwise leave the old SHA-256
 * recorded for new bytes, and the next run would take a derived file for one edited by hand. Each
 * such record keeps its other files and gets REPLACING_RECIPE, so whatever the manifest then
 * asks, the next run derives again; an asset re-rendered in this run has no record in the run's
 * lock, and the write drops the one on disk. One lock write, only when some file is to be
 * replaced. Returns the entries as they were, to put back for any asset not derived after all.
 */
async function withdrawReplaced(todo, ctx) {
    const withdrawn = new Map();
    let write = false;
    for (const { entry, current } of todo) {
        // A video's variants wait when there is no ffmpeg: nothing of it will be replaced.
        if (typeOf(entry) === "video" && !ctx.ffmpeg.found)
            continue;
        const paths = pathsWritten(entry, current);
        const onDisk = [entry.lock?.variants, current.variants];
        const named = (f) => paths.has(f.path);
        if (!onDisk.some((r) => r?.files.some(named) || r?.stale?.some(named)))
            continue;
        write = true;
        const record = current.variants;
        if (record === undefined)
            continue;
        const { stale: earlierStale = [], ...rest } = record;
        const stale = earlierStale.filter((f) => !named(f));
        const replacing = {
            ...rest,
            recipe: variant_recipe/* REPLACING_RECIPE */.dv,
            files: record.files.filter((f) => !named(f)),
            ...(stale.length > 0 ? { stale } : {}),
        };
        withdrawn.set(entry.id, current);
        ctx.set(entry.id, { ...current, variants: replacing });
    }
    if (write)
        await ctx.persist();
    return withdrawn;
}
/**
 * Derives what is not current, one asset at a time (libvips already spreads each image over the
 * cores). A failure is that asset's outcome, never the run's: its old record stays.
 */
async function deriveStep(entries, ctx) {
    const todo = [];
    for (const entry of entries) {
        if (entry.status === "orphaned" || entry.asset === undefined)
            continue;
        if (entry.asset.variants === undefined && entry.lock?.variants === undefined)
            continue;
        const current = ctx.current(entry.id);
        if (current !== undefined && needsDerive(entry, current))
            todo.push({ entry, current });
    }
    if (todo.length === 0 || ctx.signal?.aborted)
        return [];
    const withdrawn = await withdrawReplaced(todo, ctx);
    const outcomes = [];
    const written = new Set();
    for (const { entry, current } of todo) {
        if (ctx.signal?.aborted)
            break;
        try {
            outcomes.push(await deriveOne(entry, current, ctx, written));
        }
        catch (error) {
            const message = error instanceof DeriveError || error instanceof Error ? error.message : String(error);
            outcomes.push({ id: entry.id, status: "failed", files: [], error: message });
        }
    }
    // Not derived (failed before writing, waiting for ffmpeg, or stopped first): the old record
    // is true again. One that failed between its writes stays withdrawn: its files are mixed.
    for (const [id, before] of withdrawn)
        if (!written.has(id))
            ctx.set(id, before);
    return outcomes;
}


/***/ })

};
