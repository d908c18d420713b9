/**
 * `agentframer lock merge`: the fan-in of a matrix. Each shard's lock holds the entries the
 * shard checked out plus the ones it rendered; the merge takes, for every asset of the manifest,
 * the entry that matches the asset's current request, from whichever lock has it. Pure: the
 * bytes an entry names are checked by the caller (see `LockMergeCheck`) and passed in.
 */
import type { LockEntry, Lockfile } from "./lock-types.js";
import { emptyLockfile } from "./lockfile.js";

/** One lock to merge, with the name a message gives it (the path the user typed). */
export interface NamedLock {
  name: string;
  lock: Lockfile;
}

/** What the merge needs of each asset of the manifest. */
export interface MergeAsset {
  id: string;
  hash: string;
  output: string;
}

/** Two locks that hold different current entries for one asset: nothing may be written. */
export interface MergeConflict {
  id: string;
  first: { lock: string; entry: LockEntry };
  second: { lock: string; entry: LockEntry };
}

export interface MergeCandidate {
  id: string;
  /** The lock it comes from. */
  lock: string;
  entry: LockEntry;
}

export interface LockMergeOutcome {
  /** The manifest's lock after the merge (a new object; the inputs are left as they were). */
  merged: Lockfile;
  /** Entries taken from a shard's lock that the manifest's own lock did not already hold. */
  taken: MergeCandidate[];
  conflicts: MergeConflict[];
  /** Assets of the manifest that no lock (the manifest's own included) has a current entry for. */
  unrendered: string[];
}

/** Same bytes for the same request at the same path: when and by which job does not matter. */
function sameResult(a: LockEntry, b: LockEntry): boolean {
  return a.hash === b.hash && a.output === b.output && a.sha256 === b.sha256 && a.size === b.size;
}

function isCurrent(entry: LockEntry | undefined, asset: MergeAsset): entry is LockEntry {
  return entry !== undefined && entry.hash === asset.hash && entry.output === asset.output;
}

/**
 * Merge `shards` into `base` (the manifest's own lock). For each asset, a shard entry counts only
 * when it is current (the asset's hash and output path now): a shard's lock also carries the
 * entries it checked out, stale ones included, and those say nothing new. Entries of the base that
 * no shard replaces stay as they are, orphans included (`prune` is the tool for those).
 */
export function mergeLocks(
  base: Lockfile,
  shards: readonly NamedLock[],
  assets: readonly MergeAsset[],
): LockMergeOutcome {
  const merged = emptyLockfile();
  for (const id in base.assets) merged.assets[id] = base.assets[id] as LockEntry;
  const taken: MergeCandidate[] = [];
  const conflicts: MergeConflict[] = [];
  const unrendered: string[] = [];

  for (const asset of assets) {
    let chosen: MergeCandidate | undefined;
    for (const { name, lock } of shards) {
      const entry = lock.assets[asset.id];
      if (!isCurrent(entry, asset)) continue;
      if (chosen === undefined) chosen = { id: asset.id, lock: name, entry };
      else if (!sameResult(chosen.entry, entry)) {
        conflicts.push({
          id: asset.id,
          first: { lock: chosen.lock, entry: chosen.entry },
          second: { lock: name, entry },
        });
      }
    }
    const own = base.assets[asset.id];
    if (chosen === undefined) {
      if (!isCurrent(own, asset)) unrendered.push(asset.id);
      continue;
    }
    if (own !== undefined && sameResult(own, chosen.entry)) continue;
    merged.assets[asset.id] = chosen.entry;
    taken.push(chosen);
  }
  return { merged, taken, conflicts, unrendered };
}

/** The message for a conflict: both locks, and what differs. */
export function describeConflict(conflict: MergeConflict): string {
  const { id, first, second } = conflict;
  const what = (e: LockEntry) => `sha256 ${e.sha256.slice(0, 12)}…, ${e.size} bytes`;
  return (
    `${id}: ${first.lock} and ${second.lock} hold different results for the same request ` +
    `(${what(first.entry)} vs ${what(second.entry)}); keep one of the two renders and merge again`
  );
}
