/**
 * The plan: what a render would do with each asset. Pure — the lockfile and the state of the
 * output files are read elsewhere (plan-io.ts) and passed in, so every status can be tested
 * with plain values.
 */
import type { Asset } from "../manifest/types.js";
import { assetHash, changedFields, fieldHashes } from "./hash.js";
import type { LockEntry, Lockfile } from "../state/lock-types.js";
import { planLockOf, type LockedBytes, type PlanLock } from "../state/plan-lock.js";
import { PLAN_STATUSES } from "./types.js";
import type { Plan, PlanEntry, PlanStatus } from "./types.js";

/**
 * What is on disk at an output path. `sha256` may be left out when the size already differs.
 * `lfsPointer`: the file is a Git LFS pointer whose object (SHA-256 and size, given here) is the
 * locked bytes: the checkout did not fetch LFS files.
 */
export type OutputState =
  { exists: false } | { exists: true; size: number; sha256?: string; lfsPointer?: true };

/** Output path (relative to the manifest folder) → its state on disk. */
export type OutputStates = ReadonlyMap<string, OutputState>;

/** An output whose bytes plan must compare with the lock: the asset's request is unchanged. */
export interface OutputCheck {
  output: string;
  /** Size recorded in the lock: a file of another size is modified without hashing it. */
  size: number;
  /** SHA-256 recorded in the lock: states share its string when the bytes still match. */
  sha256?: string;
  /**
   * Where the output probe keeps this output's answer: the asset's place in the manifest (a probe
   * of the lockfile's outputs keeps them in the lock's order; planManifest maps the places).
   */
  asset?: number;
}

/** The lock as planning reads it: a whole lock, or the plan-only read (state/plan-lock.ts). */
export type LockToPlan = Lockfile | PlanLock;

function planLock(lock: LockToPlan): PlanLock {
  return "assets" in lock ? planLockOf(lock) : lock;
}

/**
 * Asset `i`'s entry: whole (`entry`) when the lock kept it so, and the bytes it recorded when it
 * records the request the asset makes now (`hash`); undefined when the lock has none.
 */
function lockedFor(
  lock: PlanLock,
  asset: Asset,
  i: number,
  hash: string | undefined,
): Locked | undefined {
  const entry = lock.whole(asset.id);
  if (entry !== undefined) return entry.hash === hash ? { entry, same: entry } : { entry };
  const same = lock.sameRequest(i);
  return same === undefined ? undefined : { same };
}

/** An entry kept whole whose request differs, or one whose request is the asset's now. */
type Locked = { entry: LockEntry; same?: undefined } | { entry?: LockEntry; same: LockedBytes };

/**
 * Outputs whose state decides an asset's status. New and changed assets render whatever is on
 * disk, so only assets whose hash matches the lock need their output examined.
 */
export function outputsToCheck(
  assets: readonly Asset[],
  lockToPlan: LockToPlan,
  hashes: readonly string[],
): OutputCheck[] {
  const lock = planLock(lockToPlan);
  const checks: OutputCheck[] = [];
  assets.forEach((asset, i) => {
    const same = lockedFor(lock, asset, i, hashes[i])?.same;
    if (same !== undefined) {
      checks.push({ output: asset.output, size: same.size, sha256: same.sha256, asset: i });
    }
  });
  return checks;
}

export function emptyCounts(): Record<PlanStatus, number> {
  return Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
}

/**
 * Plan every asset against the lock and the outputs on disk; lock entries with no asset follow
 * as `orphaned`, sorted by id. `hashes` may be passed when the caller already computed them.
 *
 * `outputsInStore` (the manifest's `outputs: store`): an absent output whose lock entry matches
 * the request is `stored`, not `missing`. Offline, the lock is the evidence: with outputs in the
 * store, a render records an entry only once its bytes are in the store (and `lock merge` only
 * once the store holds them), so a current entry means the store has the bytes.
 *
 * `uniqueIds`: the caller vouches that no two assets share an id (a loaded manifest's never do).
 * Then a lock with as many entries as assets found in it has no orphan, and the set of every id
 * that finding orphans otherwise takes (500,000 strings on a large manifest) is not built.
 */
export function planAssets(
  assets: readonly Asset[],
  lockToPlan: LockToPlan,
  outputs: OutputStates,
  hashes: readonly string[] = assets.map(assetHash),
  {
    outputsInStore = false,
    uniqueIds = false,
  }: { outputsInStore?: boolean; uniqueIds?: boolean } = {},
): Plan {
  const lock = planLock(lockToPlan);
  const entries: PlanEntry[] = [];
  const counts = emptyCounts();
  let lfsPointers = 0;
  let found = 0; // assets with a lock entry

  assets.forEach((asset, i) => {
    const hash = hashes[i] ?? assetHash(asset);
    const locked = lockedFor(lock, asset, i, hash);
    const entry: PlanEntry = { id: asset.id, status: "new", output: asset.output, hash, asset };
    if (locked !== undefined) {
      found += 1;
      // A plan-only read keeps an unchanged request's entry as its bytes alone (no `lock`).
      if (locked.entry !== undefined) entry.lock = locked.entry;
      if (locked.same === undefined) {
        entry.status = "changed";
        // Per-field hashes only here: they cost four SHA-256s an asset, needless when unchanged.
        entry.changedFields = changedFields(fieldHashes(asset), locked.entry.fields);
      } else {
        const same = locked.same;
        const state = outputs.get(asset.output);
        if (state === undefined) {
          throw new Error(`planAssets: no output state for ${asset.output} (asset "${asset.id}")`);
        }
        entry.status = !state.exists
          ? outputsInStore
            ? "stored"
            : "missing"
          : state.size !== same.size || state.sha256 !== same.sha256
            ? "modified"
            : "unchanged";
        if (state.exists && state.lfsPointer && entry.status === "unchanged") lfsPointers += 1;
      }
    }
    counts[entry.status] += 1;
    entries.push(entry);
  });

  // Orphans are entries for no asset: always kept whole.
  const orphans: Array<[string, LockEntry]> = [];
  if (!uniqueIds || found < lock.count) {
    const seen = new Set<string>();
    for (const asset of assets) seen.add(asset.id);
    for (const [id, locked] of lock.wholeEntries()) if (!seen.has(id)) orphans.push([id, locked]);
    orphans.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  for (const [id, locked] of orphans) {
    entries.push({
      id,
      status: "orphaned",
      output: locked.output,
      hash: locked.hash,
      lock: locked,
    });
    counts.orphaned += 1;
  }
  return lfsPointers > 0 ? { entries, counts, lfsPointers } : { entries, counts };
}
