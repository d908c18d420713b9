/** Plan a loaded manifest: read the lock and the outputs, then the pure plan. */
import { existsSync, lstatSync } from "node:fs";
import { dirname } from "node:path";
import type { Asset, Manifest } from "../manifest/types.js";
import { collectAfterLoad } from "../util/collect-garbage.js";
import { hashAssets } from "./hash.js";
import { IdPlaces } from "./id-places.js";
import type { ShareStrings } from "../state/lockfile.js";
import { readManifestLock, readManifestPlanLock } from "../state/manifest-lock.js";
import type { Lockfile } from "../state/lock-types.js";
import type { PlanLock } from "../state/plan-lock.js";
import { probeOutputs, readOutputStates, type OutputProbe } from "./output-state.js";
import { lockedBytes, planAssets, type LockToPlan } from "./plan.js";
import { StatIndex } from "../state/stat-index.js";
import type { Plan } from "./types.js";
import { planAllVariants } from "./variant-state.js";
import { lockfilePathFor, statIndexPath } from "../state/paths.js";
import { verifyStateDir } from "../state/state-dir.js";

export interface PlannedManifest<L extends LockToPlan = Lockfile> {
  plan: Plan;
  /** The lockfile as read, for the render engine to update and write back. */
  lock: L;
  lockPath: string;
  /** The folder's shared agentframer.lock, when the lock started from its entries. */
  adoptedFrom?: string;
  /**
   * The stat index, refreshed with every output plan hashed. Nothing is written until the caller
   * calls `index.save()`; the render engine records its outputs into it first.
   */
  index: StatIndex;
}

/**
 * Lets the lock's entries hold the manifest's own strings for their output path and (when it is
 * unchanged) request hash, instead of equal copies: two strings fewer per asset on a large lock.
 * Also notes each asset's place among the lock's entries (-1: not seen), which is where a probe
 * reading the lockfile keeps that asset's output.
 */
function shareAssetStrings(
  assets: readonly Asset[],
  hashes: readonly string[],
): { share: ShareStrings; lockPlace: Int32Array; byId: ReadonlyMap<string, number> } {
  const byId = new IdPlaces(assets);
  const lockPlace = new Int32Array(assets.length).fill(-1);
  let place = 0;
  const share: ShareStrings = (id, entry, known) => {
    const i = known ?? byId.get(id);
    place++;
    if (i === undefined) return;
    lockPlace[i] = place - 1;
    const { output } = assets[i] as Asset;
    if (entry["output"] === output) entry["output"] = output;
    if (entry["hash"] === hashes[i]) entry["hash"] = hashes[i];
  };
  return { share, lockPlace, byId };
}

/**
 * Without a stat index (a fresh checkout) every locked output must be read and hashed: worth
 * starting before the manifest is loaded, from the paths the lockfile names, so that the two
 * overlap. Call it first and pass the probe to planManifest; `undefined` when there is an index
 * (then only stat calls are left, and planManifest starts them once it knows the outputs).
 */
export function startOutputProbe(manifestPath: string): OutputProbe | undefined {
  const manifestDir = dirname(manifestPath);
  const lockPath = lockfilePathFor(manifestPath);
  // Only a lockfile a reader would read (a regular file, not a link or FIFO): for any other,
  // planning stops at the lock with its error, and the worker need not open it first.
  if (
    existsSync(statIndexPath(manifestDir)) ||
    !lstatSync(lockPath, { throwIfNoEntry: false })?.isFile()
  )
    return undefined;
  return probeOutputs(manifestDir, { lockPath }, { hash: true });
}

/** Reads the manifest's lock for a plan: `byId` and `hashes` are its assets', by place. */
type LockReader<L extends LockToPlan> = (
  byId: ReadonlyMap<string, number>,
  hashes: readonly string[],
  share: ShareStrings,
) => Promise<{ lock: L; path: string; adoptedFrom?: string }>;

/**
 * Throws ManifestError for a request that cannot be sent, LockfileError for a damaged lockfile;
 * writes nothing. `early` is startOutputProbe's, when the caller started it before loading.
 * Every lock entry is read whole, as a render (and `pull`) needs them.
 */
export function planManifest(
  manifest: Manifest,
  early: OutputProbe | undefined = startOutputProbe(manifest.path),
): Promise<PlannedManifest> {
  return planWith(manifest, early, (byId, _hashes, share) =>
    readManifestLock(manifest.path, byId, share),
  );
}

/**
 * planManifest for a plan that is shown, not rendered (`agentframer plan`): the lock is read as
 * a plan reads it (state/plan-lock.ts), and an unchanged asset's plan entry has no `lock`.
 */
export function planManifestToShow(
  manifest: Manifest,
  early: OutputProbe | undefined = startOutputProbe(manifest.path),
): Promise<PlannedManifest<PlanLock>> {
  return planWith(manifest, early, (byId, hashes, share) =>
    readManifestPlanLock(manifest.path, byId, hashes, share),
  );
}

async function planWith<L extends LockToPlan>(
  manifest: Manifest,
  early: OutputProbe | undefined,
  readLock: LockReader<L>,
): Promise<PlannedManifest<L>> {
  // The loader's temporaries are all garbage now: collected before the plan's own data arrives.
  collectAfterLoad(manifest.assets.length);
  // One list of the outputs by place, for the probe, the stat index and the states.
  const outputs = manifest.assets.map((a) => a.output);
  // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
  // those whose request is unchanged are looked at, but which ones is not known until then.
  const probe = early ?? probeOutputs(manifest.dir, { outputs }, { hash: false });
  const hashes = hashAssets(manifest.assets);
  // byId also answers which ids the manifest has: no second collection of 51,000 ids (and it is
  // built only if the lock reader looks an id up).
  const { share, lockPlace, byId } = shareAssetStrings(manifest.assets, hashes);
  const [{ lock, path: lockPath, adoptedFrom }, index] = await Promise.all([
    readLock(byId, hashes, share),
    // The index says which outputs need no second look: never one a commit put there. Loaded by
    // the manifest's outputs, it keeps no entry for an output no asset writes.
    verifyStateDir(manifest.dir).then(() => StatIndex.load(manifest.dir, outputs)),
  ]);
  // The early probe keeps outputs in the lockfile's order, not the manifest's.
  const answers = await probe?.finish(early === undefined ? {} : { places: lockPlace });
  const locked = lockedBytes(manifest.assets, lock, hashes);
  const states = await readOutputStates(manifest.dir, outputs, locked, index, answers);
  const plan = planAssets(manifest.assets, lock, states, hashes, {
    outputsInStore: manifest.outputs === "store",
    // The loader refuses a second asset with an id already taken.
    uniqueIds: true,
  });
  // Variants only where the outputs are on disk: with outputs in the store there are none.
  if (manifest.outputs !== "store") await planAllVariants(plan, manifest.dir);
  return { plan, lock, lockPath, index, ...(adoptedFrom === undefined ? {} : { adoptedFrom }) };
}
