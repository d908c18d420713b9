import type { AssetType } from "./types.js";

/**
 * Caps that keep hostile or mistaken input from exhausting memory or time. Each is stated in the
 * message a user sees when it is crossed, so they live here under one name each.
 */

/** A manifest larger than this is refused before it is read. */
export const MANIFEST_MAX_BYTES = 10 * 1024 * 1024;

/** An `each:` data file larger than this is refused before it is read. */
export const DATA_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** Assets after every `each:` is expanded. */
export const MAX_ASSETS = 1_000_000;

/** A prompt after interpolation, in UTF-8 bytes. */
export const PROMPT_MAX_BYTES = 32 * 1024;

/** YAML aliases resolved while converting the document; alias bombs cross it quickly. */
export const MAX_ALIAS_COUNT = 100;

/**
 * YAML flow collections (`[`, `{`) nested deeper than this are refused before yaml builds them:
 * yaml's composer recurses per level, and a megabyte of "[" costs it seconds and a gigabyte.
 */
export const MAX_FLOW_NESTING = 100;

/** Asset ids end up in lockfile keys, logs and comment tables. */
export const ID_MAX_LENGTH = 128;

/** A path after interpolation, in UTF-16 code units; one path segment. */
export const PATH_MAX_LENGTH = 1024;
export const SEGMENT_MAX_LENGTH = 255;

/**
 * Problems reported per `each:` data file: when a column is wrong, every row is, and 50,000
 * identical lines help nobody. The rest are counted in one closing line.
 */
export const ROW_PROBLEMS_MAX = 100;

/**
 * Largest result accepted per type: far above real renders, low enough to stop a runaway body.
 * A download stops at it, and a cache file larger than the largest is not one the tool wrote.
 */
export const MAX_RESULT_BYTES: Record<AssetType, number> = {
  image: 256 * 1024 * 1024,
  audio: 1024 * 1024 * 1024,
  video: 4 * 1024 * 1024 * 1024,
};

/** "64 MiB" for a whole number of MiB (the limits), "70.2 MiB" otherwise. */
export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
}
