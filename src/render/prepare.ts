import { loadManifest } from "../manifest/load.js";
import type { Manifest } from "../manifest/types.js";
import type { PlannedManifest } from "../plan/plan-manifest.js";
import { planManifest } from "../plan/plan-manifest.js";
import type { PlanEntry } from "../plan/types.js";
import type { CacheStore } from "../state/local-cache.js";
import type { RenderConfig } from "./config.js";
import { unmatchedPatternsError } from "./refusals.js";
import type { InFlightRecord, Journal } from "../state/journal.js";
import { isInFlight } from "../state/journal.js";
import type { Selection } from "./select.js";
import { selectEntries } from "./select.js";
import { runPool } from "../util/pool.js";

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
  const stale: string[] = [];
  for (const record of (await journal.readAll()).filter(isInFlight)) {
    const entry = wanted.get(record.id);
    if (entry !== undefined && entry.hash === record.hash) resumable.set(record.id, record);
    else if (ours.has(record.id) && !excluded.has(record.id)) stale.push(record.id);
  }
  await journal.removeAll(stale);
  return resumable;
}

/** Cache probes in flight at once: each is one small file read. */
const PROBE_CONCURRENCY = 64;

/** Split what must be produced into cache restores and jobs to run, in plan order. */
export async function splitByCache(
  toRender: readonly PlanEntry[],
  cache: CacheStore,
  force: boolean,
  resumable: ReadonlyMap<string, InFlightRecord>,
): Promise<{ restore: PlanEntry[]; jobs: PlanEntry[] }> {
  // A job already paid for is picked up rather than bypassed; --force never restores.
  const candidates = force ? [] : toRender.filter((entry) => !resumable.has(entry.id));
  // Only the entries whose meta is listed are read (and a bad one discarded, as peek does).
  const listed = await cache.listed(candidates.map((entry) => entry.hash));
  const hits = new Set<PlanEntry>();
  await runPool(
    candidates.filter((entry) => listed.has(entry.hash)),
    PROBE_CONCURRENCY,
    async (entry) => {
      if ((await cache.peek(entry.hash)) !== undefined) hits.add(entry);
    },
  );
  return {
    restore: toRender.filter((entry) => hits.has(entry)),
    jobs: toRender.filter((entry) => !hits.has(entry)),
  };
}
