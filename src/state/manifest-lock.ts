/**
 * Which lock a manifest reads, now that each manifest has its own (paths.ts names it), and the
 * migration from the days when every manifest in a folder shared agentframer.lock.
 */
import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { Lockfile } from "./lock-types.js";
import { emptyLockfile, readLockfile, type ShareStrings } from "./lockfile.js";
import { lockfilePathFor, sharedLockfilePath } from "./paths.js";
import { planLockOf, readPlanLock, type PlanLock } from "./plan-lock.js";

export interface ManifestLock {
  lock: Lockfile;
  /** Where the lock is written: `lockfilePathFor(manifestPath)`. */
  path: string;
  /** The folder's shared agentframer.lock, when this manifest's entries were taken from it. */
  adoptedFrom?: string;
}

/** What to tell the user when a manifest's lock started from the shared agentframer.lock. */
export function adoptionNote(manifestPath: string, adoptedFrom: string): string {
  const own = basename(lockfilePathFor(manifestPath));
  return (
    `${basename(manifestPath)} has no ${own} yet: its entries were taken from ${basename(adoptedFrom)}, ` +
    `which every manifest in this folder shared before each got a lock of its own. ` +
    `render writes ${own}: commit it (${basename(adoptedFrom)} is left for the manifests still in it)`
  );
}

/**
 * The manifest's lock. A manifest not named agentframer.yml that has no lock of its own yet, in a
 * folder with an agentframer.lock (written when all manifests there shared one), starts from its
 * own entries in that file: nothing is rendered again, and the other manifests' entries stay
 * where they are. The next write creates its own lock; agentframer.lock is left alone.
 */
export async function readManifestLock(
  manifestPath: string,
  /** The manifest's asset ids (a Set, or plan's id → place map: only `has` is asked). */
  ids: { has(id: string): boolean },
  share?: ShareStrings,
): Promise<ManifestLock> {
  const path = lockfilePathFor(manifestPath);
  const shared = adoptsFrom(manifestPath);
  if (shared === undefined) return { lock: await readLockfile(path, share), path };
  const all = await readLockfile(shared);
  const lock = emptyLockfile();
  for (const [id, entry] of Object.entries(all.assets)) {
    if (ids.has(id)) lock.assets[id] = entry;
  }
  return { lock, path, adoptedFrom: shared };
}

/** The shared agentframer.lock a manifest with no lock of its own starts from, if any. */
function adoptsFrom(manifestPath: string): string | undefined {
  const path = lockfilePathFor(manifestPath);
  const shared = sharedLockfilePath(dirname(manifestPath));
  return path === shared || existsSync(path) || !existsSync(shared) ? undefined : shared;
}

/**
 * The manifest's lock as `agentframer plan` reads it (state/plan-lock.ts): what readManifestLock
 * reads, with unchanged requests kept as their bytes only. `byId` and `hashes` are the manifest's
 * assets (id → place) and their request hashes.
 */
export async function readManifestPlanLock(
  manifestPath: string,
  byId: ReadonlyMap<string, number>,
  hashes: readonly string[],
  share?: ShareStrings,
): Promise<{ lock: PlanLock; path: string; adoptedFrom?: string }> {
  if (adoptsFrom(manifestPath) === undefined) {
    const path = lockfilePathFor(manifestPath);
    return { lock: await readPlanLock(path, byId, hashes, share), path };
  }
  const adopted = await readManifestLock(manifestPath, byId, share);
  return { ...adopted, lock: planLockOf(adopted.lock) };
}
