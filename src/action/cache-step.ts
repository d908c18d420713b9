/**
 * Restoring and saving `.agentframer/cache` around the render; warnings only, never a failure.
 * Each call has a deadline (`cacheTimeoutMs`): past it the run goes on without the cache. The
 * Actions cache unpacks into and saves from `.agentframer/cache-transfer/`, never the cache
 * itself (state/cache-transfer.ts): a restore given up leaves nothing in `cache/`, and a save
 * given up, failed or killed takes nothing from it.
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { cacheKeys, cacheTimeoutMs, type CacheBackend, type CacheKeys } from "./actions-cache.js";
import type { ActionSettings } from "./inputs.js";
import type { ActionDeps } from "./deps.js";
import {
  adoptCacheTransfer,
  emptyCacheTransfer,
  stageCacheForSave,
  unstageCacheAfterSave,
} from "../state/cache-transfer.js";
import { cacheDirFor, lockfilePathFor } from "../state/paths.js";
import { ensureStateDir } from "../state/state-dir.js";
import { DeadlineError, withDeadline } from "../util/deadline.js";

export interface RestoredCache {
  backend: CacheBackend;
  keys: CacheKeys;
  /** The key restored from, if any. */
  hit: string | undefined;
}

const CARRY_ON = "rendering goes on without it (the cache only saves work)";
const SETTING = "AGENTFRAMER_CACHE_TIMEOUT_MS sets this deadline";

function paths(settings: ActionSettings) {
  const dir = dirname(settings.config.manifestPath);
  return {
    dir,
    cacheDir: cacheDirFor(dir),
    lockPath: lockfilePathFor(settings.config.manifestPath),
  };
}

export async function restoreCache(
  deps: ActionDeps,
  settings: ActionSettings,
): Promise<RestoredCache | undefined> {
  const { dir, lockPath } = paths(settings);
  // The cache is unpacked into .agentframer/: never through a link or into a committed folder,
  // and that is a refusal of the run (StateDirError), not a warning.
  await ensureStateDir(dir);
  const timeoutMs = cacheTimeoutMs(deps.env);
  try {
    const backend = await deps.cacheBackend();
    if (!backend.available()) {
      deps.host.warning(`The Actions cache service is not available here; ${CARRY_ON}.`);
      return undefined;
    }
    const keys = await cacheKeys(settings.manifest, settings.config.manifestPath, lockPath);
    const transfer = await emptyCacheTransfer(dir);
    const hit = await withDeadline(
      backend.restore(transfer, keys, timeoutMs),
      timeoutMs,
      "the restore",
    );
    if (hit) await adoptCacheTransfer(dir);
    else await emptyCacheTransfer(dir);
    deps.host.info(hit ? `cache restored from ${hit}` : `no cache saved yet for ${keys.key}`);
    return { backend, keys, hit };
  } catch (error) {
    // What a restore given up may still be unpacking stays out of the cache; nothing is saved
    // this run either (the service did not answer, and its late files must not be saved).
    await emptyCacheTransfer(dir).catch(() => {});
    deps.host.warning(
      error instanceof DeadlineError
        ? `Restoring the cache was given up: ${error.message}; ${CARRY_ON}, and it is not saved this run (${SETTING}).`
        : `Restoring the cache failed (${messageOf(error)}); ${CARRY_ON}.`,
    );
    return undefined;
  }
}

export async function saveCache(
  deps: ActionDeps,
  settings: ActionSettings,
  restored: RestoredCache,
): Promise<void> {
  const { dir, cacheDir, lockPath } = paths(settings);
  if (!existsSync(cacheDir)) return;
  const timeoutMs = cacheTimeoutMs(deps.env);
  let late = false;
  try {
    // Keyed by the lock as it is now, so the next run on this commit hits exactly.
    const { key } = await cacheKeys(settings.manifest, settings.config.manifestPath, lockPath);
    if (key === restored.hit) {
      deps.host.info("cache unchanged; not saving");
      return;
    }
    const staged = await stageCacheForSave(dir);
    if (staged === undefined) return;
    await withDeadline(restored.backend.save(staged, key, timeoutMs), timeoutMs, "the save");
    deps.host.info(`cache saved as ${key}`);
  } catch (error) {
    late = error instanceof DeadlineError;
    deps.host.warning(
      late
        ? `Saving the cache was given up: ${(error as Error).message}; the next run may render more (${SETTING}).`
        : `Saving the cache failed (${messageOf(error)}); the next run may render more.`,
    );
  } finally {
    // A save given up may still be reading its copy: left where it is (the next restore clears
    // it; the cache itself was never moved).
    if (!late) await unstageCacheAfterSave(dir).catch(() => {});
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
