/** Restoring and saving `.agentframer/cache` around the render; warnings only, never a failure. */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { cacheKeys, type CacheBackend, type CacheKeys } from "./actions-cache.js";
import type { ActionSettings } from "./inputs.js";
import type { ActionDeps } from "./deps.js";
import { cacheDirFor, lockfilePathFor } from "../state/paths.js";
import { ensureStateDir } from "../state/state-dir.js";

export interface RestoredCache {
  backend: CacheBackend;
  keys: CacheKeys;
  /** The key restored from, if any. */
  hit: string | undefined;
}

const CARRY_ON = "rendering goes on without it (the cache only saves work)";

function paths(settings: ActionSettings) {
  const dir = dirname(settings.config.manifestPath);
  return { cacheDir: cacheDirFor(dir), lockPath: lockfilePathFor(settings.config.manifestPath) };
}

export async function restoreCache(
  deps: ActionDeps,
  settings: ActionSettings,
): Promise<RestoredCache | undefined> {
  const { cacheDir, lockPath } = paths(settings);
  // The cache is unpacked into .agentframer/: never through a link or into a committed folder,
  // and that is a refusal of the run (StateDirError), not a warning.
  await ensureStateDir(dirname(settings.config.manifestPath));
  try {
    const backend = await deps.cacheBackend();
    if (!backend.available()) {
      deps.host.warning(`The Actions cache service is not available here; ${CARRY_ON}.`);
      return undefined;
    }
    const keys = await cacheKeys(settings.manifest, settings.config.manifestPath, lockPath);
    const hit = await backend.restore(cacheDir, keys);
    deps.host.info(hit ? `cache restored from ${hit}` : `no cache saved yet for ${keys.key}`);
    return { backend, keys, hit };
  } catch (error) {
    deps.host.warning(`Restoring the cache failed (${messageOf(error)}); ${CARRY_ON}.`);
    return undefined;
  }
}

export async function saveCache(
  deps: ActionDeps,
  settings: ActionSettings,
  restored: RestoredCache,
): Promise<void> {
  const { cacheDir, lockPath } = paths(settings);
  if (!existsSync(cacheDir)) return;
  try {
    // Keyed by the lock as it is now, so the next run on this commit hits exactly.
    const { key } = await cacheKeys(settings.manifest, settings.config.manifestPath, lockPath);
    if (key === restored.hit) {
      deps.host.info("cache unchanged; not saving");
      return;
    }
    await restored.backend.save(cacheDir, key);
    deps.host.info(`cache saved as ${key}`);
  } catch (error) {
    deps.host.warning(
      `Saving the cache failed (${messageOf(error)}); the next run may render more.`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
