import { loadManifest } from "../manifest/load.js";
import type { Manifest } from "../manifest/types.js";
import { readManifestLock, writeLockfile } from "../plan/lockfile.js";
import type { PlannedManifest } from "../plan/plan-manifest.js";
import { planManifest } from "../plan/plan-manifest.js";
import type { PlanEntry } from "../plan/types.js";
import type { CacheStore } from "../plan/cache.js";
import type { RenderConfig } from "./config.js";
import { unmatchedPatternsError } from "./refusals.js";
import type { InFlightRecord, Journal } from "./journal.js";
import { isInFlight } from "./journal.js";
import type { Selection } from "./select.js";
import { selectEntries } from "./select.js";

/** What a run will do, decided before any request: the plan, the selection, and its job count. */
export interface Prepared extends PlannedManifest {
  manifest: Manifest;
  selection: Selection;
}

/**
 * Load, plan and select — reading only. The action's fork-PR path (no key, nothing may be written)
 * and `render` both start here.
 */
export async function planFor(config: RenderConfig): Promise<Prepared> {
  return prepare(await loadManifest(config.manifestPath), config);
}

export async function prepare(manifest: Manifest, config: RenderConfig): Promise<Prepared> {
  const planned = await planManifest(manifest);
  const selection = selectEntries(planned.plan, config);
  if (selection.unmatched.length > 0) {
    throw unmatchedPatternsError(
      selection.unmatched,
      manifest.assets.map((a) => a.id),
    );
  }
  return { ...planned, manifest, selection };
}

/**
 * Fold the journal's completed records into the lockfile before planning: they are assets an
 * earlier run finished (output and cache written) but had not yet written into the lockfile when
 * it stopped. Afterwards the plan sees them as unchanged and they cost nothing.
 *
 * Records a forced run left are kept when this run is forced too (it is that run, started again):
 * the returned map (id → hash) names what it already rendered, so it is not rendered twice. A run
 * without --force ends any forced run, and drops them.
 */
export async function foldCompletedRecords(
  manifest: Manifest,
  journal: Journal,
  force: boolean,
): Promise<Map<string, string>> {
  // Another manifest in the same folder shares the journal: its records are not this lock's.
  const ids = new Set(manifest.assets.map((a) => a.id));
  const completed = (await journal.readAll()).filter(
    (r): r is Extract<typeof r, { state: "completed" }> => r.state === "completed" && ids.has(r.id),
  );
  const forcedDone = new Map<string, string>();
  if (completed.length === 0) return forcedDone;
  const { lock, path } = await readManifestLock(manifest.path, ids);
  for (const record of completed) lock.assets[record.id] = record.entry;
  await writeLockfile(path, lock);
  for (const record of completed) {
    if (force && record.forced) forcedDone.set(record.id, record.hash);
    else await journal.remove(record.id);
  }
  return forcedDone;
}

/** A forced run started again: what it already rendered counts as unchanged this time. */
export function skipForcedDone(
  selection: Selection,
  forcedDone: ReadonlyMap<string, string>,
): void {
  if (forcedDone.size === 0) return;
  const done = (e: PlanEntry): boolean => forcedDone.get(e.id) === e.hash;
  selection.unchanged.push(...selection.toRender.filter(done));
  selection.toRender = selection.toRender.filter((e) => !done(e));
}

/**
 * The journal's jobs in flight that this run can pick up, by asset id. A record whose hash no
 * longer matches what the asset asks for is a job for an older request: nobody wants its result,
 * so it is forgotten (its key is never reused for the new request; the new hash makes a new key).
 */
export async function resumableJobs(
  journal: Journal,
  prepared: Prepared,
): Promise<Map<string, InFlightRecord>> {
  const wanted = new Map(prepared.selection.toRender.map((e) => [e.id, e]));
  // Records of ids outside this run's selection, or of another manifest sharing the folder's
  // journal, stay for a later run.
  const excluded = new Set(prepared.selection.excluded.map((e) => e.id));
  const ours = new Set(prepared.manifest.assets.map((a) => a.id));
  const resumable = new Map<string, InFlightRecord>();
  for (const record of (await journal.readAll()).filter(isInFlight)) {
    const entry = wanted.get(record.id);
    if (entry !== undefined && entry.hash === record.hash) resumable.set(record.id, record);
    else if (ours.has(record.id) && !excluded.has(record.id)) await journal.remove(record.id);
  }
  return resumable;
}

/** Split what must be produced into cache restores and jobs to run. */
export async function splitByCache(
  toRender: readonly PlanEntry[],
  cache: CacheStore,
  force: boolean,
  resumable: ReadonlyMap<string, InFlightRecord>,
): Promise<{ restore: PlanEntry[]; jobs: PlanEntry[] }> {
  const restore: PlanEntry[] = [];
  const jobs: PlanEntry[] = [];
  for (const entry of toRender) {
    // A job already paid for is picked up rather than bypassed; --force never restores.
    const cached =
      !force && !resumable.has(entry.id) && (await cache.peek(entry.hash)) !== undefined;
    (cached ? restore : jobs).push(entry);
  }
  return { restore, jobs };
}
