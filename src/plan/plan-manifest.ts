/** Plan a loaded manifest: read the lock and the outputs, then the pure plan. */
import { existsSync } from "node:fs";
import type { Asset, Manifest } from "../manifest/types.js";
import { collectAfterLoad } from "../util/collect-garbage.js";
import { hashAssets } from "./hash.js";
import { lockfilePath, readLockfile, type ShareStrings } from "./lockfile.js";
import type { Lockfile } from "./lock-types.js";
import { probeOutputs, readOutputStates, type OutputProbe } from "./output-state.js";
import { outputsToCheck, planAssets } from "./plan.js";
import { StatIndex, statIndexPath } from "./stat-index.js";
import type { Plan } from "./types.js";

export interface PlannedManifest {
  plan: Plan;
  /** The lockfile as read, for the render engine to update and write back. */
  lock: Lockfile;
  lockPath: string;
  /**
   * The stat index, refreshed with every output plan hashed. Nothing is written until the caller
   * calls `index.save()`; the render engine records its outputs into it first.
   */
  index: StatIndex;
}

/**
 * Lets the lock's entries hold the manifest's own strings for their output path and (when it is
 * unchanged) request hash, instead of equal copies: two strings fewer per asset on a large lock.
 */
function shareAssetStrings(assets: readonly Asset[], hashes: readonly string[]): ShareStrings {
  const byId = new Map<string, number>();
  for (let i = 0; i < assets.length; i++) byId.set((assets[i] as Asset).id, i);
  return (id, entry) => {
    const i = byId.get(id);
    if (i === undefined) return;
    const { output } = assets[i] as Asset;
    if (entry["output"] === output) entry["output"] = output;
    if (entry["hash"] === hashes[i]) entry["hash"] = hashes[i];
  };
}

/**
 * Without a stat index (a fresh checkout) every locked output must be read and hashed: worth
 * starting before the manifest is loaded, from the paths the lockfile names, so that the two
 * overlap. Call it first and pass the probe to planManifest; `undefined` when there is an index
 * (then only stat calls are left, and planManifest starts them once it knows the outputs).
 */
export function startOutputProbe(manifestDir: string): OutputProbe | undefined {
  if (existsSync(statIndexPath(manifestDir))) return undefined;
  return probeOutputs(manifestDir, { lockPath: lockfilePath(manifestDir) }, { hash: true });
}

/**
 * Throws ManifestError for a request that cannot be sent, LockfileError for a damaged lockfile;
 * writes nothing. `early` is startOutputProbe's, when the caller started it before loading.
 */
export async function planManifest(
  manifest: Manifest,
  early: OutputProbe | undefined = startOutputProbe(manifest.dir),
): Promise<PlannedManifest> {
  // The loader's temporaries are all garbage now: collected before the plan's own data arrives.
  collectAfterLoad(manifest.assets.length);
  const lockPath = lockfilePath(manifest.dir);
  // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
  // those whose request is unchanged are looked at, but which ones is not known until then.
  const probe =
    early ??
    probeOutputs(manifest.dir, { outputs: manifest.assets.map((a) => a.output) }, { hash: false });
  const hashes = hashAssets(manifest.assets);
  const [lock, index] = await Promise.all([
    readLockfile(lockPath, shareAssetStrings(manifest.assets, hashes)),
    StatIndex.load(manifest.dir),
  ]);
  const states = await readOutputStates(
    manifest.dir,
    outputsToCheck(manifest.assets, lock, hashes),
    index,
    await probe?.finish(),
  );
  const outputs = new Set<string>();
  for (const asset of manifest.assets) outputs.add(asset.output);
  index.retain(outputs);
  return { plan: planAssets(manifest.assets, lock, states, hashes), lock, lockPath, index };
}
