/** The shapes a loaded manifest takes once it has been parsed, validated and expanded. */
import type { VariantSpec } from "./variants.js";

export const ASSET_TYPES = ["image", "video", "audio"] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Where in a file something was written, 1-based, for `FILE:LINE:COL: message`. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** Something in the manifest that works but is probably not what was meant. */
export interface ManifestWarning extends SourcePosition {
  message: string;
}

/** One asset after defaults are merged and `each:` rows are expanded. */
export interface Asset {
  id: string;
  type: AssetType;
  model: string;
  /** The prompt after `{{column}}` interpolation. */
  prompt: string;
  /** defaults.params merged with the asset's params; sent as body fields. */
  params: Record<string, JsonValue>;
  /** Output path relative to the manifest's folder, with forward slashes. */
  output: string;
  /**
   * Web variants to derive from the output (an image, or a video's poster frame; never audio),
   * one per file, sorted; absent when
   * there are none. Not part of the request: changing them never re-renders.
   */
  variants?: readonly VariantSpec[];
  /** Where the asset was declared; for a row of an `each:` file, that row's line in the file. */
  source: SourcePosition;
}

/** A model's price, from the manifest's `pricing:` or the API's `GET /models`. */
export interface ModelPrice {
  /** Credits per unit, ≥ 0. */
  credits: number;
  /** image: one job; megapixel: × width × height / 10⁶; second: × duration. */
  per: "image" | "megapixel" | "second";
}

export interface Manifest {
  /** Absolute path of the manifest file. */
  path: string;
  /** Absolute path of the folder holding the manifest; outputs and the lockfile are relative to it. */
  dir: string;
  /** Absolute path of the repository root (the nearest folder with `.git`, else `dir`). */
  root: string;
  assets: Asset[];
  /**
   * `store`: outputs live in the store only (the manifest's `outputs: store`); absent, they are
   * committed beside the manifest.
   */
  outputs?: "store";
  /** The manifest's `pricing:`, by model id: it wins over the API's prices. */
  pricing?: ReadonlyMap<string, ModelPrice>;
  /** Shown before anything runs, as `FILE:LINE:COL: warning: message`; nothing stops for them. */
  warnings?: readonly ManifestWarning[];
}
