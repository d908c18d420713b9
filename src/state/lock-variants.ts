/**
 * The `variants` record of a lock entry: the recipe the web variants were derived with, the
 * output's pixel size and placeholder, each file's size and SHA-256, and files of an earlier
 * recipe still on disk (`stale`, for prune). A committed lock is outside input: prune deletes the
 * files it names, so every path must be exactly the one the naming rule gives for the entry's
 * own output, and nothing else is accepted.
 */
import { z } from "zod";
import { VARIANT_FORMATS, variantPath, type VariantFormat } from "../manifest/variants.js";

export interface LockedVariant {
  /** Relative to the manifest folder, as the output is. */
  path: string;
  format: VariantFormat;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

export interface StaleVariant {
  path: string;
  sha256: string;
}

export interface LockedVariants {
  /** Hash of the recipe the files come from (plan/variant-recipe.ts). */
  recipe: string;
  /** The output's own pixel size. */
  width: number;
  height: number;
  /** A tiny image as a data URI, for a page to show while the real one loads. */
  placeholder: string;
  /** Sorted by path. Widths above the output's are absent: never upscaled. */
  files: LockedVariant[];
  /** Files of an earlier recipe, still on disk when it changed: `prune` removes them. */
  stale?: StaleVariant[];
}

const PLACEHOLDER_MAX = 4096;
const PLACEHOLDER_PREFIX = /^data:image\/(webp|png);base64,[A-Za-z0-9+/=]*$/;
const dimension = z
  .int()
  .min(1)
  .max(1 << 16);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 hex digits");

const fileSchema = z.strictObject({
  path: z.string().min(1),
  format: z.enum(VARIANT_FORMATS),
  width: dimension,
  height: dimension,
  bytes: z.int().min(0),
  sha256,
});

export const lockedVariantsSchema = z.strictObject({
  recipe: z.string().regex(/^[0-9a-f]{1,64}$/),
  width: dimension,
  height: dimension,
  placeholder: z
    .string()
    .max(PLACEHOLDER_MAX)
    .regex(PLACEHOLDER_PREFIX, "expected a data:image URI"),
  files: z.array(fileSchema),
  stale: z.array(z.strictObject({ path: z.string().min(1), sha256 })).optional(),
});

/** `dir/stem-123.webp` for output `dir/stem.png`: the only paths a stale entry may name. */
export function isVariantPathOf(output: string, path: string): boolean {
  const match = /-(\d{1,5})\.(webp|avif|jpeg|png)$/.exec(path);
  if (match === null) return false;
  return variantPath(output, Number(match[1]), match[2] as VariantFormat) === path;
}

/** Why a record that passed the schema still cannot be trusted for `output`, if it cannot. */
export function variantsProblem(output: string, record: LockedVariants): string | undefined {
  for (const file of record.files) {
    if (file.path !== variantPath(output, file.width, file.format)) {
      return `variant ${JSON.stringify(file.path)} is not ${JSON.stringify(variantPath(output, file.width, file.format))}, the name for ${output}`;
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
export function lockedVariantsJson(v: LockedVariants): object {
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
