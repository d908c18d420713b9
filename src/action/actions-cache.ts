/**
 * Persists `.agentframer/cache` between runs with the Actions cache. The key is the manifest's
 * path plus the content of the manifest and the lockfile; the restore prefix is the path alone,
 * so any earlier save for this manifest is a good start (the cache is content-addressed: a stale
 * entry is just unused). It only ever saves work: every failure here is a warning.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CACHE_KEY_VERSION } from "./constants.js";

export interface CacheKeys {
  key: string;
  restoreKeys: string[];
}

/** The Actions cache, or none; `restore` answers the key it found. */
export interface CacheBackend {
  available(): boolean;
  restore(path: string, keys: CacheKeys): Promise<string | undefined>;
  save(path: string, key: string): Promise<void>;
}

export async function cacheKeys(
  manifest: string,
  manifestPath: string,
  lockPath: string,
): Promise<CacheKeys> {
  const prefix = `${CACHE_KEY_VERSION}-${sha256(manifest).slice(0, 16)}-`;
  const content = createHash("sha256");
  for (const file of [manifestPath, lockPath]) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    content.update(sha256(bytes));
  }
  return { key: prefix + content.digest("hex").slice(0, 32), restoreKeys: [prefix] };
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** @actions/cache, loaded only when caching is on: it is a large share of the bundle. */
export async function actionsCacheBackend(): Promise<CacheBackend> {
  const cache = await import("@actions/cache");
  return {
    available: () => cache.isFeatureAvailable(),
    restore: (path, keys) => cache.restoreCache([path], keys.key, keys.restoreKeys),
    save: async (path, key) => {
      await cache.saveCache([path], key);
    },
  };
}
