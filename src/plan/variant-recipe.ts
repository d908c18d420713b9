import { hash as oneShotHash } from "node:crypto";
import type { VariantSpec } from "../manifest/variants.js";

/** Bump when what a recipe makes changes (naming, encoder settings): every asset re-derives. */
const RECIPE_FORMAT = "agentframer-variants-v1";

/**
 * The recipe hash the lock records: the sorted list of files asked for (format, width, quality).
 * The output's bytes are not part of it: a re-render replaces the lock entry, variants and all.
 */
export function variantRecipe(specs: readonly VariantSpec[]): string {
  const canonical = specs.map((s) => `${s.format}:${s.width}:${s.quality}`).join(",");
  return oneShotHash("sha256", `${RECIPE_FORMAT}\n${canonical}`, "hex").slice(0, 16);
}
