/**
 * `<manifest stem>.media.json`: for each asset with web variants, what a site needs for `srcset`
 * and layout — the output, its pixel size, a placeholder, and each variant's path, format, size
 * and bytes. A projection of the lock (which holds all of it), sorted by id like the lock, so the
 * same lock always gives the same bytes; written atomically, and only when they change.
 */
import { readFile, rm } from "node:fs/promises";
import { writeFileAtomic } from "./atomic-write.js";
import { compareCodeUnits } from "./lockfile.js";
import type { Lockfile } from "./lock-types.js";

export const MEDIA_JSON_VERSION = 1;

interface MediaAsset {
  output: string;
  width: number;
  height: number;
  placeholder: string;
  variants: { path: string; format: string; width: number; height: number; bytes: number }[];
}

/** The file's text for the lock's entries of `ids` (the manifest's assets) that have variants. */
export function mediaJsonText(lock: Lockfile, ids: Iterable<string>): string | undefined {
  const assets: Record<string, MediaAsset> = {};
  for (const id of [...ids].sort(compareCodeUnits)) {
    const entry = lock.assets[id];
    const v = entry?.variants;
    if (entry === undefined || v === undefined) continue;
    assets[id] = {
      output: entry.output,
      width: v.width,
      height: v.height,
      placeholder: v.placeholder,
      variants: v.files.map(({ path, format, width, height, bytes }) => ({
        path,
        format,
        width,
        height,
        bytes,
      })),
    };
  }
  if (Object.keys(assets).length === 0) return undefined;
  return `${JSON.stringify({ version: MEDIA_JSON_VERSION, assets }, null, 2)}\n`;
}

/**
 * Brings the file in line with the lock: rewritten when its bytes would differ, removed when no
 * asset has variants any more. Returns whether it changed.
 */
export async function syncMediaJson(
  path: string,
  lock: Lockfile,
  ids: Iterable<string>,
): Promise<boolean> {
  const text = mediaJsonText(lock, ids);
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (text === current) return false;
  if (text === undefined) {
    await rm(path, { force: true });
    return true;
  }
  await writeFileAtomic(path, text);
  return true;
}
