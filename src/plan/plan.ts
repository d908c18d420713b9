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
 * How the output of an asset whose request is unchanged compares with the bytes its lock entry
 * recorded: `locked` (the same bytes), `lfs pointer` (a Git LFS pointer to them: the checkout did
 * not fetch LFS files), `modified` (anything else where the output should be) or `missing`.
 */
export type OutputVerdict = "missing" | "modified" | "locked" | "lfs pointer";
const VERDICTS: readonly OutputVerdict[] = ["missing", "modified", "locked", "lfs pointer"];

/**
 * The verdict for each examined output, by its asset's place: a byte an asset rather than an
 * object and a map entry an output (450,000 of each on a large catalogue).
 */
export class OutputStates {
  /** 0: not examined; else 1 + the verdict's index in VERDICTS. */
  readonly #codes: Uint8Array;

  constructor(assets: number) {
    this.#codes = new Uint8Array(assets);
  }

  set(place: number, verdict: OutputVerdict): void {
    this.#codes[place] = VERDICTS.indexOf(verdict) + 1;
  }

  get(place: number): OutputVerdict | undefined {
    const code = this.#codes[place] ?? 0;
    return code === 0 ? undefined : VERDICTS[code - 1];
  }
}

/** The lock as planning reads it: a whole lock, or the plan-only read (state/plan-lock.ts). */
export type LockToPlan = Lockfile | PlanLock;

function planLock(lock: LockToPlan): PlanLock {
  return "assets" in lock ? planLockOf(lock) : lock;
}

/**
 * The bytes asset `place`'s lock entry recorded, when the entry records the request the asset
 * makes now (`hash`): only then is its output compared with them; undefined for a new or a
 * changed request (rendered whatever is on disk).
 */
function sameRequest(
  lock: PlanLock,
  asset: Asset,
  place: number,
  hash: string | undefined,
): LockedBytes | undefined {
  const entry = lock.whole(asset.id);
  if (entry !== undefined) return entry.hash === hash ? entry : undefined;
  return lock.sameRequest(place);
}

/** sameRequest by place, for readOutputStates: what each asset's output is compared with. */
export function lockedBytes(
  assets: readonly Asset[],
  lockToPlan: LockToPlan,
  hashes: readonly string[],
): (place: number) => LockedBytes | undefined {
  const lock = planLock(lockToPlan);
  return (place) => sameRequest(lock, assets[place] as Asset, place, hashes[place]);
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
 * `outputs`: readOutputStates' verdicts for this lock and these hashes. An asset with a verdict
 * is taken to have an entry that records its request as it is now (that is why its output was
 * examined); one without, but with such an entry, is a caller's mistake and throws.
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
    const entry: PlanEntry = { id: asset.id, status: "new", output: asset.output, hash, asset };
    // A plan-only read keeps an unchanged request's entry as its bytes alone (no `whole`).
    const whole = lock.whole(asset.id);
    if (whole !== undefined) entry.lock = whole;
    const verdict = outputs.get(i);
    if (whole !== undefined && whole.hash !== hash) {
      found += 1;
      entry.status = "changed";
      // Per-field hashes only here: they cost four SHA-256s an asset, needless when unchanged.
      entry.changedFields = changedFields(fieldHashes(asset), whole.fields);
    } else if (verdict !== undefined) {
      // Examined, so its entry records this request (asked of the lock when it was examined).
      found += 1;
      entry.status =
        verdict === "missing"
          ? outputsInStore
            ? "stored"
            : "missing"
          : verdict === "modified"
            ? "modified"
            : "unchanged";
      if (verdict === "lfs pointer") lfsPointers += 1;
    } else if (whole !== undefined || lock.sameRequest(i) !== undefined) {
      throw new Error(`planAssets: no output state for ${asset.output} (asset "${asset.id}")`);
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
