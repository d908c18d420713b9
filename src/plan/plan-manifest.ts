/** Plan a loaded manifest: read the lock and the outputs, then the pure plan. */
import { existsSync } from "node:fs";
import type { Manifest } from "../manifest/types.js";
import { hashAssets } from "./hash.js";
import { lockfilePath, readLockfile } from "./lockfile.js";
import type { Lockfile } from "./lock-types.js";
import { probeOutputs, readOutputStates } from "./output-state.js";
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

/** Throws ManifestError for a request that cannot be sent, LockfileError for a damaged lockfile; writes nothing. */
export async function planManifest(manifest: Manifest): Promise<PlannedManifest> {
  const lockPath = lockfilePath(manifest.dir);
  // Every output is stat-ed on a second thread while this one reads the lock and hashes; only
  // those whose request is unchanged are looked at, but which ones is not known until then.
  // Without a stat index every one of them is read, so the thread reads and hashes them too.
  const probe = probeOutputs(
    manifest.dir,
    manifest.assets.map((a) => a.output),
    { hash: !existsSync(statIndexPath(manifest.dir)) },
  );
  const [lock, index] = await Promise.all([readLockfile(lockPath), StatIndex.load(manifest.dir)]);
  const hashes = hashAssets(manifest.assets);
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
