import { hash as oneShotHash } from "node:crypto";
import type { AssetType } from "../manifest/types.js";
import type { VariantSpec } from "../manifest/variants.js";

/** Bump when what a recipe makes changes (naming, encoder settings): every asset re-derives. */
const RECIPE_FORMAT = "agentframer-variants-v1";

/**
 * Where a video's poster frame is taken, as a fraction of its length: the middle shows what a
 * clip is about better than its first frame (often black, or a title). The review preview and a
 * video's web variants take the same frame (derive/preview/poster-frame.ts).
 */
export const POSTER_FRAME_AT = 0.5;

/**
 * How a video's variants get their pixels, as the recipe records it: the frame at
 * POSTER_FRAME_AT of the length (from the movie header), decoded by ffmpeg at the video's own
 * size, stretched to square pixels when its samples are not square, as a lossless PNG. A change
 * to any of it changes the pixels, so it bumps this and every video re-derives.
 */
const POSTER_SOURCE = `poster-frame-v1 at=${POSTER_FRAME_AT} full-size square-pixels png`;

/**
 * The recipe hash the lock records: the sorted list of files asked for (format, width, quality),
 * and for a video how its frame is taken. The output's bytes are not part of it: a re-render
 * replaces the lock entry, variants and all.
 */
export function variantRecipe(specs: readonly VariantSpec[], type: AssetType): string {
  const canonical = specs.map((s) => `${s.format}:${s.width}:${s.quality}`).join(",");
  // An image's recipe keeps its original text, so that no image re-derives for this.
  const source = type === "video" ? `\n${POSTER_SOURCE}` : "";
  return oneShotHash("sha256", `${RECIPE_FORMAT}\n${canonical}${source}`, "hex").slice(0, 16);
}

/**
 * The recipe of a record whose files a render is replacing (derive/derive-step.ts): the lock
 * names none of the files being written, and no recipe hashes to this (a recipe is 16 digits),
 * so a run that finds it — the one that wrote it was killed — derives the variants again.
 */
export const REPLACING_RECIPE = "0";
