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

/**
 * The Actions cache, or none; `restore` answers the key it found. `timeoutMs` is the caller's
 * deadline for the call, which the backend passes on to its own timeouts where it has them; the
 * caller stops waiting at it either way (cache-step.ts).
 */
export interface CacheBackend {
  available(): boolean;
  restore(path: string, keys: CacheKeys, timeoutMs: number): Promise<string | undefined>;
  save(path: string, key: string, timeoutMs: number): Promise<void>;
}

/**
 * Each restore and save ends by this deadline: a cache service that accepts the connection and
 * never answers would otherwise hold the step (the library's own segment timeout is 10 minutes
 * per segment, and a save has none). AGENTFRAMER_CACHE_TIMEOUT_MS changes it.
 */
export const DEFAULT_CACHE_TIMEOUT_MS = 5 * 60_000;

/** The deadline of a restore or a save from the environment, or the default. */
export function cacheTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env.AGENTFRAMER_CACHE_TIMEOUT_MS?.trim() ?? "";
  const ms = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(ms) && ms > 0 ? ms : DEFAULT_CACHE_TIMEOUT_MS;
}

/** The library's per-request timeout, within the deadline. */
const REQUEST_TIMEOUT_MS = 30_000;

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
    restore: (path, keys, timeoutMs) =>
      cache.restoreCache([path], keys.key, keys.restoreKeys, {
        timeoutInMs: Math.min(REQUEST_TIMEOUT_MS, timeoutMs),
        segmentTimeoutInMs: timeoutMs,
      }),
    // An upload has no timeout of its own to set: the caller's deadline is the only one.
    save: async (path, key) => {
      await cache.saveCache([path], key);
    },
  };
}
